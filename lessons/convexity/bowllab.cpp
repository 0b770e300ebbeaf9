#include "lessons/convexity/bowllab.h"

#include <QChart>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "engine/experiments/contraction.h"
#include "engine/landscape/contours.h"
#include "engine/landscape/grid.h"
#include "engine/optim/run.h"
#include "engine/surfaces/analytic.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/convexity/chartdrag.h"

namespace minima {

namespace {

constexpr double kBox = 3.0;          // the contour plot shows [-3, 3]²
constexpr int kGridCells = 161;
constexpr int kSweepRates = 36;        // measured points on the contraction chart
constexpr int kSweepSteps = 3000;
constexpr double kContractionTop = 1.6;
constexpr double kGradientTolerance = 1e-8;

QString number(double v)
{
    if (std::abs(v) < 5e-13) v = 0;
    return QString::number(v, 'g', 4).replace(QLatin1Char('-'), QChar(0x2212));
}

QDoubleSpinBox* makeSpin(QWidget* parent, const QString& name, const QString& accessible, double lo, double hi,
                         double value, double step, int decimals)
{
    auto* s = new QDoubleSpinBox(parent);
    s->setObjectName(name);
    s->setAccessibleName(accessible);
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    s->setValue(value);
    s->setKeyboardTracking(false);
    return s;
}

void addTo(QChart* chart, QXYSeries* s, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}

void hideFromLegend(QChart* chart, QAbstractSeries* s)
{
    for (QLegendMarker* m : chart->legend()->markers(s)) m->setVisible(false);
}

} // namespace

BowlLab::BowlLab(LessonContext& context, QWidget* parent)
    : QWidget(parent),
      context_(context),
      lambda1_(makeSpin(this, QStringLiteral("lambda1"), tr("Eigenvalue λ1"), 0.1, 50, 1, 0.5, 2)),
      lambda2_(makeSpin(this, QStringLiteral("lambda2"), tr("Eigenvalue λ2"), 0.1, 50, 10, 0.5, 2)),
      angle_(makeSpin(this, QStringLiteral("angle"), tr("Rotation of the bowl in degrees"), -90, 90, 30, 5, 0)),
      rate_(makeSpin(this, QStringLiteral("learningRate"), tr("Learning rate"), 0.0001, 50, 0.1, 0.005, 4)),
      steps_(new QSpinBox(this)),
      startX_(makeSpin(this, QStringLiteral("startX"), tr("Start x"), -kBox, kBox, -2.5, 0.1, 2)),
      startY_(makeSpin(this, QStringLiteral("startY"), tr("Start y"), -kBox, kBox, 2.0, 0.1, 2)),
      contours_(new FigureChart(this)),
      loss_(new FigureChart(this)),
      contraction_(new FigureChart(this)),
      contourX_(new QValueAxis),
      contourY_(new QValueAxis),
      lossX_(new QValueAxis),
      lossY_(new QLogValueAxis),
      rateX_(new QValueAxis),
      rateY_(new QValueAxis),
      path_(new QLineSeries),
      start_(new QScatterSeries),
      end_(new QScatterSeries),
      minimum_(new QScatterSeries),
      lossCurve_(new QLineSeries),
      theory_(new QLineSeries),
      measured_(new QScatterSeries),
      unitLine_(new QLineSeries),
      current_(new QScatterSeries),
      status_(new QLabel(this)),
      readout_(new QLabel(this))
{
    setObjectName(QStringLiteral("bowlLab"));
    auto* layout = new QVBoxLayout(this);

    steps_->setObjectName(QStringLiteral("steps"));
    steps_->setAccessibleName(tr("Number of steps"));
    steps_->setRange(1, 2000);
    steps_->setValue(100);
    steps_->setKeyboardTracking(false);
    rate_->setPrefix(tr("lr = "));
    lambda1_->setPrefix(QStringLiteral("λ₁ = "));
    lambda2_->setPrefix(QStringLiteral("λ₂ = "));
    angle_->setSuffix(QStringLiteral("°"));
    startX_->setPrefix(QStringLiteral("x = "));
    startY_->setPrefix(QStringLiteral("y = "));

    auto* controls = new QGridLayout;
    auto label = [this](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    // Three short rows rather than two long ones: at a projector's font size the figure then
    // still leaves the text its share of the width.
    controls->addWidget(label(tr("&Eigenvalues:"), lambda1_), 0, 0);
    controls->addWidget(lambda1_, 0, 1);
    controls->addWidget(lambda2_, 0, 2);
    controls->addWidget(label(tr("&Rotation:"), angle_), 0, 3);
    controls->addWidget(angle_, 0, 4);
    controls->addWidget(label(tr("&Learning rate:"), rate_), 1, 0);
    controls->addWidget(rate_, 1, 1, 1, 2);
    controls->addWidget(label(tr("&Steps:"), steps_), 1, 3);
    controls->addWidget(steps_, 1, 4);
    controls->addWidget(label(tr("S&tart:"), startX_), 2, 0);
    controls->addWidget(startX_, 2, 1);
    controls->addWidget(startY_, 2, 2);
    controls->setColumnStretch(5, 1);
    auto* presets = new QHBoxLayout;
    presets->addWidget(new QLabel(tr("Set lr to:"), this));
    const QString names[4] = {QStringLiteral("exact1"), QStringLiteral("exact2"), QStringLiteral("best"),
                              QStringLiteral("divergence")};
    const QString texts[4] = {tr("1/λ₁"), tr("1/λ₂"), tr("2/(λmin + λmax)"), tr("2/λmax")};
    const QString help[4] = {tr("Set the learning rate to 1/λ1: exact in one step along the first eigenvector"),
                             tr("Set the learning rate to 1/λ2: exact in one step along the second eigenvector"),
                             tr("Set the learning rate to the best fixed rate 2/(λmin + λmax)"),
                             tr("Set the learning rate to the divergence bound 2/λmax")};
    for (int i = 0; i < 4; ++i) {
        thresholdButtons_[i] = new QPushButton(texts[i], this);
        thresholdButtons_[i]->setObjectName(QStringLiteral("setRate_") + names[i]);
        thresholdButtons_[i]->setAccessibleName(help[i]);
        thresholdButtons_[i]->setToolTip(help[i]);
        presets->addWidget(thresholdButtons_[i]);
        connect(thresholdButtons_[i], &QPushButton::clicked, this, [this, i] {
            const LearningRateThresholds t = learningRateThresholds(lambda1_->value(), lambda2_->value());
            const double rates[4] = {t.exact1, t.exact2, t.best, t.divergence};
            rate_->setValue(rates[i]);
        });
    }
    presets->addStretch(1);
    layout->addLayout(controls);
    layout->addLayout(presets);

    // Contours and the trajectory.
    QChart* c = contours_->chart();
    contours_->setObjectName(QStringLiteral("contourChart"));
    contours_->setAccessibleName(tr("Gradient descent on the bowl's contours"));
    c->setTitle(tr("GD on ½ xᵀAx"));   // the text names the dashed eigenvectors
    contourX_->setTitleText(tr("x"));
    contourY_->setTitleText(tr("y"));
    for (QValueAxis* a : {contourX_, contourY_}) {
        a->setRange(-kBox, kBox);
        a->setTickType(QValueAxis::TicksDynamic);   // a label at every whole number, whatever the aspect
        a->setTickAnchor(0);
        a->setTickInterval(1);
        a->setLabelFormat(QStringLiteral("%g"));
    }
    c->addAxis(contourX_, Qt::AlignBottom);
    c->addAxis(contourY_, Qt::AlignLeft);
    for (int i = 0; i < 2; ++i) {
        eigenAxes_[i] = new QLineSeries;
        eigenAxes_[i]->setObjectName(QStringLiteral("eigenvector%1").arg(i + 1));
        eigenAxes_[i]->setPen(QPen(hueColor(i == 0 ? Hue::BluishGreen : Hue::ReddishPurple), 2, Qt::DashLine));
        addTo(c, eigenAxes_[i], contourX_, contourY_);
    }
    path_->setObjectName(QStringLiteral("trajectory"));
    path_->setName(tr("GD path"));
    path_->setPen(QPen(hueColor(Hue::Vermillion), 2.5));
    path_->setPointsVisible(true);
    start_->setObjectName(QStringLiteral("start"));
    start_->setName(tr("start"));
    start_->setColor(hueColor(Hue::Orange));
    start_->setBorderColor(Qt::black);
    start_->setMarkerSize(15);
    end_->setObjectName(QStringLiteral("end"));
    end_->setName(tr("end"));
    end_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    end_->setColor(hueColor(Hue::Vermillion));
    end_->setBorderColor(Qt::white);
    end_->setMarkerSize(12);
    minimum_->setObjectName(QStringLiteral("minimum"));
    minimum_->setName(tr("minimum"));
    minimum_->setColor(hueColor(Hue::SkyBlue));
    minimum_->setBorderColor(Qt::black);
    minimum_->setMarkerSize(13);
    minimum_->append(0, 0);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{path_, start_, end_, minimum_}) addTo(c, s, contourX_, contourY_);
    c->legend()->setAlignment(Qt::AlignBottom);
    contours_->setMinimumSize(300, 300);
    // Equal units on both axes, so the eigenvectors look perpendicular and the ellipses true.
    // The ranges are set after the layout has settled (queued), never from inside it: setting a
    // range changes the labels, which changes the plot area again. Degenerate plot areas (while a
    // window is being laid out or shrunk to nothing) are ignored, and the aspect is bounded.
    connect(c, &QChart::plotAreaChanged, this, [this](const QRectF& plot) {
        if (!(plot.width() > 40 && plot.height() > 40)) return;
        const double aspect = std::clamp(plot.width() / plot.height(), 0.25, 4.0);
        QMetaObject::invokeMethod(this, [this, aspect] {
            const double xHalf = kBox * std::max(1.0, aspect), yHalf = kBox * std::max(1.0, 1.0 / aspect);
            if (std::abs(contourX_->max() - xHalf) > 1e-3 * kBox) contourX_->setRange(-xHalf, xHalf);
            if (std::abs(contourY_->max() - yHalf) > 1e-3 * kBox) contourY_->setRange(-yHalf, yHalf);
        }, Qt::QueuedConnection);
    });

    // Loss per step.
    QChart* l = loss_->chart();
    loss_->setObjectName(QStringLiteral("lossChart"));
    loss_->setAccessibleName(tr("Loss per step on a log scale"));
    l->setTitle(tr("Loss per step"));
    lossX_->setTitleText(tr("step"));
    lossX_->setLabelFormat(QStringLiteral("%d"));
    lossY_->setTitleText(tr("loss (log)"));
    lossY_->setLabelFormat(QStringLiteral("%.0e"));
    lossY_->setMinorTickCount(0);
    l->addAxis(lossX_, Qt::AlignBottom);
    l->addAxis(lossY_, Qt::AlignLeft);
    lossCurve_->setObjectName(QStringLiteral("loss"));
    lossCurve_->setName(tr("loss f(x_t)"));
    lossCurve_->setPen(QPen(hueColor(Hue::Vermillion), 2.5));
    addTo(l, lossCurve_, lossX_, lossY_);
    l->legend()->hide();

    // Contraction per step against the learning rate.
    QChart* r = contraction_->chart();
    contraction_->setObjectName(QStringLiteral("contractionChart"));
    contraction_->setAccessibleName(tr("Contraction per step against the learning rate"));
    r->setTitle(tr("Error factor per step"));
    rateX_->setTitleText(tr("learning rate lr"));
    rateY_->setTitleText(tr("|xₜ₊₁| / |xₜ|"));
    rateY_->setRange(0, kContractionTop);
    rateX_->setLabelFormat(QStringLiteral("%g"));
    rateY_->setLabelFormat(QStringLiteral("%g"));
    r->addAxis(rateX_, Qt::AlignBottom);
    r->addAxis(rateY_, Qt::AlignLeft);
    theory_->setObjectName(QStringLiteral("theory"));
    theory_->setName(tr("theory"));
    theory_->setPen(QPen(hueColor(Hue::Blue), 2.5));
    measured_->setObjectName(QStringLiteral("measured"));
    measured_->setName(tr("measured"));
    measured_->setColor(hueColor(Hue::Orange));
    measured_->setBorderColor(Qt::black);
    measured_->setMarkerSize(9);
    unitLine_->setObjectName(QStringLiteral("noProgress"));
    unitLine_->setPen(QPen(hueColor(Hue::Ink), 1, Qt::DotLine));
    const Hue hues[4] = {Hue::BluishGreen, Hue::ReddishPurple, Hue::SkyBlue, Hue::Vermillion};
    const Qt::PenStyle styles[4] = {Qt::DashLine, Qt::DashLine, Qt::DashDotLine, Qt::DotLine};
    addTo(r, unitLine_, rateX_, rateY_);
    for (int i = 0; i < 4; ++i) {
        thresholdLines_[i] = new QLineSeries;
        thresholdLines_[i]->setObjectName(QStringLiteral("threshold_") + names[i]);
        thresholdLines_[i]->setPen(QPen(hueColor(hues[i]), 2, styles[i]));
        addTo(r, thresholdLines_[i], rateX_, rateY_);
    }
    current_->setObjectName(QStringLiteral("currentRate"));
    current_->setName(tr("this lr"));
    current_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    current_->setColor(hueColor(Hue::Vermillion));
    current_->setBorderColor(Qt::white);
    current_->setMarkerSize(13);
    addTo(r, measured_, rateX_, rateY_);
    addTo(r, theory_, rateX_, rateY_);   // the formula drawn over the measured dots
    addTo(r, current_, rateX_, rateY_);
    hideFromLegend(r, unitLine_);
    r->legend()->setAlignment(Qt::AlignRight);

    auto* charts = new QGridLayout;
    charts->addWidget(contours_, 0, 0, 2, 1);
    charts->addWidget(loss_, 0, 1);
    charts->addWidget(contraction_, 1, 1);
    // The columns share the width by these stretches alone (the charts' own size hints would
    // give the contours most of it): the right-hand legend needs the room.
    for (FigureChart* v : {contours_, loss_, contraction_})
        v->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
    charts->setColumnStretch(0, 4);
    charts->setColumnStretch(1, 5);
    layout->addLayout(charts, 1);

    readout_->setObjectName(QStringLiteral("readout"));
    readout_->setWordWrap(true);
    readout_->setTextFormat(Qt::RichText);
    readout_->setAccessibleName(tr("Contraction per step: measured and theory"));
    layout->addWidget(readout_);
    status_->setObjectName(QStringLiteral("runStatus"));
    status_->setWordWrap(true);
    status_->setAccessibleName(tr("How the run ended"));
    layout->addWidget(status_);

    drag_ = new ChartDrag(contours_, [this] { return QList<QPointF>{QPointF(startX_->value(), startY_->value())}; }, this);
    connect(drag_, &ChartDrag::dragged, this, [this](int, QPointF p) {
        building_ = true;
        startX_->setValue(p.x());
        building_ = false;
        startY_->setValue(p.y());
    });
    for (QDoubleSpinBox* s : {lambda1_, lambda2_, angle_})
        connect(s, &QDoubleSpinBox::valueChanged, this, &BowlLab::rebuild);
    for (QDoubleSpinBox* s : {rate_, startX_, startY_})
        connect(s, &QDoubleSpinBox::valueChanged, this, [this] {
            if (!building_) runDescent();
        });
    connect(steps_, &QSpinBox::valueChanged, this, [this] {
        if (!building_) runDescent();
    });
    rebuild();
}

void BowlLab::rebuild()
{
    const double l1 = lambda1_->value(), l2 = lambda2_->value();
    const double theta = angle_->value() * std::numbers::pi / 180.0;
    const QuadraticBowl bowl(l1, l2, theta);

    QChart* c = contours_->chart();
    for (QLineSeries* s : contourLines_) {
        c->removeSeries(s);
        delete s;
    }
    contourLines_.clear();
    // Twice the box: the equal-aspect axes may show more than [-3, 3] along one side.
    const Grid2D grid = evaluateGrid(bowl, Domain{-2 * kBox, 2 * kBox, -2 * kBox, 2 * kBox}, kGridCells, kGridCells);
    // Levels at f = λmin·r²/2 for r = 0.25, 0.5, ...: ellipses evenly spaced along the shallow axis.
    std::vector<double> levels;
    const double lmin = std::min(l1, l2);
    for (int k = 1; k <= 32; ++k) levels.push_back(0.5 * lmin * std::pow(0.25 * k, 2));
    const QColor line = hueColor(Hue::Ink);
    for (const ContourLevel& level : contourLines(grid, levels))
        for (const Polyline& poly : level.lines) {
            auto* s = new QLineSeries;
            QList<QPointF> pts;
            for (const Point2& p : poly.points) pts.append({p.x(), p.y()});
            s->replace(pts);
            QColor faint = line;
            faint.setAlphaF(0.35);
            s->setPen(QPen(faint, 1));
            c->addSeries(s);
            s->attachAxis(contourX_);
            s->attachAxis(contourY_);
            hideFromLegend(c, s);
            contourLines_.append(s);
        }
    // The eigenvectors: the columns of R(θ).
    const Eigen::Vector2d e1(std::cos(theta), std::sin(theta)), e2(-std::sin(theta), std::cos(theta));
    const Eigen::Vector2d dirs[2] = {e1, e2};
    const double ls[2] = {l1, l2};
    for (int i = 0; i < 2; ++i) {
        const Eigen::Vector2d a = -2 * kBox * dirs[i], b = 2 * kBox * dirs[i];
        eigenAxes_[i]->replace({QPointF(a.x(), a.y()), QPointF(b.x(), b.y())});
        eigenAxes_[i]->setName(tr("eigenvector of λ%1 = %2").arg(i + 1).arg(number(ls[i])));
        hideFromLegend(c, eigenAxes_[i]);   // named in the text and the chart's title
    }
    // Keep the trajectory and the markers above the contours.
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{path_, start_, end_, minimum_}) {
        c->removeSeries(s);
        addTo(c, s, contourX_, contourY_);
    }
    path_->setPointsVisible(true);
    contours_->restyle();
    runDescent();
}

