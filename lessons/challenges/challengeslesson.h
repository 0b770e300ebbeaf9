#pragma once
// Lesson "challenges": why deep networks were hard to train end to end, how greedy
// layer-wise pre-training worked around it (Bengio et al. 2007), and what made it
// unnecessary (Fundamentals of Deep Learning, ch. 4, opening).
#include <QCoreApplication>

#include "lessons/common/lesson.h"

namespace minima {

class ChallengesLesson : public DescribedLesson {
    Q_DECLARE_TR_FUNCTIONS(minima::ChallengesLesson)

public:
    LessonDescriptor describe() const override;
};

} // namespace minima
