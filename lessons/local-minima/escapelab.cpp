#include "lessons/local-minima/escapelab.h"

#include <QChart>
#include <QComboBox>
#include <QGridLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScatterSeries>
#include <QSlider>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"
#include "lessons/local-minima/escapewells.h"

namespace minima {

namespace {
using escapewells::kRoles;
using escapewells::wellColour;

constexpr double kDepthStep = 0.05;               // a depth slider's unit
constexpr int kDefaultDepths[3] = {20, 60, 80};   // 1, 3, 4: the loss's defaults
constexpr int kCurvePoints = 721;

QString roleName(int well)
{
    static const QString names[3] = {QObject::tr("shallow"), QObject::tr("deep"), QObject::tr("global")};
    return names[well];
}

QString depthKey(int well) { return QStringLiteral("%1Depth").arg(QLatin1String(kRoles[well])); }

QString percent(double share) { return formatNumber(100 * share, share < 0.1 ? 2 : 3) + QStringLiteral(" %"); }

// "93 % (89–96 %)": a measured share with its 95 % interval.
QString shareWithInterval(const ProportionInterval& i)
{
    return QStringLiteral("%1 (%2–%3)").arg(percent(i.share), formatNumber(100 * i.low, 2), percent(i.high));
}
} // namespace

const std::vector<int>& EscapeLab::batchSizes()
{
    static const std::vector<int> sizes = [] {
        const int n = ThreeMinimaLossParams{}.samples;   // the lab's loss keeps the default dataset
        std::vector<int> b;
        for (int s = 1; s < n; s *= 2) b.push_back(s);
        b.push_back(n);
        return b;
    }();
    return sizes;
}

const std::vector<int>& EscapeLab::measuredBatchSizes() { return batchSizes(); }

EscapeLab::EscapeLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      lossChart_(new FigureChart),
      pathChart_(new FigureChart),
      escapeChart_(new FigureChart),
      curve_(new QLineSeries),
      gdBall_(new QScatterSeries),
      sgdBalls_(new QScatterSeries),
      lossY_(makeValueAxis()),
      gdPath_(new QLineSeries),
      shallowEscape_(new QLineSeries),
      deepEscape_(new QLineSeries),
      shallowPoints_(new QScatterSeries),
      deepPoints_(new QScatterSeries),
      escapeX_(new QLogValueAxis)
{
    setObjectName(QStringLiteral("escapeLab"));
    ControlStrip* c = controls();

    // Controls: the three depths, then the batch size, start and runs.
    const QString wellLabels[3] = {tr("Shallow well"), tr("Deep well"), tr("Global well")};
    for (int k = 0; k < 3; ++k) {
        QSlider* s = c->addSlider(depthKey(k), wellLabels[k], 0, 100, kDefaultDepths[k],
                                  [](int v) { return formatFixed(v * kDepthStep, 2); },
                                  tr("Depth of the %1 well (0 to 5)").arg(roleName(k)));
        s->setPageStep(10);
        s->setAccessibleName(tr("Depth of the %1 well").arg(roleName(k)));
    }
    c->newRow();
    QSlider* batch = c->addSlider(QStringLiteral("batchSize"), tr("Batch"), 0, int(batchSizes().size()) - 1, 0,
                                  [this](int v) {
                                      const int b = batchSizes()[std::size_t(std::clamp(v, 0, int(batchSizes().size()) - 1))];
                                      return b >= fullBatch() ? tr("%1 (full)").arg(b) : QString::number(b);
                                  },
                                  tr("Mini-batch size: 1, 2, 4, …, %1 (the whole dataset)").arg(batchSizes().back()));
    batch->setPageStep(1);
    batch->setTickPosition(QSlider::TicksBelow);
    batch->setAccessibleName(tr("Mini-batch size"));
    QComboBox* start = c->addChoice(QStringLiteral("start"), tr("Start"),
                                    {{tr("from the shallow minimum"), 0}, {tr("from the deep minimum"), 1}}, 0);
    start->setAccessibleName(tr("Where the runs start"));
    QSpinBox* runs = c->addInteger(QStringLiteral("sgdRuns"), tr("SGD runs"), 1, kMaxShownRuns, 5, {},
                                   tr("How many SGD runs are drawn"));
    runs->setAccessibleName(tr("Number of SGD runs shown"));
    runButton_ = c->addAction(QStringLiteral("run"), tr("Run"), tr("Run gradient descent and SGD from the start, animated"));
    skipButton_ = c->addAction(QStringLiteral("skipToEnd"), tr("Skip to end"), tr("Skip the animation to its end"));
    redrawButton_ = c->addAction(QStringLiteral("newDraws"), tr("New draws"), tr("Draw new mini-batches for the SGD runs"));
    measureButton_ = c->addAction(QStringLiteral("measure"), tr("Measure escape probabilities"),
                                  tr("Measure the escape probabilities for every batch size (%1 runs each)").arg(kRuns));
    runButton_->setAccessibleName(tr("Run gradient descent and SGD from the start"));
    skipButton_->setAccessibleName(tr("Skip the animation to its end"));
    redrawButton_->setAccessibleName(tr("Draw new mini-batches for the SGD runs"));
    measureButton_->setAccessibleName(tr("Measure the escape probabilities for every batch size"));

    // The loss with the balls on it.
    QChart* lc = lossChart_->chart();
    lossChart_->setObjectName(QStringLiteral("lossCurve"));
    lossChart_->setAccessibleName(tr("The loss L(w) with the runs' current positions"));
    lc->setTitle(tr("The loss L(w)"));
    QValueAxis* lossX = makeValueAxis();
    setNiceRange(lossX, ThreeMinimaLoss::kDomainMin, ThreeMinimaLoss::kDomainMax, 10);
    lossX->setTitleText(tr("weight w"));
    lossY_->setTitleText(tr("loss L(w)"));
    const auto addLoss = escapewells::withAxes(lc, lossX, lossY_);
    curve_->setObjectName(QStringLiteral("loss"));
    curve_->setName(tr("loss L(w)"));
    addLoss(curve_);
    curve_->setPen(QPen(hueColor(Hue::Ink), 2));
    for (int k = 0; k < 3; ++k) {
        minimaMarkers_[k] = new QScatterSeries;
        minimaMarkers_[k]->setObjectName(QStringLiteral("%1Minimum").arg(QLatin1String(kRoles[k])));
        minimaMarkers_[k]->setName(tr("%1 minimum").arg(roleName(k)));
        minimaMarkers_[k]->setMarkerSize(12);
        minimaMarkers_[k]->setColor(wellColour(k));
        minimaMarkers_[k]->setBorderColor(hueColor(Hue::Ink));
        addLoss(minimaMarkers_[k]);
        // The name sits under the minimum (an invisible point below it carries the label), so
        // the balls resting in the minimum never cover it.
        minimaLabels_[k] = new QScatterSeries;
        minimaLabels_[k]->setObjectName(QStringLiteral("%1Label").arg(QLatin1String(kRoles[k])));
        minimaLabels_[k]->setMarkerSize(1);
        minimaLabels_[k]->setColor(Qt::transparent);
        minimaLabels_[k]->setBorderColor(Qt::transparent);
        minimaLabels_[k]->setPointLabelsFormat(roleName(k));
        minimaLabels_[k]->setPointLabelsVisible(true);
        minimaLabels_[k]->setPointLabelsClipping(false);
        minimaLabels_[k]->setPointLabelsColor(wellColour(k));
        QFont f = minimaLabels_[k]->pointLabelsFont();
        f.setBold(true);
        minimaLabels_[k]->setPointLabelsFont(f);
        addLoss(minimaLabels_[k]);
    }
    // The balls: full-batch GD (a big ring, so SGD balls resting in the same place show inside it).
    gdBall_->setObjectName(QStringLiteral("gdBall"));
    gdBall_->setName(tr("full-batch GD"));
    gdBall_->setMarkerSize(18);
    gdBall_->setColor(Qt::transparent);
    gdBall_->setBorderColor(hueColor(Hue::Ink));
    gdBall_->setPen(QPen(hueColor(Hue::Ink), 3));
    addLoss(gdBall_);
    sgdBalls_->setObjectName(QStringLiteral("sgdBalls"));
    sgdBalls_->setName(tr("SGD runs"));
    sgdBalls_->setMarkerSize(11);
    sgdBalls_->setColor(hueColor(Hue::Orange));
    sgdBalls_->setBorderColor(hueColor(Hue::Ink));
    addLoss(sgdBalls_);
    // The minima are named on the curve and the curve by the axis: the key is for the balls.
    for (int k = 0; k < 3; ++k)
        for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{minimaMarkers_[k], minimaLabels_[k]})
            for (QLegendMarker* m : lc->legend()->markers(s)) m->setVisible(false);
    for (QLegendMarker* m : lc->legend()->markers(curve_)) m->setVisible(false);
    lossChart_->restyle();

