#pragma once
// The class folder: a folder every seat can write (a school's shared drive). Each learner's
// Minima writes its snapshot there after every attempt (ClassFolderWriter); the teacher's
// class view reads them all (scanClassFolder) and sums them up per lesson and exercise
// (summarizeClass): who solved it, who tried and did not, the median attempts, and the
// wrong answers most of the room gave, with the feedback they triggered.
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include "app/classsnapshot.h"
#include "lessons/registry.h"

namespace minima {

class ExerciseCatalog;
class ProgressSink;

// Builds the learner's snapshot from the progress store: every exercise the learner has a
// record of, each wrong answer marked with the anticipated mistake it matched.
class ClassFolderWriter : public QObject {
    Q_OBJECT
public:
    ClassFolderWriter(const QString& folder, const ProgressSink& progress, const ExerciseCatalog& catalog,
                      const QString& seat = defaultSeatName(), QObject* parent = nullptr);

    QString folder() const { return folder_; }
    QString seat() const { return seat_; }
    QString filePath(const QString& learner) const;

    ClassSnapshot snapshot(const QString& learner) const;
    // Writes the learner's snapshot now (atomically). A failure is reported through
    // problem() once; further failures stay quiet until a write succeeds again.
    bool write(const QString& learner, QString* error = nullptr);
    int writes() const { return writes_; }

signals:
    void problem(const QString& message);

private:
    QString matchMistake(const QString& exerciseId, const QString& learner, int variant, const QString& input, QString* feedback) const;

    QString folder_;
    const ProgressSink& progress_;
    const ExerciseCatalog& catalog_;
    QString seat_;
    bool reported_ = false;
    int writes_ = 0;
    // (exercise, learner, variant, input) -> (mistake, feedback): each wrong answer is checked once.
    mutable QHash<QString, QPair<QString, QString>> matched_;
};

// One look at the folder: the snapshots read, and the files skipped, by kind.
struct ClassFolderScan {
    QString folder;
    QString folderError;                 // non-empty: the folder itself could not be read
    QList<ClassSnapshot> snapshots;
    int notSnapshot = 0;
    int damaged = 0;
    int otherVersion = 0;
    int tooLarge = 0;
    int unreadable = 0;
    int tooMany = 0;                     // files beyond maxFiles, not looked at
    QList<QPair<QString, QString>> skipped;   // file name -> why (plain text)
    QDateTime when;

    int skippedCount() const { return notSnapshot + damaged + otherVersion + tooLarge + unreadable + tooMany; }
};

// Keeps what was read from files that have not changed (same size and modification time),
// so a periodic rescan of a network folder reads only what changed.
struct ClassFolderCache {
    struct Entry {
        qint64 size = -1;
        QDateTime modified;
        SnapshotProblem problem = SnapshotProblem::None;
        QString why;
        ClassSnapshot snapshot;
    };
    QHash<QString, Entry> entries;
};

// What one look at a folder reads at most: files listed, snapshots read, and their bytes in
// all; the rest is counted as "beyond the limit". A class is a few dozen small files.
constexpr int maxClassFolderFiles = 2000;
constexpr int maxClassSnapshots = 500;
constexpr qint64 maxClassFolderBytes = qint64(64) << 20;
// Exercises a class's snapshots may name beyond the catalog's (a pack the teacher lacks).
constexpr int maxUnknownExercises = 200;

ClassFolderScan scanClassFolder(const QString& folder, ClassFolderCache* cache = nullptr);

struct WrongAnswer {
    QString answer;      // the anticipated mistake as written in the exercise, or the answer as typed
    bool anticipated = false;
    QString feedback;    // the feedback it triggered (the most frequent, if it varied)
    int learners = 0;    // how many learners gave it
    int times = 0;       // how often it was given
};

struct ExerciseSummary {
    QString id;
    QString title;
    int solved = 0;
    int triedNotSolved = 0;
    double medianAttempts = 0;   // over learners who tried
    QStringList solvedBy;
    QStringList stuck;           // tried and not solved
    QList<WrongAnswer> wrongAnswers;   // ranked: most learners first
};

struct LessonSummary {
    QString id;
    QString title;
    QList<ExerciseSummary> exercises;
};

struct ClassSummary {
    int learners = 0;
    QList<LessonSummary> lessons;
};

// Sums up the snapshots: lessons in the order of `lessons` (then any others), exercises in
// the catalog's order when given (then any others, in the order first seen). A learner is one
// snapshot file; when two files share a name, the seat is added to tell them apart.
ClassSummary summarizeClass(const QList<ClassSnapshot>& snapshots, const LessonList& lessons,
                            const ExerciseCatalog* catalog = nullptr);

// What `minima class DIR` prints. Without names, solved_by and stuck are left out.
QJsonObject classSummaryJson(const ClassFolderScan& scan, const ClassSummary& summary, bool names);

// "1 damaged, 1 too large, 2 not snapshots" (empty when nothing was skipped).
QString skippedText(const ClassFolderScan& scan);

} // namespace minima
