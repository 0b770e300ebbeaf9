#include "lessons/identifiability/identifiabilitylesson.h"

#include <QCoreApplication>

#include "lessons/identifiability/alignlab.h"
#include "lessons/identifiability/bruteforcelab.h"
#include "lessons/identifiability/countlab.h"
#include "lessons/identifiability/rearrangelab.h"

namespace minima {

LessonDescriptor IdentifiabilityLesson::describe() const
{
    return {QStringLiteral("identifiability"),
            tr("Model identifiability"),
            tr("Rearranging a layer's neurons gives the same network: n!ˡ equivalent "
                                       "arrangements, and as many equivalent minima."),
            {
                labOf<RearrangeLab>(QStringLiteral("rearrange"), tr("Rearrange the neurons"), QStringLiteral("rearrange.md")),
                labOf<CountLab>(QStringLiteral("count"), tr("Count"), QStringLiteral("count.md")),
                labOf<BruteForceLab>(QStringLiteral("bruteforce"), tr("Check by brute force"), QStringLiteral("bruteforce.md")),
                labOf<AlignLab>(QStringLiteral("align"), tr("Align two networks"), QStringLiteral("align.md")),
            }};
}

} // namespace minima
