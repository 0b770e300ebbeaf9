#pragma once
// Lesson 3 of the chapter's opening: convexity. What "convex" means (every chord on or above
// the graph), what "smart about the learning rate" means on a convex quadratic bowl
// (0 < lr·λ < 2, best 2/(λmin + λmax)), and why a network's loss cannot be convex (two
// equivalent minima with a barrier between them).
#include <QCoreApplication>

#include "lessons/common/lesson.h"

namespace minima {

class ConvexityLesson : public DescribedLesson {
    Q_DECLARE_TR_FUNCTIONS(minima::ConvexityLesson)

public:
    LessonDescriptor describe() const override;
};

} // namespace minima
