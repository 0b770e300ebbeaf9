#pragma once
// The exercises as Moodle XML, the format Moodle's question bank imports (File > Export
// exercises for Moodle, `minima export-moodle`): one category per lesson; integer and number
// exercises as "numerical" questions with their tolerance, each anticipated mistake a 0 %
// answer carrying its feedback; choice exercises as "multichoice"; expression and condition
// exercises as STACK questions (answer test AlgEquiv, the expected answer in Maxima syntax,
// a mistake a node with its feedback) or left out with a note in the file. Every text is
// written as escaped plain text inside CDATA: nothing of a pack reaches Moodle as markup.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include "lessons/registry.h"

class QWidget;

namespace minima {

class ExerciseCatalog;

struct MoodleExportOptions {
    // One question per learner and exercise with that learner's numbers; empty: one question
    // per exercise, the version drawn for no name (the same for every export).
    QStringList learners;
    bool stack = false;   // expression and condition exercises as STACK questions; else left out
};

struct MoodleExport {
    QByteArray xml;
    int questions = 0;        // <question>s written, categories not counted
    int leftOut = 0;          // exercise versions left out (with a note in the file)
};

MoodleExport exportMoodleXml(const ExerciseCatalog& catalog, const LessonList& lessons, const MoodleExportOptions& options);

// An exact number ("13824", "3/4", "2.5e-07", "-1/3") as Moodle reads decimals: a dot, no
// exponent ("0.00000025"); a fraction that does not end is given to 15 significant digits.
QString moodleDecimal(const QString& exact);

// The file of learners' names: one a line, blank lines and lines starting with # skipped.
// Read through the bounded reader (1 MiB).
bool readLearnerList(const QString& path, QStringList* learners, QString* error);

// File > Export exercises for Moodle.
void exportMoodleInteractively(const ExerciseCatalog& catalog, const LessonList& lessons, QWidget* parent);

// minima export-moodle -o quiz.xml [--learners FILE] [--stack] [--pack FILE]...
int runExportMoodleCommand(const QStringList& args, const LessonList& lessons, QTextStream& out, QTextStream& err);

} // namespace minima
