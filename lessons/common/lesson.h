#pragma once
// A lesson: an id, a title, a summary and a page. The shipped lessons are data: each is a
// DescribedLesson whose describe() lists its labs (id, title, text file, factory), and one
// line in lessons/registry.cpp. Adding a lab is its own files, its text, and one line in
// describe() (docs/ARCHITECTURE.md, "Adding a lab").
#include <QList>
#include <QString>

#include <functional>

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

struct LabDescriptor {
    QString id;         // e.g. "escape"; an exported figure is named "<lesson>-<id>"
    QString title;      // the lab's tab
    QString textFile;   // e.g. "escape.md", in resources/lessons/<lesson>/
    std::function<QWidget*(LessonContext&)> make;
};

struct LessonDescriptor {
    QString id;
    QString title;
    QString summary;
    QList<LabDescriptor> labs;
};

// A lab descriptor for lab type L (a Lab constructed from the lesson context).
template <typename L>
LabDescriptor labOf(const QString& id, const QString& title, const QString& textFile)
{
    return {id, title, textFile, [](LessonContext& context) -> QWidget* { return new L(context); }};
}

// A lesson given by its descriptor: its page has one tab per lab, then its exercises.
class DescribedLesson : public Lesson {
public:
    virtual LessonDescriptor describe() const = 0;

    QString id() const override;
    QString title() const override;
    QString summary() const override;
    QWidget* createPage(LessonContext& context, QWidget* parent) const override;

    // ":/lessons/<lesson>/<file>": where the build puts a lesson's texts (minima_add_lesson).
    static QString textResource(const QString& lessonId, const QString& file);
};

} // namespace minima
