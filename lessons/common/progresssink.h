#pragma once
// Where lessons record a learner's attempts. The app implements it with the SQLite
// progress store; tests may use an in-memory one. Lessons never see SQL.
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

namespace minima {

struct AttemptRecord {
    enum class Verdict { Correct, Wrong, Unreadable, SolutionShown, HintShown };
    QString learner;
    QString exerciseId;     // e.g. "identifiability.count"
    int variant = 0;        // "show me another" counter
    QString input;          // what the learner typed (or chose)
    Verdict verdict = Verdict::Wrong;
    QDateTime when;
};

QString verdictName(AttemptRecord::Verdict v);                        // "correct", "wrong", ...
bool verdictFromName(const QString& name, AttemptRecord::Verdict* out);

struct ExerciseProgress {
    bool solved = false;    // answered correctly (without having been shown the solution first)
    int attempts = 0;       // counted attempts: correct or wrong ("could not read" does not count)
    int hintsShown = 0;
    bool solutionShown = false;
    int variant = 0;        // the variant the learner is on
};

class ProgressSink : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    // Records an attempt. On failure returns false and fills *error with one sentence the
    // learner can read (e.g. the disk is full); the app keeps working.
    virtual bool recordAttempt(const AttemptRecord& attempt, QString* error) = 0;
    virtual ExerciseProgress progress(const QString& learner, const QString& exerciseId) const = 0;
    virtual QList<AttemptRecord> attempts(const QString& learner) const = 0;
    virtual bool setVariant(const QString& learner, const QString& exerciseId, int variant, QString* error) = 0;

signals:
    void attemptRecorded(const QString& learner, const QString& exerciseId);
};

} // namespace minima
