// minima: the Minima lab (see README.md for the command line).
#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QMessageBox>
#include <QTextStream>

#include <cstdio>
#include <memory>

#include "app/commandline.h"
#include "app/classroomprofile.h"
#include "app/classview.h"
#include "app/commands.h"
#include "app/exercisecommands.h"
#include "app/mainwindow.h"
#include "app/moodleexport.h"
#include "app/progressview.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/lessoncontext.h"
#include "engine/version.h"
#include "lessons/registry.h"

using namespace minima;

static void describeApp()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Minima"));
    QCoreApplication::setApplicationName(QStringLiteral("minima"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MINIMA_VERSION));
}

int main(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    const CommandLine cl = parseCommandLine(arguments);

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!cl.error.isEmpty()) {
        err << "minima: " << cl.error << "\n" << usageText();
        return 2;
    }
    // `minima render progress -o x.png`: the Progress window rather than a lesson page.
    if (cl.command == CommandLine::Command::Render && cl.lesson == QLatin1String("progress"))
        return runRenderProgressCommand(argc, argv, cl, shippedLessons());
    if (cl.command == CommandLine::Command::Render && cl.lesson == QLatin1String("class"))
        return runRenderClassCommand(argc, argv, cl, shippedLessons());

    using C = CommandLine::Command;
    const bool needsWindow = cl.command == C::Open || cl.command == C::Render;
    if (!needsWindow) {
        QCoreApplication app(argc, argv);
        describeApp();
        switch (cl.command) {
        case C::Help: out << usageText(); return 0;
        case C::Version:
            out << "minima " << MINIMA_VERSION << " (Qt " << qVersion() << ", Eigen "
                << QString::fromStdString(eigenVersion()) << ", GiNaC " << QString::fromStdString(ginacVersion()) << ")\n";
            return 0;
        case C::Lessons: return runLessonsCommand(shippedLessons(), out);
        case C::Run: return runRunCommand(cl.rest, out, err);
        case C::Count: return runCountCommand(cl.rest, out, err);
        case C::Class: return runClassCommand(cl.rest, shippedLessons(), out, err);
        case C::ExportMoodle: return runExportMoodleCommand(cl.rest, shippedLessons(), out, err);
        case C::Check:
        case C::AnswerKey: {
            QStringList lessonIds;
            for (const auto& lesson : shippedLessons()) lessonIds << lesson->id();
            const int code = cl.command == C::Check ? runCheckCommandFor(lessonIds, cl.rest, out, err)
                                                    : runAnswerKeyCommandFor(lessonIds, cl.rest, out, err);
            if (code == 2) err << usageText();
            return code;
        }
        default: break;
        }
        return 2;
    }

    // A classroom profile, then the command line on top of it.
    ClassroomProfile profile;
    if (!cl.profile.isEmpty()) {
        QString error;
        if (!loadClassroomProfile(cl.profile, &profile, &error)) {
            err << "minima: " << error << "\n" << usageText();
            return 2;
        }
    }
    const QStringList onlyLessons = cl.onlyLessons.isEmpty() ? profile.lessons : cl.onlyLessons;
    LessonList lessons;
    {
        QString error;
        if (!selectLessons(shippedLessons(), onlyLessons, &lessons, &error)) {
            err << "minima: " << error << "\n" << usageText();
            return 2;
        }
    }
    if (!cl.lesson.isEmpty()) {
        bool known = false;
        for (const auto& l : lessons) known = known || l->id() == cl.lesson;
        if (!known) {
            err << "minima: unknown lesson '" << cl.lesson << "' (see 'minima lessons')\n" << usageText();
            return 2;
        }
    }
    const QStringList packs = profile.packs + cl.packs;
    const bool hideSolutions = cl.noSolutions || profile.hideSolutions;
    const bool present = cl.present || profile.present;

    // Rendering needs no display: fall back to the offscreen platform when there is none.
    if (cl.command == C::Render && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    describeApp();
    QApplication::setApplicationDisplayName(QStringLiteral("Minima"));
    const QString dataDir = resolveDataDir(cl.dataDir);

    if (cl.command == C::Render) return runRenderCommand(cl, lessons, dataDir, err);

    MainWindow window(lessons, dataDir);
    window.context().setSolutionsHidden(hideSolutions);
    {
        // A pack's exercises must belong to lessons Minima has (shown or not).
        QStringList lessonIds;
        for (const auto& lesson : shippedLessons()) lessonIds << lesson->id();
        window.catalog().setKnownLessons(lessonIds);
    }
    for (const QString& pack : packs) window.openPack(pack);
    // A class folder: this seat writes its learner's snapshot there after every attempt.
    const QString classFolder = cl.classFolder.isEmpty() ? profile.classFolder : QDir(cl.classFolder).absolutePath();
    if (!classFolder.isEmpty()) attachClassFolder(window, classFolder);
    if (!cl.lesson.isEmpty()) window.openLesson(cl.lesson);
    if (!cl.openState.isEmpty()) window.openLabStateFile(cl.openState);
    window.show();
    if (present) window.setPresenting(true);
    return app.exec();
}
