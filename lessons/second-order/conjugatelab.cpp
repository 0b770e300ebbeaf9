#include "lessons/second-order/conjugatelab.h"

#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <exception>
#include <numbers>

#include "engine/experiments/conjugate.h"
#include "engine/experiments/steepest.h"
#include "engine/surfaces/analytic.h"
#include "lessons/common/charts/chartdrag.h"
#include "lessons/common/charts/equalunits.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"

namespace minima {

namespace {

constexpr double kBox = 3.0;              // the bowl's map shows at least [-3, 3]²
constexpr int kLevels = 12;               // contours at f = ½ (r/2)², r = 1 .. 12
constexpr double kZeroDrawnAt = 1e-18;    // a residual of exactly 0, relative to the start's, on the log axis
constexpr double kConjFloor = -17;        // log10 |C_ij| below this is drawn at it (an exact 0 too)
constexpr int kRosenCells = 160;
const Domain kRosenDomain{-2, 2, -1, 3};

void addTo(QChart* chart, QXYSeries* s, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}

QString n3(double v) { return formatNumber(v, 3); }
QString n2(double v) { return formatNumber(v, 2); }

QPointF qp(const Eigen::VectorXd& v) { return {v[0], v[1]}; }

QList<QPointF> pathOf(const std::vector<Eigen::VectorXd>& points)
{
    QList<QPointF> out;
    out.reserve(qsizetype(points.size()));
    for (const Eigen::VectorXd& p : points)
        if (p.allFinite()) out.append(qp(p));
    return out;
}

} // namespace

// What the job hands back: the experiment's result and what the figures draw.
struct ConjugateView {
    ConjugateParams params;
    ConjugateResult result;
    std::vector<QList<QPointF>> contours;
    QList<QPointF> cgResidual, sdResidual;   // relative residual per iteration, finite and positive
    int dropped = 0;                         // residuals not finite (left out)
    bool zeroDrawn = false;                  // a residual of exactly 0 drawn at kZeroDrawnAt
    int shownIterations = 1;                 // the residual chart's x range
    double residualLow = 1e-12;
    QImage rosenImage;
    double rosenLow = 0, rosenHigh = 1;
    QString error;
};

ConjugateLab::~ConjugateLab() = default;

ConjugateLab::ConjugateLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      map_(new FigureChart),
      residual_(new FigureChart),
      conj_(new FigureChart),
      rosen_(new FigureChart),
      mapX_(makeValueAxis()),
      mapY_(makeValueAxis()),
      iterX_(makeValueAxis()),
      residualY_(new QLogValueAxis),
      conjX_(makeValueAxis()),
      conjY_(makeValueAxis()),
      rosenX_(makeValueAxis()),
      rosenY_(makeValueAxis()),
      sdPath_(new QLineSeries),
      cgPath_(new QLineSeries),
      point_(new QScatterSeries),
      minimum_(new QScatterSeries),
      cgResidual_(new QLineSeries),
      sdResidual_(new QLineSeries),
      clusterLine_(new QLineSeries),
      toleranceLine_(new QLineSeries),
      conjBar_(new ColourBar),
      rosenBar_(new ColourBar),
      frPath_(new QLineSeries),
      prPath_(new QLineSeries),
      rosenStart_(new QScatterSeries),
      rosenMinimum_(new QScatterSeries)
{
    setObjectName(QStringLiteral("conjugateLab"));
    ControlStrip* c = controls();
    kappa_ = c->addNumber(QStringLiteral("kappa"), tr("&Condition number:"), 1, 1000, 10, 2);
    kappa_->setAccessibleName(tr("Condition number κ of the 2-D bowl"));
    kappa_->setPrefix(QStringLiteral("κ = "));
    kappa_->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    angle_ = c->addNumber(QStringLiteral("angle"), tr("&Rotation:"), -90, 90, 30, 0);
    angle_->setAccessibleName(tr("Rotation of the bowl in degrees"));
    angle_->setSuffix(QStringLiteral("°"));
    angle_->setSingleStep(5);
    pointX_ = c->addNumber(QStringLiteral("pointX"), tr("S&tart:"), -kBox, kBox, -2.5, 3);
    pointX_->setAccessibleName(tr("Start x on the bowl"));
    pointX_->setPrefix(QStringLiteral("x = "));
    pointX_->setSingleStep(0.1);
    pointY_ = c->addNumber(QStringLiteral("pointY"), QString(), -kBox, kBox, -1.0, 3);
    pointY_->setAccessibleName(tr("Start y on the bowl"));
    pointY_->setPrefix(QStringLiteral("y = "));
    pointY_->setSingleStep(0.1);
    steps_ = c->addInteger(QStringLiteral("steps"), tr("&Steps:"), 1, 500, 40);
    steps_->setAccessibleName(tr("Steepest descent's steps on the bowl"));
    c->newRow();
    n_ = c->addInteger(QStringLiteral("n"), tr("&Dimension:"), 2, 200, 100);
    n_->setAccessibleName(tr("Dimension n of the quadratic"));
    n_->setPrefix(QStringLiteral("n = "));
    clusters_ = c->addInteger(QStringLiteral("clusters"), tr("C&lusters:"), 1, 100, 5);
    clusters_->setAccessibleName(tr("Number of eigenvalue clusters"));
    spread_ = c->addChoice(QStringLiteral("spread"), tr("Spr&ead:"),
                           {{tr("0 (k distinct)"), 0.0},
                            {QStringLiteral("10⁻⁸"), 1e-8},
                            {QStringLiteral("10⁻⁶"), 1e-6},
                            {QStringLiteral("10⁻⁴"), 1e-4},
                            {QStringLiteral("10⁻²"), 1e-2}},
                           0, tr("Relative half-width of each cluster of eigenvalues"));
    spread_->setAccessibleName(tr("Relative width of each eigenvalue cluster"));
    spectrum_ = c->addChoice(QStringLiteral("spectrum"), tr("Eigen&values in:"),
                             {{QStringLiteral("[1, 10]"), 10.0}, {QStringLiteral("[1, 100]"), 100.0},
                              {QStringLiteral("[1, 1000]"), 1000.0}},
                             1, tr("The range the cluster centres are spread over, on a log scale"));
    spectrum_->setAccessibleName(tr("Range of the eigenvalues"));
    seed_ = c->addInteger(QStringLiteral("seed"), tr("Seed"), 1, 5, 1, {}, tr("Seed of the eigenvectors and of b"));
    seed_->setAccessibleName(tr("Seed of the quadratic's eigenvectors and right-hand side"));
    // At most n clusters.
    connect(n_, &QSpinBox::valueChanged, this, [this](int n) { clusters_->setMaximum(n); });
    clusters_->setMaximum(n_->value());

    QColor faint = hueColor(Hue::Ink);
    faint.setAlphaF(0.45);

    // The bowl: contours, steepest descent's zig-zag and CG's two steps from the start.
    QChart* mc = map_->chart();
    map_->setObjectName(QStringLiteral("mapChart"));
    map_->setAccessibleName(tr("The bowl's contours with the paths of steepest descent and conjugate gradients"));
    mc->setTitle(tr("Bowl: CG against steepest descent"));
    mapX_->setTitleText(tr("x"));
    mapY_->setTitleText(tr("y"));
    mc->addAxis(mapX_, Qt::AlignBottom);
    mc->addAxis(mapY_, Qt::AlignLeft);
    for (int k = 0; k < kLevels; ++k) {
        auto* s = new QLineSeries;
        s->setObjectName(QStringLiteral("contour%1").arg(k));
        s->setPen(QPen(faint, 1));
        addTo(mc, s, mapX_, mapY_);
        contours_.append(s);
    }
    sdPath_->setObjectName(QStringLiteral("sdPath"));
    sdPath_->setName(tr("steepest descent, exact steps"));
    sdPath_->setPen(QPen(hueColor(Hue::ReddishPurple), 2));
    sdPath_->setPointsVisible(true);
    cgPath_->setObjectName(QStringLiteral("cgPath"));
    cgPath_->setName(tr("conjugate gradients"));
    cgPath_->setPen(QPen(hueColor(Hue::Blue), 3));
    cgPath_->setPointsVisible(true);
    point_->setObjectName(QStringLiteral("start"));
    point_->setName(tr("start"));
    point_->setColor(hueColor(Hue::Yellow));
    point_->setBorderColor(hueColor(Hue::Ink));
    point_->setMarkerSize(14);
    minimum_->setObjectName(QStringLiteral("minimum"));
    minimum_->setName(tr("minimum"));
    minimum_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    minimum_->setColor(hueColor(Hue::BluishGreen));
    minimum_->setBorderColor(hueColor(Hue::Ink));
    minimum_->setMarkerSize(11);
    minimum_->append(0, 0);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{sdPath_, cgPath_, point_, minimum_}) addTo(mc, s, mapX_, mapY_);
    equal_ = new EqualUnits(mc, mapX_, mapY_, this);
    equal_->setBox(QRectF(QPointF(-kBox, -kBox), QPointF(kBox, kBox)));

