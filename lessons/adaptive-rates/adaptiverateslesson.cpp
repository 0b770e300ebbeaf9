#include "lessons/adaptive-rates/adaptiverateslesson.h"

#include <QCoreApplication>

#include "lessons/adaptive-rates/perparameterlab.h"
#include "lessons/adaptive-rates/biascorrectionlab.h"
#include "lessons/adaptive-rates/racelab.h"

namespace minima {

LessonDescriptor AdaptiveRatesLesson::describe() const
{
    return {QStringLiteral("adaptive-rates"),
            tr("Adaptive learning rates"),
            tr("AdaGrad, RMSProp and Adam give every parameter its own learning rate; raced against the rest of the "
               "engine's optimizers, no first-order method wins on every problem."),
            {
                labOf<PerParameterLab>(QStringLiteral("per-parameter"), tr("A learning rate per parameter"), QStringLiteral("perparameter.md")),
                labOf<BiasCorrectionLab>(QStringLiteral("bias-correction"), tr("Adam's bias correction"), QStringLiteral("biascorrection.md")),
                labOf<RaceLab>(QStringLiteral("race"), tr("The race"), QStringLiteral("race.md")),
            }};
}

} // namespace minima
