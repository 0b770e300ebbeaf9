#include "lessons/momentum/heavyballlab.h"

#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "engine/experiments/contraction.h"
#include "engine/experiments/heavyball.h"
#include "engine/optim/run.h"
#include "engine/surfaces/analytic.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"

namespace minima {

namespace {

constexpr double kBox = 3.0;            // the paths are drawn on [-3, 3]²
constexpr int kMapCols = 210;           // the rate map's cells: α steps of 0.02
constexpr int kMapRows = 200;           // β steps of 0.005
constexpr int kMeasureSteps = 200000;   // the measured rates: power iteration (heavyball.h)
constexpr int kContours = 9;
constexpr int kContourPoints = 160;

void addTo(QChart* chart, QXYSeries* s, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}

QString n3(double v) { return formatNumber(v, 3); }
QString n4(double v) { return formatNumber(v, 4); }

} // namespace

// What the job hands back: everything the three charts and the readout show.
struct HeavyBallResult {
    std::vector<QList<QPointF>> contours;
    MomentumRun gd, mom;
    MomentumOptimum optimum;
    double kappa = 100, alpha = 1, beta = 0.9;
    bool nesterov = false;
    QImage map;              // the rate map, divergent cells grey
    double mapLow = 0;       // the colour bar's range
    QList<QPointF> edge;     // where the radius reaches 1
};

HeavyBallLab::~HeavyBallLab() = default;

HeavyBallLab::HeavyBallLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      paths_(new FigureChart),
      loss_(new FigureChart),
      map_(new FigureChart),
      colourBar_(new ColourBar),
      pathX_(makeValueAxis()),
      pathY_(makeValueAxis()),
      lossX_(makeValueAxis()),
      lossY_(new QLogValueAxis),
      mapX_(makeValueAxis()),
      mapY_(makeValueAxis()),
      gdPath_(new QLineSeries),
      momPath_(new QLineSeries),
      start_(new QScatterSeries),
      minimum_(new QScatterSeries),
      gdLoss_(new QLineSeries),
      momLoss_(new QLineSeries),
      gdTheory_(new QLineSeries),
      momTheory_(new QLineSeries),
      edge_(new QLineSeries),
      optimum_(new QScatterSeries),
      current_(new QScatterSeries)
{
    setObjectName(QStringLiteral("heavyBallLab"));
    heat_ = new HeatMapLayer(map_->chart());
    ControlStrip* c = controls();
    kappa_ = c->addNumber(QStringLiteral("kappa"), tr("&Condition number:"), 2, 1000, 100, 1);
    kappa_->setAccessibleName(tr("Condition number κ = λmax/λmin"));
    kappa_->setPrefix(QStringLiteral("κ = "));
    alpha_ = c->addNumber(QStringLiteral("alpha"), tr("&Step size:"), 0.001, kAlphaMax, 1.0, 6);
    alpha_->setAccessibleName(tr("Step size α"));
    alpha_->setPrefix(QStringLiteral("α = "));
    alpha_->setSingleStep(0.05);
    beta_ = c->addNumber(QStringLiteral("beta"), tr("&Momentum:"), 0, 0.999, 0.9, 6);
    beta_->setAccessibleName(tr("Momentum β"));
    beta_->setPrefix(QStringLiteral("β = "));
    beta_->setSingleStep(0.01);
    best_ = c->addAction(QStringLiteral("best"), tr("&Best (α*, β*)"),
                         tr("Set α and β to heavy ball's optimum for this κ (Polyak 1964)"));
    best_->setAccessibleName(tr("Set α and β to the optimum α*, β*"));
    connect(best_, &QPushButton::clicked, this, [this] {
        const MomentumOptimum o = momentumOptimum(1.0 / kappa_->value(), 1.0);
        // Six decimals: α to the nearest, β rounded up by 0.5 to 1.5 millionths, so that both
        // eigenvalues stay just inside the complex region, rate √β (a hair below β* the roots
        // turn real and the rate jumps: the optimum is a sharp edge).
        alpha_->setValue(o.alpha);
        beta_->setValue(std::ceil(o.beta * 1e6 + 0.5) / 1e6);
    });
    c->newRow();
    nesterov_ = c->addToggle(QStringLiteral("nesterov"), tr("&Nesterov"), false,
                             tr("Take the gradient at the look-ahead point x + βv (Sutskever et al. 2013)"));
    gdStep_ = c->addChoice(QStringLiteral("gdStep"), tr("&Gradient descent at:"),
                           {{tr("its best lr = 2/(λmin + λmax)"), QStringLiteral("best")},
                            {tr("the same α"), QStringLiteral("same")}},
                           0, tr("The learning rate of the plain gradient descent run beside momentum"));
    steps_ = c->addInteger(QStringLiteral("steps"), tr("S&teps:"), 1, 2000, 150);
    steps_->setAccessibleName(tr("Number of steps"));

    // The paths on the bowl's contours.
    QChart* pc = paths_->chart();
    paths_->setObjectName(QStringLiteral("pathChart"));
    paths_->setAccessibleName(tr("Gradient descent and momentum on the bowl's contours"));
    pc->setTitle(tr("Paths on ½ xᵀAx"));
    pathX_->setTitleText(tr("x"));
    pathY_->setTitleText(tr("y"));
    pc->addAxis(pathX_, Qt::AlignBottom);
    pc->addAxis(pathY_, Qt::AlignLeft);
    setExactRange(pathX_, -kBox, kBox, 7);
    setExactRange(pathY_, -kBox, kBox, 7);
    QColor faint = hueColor(Hue::Ink);
    faint.setAlphaF(0.45);
    for (int i = 0; i < kContours; ++i) {
        auto* s = new QLineSeries;
        s->setPen(QPen(faint, 1));
        addTo(pc, s, pathX_, pathY_);
        contourLines_.append(s);
    }
    gdPath_->setObjectName(QStringLiteral("gdPath"));
    gdPath_->setName(tr("gradient descent"));
    gdPath_->setPen(QPen(hueColor(Hue::Vermillion), 2));
    gdPath_->setPointsVisible(true);
    momPath_->setObjectName(QStringLiteral("momentumPath"));
    momPath_->setName(tr("momentum"));
    momPath_->setPen(QPen(hueColor(Hue::Blue), 2.5));
    momPath_->setPointsVisible(true);
    start_->setObjectName(QStringLiteral("start"));
    start_->setName(tr("start"));
    start_->setColor(hueColor(Hue::Orange));
    start_->setBorderColor(hueColor(Hue::Ink));
    start_->setMarkerSize(14);
    start_->append(kStart.x(), kStart.y());
    minimum_->setObjectName(QStringLiteral("minimum"));
    minimum_->setName(tr("minimum"));
    minimum_->setColor(hueColor(Hue::SkyBlue));
    minimum_->setBorderColor(hueColor(Hue::Ink));
    minimum_->setMarkerSize(13);
    minimum_->append(0, 0);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{gdPath_, momPath_, start_, minimum_}) addTo(pc, s, pathX_, pathY_);

