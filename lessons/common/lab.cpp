#include "lessons/common/lab.h"

#include <QEvent>
#include <QResizeEvent>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/figurekey.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/debounce.h"
#include "lessons/common/jobstatus.h"
#include "lessons/common/labstate.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/steadytext.h"

namespace minima {

namespace {
// The debounce after a still control: short, so a single step shows at once. While the learner
// keeps moving (a run is pending), the lab waits twice as long as its last result took.
constexpr int kQuickDebounceMs = 10;
constexpr int kSlowDebounceMs = 250;
// The interval timed from the last result, kept on the debounce timer.
constexpr char kTimedInterval[] = "minimaTimedInterval";
} // namespace

Lab::Lab(LessonContext& context, QWidget* parent)
    : QWidget(parent),
      context_(context),
      controls_(new ControlStrip(this)),
      figureArea_(new QWidget(this)),
      figureLayout_(new QVBoxLayout(figureArea_)),
      status_(new JobStatus(this)),
      job_(new FigureJob(context, this)),
      debounce_(new DebounceTimer(context, kQuickDebounceMs, this)),
      stepTimer_(new QTimer(this))
{
    // A zero timer: Qt runs it once the posted events (layouts, scene updates, the paint) of the
    // step before are done and after any timer already due.
    stepTimer_->setSingleShot(true);
    stepTimer_->setInterval(0);
    connect(stepTimer_, &QTimer::timeout, this, [this] {
        drawNextStep();
        finishResult();
    });
    figureArea_->setObjectName(QStringLiteral("figureArea"));
    // What the chart menu's "Export figure…" writes: the figures without the controls.
    figureArea_->setProperty("minimaFigure", true);
    figureLayout_->setContentsMargins(0, 0, 0, 0);
    status_->follow(job_);
    // Controls, figures, notes and readout scroll together when the window is too small for
    // their minimum sizes (a small screen with large text): a figure is never squeezed until
    // its labels are elided, nor drawn over the key or the readout.
    scroll_ = new QScrollArea(this);
    scroll_->setObjectName(QStringLiteral("labScroll"));
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll_->setFocusPolicy(Qt::NoFocus);
    content_ = new QWidget;
    content_->setObjectName(QStringLiteral("labContent"));
    auto* layout = new QVBoxLayout(content_);
    layout->addWidget(controls_);
    layout->addWidget(figureArea_, 1);
    layout->addWidget(status_);
    scroll_->setWidget(content_);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll_);
    connect(controls_, &ControlStrip::changed, this, &Lab::recomputeLater);
    connect(debounce_, &DebounceTimer::timeout, this, &Lab::recompute);
}

Lab::~Lab() { holdWork(false); }

QList<FigureChart*> Lab::figures() const { return figureArea_->findChildren<FigureChart*>(); }

void Lab::setFigureName(const QString& name)
{
    figureName_ = name;
    figureArea_->setProperty("minimaFigureName", name);
}

QString Lab::readout() const { return status_->message(); }

void Lab::setReadout(const QString& text, bool warning)
{
    // A sentence of fewer lines (the message while a run computes, a shorter result) leaves
    // the figures above it where they are (steadytext.h).
    changeSteadily(status_, [&] { status_->setMessage(text, warning); });
}

void Lab::addNote(QWidget* widget)
{
    auto* box = static_cast<QVBoxLayout*>(content_->layout());
    widget->setParent(content_);
    box->insertWidget(box->indexOf(status_), widget);
}

void Lab::setDebounceInterval(int milliseconds)
{
    fixedDebounce_ = true;
    debounce_->setInterval(milliseconds);
}

void Lab::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    arrangeFigures();
}

void Lab::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) arrangeFigures();
}

void Lab::arrangeFigures()
{
    // Figures stacked one above the other, unless the lab is wide and too short for that:
    // then side by side (a projector at 1280x720, presenting), each figure keeping its key.
    const int figures = figureLayout_->count();
    if (figures < 2 || !chartsOnly_) return;
    const int em = fontMetrics().height();
    const int fixed = controls_->sizeHint().height() + status_->sizeHint().height() + 2 * em;
    const int stackedHeight = (height() - fixed) / figures;
    const int sideWidth = width() / figures;
    const bool side = stackedHeight < 15 * em && sideWidth >= 20 * em;
    const auto direction = side ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (figureLayout_->direction() != direction) figureLayout_->setDirection(direction);
}