void BowlLab::drawContraction()
{
    const double l1 = lambda1_->value(), l2 = lambda2_->value();
    const QuadraticBowl bowl(l1, l2, angle_->value() * std::numbers::pi / 180.0);
    const LearningRateThresholds t = learningRateThresholds(l1, l2);
    // The interesting part is 0 < lr < 2/λmax; 1/λmin may lie far beyond it (then its line is off
    // the chart and its legend entry says so).
    rateX_->setRange(0, 1.25 * std::max(t.divergence, rate_->value()));
    // Nice numbers change the tick count too: start from the same count so a state always gives the same axis.
    rateX_->setTickCount(6);
    rateX_->applyNiceNumbers();
    const double xMax = rateX_->max();

    // The theory is piecewise linear: sample it with its kinks at 1/λ1, 1/λ2 and the best rate.
    std::vector<double> xs;
    for (int i = 0; i <= 300; ++i) xs.push_back(xMax * i / 300.0);
    for (double k : {t.exact1, t.exact2, t.best}) xs.push_back(k);
    std::sort(xs.begin(), xs.end());
    QList<QPointF> theory;
    for (double x : xs) theory.append({x, contractionBound(l1, l2, x)});
    theory_->replace(theory);

    QList<QPointF> measured;
    for (const ContractionSample& s : contractionSweep(bowl, xMax / kSweepRates, xMax, kSweepRates, kSweepSteps))
        if (std::isfinite(s.measured)) measured.append({s.learningRate, s.measured});
    measured_->replace(measured);

    unitLine_->replace({QPointF(0, 1), QPointF(xMax, 1)});
    const double rates[4] = {t.exact1, t.exact2, t.best, t.divergence};
    const QString names[4] = {tr("1/λ₁"), tr("1/λ₂"), tr("best"), tr("2/λmax")};
    for (int i = 0; i < 4; ++i) {
        thresholdLines_[i]->replace({QPointF(rates[i], 0), QPointF(rates[i], kContractionTop)});
        thresholdLines_[i]->setName(rates[i] > xMax ? names[i] + tr(" (off)") : names[i]);
    }
    contraction_->restyle();
}

