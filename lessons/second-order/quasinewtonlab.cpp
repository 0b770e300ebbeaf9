#include "lessons/second-order/quasinewtonlab.h"

#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QSlider>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/experiments/quasinewton.h"
#include "engine/landscape/contours.h"
#include "engine/landscape/grid.h"
#include "lessons/common/charts/chartdrag.h"
#include "lessons/common/charts/equalunits.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/networkfiles.h"

namespace minima {

namespace {

constexpr int kGridCells = 121;        // the map's grid for the contours
constexpr int kLevels = 14;            // contour levels (quantile-spaced: Rosenbrock's valley shows)
constexpr int kContourSeries = 64;     // at most this many contour polylines are drawn
constexpr int kMaxSteps = 200;         // BFGS's budget on the map
constexpr double kEllipseShare = 0.09; // the true ellipse's longer semi-axis, as a share of the map's width
constexpr int kLbfgsDimension = 100;   // the extended Rosenbrock function's dimension
constexpr int kMaxMemory = 20;
constexpr int kTrainingEvaluations = 100;   // each method's budget on the digits
constexpr int kTrainingMemory = 10;

void addTo(QChart* chart, QXYSeries* s, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}

QString n3(double v) { return formatNumber(v, 3); }

QPointF qp(const Eigen::Vector2d& v) { return {v.x(), v.y()}; }

template <typename Vector>
QList<QPointF> polyline(const std::vector<Vector>& points)
{
    QList<QPointF> out;
    out.reserve(qsizetype(points.size()));
    for (const Vector& p : points) out.append(QPointF(p[0], p[1]));
    return out;
}

QString percent(double fraction) { return formatNumber(100.0 * fraction, 3) + QStringLiteral(" %"); }

// The digits the application ships (the spurious-minima lesson's resource, linked into the
// application), pixels scaled to [0, 1]; std::runtime_error saying why not.
Dataset loadDigits()
{
    Dataset data;
    QString error;
    if (!loadDataset(QStringLiteral(":/datasets/digits.csv"), &data, &error)) throw std::runtime_error(error.toStdString());
    if (data.inputs.rows() != 64 || data.classCount != 10)
        throw std::runtime_error("the digits data set has the wrong shape (64 pixels and 10 classes expected)");
    data.inputs /= 16.0;
    return data;
}

// `minima run full-batch` reads the digits from here.
[[maybe_unused]] const bool registered = [] {
    setFullBatchDataset(loadDigits);
    return true;
}();

} // namespace

// What the job hands back: the map's contours, the BFGS run with its curvature per step, and
// the memory sweep.
struct QuasiNewtonResult {
    std::string surface;
    Domain domain;
    Eigen::Vector2d start = Eigen::Vector2d::Zero();
    std::vector<QList<QPointF>> contours;
    BfgsPathResult path;
    QList<QPointF> path2d;
    QList<QPointF> errors;   // (step, relative error), finite and positive only
    int errorsLeftOut = 0;   // steps where the true Hessian is singular (no error to draw)
    std::string problem;     // the memory sweep's: chained-rosenbrock, extended-rosenbrock or surface
    double tolerance = 1e-6;
    LbfgsMemoryResult memory;
    std::shared_ptr<const FullBatchResult> training;   // the network's curves (kept from an earlier result)
    QString trainingFailure;   // why the network was not trained
    QString failure;         // a refused setting, in words (nothing else is then set)
};

QuasiNewtonLab::~QuasiNewtonLab() = default;

QuasiNewtonLab::QuasiNewtonLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      map_(new FigureChart),
      error_(new FigureChart),
      memory_(new FigureChart),
      training_(new FigureChart),
      mapX_(makeValueAxis()),
      mapY_(makeValueAxis()),
      errorX_(makeValueAxis()),
      errorY_(new QLogValueAxis),
      memoryX_(makeValueAxis()),
      memoryY_(makeValueAxis()),
      path_(new QLineSeries),
      estimateEllipse_(new QLineSeries),
      trueEllipse_(new QLineSeries),
      start_(new QScatterSeries),
      current_(new QScatterSeries),
      minimum_(new QScatterSeries),
      errors_(new QLineSeries),
      errorNow_(new QScatterSeries),
      iterations_(new QLineSeries),
      gradients_(new QLineSeries),
      bfgsIterations_(new QLineSeries),
      bfgsGradients_(new QLineSeries),
      unconverged_(new QScatterSeries),
      trainX_(makeValueAxis()),
      trainY_(new QLogValueAxis)
{
    setObjectName(QStringLiteral("quasiNewtonLab"));
    ControlStrip* c = controls();
    surface_ = c->addChoice(QStringLiteral("surface"), tr("S&urface:"),
                            {{tr("Rosenbrock"), QStringLiteral("rosenbrock")}, {tr("Beale"), QStringLiteral("beale")}});
    surface_->setAccessibleName(tr("The surface BFGS descends"));
    startX_ = c->addNumber(QStringLiteral("startX"), tr("&Start:"), -2, 2, -1.2, 2);
    startX_->setAccessibleName(tr("Start x"));
    startX_->setPrefix(QStringLiteral("x = "));
    startX_->setSingleStep(0.1);
    startY_ = c->addNumber(QStringLiteral("startY"), QString(), -1, 3, 1.0, 2);
    startY_->setAccessibleName(tr("Start y"));
    startY_->setPrefix(QStringLiteral("y = "));
    startY_->setSingleStep(0.1);
    step_ = c->addSlider(QStringLiteral("step"), tr("S&tep:"), 0, kMaxSteps, kMaxSteps,
                         [this](int v) { return tr("%1 of %2").arg(v).arg(step_ ? step_->maximum() : v); },
                         tr("Which step of the run the ellipses show"));
    step_->setAccessibleName(tr("The step of the BFGS run whose curvature is drawn"));
    c->setRecomputes(QStringLiteral("step"), false);
    c->newRow();
    problem_ = c->addChoice(QStringLiteral("memoryProblem"), tr("&Memory test on:"),
                            {{tr("chained Rosenbrock, n = %1").arg(kLbfgsDimension), QStringLiteral("chained-rosenbrock")},
                             {tr("extended Rosenbrock (uncoupled pairs), n = %1").arg(kLbfgsDimension),
                              QStringLiteral("extended-rosenbrock")},
                             {tr("this surface, from the start"), QStringLiteral("surface")}});
    problem_->setAccessibleName(tr("The problem L-BFGS's memory is tested on"));
    tolerance_ = c->addChoice(QStringLiteral("tolerance"), tr("&Tolerance:"),
                              {{QStringLiteral("|∇f| < 10⁻⁴"), 1e-4}, {QStringLiteral("|∇f| < 10⁻⁶"), 1e-6},
                               {QStringLiteral("|∇f| < 10⁻⁸"), 1e-8}},
                              1);
    tolerance_->setAccessibleName(tr("The gradient norm at which a run has converged"));
    connect(surface_, &QComboBox::currentIndexChanged, this, [this] { surfaceChosen(); });
    connect(step_, &QSlider::valueChanged, this, [this] {
        followLast_ = step_->value() == step_->maximum();
        showStep();
    });

    // The map: contours, the path, the two ellipses at the chosen step.
    QChart* mc = map_->chart();
    map_->setObjectName(QStringLiteral("mapChart"));
    map_->setAccessibleName(tr("The surface's contours with BFGS's path and the two curvature ellipses"));
    mc->setTitle(tr("BFGS's path and curvature at step k (click to start)"));
    mapX_->setTitleText(tr("x"));
    mapY_->setTitleText(tr("y"));
    mc->addAxis(mapX_, Qt::AlignBottom);
    mc->addAxis(mapY_, Qt::AlignLeft);
    QColor faint = hueColor(Hue::Ink);
    faint.setAlphaF(0.35);
    for (int k = 0; k < kContourSeries; ++k) {
        auto* s = new QLineSeries;
        s->setObjectName(QStringLiteral("contour%1").arg(k));
        s->setPen(QPen(faint, 1));
        addTo(mc, s, mapX_, mapY_);
        contours_.append(s);
    }
    path_->setObjectName(QStringLiteral("path"));
    path_->setName(tr("BFGS path"));
    path_->setPen(QPen(hueColor(Hue::ReddishPurple), 2));
    path_->setPointsVisible(true);
    trueEllipse_->setObjectName(QStringLiteral("trueEllipse"));
    trueEllipse_->setName(tr("dᵀ∇²f d = c (true Hessian)"));
    trueEllipse_->setPen(QPen(hueColor(Hue::Blue), 3, Qt::DashLine));
    estimateEllipse_->setObjectName(QStringLiteral("estimateEllipse"));
    estimateEllipse_->setName(tr("dᵀHₖ⁻¹d = c (BFGS's model)"));
    estimateEllipse_->setPen(QPen(hueColor(Hue::Vermillion), 2.5));
    start_->setObjectName(QStringLiteral("start"));
    start_->setName(tr("start"));
    start_->setColor(hueColor(Hue::Orange));
    start_->setBorderColor(hueColor(Hue::Ink));
    start_->setMarkerSize(12);
    current_->setObjectName(QStringLiteral("current"));
    current_->setName(tr("step k"));
    current_->setColor(hueColor(Hue::Yellow));
    current_->setBorderColor(hueColor(Hue::Ink));
    current_->setMarkerSize(13);
    minimum_->setObjectName(QStringLiteral("minimum"));
    minimum_->setName(tr("minimum"));
    minimum_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    minimum_->setColor(hueColor(Hue::BluishGreen));
    minimum_->setBorderColor(hueColor(Hue::Ink));
    minimum_->setMarkerSize(11);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{path_, trueEllipse_, estimateEllipse_, start_, current_, minimum_})
        addTo(mc, s, mapX_, mapY_);
    equal_ = new EqualUnits(mc, mapX_, mapY_, this);
    equal_->setBox(QRectF(QPointF(-2, -1), QPointF(2, 3)));

