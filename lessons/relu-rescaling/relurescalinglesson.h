#pragma once
// Lesson 5 of the chapter's opening: ReLU rescaling. Multiplying a ReLU neuron's incoming
// weights and bias by k and its outgoing weights by 1/k keeps the network's function for
// k > 0 only (the book says "any nonzero k"); the minima form continuous valleys, and
// sharpness is not invariant under the rescaling (Dinh et al. 2017).
#include <QCoreApplication>

#include "lessons/common/lesson.h"

namespace minima {

class ReluRescalingLesson : public DescribedLesson {
    Q_DECLARE_TR_FUNCTIONS(minima::ReluRescalingLesson)

public:
    LessonDescriptor describe() const override;
};

} // namespace minima
