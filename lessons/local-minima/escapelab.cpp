#include "lessons/local-minima/escapelab.h"

#include <QChart>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScatterSeries>
#include <QSlider>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "engine/optim/minibatch.h"
#include "engine/optim/run.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/jobstatus.h"
#include "lessons/local-minima/surfacemap.h"

namespace minima {

namespace {
constexpr double kDepthStep = 0.05;        // a depth slider's unit
constexpr int kDefaultDepths[3] = {20, 60, 80};   // 1, 3, 4: the loss's defaults
constexpr int kCurvePoints = 721;
const char* const kRoles[3] = {"shallow", "deep", "global"};

QString roleName(int well)
{
    static const QString names[3] = {QObject::tr("shallow"), QObject::tr("deep"), QObject::tr("global")};
    return names[well];
}
} // namespace

const std::vector<int>& EscapeLab::batchSizes()
{
    static const std::vector<int> sizes = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    return sizes;
}

const std::vector<int>& EscapeLab::measuredBatchSizes()
{
    static const std::vector<int> sizes = EscapeParams{}.batchSizes;
    return sizes;
}

EscapeLab::EscapeLab(LessonContext& context, QWidget* parent)
    : QWidget(parent),
      context_(context),
      batch_(new QSlider(Qt::Horizontal, this)),
      batchValue_(new QLabel(this)),
      start_(new QComboBox(this)),
      runs_(new QSpinBox(this)),
      runButton_(new QPushButton(tr("Run"), this)),
      skipButton_(new QPushButton(tr("Skip to end"), this)),
      redrawButton_(new QPushButton(tr("New draws"), this)),
      measureButton_(new QPushButton(tr("Measure escape probabilities"), this)),
      lossChart_(new FigureChart(this)),
      pathChart_(new FigureChart(this)),
      escapeChart_(new FigureChart(this)),
      readout_(new QLabel(this)),
      job_(new FigureJob(context, this)),
      status_(new JobStatus(this)),
      curve_(new QLineSeries),
      gdBall_(new QScatterSeries),
      sgdBalls_(new QScatterSeries),
      lossY_(new QValueAxis),
      gdPath_(new QLineSeries),
      shallowEscape_(new QLineSeries),
      deepEscape_(new QLineSeries),
      escapeX_(new QLogValueAxis)
{
    setObjectName(QStringLiteral("escapeLab"));
    status_->setObjectName(QStringLiteral("runStatus"));
    status_->follow(job_);
    auto* layout = new QVBoxLayout(this);

    // Controls: the three depths, then the batch size, start and runs.
    auto* depths = new QHBoxLayout;
    depths->addWidget(new QLabel(tr("Well depths:"), this));
    for (int k = 0; k < 3; ++k) {
        depth_[k] = new QSlider(Qt::Horizontal, this);
        depth_[k]->setObjectName(QStringLiteral("%1Depth").arg(QLatin1String(kRoles[k])));
        depth_[k]->setAccessibleName(tr("Depth of the %1 well").arg(roleName(k)));
        depth_[k]->setRange(0, 100);
        depth_[k]->setPageStep(10);
        depth_[k]->setValue(kDefaultDepths[k]);
        depthValue_[k] = new QLabel(this);
        depthValue_[k]->setMinimumWidth(depthValue_[k]->fontMetrics().horizontalAdvance(QStringLiteral("global 0.00 ")));
        depths->addWidget(depthValue_[k]);
        depths->addWidget(depth_[k], 1);
        connect(depth_[k], &QSlider::valueChanged, this, &EscapeLab::depthsChanged);
    }
    layout->addLayout(depths);

    auto* row = new QHBoxLayout;
    batch_->setObjectName(QStringLiteral("batchSize"));
    batch_->setAccessibleName(tr("Mini-batch size"));
    batch_->setRange(0, int(batchSizes().size()) - 1);
    batch_->setPageStep(1);
    batch_->setTickPosition(QSlider::TicksBelow);
    batch_->setValue(0);
    batchValue_->setMinimumWidth(batchValue_->fontMetrics().horizontalAdvance(QStringLiteral("batch 256 (full) ")));
    start_->setObjectName(QStringLiteral("start"));
    start_->setAccessibleName(tr("Where the runs start"));
    start_->addItem(tr("from the shallow minimum"), 0);
    start_->addItem(tr("from the deep minimum"), 1);
    runs_->setObjectName(QStringLiteral("sgdRuns"));
    runs_->setAccessibleName(tr("Number of SGD runs shown"));
    runs_->setRange(1, kMaxShownRuns);
    runs_->setValue(5);
    runs_->setSuffix(tr(" SGD runs"));
    runButton_->setObjectName(QStringLiteral("run"));
    runButton_->setAccessibleName(tr("Run gradient descent and SGD from the start"));
    skipButton_->setObjectName(QStringLiteral("skipToEnd"));
    skipButton_->setAccessibleName(tr("Skip the animation to its end"));
    redrawButton_->setObjectName(QStringLiteral("newDraws"));
    redrawButton_->setAccessibleName(tr("Draw new mini-batches for the SGD runs"));
    row->addWidget(batchValue_);
    row->addWidget(batch_, 1);
    row->addWidget(start_);
    row->addWidget(runs_);
    row->addWidget(runButton_);
    row->addWidget(skipButton_);
    row->addWidget(redrawButton_);
    layout->addLayout(row);

    // The loss with the balls on it.
    QChart* lc = lossChart_->chart();
    lossChart_->setObjectName(QStringLiteral("lossCurve"));
    lossChart_->setAccessibleName(tr("The loss L(w) with the runs' current positions"));
    lc->setTitle(tr("The loss L(w)"));
    auto* lossX = new QValueAxis;
    lossX->setRange(ThreeMinimaLoss::kDomainMin, ThreeMinimaLoss::kDomainMax);
    lossX->setTickCount(10);
    lossX->setLabelFormat(QStringLiteral("%g"));
    lossX->setTitleText(tr("weight w"));
    lossY_->setTitleText(tr("loss L(w)"));
    lossY_->setLabelFormat(QStringLiteral("%.1f"));
    lc->addAxis(lossX, Qt::AlignBottom);
    lc->addAxis(lossY_, Qt::AlignLeft);
    curve_->setObjectName(QStringLiteral("loss"));
    curve_->setName(tr("L(w)"));
    auto addLoss = [&](QAbstractSeries* s) {
        lc->addSeries(s);
        s->attachAxis(lossX);
        s->attachAxis(lossY_);
    };
    addLoss(curve_);
    curve_->setPen(QPen(hueColor(Hue::Ink), 2));
    const QColor wellColours[3] = {hueColor(Hue::SkyBlue), hueColor(Hue::Blue), hueColor(Hue::BluishGreen)};
    for (int k = 0; k < 3; ++k) {
        minimaMarkers_[k] = new QScatterSeries;
        minimaMarkers_[k]->setObjectName(QStringLiteral("%1Minimum").arg(QLatin1String(kRoles[k])));
        minimaMarkers_[k]->setName(tr("%1 minimum").arg(roleName(k)));
        minimaMarkers_[k]->setMarkerSize(12);
        minimaMarkers_[k]->setColor(wellColours[k]);
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
        QFont f = minimaLabels_[k]->pointLabelsFont();
        f.setBold(true);
        minimaLabels_[k]->setPointLabelsFont(f);
        addLoss(minimaLabels_[k]);
    }
    gdBall_->setObjectName(QStringLiteral("gdBall"));
    gdBall_->setName(tr("full-batch GD"));
    gdBall_->setMarkerSize(15);
    gdBall_->setColor(hueColor(Hue::Ink));
    gdBall_->setBorderColor(Qt::white);
    addLoss(gdBall_);
    sgdBalls_->setObjectName(QStringLiteral("sgdBalls"));
    sgdBalls_->setName(tr("SGD runs"));
    sgdBalls_->setMarkerSize(12);
    sgdBalls_->setColor(hueColor(Hue::Orange));
    sgdBalls_->setBorderColor(Qt::black);
    addLoss(sgdBalls_);
    lc->legend()->setAlignment(Qt::AlignBottom);
    for (int k = 0; k < 3; ++k)
        for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{minimaMarkers_[k], minimaLabels_[k]})
            for (QLegendMarker* m : lc->legend()->markers(s)) m->setVisible(false);
    for (QLegendMarker* m : lc->legend()->markers(curve_)) m->setVisible(false);
    lossChart_->restyle();

