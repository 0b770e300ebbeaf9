#pragma once
// A learner's progress, exercise by exercise (solved, attempts, hints used, time spent), as
// the Progress window, its exports and the class table read it.
#include <QList>
#include <QString>

#include "lessons/registry.h"

namespace minima {

class ExerciseCatalog;
class ProgressSink;

// One exercise of one learner.
struct ExerciseReport {
    QString learner;
    QString lessonId;
    QString lessonTitle;
    QString exerciseId;
    QString exerciseTitle;
    bool solved = false;
    int attempts = 0;            // correct or wrong ("could not read" does not count)
    int hintsShown = 0;
    bool solutionShown = false;
    qint64 seconds = 0;          // from the first to the last recorded attempt (0 if fewer than two)
};

// Every exercise of every lesson in `lessons` (lesson order, then file order), for one learner.
QList<ExerciseReport> progressReport(const ExerciseCatalog& catalog, const ProgressSink& progress,
                                     const LessonList& lessons, const QString& learner);

// What the Solved column says: solved (with a tick), "solution shown", "not yet" or "not tried".
QString solvedText(const ExerciseReport& r);

// "1 min 40 s", "2 h 5 min", "45 s"; a dash for no time.
QString durationText(qint64 seconds);

} // namespace minima
