#pragma once
// Lesson 6: how pesky are spurious local minima? The straight line from a network's start to
// its solution falls without a bump (Goodfellow, Vinyals & Saxe 2015); the harder problems
// are flat regions and saddle points (Dauphin et al. 2014), and a random critical point in
// many dimensions is almost never a minimum.
#include <QCoreApplication>

#include "lessons/common/lesson.h"

namespace minima {

class SpuriousMinimaLesson : public DescribedLesson {
    Q_DECLARE_TR_FUNCTIONS(minima::SpuriousMinimaLesson)

public:
    LessonDescriptor describe() const override;
};

} // namespace minima
