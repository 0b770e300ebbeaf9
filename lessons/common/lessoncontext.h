#pragma once
// What a lesson page gets from the app: the learner, where attempts go, the exercises,
// a thread pool for engine work, and a count of figures still computing (so `minima
// render` can wait until a page shows what the learner would see).
#include <QObject>
#include <QString>

class QThreadPool;

namespace minima {

class ProgressSink;
class ExerciseCatalog;

class LessonContext : public QObject {
    Q_OBJECT
public:
    LessonContext(ProgressSink* progress, ExerciseCatalog* exercises, QThreadPool* pool,
                  QObject* parent = nullptr);

    QString learner() const { return learner_; }
    void setLearner(const QString& name);

    ProgressSink* progress() const { return progress_; }
    ExerciseCatalog* exercises() const { return exercises_; }
    QThreadPool* pool() const { return pool_; }

    // Hide worked solutions (a teacher's choice for a class).
    bool solutionsHidden() const { return solutionsHidden_; }
    void setSolutionsHidden(bool hidden);

    // Background figure work in flight. Labs call beginWork() when they start a
    // computation and endWork() when its result is on screen (or it was superseded).
    void beginWork();
    void endWork();
    int pendingWork() const { return pending_; }

signals:
    void learnerChanged(const QString& learner);
    void solutionsHiddenChanged(bool hidden);
    void workFinished();   // pendingWork() dropped to zero

private:
    ProgressSink* progress_;
    ExerciseCatalog* exercises_;
    QThreadPool* pool_;
    QString learner_;
    bool solutionsHidden_ = false;
    int pending_ = 0;
};

} // namespace minima