    // The residual per iteration on the n-D quadratic.
    QChart* rc = residual_->chart();
    residual_->setObjectName(QStringLiteral("residualChart"));
    residual_->setAccessibleName(tr("The relative residual per iteration of CG and steepest descent on a log scale"));
    rc->setTitle(tr("n-D quadratic: residual"));
    iterX_->setTitleText(tr("iteration t"));
    residualY_->setTitleText(tr("|rₜ| / |r₀|"));
    rc->addAxis(iterX_, Qt::AlignBottom);
    rc->addAxis(residualY_, Qt::AlignLeft);
    cgResidual_->setObjectName(QStringLiteral("cgResidual"));
    cgResidual_->setName(tr("conjugate gradients"));
    cgResidual_->setPen(QPen(hueColor(Hue::Blue), 2.5));
    cgResidual_->setPointsVisible(true);
    sdResidual_->setObjectName(QStringLiteral("sdResidual"));
    sdResidual_->setName(tr("steepest descent"));
    sdResidual_->setPen(QPen(hueColor(Hue::ReddishPurple), 2));
    clusterLine_->setObjectName(QStringLiteral("clusterLine"));
    clusterLine_->setName(tr("t = clusters"));
    clusterLine_->setPen(QPen(hueColor(Hue::Orange), 2, Qt::DashLine));
    toleranceLine_->setObjectName(QStringLiteral("toleranceLine"));
    toleranceLine_->setName(tr("tolerance 10⁻¹⁰"));
    toleranceLine_->setPen(QPen(hueColor(Hue::Ink), 1.5, Qt::DotLine));
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{toleranceLine_, clusterLine_, sdResidual_, cgResidual_})
        addTo(rc, s, iterX_, residualY_);
    setNiceRange(iterX_, 0, 10);
    setLogRange(residualY_, 1e-12, 1);

    // The conjugacy matrix of CG's first directions as a heat map of log10 |C_ij|.
    QChart* cc = conj_->chart();
    conj_->setObjectName(QStringLiteral("conjugacyChart"));
    conj_->setAccessibleName(tr("The conjugacy matrix of CG's first directions as a heat map"));
    cc->setTitle(tr("Conjugacy of CG's directions"));
    conjX_->setTitleText(tr("direction j"));
    conjY_->setTitleText(tr("direction i"));
    for (QValueAxis* a : {conjX_, conjY_}) a->setGridLineVisible(false);
    cc->addAxis(conjX_, Qt::AlignBottom);
    cc->addAxis(conjY_, Qt::AlignLeft);
    setExactRange(conjX_, 0.5, 5.5, 6);
    setExactRange(conjY_, 0.5, 5.5, 6);
    conjHeat_ = new HeatMapLayer(cc);
    conjBar_->setObjectName(QStringLiteral("conjugacyBar"));
    conjBar_->setLabel(tr("log₁₀|Cᵢⱼ|"));
    conjBar_->setRange(kConjFloor, 0);

    // Nonlinear CG on Rosenbrock.
    QChart* rr = rosen_->chart();
    rosen_->setObjectName(QStringLiteral("rosenbrockChart"));
    rosen_->setAccessibleName(tr("Rosenbrock's function with the paths of Fletcher–Reeves and Polak–Ribière CG"));
    rr->setTitle(tr("Nonlinear CG on Rosenbrock"));
    rosenX_->setTitleText(tr("x"));
    rosenY_->setTitleText(tr("y"));
    for (QValueAxis* a : {rosenX_, rosenY_}) a->setGridLineVisible(false);
    rr->addAxis(rosenX_, Qt::AlignBottom);
    rr->addAxis(rosenY_, Qt::AlignLeft);
    setExactRange(rosenX_, kRosenDomain.xMin, kRosenDomain.xMax, 5);
    setExactRange(rosenY_, kRosenDomain.yMin, kRosenDomain.yMax, 5);
    rosenHeat_ = new HeatMapLayer(rr);
    rosenBar_->setObjectName(QStringLiteral("rosenbrockBar"));
    rosenBar_->setLabel(tr("f"));
    frPath_->setObjectName(QStringLiteral("frPath"));
    frPath_->setName(tr("Fletcher–Reeves"));
    frPath_->setPen(QPen(hueColor(Hue::Vermillion), 2.5));
    frPath_->setPointsVisible(true);
    prPath_->setObjectName(QStringLiteral("prPath"));
    prPath_->setName(tr("Polak–Ribière+"));
    prPath_->setPen(QPen(hueColor(Hue::SkyBlue), 2.5));
    prPath_->setPointsVisible(true);
    rosenStart_->setObjectName(QStringLiteral("rosenbrockStart"));
    rosenStart_->setName(tr("start"));
    rosenStart_->setColor(hueColor(Hue::Yellow));
    rosenStart_->setBorderColor(hueColor(Hue::Ink));
    rosenStart_->setMarkerSize(13);
    rosenMinimum_->setObjectName(QStringLiteral("rosenbrockMinimum"));
    rosenMinimum_->setName(tr("minimum (1, 1)"));
    rosenMinimum_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    rosenMinimum_->setColor(hueColor(Hue::BluishGreen));
    rosenMinimum_->setBorderColor(hueColor(Hue::Ink));
    rosenMinimum_->setMarkerSize(11);
    rosenMinimum_->append(1, 1);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{frPath_, prPath_, rosenStart_, rosenMinimum_})
        addTo(rr, s, rosenX_, rosenY_);

    // Two rows: the bowl and the residuals, the conjugacy and Rosenbrock (with their colour bars).
    auto* figures = new QWidget;
    figures->setObjectName(QStringLiteral("conjugateCharts"));
    auto* grid = new QGridLayout(figures);
    grid->setContentsMargins(0, 0, 0, 0);
    for (FigureChart* v : {map_, residual_, conj_, rosen_}) {
        v->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
        v->setMinimumEms(10, 10);
    }
    auto withBar = [this](FigureChart* chart, ColourBar* bar) {
        auto* row = new QWidget;
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(withKey(chart), 1);
        bar->setParent(row);
        h->addWidget(bar);
        return row;
    };
    grid->addWidget(withKey(map_), 0, 0);
    grid->addWidget(withKey(residual_), 0, 1);
    grid->addWidget(withBar(conj_, conjBar_), 1, 0);
    grid->addWidget(withBar(rosen_, rosenBar_), 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    addFigureWidget(figures);
    for (FigureChart* v : {map_, residual_, conj_, rosen_}) v->restyle();

    // A click away from the start moves it there; a press on it drags it.
    map_->viewport()->installEventFilter(this);
    drag_ = new ChartDrag(map_, [this] { return QList<QPointF>{QPointF(pointX_->value(), pointY_->value())}; }, this);
    connect(drag_, &ChartDrag::dragged, this, [this](int, QPointF p) { setPoint(p); });
    recompute();
}

