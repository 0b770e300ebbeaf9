#include "lessons/common/lessoncontext.h"

namespace minima {

LessonContext::LessonContext(ProgressSink* progress, ExerciseCatalog* exercises, QThreadPool* pool,
                             QObject* parent)
    : QObject(parent), progress_(progress), exercises_(exercises), pool_(pool)
{
}

void LessonContext::setLearner(const QString& name)
{
    if (name == learner_) return;
    learner_ = name;
    emit learnerChanged(name);
}

void LessonContext::setSolutionsHidden(bool hidden)
{
    if (hidden == solutionsHidden_) return;
    solutionsHidden_ = hidden;
    emit solutionsHiddenChanged(hidden);
}

void LessonContext::beginWork() { ++pending_; }

void LessonContext::endWork()
{
    if (pending_ > 0 && --pending_ == 0) emit workFinished();
}

} // namespace minima
