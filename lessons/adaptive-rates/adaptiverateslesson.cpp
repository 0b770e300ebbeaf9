#include "lessons/adaptive-rates/adaptiverateslesson.h"

#include <QCoreApplication>

#include "lessons/adaptive-rates/racelab.h"

namespace minima {

LessonDescriptor AdaptiveRatesLesson::describe() const
{
    return {QStringLiteral("adaptive-rates"),
            tr("Adaptive learning rates"),
            tr("AdaGrad, RMSProp and Adam give every parameter its own learning rate; raced against each other and "
               "the rest of the engine's optimizers, none wins on every problem."),
            {
                labOf<RaceLab>(QStringLiteral("race"), tr("The race"), QStringLiteral("race.md")),
            }};
}

} // namespace minima
