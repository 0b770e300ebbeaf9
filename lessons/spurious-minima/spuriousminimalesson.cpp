#include "lessons/spurious-minima/spuriousminimalesson.h"

#include <QCoreApplication>

#include "lessons/spurious-minima/criticallab.h"

namespace minima {

LessonDescriptor SpuriousMinimaLesson::describe() const
{
    return {QStringLiteral("spurious-minima"),
            tr("Spurious minima and saddle points"),
            tr("Do spurious local minima stop training? The line from start to solution falls without a bump; "
               "the harder problems are flat regions and saddle points, and most critical points are saddles."),
            {
                // lab 1: interpolation (from the start to the solution)
                // lab 2: saddle points
                labOf<CriticalLab>(QStringLiteral("critical-points"), tr("Most critical points are saddles"),
                                   QStringLiteral("critical-points.md")),
            }};
}

} // namespace minima