    // w per step.
    QChart* pc = pathChart_->chart();
    pathChart_->setObjectName(QStringLiteral("pathChart"));
    pathChart_->setAccessibleName(tr("The weight w per step of each run"));
    pc->setTitle(tr("Where each run is, step by step"));
    auto* stepAxis = new QValueAxis;
    stepAxis->setRange(0, kSteps);
    stepAxis->setTickCount(5);
    stepAxis->setLabelFormat(QStringLiteral("%d"));
    stepAxis->setTitleText(tr("step (learning rate %1)").arg(kLearningRate));
    auto* wAxis = new QValueAxis;
    wAxis->setRange(ThreeMinimaLoss::kDomainMin, ThreeMinimaLoss::kDomainMax);
    wAxis->setTickType(QValueAxis::TicksDynamic);
    wAxis->setTickAnchor(0);
    wAxis->setTickInterval(4);
    wAxis->setLabelFormat(QStringLiteral("%g"));
    wAxis->setTitleText(tr("weight w"));
    pc->addAxis(stepAxis, Qt::AlignBottom);
    pc->addAxis(wAxis, Qt::AlignLeft);
    auto addPath = [&](QAbstractSeries* s) {
        pc->addSeries(s);
        s->attachAxis(stepAxis);
        s->attachAxis(wAxis);
    };
    for (int b = 0; b < 2; ++b) {
        barrierLines_[b] = new QLineSeries;
        barrierLines_[b]->setObjectName(QStringLiteral("barrier%1").arg(b + 1));
        barrierLines_[b]->setName(tr("boundaries"));
        barrierLines_[b]->setPen(QPen(QColor(0x80, 0x80, 0x80), 1.5, Qt::DashLine));
        addPath(barrierLines_[b]);
    }
    for (int i = 0; i < kMaxShownRuns; ++i) {
        auto* s = new QLineSeries;
        s->setObjectName(QStringLiteral("sgdPath%1").arg(i + 1));
        QColor c = hueColor(Hue::Orange);
        c.setAlphaF(0.85);
        s->setPen(QPen(c, 1.2));
        addPath(s);
        sgdPaths_.append(s);
    }
    gdPath_->setObjectName(QStringLiteral("gdPath"));
    gdPath_->setName(tr("full-batch GD"));
    gdPath_->setPen(QPen(hueColor(Hue::Ink), 3));
    addPath(gdPath_);
    pc->legend()->setAlignment(Qt::AlignBottom);
    for (QLegendMarker* m : pc->legend()->markers(barrierLines_[1])) m->setVisible(false);
    for (int i = 1; i < kMaxShownRuns; ++i)
        for (QLegendMarker* m : pc->legend()->markers(sgdPaths_[i])) m->setVisible(false);
    pathChart_->restyle();

