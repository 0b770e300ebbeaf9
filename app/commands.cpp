#include "app/commands.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <thread>
#include <csignal>
#include <cstdlib>

#include "app/mainwindow.h"
#include "engine/experiments/catalog.h"
#include "lessons/common/charts/surface3d.h"
#include "lessons/common/exercises/exercisepanel.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"

namespace minima {

static int badArguments(QTextStream& err, const QString& reason)
{
    err << "minima: " << reason << "\n" << usageText();
    err.flush();
    return 2;
}

QString resolveDataDir(const QString& requested)
{
    if (!requested.isEmpty()) return QDir(requested).absolutePath();
    if (qEnvironmentVariableIntValue("MINIMA_TEST_MODE") == 1) {
        static QTemporaryDir temporary(QDir::tempPath() + QStringLiteral("/minima-test-XXXXXX"));
        return temporary.path();
    }
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool selectLessons(const LessonList& all, const QStringList& ids, LessonList* out, QString* error)
{
    if (ids.isEmpty()) {
        *out = all;
        return true;
    }
    LessonList chosen;
    for (const QString& id : ids) {
        auto it = std::find_if(all.begin(), all.end(), [&](const auto& l) { return l->id() == id; });
        if (it == all.end()) {
            *error = QStringLiteral("unknown lesson '%1' (see 'minima lessons')").arg(id);
            return false;
        }
        if (std::find(chosen.begin(), chosen.end(), *it) == chosen.end()) chosen.push_back(*it);
    }
    *out = chosen;
    return true;
}

int runLessonsCommand(const LessonList& lessons, QTextStream& out)
{
    for (const auto& lesson : lessons) out << lesson->id() << '\t' << lesson->title() << '\n';
    return 0;
}

int runRunCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        if (args.isEmpty()) {
            err << "minima: run needs an experiment name, one of:";
            for (const auto& e : experiments()) err << ' ' << QString::fromStdString(e.name);
            err << "\n" << usageText();
            return 2;
        }
        out << "Experiments:\n";
        for (const auto& e : experiments())
            out << "  " << QString::fromStdString(e.name) << ": " << QString::fromStdString(e.summary) << '\n';
        out << "  evaluate: the loss and gradient of a saved network on a saved dataset\n";
        return 0;
    }
    const std::string name = args.first().toStdString();
    const ExperimentInfo* info = findExperiment(name);
    if (!info && name == "evaluate") {
        std::map<QString, QString> settings;
        for (int i = 1; i < args.size(); ++i) {
            const QString a = args[i];
            if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
                out << evaluateHelp();
                return 0;
            }
            if (a == QLatin1String("--seed") && i + 1 < args.size()) {
                ++i;   // evaluate is deterministic; a seed changes nothing
                continue;
            }
            if (a != QLatin1String("--set") || i + 1 >= args.size())
                return badArguments(err, QStringLiteral("unknown argument for run: '%1'").arg(a));
            const QString v = args[++i];
            const int eq = v.indexOf(QLatin1Char('='));
            if (eq <= 0) return badArguments(err, QStringLiteral("--set needs key=value, got '%1'").arg(v));
            settings[v.left(eq).trimmed()] = v.mid(eq + 1).trimmed();
        }
        return runEvaluateCommand(settings, out, err);
    }
    if (!info) {
        QString known;
        for (const auto& e : experiments()) known += QLatin1Char(' ') + QString::fromStdString(e.name);
        return badArguments(err, QStringLiteral("unknown experiment '%1'; known:%2").arg(args.first(), known));
    }
    std::map<std::string, std::string> settings;
    std::uint64_t seed = 1;
    for (int i = 1; i < args.size(); ++i) {
        const QString a = args[i];
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            out << QString::fromStdString(experimentHelp(*info));
            return 0;
        }
        if (a == QLatin1String("--set") || a == QLatin1String("--seed")) {
            if (i + 1 >= args.size()) return badArguments(err, QStringLiteral("%1 needs a value").arg(a));
            const QString v = args[++i];
            if (a == QLatin1String("--seed")) {
                bool ok = false;
                seed = v.toULongLong(&ok);
                if (!ok) return badArguments(err, QStringLiteral("--seed needs a non-negative integer, got '%1'").arg(v));
            } else {
                const int eq = v.indexOf(QLatin1Char('='));
                if (eq <= 0) return badArguments(err, QStringLiteral("--set needs key=value, got '%1'").arg(v));
                settings[v.left(eq).trimmed().toStdString()] = v.mid(eq + 1).trimmed().toStdString();
            }
            continue;
        }
        return badArguments(err, QStringLiteral("unknown argument for run: '%1'").arg(a));
    }
    // Work that would run for hours is refused before it starts (README: limits of minima run).
    try {
        const double work = estimateExperimentWork(*info, settings);
        if (work > maxRunWork)
            return badArguments(err, QStringLiteral("this %1 run is about %2 steps of work, more than the %3 minima run takes "
                                                    "on (about five minutes on a 2-core laptop); lower its counts (runs, steps, epochs, samples, grid...)")
                                         .arg(QString::fromStdString(info->name), QString::number(work, 'g', 2),
                                              QString::number(maxRunWork, 'g', 2)));
    } catch (const ParameterError& e) {
        return badArguments(err, QString::fromUtf8(e.what()));
    }
    Progress progress;
    std::string result;
    std::string failure;
    bool badParameter = false;
    std::atomic<bool> finished{false};
    std::thread worker([&] {
        try {
            result = runExperiment(*info, settings, seed, progress);
        } catch (const ParameterError& e) {
            failure = e.what();
            badParameter = true;
        } catch (const std::exception& e) {
            failure = e.what();
        }
        finished.store(true, std::memory_order_release);
    });
    // A run over a second says how far it is on standard error, once a second.
    QElapsedTimer clock;
    clock.start();
    qint64 nextReport = 1000;
    while (!finished.load(std::memory_order_acquire)) {
        QThread::msleep(10);
        if (clock.elapsed() >= nextReport && !finished.load(std::memory_order_acquire)) {
            err << "minima: " << QString::fromStdString(info->name) << ": " << int(progress.fraction() * 100) << "% done after "
                << clock.elapsed() / 1000 << " s\n";
            err.flush();
            nextReport += 1000;
        }
    }
    worker.join();
    if (!failure.empty()) {
        if (badParameter) return badArguments(err, QString::fromUtf8(failure.c_str()));
        err << "minima: the experiment failed: " << failure.c_str() << '\n';
        return 1;
    }
    if (clock.elapsed() >= 1000) err << "minima: " << QString::fromStdString(info->name) << ": done in " << clock.elapsed() / 1000 << " s\n";
    out << QString::fromStdString(result) << '\n';
    return 0;
}

