#pragma once
// Lesson "challenges": why deep networks were hard to train end to end, how greedy
// layer-wise pre-training worked around it (Bengio et al. 2007), and what made it
// unnecessary (Fundamentals of Deep Learning, ch. 4, opening).
#include <QCoreApplication>

#include "lessons/common/lesson.h"

namespace minima {

class ChallengesLesson : public Lesson {
    Q_DECLARE_TR_FUNCTIONS(minima::ChallengesLesson)

public:
    QString id() const override;
    QString title() const override;
    QString summary() const override;
    QWidget* createPage(LessonContext& context, QWidget* parent) const override;
};

} // namespace minima
