#include "lessons/momentum/directionlab.h"

#include <QChart>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "engine/experiments/steepest.h"
#include "engine/surfaces/analytic.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/charts/chartdrag.h"
#include "lessons/common/charts/equalunits.h"

namespace minima {

namespace {

constexpr double kBox = 3.0;            // the map shows at least [-3, 3]²
constexpr int kLevels = 12;             // contours at f = ½ (r/2)², r = 1 .. 12: every half unit along the shallow axis
constexpr int kModelPoints = 121;       // the parabola's samples
constexpr int kExactDots = 12;          // the evaluated loss, dots over the parabola
constexpr double kParabolaReach = 2.2;  // the parabola chart shows 0 <= eps <= 2.2 eps*
constexpr double kWorstRadius = 2.5;    // the worst start's distance from the minimum
constexpr double kZeroLossDrawnAt = 1e-32;   // a loss of exactly 0, relative to the start's

void addTo(QChart* chart, QXYSeries* s, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}

QString n3(double v) { return formatNumber(v, 3); }

QPointF qp(const Eigen::Vector2d& v) { return {v.x(), v.y()}; }

// An arrow from `tail` along `direction`, `length` long, with a two-stroke head: one polyline
// tail, tip, barb, tip, barb.
QList<QPointF> arrow(const Eigen::Vector2d& tail, const Eigen::Vector2d& direction, double length)
{
    if (!(direction.norm() > 0) || !(length > 0)) return {};
    const Eigen::Vector2d d = direction.normalized(), n(-d.y(), d.x());
    const Eigen::Vector2d tip = tail + length * d;
    const double head = std::min(0.3, 0.3 * length);
    const Eigen::Vector2d b1 = tip - head * d + 0.5 * head * n, b2 = tip - head * d - 0.5 * head * n;
    return {qp(tail), qp(tip), qp(b1), qp(tip), qp(b2)};
}

} // namespace

// What the job hands back: everything the three charts and the readout show.
struct DirectionResult {
    double kappa = 1, theta = 0;
    Eigen::Vector2d point = Eigen::Vector2d::Zero();
    std::vector<QList<QPointF>> contours;
    BowlDirections dirs;
    LineModel model;
    LineSearchRun run;
    double angleClosedForm = 0, largestAngle = 0, rateFromStart = 0, bound = 0;
    QList<QPointF> modelCurve, exactDots;
};

DirectionLab::~DirectionLab() = default;

DirectionLab::DirectionLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      map_(new FigureChart),
      line_(new FigureChart),
      loss_(new FigureChart),
      mapX_(makeValueAxis()),
      mapY_(makeValueAxis()),
      stepX_(makeValueAxis()),
      changeY_(makeValueAxis()),
      lossX_(makeValueAxis()),
      lossY_(new QLogValueAxis),
      path_(new QLineSeries),
      toMinimum_(new QLineSeries),
      newton_(new QLineSeries),
      steepest_(new QLineSeries),
      point_(new QScatterSeries),
      minimum_(new QScatterSeries),
      model_(new QLineSeries),
      exact_(new QScatterSeries),
      bestLine_(new QLineSeries),
      best_(new QScatterSeries),
      zero_(new QLineSeries),
      losses_(new QLineSeries),
      bound_(new QLineSeries),
      fromStart_(new QLineSeries)
{
    setObjectName(QStringLiteral("directionLab"));
    ControlStrip* c = controls();
    kappa_ = c->addNumber(QStringLiteral("kappa"), tr("&Condition number:"), 1, 1000, 10, 2);
    kappa_->setAccessibleName(tr("Condition number κ, the ratio of the eigenvalues"));
    kappa_->setPrefix(QStringLiteral("κ = "));
    kappa_->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    angle_ = c->addNumber(QStringLiteral("angle"), tr("&Rotation:"), -90, 90, 30, 0);
    angle_->setAccessibleName(tr("Rotation of the bowl in degrees"));
    angle_->setSuffix(QStringLiteral("°"));
    angle_->setSingleStep(5);
    steps_ = c->addInteger(QStringLiteral("steps"), tr("&Steps:"), 1, 500, 40);
    steps_->setAccessibleName(tr("Number of line-search steps"));
    c->newRow();
    pointX_ = c->addNumber(QStringLiteral("pointX"), tr("&Point:"), -kBox, kBox, -2.5, 3);
    pointX_->setAccessibleName(tr("Point x"));
    pointX_->setPrefix(QStringLiteral("x = "));
    pointX_->setSingleStep(0.1);
    pointY_ = c->addNumber(QStringLiteral("pointY"), QString(), -kBox, kBox, -1.0, 3);
    pointY_->setAccessibleName(tr("Point y"));
    pointY_->setPrefix(QStringLiteral("y = "));
    pointY_->setSingleStep(0.1);
    worst_ = c->addAction(QStringLiteral("worstStart"), tr("&Worst start"),
                          tr("Move the point to (1/λ₁, 1/λ₂) in the eigenbasis, where the zig-zag is slowest"));
    worst_->setAccessibleName(tr("Move the point to the worst start for line search"));
    connect(worst_, &QPushButton::clicked, this, [this] {
        const Eigen::Vector2d p = worstStart(kappa_->value(), angle_->value() * std::numbers::pi / 180.0, kWorstRadius);
        setPoint(qp(p));
    });

    // The map: contours, the zig-zag, the three directions at the point.
    QChart* mc = map_->chart();
    map_->setObjectName(QStringLiteral("mapChart"));
    map_->setAccessibleName(tr("The bowl's contours with the directions at the point and the line-search path"));
    mc->setTitle(tr("Directions at the point (click or drag it)"));
    mapX_->setTitleText(tr("x"));
    mapY_->setTitleText(tr("y"));
    mc->addAxis(mapX_, Qt::AlignBottom);
    mc->addAxis(mapY_, Qt::AlignLeft);
    QColor faint = hueColor(Hue::Ink);
    faint.setAlphaF(0.45);
    for (int k = 0; k < kLevels; ++k) {
        auto* s = new QLineSeries;
        s->setObjectName(QStringLiteral("contour%1").arg(k));
        s->setPen(QPen(faint, 1));
        addTo(mc, s, mapX_, mapY_);
        contours_.append(s);
    }
    path_->setObjectName(QStringLiteral("zigzag"));
    path_->setName(tr("line search"));
    path_->setPen(QPen(hueColor(Hue::ReddishPurple), 2.5));
    path_->setPointsVisible(true);
    QColor wide = hueColor(Hue::SkyBlue);
    wide.setAlphaF(0.6);
    toMinimum_->setObjectName(QStringLiteral("toMinimum"));
    toMinimum_->setName(tr("to the minimum"));
    toMinimum_->setPen(QPen(wide, 9, Qt::SolidLine, Qt::RoundCap));
    newton_->setObjectName(QStringLiteral("newton"));
    newton_->setName(tr("−H⁻¹g (Newton)"));
    newton_->setPen(QPen(hueColor(Hue::Blue), 2.5));
    steepest_->setObjectName(QStringLiteral("negativeGradient"));
    steepest_->setName(tr("−g"));
    steepest_->setPen(QPen(hueColor(Hue::Vermillion), 3));
    point_->setObjectName(QStringLiteral("point"));
    point_->setName(tr("point"));
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
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{path_, toMinimum_, newton_, steepest_, point_, minimum_})
        addTo(mc, s, mapX_, mapY_);
    equal_ = new EqualUnits(mc, mapX_, mapY_, this);
    equal_->setBox(QRectF(QPointF(-kBox, -kBox), QPointF(kBox, kBox)));

