// How a lab feels: for every lab of every shipped lesson, the time from moving its main
// control to the figure showing the new result, and the event loop's longest delay while the
// lab computes, also while its longest job runs (offscreen; a window of 1366x768).
//
// Targets (issue "The lab as a unit"): p95 under 50 ms from control to figure for the
// analytic surfaces; progress visible within 100 ms for longer work; event-loop delay under
// 16 ms throughout. Each benchmark reports
//   p95_ms         control to figure, 95th percentile (nearest rank), max_ms the slowest;
//   loop_delay_ms  the largest lateness of a 4 ms heartbeat timer while the lab worked;
//   gui_busy_ms    the most CPU time the GUI thread spent between two heartbeats: the part of
//                  the delay that is the lab's own work, not the other processes and threads
//                  the machine was running meanwhile;
//   own_delay_ms   the largest lateness the GUI thread's own time explains: its CPU time and
//                  its sleep in the event loop between two heartbeats, less the 4 ms interval;
//   wait_ms        in the heartbeat that came latest, the time the GUI thread was ready but
//                  had no core (the kernel's run-queue time: other programs, or our workers if
//                  they did not yield);
//   host_ms        in that heartbeat, the time the GUI thread neither ran, slept in its event
//                  loop, nor waited for a core: it was blocked on another thread (as it was on
//                  Qt's paint helpers), or the host took the virtual machine's core (steal);
//   progress_ms    the longest time from a job's start to its progress bar showing (0 when
//                  every job ended before a bar was needed), progress_runs how many showed one.
// control_to_figure/<lab>:<key> moves the lab's main control; longest_job/<lab>:<key> starts
// the lab's longest job (after an untimed preparation, where one is needed to make it run
// again). A lab whose main control already starts its longest job has no longest_job entry.
//
// To find what makes the loop late: MINIMA_BENCH_TRACE=<ms> prints, with a time stamp, every
// event the GUI thread took longer than <ms> to deliver (its type, receiver, and for a timer its
// interval and owner) and every heartbeat over 8 ms late; MINIMA_BENCH_TRACE_RESIZE=1 adds each
// widget resized meanwhile (a figure laid out again is the usual culprit), and
// MINIMA_BENCH_TRACE_PAINT=1 each widget painted, with the part of it that was.
#include <benchmark/benchmark.h>

#include <QAbstractButton>
#include <QAbstractEventDispatcher>
#include <QAbstractSlider>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProgressBar>
#include <QPaintEvent>
#include <QResizeEvent>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <functional>
#include <memory>
#include <vector>

#include "app/mainwindow.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/lab.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/registry.h"

using namespace minima;

