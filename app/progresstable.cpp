#include "app/progresstable.h"

namespace minima {

const ExerciseReport* ClassTable::cell(const QString& learner, const QString& exerciseId) const
{
    const auto l = cells.constFind(learner);
    if (l == cells.constEnd()) return nullptr;
    const auto e = l->constFind(exerciseId);
    return e == l->constEnd() ? nullptr : &*e;
}

int ClassTable::solvedBy(const QString& learner) const
{
    int n = 0;
    const auto l = cells.constFind(learner);
    if (l == cells.constEnd()) return 0;
    for (const ExerciseReport& r : *l) n += r.solved ? 1 : 0;
    return n;
}

ClassTable classTable(const QList<ExerciseReport>& rows)
{
    ClassTable t;
    for (const ExerciseReport& r : rows) {
        if (!t.learners.contains(r.learner)) t.learners << r.learner;
        if (!t.exerciseIds.contains(r.exerciseId)) {
            t.exerciseIds << r.exerciseId;
            t.exerciseTitles << (r.exerciseTitle.isEmpty() ? r.exerciseId : r.exerciseTitle);
        }
        t.cells[r.learner][r.exerciseId] = r;
    }
    return t;
}

} // namespace minima
