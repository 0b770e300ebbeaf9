#include "lessons/second-order/newtonlab.h"

#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "engine/experiments/newtonstep.h"
#include "engine/landscape/contourmap.h"
#include "lessons/common/charts/contourmapchart.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/wrappedlabel.h"

namespace minima {

namespace {

constexpr int kCells = 120;          // the heat map's grid
constexpr int kContours = 14;
constexpr int kBranchParts = 4;      // series per model contour: a hyperbola's two branches, each cut by the box at most twice
constexpr double kNormFloor = 1e-16; // a gradient norm of 0 is drawn here on the log axis
constexpr double kLaptopBytes = 16e9;   // the memory line: 16 GB

QList<QPointF> toPoints(const std::vector<Point2>& pts)
{
    QList<QPointF> out;
    out.reserve(qsizetype(pts.size()));
    for (const Point2& p : pts) out.append(QPointF(p.x(), p.y()));
    return out;
}

QString n3(double v) { return formatNumber(v, 3); }

// 46464800 -> "46,464,800", whatever the system's locale (the lab's text is English).
QString grouped(unsigned long long v)
{
    QString digits = QString::number(v);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3) digits.insert(i, QLatin1Char(','));
    return digits;
}

// The path up to where it first leaves `box` (the map grown by its own size on every side),
// the last segment cut at the box's edge; `left` tells whether it was cut.
std::vector<Point2> pathInside(const std::vector<Eigen::VectorXd>& points, const Domain& box, bool* left)
{
    std::vector<Point2> out;
    *left = false;
    for (const Eigen::VectorXd& q : points) {
        const Point2 p(q(0), q(1));
        if (box.contains(p)) {
            out.push_back(p);
            continue;
        }
        if (!out.empty()) {
            // Liang-Barsky: the largest t in [0, 1] with a + t (p - a) still in the box.
            const Point2 a = out.back(), d = p - a;
            double t = 1;
            auto limit = [&t](double from, double delta, double lo, double hi) {
                if (delta > 0) t = std::min(t, (hi - from) / delta);
                if (delta < 0) t = std::min(t, (lo - from) / delta);
            };
            limit(a.x(), d.x(), box.xMin, box.xMax);
            limit(a.y(), d.y(), box.yMin, box.yMax);
            if (std::isfinite(t) && t > 0) out.push_back(a + std::max(0.0, t) * d);
        }
        *left = true;
        break;
    }
    return out;
}

QString pointKindText(PointKind kind)
{
    switch (kind) {
    case PointKind::Minimum: return NewtonLab::tr("a minimum");
    case PointKind::Maximum: return NewtonLab::tr("a maximum");
    case PointKind::Saddle: return NewtonLab::tr("a saddle point");
    case PointKind::Degenerate: break;
    }
    return NewtonLab::tr("a degenerate critical point");
}

QString stepsText(int steps) { return steps == 1 ? NewtonLab::tr("1 step") : NewtonLab::tr("%1 steps").arg(steps); }

// A value that is rounding next to the scale of the surface here, shown as 0.
QString valueText(double v, double scale) { return n3(std::abs(v) < 1e-12 * std::max(1.0, std::abs(scale)) ? 0.0 : v); }

void addTo(QChart* chart, QAbstractSeries* s, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}

} // namespace

// What the job hands back.
struct NewtonView {
    QString key;
    NewtonStepResult result;
    std::vector<std::vector<Point2>> model, inner;
    std::vector<Point2> path;
    bool pathLeftMap = false;
    QImage picture;
    double low = 0, high = 0;
    QString error;
};