    // The Monte-Carlo measurement.
    QChart* ec = escapeChart_->chart();
    escapeChart_->setObjectName(QStringLiteral("escapeChart"));
    escapeChart_->setAccessibleName(tr("Escape probability against batch size"));
    escapeX_->setBase(2);
    escapeX_->setRange(0.75, 340);
    escapeX_->setLabelFormat(QStringLiteral("%g"));
    escapeX_->setMinorTickCount(0);
    escapeX_->setTitleText(tr("batch size B (256 = full)"));
    auto* pAxis = new QValueAxis;
    pAxis->setRange(0, 1);
    pAxis->setTickCount(6);
    pAxis->setLabelFormat(QStringLiteral("%.1f"));
    pAxis->setTitleText(tr("share of %1 runs that escape").arg(kRuns));
    ec->addAxis(escapeX_, Qt::AlignBottom);
    ec->addAxis(pAxis, Qt::AlignLeft);
    shallowEscape_->setObjectName(QStringLiteral("shallowEscape"));
    shallowEscape_->setName(tr("from shallow"));
    shallowEscape_->setPen(QPen(hueColor(Hue::Vermillion), 3));
    shallowEscape_->setPointsVisible(true);
    deepEscape_->setObjectName(QStringLiteral("deepEscape"));
    deepEscape_->setName(tr("from deep"));
    deepEscape_->setPen(QPen(hueColor(Hue::Blue), 3, Qt::DashLine));
    deepEscape_->setPointsVisible(true);
    for (QLineSeries* s : {shallowEscape_, deepEscape_}) {
        ec->addSeries(s);
        s->attachAxis(escapeX_);
        s->attachAxis(pAxis);
        s->setMarkerSize(9);
    }
    ec->legend()->setAlignment(Qt::AlignBottom);
    escapeChart_->restyle();
    measureButton_->setObjectName(QStringLiteral("measure"));
    measureButton_->setAccessibleName(tr("Measure the escape probabilities for every batch size"));