namespace {

// Each lab's main control, and what starts its longest job when the main control does not.
struct LabCase {
    const char* lab;              // figure name, <lesson>-<lab>
    const char* main;             // key of the control the learner moves most
    const char* longest = nullptr;   // key of the control that starts the longest job
    const char* prepare = nullptr;   // pressed (untimed) before each longest job, so it runs again
    int longestIterations = 5;
};

const LabCase kCases[] = {
    {"challenges-depth", "maxDepthSpin"},
    {"challenges-pretraining", "depthSpin"},
    {"challenges-recipes", "depthSpin"},
    // The hidden terrain follows the number at once; revealing it draws the map.
    {"local-minima-ant", "terrainNumber", "reveal", "newTerrain"},
    // A start is one descent; a surface is its picture and 128² descents for the basins.
    {"local-minima-descent", "startX", "surface"},
    // A batch size is one GD and the SGD runs; a measurement is 200 runs per batch size and start.
    {"local-minima-escape", "batchSize", "measure", "globalDepth", 3},
    // Moving an end redraws the chord and its slice; a function is its map and the test.
    {"convexity-chords", "pointAx", "functionBox"},
    {"convexity-bowl", "learningRate"},
    {"convexity-twins", "seed"},
    // Shuffling is synchronous (the network was trained on opening).
    {"identifiability-rearrange", "shuffleButton"},
    {"identifiability-count", "widthSpin"},
    {"identifiability-bruteforce", "bruteActivationChoice"},
    // A seed is two trainings and a matching; a measurement is 8 pairs at each of four widths,
    // for a depth not measured before (the lab shows a sweep it has measured again at once).
    {"identifiability-align", "seedBSpin", "measure", "alignLayers", 1},
    {"relu-rescaling-rescale", "factorSpin"},
    {"relu-rescaling-proof", "factorSpin"},
    {"relu-rescaling-valley", "factorSpin"},
    {"relu-rescaling-sharpness", "factorSpin"},
    // A condition number is the contours, the directions, the parabola and the line search.
    {"momentum-direction", "kappa"},
    // A batch size or start is the two drawn runs; β or the rate is also the measurement (plain
    // SGD and momentum, 200 runs per batch size and start).
    {"momentum-noise", "batchSize", "momentum", nullptr, 3},
};

// CPU time of the calling thread, in milliseconds.
double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// The GUI thread's time in the kernel's run queue (ready, but without a core), in milliseconds:
// the second field of /proc/thread-self/schedstat. 0 where the kernel does not keep it.
double threadWaitMs()
{
    static const int fd = open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char text[128];
    const ssize_t n = pread(fd, text, sizeof text - 1, 0);
    if (n <= 0) return 0;
    text[n] = 0;
    unsigned long long running = 0, waiting = 0;
    if (sscanf(text, "%llu %llu", &running, &waiting) != 2) return 0;
    return double(waiting) / 1e6;
}

// With tracing: the host's steal time (all cores, in the kernel's 10 ms ticks) from /proc/stat,
// and how often the GUI thread gave up its core (it blocked: in its event loop or elsewhere).
long stealTicks()
{
    FILE* f = fopen("/proc/stat", "re");
    if (!f) return 0;
    long v[8] = {};
    const int n = fscanf(f, "cpu %ld %ld %ld %ld %ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
    fclose(f);
    return n == 8 ? v[7] : 0;
}
long voluntarySwitches()
{
    rusage u{};
    getrusage(RUSAGE_THREAD, &u);
    return u.ru_nvcsw;
}

// How long the GUI thread slept in its event loop: from the dispatcher's aboutToBlock to the
// next event it delivers, less the time it then waited in the run queue to be woken (that is
// the machine's, counted in wait_ms).
struct SleepClock {
    QElapsedTimer clock;
    double blockedSince = -1, waitWhenBlocked = 0;
    double slept = 0;
    long blocks = 0;
    double now() const { return double(clock.nsecsElapsed()) / 1e6; }
    void blocking()
    {
        blockedSince = now();
        waitWhenBlocked = threadWaitMs();
        ++blocks;
    }
    void delivering()
    {
        if (blockedSince < 0) return;
        slept += std::max(0.0, now() - blockedSince - (threadWaitMs() - waitWhenBlocked));
        blockedSince = -1;
    }
};
SleepClock& sleepClock()
{
    static SleepClock c;
    if (!c.clock.isValid()) c.clock.start();
    return c;
}

std::unique_ptr<QTemporaryDir> dataDir;
std::unique_ptr<MainWindow> window;

// One step of the control, up then down on alternate calls, so the figure really changes; a
// button is clicked, a choice moves to the next item.
bool nudge(QWidget* w, bool up)
{
    if (!w || !w->isEnabled()) return false;
    if (auto* s = qobject_cast<QSpinBox*>(w)) s->setValue(up ? s->value() + s->singleStep() : s->value() - s->singleStep());
    else if (auto* d = qobject_cast<QDoubleSpinBox*>(w)) d->stepBy(up ? 1 : -1);
    else if (auto* a = qobject_cast<QAbstractSlider*>(w)) a->setValue(up ? a->value() + a->singleStep() : a->value() - a->singleStep());
    else if (auto* c = qobject_cast<QComboBox*>(w)) c->setCurrentIndex((c->currentIndex() + 1) % std::max(1, c->count()));
    else if (auto* b = qobject_cast<QAbstractButton*>(w)) b->click();
    else return false;
    return true;
}

// Runs the event loop as the application's own would, sleeping until something happens (Qt's
// processEvents with a time limit never sleeps: it would take a core from the lab's workers).
void waitForEvents(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

void settle()
{
    while (window->context().pendingWork() > 0) waitForEvents(5);
    QApplication::processEvents();
}

Lab* openLab(const QString& name)
{
    for (const auto& lesson : shippedLessons()) {
        if (!name.startsWith(lesson->id() + QLatin1Char('-'))) continue;
        window->openLesson(lesson->id());
        auto* page = qobject_cast<LessonPage*>(window->currentPage());
        for (int tab = 0; page && tab < page->labCount(); ++tab)
            if (page->lab(tab) && page->lab(tab)->figureName() == name) {
                page->tabs()->setCurrentIndex(tab);
                settle();
                // Opening a lab is not moving its control: what the opening left for later (the
                // charts' fit a millisecond after their first paint, their keys) is done first.
                QElapsedTimer opened;
                opened.start();
                while (opened.elapsed() < 150) waitForEvents(10);
                settle();
                return page->lab(tab);
            }
    }
    return nullptr;
}

// A control of the kit by its key: a value control, or an action (a button named by its key).
QWidget* controlOf(Lab* lab, const char* key)
{
    if (!lab || !key) return nullptr;
    const QString k = QString::fromLatin1(key);
    if (QWidget* w = lab->controls()->control(k)) return w;
    return lab->controls()->findChild<QAbstractButton*>(k);
}

// Notes when a widget is shown.
class ShowWatch : public QObject {
public:
    explicit ShowWatch(std::function<void()> shown) : shown_(std::move(shown)) {}
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Show) shown_();
        return false;
    }

private:
    std::function<void()> shown_;
};

QElapsedTimer& traceClock()
{
    static QElapsedTimer t;
    if (!t.isValid()) t.start();
    return t;
}

bool tracing() { return qEnvironmentVariableIsSet("MINIMA_BENCH_TRACE"); }

void measure(benchmark::State& state, const LabCase& c, const char* key, const char* prepare)
{
    Lab* lab = openLab(QString::fromLatin1(c.lab));
    QWidget* control = controlOf(lab, key);
    QWidget* before = prepare ? controlOf(lab, prepare) : nullptr;
    if (!control || (prepare && !before)) {
        state.SkipWithError("the lab or its control is missing");
        return;
    }
    auto* bar = lab->findChild<QProgressBar*>();
    std::vector<double> times;
    double worstDelay = 0, worstBusy = 0, worstOwn = 0, worstWait = 0, worstHost = 0, progressAt = 0;
    int progressRuns = 0;
    bool up = true, prepareUp = true;
    for (auto _ : state) {
        if (before) {
            nudge(before, prepareUp);
            prepareUp = !prepareUp;
            settle();
        }
        QElapsedTimer clock;
        // A 4 ms heartbeat: how late it fires is how long the GUI thread was busy.
        QElapsedTimer beat;
        QTimer heart;
        heart.setTimerType(Qt::PreciseTimer);
        heart.setInterval(4);
        double delay = 0, busy = 0, own = 0, wait = 0, host = 0, startedAt = -1, barSeen = -1;
        double cpuAtBeat = threadCpuMs(), waitAtBeat = threadWaitMs(), sleptAtBeat = sleepClock().slept;
        long stealAtBeat = tracing() ? stealTicks() : 0, switchesAtBeat = voluntarySwitches(), blocksAtBeat = sleepClock().blocks;
        QObject::connect(&heart, &QTimer::timeout, [&] {
            const double interval = double(beat.nsecsElapsed()) / 1e6;
            const double late = interval - 4.0;
            beat.restart();
            const double cpu = threadCpuMs(), waited = threadWaitMs(), slept = sleepClock().slept;
            const double beatCpu = cpu - cpuAtBeat, beatWait = waited - waitAtBeat, beatSlept = slept - sleptAtBeat;
            cpuAtBeat = cpu;
            waitAtBeat = waited;
            sleptAtBeat = slept;
            const long steal = tracing() ? stealTicks() : 0, switches = voluntarySwitches(), blocks = sleepClock().blocks;
            if (tracing() && late > 8)
                fprintf(stderr, "  %9.1f heartbeat %.1f ms late: cpu %.1f, slept %.1f, run queue %.1f, steal %ld ticks, blocked %ld times outside the loop\n",
                        double(traceClock().nsecsElapsed()) / 1e6, late, beatCpu, beatSlept, beatWait, steal - stealAtBeat,
                        (switches - switchesAtBeat) - (blocks - blocksAtBeat));
            stealAtBeat = steal;
            switchesAtBeat = switches;
            blocksAtBeat = blocks;
            if (late > delay) {
                delay = late;
                wait = beatWait;
                host = std::max(0.0, interval - beatCpu - beatSlept - beatWait);
            }
            busy = std::max(busy, beatCpu);
            own = std::max(own, beatCpu + beatSlept - 4.0);
        });
        ShowWatch watch([&] {
            if (startedAt >= 0 && barSeen < 0) barSeen = double(clock.nsecsElapsed()) / 1e6;
        });
        if (bar) bar->installEventFilter(&watch);
        // Each job started: progress is timed from the last start before the bar showed.
        const auto started = QObject::connect(lab->job(), &FigureJob::started, [&] {
            if (barSeen < 0) startedAt = double(clock.nsecsElapsed()) / 1e6;
        });
        clock.start();
        beat.start();
        heart.start();
        if (!nudge(control, up)) {
            QObject::disconnect(started);
            if (bar) bar->removeEventFilter(&watch);
            state.SkipWithError("the control cannot be moved");
            return;
        }
        up = !up;
        settle();
        heart.stop();
        QObject::disconnect(started);
        if (bar) bar->removeEventFilter(&watch);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        state.SetIterationTime(ms / 1e3);
        times.push_back(ms);
        if (delay > worstDelay) {
            worstDelay = delay;
            worstWait = wait;
            worstHost = host;
        }
        worstBusy = std::max(worstBusy, busy);
        worstOwn = std::max(worstOwn, own);
        if (barSeen >= 0) {
            progressAt = std::max(progressAt, barSeen - startedAt);
            ++progressRuns;
        }
    }
    std::sort(times.begin(), times.end());
    if (!times.empty()) {
        const std::size_t rank = std::size_t(std::ceil(0.95 * double(times.size())));
        state.counters["p95_ms"] = times[std::clamp<std::size_t>(rank, 1, times.size()) - 1];
        state.counters["max_ms"] = times.back();
    }
    state.counters["loop_delay_ms"] = worstDelay;
    state.counters["gui_busy_ms"] = worstBusy;
    state.counters["own_delay_ms"] = worstOwn;
    state.counters["wait_ms"] = worstWait;
    state.counters["host_ms"] = worstHost;
    state.counters["progress_ms"] = progressAt;
    state.counters["progress_runs"] = progressRuns;
}

// With MINIMA_BENCH_TRACE set, the slowest top-level event deliveries of each benchmark are
// printed: what to look at when the loop delay is over its target.
class TracingApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override
    {
        if (tracing_ && depth_ > 0 && event->type() == QEvent::Resize && qEnvironmentVariableIsSet("MINIMA_BENCH_TRACE_RESIZE")) {
            auto* r = static_cast<QResizeEvent*>(event);
            fprintf(stderr, "      resize %s %s %dx%d -> %dx%d\n", receiver->metaObject()->className(), qPrintable(receiver->objectName()),
                    r->oldSize().width(), r->oldSize().height(), r->size().width(), r->size().height());
        }
        if (depth_ == 0) sleepClock().delivering();
        if (tracing_ && event->type() == QEvent::Paint && qEnvironmentVariableIsSet("MINIMA_BENCH_TRACE_PAINT")) {
            const QRect r = static_cast<QPaintEvent*>(event)->rect();
            fprintf(stderr, "      paint %s %s %dx%d at %d,%d\n", receiver->metaObject()->className(), qPrintable(receiver->objectName()),
                    r.width(), r.height(), r.x(), r.y());
        }
        if (!tracing_ || depth_ > 0) {
            ++depth_;
            const bool r = QApplication::notify(receiver, event);
            --depth_;
            return r;
        }
        QElapsedTimer t;
        t.start();
        const int type = int(event->type());
        QString who = QString::fromLatin1(receiver->metaObject()->className()) + QLatin1Char(' ') + receiver->objectName();
        if (auto* timer = qobject_cast<QTimer*>(receiver)) who += QStringLiteral(" every %1 ms, child of %2").arg(timer->interval()).arg(QString::fromLatin1(timer->parent() ? timer->parent()->metaObject()->className() : "nothing"));
        ++depth_;
        const bool r = QApplication::notify(receiver, event);
        --depth_;
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (ms > threshold_) fprintf(stderr, "  %9.1f slow event %6.1f ms: type %d to %s\n", double(traceClock().nsecsElapsed()) / 1e6 - ms, ms, type, qPrintable(who));
        return r;
    }
    bool tracing_ = qEnvironmentVariableIsSet("MINIMA_BENCH_TRACE");
    double threshold_ = std::max(1, qEnvironmentVariableIntValue("MINIMA_BENCH_TRACE"));

private:
    int depth_ = 0;
};

