#include "lessons/spurious-minima/spuriousminimalesson.h"

#include <QCoreApplication>

#include "lessons/spurious-minima/interpolationlab.h"
#include "lessons/spurious-minima/saddlelab.h"
#include "lessons/spurious-minima/criticallab.h"

namespace minima {

LessonDescriptor SpuriousMinimaLesson::describe() const
{
    return {QStringLiteral("spurious-minima"),
            tr("Spurious minima and saddle points"),
            tr("Do spurious local minima stop training? The line from start to solution falls without a bump; "
               "the harder problems are flat regions and saddle points, and most critical points are saddles."),
            {
                labOf<InterpolationLab>(QStringLiteral("interpolation"), tr("From the start to the solution"),
                                        QStringLiteral("interpolation.md")),
                labOf<SaddleLab>(QStringLiteral("saddles"), tr("Saddle points"), QStringLiteral("saddles.md")),
                labOf<CriticalLab>(QStringLiteral("critical-points"), tr("Most critical points are saddles"),
                                   QStringLiteral("critical-points.md")),
            }};
}

} // namespace minima
