#pragma once
// `minima check` and `minima answer-key`: mark an answer, or list every exercise's parameters
// and expected answer, for one learner, from the command line. JSON goes to `out`, errors to
// `err`. Exit codes: 0 done, 1 a pack or exercise could not be loaded, 2 bad arguments (one
// line on `err`).
#include <QStringList>
#include <QTextStream>

namespace minima {

// minima check <exercise-id> --learner NAME --answer TEXT [--variant N] [--pack FILE]...
// prints {"exercise", "learner", "variant", "correct", "verdict": "correct|wrong|unreadable",
//         "reading", "feedback", "expected"}.
// `knownLessons` (when not empty): the lessons a --pack may hold exercises for; a pack
// with another is refused (exit 2).
int runCheckCommandFor(const QStringList& knownLessons, const QStringList& args, QTextStream& out, QTextStream& err);
int runCheckCommand(const QStringList& args, QTextStream& out, QTextStream& err);

// minima answer-key --learner NAME [--lesson ID] [--variant N] [--pack FILE]...
// prints {"learner", "variant", "exercises": [{"id", "lesson", "title", "kind", "parameters",
//         "expected", "tolerance"?}]}.
int runAnswerKeyCommandFor(const QStringList& knownLessons, const QStringList& args, QTextStream& out, QTextStream& err);
int runAnswerKeyCommand(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace minima
