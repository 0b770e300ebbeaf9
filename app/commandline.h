#pragma once
// The `minima` command line: what to do, parsed from argv.
// Parsing never exits; it returns an error sentence, and main() prints it with the
// usage and exits 2.
#include <QSize>
#include <QString>
#include <QStringList>

namespace minima {

struct CommandLine {
    enum class Command { Open, Lessons, Render, Count, Check, AnswerKey, Run, Class, ExportMoodle, Help, Version };
    Command command = Command::Open;

    QString dataDir;        // --data-dir, empty = the platform's application data folder
    QString lesson;         // --lesson <id> (open), or the lesson to render
    QString output;         // render -o <file.png>
    QSize size{1366, 768};  // render --size WxH
    int lab = 0;            // render --lab N (1-based on the command line, 0-based here)
    bool exercises = false; // render --exercises: the lesson's Exercises tab
    bool present = false;   // --present: presentation mode
    bool threeD = false;    // render --3d: the 3-D views too (they need a display with OpenGL)
    QStringList onlyLessons; // --lessons id1,id2: the app shows only these, in this order
    bool noSolutions = false; // --no-solutions: worked solutions stay hidden
    QString profile;        // --profile FILE: a classroom profile (lessons, solutions, packs)
    QStringList packs;      // --pack FILE (repeatable): exercise packs to open with the app
    QString openState;      // --open FILE: a saved lab state to open
    QString classFolder;    // --class-folder DIR: where this seat writes its snapshot; render class DIR: the folder shown
    bool anonymous = false; // render class --no-names: the class view without learners' names
    QStringList rest;       // arguments for commands parsed elsewhere (count, check, run, ...)

    QString error;          // non-empty: a bad argument, in one line
};

CommandLine parseCommandLine(const QStringList& arguments);   // arguments without argv[0]

QString usageText();

} // namespace minima
