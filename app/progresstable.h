#pragma once
// The class table: several learners' reports side by side, so a teacher can see the whole
// class at once.
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "app/progressreport.h"

namespace minima {

// One row per learner, one column per exercise, from several learners' reports. When a
// learner's exercise appears twice (the same learner exported twice), the later one counts.
struct ClassTable {
    QStringList learners;          // in the order first seen
    QStringList exerciseIds;       // in the order first seen
    QStringList exerciseTitles;
    QMap<QString, QMap<QString, ExerciseReport>> cells;   // learner -> exercise id -> report

    const ExerciseReport* cell(const QString& learner, const QString& exerciseId) const;
    int solvedBy(const QString& learner) const;
};
ClassTable classTable(const QList<ExerciseReport>& rows);

} // namespace minima
