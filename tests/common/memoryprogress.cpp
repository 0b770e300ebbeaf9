#include "common/memoryprogress.h"

#include "lessons/common/progressfold.h"

namespace minima {

bool MemoryProgress::recordAttempt(const AttemptRecord& attempt, QString* error)
{
    if (!failure_.isEmpty()) {
        if (error) *error = failure_;
        failure_.clear();
        return false;
    }
    attempts_.append(attempt);
    emit attemptRecorded(attempt.learner, attempt.exerciseId);
    return true;
}

ExerciseProgress MemoryProgress::progress(const QString& learner, const QString& exerciseId) const
{
    ExerciseProgress p;
    for (const AttemptRecord& a : attempts_)
        if (a.learner == learner && a.exerciseId == exerciseId) foldVerdict(p, a.verdict);
    p.variant = variants_.value(learner + QLatin1Char('\n') + exerciseId, 0);
    return p;
}

QList<AttemptRecord> MemoryProgress::attempts(const QString& learner) const
{
    QList<AttemptRecord> out;
    for (const AttemptRecord& a : attempts_)
        if (a.learner == learner) out.append(a);
    return out;
}

bool MemoryProgress::setVariant(const QString& learner, const QString& exerciseId, int variant, QString* error)
{
    if (!failure_.isEmpty()) {
        if (error) *error = failure_;
        failure_.clear();
        return false;
    }
    variants_[learner + QLatin1Char('\n') + exerciseId] = variant;
    return true;
}

} // namespace minima