// The index of the page's Exercises tab, -1 when it has none.
static int exercisesTab(const LessonPage* page)
{
    for (int i = 0; i < page->tabs()->count(); ++i)
        if (qobject_cast<const ExercisePanel*>(page->tabs()->widget(i))) return i;
    return -1;
}

QImage grabForRender(MainWindow& window, const CommandLine& cl, bool* stillComputing)
{
    window.setAttribute(Qt::WA_DontShowOnScreen, QGuiApplication::platformName() != QLatin1String("offscreen"));
    if (!cl.lesson.isEmpty() && window.currentLessonId() != cl.lesson) window.openLesson(cl.lesson);
    if (cl.present) {
        window.setPresenting(true);
        // Presentation mode goes full screen; a render is the size asked for, not the screen's.
        window.setWindowState(Qt::WindowNoState);
    }
    window.resize(cl.size);
    if (auto* page = qobject_cast<LessonPage*>(window.currentPage())) {
        if (cl.exercises && exercisesTab(page) >= 0) page->tabs()->setCurrentIndex(exercisesTab(page));
        else if (cl.lab < page->tabs()->count()) page->tabs()->setCurrentIndex(cl.lab);
    }
    window.show();
    window.resize(cl.size);

    // Wait until the figures on show have computed (bounded: a render never hangs).
    QElapsedTimer clock;
    clock.start();
    int quietRounds = 0;
    while (clock.elapsed() < 120000) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
        if (window.context().pendingWork() == 0) {
            if (++quietRounds >= 5) break;
        } else {
            quietRounds = 0;
        }
        QThread::msleep(20);
    }
    if (stillComputing) *stillComputing = window.context().pendingWork() != 0;
    // Charts fit their ticks, titles and keys after they paint: a few paints and event-loop
    // turns, so the picture is the settled one a learner sees, not the one before the fit.
    for (int i = 0; i < 4; ++i) {
        QApplication::processEvents();
        window.grab();
    }
    QApplication::processEvents();
    // A widget grab leaves the 3-D views' OpenGL windows blank: each is drawn in where it is.
    return grabWithSurfaces(&window);
}

int runRenderCommand(const CommandLine& cl, const LessonList& lessons, const QString& dataDir, QTextStream& err)
{
    bool known = false;
    for (const auto& l : lessons) known = known || l->id() == cl.lesson;
    if (!known) return badArguments(err, QStringLiteral("unknown lesson '%1' (see 'minima lessons')").arg(cl.lesson));

    // The 3-D views only when asked for, and only where OpenGL can draw them.
    setSurface3DAllowed(cl.threeD);
    if (QString why; cl.threeD && !surface3DAvailable(&why)) err << "minima: " << why << '\n';
    MainWindow window(lessons, dataDir);
    window.openLesson(cl.lesson);
    if (auto* page = qobject_cast<LessonPage*>(window.currentPage()); page && cl.lab >= page->tabs()->count()) {
        return badArguments(err, QStringLiteral("lesson '%1' has %2 tabs; --lab %3 is not one of them")
                                     .arg(cl.lesson).arg(page->tabs()->count()).arg(cl.lab + 1));
    }
    if (auto* page = qobject_cast<LessonPage*>(window.currentPage()); page && cl.exercises && exercisesTab(page) < 0)
        return badArguments(err, QStringLiteral("lesson '%1' has no exercises tab").arg(cl.lesson));
    bool stillComputing = false;
    const QImage image = grabForRender(window, cl, &stillComputing);
    if (stillComputing) err << "minima: the figures were still computing after 120 s; rendering as they are\n";
    // The window is the size asked for unless the platform refused it; then scale, keeping
    // the aspect (a stretched figure would misrepresent the page).
    return writeRender(image.size() == cl.size ? image : image.scaled(cl.size, Qt::KeepAspectRatio, Qt::SmoothTransformation),
                       cl, err);
}

int writeRender(const QImage& image, const CommandLine& cl, QTextStream& err)
{
    if (image.save(cl.output, "PNG")) return 0;
    err << "minima: could not write " << cl.output << '\n';
    return 1;
}

} // namespace minima
