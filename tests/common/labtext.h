#pragma once
// The text a lesson's page shows beside one of its labs, as a learner reads it: the page is
// built, the tab found by its title, and the page's first figures left to finish before it goes.
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>

#include <memory>

#include "lessons/common/lesson.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "common/testbudget.h"

namespace minima::test {

// The plain text beside the lab titled `title` on `lesson`'s page; empty when no tab has that
// title. Lab texts that fail to load say "missing from this build" in their place; a page whose
// first figures do not finish within the test budget gives a sentence saying so instead.
inline QString labTextOnPage(const Lesson& lesson, LessonContext& context, const QString& title)
{
    std::unique_ptr<QWidget> widget(lesson.createPage(context, nullptr));
    QString text;
    if (auto* page = qobject_cast<LessonPage*>(widget.get()))
        for (int i = 0; i < page->labCount(); ++i)
            if (page->tabs()->tabText(i) == title) text = page->labText(i)->toPlainText();
    if (!QTest::qWaitFor([&] { return context.pendingWork() == 0; }, waitMs(60000)))
        return QStringLiteral("(the page's first figures never finished)");
    return text;
}

} // namespace minima::test
