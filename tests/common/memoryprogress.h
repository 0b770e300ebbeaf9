#pragma once
// An in-memory ProgressSink for tests: the same rules as the app's SQLite store (a correct
// answer after "show solution" is not "solved"; "could not read" is not an attempt).
#include <QHash>

#include "lessons/common/progresssink.h"

namespace minima {

class MemoryProgress : public ProgressSink {
public:
    using ProgressSink::ProgressSink;

    bool recordAttempt(const AttemptRecord& attempt, QString* error) override;
    ExerciseProgress progress(const QString& learner, const QString& exerciseId) const override;
    QList<AttemptRecord> attempts(const QString& learner) const override;
    bool setVariant(const QString& learner, const QString& exerciseId, int variant, QString* error) override;

    // Makes the next recordAttempt fail, as a full disk would.
    void failNextWrite(const QString& reason) { failure_ = reason; }

private:
    QList<AttemptRecord> attempts_;
    QHash<QString, int> variants_;   // learner + '\n' + exercise id
    QString failure_;
};

} // namespace minima
