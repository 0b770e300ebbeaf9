#pragma once
// Lesson 2 of the chapter's opening: local minima. Gradient descent only sees the surface
// where it stands (the book's ant); on a bowl it finds the bottom, on a nonconvex surface
// the start decides the valley, and mini-batch noise helps out of shallow minima but not
// deep ones (Figure 4-1).
#include <QCoreApplication>

#include "lessons/common/lesson.h"

namespace minima {

class LocalMinimaLesson : public DescribedLesson {
    Q_DECLARE_TR_FUNCTIONS(minima::LocalMinimaLesson)

public:
    LessonDescriptor describe() const override;
};

} // namespace minima
