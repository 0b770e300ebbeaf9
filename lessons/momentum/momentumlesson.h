#pragma once
// Lesson 7: on an ill-conditioned surface the gradient is not the way to the minimum and the
// curvature limits the step, so steepest descent zig-zags; momentum (Polyak 1964) averages
// the gradients and takes the square root of the condition number out of the rate (Goh,
// "Why Momentum Really Works", Distill 2017).
#include <QCoreApplication>

#include "lessons/common/lesson.h"

namespace minima {

class MomentumLesson : public DescribedLesson {
    Q_DECLARE_TR_FUNCTIONS(minima::MomentumLesson)

public:
    LessonDescriptor describe() const override;
};

} // namespace minima