    // The loss per step, with the rate the theory gives as a dashed line of each colour.
    QChart* l = loss_->chart();
    loss_->setObjectName(QStringLiteral("lossChart"));
    loss_->setAccessibleName(tr("Loss per step on a log scale"));
    l->setTitle(tr("Loss per step (log scale)"));
    lossX_->setTitleText(tr("step"));
    lossY_->setTitleText(tr("loss"));
    l->addAxis(lossX_, Qt::AlignBottom);
    l->addAxis(lossY_, Qt::AlignLeft);
    gdLoss_->setObjectName(QStringLiteral("gdLoss"));
    gdLoss_->setName(tr("GD"));
    gdLoss_->setPen(QPen(hueColor(Hue::Vermillion), 2));
    momLoss_->setObjectName(QStringLiteral("momentumLoss"));
    momLoss_->setName(tr("momentum"));
    momLoss_->setPen(QPen(hueColor(Hue::Blue), 2));
    gdTheory_->setObjectName(QStringLiteral("gdTheory"));
    gdTheory_->setName(tr("GD theory"));
    gdTheory_->setPen(QPen(hueColor(Hue::Orange), 2, Qt::DashLine));
    momTheory_->setObjectName(QStringLiteral("momentumTheory"));
    momTheory_->setName(tr("momentum theory"));
    momTheory_->setPen(QPen(hueColor(Hue::SkyBlue), 2, Qt::DashLine));
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{gdLoss_, momLoss_, gdTheory_, momTheory_}) addTo(l, s, lossX_, lossY_);
    setNiceRange(lossX_, 0, 150);
    setLogRange(lossY_, 1e-6, 1);

    // The spectral radius over (α, β): viridis where it converges, grey where it does not.
    QChart* m = map_->chart();
    map_->setObjectName(QStringLiteral("mapChart"));
    map_->setAccessibleName(tr("Spectral radius of the iteration matrix over α and β"));
    m->setTitle(tr("Rate over (α, β)"));
    mapX_->setTitleText(tr("step size α"));
    mapY_->setTitleText(tr("momentum β"));
    for (QValueAxis* a : {mapX_, mapY_}) a->setGridLineVisible(false);
    m->addAxis(mapX_, Qt::AlignBottom);
    m->addAxis(mapY_, Qt::AlignLeft);
    setExactRange(mapX_, 0, kAlphaMax, 8);
    setExactRange(mapY_, 0, 1, 6);
    colourBar_->setObjectName(QStringLiteral("colourBar"));
    colourBar_->setLabel(tr("rate"));
    edge_->setObjectName(QStringLiteral("edge"));
    edge_->setName(tr("rate = 1 (grey beyond: diverges)"));
    edge_->setPen(QPen(hueColor(Hue::Vermillion), 2, Qt::DashLine));
    optimum_->setObjectName(QStringLiteral("optimum"));
    optimum_->setName(tr("optimum (α*, β*)"));
    optimum_->setMarkerShape(QScatterSeries::MarkerShapeStar);
    optimum_->setColor(hueColor(Hue::Orange));
    optimum_->setBorderColor(hueColor(Hue::Ink));
    optimum_->setMarkerSize(18);
    current_->setObjectName(QStringLiteral("current"));
    current_->setName(tr("this run"));
    current_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    current_->setColor(hueColor(Hue::Ink));
    current_->setBorderColor(hueColor(Hue::Yellow));
    current_->setMarkerSize(13);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{edge_, optimum_, current_}) addTo(m, s, mapX_, mapY_);

    // The paths on the left, the loss over the map (with its colour bar) on the right.
    auto* figures = new QWidget;
    figures->setObjectName(QStringLiteral("heavyBallCharts"));
    auto* grid = new QGridLayout(figures);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(withKey(paths_), 0, 0);
    grid->addWidget(withKey(loss_), 1, 0, 1, 2);
    auto* mapRow = new QWidget;
    auto* h = new QHBoxLayout(mapRow);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(withKey(map_), 1);
    colourBar_->setParent(mapRow);
    h->addWidget(colourBar_);
    grid->addWidget(mapRow, 0, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 2);
    addFigureWidget(figures);
    for (FigureChart* v : {paths_, loss_, map_}) v->restyle();
    recompute();
}