    // The estimate's error per step, on a log scale.
    QChart* ec = error_->chart();
    error_->setObjectName(QStringLiteral("errorChart"));
    error_->setAccessibleName(tr("The relative error of BFGS's inverse-Hessian estimate per step"));
    ec->setTitle(tr("How far Hₖ is from (∇²f)⁻¹"));
    errorX_->setTitleText(tr("step k"));
    errorY_->setTitleText(tr("relative error"));
    ec->addAxis(errorX_, Qt::AlignBottom);
    ec->addAxis(errorY_, Qt::AlignLeft);
    errors_->setObjectName(QStringLiteral("relativeError"));
    errors_->setName(tr("relative Frobenius error"));
    errors_->setPen(QPen(hueColor(Hue::Vermillion), 2.5));
    errors_->setPointsVisible(true);
    errorNow_->setObjectName(QStringLiteral("errorNow"));
    errorNow_->setName(tr("step k"));
    errorNow_->setColor(hueColor(Hue::Yellow));
    errorNow_->setBorderColor(hueColor(Hue::Ink));
    errorNow_->setMarkerSize(13);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{errors_, errorNow_}) addTo(ec, s, errorX_, errorY_);
    setNiceRange(errorX_, 0, 40);
    setLogRange(errorY_, 1e-3, 1);

    // L-BFGS against its memory.
    QChart* lc = memory_->chart();
    memory_->setObjectName(QStringLiteral("memoryChart"));
    memory_->setAccessibleName(tr("L-BFGS's iterations and gradient evaluations against its memory"));
    lc->setTitle(tr("L-BFGS against memory m"));
    memoryX_->setTitleText(tr("memory m"));
    memoryY_->setTitleText(tr("count"));
    lc->addAxis(memoryX_, Qt::AlignBottom);
    lc->addAxis(memoryY_, Qt::AlignLeft);
    iterations_->setObjectName(QStringLiteral("iterations"));
    iterations_->setName(tr("L-BFGS iterations"));
    iterations_->setPen(QPen(hueColor(Hue::Blue), 2.5));
    iterations_->setPointsVisible(true);
    gradients_->setObjectName(QStringLiteral("gradientEvaluations"));
    gradients_->setName(tr("L-BFGS gradient evaluations"));
    gradients_->setPen(QPen(hueColor(Hue::Orange), 2.5));
    gradients_->setPointsVisible(true);
    bfgsIterations_->setObjectName(QStringLiteral("bfgsIterations"));
    bfgsIterations_->setName(tr("BFGS iterations"));
    bfgsIterations_->setPen(QPen(hueColor(Hue::Blue), 1.5, Qt::DashLine));
    bfgsGradients_->setObjectName(QStringLiteral("bfgsGradientEvaluations"));
    bfgsGradients_->setName(tr("BFGS gradient evaluations"));
    bfgsGradients_->setPen(QPen(hueColor(Hue::Orange), 1.5, Qt::DashLine));
    unconverged_->setObjectName(QStringLiteral("unconverged"));
    unconverged_->setName(tr("stopped short of the tolerance"));
    unconverged_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    unconverged_->setColor(hueColor(Hue::Vermillion));
    unconverged_->setBorderColor(hueColor(Hue::Ink));
    unconverged_->setMarkerSize(11);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{iterations_, gradients_, bfgsIterations_, bfgsGradients_, unconverged_})
        addTo(lc, s, memoryX_, memoryY_);
    setNiceRange(memoryX_, 1, kMaxMemory);
    setNiceRange(memoryY_, 0, 100);

    // The network on the digits: loss against gradient evaluations, one curve per method.
    QChart* tc = training_->chart();
    training_->setObjectName(QStringLiteral("trainingChart"));
    training_->setAccessibleName(tr("The training loss of a 64-16-10 network on the digits against gradient evaluations"));
    tc->setTitle(tr("A 64-16-10 network on the digits, full batch"));
    trainX_->setTitleText(tr("gradient evaluations"));
    trainY_->setTitleText(tr("training loss"));
    tc->addAxis(trainX_, Qt::AlignBottom);
    tc->addAxis(trainY_, Qt::AlignLeft);
    const QList<std::pair<QString, QString>> methods{{QStringLiteral("trainGd"), tr("gradient descent (0.5)")},
                                                     {QStringLiteral("trainAdam"), tr("Adam (0.01)")},
                                                     {QStringLiteral("trainBfgs"), tr("BFGS")},
                                                     {QStringLiteral("trainLbfgs"), tr("L-BFGS (m = %1)").arg(kTrainingMemory)}};
    const Hue hues[] = {Hue::Ink, Hue::SkyBlue, Hue::ReddishPurple, Hue::BluishGreen};
    for (int i = 0; i < 4; ++i) {
        auto* s = new QLineSeries;
        s->setObjectName(methods[i].first);
        s->setName(methods[i].second);
        s->setPen(QPen(hueColor(hues[i]), 2.5, i == 0 ? Qt::DashLine : Qt::SolidLine));
        addTo(tc, s, trainX_, trainY_);
        trainCurves_.append(s);
    }
    setNiceRange(trainX_, 0, kTrainingEvaluations);
    setLogRange(trainY_, 1e-3, 3);

    // The map on the left, the error and the memory charts on the right, the network under them.
    auto* charts = new QWidget;
    charts->setObjectName(QStringLiteral("quasiNewtonCharts"));
    auto* grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    for (FigureChart* v : {map_, error_, memory_, training_}) v->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
    training_->setMinimumEms(12, 10);
    map_->setMinimumEms(9, 9);
    error_->setMinimumEms(10, 9);
    memory_->setMinimumEms(10, 10);
    addFigureWidget(charts);
    grid->addWidget(withKey(map_), 0, 0, 2, 1);
    grid->addWidget(withKey(error_), 0, 1);
    grid->addWidget(withKey(memory_), 1, 1);
    grid->addWidget(withKey(training_), 2, 0, 1, 2);
    grid->setColumnStretch(0, 5);
    grid->setColumnStretch(1, 4);
    grid->setRowStretch(0, 4);   // the memory chart's key is the longer one
    grid->setRowStretch(1, 5);
    grid->setRowStretch(2, 4);
    for (FigureChart* v : {map_, error_, memory_, training_}) v->restyle();

    map_->viewport()->installEventFilter(this);
    auto* drag = new ChartDrag(map_, [this] { return QList<QPointF>{QPointF(startX_->value(), startY_->value())}; }, this);
    connect(drag, &ChartDrag::dragged, this, [this](int, QPointF p) {
        startX_->setValue(std::clamp(p.x(), startX_->minimum(), startX_->maximum()));
        startY_->setValue(std::clamp(p.y(), startY_->minimum(), startY_->maximum()));
    });
    recompute();
}

