#pragma once
// A learner's progress as a file in the class folder, so the teacher's class view sees the
// room without collecting anything by hand. One file per learner and seat, written whole
// (QSaveFile) after every attempt:
//
//   {"format": "minima-class-snapshot", "version": 1,
//    "learner": "Ada", "seat": "pc-12", "written": "2026-12-01T13:20:05.120Z",
//    "exercises": [
//      {"id": "identifiability.layers", "lesson": "identifiability", "title": "Rearranging hidden units",
//       "solved": false, "solution_shown": false, "hints": 1, "seconds": 95, "attempt_count": 2,
//       "attempts": [                                   // the last 200 checked answers, oldest first
//         {"verdict": "wrong", "variant": 0, "at": "...", "answer": "125",
//          "mistake": "n^l",                            // the anticipated mistake it matched, as the exercise writes it ("" if none)
//          "feedback": "n^l counts ways to pick one unit per layer, not orderings."},
//         {"verdict": "correct", "variant": 0, "at": "...", "answer": "1728000"}]}]}
//
// A snapshot from someone else's seat is untrusted: readClassSnapshot() takes it through the
// bounded reader and checks every field; its text is only ever shown as plain text.
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace minima {

struct SnapshotAttempt {
    bool correct = false;
    int variant = 0;
    QDateTime at;
    QString answer;     // as the learner typed or chose it
    QString mistake;    // wrong answers: the anticipated mistake matched, as written in the exercise; empty if none
    QString feedback;   // wrong answers: the feedback the learner was shown
};

struct SnapshotExercise {
    QString id;
    QString lesson;
    QString title;
    bool solved = false;
    bool solutionShown = false;
    int hints = 0;
    qint64 seconds = 0;     // from the first to the last record of the exercise
    int attemptCount = 0;   // every counted attempt (correct or wrong), also those no longer listed
    QList<SnapshotAttempt> attempts;
};

struct ClassSnapshot {
    QString learner;
    QString seat;
    QDateTime written;
    QList<SnapshotExercise> exercises;
};

namespace classsnapshot {
constexpr int version = 1;
constexpr qint64 maxFileBytes = 2 * 1024 * 1024;   // a learner's snapshot is a few KiB
constexpr int maxExercises = 1000;
constexpr int maxAttemptsListed = 200;
constexpr int maxTextLength = 2000;
inline constexpr char suffix[] = ".minima-class.json";
} // namespace classsnapshot

QByteArray classSnapshotJson(const ClassSnapshot& snapshot);

// Why a file in the class folder was not taken as a snapshot.
enum class SnapshotProblem { None, NotSnapshot, Damaged, OtherVersion, TooLarge, Unreadable };

// Reads a snapshot from bytes already read (bounded) or from a file through the bounded
// reader. On failure returns the kind of problem and sets *why to one sentence.
SnapshotProblem parseClassSnapshot(const QByteArray& bytes, ClassSnapshot* out, QString* why);
SnapshotProblem readClassSnapshot(const QString& path, ClassSnapshot* out, QString* why);

// The file name of a learner's snapshot at a seat: "ada-lovelace.pc-12.1f3a9c02.minima-class.json"
// (letters and digits of the name and seat, and a hash of both exactly, so two learners never share a file).
QString classSnapshotFileName(const QString& learner, const QString& seat);

// This computer's seat name (its host name, or "seat" when it has none).
QString defaultSeatName();

} // namespace minima
