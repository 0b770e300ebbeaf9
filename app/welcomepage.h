#pragma once
// The first page: what Minima is, how lessons and exercises work, and the learner's
// name, which seeds each learner's exercise numbers.
#include <QWidget>

#include "lessons/registry.h"

class QLineEdit;
class QLabel;

namespace minima {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    WelcomePage(const LessonList& lessons, QWidget* parent = nullptr);
    void setLearner(const QString& name);

signals:
    void learnerChosen(const QString& name);
    void lessonChosen(const QString& id);

private:
    void commitName();

    QLineEdit* name_;
    QLabel* nameStatus_;
};

} // namespace minima
