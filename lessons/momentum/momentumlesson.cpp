#include "lessons/momentum/momentumlesson.h"

#include <QCoreApplication>

#include "lessons/momentum/directionlab.h"
#include "lessons/momentum/heavyballlab.h"
#include "lessons/momentum/noiselab.h"

namespace minima {

LessonDescriptor MomentumLesson::describe() const
{
    return {QStringLiteral("momentum"),
            tr("The wrong direction, and momentum"),
            tr("On a stretched bowl the gradient does not point at the minimum and the steep direction limits "
               "the step, so descent zig-zags; momentum averages past gradients and converges much faster."),
            {
                labOf<DirectionLab>(QStringLiteral("direction"), tr("The gradient points the wrong way"),
                                    QStringLiteral("direction.md")),
                labOf<HeavyBallLab>(QStringLiteral("momentum"), tr("Momentum"), QStringLiteral("momentum.md")),
                labOf<NoiseLab>(QStringLiteral("noise"), tr("Momentum under noise"), QStringLiteral("noise.md")),
            }};
}

} // namespace minima