    // The loss's change along −g against the step: the model, the evaluated loss over it, eps*.
    QChart* lc = line_->chart();
    line_->setObjectName(QStringLiteral("lineChart"));
    line_->setAccessibleName(tr("The change of the loss along the negative gradient against the step"));
    lc->setTitle(tr("Loss change along −g"));
    stepX_->setTitleText(tr("step ε"));
    changeY_->setTitleText(tr("change"));
    lc->addAxis(stepX_, Qt::AlignBottom);
    lc->addAxis(changeY_, Qt::AlignLeft);
    zero_->setObjectName(QStringLiteral("zero"));
    zero_->setPen(QPen(hueColor(Hue::Ink), 1, Qt::DotLine));
    model_->setObjectName(QStringLiteral("model"));
    model_->setName(tr("−ε·gᵀg + ½ε²·gᵀHg"));
    model_->setPen(QPen(hueColor(Hue::Blue), 2.5));
    exact_->setObjectName(QStringLiteral("exact"));
    exact_->setName(tr("f(x − εg) − f(x)"));
    exact_->setColor(hueColor(Hue::Yellow));
    exact_->setBorderColor(hueColor(Hue::Ink));
    exact_->setMarkerSize(8);
    bestLine_->setObjectName(QStringLiteral("bestStepLine"));
    bestLine_->setPen(QPen(hueColor(Hue::Vermillion), 2, Qt::DashLine));
    best_->setObjectName(QStringLiteral("bestStep"));
    best_->setName(tr("ε* = gᵀg/gᵀHg"));
    best_->setColor(hueColor(Hue::Vermillion));
    best_->setBorderColor(hueColor(Hue::Ink));
    best_->setMarkerSize(12);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{zero_, model_, exact_, bestLine_, best_}) addTo(lc, s, stepX_, changeY_);
    setNiceRange(stepX_, 0, 1);
    setNiceRange(changeY_, -1, 0.5);

    // The loss per step on a log scale, against the worst case and this start's rate.
    QChart* sc = loss_->chart();
    loss_->setObjectName(QStringLiteral("lossChart"));
    loss_->setAccessibleName(tr("The loss per line-search step on a log scale"));
    sc->setTitle(tr("Loss per step (log scale)"));
    lossX_->setTitleText(tr("step t"));
    lossY_->setTitleText(tr("loss"));
    sc->addAxis(lossX_, Qt::AlignBottom);
    sc->addAxis(lossY_, Qt::AlignLeft);
    losses_->setObjectName(QStringLiteral("loss"));
    losses_->setName(tr("measured"));
    losses_->setPen(QPen(hueColor(Hue::ReddishPurple), 2.5));
    losses_->setPointsVisible(true);
    fromStart_->setObjectName(QStringLiteral("fromStart"));
    fromStart_->setName(tr("theory, this start"));
    fromStart_->setPen(QPen(hueColor(Hue::Ink), 1.5, Qt::DotLine));
    bound_->setObjectName(QStringLiteral("bound"));
    bound_->setName(tr("f₀·((κ − 1)/(κ + 1))^(2t)"));
    bound_->setPen(QPen(hueColor(Hue::Blue), 2, Qt::DashLine));
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{losses_, fromStart_, bound_}) addTo(sc, s, lossX_, lossY_);
    setNiceRange(lossX_, 0, 40);
    setLogRange(lossY_, 1e-3, 1);

    // The map on the left, the parabola and the loss on the right.
    auto* charts = new QWidget;
    charts->setObjectName(QStringLiteral("directionCharts"));
    auto* grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    for (FigureChart* v : {map_, line_, loss_}) v->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
    map_->setMinimumEms(9, 9);
    line_->setMinimumEms(10, 9);
    loss_->setMinimumEms(10, 9);
    addFigureWidget(charts);
    grid->addWidget(withKey(map_), 0, 0, 2, 1);
    grid->addWidget(withKey(line_), 0, 1);
    grid->addWidget(withKey(loss_), 1, 1);
    grid->setColumnStretch(0, 5);
    grid->setColumnStretch(1, 4);
    for (FigureChart* v : {map_, line_, loss_}) v->restyle();

    // A click away from the point moves it there; a press on the point drags it (ChartDrag's
    // filter, installed after this one, sees the press first).
    map_->viewport()->installEventFilter(this);
    drag_ = new ChartDrag(map_, [this] { return QList<QPointF>{QPointF(pointX_->value(), pointY_->value())}; }, this);
    connect(drag_, &ChartDrag::dragged, this, [this](int, QPointF p) { setPoint(p); });
    recompute();
}

