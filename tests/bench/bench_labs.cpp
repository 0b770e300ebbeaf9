// How a lab feels: for every lab of every shipped lesson, the time from moving its main
// control to the figure showing the new result, and the event loop's longest delay while
// the lab computes (offscreen; a window of 1366x768).
//
// Targets (issue "The lab as a unit"): p95 under 50 ms from control to figure for the
// analytic surfaces; progress visible within 100 ms for longer work; event-loop delay under
// 16 ms throughout. Each benchmark reports p95_ms (control to figure), loop_delay_ms (the
// largest lateness of a 4 ms timer while the lab worked) and progress_ms (when the progress
// bar appeared, 0 when the work ended before it was needed).
#include <benchmark/benchmark.h>

#include <QAbstractSlider>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QProgressBar>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

#include "app/mainwindow.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/lab.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/registry.h"

using namespace minima;

namespace {

std::unique_ptr<QTemporaryDir> dataDir;
std::unique_ptr<MainWindow> window;

// The lab's main control: its first number, slider or choice.
QWidget* mainControl(Lab* lab)
{
    for (const QString& key : lab->controls()->keys()) {
        QWidget* w = lab->controls()->control(key);
        if (w && w->isEnabled() && (qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QAbstractSlider*>(w) || qobject_cast<QComboBox*>(w)))
            return w;
    }
    return nullptr;
}

// One step of the control, up then down on alternate calls, so the figure really changes.
void nudge(QWidget* w, bool up)
{
    if (auto* s = qobject_cast<QSpinBox*>(w)) s->setValue(up ? s->value() + s->singleStep() : s->value() - s->singleStep());
    else if (auto* d = qobject_cast<QDoubleSpinBox*>(w)) d->stepBy(up ? 1 : -1);
    else if (auto* a = qobject_cast<QAbstractSlider*>(w)) a->setValue(up ? a->value() + a->singleStep() : a->value() - a->singleStep());
    else if (auto* c = qobject_cast<QComboBox*>(w)) c->setCurrentIndex((c->currentIndex() + 1) % std::max(1, c->count()));
}

void settle()
{
    while (window->context().pendingWork() > 0) QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    QApplication::processEvents();
}

void controlToFigure(benchmark::State& state, QString lesson, int tab)
{
    window->openLesson(lesson);
    auto* page = qobject_cast<LessonPage*>(window->currentPage());
    page->tabs()->setCurrentIndex(tab);
    Lab* lab = page->lab(tab);
    settle();
    QWidget* control = lab ? mainControl(lab) : nullptr;
    if (!control) {
        state.SkipWithError("no main control");
        return;
    }
    auto* bar = lab->findChild<QProgressBar*>();
    std::vector<double> times;
    double worstDelay = 0, progressAt = 0;
    bool up = true;
    for (auto _ : state) {
        QElapsedTimer clock;
        // A 4 ms heartbeat: how late it fires is how long the GUI thread was busy.
        QElapsedTimer beat;
        beat.start();
        QTimer heart;
        heart.setInterval(4);
        double delay = 0, barSeen = 0;
        QObject::connect(&heart, &QTimer::timeout, [&] {
            delay = std::max(delay, double(beat.nsecsElapsed()) / 1e6 - 4.0);
            beat.restart();
            if (bar && bar->isVisible() && barSeen == 0) barSeen = double(clock.nsecsElapsed()) / 1e6;
        });
        clock.start();
        heart.start();
        nudge(control, up);
        up = !up;
        settle();
        heart.stop();
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        state.SetIterationTime(ms / 1e3);
        times.push_back(ms);
        worstDelay = std::max(worstDelay, delay);
        progressAt = std::max(progressAt, barSeen);
    }
    std::sort(times.begin(), times.end());
    if (!times.empty()) state.counters["p95_ms"] = times[std::min(times.size() - 1, size_t(0.95 * double(times.size())))];
    state.counters["loop_delay_ms"] = worstDelay;
    state.counters["progress_ms"] = progressAt;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    dataDir = std::make_unique<QTemporaryDir>();
    window = std::make_unique<MainWindow>(shippedLessons(), dataDir->path());
    window->resize(1366, 768);
    window->show();
    for (const auto& lesson : shippedLessons()) {
        window->openLesson(lesson->id());
        auto* page = qobject_cast<LessonPage*>(window->currentPage());
        for (int tab = 0; page && tab < page->labCount(); ++tab) {
            const QString name = page->lab(tab) ? page->lab(tab)->figureName() : lesson->id() + QString::number(tab + 1);
            benchmark::RegisterBenchmark(("control_to_figure/" + name.toStdString()).c_str(),
                                         [id = lesson->id(), tab](benchmark::State& s) { controlToFigure(s, id, tab); })
                ->UseManualTime()
                ->Iterations(20)
                ->Unit(benchmark::kMillisecond);
        }
    }
    settle();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    window.reset();
    dataDir.reset();
    return 0;
}
