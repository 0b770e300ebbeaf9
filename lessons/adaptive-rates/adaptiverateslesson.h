#pragma once
// Lesson 9: per-parameter learning rates. AdaGrad divides each coordinate's step by the root of
// its summed squared gradients, RMSProp by a decaying average of them, and Adam adds momentum
// and corrects both averages for their start at zero (Duchi, Hazan & Singer 2011; Tieleman &
// Hinton 2012; Kingma & Ba 2015). No first-order method wins on every problem (Schaul, Antonoglou &
// Silver 2014, "Unit tests for stochastic optimization").
#include <QCoreApplication>

#include "lessons/common/lesson.h"

namespace minima {

class AdaptiveRatesLesson : public DescribedLesson {
    Q_DECLARE_TR_FUNCTIONS(minima::AdaptiveRatesLesson)

public:
    LessonDescriptor describe() const override;
};

} // namespace minima