    auto* figures = new QGridLayout;
    figures->addWidget(lossChart_, 0, 0);
    figures->addWidget(pathChart_, 1, 0);
    auto* right = new QVBoxLayout;
    right->addWidget(escapeChart_, 1);
    right->addWidget(measureButton_);
    right->addWidget(status_);
    figures->addLayout(right, 0, 1, 2, 1);
    figures->setColumnStretch(0, 1);
    figures->setColumnStretch(1, 1);
    layout->addLayout(figures, 1);
    readout_->setObjectName(QStringLiteral("readout"));
    readout_->setAccessibleName(tr("What the runs did"));
    readout_->setWordWrap(true);
    readout_->setTextFormat(Qt::RichText);
    layout->addWidget(readout_);

    timer_.setInterval(30);
    connect(&timer_, &QTimer::timeout, this, [this] {
        revealed_ = std::min(kSteps, revealed_ + kSteps / 80);
        showRevealed();
        if (revealed_ >= kSteps) timer_.stop();
    });
    connect(batch_, &QSlider::valueChanged, this, [this] {
        updateLabels();
        run();
        skipToEnd();
    });
    connect(start_, &QComboBox::currentIndexChanged, this, [this] {
        run();
        skipToEnd();
    });
    connect(runs_, &QSpinBox::valueChanged, this, [this] {
        run();
        skipToEnd();
    });
    connect(runButton_, &QPushButton::clicked, this, &EscapeLab::run);
    connect(skipButton_, &QPushButton::clicked, this, &EscapeLab::skipToEnd);
    connect(redrawButton_, &QPushButton::clicked, this, [this] {
        ++drawSeed_;
        run();
    });
    connect(measureButton_, &QPushButton::clicked, this, &EscapeLab::measure);

    depthsChanged();
    measure();
}

EscapeLab::~EscapeLab() = default;

int EscapeLab::batchSize() const { return batchSizes()[std::size_t(batch_->value())]; }

double EscapeLab::startPoint() const
{
    if (!loss_) return std::nan("");
    const int k = loss_->minimumIndex(kRoles[start_->currentData().toInt()]);
    return k < 0 ? std::nan("") : loss_->minima()[std::size_t(k)].w;
}

