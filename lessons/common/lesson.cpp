#include "lessons/common/lesson.h"

#include "lessons/common/lessonpage.h"

namespace minima {

QString DescribedLesson::id() const { return describe().id; }
QString DescribedLesson::title() const { return describe().title; }
QString DescribedLesson::summary() const { return describe().summary; }

QString DescribedLesson::textResource(const QString& lessonId, const QString& file)
{
    return QStringLiteral(":/lessons/") + lessonId + QLatin1Char('/') + file;
}

QWidget* DescribedLesson::createPage(LessonContext& context, QWidget* parent) const
{
    const LessonDescriptor d = describe();
    auto* page = new LessonPage(context, d.id, parent);
    for (const LabDescriptor& lab : d.labs) page->addLab(lab.title, textResource(d.id, lab.textFile), lab.make(context), lab.id);
    page->addExercises();
    return page;
}

} // namespace minima
