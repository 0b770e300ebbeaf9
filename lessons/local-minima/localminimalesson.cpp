#include "lessons/local-minima/localminimalesson.h"

#include <QCoreApplication>

#include "lessons/common/lessonpage.h"
#include "lessons/local-minima/antlab.h"
#include "lessons/local-minima/descentlab.h"
#include "lessons/local-minima/escapelab.h"

namespace minima {

QString LocalMinimaLesson::id() const { return QStringLiteral("local-minima"); }

QString LocalMinimaLesson::title() const { return tr("Local minima"); }

QString LocalMinimaLesson::summary() const
{
    return tr("Gradient descent sees only where it stands: on a bowl it finds the bottom, on other surfaces the start "
              "picks the valley, and mini-batch noise escapes shallow minima but not deep ones.");
}

QWidget* LocalMinimaLesson::createPage(LessonContext& context, QWidget* parent) const
{
    auto* page = new LessonPage(context, id(), parent);
    page->addLab(tr("The ant's view"), QStringLiteral(":/lessons/local-minima/ant.md"), new AntLab(context));
    page->addLab(tr("Where gradient descent ends"), QStringLiteral(":/lessons/local-minima/descent.md"),
                 new DescentLab(context));
    page->addLab(tr("Figure 4-1, measured"), QStringLiteral(":/lessons/local-minima/escape.md"), new EscapeLab(context));
    page->addExercises();
    return page;
}

} // namespace minima