NewtonLab::NewtonLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      map_(new ContourMapChart),
      norm_(new FigureChart),
      cost_(new FigureChart),
      normX_(makeValueAxis()),
      normY_(new QLogValueAxis),
      costX_(new QLogValueAxis),
      costY_(new QLogValueAxis),
      arrow_(new QLineSeries),
      casing_(new QLineSeries),
      path_(new QLineSeries),
      point_(new QScatterSeries),
      newtonPoint_(new QScatterSeries),
      minima_(new QScatterSeries),
      saddles_(new QScatterSeries),
      maxima_(new QScatterSeries),
      norms_(new QLineSeries),
      bytesLine_(new QLineSeries),
      gradientLine_(new QLineSeries),
      memoryLine_(new QLineSeries)
{
    setObjectName(QStringLiteral("newtonLab"));
    ControlStrip* c = controls();
    surface_ = c->addChoice(QStringLiteral("surface"), tr("&Surface:"),
                            {{tr("Bowl"), QStringLiteral("bowl")},
                             {tr("Rosenbrock"), QStringLiteral("rosenbrock")},
                             {tr("Himmelblau"), QStringLiteral("himmelblau")},
                             {tr("Double well"), QStringLiteral("double-well")}},
                            1, tr("The bowl ½xᵀHx has eigenvalues 1 and 10; Rosenbrock is (1 − x)² + 100(y − x²)²; "
                                  "the double well is x²/2 + y⁴/4 − y²/2"));
    surface_->setAccessibleName(tr("Surface"));
    step_ = c->addNumber(QStringLiteral("step"), tr("Step &α:"), 0.05, 1.0, 1.0, 2, {},
                         tr("x ← x − α·H⁻¹∇f: α = 1 is Newton's method, below 1 damped Newton"));
    step_->setAccessibleName(tr("Step fraction alpha; 1 is Newton's method"));
    step_->setSingleStep(0.05);
    steps_ = c->addInteger(QStringLiteral("steps"), tr("S&teps:"), 1, 100, 20, {}, tr("The most Newton steps the run takes"));
    steps_->setAccessibleName(tr("Most Newton steps"));
    c->newRow();
    pointX_ = c->addNumber(QStringLiteral("pointX"), tr("&Point:"), -2, 2, -1.2, 3, {},
                           tr("Where the model is drawn and the run starts; or click the map"));
    pointX_->setAccessibleName(tr("Point x"));
    pointX_->setPrefix(QStringLiteral("x = "));
    pointX_->setSingleStep(0.05);
    pointY_ = c->addNumber(QStringLiteral("pointY"), QString(), -1, 3, 1.0, 3);
    pointY_->setAccessibleName(tr("Point y"));
    pointY_->setPrefix(QStringLiteral("y = "));
    pointY_->setSingleStep(0.05);

    // The map: heat map and contours, the model's contours, the step, the run, the points.
    map_->setObjectName(QStringLiteral("newtonMap"));
    map_->setAccessibleName(tr("The surface with the quadratic model at the point and Newton's steps: click to move the point"));
    map_->colourBar()->setLabel(tr("f (log)"));   // log10(1 + f - f_min): the text says so
    casing_->setObjectName(QStringLiteral("pathCasing"));
    casing_->setPen(QPen(QColor(0x10, 0x10, 0x10), 5.5));
    map_->addXY(casing_);   // first: the map maps clicks through it
    for (int i = 0; i < kBranchParts; ++i) {
        auto* s = new QLineSeries;
        s->setObjectName(QStringLiteral("model%1").arg(i));
        s->setPen(QPen(hueColor(Hue::Orange), 3));
        if (i == 0) s->setName(tr("the model, through the point"));
        map_->addXY(s);
        model_.append(s);
    }
    for (int i = 0; i < kBranchParts; ++i) {
        auto* s = new QLineSeries;
        s->setObjectName(QStringLiteral("inner%1").arg(i));
        s->setPen(QPen(hueColor(Hue::Orange), 1.8, Qt::DashLine));
        if (i == 0) s->setName(tr("… a quarter of the way in"));
        map_->addXY(s);
        inner_.append(s);
    }
    path_->setObjectName(QStringLiteral("newtonPath"));
    path_->setName(tr("Newton's run"));
    path_->setPen(QPen(hueColor(Hue::SkyBlue), 3));
    path_->setPointsVisible(true);
    path_->setMarkerSize(6);
    map_->addXY(path_);
    arrow_->setObjectName(QStringLiteral("newtonStep"));
    arrow_->setName(tr("step −H⁻¹∇f"));
    arrow_->setPen(QPen(hueColor(Hue::Vermillion), 2.5, Qt::DashLine));
    map_->addXY(arrow_);
    auto marker = [this](QScatterSeries* s, const QString& id, QScatterSeries::MarkerShape shape, const QColor& fill, double size) {
        s->setObjectName(id);
        s->setMarkerShape(shape);
        s->setColor(fill);
        s->setBorderColor(QColor(0x10, 0x10, 0x10));
        s->setMarkerSize(size);
        map_->addXY(s);
    };
    marker(minima_, QStringLiteral("minima"), QScatterSeries::MarkerShapeRectangle, hueColor(Hue::BluishGreen), 11);
    minima_->setName(tr("minimum"));
    marker(saddles_, QStringLiteral("saddles"), QScatterSeries::MarkerShapeTriangle, Qt::white, 13);
    saddles_->setName(tr("saddle"));
    marker(maxima_, QStringLiteral("maxima"), QScatterSeries::MarkerShapeStar, hueColor(Hue::ReddishPurple), 16);
    maxima_->setName(tr("maximum"));
    marker(newtonPoint_, QStringLiteral("modelCritical"), QScatterSeries::MarkerShapeRotatedRectangle, hueColor(Hue::Vermillion), 13);
    newtonPoint_->setName(tr("the model's critical point"));
    marker(point_, QStringLiteral("point"), QScatterSeries::MarkerShapeCircle, hueColor(Hue::Yellow), 14);
    point_->setName(tr("the point (click the map)"));
    map_->restyle();

    // The gradient norm per Newton step, on a log axis.
    QChart* nc = norm_->chart();
    norm_->setObjectName(QStringLiteral("normChart"));
    norm_->setAccessibleName(tr("The gradient norm per Newton step, on a log scale"));
    nc->setTitle(tr("Gradient norm per step"));
    normX_->setTitleText(tr("step"));
    normY_->setTitleText(tr("|∇f| (log)"));
    nc->addAxis(normX_, Qt::AlignBottom);
    nc->addAxis(normY_, Qt::AlignLeft);
    norms_->setObjectName(QStringLiteral("gradientNorm"));
    norms_->setName(tr("Newton's run"));
    norms_->setPen(QPen(hueColor(Hue::SkyBlue), 2.5));
    norms_->setPointsVisible(true);
    addTo(nc, norms_, normX_, normY_);
    setNiceRange(normX_, 0, 20);
    setLogRange(normY_, 1e-12, 10);
    norm_->restyle();

    // What the Hessian costs: 8n² bytes against n on log axes, the networks marked.
    QChart* cc = cost_->chart();
    cost_->setObjectName(QStringLiteral("costChart"));
    cost_->setAccessibleName(tr("The Hessian's size in bytes against the number of parameters, on log scales"));
    cc->setTitle(tr("What the Hessian costs"));
    costX_->setTitleText(tr("parameters n"));
    costY_->setTitleText(tr("bytes"));
    cc->addAxis(costX_, Qt::AlignBottom);
    cc->addAxis(costY_, Qt::AlignLeft);
    bytesLine_->setObjectName(QStringLiteral("hessianBytes"));
    bytesLine_->setName(tr("Hessian, 8n² bytes"));
    bytesLine_->setPen(QPen(hueColor(Hue::Vermillion), 2.5));
    gradientLine_->setObjectName(QStringLiteral("gradientBytes"));
    gradientLine_->setName(tr("gradient, 8n bytes"));
    gradientLine_->setPen(QPen(hueColor(Hue::Blue), 2, Qt::DashLine));
    memoryLine_->setObjectName(QStringLiteral("memory"));
    memoryLine_->setName(tr("16 GB, a laptop's memory"));
    memoryLine_->setPen(QPen(hueColor(Hue::Ink), 1.5, Qt::DotLine));
    const std::vector<HessianCost> costs = lessonHessianCosts();
    const double nLo = 1, nHi = 1e9;
    QList<QPointF> hb, gb;
    for (int e = 0; e <= 9; ++e) {
        const double n = std::pow(10.0, e);
        hb.append(QPointF(n, 8 * n * n));
        gb.append(QPointF(n, 8 * n));
    }
    bytesLine_->replace(hb);
    gradientLine_->replace(gb);
    memoryLine_->replace({QPointF(nLo, kLaptopBytes), QPointF(nHi, kLaptopBytes)});
    for (QLineSeries* s : {bytesLine_, gradientLine_, memoryLine_}) addTo(cc, s, costX_, costY_);
    const Hue hues[] = {Hue::Yellow, Hue::Ink, Hue::BluishGreen, Hue::SkyBlue, Hue::Orange, Hue::ReddishPurple};
    for (std::size_t i = 0; i < costs.size(); ++i) {
        const HessianCost& h = costs[i];
        auto* s = new QScatterSeries;
        s->setObjectName(QStringLiteral("network%1").arg(i));
        s->setName(tr("n = %1: %2").arg(grouped(h.parameters), sizeText(h.bytes)));
        s->setColor(hueColor(hues[i % 6]));
        s->setBorderColor(QColor(0x10, 0x10, 0x10));
        s->setMarkerSize(12);
        s->append(double(h.parameters), double(h.bytes));
        addTo(cc, s, costX_, costY_);
        networks_.append(s);
    }
    // The exact sizes, under the figures (the key gives them rounded).
    const QStringList names{tr("the map's surface"), tr("the 64-16-10 digits network of lab 3"),
                            tr("the 64-32-10 digits network of lesson 6"),
                            tr("a 784-100-10 MNIST network"), tr("a network of 10⁶"), tr("a network of 10⁸")};
    QStringList exact;
    for (std::size_t i = 0; i < costs.size(); ++i)
        exact << tr("%1 (n = %2), %3")
                     .arg(i < std::size_t(names.size()) ? names[qsizetype(i)] : QString::fromStdString(costs[i].label),
                          grouped(costs[i].parameters), bytesText(costs[i].bytes));
    costNote_ = new WrappedLabel;
    costNote_->setObjectName(QStringLiteral("costNote"));
    costNote_->setTextFormat(Qt::PlainText);
    costNote_->setText(tr("The Hessian in double precision, 8n² bytes: %1. Solving with it takes about n³/3 multiply-adds, "
                          "%2 for n = 10⁶.")
                           .arg(exact.join(QStringLiteral("; ")), n3(hessianCost(1000000).solveOperations)));
    addNote(costNote_);
    setLogRange(costX_, nLo, nHi);
    setLogRange(costY_, 1, 1e19);
    cost_->restyle();

    // The map with its colour bar on the left, the two charts stacked on the right.
    auto* figures = new QWidget;
    figures->setObjectName(QStringLiteral("newtonCharts"));
    auto* grid = new QGridLayout(figures);
    grid->setContentsMargins(0, 0, 0, 0);
    auto* mapRow = new QWidget;
    auto* h = new QHBoxLayout(mapRow);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(withKey(map_), 1);
    map_->colourBar()->setParent(mapRow);
    h->addWidget(map_->colourBar());
    for (FigureChart* v : {static_cast<FigureChart*>(map_), norm_, cost_}) v->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
    map_->setMinimumEms(11, 12);
    norm_->setMinimumEms(11, 10);
    cost_->setMinimumEms(11, 10);
    grid->addWidget(mapRow, 0, 0, 2, 1);
    grid->addWidget(withKey(norm_), 0, 1);
    grid->addWidget(withKey(cost_), 1, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    addFigureWidget(figures);

    connect(surface_, &QComboBox::currentIndexChanged, this, &NewtonLab::surfaceChanged);
    connect(map_, &ContourMapChart::pointChosen, this, &NewtonLab::choosePoint);
    surfaceChanged();
    recompute();
}

NewtonLab::~NewtonLab() = default;

QString NewtonLab::sizeText(unsigned long long bytes)
{
    static const char* const units[] = {"kB", "MB", "GB", "TB", "PB", "EB"};
    if (bytes < 1000) return tr("%1 bytes").arg(bytes);
    double v = double(bytes);
    int u = -1;
    while (v >= 1000 && u < 5) {
        v /= 1000;
        ++u;
    }
    return tr("%1 %2").arg(formatNumber(v, 3), QLatin1String(units[u]));
}

QString NewtonLab::bytesText(unsigned long long bytes)
{
    const QString exact = tr("%1 bytes").arg(grouped(bytes));
    return bytes < 1000 ? exact : tr("%1 (%2)").arg(exact, sizeText(bytes));
}

QLabel* NewtonLab::costNote() const { return costNote_; }

QString NewtonLab::surfaceKey() const { return surface_->currentData().toString(); }

void NewtonLab::choosePoint(const QPointF& at)
{
    {
        const QSignalBlocker bx(pointX_), by(pointY_);
        pointX_->setValue(std::clamp(at.x(), pointX_->minimum(), pointX_->maximum()));
        pointY_->setValue(std::clamp(at.y(), pointY_->minimum(), pointY_->maximum()));
    }
    point_->replace(QList<QPointF>{QPointF(pointX_->value(), pointY_->value())});
    recompute();
}

void NewtonLab::surfaceChanged()
{
    const std::unique_ptr<Surface> s = newtonSurface(surfaceKey().toStdString());
    const Domain d = s->domain();
    map_->setDomain(d);
    map_->chart()->setTitle(surface_->currentText());
    {
        const QSignalBlocker bx(pointX_), by(pointY_);
        pointX_->setRange(d.xMin, d.xMax);
        pointY_->setRange(d.yMin, d.yMax);
        pointX_->setValue(s->defaultStart().x());
        pointY_->setValue(s->defaultStart().y());
    }
    QList<QPointF> mins, sads, maxs;
    for (const KnownPoint& k : s->knownPoints()) {
        const QPointF p(k.at.x(), k.at.y());
        (k.kind == PointKind::Minimum ? mins : k.kind == PointKind::Maximum ? maxs : sads).append(p);
    }
    minima_->replace(mins);
    saddles_->replace(sads);
    maxima_->replace(maxs);
    for (QLineSeries* l : model_ + inner_) l->clear();
    for (QLineSeries* l : {path_, casing_, arrow_}) l->clear();
    newtonPoint_->clear();
    point_->replace(QList<QPointF>{QPointF(pointX_->value(), pointY_->value())});
    map_->restyle();
}

void NewtonLab::run()
{
    NewtonStepParams p;
    p.surface = surfaceKey().toStdString();
    p.x = pointX_->value();
    p.y = pointY_->value();
    p.step = step_->value();
    p.steps = steps_->value();
    const QString key = surfaceKey();
    const bool needPicture = key != pictureKey_;
    runJob<NewtonView>(
        tr("Taking Newton's steps…"),
        [p, key, needPicture](Progress& progress) {
            NewtonView v;
            v.key = key;
            try {
                v.result = runNewtonStep(p, progress);
                const std::unique_ptr<Surface> surface = newtonSurface(p.surface);
                const Domain d = surface->domain();
                const QuadraticModel& m = v.result.model;
                if (m.shape != ModelShape::Singular) {
                    // Through the point: (x - x_N)^T H (x - x_N) = d^T H d with d = -step.
                    const double k = m.newtonStep.dot(m.hessian * m.newtonStep);
                    v.model = modelContour(m, k, d);
                    v.inner = modelContour(m, k / 16, d);   // a quarter of the way in, along every ray
                }
                const double w = d.xMax - d.xMin, h = d.yMax - d.yMin;
                v.path = pathInside(v.result.run.run.points, Domain{d.xMin - w, d.xMax + w, d.yMin - h, d.yMax + h}, &v.pathLeftMap);
                if (needPicture && !progress.cancelled()) {
                    double fmin = INFINITY;
                    for (const KnownPoint& k : surface->minima()) fmin = std::min(fmin, k.value);
                    if (!std::isfinite(fmin)) fmin = 0;
                    const Surface* s = surface.get();
                    ContourMap cm;
                    cm.grid = evaluateGrid([s, fmin](const Point2& q) { return std::log10(1 + std::max(0.0, s->value(q) - fmin)); },
                                           d, kCells, kCells, progress);
                    const ValueRange range = finiteRange(cm.grid.values);
                    cm.low = range.low;
                    cm.high = range.high;
                    cm.contours = contourLines(cm.grid, contourLevels(cm.grid, kContours));
                    v.picture = contourImage(cm);
                    v.low = cm.low;
                    v.high = cm.high;
                }
            } catch (const std::exception& e) {
                v.error = QString::fromUtf8(e.what());
            }
            return v;
        },
        [this](const NewtonView& v) {
            if (v.key != surfaceKey()) return;
            showMap(v);
            showNext([this, v] { showCharts(v); });
        });
}

void NewtonLab::showMap(const NewtonView& v)
{
    if (!v.picture.isNull()) {
        map_->setImage(v.picture, v.low, v.high);
        pictureKey_ = v.key;
    }
    auto fill = [](const QList<QLineSeries*>& series, const std::vector<std::vector<Point2>>& parts) {
        for (int i = 0; i < series.size(); ++i)
            replaceIfChanged(series[i], i < int(parts.size()) ? toPoints(parts[std::size_t(i)]) : QList<QPointF>{});
    };
    fill(model_, v.model);
    fill(inner_, v.inner);
    const QuadraticModel& m = v.result.model;
    const QList<QPointF> path = toPoints(v.path);
    replaceIfChanged(path_, path);
    replaceIfChanged(casing_, path);
    replaceIfChanged(point_, {QPointF(m.point.x(), m.point.y())});
    if (m.shape == ModelShape::Singular || !v.error.isEmpty()) {
        arrow_->clear();
        newtonPoint_->clear();
    } else {
        replaceIfChanged(arrow_, {QPointF(m.point.x(), m.point.y()), QPointF(m.newtonPoint.x(), m.newtonPoint.y())});
        replaceIfChanged(newtonPoint_, {QPointF(m.newtonPoint.x(), m.newtonPoint.y())});
    }
    map_->restyle();
}

void NewtonLab::showCharts(const NewtonView& v)
{
    const SecondOrderRun& run = v.result.run;
    QList<QPointF> norms;
    double lo = INFINITY, hi = 0;
    for (std::size_t t = 0; t < run.gradientNorms.size(); ++t) {
        const double g = run.gradientNorms[t];
        if (!std::isfinite(g)) break;
        const double y = std::max(g, kNormFloor);
        norms.append(QPointF(double(t), y));
        lo = std::min(lo, y);
        hi = std::max(hi, y);
    }
    replaceIfChanged(norms_, norms);
    setNiceRange(normX_, 0, std::max(1, int(run.gradientNorms.size()) - 1));
    if (std::isfinite(lo) && hi > 0) setLogRange(normY_, lo, std::max(hi, lo * 10));
    norm_->restyle();

    if (!v.error.isEmpty()) {
        setReadout(tr("Newton's method could not run: %1").arg(v.error), true);
        return;
    }
    const QuadraticModel& m = v.result.model;
    const QString at = formatPoint(m.point.x(), m.point.y(), 3);
    const QString eig = tr("the Hessian's eigenvalues are %1 and %2").arg(n3(m.eigenvalues(0)), n3(m.eigenvalues(1)));
    QString model;
    switch (m.shape) {
    case ModelShape::Minimum:
        model = tr("At %1 %2, both positive: the model is a bowl, and Newton's step goes to its minimum %3, where the "
                   "model predicts f = %4 and the surface has f = %5.")
                    .arg(at, eig, formatPoint(m.newtonPoint.x(), m.newtonPoint.y(), 3), valueText(m.modelAtNewton, m.value), valueText(m.valueAtNewton, m.value));
        break;
    case ModelShape::Saddle:
        model = tr("At %1 %2, of opposite signs: the model is a saddle, and Newton's step goes to that saddle %3, "
                   "uphill along one direction (the model there is %4, the surface %5).")
                    .arg(at, eig, formatPoint(m.newtonPoint.x(), m.newtonPoint.y(), 3), valueText(m.modelAtNewton, m.value), valueText(m.valueAtNewton, m.value));
        break;
    case ModelShape::Maximum:
        model = tr("At %1 %2, both negative: the model is a cap, and Newton's step climbs to its maximum %3 (the model "
                   "there is %4, the surface %5).")
                    .arg(at, eig, formatPoint(m.newtonPoint.x(), m.newtonPoint.y(), 3), valueText(m.modelAtNewton, m.value), valueText(m.valueAtNewton, m.value));
        break;
    case ModelShape::Singular:
        model = tr("At %1 %2: the Hessian is singular, so the model has no single critical point and Newton's step is "
                   "not defined. Move the point.")
                    .arg(at, eig);
        break;
    }
    const RunResult<Eigen::VectorXd>& r = run.run;
    QString outcome;
    const double alpha = step_->value();
    const QString method = alpha >= 1 ? tr("Newton's method") : tr("Damped Newton (α = %1)").arg(n3(alpha));
    if (v.result.converged) {
        const Eigen::VectorXd& e = r.final;
        outcome = tr("%1 reached %2 at %3 in %4 (|∇f| below 10⁻¹⁰).")
                      .arg(method, pointKindText(v.result.endKind), formatPoint(e(0), e(1), 4), stepsText(r.steps));
    } else if (r.status == RunStatus::Diverged) {
        outcome = tr("%1 diverged at step %2: the loss became too large or not finite.").arg(method).arg(r.divergedAtStep);
    } else if (r.status == RunStatus::Stopped) {
        outcome = tr("%1 stopped after %2: %3.").arg(method, stepsText(r.steps), QString::fromStdString(run.stopReason));
    } else {
        outcome = tr("%1 has not converged after %2; |∇f| is %3.")
                      .arg(method, stepsText(r.steps), n3(run.gradientNorms.empty() ? 0.0 : run.gradientNorms.back()));
    }
    if (v.pathLeftMap) outcome += QLatin1Char(' ') + tr("Its path leaves the map; the map shows it up to there.");
    setReadout(model + QLatin1Char(' ') + outcome, m.shape == ModelShape::Singular || r.status == RunStatus::Diverged);
}

} // namespace minima
