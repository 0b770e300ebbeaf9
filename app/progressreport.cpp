#include "app/progressreport.h"

#include <QDateTime>
#include <QMap>
#include <QObject>

#include <algorithm>

#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/progresssink.h"

namespace minima {

QList<ExerciseReport> progressReport(const ExerciseCatalog& catalog, const ProgressSink& progress,
                                     const LessonList& lessons, const QString& learner)
{
    // First and last timestamp per exercise, from every record (hints and solutions too).
    QMap<QString, QPair<QDateTime, QDateTime>> span;
    for (const AttemptRecord& a : progress.attempts(learner)) {
        if (!a.when.isValid()) continue;
        auto it = span.find(a.exerciseId);
        if (it == span.end()) {
            span.insert(a.exerciseId, {a.when, a.when});
        } else {
            it->first = std::min(it->first, a.when);
            it->second = std::max(it->second, a.when);
        }
    }
    QList<ExerciseReport> rows;
    for (const auto& lesson : lessons) {
        for (const auto& e : catalog.exercisesFor(lesson->id())) {
            const ExerciseProgress p = progress.progress(learner, e->id);
            ExerciseReport r;
            r.learner = learner;
            r.lessonId = lesson->id();
            r.lessonTitle = lesson->title();
            r.exerciseId = e->id;
            r.exerciseTitle = e->title;
            r.solved = p.solved;
            r.attempts = p.attempts;
            r.hintsShown = p.hintsShown;
            r.solutionShown = p.solutionShown;
            const auto it = span.constFind(e->id);
            if (it != span.constEnd()) r.seconds = std::max<qint64>(0, it->first.secsTo(it->second));
            rows << r;
        }
    }
    return rows;
}

QString durationText(qint64 seconds)
{
    if (seconds <= 0) return QStringLiteral("\u2013");
    if (seconds < 60) return QObject::tr("%1 s").arg(seconds);
    if (seconds < 3600) {
        const qint64 s = seconds % 60;
        return s == 0 ? QObject::tr("%1 min").arg(seconds / 60) : QObject::tr("%1 min %2 s").arg(seconds / 60).arg(s);
    }
    const qint64 m = (seconds % 3600) / 60;
    return m == 0 ? QObject::tr("%1 h").arg(seconds / 3600) : QObject::tr("%1 h %2 min").arg(seconds / 3600).arg(m);
}

QString solvedText(const ExerciseReport& r)
{
    if (r.solved) return QObject::tr("\u2713 solved");
    if (r.solutionShown) return QObject::tr("solution shown");
    if (r.attempts > 0) return QObject::tr("not yet");
    return QObject::tr("not tried");
}

} // namespace minima
