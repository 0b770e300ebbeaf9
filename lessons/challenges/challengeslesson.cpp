#include "lessons/challenges/challengeslesson.h"

#include <QCoreApplication>

#include "lessons/challenges/depthlab.h"
#include "lessons/challenges/pretraininglab.h"
#include "lessons/challenges/recipeslab.h"

namespace minima {

LessonDescriptor ChallengesLesson::describe() const
{
    return {QStringLiteral("challenges"),
            tr("The challenges of training deep networks"),
            tr("Why deep sigmoid networks stalled under gradient descent, how greedy "
                                       "layer-wise pre-training helped, and what made it unnecessary."),
            {
                labOf<DepthLab>(QStringLiteral("depth"), tr("Deeper is harder"), QStringLiteral("depth.md")),
                labOf<PretrainingLab>(QStringLiteral("pretraining"), tr("Greedy pre-training"), QStringLiteral("pretraining.md")),
                labOf<RecipesLab>(QStringLiteral("recipes"), tr("What changed"), QStringLiteral("recipes.md")),
            }};
}

} // namespace minima