    // w per step: GD beneath, the SGD runs above it, the basin boundaries on top.
    QChart* pc = pathChart_->chart();
    pathChart_->setObjectName(QStringLiteral("pathChart"));
    pathChart_->setAccessibleName(tr("The weight w per step of each run"));
    pc->setTitle(tr("Where each run is, step by step"));
    QValueAxis* stepAxis = makeValueAxis();
    setNiceRange(stepAxis, 0, kSteps, 5);
    stepAxis->setTitleText(tr("step (learning rate %1)").arg(formatNumber(kLearningRate)));
    QValueAxis* wAxis = makeValueAxis();
    setNiceRange(wAxis, ThreeMinimaLoss::kDomainMin, ThreeMinimaLoss::kDomainMax, 6);
    wAxis->setTitleText(tr("weight w"));
    const auto addPath = escapewells::withAxes(pc, stepAxis, wAxis);
    gdPath_->setObjectName(QStringLiteral("gdPath"));
    gdPath_->setName(tr("full-batch GD"));
    gdPath_->setPen(QPen(hueColor(Hue::Ink), 2.5));
    addPath(gdPath_);
    for (int i = 0; i < kMaxShownRuns; ++i) {
        auto* s = new QLineSeries;
        s->setObjectName(QStringLiteral("sgdPath%1").arg(i + 1));
        QColor col = hueColor(Hue::Orange);
        col.setAlphaF(0.85);
        s->setPen(QPen(col, 1.3));
        addPath(s);
        sgdPaths_.append(s);
    }
    for (int b = 0; b < 2; ++b) {
        barrierLines_[b] = new QLineSeries;
        barrierLines_[b]->setObjectName(QStringLiteral("barrier%1").arg(b + 1));
        barrierLines_[b]->setName(b == 0 ? tr("basin boundaries") : QString());
        barrierLines_[b]->setPen(QPen(QColor(0x80, 0x80, 0x80), 1.5, Qt::DashLine));
        addPath(barrierLines_[b]);
    }
    pathChart_->restyle();