void HeavyBallLab::run()
{
    const double kappa = kappa_->value(), alpha = alpha_->value(), beta = beta_->value();
    const bool nesterov = nesterov_->isChecked();
    const bool gdSame = gdStep_->currentData().toString() == QStringLiteral("same");
    const int steps = steps_->value();
    runJob<HeavyBallResult>(
        tr("Running gradient descent and momentum…"),
        [kappa, alpha, beta, nesterov, gdSame, steps](Progress& progress) {
            HeavyBallResult out;
            out.kappa = kappa;
            out.alpha = alpha;
            out.beta = beta;
            out.nesterov = nesterov;
            const double lmin = 1.0 / kappa, lmax = 1.0;
            const QuadraticBowl bowl(lmin, lmax, HeavyBallLab::kAngle);
            const MomentumMethod method = nesterov ? MomentumMethod::Nesterov : MomentumMethod::HeavyBall;
            out.optimum = momentumOptimum(lmin, lmax);

            // Contours f = λmin r²/2: ellipses with semi-axes r along the shallow eigenvector
            // and r/√κ along the steep one.
            const double ca = std::cos(HeavyBallLab::kAngle), sa = std::sin(HeavyBallLab::kAngle);
            for (int k = 1; k <= kContours; ++k) {
                const double r = 0.5 * k;
                QList<QPointF> line;
                for (int i = 0; i <= kContourPoints; ++i) {
                    const double phi = 2 * M_PI * i / kContourPoints;
                    const double u = r * std::cos(phi), w = r / std::sqrt(kappa) * std::sin(phi);
                    line.append({ca * u - sa * w, sa * u + ca * w});
                }
                out.contours.push_back(line);
            }

            // The two runs, from the same start, through the engine's Optimizer.
            auto runOne = [&](OptimizerKind kind, double lr, double mom, MomentumRun& into) {
                OptimizerSettings os;
                os.kind = kind;
                os.learningRate = lr;
                os.momentum = mom;
                Optimizer<Eigen::Vector2d> opt(os, 2);
                RunSettings rs;
                rs.maxSteps = steps;
                rs.gradientTolerance = 0;   // every step drawn: the rate shows on the log scale
                const auto result = runOptimizer(
                    opt, [&bowl](const Eigen::Vector2d& x) { return bowl.value(x); },
                    [&bowl](const Eigen::Vector2d& x, Eigen::Vector2d& g) { g = bowl.gradient(x); },
                    Eigen::Vector2d(HeavyBallLab::kStart.x(), HeavyBallLab::kStart.y()), rs, {}, progress);
                into.points = result.points;
                into.losses = result.losses;
                into.diverged = result.status == RunStatus::Diverged;
                into.divergedAtStep = result.divergedAtStep;
                into.learningRate = lr;
            };
            const double gdLr = gdSame ? alpha : out.optimum.gdAlpha;
            runOne(OptimizerKind::GradientDescent, gdLr, 0.0, out.gd);
            out.gd.theoryRate = contractionBound(lmin, lmax, gdLr);
            out.gd.measuredRate = measuredContraction(bowl, gdLr, kMeasureSteps);
            runOne(nesterov ? OptimizerKind::Nesterov : OptimizerKind::Momentum, alpha, beta, out.mom);
            out.mom.theoryRate = momentumRadius(method, alpha, beta, lmin, lmax);
            out.mom.measuredRate = measuredMomentumRate(bowl, method, alpha, beta, kMeasureSteps);

            // The map, and the edge where the radius reaches 1 (λmax = 1 decides): heavy ball
            // α = 2(1 + β), Nesterov α = 1 + 1/(1 + 2β).
            const RateMap rm = momentumRateMap(method, lmin, lmax, HeavyBallLab::kAlphaMax, 1.0, kMapCols, kMapRows, progress);
            HeatMapData data;
            data.cols = rm.cols;
            data.rows = rm.rows;
            data.domain = QRectF(QPointF(0, 0), QPointF(HeavyBallLab::kAlphaMax, 1.0));
            data.values = rm.radius;
            double low = 1;
            for (double& v : data.values) {
                if (!(v < 1)) v = NAN;   // divergent (or not reached): grey
                else low = std::min(low, v);
            }
            data.low = out.mapLow = std::floor(low * 10) / 10;
            data.high = 1;
            out.map = heatMapImage(data);
            for (int i = 0; i <= 100; ++i) {
                const double b = 0.999 * i / 100;
                const double a = nesterov ? 1 + 1 / (1 + 2 * b) : 2 * (1 + b);
                if (a <= HeavyBallLab::kAlphaMax) out.edge.append({a, b});
            }
            return out;
        },
        [this](const HeavyBallResult& r) { showResult(r); });
}

