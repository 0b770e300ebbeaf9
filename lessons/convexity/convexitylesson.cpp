#include "lessons/convexity/convexitylesson.h"

#include <QCoreApplication>

#include "lessons/convexity/bowllab.h"
#include "lessons/convexity/chordlab.h"
#include "lessons/convexity/twinlab.h"

namespace minima {

LessonDescriptor ConvexityLesson::describe() const
{
    return {QStringLiteral("convexity"),
            tr("Convex and nonconvex surfaces"),
            tr("Chords above the graph, the learning rates that work on a convex bowl, and why two equivalent "
              "networks make a network's loss nonconvex."),
            {
                labOf<ChordLab>(QStringLiteral("chords"), tr("What convex means"), QStringLiteral("chords.md")),
                labOf<BowlLab>(QStringLiteral("bowl"), tr("The learning rate on a bowl"), QStringLiteral("bowl.md")),
                labOf<TwinLab>(QStringLiteral("twins"), tr("Why a network is not convex"), QStringLiteral("twins.md")),
            }};
}

} // namespace minima
