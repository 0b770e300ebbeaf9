#include "lessons/challenges/challengeslesson.h"

#include <QCoreApplication>

#include "lessons/challenges/depthlab.h"
#include "lessons/challenges/pretraininglab.h"
#include "lessons/challenges/recipeslab.h"
#include "lessons/common/lessonpage.h"

namespace minima {

QString ChallengesLesson::id() const { return QStringLiteral("challenges"); }

QString ChallengesLesson::title() const
{
    return tr("The challenges of training deep networks");
}

QString ChallengesLesson::summary() const
{
    return tr("Why deep sigmoid networks stalled under gradient descent, how greedy "
                                       "layer-wise pre-training helped, and what made it unnecessary.");
}

QWidget* ChallengesLesson::createPage(LessonContext& context, QWidget* parent) const
{
    auto* page = new LessonPage(context, id(), parent);
    page->addLab(tr("Deeper is harder"),
                 QStringLiteral(":/lessons/challenges/depth.md"), new DepthLab(context));
    page->addLab(tr("Greedy pre-training"),
                 QStringLiteral(":/lessons/challenges/pretraining.md"), new PretrainingLab(context));
    page->addLab(tr("What changed"),
                 QStringLiteral(":/lessons/challenges/recipes.md"), new RecipesLab(context));
    page->addExercises();
    return page;
}

} // namespace minima