QPoint ConjugateLab::mapPosition(const QPointF& value) const { return drag_->positionOf(value); }

bool ConjugateLab::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == map_->viewport() && event->type() == QEvent::MouseButtonPress) {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton
            && map_->chart()->plotArea().contains(map_->chart()->mapFromScene(map_->mapToScene(e->position().toPoint())))) {
            setPoint(drag_->valueAt(e->position().toPoint()));
            return true;
        }
    }
    return Lab::eventFilter(watched, event);
}

void ConjugateLab::setPoint(const QPointF& p)
{
    pointX_->setValue(std::clamp(p.x(), pointX_->minimum(), pointX_->maximum()));
    pointY_->setValue(std::clamp(p.y(), pointY_->minimum(), pointY_->maximum()));
    replaceIfChanged(point_, {QPointF(pointX_->value(), pointY_->value())});
}

void ConjugateLab::run()
{
    ConjugateParams p;
    p.kappa = kappa_->value();
    p.angle = angle_->value();
    p.x = pointX_->value();
    p.y = pointY_->value();
    p.mapSteps = steps_->value();
    p.n = n_->value();
    p.clusters = std::min(clusters_->value(), p.n);
    p.spread = spread_->currentData().toDouble();
    p.spectrum = spectrum_->currentData().toDouble();
    p.tolerance = kTolerance;
    p.sdSteps = kSdSteps;
    const std::uint64_t seed = std::uint64_t(seed_->value());
    const bool needRosen = !rosenDrawn_;
    runJob<ConjugateView>(
        tr("Running conjugate gradients and steepest descent…"),
        [p, seed, needRosen](Progress& progress) {
            ConjugateView v;
            v.params = p;
            try {
                v.result = runConjugate(p, seed, progress);
            } catch (const std::exception& e) {
                v.error = QString::fromUtf8(e.what());
                return v;
            }
            const double theta = p.angle * std::numbers::pi / 180.0;
            for (int k = 1; k <= kLevels; ++k) {
                QList<QPointF> line;
                for (const Eigen::Vector2d& q : bowlEllipse(p.kappa, theta, 0.5 * std::pow(0.5 * k, 2)))
                    line.append({q.x(), q.y()});
                v.contours.push_back(line);
            }
            // The residuals relative to the start's, over a range that shows CG's whole run and
            // as much of steepest descent beside it.
            const ConjugateResult& r = v.result;
            v.shownIterations = std::clamp(2 * std::max(r.cg.iterations, p.clusters), 10, p.sdSteps);
            double low = kTolerance;
            auto relative = [&v, &low](const std::vector<double>& norms, int upTo, QList<QPointF>& out) {
                if (norms.empty() || !(norms.front() > 0)) return;
                for (std::size_t t = 0; t < norms.size() && int(t) <= upTo; ++t) {
                    double value = norms[t] / norms.front();
                    if (!std::isfinite(value)) {
                        ++v.dropped;
                        continue;
                    }
                    if (value <= 0) {
                        value = kZeroDrawnAt;
                        v.zeroDrawn = true;
                    }
                    low = std::min(low, value);
                    out.append({double(t), value});
                }
            };
            relative(r.cg.residualNorms, v.shownIterations, v.cgResidual);
            relative(r.sd.residualNorms, v.shownIterations, v.sdResidual);
            v.residualLow = low;
            if (needRosen && !progress.cancelled()) {
                const Rosenbrock rosenbrock;
                HeatMapData data;
                data.cols = data.rows = kRosenCells;
                data.domain = QRectF(QPointF(kRosenDomain.xMin, kRosenDomain.yMin), QPointF(kRosenDomain.xMax, kRosenDomain.yMax));
                data.values.resize(std::size_t(kRosenCells) * kRosenCells);
                for (int i = 0; i < kRosenCells; ++i)
                    for (int j = 0; j < kRosenCells; ++j) {
                        const double x = kRosenDomain.xMin + (kRosenDomain.xMax - kRosenDomain.xMin) * (j + 0.5) / kRosenCells;
                        const double y = kRosenDomain.yMin + (kRosenDomain.yMax - kRosenDomain.yMin) * (i + 0.5) / kRosenCells;
                        data.values[std::size_t(i) * kRosenCells + std::size_t(j)] = rosenbrock.value(Point2(x, y));
                    }
                data.logScale = true;
                fitRange(data);
                data.low = 0;   // the minimum's value; the grid's cells miss it only by rounding
                v.rosenLow = data.low;
                v.rosenHigh = data.high;
                v.rosenImage = heatMapImage(data);
            }
            return v;
        },
        [this](const ConjugateView& v) {
            if (!v.error.isEmpty()) {
                setReadout(tr("These settings cannot be run: %1").arg(v.error), true);
                return;
            }
            if (v.result.cancelled) return;
            showMap(v);
            showNext([this, v] {
                showResiduals(v);
                showConjugacy(v);
            });
            showNext([this, v] {
                showRosenbrock(v);
                showReadout(v);
            });
        });
}

