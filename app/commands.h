#pragma once
#include <QImage>
// The commands that print rather than open a window. Each returns the process exit
// code: 0 done, 1 failed, 2 bad arguments (with one line and the usage on `err`).
#include <QStringList>

#include <map>
#include <QTextStream>

#include "app/commandline.h"
#include "lessons/registry.h"

namespace minima {

class MainWindow;

int runLessonsCommand(const LessonList& lessons, QTextStream& out);
int runRunCommand(const QStringList& args, QTextStream& out, QTextStream& err);
// `minima run evaluate`: files are read on the Qt side, so it is not in the engine's catalog.
int runEvaluateCommand(const std::map<QString, QString>& settings, QTextStream& out, QTextStream& err);
QString evaluateHelp();
int runCountCommand(const QStringList& args, QTextStream& out, QTextStream& err);
// `minima class DIR [--no-names]` (classcommand.cpp).
int runClassCommand(const QStringList& args, const LessonList& lessons, QTextStream& out, QTextStream& err);

// Needs a QApplication. Renders the lesson page as the learner would see it, after its
// figures have computed, into a PNG of the requested size.
int runRenderCommand(const CommandLine& cl, const LessonList& lessons, const QString& dataDir, QTextStream& err);
// What runRenderCommand draws: `window` shown at cl.size (presentation mode too, which would
// otherwise take the screen's size), on cl.lab, once its figures have computed (at most
// 120 s; `stillComputing` says if they had not). The image is the window's own pixels.
QImage grabForRender(MainWindow& window, const CommandLine& cl, bool* stillComputing = nullptr);
// Writes a rendered image as PNG to cl.output: 0, or 1 after saying on `err` that it could not.
int writeRender(const QImage& image, const CommandLine& cl, QTextStream& err);

// The lessons named in `ids`, in that order (all of them when ids is empty); an unknown
// id gives false and one line naming it.
bool selectLessons(const LessonList& all, const QStringList& ids, LessonList* out, QString* error);

// The directory for progress and settings: --data-dir, else a temporary directory in
// test mode (MINIMA_TEST_MODE=1), else the platform's application data folder.
QString resolveDataDir(const QString& requested);

} // namespace minima