QPoint QuasiNewtonLab::mapPosition(const QPointF& value) const
{
    return map_->mapFromScene(map_->chart()->mapToScene(map_->chart()->mapToPosition(value, path_)));
}

bool QuasiNewtonLab::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == map_->viewport() && event->type() == QEvent::MouseButtonPress) {
        auto* e = static_cast<QMouseEvent*>(event);
        const QPointF scene = map_->mapToScene(e->position().toPoint());
        if (e->button() == Qt::LeftButton && map_->chart()->plotArea().contains(map_->chart()->mapFromScene(scene))) {
            const QPointF p = map_->chart()->mapToValue(map_->chart()->mapFromScene(scene), path_);
            startX_->setValue(std::clamp(p.x(), startX_->minimum(), startX_->maximum()));
            startY_->setValue(std::clamp(p.y(), startY_->minimum(), startY_->maximum()));
            replaceIfChanged(start_, {QPointF(startX_->value(), startY_->value())});   // at once; the run follows
            return true;
        }
    }
    return Lab::eventFilter(watched, event);
}

// A new surface: the start boxes take its domain, and the start its usual one.
void QuasiNewtonLab::surfaceChosen()
{
    const auto surface = quasiNewtonSurface(surface_->currentData().toString().toStdString());
    const Domain d = surface->domain();
    const Point2 s = surface->defaultStart();
    startX_->setRange(d.xMin, d.xMax);
    startY_->setRange(d.yMin, d.yMax);
    startX_->setValue(s.x());
    startY_->setValue(s.y());
    equal_->setBox(QRectF(QPointF(d.xMin, d.yMin), QPointF(d.xMax, d.yMax)));
}