void ConjugateLab::showMap(const ConjugateView& v)
{
    for (qsizetype i = 0; i < contours_.size(); ++i)
        replaceIfChanged(contours_[i], i < qsizetype(v.contours.size()) ? v.contours[std::size_t(i)] : QList<QPointF>{});
    replaceIfChanged(sdPath_, pathOf(v.result.mapSd.points));
    replaceIfChanged(cgPath_, pathOf(v.result.mapCg.points));
    replaceIfChanged(point_, {QPointF(v.params.x, v.params.y)});
    map_->restyle();
}

void ConjugateLab::showResiduals(const ConjugateView& v)
{
    const int last = v.shownIterations;
    const double low = std::max(v.residualLow, 0.1 * kZeroDrawnAt);
    replaceIfChanged(cgResidual_, v.cgResidual);
    replaceIfChanged(sdResidual_, thinnedForColumns(v.sdResidual, 0, last, std::max(100.0, residual_->chart()->plotArea().width())));
    const int k = v.params.clusters;
    replaceIfChanged(clusterLine_, k <= last ? QList<QPointF>{QPointF(k, low / 10), QPointF(k, 10.0)} : QList<QPointF>{});
    replaceIfChanged(toleranceLine_, {QPointF(0, kTolerance), QPointF(10.0 * last, kTolerance)});
    setNiceRange(iterX_, 0, last);
    setLogRange(residualY_, low / 2, 2.0);
    residual_->restyle();
}

