#pragma once
// Model identifiability (Fundamentals of Deep Learning, ch. 4): rearranging the neurons of
// a hidden layer gives the same network, so a layer of n has n! equivalent arrangements and
// l such layers n!^l; the error surface has as many equivalent minima.
#include <QCoreApplication>

#include "lessons/common/lesson.h"

namespace minima {

class IdentifiabilityLesson : public DescribedLesson {
    Q_DECLARE_TR_FUNCTIONS(minima::IdentifiabilityLesson)

public:
    LessonDescriptor describe() const override;
};

} // namespace minima