void QuasiNewtonLab::run()
{
    const std::string surface = surface_->currentData().toString().toStdString();
    const Eigen::Vector2d start(startX_->value(), startY_->value());
    const std::string problem = problem_->currentData().toString().toStdString();
    const double tolerance = tolerance_->currentData().toDouble();
    const std::shared_ptr<const FullBatchResult> trained = trained_;
    runJob<std::shared_ptr<const QuasiNewtonResult>>(
        tr("Running BFGS and L-BFGS…"),
        [surface, start, problem, tolerance, trained](Progress& progress) {
            auto out = std::make_shared<QuasiNewtonResult>();
            out->surface = surface;
            out->start = start;
            out->problem = problem;
            out->tolerance = tolerance;
            try {
                const auto s = quasiNewtonSurface(surface);
                out->domain = s->domain();
                // The contours, thinned to what a pixel shows.
                const Grid2D grid = evaluateGrid(*s, out->domain, kGridCells, kGridCells);
                const double tol = 0.002 * (out->domain.xMax - out->domain.xMin);
                for (const ContourLevel& level : contourLines(grid, contourLevels(grid, kLevels)))
                    for (const Polyline& line : level.lines) {
                        if (int(out->contours.size()) >= kContourSeries) break;
                        // A loop smaller than two grid cells is the grid's sampling of a contour's tip, not a feature.
                        double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
                        for (const Point2& p : line.points) {
                            x0 = std::min(x0, p.x());
                            x1 = std::max(x1, p.x());
                            y0 = std::min(y0, p.y());
                            y1 = std::max(y1, p.y());
                        }
                        if (std::max(x1 - x0, y1 - y0) < 2.0 * (out->domain.xMax - out->domain.xMin) / (kGridCells - 1)) continue;
                        QList<QPointF> pts;
                        for (const Point2& p : thinnedPolyline(line, tol).points) pts.append(qp(p));
                        if (pts.size() > 1) out->contours.push_back(pts);
                    }
                BfgsPathParams p;
                p.surface = surface;
                p.x = start.x();
                p.y = start.y();
                p.maxSteps = kMaxSteps;
                p.tolerance = tolerance;
                const double width = out->domain.xMax - out->domain.xMin;
                out->path = runBfgsPath(p, kEllipseShare * width, progress);
                out->path2d = polyline(out->path.run.run.points);
                for (std::size_t k = 0; k < out->path.steps.size(); ++k) {
                    const double e = out->path.steps[k].relativeError;
                    if (std::isfinite(e) && e > 0) out->errors.append({double(k), e});
                    else ++out->errorsLeftOut;
                }
                if (progress.cancelled()) return std::shared_ptr<const QuasiNewtonResult>(out);
                LbfgsMemoryParams m;
                m.problem = problem == "surface" ? surface : problem;
                m.n = kLbfgsDimension;
                m.x = start.x();
                m.y = start.y();
                m.minMemory = 1;
                m.maxMemory = kMaxMemory;
                m.tolerance = tolerance;
                m.maxSteps = 20000;
                out->memory = runLbfgsMemory(m, progress);
                // The network: trained once (it depends on no control), then handed on.
                out->training = trained;
                if (!out->training && !progress.cancelled()) {
                    try {
                        FullBatchParams f;
                        f.evaluations = kTrainingEvaluations;
                        f.memory = kTrainingMemory;
                        out->training = std::make_shared<const FullBatchResult>(runFullBatch(f, loadDigits(), progress));
                    } catch (const std::exception& e) {
                        out->trainingFailure = QString::fromStdString(e.what());
                    }
                }
            } catch (const std::exception& e) {
                out->failure = QString::fromStdString(e.what());
            }
            return std::shared_ptr<const QuasiNewtonResult>(out);
        },
        [this](const std::shared_ptr<const QuasiNewtonResult>& r) {
            result_ = r;
            if (r->training) trained_ = r->training;
            showMap(*r);
            showNext([this, r] { showCharts(*r); });
        });
}