void EscapeLab::updateLabels()
{
    for (int k = 0; k < 3; ++k)
        depthValue_[k]->setText(tr("%1 %2").arg(roleName(k), QString::number(depth_[k]->value() * kDepthStep, 'f', 2)));
    const int b = batchSize();
    batchValue_->setText(b >= 256 ? tr("batch %1 (full)").arg(b) : tr("batch %1").arg(b));
}

void EscapeLab::depthsChanged()
{
    updateLabels();
    loss_.reset();
    QList<QPointF> curve;
    for (int k = 0; k < 3; ++k) {
        minimaMarkers_[k]->clear();
        minimaLabels_[k]->clear();
    }
    for (int b = 0; b < 2; ++b) barrierLines_[b]->clear();
    const bool zero = depth_[0]->value() == 0 || depth_[1]->value() == 0 || depth_[2]->value() == 0;
    if (!zero) {
        ThreeMinimaLossParams p;
        p.shallowDepth = depth_[0]->value() * kDepthStep;
        p.deepDepth = depth_[1]->value() * kDepthStep;
        p.globalDepth = depth_[2]->value() * kDepthStep;
        loss_ = std::make_unique<ThreeMinimaLoss>(p);
        double lo = INFINITY, hi = -INFINITY;
        for (int i = 0; i < kCurvePoints; ++i) {
            const double w = ThreeMinimaLoss::kDomainMin
                             + (ThreeMinimaLoss::kDomainMax - ThreeMinimaLoss::kDomainMin) * i / (kCurvePoints - 1);
            const double v = loss_->value(w);
            curve.append(QPointF(w, v));
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        // Room below the lowest minimum for its name.
        setNiceRange(lossY_, lo - 0.25 * (hi - lo), hi + 0.05 * (hi - lo));
        const double below = 0.1 * (lossY_->max() - lossY_->min());
        for (const LossMinimum& m : loss_->minima())
            for (int k = 0; k < 3; ++k)
                if (m.role == kRoles[k]) {
                    minimaMarkers_[k]->append(m.w, m.value);
                    minimaLabels_[k]->append(m.w, m.value - below);
                }
        const auto& barriers = loss_->barriers();
        for (std::size_t b = 0; b < std::min<std::size_t>(2, barriers.size()); ++b)
            barrierLines_[b]->replace({QPointF(0, barriers[b]), QPointF(kSteps, barriers[b])});
    }
    curve_->replace(curve);
    lossChart_->chart()->setTitle(zero ? tr("No loss: a well of depth 0") : tr("The loss L(w)"));
    const QString depths = QStringLiteral("%1, %2, %3")
                               .arg(depth_[0]->value() * kDepthStep)
                               .arg(depth_[1]->value() * kDepthStep)
                               .arg(depth_[2]->value() * kDepthStep);
    const bool measurable = loss_ && loss_->minimumIndex("shallow") >= 0 && loss_->minimumIndex("deep") >= 0;
    measureButton_->setEnabled(measurable);
    if (!escapeDepths_.isEmpty() && escapeDepths_ != depths)
        escapeChart_->chart()->setTitle(tr("Depths %1: press Measure").arg(escapeDepths_));
    run();
    skipToEnd();
}

void EscapeLab::run()
{
    timer_.stop();
    paths_.clear();
    ends_.clear();
    endNote_.clear();
    revealed_ = 0;
    const double w0 = startPoint();
    if (!loss_ || !std::isfinite(w0)) {
        runButton_->setEnabled(false);
        skipButton_->setEnabled(false);
        showRevealed();
        return;
    }
    runButton_->setEnabled(true);
    skipButton_->setEnabled(true);
    const ThreeMinimaLoss& loss = *loss_;
    OptimizerSettings os;
    os.learningRate = kLearningRate;
    RunSettings rs;
    rs.maxSteps = kSteps;
    rs.gradientTolerance = 0;   // every run takes every step, so the paths share one time axis
    Eigen::VectorXd start(1);
    start[0] = w0;
    auto wsOf = [](const RunResult<Eigen::VectorXd>& r) {
        std::vector<double> w;
        w.reserve(r.points.size());
        for (const auto& p : r.points) w.push_back(p[0]);
        return w;
    };
    int diverged = 0;
    Optimizer<Eigen::VectorXd> gd(os, 1);
    Objective full{[&loss](const Eigen::VectorXd& x) { return loss.value(x[0]); },
                   [&loss](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                       g.resize(1);
                       g[0] = loss.gradient(x[0]);
                   }};
    const auto gdRun = runOptimizer(gd, full, start, rs);
    diverged += gdRun.status == RunStatus::Diverged;
    paths_.push_back(wsOf(gdRun));
    MiniBatchObjective batches;
    batches.sampleCount = loss.sampleCount();
    batches.value = [&loss](const Eigen::VectorXd& x) { return loss.value(x[0]); };
    batches.batchGradient = [&loss](const Eigen::VectorXd& x, std::span<const int> batch, Eigen::VectorXd& g) {
        g.resize(1);
        g[0] = loss.batchGradient(x[0], batch);
    };
    const int b = std::min(batchSize(), loss.sampleCount());
    for (int i = 0; i < runs_->value(); ++i) {
        Optimizer<Eigen::VectorXd> sgd(os, 1);
        const auto r = runMiniBatch(sgd, batches, start, b, drawSeed_, std::uint64_t(i), rs);
        diverged += r.status == RunStatus::Diverged;
        paths_.push_back(wsOf(r));
    }
    for (const auto& p : paths_) ends_.push_back(p.back());
    if (diverged > 0) endNote_ = tr(" %1 run(s) diverged; their paths stop at the last finite point.").arg(diverged);
    revealed_ = 1;
    showRevealed();
    timer_.start();
}

void EscapeLab::skipToEnd()
{
    timer_.stop();
    revealed_ = kSteps;
    showRevealed();
}

void EscapeLab::showRevealed()
{
    auto upTo = [this](const std::vector<double>& path) {
        QList<QPointF> pts;
        const int n = std::min(int(path.size()), revealed_ + 1);
        pts.reserve(n);
        for (int t = 0; t < n && std::isfinite(path[std::size_t(t)]); ++t) pts.append(QPointF(t, path[std::size_t(t)]));
        return pts;
    };
    auto ballAt = [this, &upTo](const std::vector<double>& path) {
        const QList<QPointF> pts = upTo(path);
        const double w = pts.isEmpty() ? 0.0 : pts.back().y();
        const double v = loss_ ? loss_->value(w) : 0.0;
        return std::isfinite(v) ? QList<QPointF>{QPointF(w, v)} : QList<QPointF>{};
    };
    QList<QPointF> balls;
    for (std::size_t i = 0; i < std::size_t(kMaxShownRuns); ++i) {
        if (i + 1 < paths_.size()) {
            sgdPaths_[int(i)]->replace(upTo(paths_[i + 1]));
            balls += ballAt(paths_[i + 1]);
        } else {
            sgdPaths_[int(i)]->clear();
        }
    }
    sgdBalls_->replace(balls);
    gdPath_->replace(paths_.empty() ? QList<QPointF>{} : upTo(paths_[0]));
    gdBall_->replace(paths_.empty() ? QList<QPointF>{} : ballAt(paths_[0]));
    sgdPaths_[0]->setName(tr("SGD, batch %1").arg(std::min(batchSize(), 256)));

    if (!loss_) {
        readout_->setText(tr("<b>A well of depth 0 is no well.</b> This loss is built from three wells; set every depth "
                             "above 0 to run and measure again."));
        return;
    }
    if (paths_.empty()) {
        readout_->setText(tr("<b>With these depths the loss has no %1 minimum</b>: the well is too shallow to hold a "
                             "minimum against the slope around it. Deepen it, or start from the other minimum.")
                              .arg(start_->currentIndex() == 0 ? roleName(0) : roleName(1)));
        return;
    }
    if (revealed_ < kSteps) {
        readout_->setText(tr("Step %1 of %2…").arg(revealed_).arg(kSteps));
        return;
    }
    const int from = loss_->basinOf(startPoint());
    auto basinName = [this](double w) {
        if (!std::isfinite(w)) return tr("diverged");
        const int k = loss_->basinOf(w);
        return k < 0 ? tr("nowhere") : QString::fromStdString(loss_->minima()[std::size_t(k)].role);
    };
    int left = 0;
    QStringList where;
    for (std::size_t i = 1; i < ends_.size(); ++i) {
        left += !std::isfinite(ends_[i]) || loss_->basinOf(ends_[i]) != from;
        where << basinName(ends_[i]);
    }
    const int runs = int(ends_.size()) - 1;
    const QString start = start_->currentIndex() == 0 ? roleName(0) : roleName(1);
    readout_->setText(tr("From the %1 minimum: full-batch GD ends in the <b>%2</b> basin; with batch %3, <b>%4 of %5</b> SGD "
                         "runs left it (they ended in: %6).%7")
                          .arg(start, basinName(ends_[0]))
                          .arg(std::min(batchSize(), 256))
                          .arg(left)
                          .arg(runs)
                          .arg(where.join(QStringLiteral(", ")), endNote_));
}

void EscapeLab::measure()
{
    if (!loss_ || loss_->minimumIndex("shallow") < 0 || loss_->minimumIndex("deep") < 0) {
        status_->setMessage(tr("Nothing to measure: the loss needs a shallow and a deep minimum."), true);
        return;
    }
    EscapeParams p;
    p.loss = loss_->params();
    p.runs = kRuns;
    p.steps = kSteps;
    p.learningRate = kLearningRate;
    const QString depths = QStringLiteral("%1, %2, %3").arg(p.loss.shallowDepth).arg(p.loss.deepDepth).arg(p.loss.globalDepth);
    status_->setMessage(tr("Running %1 SGD runs of %2 steps per batch size and start…").arg(kRuns).arg(kSteps));
    job_->start<EscapeResult>(
        [p](Progress& progress) { return runEscape(p, progress); },
        [this, depths](const EscapeResult& r) {
            escape_ = r;
            escapeDepths_ = depths;
            showEscape();
        },
        [this](const QString& error) { status_->setMessage(tr("Could not measure: %1").arg(error), true); });
}

void EscapeLab::showEscape()
{
    QList<QPointF> shallow, deep;
    for (const EscapeRow& row : escape_.rows) {
        if (!std::isfinite(row.shallowEscapeProbability) || !std::isfinite(row.deepEscapeProbability)) continue;
        shallow.append(QPointF(row.batchSize, row.shallowEscapeProbability));
        deep.append(QPointF(row.batchSize, row.deepEscapeProbability));
    }
    shallowEscape_->replace(shallow);
    deepEscape_->replace(deep);
    escapeChart_->chart()->setTitle(tr("Escape probability (depths %1)").arg(escapeDepths_));
    if (escape_.rows.empty()) return;
    const EscapeRow& first = escape_.rows.front();
    const EscapeRow& last = escape_.rows.back();
    status_->setMessage(tr("Batch %1: %2% of runs leave the shallow minimum, %3% the deep one. Batch %4: %5% and %6%.")
            .arg(first.batchSize)
            .arg(numberText(100 * first.shallowEscapeProbability, 1), numberText(100 * first.deepEscapeProbability, 1))
            .arg(last.batchSize)
            .arg(numberText(100 * last.shallowEscapeProbability, 1), numberText(100 * last.deepEscapeProbability, 1)));
}

} // namespace minima
