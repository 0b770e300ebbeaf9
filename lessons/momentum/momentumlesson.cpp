#include "lessons/momentum/momentumlesson.h"

#include <QCoreApplication>

#include "lessons/momentum/heavyballlab.h"

namespace minima {

LessonDescriptor MomentumLesson::describe() const
{
    return {QStringLiteral("momentum"),
            tr("The wrong direction, and momentum"),
            tr("On a stretched bowl the gradient does not point at the minimum and the steep direction limits "
               "the step, so descent zig-zags; momentum averages past gradients and converges much faster."),
            {
                // lab 1: the gradient points the wrong way
                labOf<HeavyBallLab>(QStringLiteral("momentum"), tr("Momentum"), QStringLiteral("momentum.md")),
                // lab 3: momentum under noise
            }};
}

} // namespace minima
