#include "lessons/convexity/convexitylesson.h"

#include <QCoreApplication>

#include "lessons/common/lessonpage.h"
#include "lessons/convexity/bowllab.h"
#include "lessons/convexity/chordlab.h"
#include "lessons/convexity/twinlab.h"

namespace minima {

QString ConvexityLesson::id() const { return QStringLiteral("convexity"); }

QString ConvexityLesson::title() const { return tr("Convex and nonconvex surfaces"); }

QString ConvexityLesson::summary() const
{
    return tr("Chords above the graph, the learning rates that work on a convex bowl, and why two equivalent "
              "networks make a network's loss nonconvex.");
}

QWidget* ConvexityLesson::createPage(LessonContext& context, QWidget* parent) const
{
    auto* page = new LessonPage(context, id(), parent);
    page->addLab(tr("What convex means"), QStringLiteral(":/lessons/convexity/chords.md"), new ChordLab(context));
    page->addLab(tr("The learning rate on a bowl"), QStringLiteral(":/lessons/convexity/bowl.md"), new BowlLab(context));
    page->addLab(tr("Why a network is not convex"), QStringLiteral(":/lessons/convexity/twins.md"), new TwinLab(context));
    page->addExercises();
    return page;
}

} // namespace minima
