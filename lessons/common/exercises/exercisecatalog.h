#pragma once
// Every exercise the app knows: the built-in ones compiled in under
// :/lessons/<lesson-id>/exercises.json, plus teachers' packs opened from files.
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

#include "lessons/common/exercises/exercise.h"
#include "lessons/common/exercises/exerciseformat.h"

namespace minima {

class ProgressSink;

class ExerciseCatalog : public QObject {
    Q_OBJECT
public:
    explicit ExerciseCatalog(QObject* parent = nullptr);

    // Loads every :/lessons/*/exercises.json there is. A malformed file is skipped and named
    // in *errors (one line each); the others still load. Returns false if any file failed.
    bool loadBuiltIn(QStringList* errors = nullptr);

    // Loads a teacher's pack beside the built-in exercises (replacing an earlier load of the
    // same file). The whole pack is refused, with one line in *error naming the file, the
    // exercise and the field, if any part of it is malformed or an id is already taken.
    bool loadPack(const QString& path, QString* error, const ExerciseFileLimits& limits = {});
    void unloadPack(const QString& path);
    // The lessons a pack's exercises may belong to (empty: any). A pack with an exercise for
    // another lesson is refused, naming it.
    void setKnownLessons(const QStringList& lessonIds) { knownLessons_ = lessonIds; }
    QStringList packs() const;               // absolute paths, in the order they were opened
    QString packTitle(const QString& path) const;

    std::shared_ptr<const Exercise> find(const QString& id) const;
    QList<std::shared_ptr<const Exercise>> exercises() const;                          // built in first, then packs
    QList<std::shared_ptr<const Exercise>> exercisesFor(const QString& lessonId) const; // in file order

signals:
    void changed();

private:
    bool addFile(const QString& origin, const ExerciseFile& file, QString* error);

    struct Source {
        QString origin;   // ":/lessons/x/exercises.json" or a pack's absolute path
        bool pack = false;
        ExerciseFile file;
    };
    QList<Source> sources_;
    QStringList knownLessons_;
};

// How far a learner is through a lesson's exercises (for the lesson list).
struct LessonScore {
    int solved = 0;
    int total = 0;
};
LessonScore lessonScore(const ExerciseCatalog& catalog, const ProgressSink& progress, const QString& learner,
                        const QString& lessonId);

} // namespace minima
