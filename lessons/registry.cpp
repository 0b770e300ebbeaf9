#include "lessons/registry.h"

#include "lessons/challenges/challengeslesson.h"
#include "lessons/local-minima/localminimalesson.h"
#include "lessons/convexity/convexitylesson.h"
#include "lessons/identifiability/identifiabilitylesson.h"
#include "lessons/relu-rescaling/relurescalinglesson.h"
#include "lessons/spurious-minima/spuriousminimalesson.h"
#include "lessons/momentum/momentumlesson.h"
#include "lessons/second-order/secondorderlesson.h"
#include "lessons/adaptive-rates/adaptiverateslesson.h"

// One include and one line per lesson, in the book's order.

namespace minima {

static LessonList makeLessons()
{
    LessonList list;
    list.push_back(std::make_shared<ChallengesLesson>());
    list.push_back(std::make_shared<LocalMinimaLesson>());
    list.push_back(std::make_shared<ConvexityLesson>());
    list.push_back(std::make_shared<IdentifiabilityLesson>());
    list.push_back(std::make_shared<ReluRescalingLesson>());
    list.push_back(std::make_shared<SpuriousMinimaLesson>());
    list.push_back(std::make_shared<MomentumLesson>());
    list.push_back(std::make_shared<SecondOrderLesson>());
    list.push_back(std::make_shared<AdaptiveRatesLesson>());
    return list;
}

const LessonList& shippedLessons()
{
    static const LessonList lessons = makeLessons();
    return lessons;
}

} // namespace minima
