#include "lessons/relu-rescaling/relurescalinglesson.h"

#include <QCoreApplication>

#include "lessons/relu-rescaling/homogeneitylab.h"
#include "lessons/relu-rescaling/rescalelab.h"
#include "lessons/relu-rescaling/sharpnesslab.h"
#include "lessons/relu-rescaling/valleylab.h"

namespace minima {

LessonDescriptor ReluRescalingLesson::describe() const
{
    return {QStringLiteral("relu-rescaling"),
            tr("ReLU rescaling"),
            tr("Scale a ReLU neuron's incoming weights by k and its outgoing weights by 1/k: the same network for "
              "k > 0, a different one for k < 0, and a different sharpness either way."),
            {
                labOf<RescaleLab>(QStringLiteral("rescale"), tr("Rescale a neuron"), QStringLiteral("rescale.md")),
                labOf<HomogeneityLab>(QStringLiteral("proof"), tr("The proof, visualised"), QStringLiteral("proof.md")),
                labOf<ValleyLab>(QStringLiteral("valley"), tr("A valley of minima"), QStringLiteral("valley.md")),
                labOf<SharpnessLab>(QStringLiteral("sharpness"), tr("Same function, different sharpness"), QStringLiteral("sharpness.md")),
            }};
}

} // namespace minima
