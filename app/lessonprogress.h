#pragma once
// The Progress window's summary per lesson, above its table: each lesson's exercises solved
// (a bar and "3 of 5 solved"), attempts, hints and time.
#include <QList>
#include <QWidget>

class QGridLayout;

namespace minima {

struct ExerciseReport;

struct LessonProgress {
    QString lessonId;
    QString title;
    int exercises = 0;
    int solved = 0;
    int attempts = 0;
    int hints = 0;
    qint64 seconds = 0;
};

// The report summed up per lesson, in the report's order.
QList<LessonProgress> lessonProgress(const QList<ExerciseReport>& report);

class LessonProgressSummary : public QWidget {
    Q_OBJECT
public:
    explicit LessonProgressSummary(QWidget* parent = nullptr);
    void setReport(const QList<ExerciseReport>& report);
    const QList<LessonProgress>& lessons() const { return lessons_; }

private:
    QGridLayout* grid_;
    QList<LessonProgress> lessons_;
};

} // namespace minima