    buildEscapeChart();

    // Loss and paths on the left, the measurement on the right.
    auto* figures = new QWidget;
    auto* grid = new QGridLayout(figures);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(withKey(lossChart_), 0, 0);
    grid->addWidget(withKey(pathChart_), 1, 0);
    grid->addWidget(withKey(escapeChart_), 0, 1, 2, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    addFigureWidget(figures);

    // A plot that grew or shrank much since the paths were thinned gets them thinned again.
    connect(pathChart_->chart(), &QChart::plotAreaChanged, this, [this](const QRectF& plot) {
        if (rethinQueued_ || paths_.empty() || std::abs(plot.width() - thinnedFor_) < 0.1 * std::max(plot.width(), 1.0)) return;
        rethinQueued_ = true;
        QTimer::singleShot(1, this, [this] {   // outside the chart's layout pass
            rethinQueued_ = false;
            showRevealed();
        });
    });
    timer_.setInterval(30);
    connect(&timer_, &QTimer::timeout, this, [this] {
        revealed_ = std::min(kSteps, revealed_ + kSteps / 80);
        showRevealed();
        if (revealed_ >= kSteps) {
            timer_.stop();
            updateReadout();
        }
    });
    connect(runButton_, &QPushButton::clicked, this, &EscapeLab::animate);
    connect(skipButton_, &QPushButton::clicked, this, &EscapeLab::skipToEnd);
    connect(redrawButton_, &QPushButton::clicked, this, [this] {
        ++drawSeed_;
        animate();
    });
    connect(measureButton_, &QPushButton::clicked, this, &EscapeLab::measure);

    autoDepths_ = depthsText();
    recompute();
}

EscapeLab::~EscapeLab() = default;

QSlider* EscapeLab::depthSlider(int well) const { return qobject_cast<QSlider*>(controls()->control(depthKey(well))); }
QSlider* EscapeLab::batchSlider() const { return qobject_cast<QSlider*>(controls()->control(QStringLiteral("batchSize"))); }
QComboBox* EscapeLab::startBox() const { return qobject_cast<QComboBox*>(controls()->control(QStringLiteral("start"))); }
QSpinBox* EscapeLab::runCount() const { return qobject_cast<QSpinBox*>(controls()->control(QStringLiteral("sgdRuns"))); }

int EscapeLab::batchSize() const { return batchSizes()[std::size_t(batchSlider()->value())]; }

int EscapeLab::fullBatch() const { return loss_ ? loss_->sampleCount() : ThreeMinimaLossParams{}.samples; }

double EscapeLab::startPoint() const
{
    if (!loss_) return std::nan("");
    const int k = loss_->minimumIndex(kRoles[startBox()->currentData().toInt()]);
    return k < 0 ? std::nan("") : loss_->minima()[std::size_t(k)].w;
}

QString EscapeLab::depthsText() const
{
    return QStringLiteral("%1, %2, %3")
        .arg(formatFixed(depthSlider(0)->value() * kDepthStep, 2), formatFixed(depthSlider(1)->value() * kDepthStep, 2),
             formatFixed(depthSlider(2)->value() * kDepthStep, 2));
}

bool EscapeLab::measurementCurrent() const { return !escapeDepths_.isEmpty() && escapeDepths_ == depthsText(); }

void EscapeLab::animate()
{
    animateNext_ = true;
    recompute();
}

void EscapeLab::skipToEnd()
{
    animateNext_ = false;
    timer_.stop();
    revealed_ = kSteps;
    showRevealed();
    if (!isBusy()) updateReadout();
}

void EscapeLab::run()
{
    timer_.stop();
    const QString depths = depthsText();
    if (!escapeDepths_.isEmpty() && escapeDepths_ != depths) clearEscape();
    // The measurement made on opening is for the depths the lab opened with; a restored or
    // changed depth waits for Measure.
    if (measureWanted_ && !measureAsked_ && depths != autoDepths_) measureWanted_ = false;
    const bool doMeasure = measureWanted_;
    ThreeMinimaLossParams lp;
    lp.shallowDepth = depthSlider(0)->value() * kDepthStep;
    lp.deepDepth = depthSlider(1)->value() * kDepthStep;
    lp.globalDepth = depthSlider(2)->value() * kDepthStep;
    const bool zero = depthSlider(0)->value() == 0 || depthSlider(1)->value() == 0 || depthSlider(2)->value() == 0;
    const int startWell = startBox()->currentData().toInt();
    const int runs = runCount()->value();
    const int batch = batchSize();
    const std::size_t batchIndex = std::size_t(batchSlider()->value());   // in measuredBatchSizes() too
    const std::uint64_t drawSeed = drawSeed_;
    const QString message = doMeasure ? tr("Running %1 SGD runs of %2 steps for each of %3 batch sizes and both starts…")
                                            .arg(kRuns)
                                            .arg(kSteps)
                                            .arg(measuredBatchSizes().size())
                                      : tr("Running gradient descent and %1 SGD runs…").arg(runs);
    runJob<View>(
        message,
        [=](Progress& progress) {
            View v;
            v.depths = depths;
            if (zero) return v;
            auto loss = std::make_shared<const ThreeMinimaLoss>(lp);
            v.loss = loss;
            v.curve.reserve(kCurvePoints);
            for (int i = 0; i < kCurvePoints; ++i) {
                const double w = ThreeMinimaLoss::kDomainMin
                                 + (ThreeMinimaLoss::kDomainMax - ThreeMinimaLoss::kDomainMin) * i / (kCurvePoints - 1);
                v.curve.append(QPointF(w, loss->value(w)));
            }
            const int k = loss->minimumIndex(kRoles[startWell]);
            if (k >= 0) {
                // The measurement's SGD (escape.h): full-batch GD is its batch N, and SGD run i
                // draws the stream of the measurement's run i at this batch size and start.
                const ThreeMinimaLoss& l = *loss;
                const double start = l.minima()[std::size_t(k)].w;
                v.paths.resize(1);
                Rng noDraws = makeRng(drawSeed, 0);   // the full batch draws nothing
                v.diverged += sgdOnLoss(l, start, l.sampleCount(), kSteps, kLearningRate, noDraws, &v.paths[0]).diverged;
                const int b = std::min(batch, l.sampleCount());
                for (int i = 0; i < runs && !progress.cancelled(); ++i) {
                    Rng rng = makeRng(drawSeed, escapeRunStream(batchIndex, std::size_t(startWell), std::size_t(i),
                                                                std::size_t(kRuns)));
                    v.paths.emplace_back();
                    v.diverged += sgdOnLoss(l, start, b, kSteps, kLearningRate, rng, &v.paths.back()).diverged;
                }
            }
            if (doMeasure && loss->minimumIndex("shallow") >= 0 && loss->minimumIndex("deep") >= 0) {
                EscapeParams p;   // runs, steps, rate and seed: the defaults (kRuns, kSteps, kLearningRate)
                p.loss = lp;
                p.batchSizes = measuredBatchSizes();
                v.escape = runEscape(p, progress);
                v.measured = !v.escape.cancelled;
            }
            return v;
        },
        [this](const View& v) { showView(v); });
}

void EscapeLab::showView(const View& v)
{
    loss_ = v.loss;
    // A new batch size leaves the loss as it was: its lines are given only what changed.
    QList<QPointF> markers[3], labels[3], barrierLines[2];
    if (loss_ && !v.curve.isEmpty()) {
        double lo = INFINITY, hi = -INFINITY;
        for (const QPointF& p : v.curve) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
        // Room below the lowest minimum for its name.
        setNiceRange(lossY_, lo - 0.35 * (hi - lo), hi + 0.05 * (hi - lo));
        const double below = 0.2 * (hi - lo);
        for (const LossMinimum& m : loss_->minima())
            for (int k = 0; k < 3; ++k)
                if (m.role == kRoles[k]) {
                    markers[k].append(QPointF(m.w, m.value));
                    labels[k].append(QPointF(m.w, m.value - below));
                }
        const auto& barriers = loss_->barriers();
        for (std::size_t b = 0; b < std::min<std::size_t>(2, barriers.size()); ++b)
            barrierLines[b] = {QPointF(0, barriers[b]), QPointF(kSteps, barriers[b])};
    }
    for (int k = 0; k < 3; ++k) {
        replaceIfChanged(minimaMarkers_[k], markers[k]);
        replaceIfChanged(minimaLabels_[k], labels[k]);
    }
    for (int b = 0; b < 2; ++b) replaceIfChanged(barrierLines_[b], barrierLines[b]);
    replaceIfChanged(curve_, v.curve);
    lossChart_->chart()->setTitle(loss_ ? tr("The loss L(w)") : tr("No loss: a well of depth 0"));
    runButton_->setEnabled(loss_ && !v.paths.empty());
    skipButton_->setEnabled(loss_ && !v.paths.empty());
    redrawButton_->setEnabled(loss_ && !v.paths.empty());

    paths_ = v.paths;
    ends_.clear();
    for (const auto& p : paths_) ends_.push_back(p.empty() ? std::nan("") : p.back());
    diverged_ = v.diverged;
    bool measured = false;
    if (v.measured && v.depths == depthsText()) {
        escape_ = v.escape;
        escapeDepths_ = v.depths;
        measureWanted_ = false;
        measureAsked_ = false;
        note_.clear();
        measured = true;
    }
    // The paths, the measurement and the readout a turn later: the three charts at once held the
    // interface for longer than a frame.
    showNext([this, measured] { showRuns(measured); });
}

void EscapeLab::showRuns(bool measured)
{
    if (measured) showEscape();
    updateMeasureButton();
    if (animateNext_ && !paths_.empty()) {
        animateNext_ = false;
        revealed_ = 1;
        showRevealed();
        setReadout(tr("Step %1 of %2…").arg(revealed_).arg(kSteps));
        timer_.start();
        return;
    }
    animateNext_ = false;
    revealed_ = kSteps;
    // Every path in full is the longest stroking of a result: in two turns.
    constexpr int kFirstTurn = 3;
    showRevealed(0, kFirstTurn);
    showNext([this] {
        showRevealed(kFirstTurn, kMaxShownRuns);
        updateReadout();
    });
}

void EscapeLab::showRevealed(int from, int to)
{
    auto upTo = [this](const std::vector<double>& path) {
        QList<QPointF> pts;
        const int n = std::min(int(path.size()), revealed_ + 1);
        pts.reserve(n);
        for (int t = 0; t < n && std::isfinite(path[std::size_t(t)]); ++t) pts.append(QPointF(t, path[std::size_t(t)]));
        return pts;
    };
    // Drawn thinned to the plot's pixel columns: the same picture, a fraction of the strokes.
    thinnedFor_ = pathChart_->chart()->plotArea().width();
    auto drawn = [this](const QList<QPointF>& pts) { return thinnedForColumns(pts, 0, kSteps, thinnedFor_); };
    auto ballAt = [this, &upTo](const std::vector<double>& path) {
        const QList<QPointF> pts = upTo(path);
        const double w = pts.isEmpty() ? 0.0 : pts.back().y();
        const double v = loss_ ? loss_->value(w) : 0.0;
        return std::isfinite(v) && !pts.isEmpty() ? QList<QPointF>{QPointF(w, v)} : QList<QPointF>{};
    };
    for (std::size_t i = std::size_t(from); i < std::size_t(to); ++i) {
        if (i + 1 < paths_.size()) replaceIfChanged(sgdPaths_[int(i)], drawn(upTo(paths_[i + 1])));
        else sgdPaths_[int(i)]->clear();
    }
    if (to < kMaxShownRuns) return;
    QList<QPointF> balls;
    for (std::size_t i = 1; i < std::min(paths_.size(), std::size_t(kMaxShownRuns) + 1); ++i) balls += ballAt(paths_[i]);
    replaceIfChanged(sgdBalls_, balls);
    replaceIfChanged(gdPath_, paths_.empty() ? QList<QPointF>{} : drawn(upTo(paths_[0])));
    replaceIfChanged(gdBall_, paths_.empty() ? QList<QPointF>{} : ballAt(paths_[0]));
    const int b = std::min(batchSize(), fullBatch());
    sgdPaths_[0]->setName(b >= fullBatch() ? tr("SGD, full batch") : tr("SGD, batch %1").arg(b));
    if (timer_.isActive()) setReadout(tr("Step %1 of %2…").arg(revealed_).arg(kSteps));
}

void EscapeLab::updateReadout()
{
    if (timer_.isActive()) return;
    QString text;
    if (!loss_) {
        setReadout(tr("<b>A well of depth 0 is no well.</b> This loss is built from three wells; set every depth above 0 "
                      "to run and measure again."));
        return;
    }
    const int startWell = startBox()->currentData().toInt();
    if (paths_.empty()) {
        text = tr("<b>With these depths the loss has no %1 minimum</b>: the well is too shallow to hold a minimum against "
                  "the slope around it. Deepen it, or start from the other minimum.")
                   .arg(roleName(startWell));
    } else {
        const int from = loss_->basinOf(startPoint());
        auto basinName = [this](double w) {
            if (!std::isfinite(w)) return tr("diverged");
            const int k = loss_->basinOf(w);
            return k < 0 ? tr("nowhere") : roleName(loss_->minima()[std::size_t(k)].role == "shallow" ? 0
                                                    : loss_->minima()[std::size_t(k)].role == "deep" ? 1
                                                                                                     : 2);
        };
        int left = 0;
        QStringList where;
        for (std::size_t i = 1; i < ends_.size(); ++i) {
            left += !std::isfinite(ends_[i]) || loss_->basinOf(ends_[i]) != from;
            where << basinName(ends_[i]);
        }
        const int runs = int(ends_.size()) - 1;
        text = tr("From the %1 minimum: full-batch GD ends in the <b>%2</b> basin; with batch %3, <b>%4 of %5</b> SGD runs "
                  "left it (they ended in: %6).")
                   .arg(roleName(startWell), basinName(ends_[0]))
                   .arg(std::min(batchSize(), fullBatch()))
                   .arg(left)
                   .arg(runs)
                   .arg(where.join(QStringLiteral(", ")));
        if (diverged_ > 0) text += QLatin1Char(' ') + tr("%n run(s) diverged; their paths stop at the last finite point.", nullptr, diverged_);
    }
    if (measurementCurrent()) {
        const EscapeRow* row = nullptr;
        for (const EscapeRow& r : escape_.rows)
            if (r.batchSize == std::min(batchSize(), fullBatch())) row = &r;
        if (row)
            text += QStringLiteral("<br>")
                    + tr("Batch %1, measured over %2 runs each (95 % intervals): %3 leave the shallow minimum, %4 the deep one.")
                          .arg(row->batchSize)
                          .arg(escape_.runs)
                          .arg(shareWithInterval(row->shallowInterval), shareWithInterval(row->deepInterval));
    }
    if (!note_.isEmpty()) text += QStringLiteral("<br>") + note_;
    setReadout(text);
}

} // namespace minima