void QuasiNewtonLab::showMap(const QuasiNewtonResult& r)
{
    for (qsizetype i = 0; i < contours_.size(); ++i)
        replaceIfChanged(contours_[i], i < qsizetype(r.contours.size()) ? r.contours[std::size_t(i)] : QList<QPointF>{});
    replaceIfChanged(path_, r.path2d);
    replaceIfChanged(start_, {qp(r.start)});
    replaceIfChanged(minimum_, r.failure.isEmpty() ? QList<QPointF>{qp(r.path.minimum)} : QList<QPointF>{});
    // The slider spans the run's points; at its end it follows a new run's end.
    const int last = std::max(0, int(r.path.steps.size()) - 1);
    const bool follow = followLast_;
    {
        const QSignalBlocker block(step_);
        step_->setMaximum(last);
        if (follow) step_->setValue(last);
    }
    followLast_ = step_->value() == step_->maximum();
    controls()->refreshSliderText(QStringLiteral("step"));
    map_->restyle();
}

void QuasiNewtonLab::showCharts(const QuasiNewtonResult& r)
{
    // The error per step.
    replaceIfChanged(errors_, r.errors);
    double lo = INFINITY, hi = 0;
    for (const QPointF& p : r.errors) {
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
    }
    if (!(hi > 0)) {
        lo = 1e-3;
        hi = 1;
    } else if (!(lo < hi)) {
        lo = hi / 10;
    }
    setNiceRange(errorX_, 0, std::max(1, int(r.path.steps.size()) - 1));
    setLogRange(errorY_, lo, hi);

    // The memory sweep: a run that stopped short is marked on both curves.
    QList<QPointF> its, grads, stopped;
    double top = 1;
    for (const LbfgsMemoryPoint& q : r.memory.points) {
        its.append({double(q.memory), double(q.iterations)});
        grads.append({double(q.memory), double(q.gradientEvaluations)});
        if (!q.converged) stopped.append({{double(q.memory), double(q.iterations)}, {double(q.memory), double(q.gradientEvaluations)}});
        top = std::max(top, double(q.gradientEvaluations));
    }
    replaceIfChanged(iterations_, its);
    replaceIfChanged(gradients_, grads);
    replaceIfChanged(unconverged_, stopped);
    if (!r.memory.points.empty()) {
        const double b = r.memory.bfgs.iterations, bg = r.memory.bfgs.gradientEvaluations;
        replaceIfChanged(bfgsIterations_, {QPointF(0, b), QPointF(kMaxMemory + 1, b)});
        replaceIfChanged(bfgsGradients_, {QPointF(0, bg), QPointF(kMaxMemory + 1, bg)});
        top = std::max(top, bg);
    } else {
        replaceIfChanged(bfgsIterations_, {});
        replaceIfChanged(bfgsGradients_, {});
    }
    setNiceRange(memoryX_, 1, kMaxMemory);
    setNiceRange(memoryY_, 0, top * 1.05);

    // The network's curves: a loss of 0 or one not finite cannot be drawn on the log scale.
    double tlo = INFINITY, thi = 0;
    for (int i = 0; i < trainCurves_.size(); ++i) {
        QList<QPointF> pts;
        if (r.training && i < int(r.training->curves.size())) {
            const FullBatchCurve& c = r.training->curves[std::size_t(i)];
            for (std::size_t k = 0; k < c.losses.size(); ++k)
                if (std::isfinite(c.losses[k]) && c.losses[k] > 0) {
                    pts.append({double(c.evaluations[k]), c.losses[k]});
                    tlo = std::min(tlo, c.losses[k]);
                    thi = std::max(thi, c.losses[k]);
                }
        }
        replaceIfChanged(trainCurves_[i], pts);
    }
    if (!(thi > 0)) {
        tlo = 1e-3;
        thi = 3;
    } else if (!(tlo < thi)) {
        tlo = thi / 10;
    }
    setNiceRange(trainX_, 0, kTrainingEvaluations);
    setLogRange(trainY_, tlo, thi);
    for (FigureChart* v : {error_, memory_, training_}) v->restyle();
    showStep();
}