void BowlLab::runDescent()
{
    const double l1 = lambda1_->value(), l2 = lambda2_->value(), lr = rate_->value();
    const QuadraticBowl bowl(l1, l2, angle_->value() * std::numbers::pi / 180.0);
    const LearningRateThresholds t = learningRateThresholds(l1, l2);
    drawContraction();   // its range follows this lr (36 short measurements: about a millisecond)

    OptimizerSettings s;
    s.kind = OptimizerKind::GradientDescent;
    s.learningRate = lr;
    Optimizer<Eigen::Vector2d> gd(s, 2);
    RunSettings rs;
    rs.maxSteps = steps_->value();
    rs.gradientTolerance = kGradientTolerance;
    const RunResult<Eigen::Vector2d> result = runOptimizer(gd, [&bowl](const Eigen::Vector2d& x) { return bowl.value(x); },
                        [&bowl](const Eigen::Vector2d& x, Eigen::Vector2d& g) { g = bowl.gradient(x); },
                        Eigen::Vector2d(startX_->value(), startY_->value()), rs);
    run_.points = result.points;
    run_.losses = result.losses;
    run_.steps = result.steps;
    run_.converged = result.status == RunStatus::Converged;
    run_.diverged = result.status == RunStatus::Diverged;
    run_.divergedAtStep = result.divergedAtStep;
    run_.finalLoss = result.finalLoss;

    // The trajectory: the run never records a non-finite point.
    QList<QPointF> pts;
    for (const Eigen::Vector2d& p : run_.points) pts.append({p.x(), p.y()});
    path_->replace(pts);
    start_->replace({pts.front()});
    end_->replace({pts.back()});

    QList<QPointF> losses;
    double lo = INFINITY, hi = 0;
    for (std::size_t i = 0; i < run_.losses.size(); ++i) {
        const double v = run_.losses[i];
        if (v > 0 && std::isfinite(v)) {   // a log axis shows positive values only
            losses.append({double(i), v});
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    lossCurve_->replace(losses);
    lossX_->setRange(0, std::max(1, int(run_.losses.size()) - 1));
    // Nice numbers change the tick count too: start from the same count so a state always gives the same axis.
    lossX_->setTickCount(6);
    lossX_->applyNiceNumbers();
    if (losses.isEmpty()) {
        lo = 1e-3;
        hi = 1;
    }
    const double decadeLo = std::floor(std::log10(lo)), decadeHi = std::max(std::ceil(std::log10(hi)), decadeLo + 1);
    lossY_->setRange(std::pow(10.0, decadeLo), std::pow(10.0, decadeHi));
    // At most about 8 labelled decades.
    lossY_->setBase(std::pow(10.0, std::max(1.0, std::ceil((decadeHi - decadeLo) / 8.0))));

    const double measured = measuredContraction(bowl, lr);
    const double theory = contractionBound(l1, l2, lr);
    current_->replace({QPointF(lr, std::isfinite(measured) ? measured : theory)});
    readout_->setText(tr("At lr = %1 each step multiplies the error by <b>%2</b> (measured); theory max(|1 − lr·λ₁|, "
                         "|1 − lr·λ₂|) = <b>%3</b>. Rates: 1/λ₁ = %4, 1/λ₂ = %5, best 2/(λmin + λmax) = %6 with factor "
                         "(κ − 1)/(κ + 1) = %7 (κ = %8), divergence above 2/λmax = %9.")
                          .arg(number(lr), number(measured), number(theory), number(t.exact1), number(t.exact2),
                               number(t.best), number(t.bestContraction), number(std::max(l1, l2) / std::min(l1, l2)),
                               number(t.divergence)));

    switch (result.status) {
    case RunStatus::Diverged:
        setStatus(tr("Diverged at step %1: lr = %2 is above 2/λmax = %3, so the error along the steep "
                               "eigenvector grows %4 times per step.")
                                .arg(run_.divergedAtStep)
                                .arg(number(lr), number(t.divergence), number(std::abs(1 - lr * std::max(l1, l2)))),
                            true);
        break;
    case RunStatus::Converged:
        setStatus(tr("Converged in %1 steps (|gradient| < 10⁻⁸).").arg(run_.steps), false);
        break;
    default:
        if (theory >= 1.0 - 1e-12)
            setStatus(tr("%1 steps, loss %2: at lr = %3 the error along the steep eigenvector never shrinks "
                                   "(|1 − lr·λmax| = %4), so GD bounces without converging.")
                                    .arg(run_.steps)
                                    .arg(number(run_.finalLoss), number(lr), number(std::abs(1 - lr * std::max(l1, l2)))),
                                true);
        else
            setStatus(tr("%1 steps taken, loss now %2; not yet below the tolerance.")
                                    .arg(run_.steps)
                                    .arg(number(run_.finalLoss)), false);
        break;
    }
}

void BowlLab::setStatus(const QString& text, bool warning)
{
    status_->setText(text);
    QFont f = status_->font();
    f.setBold(warning);
    status_->setFont(f);
}

} // namespace minima