void HeavyBallLab::showResult(const HeavyBallResult& r)
{
    gd_ = r.gd;
    mom_ = r.mom;
    for (qsizetype i = 0; i < contourLines_.size(); ++i)
        replaceIfChanged(contourLines_[i], i < qsizetype(r.contours.size()) ? r.contours[std::size_t(i)] : QList<QPointF>{});
    auto points = [](const MomentumRun& run) {
        QList<QPointF> pts;
        for (const Eigen::Vector2d& p : run.points) pts.append({p.x(), p.y()});
        return pts;
    };
    replaceIfChanged(gdPath_, points(gd_));
    replaceIfChanged(momPath_, points(mom_));
    momPath_->setName(r.nesterov ? tr("Nesterov") : tr("heavy ball"));
    momLoss_->setName(momPath_->name());
    momTheory_->setName(r.nesterov ? tr("Nesterov theory") : tr("heavy ball theory"));
    paths_->restyle();
    showNext([this, r] { showLoss(r); });
    showNext([this, r] { showMap(r); });
}

void HeavyBallLab::showLoss(const HeavyBallResult&)
{
    double lo = INFINITY, hi = 0;
    int last = 1;
    auto curve = [&](const MomentumRun& run) {
        QList<QPointF> pts;
        for (std::size_t i = 0; i < run.losses.size(); ++i) {
            const double v = run.losses[i];
            if (!(v >= kLossFloor) || !std::isfinite(v)) break;   // the chart ends at 10⁻³⁰
            const double shown = v;
            pts.append({double(i), shown});
            lo = std::min(lo, shown);
            hi = std::max(hi, shown);
        }
        last = std::max(last, int(run.losses.size()) - 1);
        return pts;
    };
    const QList<QPointF> gd = curve(gd_), mom = curve(mom_);
    if (!(lo <= hi)) {
        lo = 1e-6;
        hi = 1;
    }
    // The theory: the loss falls like rate^(2t) (f is quadratic in the error), from f(start).
    auto theory = [&](const MomentumRun& run) {
        QList<QPointF> pts;
        if (run.losses.empty() || !(run.theoryRate > 0)) return pts;
        const double f0 = run.losses.front();
        for (int t = 0; t <= last; ++t) {
            const double v = f0 * std::pow(run.theoryRate, 2.0 * t);
            if (!(v >= lo) || !(v <= hi)) break;
            pts.append({double(t), v});
        }
        return pts;
    };
    setNiceRange(lossX_, 0, last);
    setLogRange(lossY_, lo, hi);
    replaceIfChanged(gdLoss_, gd);
    replaceIfChanged(momLoss_, mom);
    replaceIfChanged(gdTheory_, theory(gd_));
    replaceIfChanged(momTheory_, theory(mom_));
    loss_->restyle();
}

