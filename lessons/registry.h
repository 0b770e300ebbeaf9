#pragma once
// The lessons Minima ships, in the book's order. Adding a lesson adds one line to
// makeLessons() in registry.cpp.
#include <memory>
#include <vector>

#include "lessons/common/lesson.h"

namespace minima {

using LessonList = std::vector<std::shared_ptr<const Lesson>>;

const LessonList& shippedLessons();

} // namespace minima