// The chosen step: the two ellipses, the markers and the readout.
void QuasiNewtonLab::showStep()
{
    if (!result_) return;
    const QuasiNewtonResult& r = *result_;
    if (!r.failure.isEmpty()) {
        for (QXYSeries* s : std::initializer_list<QXYSeries*>{estimateEllipse_, trueEllipse_, current_, errorNow_}) replaceIfChanged(s, {});
        setReadout(tr("Nothing was run: %1.").arg(r.failure), true);
        return;
    }
    const int count = int(r.path.steps.size());
    const int k = std::clamp(step_->value(), 0, std::max(0, count - 1));
    if (count == 0) return;
    const BfgsStepCurvature& s = r.path.steps[std::size_t(k)];
    const SecondOrderRun& run = r.path.run;
    const Eigen::Vector2d x = run.run.points[std::size_t(k)];
    replaceIfChanged(estimateEllipse_, polyline(s.estimateEllipse));
    replaceIfChanged(trueEllipse_, polyline(s.trueEllipse));
    replaceIfChanged(current_, {qp(x)});
    replaceIfChanged(errorNow_, std::isfinite(s.relativeError) && s.relativeError > 0
                                    ? QList<QPointF>{QPointF(k, s.relativeError)} : QList<QPointF>{});

    const QString name = r.surface == "beale" ? tr("Beale") : tr("Rosenbrock");
    QString text;
    const int steps = run.run.steps;
    if (run.run.status == RunStatus::Converged)
        text = tr("BFGS on %1 from (%2, %3) reached |∇f| < %4 in %5 steps (%6 gradient evaluations).")
                   .arg(name, n3(r.start.x()), n3(r.start.y()), formatNumber(r.tolerance, 1))
                   .arg(steps)
                   .arg(run.gradientEvaluations);
    else
        text = tr("BFGS on %1 from (%2, %3) ended after %4 steps: %5.")
                   .arg(name, n3(r.start.x()), n3(r.start.y()))
                   .arg(steps)
                   .arg(QString::fromStdString(run.stopReason));
    text += QLatin1Char(' ');
    const QString at = tr("At step %1, (%2, %3), f = %4:").arg(k).arg(n3(x.x()), n3(x.y()), n3(run.run.losses[std::size_t(k)]));
    if (std::isfinite(s.relativeError))
        text += tr("%1 the estimate Hₖ is %2 off the true inverse Hessian (relative Frobenius error; %3 at the start, "
                   "%4 at the last step).")
                    .arg(at, percent(s.relativeError), percent(r.path.steps.front().relativeError),
                         std::isfinite(r.path.steps.back().relativeError) ? percent(r.path.steps.back().relativeError)
                                                                          : tr("undefined"));
    else
        text += tr("%1 the true Hessian is singular, so its inverse and the error are undefined.").arg(at);
    if (!s.truePositiveDefinite) text += QLatin1Char(' ') + tr("The true Hessian is not positive definite here: it has no ellipse, "
                                                               "while BFGS's estimate always is.");
    if (r.errorsLeftOut > 0)
        text += QLatin1Char(' ') + tr("%n step(s) with a singular Hessian are left out of the error chart.", nullptr, r.errorsLeftOut);

    // The memory sweep.
    const LbfgsMemoryResult& m = r.memory;
    if (!m.points.empty()) {
        const LbfgsMemoryPoint& first = m.points.front();
        const LbfgsMemoryPoint& last = m.points.back();
        const QString where = r.problem == "chained-rosenbrock"
                                  ? tr("the chained Rosenbrock function in %1 dimensions").arg(m.dimension)
                                  : r.problem == "extended-rosenbrock"
                                        ? tr("the extended Rosenbrock function (uncoupled pairs) in %1 dimensions").arg(m.dimension)
                                        : tr("%1 from the start").arg(name);
        int stopped = 0;
        for (const LbfgsMemoryPoint& q : m.points) stopped += q.converged ? 0 : 1;
        text += QLatin1Char(' ')
                + tr("L-BFGS on %1: m = %2 takes %3 iterations (%4 gradient evaluations), m = %5 takes %6 (%7); "
                     "full BFGS takes %8 (%9).")
                      .arg(where)
                      .arg(first.memory)
                      .arg(first.iterations)
                      .arg(first.gradientEvaluations)
                      .arg(last.memory)
                      .arg(last.iterations)
                      .arg(last.gradientEvaluations)
                      .arg(m.bfgs.iterations)
                      .arg(m.bfgs.gradientEvaluations);
        if (stopped > 0)
            text += QLatin1Char(' ') + tr("%n run(s) stopped short of the tolerance (marked).", nullptr, stopped);
        if (!m.bfgs.converged) text += QLatin1Char(' ') + tr("Full BFGS stopped short of the tolerance.");
    }
    if (r.training && r.training->curves.size() == 4) {
        const auto& c = r.training->curves;
        text += QLatin1Char(' ')
                + tr("The %1-parameter network on the %2 digits, given %3 gradient evaluations each, ends at a training loss of "
                     "%4 with gradient descent, %5 with Adam, %6 with BFGS and %7 with L-BFGS.")
                      .arg(r.training->parameters)
                      .arg(r.training->samples)
                      .arg(kTrainingEvaluations)
                      .arg(n3(c[0].finalLoss), n3(c[1].finalLoss), n3(c[2].finalLoss), n3(c[3].finalLoss));
    } else if (!r.trainingFailure.isEmpty()) {
        text += QLatin1Char(' ') + tr("The network was not trained: %1.").arg(r.trainingFailure);
    }
    setReadout(text, run.run.status == RunStatus::Diverged);
}

} // namespace minima
