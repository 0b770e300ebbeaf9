#pragma once
// One exercise as read from an exercises.json file (built in, or a teacher's pack); the
// format is documented in resources/EXERCISES.md. Plain data: exerciseformat.h reads and
// validates it, exercisedraw.h turns it into one learner's numbers and answer key.
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "engine/answers/checker.h"

namespace minima {

struct ExerciseParameter {
    enum class Kind { Integer, Real, Choice };
    QString name;
    Kind kind = Kind::Integer;
    qint64 min = 0;            // Integer: min..max inclusive
    qint64 max = 0;
    double realMin = 0.0;      // Real: realMin + k * step, up to realMax
    double realMax = 0.0;
    double step = 0.0;
    QStringList values;        // Choice: one of these
};

struct ExerciseVariable {
    QString name;
    bool integer = true;       // "count": tested at whole numbers
    double min = 1.0;
    double max = 8.0;
};

struct ExerciseOption {
    QString id;
    QString label;             // rich text, {param} substituted
};

struct ExerciseMistake {
    QString answer;            // written like the expected answer
    QString feedback;          // shown when the learner's answer matches it
};

struct Exercise {
    QString id;                // "<lesson>.<name>"
    QString lesson;            // the part of the id before the first dot
    QString title;
    QString prompt;            // rich text with {param} placeholders
    QList<ExerciseParameter> parameters;
    QStringList constraints;   // e.g. "a < b", redrawn until they hold

    answers::CheckKind kind = answers::CheckKind::Integer;
    QString expected;          // an expression over the parameters, a condition, or option ids
    QString computation;       // or a named engine computation (engine/exercises/computations.h)
    QMap<QString, QString> computationArguments;   // values with {param} placeholders
    double relativeTolerance = 0.0;
    double absoluteTolerance = 0.0;
    QList<ExerciseVariable> variables;
    QList<ExerciseOption> options;
    bool multiple = false;

    QStringList hints;         // revealed one by one after wrong attempts
    QList<ExerciseMistake> mistakes;
    QString solution;          // rich text with {param} placeholders and {answer}
    QString source;            // the file it came from (":/lessons/x/exercises.json" or a pack path)
};

} // namespace minima
