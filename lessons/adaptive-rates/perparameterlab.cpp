#include "lessons/adaptive-rates/perparameterlab.h"

#include <QChart>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "engine/experiments/perparameter.h"
#include "engine/experiments/steepest.h"
#include "lessons/common/charts/equalunits.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"

namespace minima {

namespace {

constexpr double kBox = 3.0;        // the map shows at least [-3, 3]²
constexpr int kLevels = 10;         // contours at f = f(start)·4^(-k), k = 0 .. 9: each half as far out as the last
constexpr double kColumns = 1200;   // a long line is thinned to this many columns (thinline.h)

void addTo(QChart* chart, QXYSeries* s, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}

QString n3(double v) { return formatNumber(v, 3); }
QPointF qp(const Eigen::Vector2d& v) { return {v.x(), v.y()}; }
bool drawable(double v) { return std::isfinite(v) && v > 0; }

} // namespace

// What the job hands back: the engine's result and the series drawn from it.
struct PerParameterView {
    PerParameterParams params;
    PerParameterResult result;
    std::vector<QList<QPointF>> contours;
    std::array<QList<QPointF>, 3> paths, losses;
    std::array<QList<QPointF>, 5> rates;
    QList<QPointF> guide;
    double lossLo = 1e-3, lossHi = 1, rateLo = 1e-3, rateHi = 1;
    int dropped = 0;   // points left off a log chart: not finite or not positive
};

PerParameterLab::~PerParameterLab() = default;

PerParameterLab::PerParameterLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      map_(new FigureChart),
      loss_(new FigureChart),
      rate_(new FigureChart),
      mapX_(makeValueAxis()),
      mapY_(makeValueAxis()),
      lossX_(makeValueAxis()),
      lossY_(new QLogValueAxis),
      rateX_(new QLogValueAxis),
      rateY_(new QLogValueAxis),
      guide_(new QLineSeries),
      start_(new QScatterSeries),
      minimum_(new QScatterSeries)
{
    setObjectName(QStringLiteral("perParameterLab"));
    ControlStrip* c = controls();
    kappa_ = c->addNumber(QStringLiteral("kappa"), tr("&Condition number:"), 1, 1000, 100, 2);
    kappa_->setAccessibleName(tr("Condition number κ, the ratio of the eigenvalues"));
    kappa_->setPrefix(QStringLiteral("κ = "));
    kappa_->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    angle_ = c->addNumber(QStringLiteral("angle"), tr("&Rotation:"), -90, 90, 0, 0);
    angle_->setAccessibleName(tr("Rotation of the bowl's axes in degrees"));
    angle_->setSuffix(QStringLiteral("°"));
    angle_->setSingleStep(15);
    steps_ = c->addInteger(QStringLiteral("steps"), tr("&Steps:"), 1, 5000, 2000);
    steps_->setAccessibleName(tr("Number of steps of each method"));
    steps_->setSingleStep(100);
    startX_ = c->addNumber(QStringLiteral("startX"), tr("S&tart:"), -kBox, kBox, -2.5, 2);
    startX_->setAccessibleName(tr("Start x"));
    startX_->setPrefix(QStringLiteral("x = "));
    startX_->setSingleStep(0.1);
    startY_ = c->addNumber(QStringLiteral("startY"), QString(), -kBox, kBox, 2.0, 2);
    startY_->setAccessibleName(tr("Start y"));
    startY_->setPrefix(QStringLiteral("y = "));
    startY_->setSingleStep(0.1);
    c->newRow();
    auto rate = [c](const QString& key, const QString& label, const QString& name, double value) {
        QDoubleSpinBox* b = c->addNumber(key, label, 0.0001, 10, value, 4);
        b->setAccessibleName(name);
        b->setPrefix(QStringLiteral("ε = "));
        b->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        return b;
    };
    gdRate_ = rate(QStringLiteral("gdRate"), tr("&GD:"), tr("Gradient descent's learning rate"), 0.01);
    adagradRate_ = rate(QStringLiteral("adagradRate"), tr("&AdaGrad:"), tr("AdaGrad's global learning rate"), 0.01);
    rmspropRate_ = rate(QStringLiteral("rmspropRate"), tr("RMS&Prop:"), tr("RMSProp's global learning rate"), 0.01);
    rho_ = c->addNumber(QStringLiteral("rho"), tr("&Decay:"), 0, 0.999, 0.9, 3);
    rho_->setAccessibleName(tr("RMSProp's decay rate ρ"));
    rho_->setPrefix(QStringLiteral("ρ = "));
    rho_->setSingleStep(0.01);

    const Hue hues[3] = {Hue::Vermillion, Hue::Blue, Hue::BluishGreen};
    const QString names[3] = {tr("gradient descent"), tr("AdaGrad"), tr("RMSProp")};

    // The map: the bowl's contours and the three paths.
    QChart* mc = map_->chart();
    map_->setObjectName(QStringLiteral("mapChart"));
    map_->setAccessibleName(tr("The bowl's contours with the three methods' paths"));
    mc->setTitle(tr("Paths on the bowl"));
    mapX_->setTitleText(tr("x₁"));
    mapY_->setTitleText(tr("x₂"));
    mc->addAxis(mapX_, Qt::AlignBottom);
    mc->addAxis(mapY_, Qt::AlignLeft);
    QColor faint = hueColor(Hue::Ink);
    faint.setAlphaF(0.4);
    for (int k = 0; k < kLevels; ++k) {
        auto* s = new QLineSeries;
        s->setObjectName(QStringLiteral("contour%1").arg(k));
        s->setPen(QPen(faint, 1));
        addTo(mc, s, mapX_, mapY_);
        contours_.append(s);
    }
    const QString keys[3] = {QStringLiteral("gd"), QStringLiteral("adagrad"), QStringLiteral("rmsprop")};
    for (int i = 0; i < 3; ++i) {
        auto* s = new QLineSeries;
        s->setObjectName(keys[i] + QStringLiteral("Path"));
        s->setName(names[i]);
        // AdaGrad's path under the others, wider, so it shows where RMSProp's covers it.
        s->setPen(QPen(hueColor(hues[i]), i == 1 ? 6 : 2.5, Qt::SolidLine, Qt::RoundCap));
        addTo(mc, s, mapX_, mapY_);
        paths_.append(s);
    }
    start_->setObjectName(QStringLiteral("start"));
    start_->setName(tr("start"));
    start_->setColor(hueColor(Hue::Yellow));
    start_->setBorderColor(hueColor(Hue::Ink));
    start_->setMarkerSize(13);
    minimum_->setObjectName(QStringLiteral("minimum"));
    minimum_->setName(tr("minimum"));
    minimum_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    minimum_->setColor(hueColor(Hue::Ink));
    minimum_->setBorderColor(hueColor(Hue::Ink));
    minimum_->setMarkerSize(9);
    minimum_->append(0, 0);
    addTo(mc, start_, mapX_, mapY_);
    addTo(mc, minimum_, mapX_, mapY_);
    equal_ = new EqualUnits(mc, mapX_, mapY_, this);
    equal_->setBox(QRectF(QPointF(-kBox, -kBox), QPointF(kBox, kBox)));

    // The loss per step on a log axis.
    QChart* lc = loss_->chart();
    loss_->setObjectName(QStringLiteral("lossChart"));
    loss_->setAccessibleName(tr("The loss per step of each method on a log scale"));
    lc->setTitle(tr("Loss per step (log scale)"));
    lossX_->setTitleText(tr("step t"));
    lossY_->setTitleText(tr("loss f(x)"));
    lc->addAxis(lossX_, Qt::AlignBottom);
    lc->addAxis(lossY_, Qt::AlignLeft);
    for (int i = 0; i < 3; ++i) {
        auto* s = new QLineSeries;
        s->setObjectName(keys[i] + QStringLiteral("Loss"));
        s->setName(names[i]);
        s->setPen(QPen(hueColor(hues[i]), 2));
        addTo(lc, s, lossX_, lossY_);
        losses_.append(s);
    }
    setNiceRange(lossX_, 0, 2000);
    setLogRange(lossY_, 1e-3, 1);

    // The effective rate per coordinate and step, log-log.
    QChart* rc = rate_->chart();
    rate_->setObjectName(QStringLiteral("rateChart"));
    rate_->setAccessibleName(tr("Each coordinate's effective learning rate per step on log-log axes"));
    rc->setTitle(tr("Effective rate ε/(δ + √rᵢ) per step (log-log)"));
    rateX_->setTitleText(tr("step t"));
    rateY_->setTitleText(tr("rate"));
    rc->addAxis(rateX_, Qt::AlignBottom);
    rc->addAxis(rateY_, Qt::AlignLeft);
    struct RateLine {
        const char* key;
        QString name;
        Hue hue;
        Qt::PenStyle style;
    };
    const RateLine lines[5] = {{"gdRate", tr("GD, both"), Hue::Vermillion, Qt::SolidLine},
                               {"adagradRate1", tr("AdaGrad x₁"), Hue::Blue, Qt::SolidLine},
                               {"adagradRate2", tr("AdaGrad x₂"), Hue::Blue, Qt::DashLine},
                               {"rmspropRate1", tr("RMSProp x₁"), Hue::BluishGreen, Qt::SolidLine},
                               {"rmspropRate2", tr("RMSProp x₂"), Hue::BluishGreen, Qt::DashLine}};
    for (const RateLine& l : lines) {
        auto* s = new QLineSeries;
        s->setObjectName(QString::fromLatin1(l.key));
        s->setName(l.name);
        s->setPen(QPen(hueColor(l.hue), 2, l.style));
        addTo(rc, s, rateX_, rateY_);
        rates_.append(s);
    }
    guide_->setObjectName(QStringLiteral("sqrtGuide"));
    guide_->setName(tr("∝ 1/√t"));
    guide_->setPen(QPen(hueColor(Hue::Ink), 1.5, Qt::DotLine));
    addTo(rc, guide_, rateX_, rateY_);
    setLogRange(rateX_, 1, 2000);
    setLogRange(rateY_, 1e-4, 1);

    auto* charts = new QWidget;
    charts->setObjectName(QStringLiteral("perParameterCharts"));
    auto* grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    for (FigureChart* v : {map_, loss_, rate_}) v->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
    map_->setMinimumEms(9, 9);
    loss_->setMinimumEms(10, 9);
    rate_->setMinimumEms(10, 9);
    addFigureWidget(charts);
    grid->addWidget(withKey(map_), 0, 0, 2, 1);
    grid->addWidget(withKey(loss_), 0, 1);
    grid->addWidget(withKey(rate_), 1, 1);
    grid->setColumnStretch(0, 5);
    grid->setColumnStretch(1, 5);
    for (FigureChart* v : {map_, loss_, rate_}) v->restyle();
    recompute();
}

void PerParameterLab::run()
{
    PerParameterParams p;
    p.kappa = kappa_->value();
    p.angle = angle_->value();
    p.steps = steps_->value();
    p.x = startX_->value();
    p.y = startY_->value();
    p.gdRate = gdRate_->value();
    p.adagradRate = adagradRate_->value();
    p.rmspropRate = rmspropRate_->value();
    p.rho = rho_->value();
    runJob<PerParameterView>(
        tr("Running the three methods…"),
        [p](Progress& progress) {
            PerParameterView v;
            v.params = p;
            v.result = perParameterExperiment(p, progress);
            const double theta = p.angle * std::numbers::pi / 180.0;
            const double f0 = v.result.traces[0].losses.front();
            for (int k = 0; k < kLevels; ++k) {
                QList<QPointF> line;
                for (const Eigen::Vector2d& q : bowlEllipse(p.kappa, theta, f0 * std::pow(4.0, -k))) line.append(qp(q));
                v.contours.push_back(line);
            }
            double lossLo = INFINITY, lossHi = 0, rateLo = INFINITY, rateHi = 0;
            for (std::size_t m = 0; m < 3; ++m) {
                const PerParameterTrace& t = v.result.traces[m];
                QList<QPointF> path, loss;
                path.reserve(qsizetype(t.points.size()));
                loss.reserve(qsizetype(t.losses.size()));
                for (std::size_t i = 0; i < t.points.size(); ++i) {
                    path.append(qp(t.points[i]));
                    if (drawable(t.losses[i])) {
                        loss.append({double(i), t.losses[i]});
                        lossLo = std::min(lossLo, t.losses[i]);
                        lossHi = std::max(lossHi, t.losses[i]);
                    } else {
                        ++v.dropped;
                    }
                }
                v.paths[m] = path;
                v.losses[m] = thinnedForColumns(loss, 0, std::max(1, p.steps), kColumns);
                // The rates on log-log axes: thinned per column of log t, drawn back at t.
                for (int c = 0; c < (m == 0 ? 1 : 2); ++c) {
                    QList<QPointF> logLine;
                    logLine.reserve(qsizetype(t.rates.size()));
                    for (std::size_t i = 0; i < t.rates.size(); ++i) {
                        const double r = t.rates[i][c];
                        if (!drawable(r)) {
                            ++v.dropped;
                            continue;
                        }
                        logLine.append({std::log10(double(i + 1)), std::log10(r)});
                        rateLo = std::min(rateLo, r);
                        rateHi = std::max(rateHi, r);
                    }
                    QList<QPointF> line;
                    // Back at the step thinning kept, with the rate itself (not a round trip through log10).
                    for (const QPointF& q : thinnedForColumns(logLine, 0, std::log10(std::max(2, p.steps)), kColumns)) {
                        const std::size_t i = std::size_t(std::llround(std::pow(10.0, q.x())));
                        if (i >= 1 && i <= t.rates.size()) line.append({double(i), t.rates[i - 1][c]});
                    }
                    v.rates[m == 0 ? 0 : 2 * m - 1 + std::size_t(c)] = line;
                }
            }
            // The guide ∝ t^(-1/2), through AdaGrad's larger rate at the first step.
            const PerParameterTrace& ada = v.result.traces[1];
            if (!ada.rates.empty()) {
                const double r1 = ada.rates[0].maxCoeff();
                if (drawable(r1)) {
                    const int n = std::max(1, ada.steps);
                    for (int i = 0; i <= 40; ++i) {
                        const double t = std::pow(double(n), i / 40.0);
                        v.guide.append({t, r1 / std::sqrt(t)});
                    }
                    rateLo = std::min(rateLo, r1 / std::sqrt(double(n)));
                }
            }
            if (lossHi > 0) {
                v.lossLo = lossLo < lossHi ? lossLo : lossHi / 10;
                v.lossHi = lossHi;
            }
            if (rateHi > 0) {
                v.rateLo = rateLo < rateHi ? rateLo : rateHi / 10;
                v.rateHi = rateLo < rateHi ? rateHi : rateHi * 10;
            }
            return v;
        },
        [this](const PerParameterView& v) {
            showMap(v);
            showNext([this, v] { showCharts(v); });
        });
}

void PerParameterLab::showMap(const PerParameterView& v)
{
    for (qsizetype i = 0; i < contours_.size(); ++i)
        replaceIfChanged(contours_[i], i < qsizetype(v.contours.size()) ? v.contours[std::size_t(i)] : QList<QPointF>{});
    for (int m = 0; m < 3; ++m) replaceIfChanged(paths_[m], v.paths[std::size_t(m)]);
    replaceIfChanged(start_, {QPointF(v.params.x, v.params.y)});
    map_->restyle();
}

void PerParameterLab::showCharts(const PerParameterView& v)
{
    for (int m = 0; m < 3; ++m) replaceIfChanged(losses_[m], v.losses[std::size_t(m)]);
    setNiceRange(lossX_, 0, std::max(1, v.params.steps));
    setLogRange(lossY_, v.lossLo, v.lossHi);
    for (int i = 0; i < 5; ++i) replaceIfChanged(rates_[i], v.rates[std::size_t(i)]);
    replaceIfChanged(guide_, v.guide);
    setLogRange(rateX_, 1, std::max(10, v.params.steps));
    setLogRange(rateY_, v.rateLo, v.rateHi);
    for (FigureChart* c : {loss_, rate_}) c->restyle();

    // The readout: steps to the tolerance, the slopes, the check against the optimizer.
    const PerParameterParams& p = v.params;
    const QString names[3] = {tr("gradient descent"), tr("AdaGrad"), tr("RMSProp")};
    QStringList reached;
    double mismatch = 0;
    for (int m = 0; m < 3; ++m) {
        const PerParameterTrace& t = v.result.traces[std::size_t(m)];
        mismatch = std::max(mismatch, t.rateMismatch);
        if (t.diverged)
            reached << tr("%1 diverged at step %2 (its rate %3 is above 2/κ = %4)")
                           .arg(names[m])
                           .arg(t.divergedAt)
                           .arg(n3(p.gdRate), n3(2 / p.kappa));
        else if (t.stepsToTolerance >= 0)
            reached << tr("%1 in %2").arg(names[m]).arg(t.stepsToTolerance);
        else
            reached << tr("%1 not within %2 (|x| = %3 at the end)").arg(names[m]).arg(t.steps).arg(n3(t.finalDistance));
    }
    QString text = tr("Steps to |x| ≤ %1 at %2° with κ = %3: %4.")
                       .arg(n3(p.tolerance), n3(p.angle), n3(p.kappa), reached.join(QStringLiteral("; ")));
    const PerParameterTrace& ada = v.result.traces[1];
    const PerParameterTrace& rms = v.result.traces[2];
    if (std::isfinite(ada.slope[0]) && std::isfinite(ada.slope[1]))
        text += QLatin1Char(' ')
                + tr("Over the last decade of steps AdaGrad's rates fall with slope %1 (x₁) and %2 (x₂) on log-log axes "
                     "(1/√t is −0.5); RMSProp's have slope %3 and %4.")
                      .arg(n3(ada.slope[0]), n3(ada.slope[1]),
                           std::isfinite(rms.slope[0]) ? n3(rms.slope[0]) : tr("none"),
                           std::isfinite(rms.slope[1]) ? n3(rms.slope[1]) : tr("none"));
    else
        text += QLatin1Char(' ') + tr("The rates' slope needs at least 20 steps.");
    text += QLatin1Char(' ')
            + tr("The rates drawn reproduce the optimizer's steps to %1.").arg(mismatch > 0 ? n3(mismatch) : QStringLiteral("0"));
    if (v.dropped > 0)
        text += QLatin1Char(' ') + tr("%1 values that were not finite and positive are left off the log charts.").arg(v.dropped);
    const bool warn = v.result.traces[0].diverged || v.result.traces[1].diverged || v.result.traces[2].diverged;
    setReadout(text, warn);
}

} // namespace minima