QPoint DirectionLab::mapPosition(const QPointF& value) const { return drag_->positionOf(value); }

bool DirectionLab::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == map_->viewport() && event->type() == QEvent::MouseButtonPress) {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton && map_->chart()->plotArea().contains(map_->chart()->mapFromScene(map_->mapToScene(e->position().toPoint())))) {
            setPoint(drag_->valueAt(e->position().toPoint()));
            return true;
        }
    }
    return Lab::eventFilter(watched, event);
}

void DirectionLab::setPoint(const QPointF& p)
{
    pointX_->setValue(std::clamp(p.x(), pointX_->minimum(), pointX_->maximum()));
    pointY_->setValue(std::clamp(p.y(), pointY_->minimum(), pointY_->maximum()));
    replaceIfChanged(point_, {QPointF(pointX_->value(), pointY_->value())});   // at once; the run follows the debounce
}

void DirectionLab::run()
{
    const double kappa = kappa_->value();
    const double theta = angle_->value() * std::numbers::pi / 180.0;
    const int steps = steps_->value();
    const Eigen::Vector2d x(pointX_->value(), pointY_->value());
    runJob<DirectionResult>(
        tr("Following the gradient…"),
        [kappa, theta, steps, x](Progress& progress) {
            DirectionResult out;
            out.kappa = kappa;
            out.theta = theta;
            out.point = x;
            const QuadraticBowl bowl = conditionedBowl(kappa, theta);
            for (int k = 1; k <= kLevels; ++k) {
                QList<QPointF> line;
                for (const Eigen::Vector2d& p : bowlEllipse(kappa, theta, 0.5 * std::pow(0.5 * k, 2))) line.append(qp(p));
                out.contours.push_back(line);
            }
            out.dirs = bowlDirections(bowl, x);
            out.model = lineModel(bowl, x);
            const Eigen::Vector2d e1(std::cos(theta), std::sin(theta)), e2(-std::sin(theta), std::cos(theta));
            out.angleClosedForm = gradientAngleClosedForm(1.0, kappa, x.dot(e1), x.dot(e2));
            out.largestAngle = largestGradientAngle(kappa);
            out.rateFromStart = zigzagRateFromStart(bowl, x);
            out.bound = zigzagRateBound(kappa);
            if (!out.model.flat) {
                const double top = kParabolaReach * out.model.bestStep;
                for (int i = 0; i < kModelPoints; ++i) {
                    const double eps = top * i / (kModelPoints - 1);
                    out.modelCurve.append({eps, out.model.change(eps)});
                }
                for (int i = 0; i < kExactDots; ++i) {
                    const double eps = top * i / (kExactDots - 1);
                    out.exactDots.append({eps, changeAlongGradient(bowl, x, eps)});
                }
            }
            out.run = steepestDescent(bowl, x, steps, progress);
            return out;
        },
        [this](const DirectionResult& r) {
            showMap(r);
            showNext([this, r] { showCharts(r); });
        });
}

