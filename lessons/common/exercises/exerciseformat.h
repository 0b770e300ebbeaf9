#pragma once
// Reads an exercises.json file (a lesson's built-in exercises or a teacher's pack) and
// validates every field; a malformed file is refused with the file, the exercise id and the
// field named. The format is documented in resources/EXERCISES.md.
#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

#include "lessons/common/exercises/exercise.h"

namespace minima {

// Packs are data only, and bounded.
struct ExerciseFileLimits {
    qint64 maxBytes = 1 << 20;      // 1 MiB
    int maxExercises = 500;
    int maxPromptLength = 4000;     // characters of prompt or solution
    int maxTextLength = 1000;       // a title, hint, option label or feedback
    int maxHints = 10;
    int maxMistakes = 30;
    int maxParameters = 20;
    int maxOptions = 20;
    int maxVariables = 10;
    // Evaluation work (answers::evaluationWork(), bits of exact values built): a pack's total
    // at load, and what one check of an answer may cost an exercise (its expected answer and
    // every mistake at every test point). Each expression has its own bounds too.
    long long maxPackWork = 200'000'000;
    long long maxCheckWork = 20'000'000;
};

struct ExerciseFile {
    QString title;                  // optional: the pack's title
    QString author;                 // optional
    QList<std::shared_ptr<const Exercise>> exercises;
};

// On failure returns false and sets *error to one line: "<file>: exercise \"<id>\": field
// \"<field>\": <reason>" (the exercise part is left out for file-level problems).
bool readExerciseFile(const QByteArray& json, const QString& fileName, ExerciseFile* out, QString* error,
                      const ExerciseFileLimits& limits = {});
bool readExerciseFile(const QString& path, ExerciseFile* out, QString* error,
                      const ExerciseFileLimits& limits = {});

} // namespace minima