void ConjugateLab::showConjugacy(const ConjugateView& v)
{
    const Eigen::MatrixXd& c = v.result.conjugacy;
    const int m = int(c.rows());
    HeatMapData data;
    data.cols = data.rows = m;
    data.domain = QRectF(QPointF(0.5, 0.5), QPointF(m + 0.5, m + 0.5));
    data.values.resize(std::size_t(m) * std::size_t(m));
    conjShown_.clear();
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < m; ++j) {
            const double a = std::abs(c(i, j));
            conjShown_.append(c(i, j));
            data.values[std::size_t(i) * std::size_t(m) + std::size_t(j)] =
                std::isfinite(a) ? std::max(kConjFloor, a > 0 ? std::log10(a) : kConjFloor) : NAN;
        }
    conjSize_ = m;
    data.low = kConjFloor;
    data.high = 0;
    conjHeat_->setData(data);
    setExactRange(conjX_, 0.5, m + 0.5, m + 1);
    setExactRange(conjY_, 0.5, m + 0.5, m + 1);
    conj_->restyle();
}

void ConjugateLab::showRosenbrock(const ConjugateView& v)
{
    if (!v.rosenImage.isNull()) {
        rosenHeat_->setImage(v.rosenImage, QRectF(QPointF(kRosenDomain.xMin, kRosenDomain.yMin),
                                                  QPointF(kRosenDomain.xMax, kRosenDomain.yMax)));
        rosenBar_->setRange(v.rosenLow, v.rosenHigh, true);
        rosenDrawn_ = true;
    }
    replaceIfChanged(frPath_, pathOf(v.result.fletcherReeves.run.points));
    replaceIfChanged(prPath_, pathOf(v.result.polakRibiere.run.points));
    replaceIfChanged(rosenStart_, {QPointF(v.params.startX, v.params.startY)});
    rosen_->restyle();
}

