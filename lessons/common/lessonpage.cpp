#include "lessons/common/lessonpage.h"

#include <QFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "lessons/common/exercises/exercisepanel.h"
#include "lessons/common/lessoncontext.h"

namespace minima {

LessonPage::LessonPage(LessonContext& context, const QString& lessonId, QWidget* parent)
    : QWidget(parent), context_(context), lessonId_(lessonId), tabs_(new QTabWidget(this))
{
    setObjectName(QStringLiteral("lessonPage-") + lessonId);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    tabs_->setObjectName(QStringLiteral("labTabs"));
    tabs_->setDocumentMode(true);
    tabs_->setAccessibleName(tr("Labs of this lesson"));
    layout->addWidget(tabs_);
}

QString LessonPage::readText(const QString& resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly)) return tr("*The text of this lab (%1) is missing from this build.*").arg(resource);
    return QString::fromUtf8(file.readAll());
}

int LessonPage::addLab(const QString& title, const QString& textResource, QWidget* figure)
{
    auto* splitter = new QSplitter(Qt::Horizontal, tabs_);
    splitter->setChildrenCollapsible(false);
    auto* text = new QTextBrowser(splitter);
    text->setObjectName(QStringLiteral("labText"));
    text->setOpenExternalLinks(true);
    text->setMarkdown(readText(textResource));
    text->setAccessibleName(tr("%1: explanation").arg(title));
    text->setMinimumWidth(240);
    figure->setParent(splitter);
    figure->setProperty("minimaFigure", true);
    figure->setAccessibleName(tr("%1: figure").arg(title));
    splitter->addWidget(text);
    splitter->addWidget(figure);
    // Text about a third, the figure the rest.
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({360, 720});
    figures_.append(figure);
    texts_.append(text);
    return tabs_->addTab(splitter, title);
}

int LessonPage::addExercises()
{
    auto* panel = new ExercisePanel(context_, lessonId_, tabs_);
    panel->setObjectName(QStringLiteral("exercisePanel"));
    return tabs_->addTab(panel, tr("Exercises"));
}

int LessonPage::labCount() const { return int(figures_.size()); }

QWidget* LessonPage::currentFigure() const
{
    const int i = tabs_->currentIndex();
    return i >= 0 && i < figures_.size() ? figures_[i] : nullptr;
}

QTextBrowser* LessonPage::labText(int index) const
{
    return index >= 0 && index < texts_.size() ? texts_[index] : nullptr;
}

} // namespace minima
