#include "lessons/second-order/secondorderlesson.h"

#include <QCoreApplication>

#include "lessons/second-order/newtonlab.h"
#include "lessons/second-order/conjugatelab.h"
#include "lessons/second-order/quasinewtonlab.h"

namespace minima {

LessonDescriptor SecondOrderLesson::describe() const
{
    return {QStringLiteral("second-order"),
            tr("Second-order methods"),
            tr("Newton's method steps to the minimum of the local quadratic model but needs the Hessian; conjugate "
               "gradients and the quasi-Newton methods BFGS and L-BFGS use curvature without storing it."),
            {
                labOf<NewtonLab>(QStringLiteral("newton"), tr("Newton's step"), QStringLiteral("newton.md")),
                labOf<ConjugateLab>(QStringLiteral("conjugate"), tr("Conjugate gradients"), QStringLiteral("conjugate.md")),
                labOf<QuasiNewtonLab>(QStringLiteral("quasi-newton"), tr("BFGS and L-BFGS"), QStringLiteral("quasinewton.md")),
            }};
}

} // namespace minima
