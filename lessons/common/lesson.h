#pragma once
// A lesson: an id, a title and a page factory. Each lesson is one class deriving this
// interface, listed once in lessons/registry.cpp.
#include <QString>

class QWidget;

namespace minima {

class LessonContext;

class Lesson {
public:
    virtual ~Lesson() = default;
    // Stable id, e.g. "local-minima"; exercise ids start with it.
    virtual QString id() const = 0;
    virtual QString title() const = 0;
    // One sentence for the lesson list's tooltip and the welcome page.
    virtual QString summary() const = 0;
    // Builds the lesson's page. Called lazily, the first time the lesson is opened.
    virtual QWidget* createPage(LessonContext& context, QWidget* parent) const = 0;
};

} // namespace minima