void ConjugateLab::showReadout(const ConjugateView& v)
{
    const ConjugateParams& p = v.params;
    const ConjugateResult& r = v.result;
    QStringList parts;

    // The bowl.
    const double r0 = r.mapCg.residualNorms.front();
    if (!(r0 > 0)) {
        parts << tr("The start is the bowl's minimum: neither method has a step to take.");
    } else {
        const QString cg = r.mapCg.iterations == 1
                               ? tr("CG landed on the bowl's minimum in 1 step (κ = %1: every direction is an eigenvector)")
                                     .arg(n3(p.kappa))
                               : tr("CG landed on the bowl's minimum in %1 steps (residual %2 of the start's, rounding)")
                                     .arg(r.mapCg.iterations)
                                     .arg(n2(r.mapCg.residualNorms.back() / r0));
        const QString sd = r.mapSd.converged
                               ? tr("steepest descent took %1 zig-zag steps to get as close").arg(r.mapSd.iterations)
                               : tr("steepest descent, after %1 zig-zag steps, is at %2 of the start's residual")
                                     .arg(r.mapSd.iterations)
                                     .arg(n2(r.mapSd.residualNorms.back() / r0));
        parts << cg + tr("; ") + sd + QLatin1Char('.');
    }

    // The n-D quadratic.
    const QString where = tr("n = %1, clusters %2 over [1, %3], %4 distinct eigenvalues")
                              .arg(p.n)
                              .arg(p.clusters)
                              .arg(n3(p.spectrum))
                              .arg(r.distinctEigenvalues);
    QString cg;
    if (r.cgSteps >= 0)
        cg = tr("CG brought the residual below 10⁻¹⁰ of the start's in %1 steps, against %2 clusters and n = %3")
                 .arg(r.cgSteps)
                 .arg(p.clusters)
                 .arg(p.n);
    else
        cg = tr("CG did not reach 10⁻¹⁰ in %1 steps (at %2)").arg(r.cg.iterations).arg(n2(r.cg.residualNorms.back() / r.cg.residualNorms.front()));
    QString sd;
    if (r.sdSteps >= 0)
        sd = tr("steepest descent needed %1").arg(r.sdSteps);
    else
        sd = tr("steepest descent had not in %1 steps (it is at %2)")
                 .arg(r.sd.iterations)
                 .arg(n2(r.sd.residualNorms.back() / r.sd.residualNorms.front()));
    parts << tr("Quadratic (%1): %2; %3.").arg(where, cg, sd);
    if (v.dropped > 0) parts << tr("%1 non-finite residuals are left out of the chart.").arg(v.dropped);
    if (v.zeroDrawn) parts << tr("A residual of exactly 0 is drawn at 10⁻¹⁸.");

    // Conjugacy.
    const int m = int(r.conjugacy.rows());
    if (m <= 1)
        parts << tr("CG made only 1 direction from a residual above 10⁻⁶ of the start's, so there is no pair to compare.");
    else
        parts << tr("CG's first %1 directions: largest |Cᵢⱼ| off the diagonal %2 (the diagonal is 1 within %3).")
                     .arg(m)
                     .arg(n2(r.largestOffDiagonal), n2(std::max(r.largestDiagonalError, 1e-16)));

    // Rosenbrock.
    auto describe = [](const SecondOrderRun& run) {
        const bool ok = run.run.status == RunStatus::Converged;
        return ok ? tr("%1 iterations and %2 gradient evaluations").arg(run.run.steps).arg(run.gradientEvaluations)
                  : tr("%1 iterations and %2 gradient evaluations, then stopped: %3")
                        .arg(run.run.steps)
                        .arg(run.gradientEvaluations)
                        .arg(QString::fromStdString(run.stopReason));
    };
    const bool both = r.fletcherReeves.run.status == RunStatus::Converged && r.polakRibiere.run.status == RunStatus::Converged;
    parts << tr("Rosenbrock: Fletcher–Reeves took %1, Polak–Ribière+ %2%3.")
                 .arg(describe(r.fletcherReeves), describe(r.polakRibiere),
                      both ? tr("; both reached (1, 1) with |∇f| < 10⁻⁸") : QString());
    setReadout(parts.join(QLatin1Char(' ')));
}

} // namespace minima