bool Lab::figuresSideBySide() const { return figureLayout_->direction() == QBoxLayout::LeftToRight; }

void Lab::fitFigures()
{
    for (FigureChart* chart : figures()) chart->fit();
}

void Lab::showNext(std::function<void()> step)
{
    if (step) steps_.append(std::move(step));
}

void Lab::finishResult()
{
    fitFigures();   // titles, ticks and keys follow the result before anyone looks
    if (!steps_.isEmpty()) {
        holdWork(true);
        stepTimer_->start();
        return;
    }
    holdWork(false);
    adaptDebounce(jobClock_.elapsed());
    emit resultShown();
}

bool Lab::drawNextStep()
{
    if (steps_.isEmpty()) return false;
    const std::function<void()> step = steps_.takeFirst();
    step();
    return true;
}

void Lab::drawPendingSteps()
{
    stepTimer_->stop();
    while (drawNextStep()) {}
}

void Lab::holdWork(bool hold)
{
    if (hold == holdsWork_) return;
    holdsWork_ = hold;
    if (hold) context_.beginWork();
    else context_.endWork();
}

void Lab::adaptDebounce(qint64 lastMilliseconds)
{
    if (fixedDebounce_) return;
    // Twice the last computation, so a held key or a dragged slider coalesces into few runs.
    debounce_->setProperty(kTimedInterval, int(std::clamp<qint64>(2 * lastMilliseconds, kQuickDebounceMs, kSlowDebounceMs)));
}

bool Lab::isBusy() const { return job_->isRunning() || debounce_->isActive() || holdsWork_; }

void Lab::recompute()
{
    debounce_->stop();
    run();
}

void Lab::recomputeLater()
{
    // The first change after a pause runs almost at once; a change while the run it led to is
    // still computing waits for the interval timed from the last result, so a slow lab waits
    // for the learner to pause. A wait already pending keeps its interval.
    if (!fixedDebounce_ && !debounce_->isActive()) {
        const QVariant timed = debounce_->property(kTimedInterval);
        debounce_->setInterval(job_->isRunning() && timed.isValid() ? timed.toInt() : kQuickDebounceMs);
    }
    debounce_->start();
}

QWidget* Lab::withKey(FigureChart* chart)
{
    auto* cell = new QWidget(figureArea_);
    cell->setObjectName(chart->objectName() + QStringLiteral("Cell"));
    auto* v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    chart->setParent(cell);
    v->addWidget(chart, 1);
    FigureKey* key = chart->key();
    key->setParent(cell);
    v->addWidget(key);
    return cell;
}

FigureChart* Lab::addFigure(FigureChart* chart, int stretch)
{
    figureLayout_->addWidget(withKey(chart), stretch);
    return chart;
}

void Lab::addFigureWidget(QWidget* widget, int stretch)
{
    widget->setParent(figureArea_);
    figureLayout_->addWidget(widget, stretch);
    chartsOnly_ = false;   // a table or a diagram keeps the place the lab gave it
}

QVariantMap Lab::saveState() const
{
    QVariantMap state;
    state.insert(QStringLiteral("controls"), controls_->values());
    const QVariantMap extra = saveExtraState();
    if (!extra.isEmpty()) state.insert(QStringLiteral("extra"), extra);
    return state;
}

void Lab::restoreState(const QVariantMap& state)
{
    const QVariantMap values = state.value(QStringLiteral("controls")).toMap();
    // Twice: a control's range may depend on another's value (a learning rate bounded by an
    // eigenvalue), so the second pass sets what the first had to clamp.
    controls_->setValues(values);
    controls_->setValues(values);
    restoreExtraState(state.value(QStringLiteral("extra")).toMap());
    recompute();
}

// Declared in labstate.h; here because they need the Lab (the lab-state reader does not).
LabState captureLabState(const QString& lesson, int labIndex, const Lab* lab)
{
    LabState s;
    s.lesson = lesson;
    s.lab = labIndex;
    if (!lab) return s;
    const QVariantMap state = lab->saveState();
    s.controls = state.value(QStringLiteral("controls")).toMap();
    s.extra = state.value(QStringLiteral("extra")).toMap();
    return s;
}

void restoreLabState(Lab* lab, const LabState& state)
{
    if (!lab) return;
    QVariantMap m;
    m.insert(QStringLiteral("controls"), state.controls);
    m.insert(QStringLiteral("extra"), state.extra);
    lab->restoreState(m);
}

} // namespace minima
