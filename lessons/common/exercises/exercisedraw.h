#pragma once
// One learner's version of an exercise: parameters drawn from a seed that depends only on
// the learner's name, the exercise id and the variant ("show me another" adds one), so the
// same learner always sees the same numbers and classmates usually see different ones.
#include <QList>
#include <QPair>
#include <QString>

#include "engine/answers/checker.h"
#include "lessons/common/exercises/exercise.h"

namespace minima {

// FNV-1a 64 (Fowler, Noll, Vo) over the UTF-8 of learner + '\n' + exercise id + '\n' + variant.
quint64 exerciseSeed(const QString& learner, const QString& exerciseId, int variant);

struct ExerciseInstance {
    bool ok = false;
    QString error;                                 // why it could not be set up (a broken exercise)
    QString learner;
    int variant = 0;
    QList<QPair<QString, QString>> parameters;     // name -> value as shown ("4", "0.3", "tanh")
    QString prompt;                                // placeholders substituted
    QString solution;                              // placeholders and {answer} substituted
    QList<ExerciseOption> options;                 // labels substituted
    answers::AnswerKey key;
    QString expected;                              // the expected answer as shown to people
};

// A draw whose constraints fail, or in which a listed mistake would be marked right (equal to
// the answer or within its tolerance), is redrawn, so no learner sees such a variant. strict
// (for checking an exercise at load) reports that mistake as the error instead of redrawing.
ExerciseInstance instantiate(const Exercise& exercise, const QString& learner, int variant, bool strict = false);

// Whether "show me another" can give this exercise other numbers: some parameter can take
// more than one value.
bool hasOtherVersions(const Exercise& exercise);

// Rich text of an exercise file (<p>, <b>, <sup>2</sup>, &minus;, ...) as plain Unicode text:
// tags removed, entities decoded, superscript and subscript digits and signs as Unicode
// (x<sup>2</sup> -> x²), paragraphs as line breaks. For buttons, lists and JSON output.
QString plainText(const QString& richText);

// Replaces each {name} by its value; other braces are left alone.
QString substitute(const QString& text, const QList<QPair<QString, QString>>& values);

// The answer as the panel marks it: where the locale writes decimals with a comma (de: 0,75),
// an answer that reads as such a number gets a decimal point; anything else is left alone.
QString withLocaleDecimalPoint(const QString& input);

// Marks an answer for this instance (never throws).
answers::CheckResult checkInstance(const ExerciseInstance& instance, const QString& input);
answers::Preview previewInstance(const ExerciseInstance& instance, const QString& input);

} // namespace minima