QtMessageHandler previousHandler = nullptr;

void quietPlatform(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    // The offscreen platform says this for every window it shows.
    if (message.contains(QLatin1String("propagateSizeHints"))) return;
    if (previousHandler) previousHandler(type, context, message);
    else fprintf(stderr, "%s\n", qPrintable(message));
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    TracingApplication app(argc, argv);
    QObject::connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::aboutToBlock, [] { sleepClock().blocking(); });
    previousHandler = qInstallMessageHandler(quietPlatform);
    dataDir = std::make_unique<QTemporaryDir>();
    window = std::make_unique<MainWindow>(shippedLessons(), dataDir->path());
    window->resize(1366, 768);
    window->show();
    // Every shipped lab has a case, and every case a shipped lab.
    int labs = 0;
    for (const auto& lesson : shippedLessons()) {
        window->openLesson(lesson->id());
        auto* page = qobject_cast<LessonPage*>(window->currentPage());
        for (int tab = 0; page && tab < page->labCount(); ++tab) {
            ++labs;
            const QString name = page->lab(tab) ? page->lab(tab)->figureName() : QString();
            const bool known = std::any_of(std::begin(kCases), std::end(kCases),
                                           [&](const LabCase& c) { return name == QLatin1String(c.lab); });
            if (!known) fprintf(stderr, "bench_labs: no case for the lab \"%s\"\n", qPrintable(name));
        }
    }
    if (labs != int(std::size(kCases))) fprintf(stderr, "bench_labs: %d labs shipped, %d cases\n", labs, int(std::size(kCases)));
    for (const LabCase& c : kCases) {
        benchmark::RegisterBenchmark((std::string("control_to_figure/") + c.lab + ":" + c.main).c_str(),
                                     [&c](benchmark::State& s) { measure(s, c, c.main, nullptr); })
            ->UseManualTime()
            ->Iterations(20)
            ->Unit(benchmark::kMillisecond);
        if (c.longest)
            benchmark::RegisterBenchmark((std::string("longest_job/") + c.lab + ":" + c.longest).c_str(),
                                         [&c](benchmark::State& s) { measure(s, c, c.longest, c.prepare); })
                ->UseManualTime()
                ->Iterations(c.longestIterations)
                ->Unit(benchmark::kMillisecond);
    }
    settle();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    window.reset();
    dataDir.reset();
    return 0;
}
