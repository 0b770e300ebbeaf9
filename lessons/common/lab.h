#pragma once
// The Lab contract (docs/ARCHITECTURE.md): every lab of every lesson derives Lab.
//
// A lab owns, through this base:
//  - a control strip built from the control kit (controls(), ControlStrip);
//  - its figures, in the figure area (addFigure(); figureArea() is what File > Export figure
//    writes, without the controls);
//  - one readout sentence under the figures (setReadout());
//  - one job runner for engine work: runJob() runs the computation off the GUI thread,
//    supersedes and cancels the run in flight, and shows progress (with a Stop button)
//    for work that lasts longer than about 100 ms; recomputeLater() debounces (a few
//    milliseconds after a quick result, 250 ms after a slow one);
//  - its state: saveState()/restoreState() (the kit's controls by key, plus what the lab
//    adds in saveExtraState()/restoreExtraState()), used by shared lab states.
//
// A derived lab builds its controls and figures in its constructor, implements run() (read
// the controls, call runJob() with the engine computation and a function that maps the
// result to series), and calls recompute() once at the end of its constructor.
#include <QElapsedTimer>
#include <QList>
#include <QVariantMap>
#include <QWidget>

#include <functional>

#include "engine/common/progress.h"
#include "lessons/common/figurejob.h"

class QBoxLayout;
class QScrollArea;
class QTimer;

namespace minima {

class ControlStrip;
class DebounceTimer;
class FigureChart;
class JobStatus;
class LessonContext;

class Lab : public QWidget {
    Q_OBJECT
public:
    explicit Lab(LessonContext& context, QWidget* parent = nullptr);
    ~Lab() override;

    LessonContext& context() const { return context_; }
    ControlStrip* controls() const { return controls_; }
    // The figures alone (charts, their keys and colour bars), for export and presentation.
    QWidget* figureArea() const { return figureArea_; }
    QList<FigureChart*> figures() const;
    JobStatus* status() const { return status_; }
    FigureJob* job() const { return job_; }
    QString readout() const;

    // "<lesson>-<lab>", the default file name of an exported figure; set by the lesson page.
    QString figureName() const { return figureName_; }
    void setFigureName(const QString& name);

    // The lab's state: {"controls": {key: value}, "extra": {...}}.
    QVariantMap saveState() const;
    // Restores what `state` holds and recomputes; unknown keys are ignored.
    void restoreState(const QVariantMap& state);

    // True while a computation or a debounced recomputation is pending.
    bool isBusy() const;

    // True when the lab, wide and short, shows its figures side by side instead of stacked.
    bool figuresSideBySide() const;

signals:
    // A result was mapped to the figures (emitted by runJob() after the lab's show function).
    void resultShown();

public slots:
    // Runs the lab's computation now (a pending debounced run is dropped).
    void recompute();
    // Runs it after the controls have been still for the debounce interval.
    void recomputeLater();

protected:
    // Reads the controls and starts the computation with runJob().
    virtual void run() = 0;

    virtual QVariantMap saveExtraState() const { return {}; }
    virtual void restoreExtraState(const QVariantMap&) {}

    // Runs `work` on the context's thread pool and `show` with its result on the GUI thread;
    // `message` is the readout while it runs. Superseded runs are cancelled and dropped.
    template <typename Result>
    void runJob(const QString& message, std::function<Result(Progress&)> work, std::function<void(const Result&)> show)
    {
        setReadout(message);
        jobClock_.start();
        job_->start<Result>(std::move(work), [this, show = std::move(show)](const Result& r) {
            drawPendingSteps();   // an older result's drawing is finished first: nothing is lost
            show(r);
            finishResult();
        });
    }

    // Splits the drawing of one result over turns of the event loop, so that a result with
    // several heavy figures never holds the interface for more than a frame (docs/ARCHITECTURE.md,
    // "the event loop"). Called from a show function: `step` runs once the event loop has had its
    // turn (the figures drawn so far painted, timers and input served), still as part of this
    // result (pending work, so `minima render` and the tests wait for it); a newer result first
    // runs it at once. Steps run in the order given, each with its figures fitted; resultShown()
    // follows the last.
    void showNext(std::function<void()> step);

    // Adds a figure to the figure area (stacked top to bottom); a FigureChart gets its
    // wrapping key below it. Returns the chart for chaining.
    FigureChart* addFigure(FigureChart* chart, int stretch = 1);
    // Adds any other figure widget (a map with its colour bar, a row of charts).
    void addFigureWidget(QWidget* widget, int stretch = 1);
    // Wraps a chart and its key in one widget, for labs that arrange figures in their own layout.
    QWidget* withKey(FigureChart* chart);
    // The layout of the figure area, for labs that need another arrangement.
    QBoxLayout* figureLayout() const { return figureLayout_; }

    // Adds a line under the figures, above the readout, for a lab whose result needs more than
    // the readout sentence (a verdict beside its button). Not part of the exported figure.
    void addNote(QWidget* widget);

    void setReadout(const QString& text, bool warning = false);
    void setDebounceInterval(int milliseconds);

    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void arrangeFigures();
    // Quick figures follow a control at once; slow ones wait for the learner to pause.
    void adaptDebounce(qint64 lastMilliseconds);
    void fitFigures();
    // Fits the figures, then runs the next step of the result a turn later or, after the last,
    // adapts the debounce and emits resultShown().
    void finishResult();
    void holdWork(bool hold);
    // Runs the first step showNext() left, if any; true if there was one.
    bool drawNextStep();
    void drawPendingSteps();

    LessonContext& context_;
    QElapsedTimer jobClock_;
    bool fixedDebounce_ = false;
    bool chartsOnly_ = true;
    ControlStrip* controls_;
    QScrollArea* scroll_;
    QWidget* content_;
    QWidget* figureArea_;
    QBoxLayout* figureLayout_;
    JobStatus* status_;
    FigureJob* job_;
    DebounceTimer* debounce_;
    QTimer* stepTimer_;
    QList<std::function<void()>> steps_;   // the rest of the result on show (showNext())
    bool holdsWork_ = false;               // counted as the context's pending work meanwhile
    QString figureName_;
};

} // namespace minima