void DirectionLab::showMap(const DirectionResult& r)
{
    for (qsizetype i = 0; i < contours_.size(); ++i)
        replaceIfChanged(contours_[i], i < qsizetype(r.contours.size()) ? r.contours[std::size_t(i)] : QList<QPointF>{});
    QList<QPointF> pts;
    for (const Eigen::Vector2d& p : r.run.points) pts.append(qp(p));
    replaceIfChanged(path_, pts);
    replaceIfChanged(point_, {qp(r.point)});
    // All three arrows as long as the way to the minimum, so only their directions differ;
    // Newton's lies on the way to the minimum (on a quadratic its step lands there).
    const double length = r.point.norm();
    if (r.dirs.atMinimum) {
        for (QLineSeries* s : {toMinimum_, newton_, steepest_}) replaceIfChanged(s, {});
    } else {
        replaceIfChanged(toMinimum_, {qp(r.point), QPointF(0, 0)});
        replaceIfChanged(newton_, arrow(r.point, r.dirs.newton, length));
        replaceIfChanged(steepest_, arrow(r.point, r.dirs.steepest, length));
    }
    map_->restyle();
}

void DirectionLab::showCharts(const DirectionResult& r)
{
    const LineModel& m = r.model;
    // The parabola, its minimum at eps*, the evaluated loss on it.
    if (m.flat) {
        for (QXYSeries* s : std::initializer_list<QXYSeries*>{model_, exact_, bestLine_, best_, zero_}) replaceIfChanged(s, {});
        setNiceRange(stepX_, 0, 1);
        setNiceRange(changeY_, -1, 0.5);
    } else {
        const double top = kParabolaReach * m.bestStep;
        replaceIfChanged(model_, r.modelCurve);
        replaceIfChanged(exact_, r.exactDots);
        const double lo = 1.15 * m.bestChange, hi = 0.5 * std::abs(m.bestChange);
        replaceIfChanged(bestLine_, {QPointF(m.bestStep, lo), QPointF(m.bestStep, hi)});
        replaceIfChanged(best_, {QPointF(m.bestStep, m.bestChange)});
        replaceIfChanged(zero_, {QPointF(0, 0), QPointF(10 * top, 0)});   // to the plot's edge, wherever the ticks end
        setNiceRange(stepX_, 0, top);
        setNiceRange(changeY_, lo, hi);
    }

    // The loss per step, and the two theories drawn from the same start's loss.
    const LineSearchRun& run = r.run;
    QList<QPointF> measured;
    double lo = INFINITY, hi = 0;
    const double f0 = run.losses.empty() ? 0.0 : run.losses.front();
    for (std::size_t t = 0; t < run.losses.size(); ++t) {
        // A step that lands exactly (a loss of 0, which a log axis cannot show) is drawn at
        // kZeroLossDrawnAt times the start's loss, below where any run stops.
        const double f = t > 0 && run.losses[t] == 0.0 ? kZeroLossDrawnAt * f0 : run.losses[t];
        if (f > 0 && std::isfinite(f)) {
            measured.append({double(t), f});
            lo = std::min(lo, f);
            hi = std::max(hi, f);
        }
    }
    const int last = std::max(1, run.steps);
    if (!(hi > 0)) {
        lo = 1e-3;
        hi = 1;
    } else if (!(lo < hi)) {
        lo = hi / 10;
    }
    // Each theory line ends where it leaves the chart's decades (a rate of 0 is only its start).
    auto theory = [f0, last, lo](double rate) {
        QList<QPointF> line;
        if (!(f0 > 0)) return line;
        for (int t = 0; t <= last; ++t) {
            const double v = f0 * std::pow(rate, t);
            if (!(v > 0) || v < lo / 10) break;
            line.append({double(t), v});
        }
        return line;
    };
    replaceIfChanged(losses_, measured);
    replaceIfChanged(bound_, theory(r.bound));
    replaceIfChanged(fromStart_, theory(r.rateFromStart));
    setNiceRange(lossX_, 0, last);
    setLogRange(lossY_, lo, hi);
    for (FigureChart* v : {line_, loss_}) v->restyle();

    // The readout.
    if (r.dirs.atMinimum) {
        setReadout(tr("The point (%1, %2) is the minimum: the gradient is zero there, so there is no direction to draw, "
                      "no step to take and no rate to measure. Click elsewhere on the map.")
                       .arg(n3(r.point.x()), n3(r.point.y())),
                   true);
        return;
    }
    const double deg = 180.0 / std::numbers::pi;
    const QString angle = tr("−g is %1° off the way to the minimum (closed form %2°; at most %3° on this bowl, κ = %4); "
                             "Newton's −H⁻¹g is %5° off.")
                              .arg(n3(r.dirs.angle * deg), n3(r.angleClosedForm * deg), n3(r.largestAngle * deg),
                                   n3(r.kappa), n3(std::abs(r.dirs.newtonAngle * deg) < 1e-9 ? 0.0 : r.dirs.newtonAngle * deg));
    const QString step = tr("Along −g the curvature gᵀHg/gᵀg is %1, so the best step is ε* = gᵀg/gᵀHg = %2, lowering the "
                            "loss by %3.")
                             .arg(n3(m.gHg / m.gg), n3(m.bestStep), n3(-m.bestChange));
    QString search;
    if (run.landed && run.steps == 1)
        search = tr("Line search lands on the minimum in one step.");
    else if (run.landed)
        search = tr("Line search reached the minimum (loss 10³⁰ times smaller) in %1 steps; each step multiplied the loss "
                    "by %2 (measured; theory from this start %3, worst case ((κ − 1)/(κ + 1))² = %4).")
                     .arg(run.steps)
                     .arg(n3(run.measuredRate), n3(r.rateFromStart), n3(r.bound));
    else
        search = tr("After %1 line-search steps the loss is %2; each step multiplies it by %3 (measured; theory from this "
                    "start %4, worst case ((κ − 1)/(κ + 1))² = %5).")
                     .arg(run.steps)
                     .arg(n3(run.losses.back()), n3(run.measuredRate), n3(r.rateFromStart), n3(r.bound));
    setReadout(angle + QLatin1Char(' ') + step + QLatin1Char(' ') + search);
}

} // namespace minima
