#pragma once
// Lesson 8: methods that use curvature. Newton's method jumps to the minimum of the local
// quadratic model, but needs the Hessian (n² numbers, n³ work to solve with it) and is drawn to
// saddles and maxima; conjugate gradients reach a quadratic's minimum in at most n steps
// without storing it; BFGS and L-BFGS build an inverse-Hessian estimate from gradients alone
// (Nocedal & Wright, "Numerical Optimization", 2nd ed., chapters 3, 5, 6 and 7).
#include <QCoreApplication>

#include "lessons/common/lesson.h"

namespace minima {

class SecondOrderLesson : public DescribedLesson {
    Q_DECLARE_TR_FUNCTIONS(minima::SecondOrderLesson)

public:
    LessonDescriptor describe() const override;
};

} // namespace minima