void HeavyBallLab::showMap(const HeavyBallResult& r)
{
    heat_->setImage(r.map, QRectF(QPointF(0, 0), QPointF(kAlphaMax, 1.0)));
    colourBar_->setRange(r.mapLow, 1.0);
    replaceIfChanged(edge_, r.edge);
    replaceIfChanged(optimum_, {QPointF(r.optimum.alpha, r.optimum.beta)});
    replaceIfChanged(current_, {QPointF(r.alpha, r.beta)});
    map_->restyle();

    // The readout: how each run ended, measured against theory, and the speed-up.
    const QString method = r.nesterov ? tr("Nesterov") : tr("Heavy ball");
    auto ended = [](const QString& name, const MomentumRun& run) {
        if (run.diverged)
            return tr("%1 diverged at step %2 (its rate %3 per step is above 1), so the run stopped there.")
                .arg(name)
                .arg(run.divergedAtStep)
                .arg(n4(run.theoryRate));
        return QString();
    };
    QStringList parts;
    parts << tr("%1 at α = %2, β = %3: rate %4 per step measured, %5 in theory (spectral radius).")
                 .arg(method, n4(r.alpha), n4(r.beta), n4(r.mom.measuredRate), n4(r.mom.theoryRate));
    parts << tr("Gradient descent at lr = %1: %2 measured, %3 in theory.")
                 .arg(n4(r.gd.learningRate), n4(r.gd.measuredRate), n4(r.gd.theoryRate));
    const QString a = ended(method, mom_), b = ended(tr("Gradient descent"), gd_);
    if (!a.isEmpty()) parts << a;
    if (!b.isEmpty()) parts << b;
    const bool bothConverge = r.mom.measuredRate > 0 && r.mom.measuredRate < 1 && r.gd.measuredRate > 0 && r.gd.measuredRate < 1;
    if (bothConverge) {
        // Steps per decade are ln 10 / −ln(rate): GD's over momentum's.
        const double speedUp = std::log(r.mom.measuredRate) / std::log(r.gd.measuredRate);
        parts << (speedUp >= 1 ? tr("Momentum needs %1 times fewer steps.").arg(n3(speedUp))
                               : tr("Momentum needs %1 times more steps.").arg(n3(1 / speedUp)));
    }
    parts << tr("Best for κ = %1: α* = %2, β* = %3, rate (√κ − 1)/(√κ + 1) = %4 (GD's best %5).")
                 .arg(n4(r.kappa), n4(r.optimum.alpha), n4(r.optimum.beta), n4(r.optimum.rate), n4(r.optimum.gdRate));
    setReadout(parts.join(QLatin1Char(' ')), mom_.diverged || gd_.diverged || !(r.mom.theoryRate < 1) || !(r.gd.theoryRate < 1));
}

} // namespace minima
