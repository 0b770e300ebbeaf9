#include "lessons/spurious-minima/criticallab.h"

#include <QChart>
#include <QComboBox>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QSpinBox>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"

namespace minima {

namespace {
constexpr double kFloor = 1e-18;    // the GOE chart's lowest value: below exp(-(ln 3/4) 12^2) = 6.7e-18
constexpr double kBarCap = 0.12;    // an interval's cap, ± in d

void addTo(QChart* chart, QAbstractAxis* x, QAbstractAxis* y, QAbstractSeries* s)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}
} // namespace

CriticalLab::CriticalLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      goeChart_(new FigureChart),
      coinFlip_(new QLineSeries),
      deanMajumdar_(new QLineSeries),
      measured_(new QScatterSeries),
      upperBounds_(new QScatterSeries),
      intervalKey_(new QLineSeries),
      goeY_(new QLogValueAxis),
      goeX_(makeValueAxis()),
      criticalChart_(new FigureChart),
      minima_(new QScatterSeries),
      saddles_(new QScatterSeries),
      indexAxis_(makeValueAxis()),
      lossAxis_(makeValueAxis())
{
    setObjectName(QStringLiteral("criticalLab"));
    ControlStrip* c = controls();
    samples_ = c->addInteger(QStringLiteral("samples"), tr("&Matrices per size:"), 1000, 200000, GoeParams{}.samples, {},
                             tr("Random symmetric matrices drawn for each size d"));
    samples_->setSingleStep(1000);
    starts_ = c->addInteger(QStringLiteral("starts"), tr("&Starts:"), 10, 1000, CriticalParams{}.starts, {},
                            tr("Random starts of the search for the network's critical points"));
    starts_->setSingleStep(50);
    dataset_ = c->addChoice(QStringLiteral("dataset"), tr("&Data:"),
                            {{tr("XOR (4 points)"), QStringLiteral("xor")}, {tr("moons (8 points)"), QStringLiteral("moons")}},
                            0, tr("The network's training data"));
    seed_ = c->addInteger(QStringLiteral("seed"), tr("S&eed:"), 1, 5, 1, {}, tr("The random seed of both experiments"));

    // The GOE chart: a log axis from 10⁻¹⁸ to 1 over d = 1..12.
    goeChart_->setObjectName(QStringLiteral("goeChart"));
    goeChart_->setAccessibleName(tr("Probability that a random symmetric matrix is positive definite, against its size"));
    QChart* g = goeChart_->chart();
    g->setTitle(tr("How often is a random critical point a minimum?"));
    goeX_->setTitleText(tr("dimension d"));
    setExactRange(goeX_, 0.5, 12.5, 13);
    goeY_->setTitleText(tr("P(positive definite)"));
    setLogRange(goeY_, kFloor, 1);
    g->addAxis(goeX_, Qt::AlignBottom);
    g->addAxis(goeY_, Qt::AlignLeft);
    coinFlip_->setObjectName(QStringLiteral("coinFlip"));
    coinFlip_->setName(tr("coin flips: 2⁻ᵈ"));
    coinFlip_->setPen(QPen(hueColor(Hue::Orange), 2.5, Qt::DashLine));
    deanMajumdar_->setObjectName(QStringLiteral("deanMajumdar"));
    deanMajumdar_->setName(tr("Dean & Majumdar, large d: exp(−(ln 3/4)·d²)"));
    deanMajumdar_->setPen(QPen(hueColor(Hue::BluishGreen), 2.5));
    intervalKey_->setObjectName(QStringLiteral("intervalKey"));
    intervalKey_->setName(tr("95 % interval (Wilson)"));
    intervalKey_->setPen(QPen(hueColor(Hue::Blue), 1.6));
    measured_->setObjectName(QStringLiteral("measured"));
    measured_->setName(tr("measured GOE share"));
    measured_->setColor(hueColor(Hue::Blue));
    measured_->setBorderColor(hueColor(Hue::Blue));
    measured_->setMarkerSize(10);
    upperBounds_->setObjectName(QStringLiteral("upperBounds"));
    upperBounds_->setName(tr("none positive definite: upper end of the interval"));
    upperBounds_->setMarkerShape(QScatterSeries::MarkerShapeCircle);   // hollow, as its key draws it
    upperBounds_->setColor(Qt::transparent);
    upperBounds_->setBorderColor(hueColor(Hue::Blue));
    upperBounds_->setPen(QPen(hueColor(Hue::Blue), 2));
    upperBounds_->setMarkerSize(11);
    addTo(g, goeX_, goeY_, coinFlip_);
    addTo(g, goeX_, goeY_, deanMajumdar_);
    addTo(g, goeX_, goeY_, intervalKey_);
    for (int d = 1; d <= 12; ++d) {
        auto* bar = new QLineSeries;
        bar->setObjectName(QStringLiteral("interval%1").arg(d));
        bar->setPen(QPen(hueColor(Hue::Blue), 1.6));
        addTo(g, goeX_, goeY_, bar);
        bars_.append(bar);
    }
    addTo(g, goeX_, goeY_, measured_);
    addTo(g, goeX_, goeY_, upperBounds_);
    goeChart_->restyle();
    // Only the key entries: the bars share the interval's entry.
    for (QLineSeries* bar : bars_)
        for (QLegendMarker* m : g->legend()->markers(bar)) m->setVisible(false);
    addFigure(goeChart_);

    // The network's critical points: index against loss.
    criticalChart_->setObjectName(QStringLiteral("criticalChart"));
    criticalChart_->setAccessibleName(tr("Index of the network's critical points against their loss"));
    QChart* n = criticalChart_->chart();
    n->setTitle(tr("Critical points: 2-3-1 tanh net"));
    indexAxis_->setTitleText(tr("index: share of negative Hessian eigenvalues"));
    setExactRange(indexAxis_, -0.01, 0.4, 6);
    lossAxis_->setTitleText(tr("training loss (MSE)"));
    setExactRange(lossAxis_, -0.01, 0.3, 6);
    n->addAxis(indexAxis_, Qt::AlignBottom);
    n->addAxis(lossAxis_, Qt::AlignLeft);
    minima_->setObjectName(QStringLiteral("minima"));
    minima_->setName(tr("minima (no negative eigenvalue)"));
    minima_->setColor(hueColor(Hue::BluishGreen));
    minima_->setBorderColor(hueColor(Hue::BluishGreen));
    minima_->setMarkerSize(12);
    saddles_->setObjectName(QStringLiteral("saddles"));
    saddles_->setName(tr("saddles"));
    saddles_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    saddles_->setColor(hueColor(Hue::Vermillion));
    saddles_->setBorderColor(hueColor(Hue::Vermillion));
    saddles_->setMarkerSize(10);
    addTo(n, indexAxis_, lossAxis_, minima_);
    addTo(n, indexAxis_, lossAxis_, saddles_);
    // Hovering a marker tells its numbers, ||grad L|| among them.
    for (QScatterSeries* s : {minima_, saddles_}) {
        connect(s, &QScatterSeries::hovered, this, [this, s](const QPointF& p, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            for (int i = 0; i < spots_.size(); ++i) {
                const CriticalSpot& spot = spots_[i];
                if (spot.minimum == (s == minima_) && spot.index == p.x() && spot.loss == p.y()) {
                    QToolTip::showText(QCursor::pos(), spotText(i), criticalChart_);
                    return;
                }
            }
        });
    }
    criticalChart_->restyle();
    addFigure(criticalChart_);
    recompute();
}

GoeParams CriticalLab::goeParams() const
{
    GoeParams p;
    p.samples = samples_->value();
    p.seed = std::uint64_t(seed_->value());
    return p;
}

CriticalParams CriticalLab::criticalParams() const
{
    CriticalParams p;
    p.starts = starts_->value();
    p.dataset = dataset_->currentData().toString().toStdString();
    p.seed = std::uint64_t(seed_->value());
    return p;
}

QList<CriticalSpot> criticalSpots(const CriticalResult& r)
{
    QList<CriticalSpot> spots;
    for (const CriticalPoint& c : r.points) {
        if (!std::isfinite(c.loss) || !std::isfinite(c.index.index)) continue;
        CriticalSpot* same = nullptr;
        for (CriticalSpot& s : spots)
            if (s.index == c.index.index && std::fabs(s.loss - c.loss) <= 1e-9 * std::max(1.0, c.loss)) same = &s;
        if (!same) {
            CriticalSpot s;
            s.index = c.index.index;
            s.loss = c.loss;
            s.minimum = c.index.negative == 0;
            s.fewestFlat = s.mostFlat = c.index.flat;
            spots.append(s);
            same = &spots.last();
        }
        ++same->points;
        same->fewestFlat = std::min(same->fewestFlat, c.index.flat);
        same->mostFlat = std::max(same->mostFlat, c.index.flat);
        same->largestGradientNorm = std::max(same->largestGradientNorm, c.gradientNorm);
    }
    return spots;
}

QString CriticalLab::spotText(int i) const
{
    if (i < 0 || i >= spots_.size()) return {};
    const CriticalSpot& s = spots_[i];
    const QString flat = s.fewestFlat == s.mostFlat ? QString::number(s.fewestFlat)
                                                     : tr("%1 to %2").arg(s.fewestFlat).arg(s.mostFlat);
    const QString count = s.points == 1 ? tr("One critical point") : tr("%1 distinct critical points").arg(s.points);
    return tr("%1: loss %2, index %3, %4 of %5 eigenvalues flat; largest ‖∇L‖ %6")
        .arg(count, formatNumber(s.loss, 4), formatNumber(s.index, 3), flat)
        .arg(last_.network.parameterCount)
        .arg(formatNumber(s.largestGradientNorm, 3));
}

namespace {
bool sameGoe(const GoeParams& a, const GoeParams& b)
{
    return a.minDimension == b.minDimension && a.maxDimension == b.maxDimension && a.samples == b.samples && a.seed == b.seed;
}
bool sameNetwork(const CriticalParams& a, const CriticalParams& b)
{
    return a.hidden == b.hidden && a.dataset == b.dataset && a.starts == b.starts && a.initScale == b.initScale
           && a.maxIterations == b.maxIterations && a.gradientThreshold == b.gradientThreshold
           && a.maxParameterNorm == b.maxParameterNorm && a.seed == b.seed;
}
} // namespace

void CriticalLab::run()
{
    const GoeParams goe = goeParams();
    const CriticalParams net = criticalParams();
    // Only the experiment whose settings changed runs again; the other's result is kept.
    const bool needGoe = !shownValid_ || !sameGoe(goe, shownGoe_);
    const bool needNet = !shownValid_ || !sameNetwork(net, shownNetwork_);
    CriticalLabRun kept;
    if (!needGoe) kept.goe = last_.goe;
    if (!needNet) kept.network = last_.network;
    QString message;
    if (needGoe && needNet)
        message = tr("Drawing %1 random matrices per size, then searching from %2 starts…").arg(goe.samples).arg(net.starts);
    else if (needGoe)
        message = tr("Drawing %1 random matrices per size…").arg(goe.samples);
    else
        message = tr("Searching for critical points from %1 starts…").arg(net.starts);
    runJob<CriticalLabRun>(
        message,
        [goe, net, needGoe, needNet, kept](Progress& progress) {
            CriticalLabRun r = kept;
            // One bar for both parts: each fills its half when both run.
            const bool both = needGoe && needNet;
            if (needGoe) {
                if (both) progress.setPart(0, 0.5);
                r.goe = runGoe(goe, progress);
            }
            if (needNet && !progress.cancelled()) {
                if (both) progress.setPart(0.5, 1);
                r.network = runCriticalPoints(net, progress);
            }
            return r;
        },
        [this, goe, net](const CriticalLabRun& r) {
            last_ = r;
            shownValid_ = !r.goe.cancelled && !r.network.cancelled && !r.goe.rows.empty();
            shownGoe_ = goe;
            shownNetwork_ = net;
            showGoe(r.goe);
            showNext([this] {
                showNetwork(last_.network);
                updateReadout();
            });
        });
}

void CriticalLab::showGoe(const GoeResult& r)
{
    QList<QPointF> coin, dean, measured, bounds;
    for (int d = 1; d <= 12; ++d) coin.append({double(d), std::ldexp(1.0, -d)});
    for (int k = 0; k <= 44; ++k) {
        const double d = 1 + k * 0.25;
        dean.append({d, std::exp(-(std::log(3.0) / 4.0) * d * d)});
    }
    for (std::size_t i = 0; i < std::size_t(bars_.size()); ++i) {
        if (i >= r.rows.size()) {
            bars_[int(i)]->clear();
            continue;
        }
        const GoeRow& row = r.rows[i];
        const double x = row.dimension, lo = std::max(row.share.low, kFloor), hi = std::max(row.share.high, kFloor);
        bars_[int(i)]->replace(QList<QPointF>{{x - kBarCap, lo}, {x + kBarCap, lo}, {x, lo}, {x, hi}, {x - kBarCap, hi}, {x + kBarCap, hi}});
        if (row.positiveDefinite > 0) measured.append({x, row.share.share});
        else bounds.append({x, hi});
    }
    coinFlip_->replace(coin);
    deanMajumdar_->replace(dean);
    measured_->replace(measured);
    upperBounds_->replace(bounds);
    goeChart_->restyle();
}

void CriticalLab::showNetwork(const CriticalResult& r)
{
    spots_ = criticalSpots(r);
    QList<QPointF> minima, saddles;
    double lossHi = 0, indexHi = 0;
    for (const CriticalSpot& s : spots_) {
        (s.minimum ? minima : saddles).append({s.index, s.loss});
        lossHi = std::max(lossHi, s.loss);
        indexHi = std::max(indexHi, s.index);
    }
    minima_->replace(minima);
    saddles_->replace(saddles);
    // A little room left of index 0 and under loss 0, and above the largest markers.
    const double indexTop = std::max(0.1, indexHi * 1.12), lossTop = std::max(0.05, lossHi * 1.15);
    setExactRange(indexAxis_, -0.05 * indexTop, indexTop, 6);
    setExactRange(lossAxis_, -0.06 * lossTop, lossTop, 6);
    criticalChart_->chart()->setTitle(tr("Critical points: 2-3-1 tanh net, %1, seed %2")
                                          .arg(dataset_->currentIndex() == 0 ? tr("XOR") : tr("moons"))
                                          .arg(seed_->value()));
    criticalChart_->restyle();
}

void CriticalLab::updateReadout()
{
    const GoeResult& goe = last_.goe;
    const CriticalResult& net = last_.network;
    if (goe.rows.empty() || net.cancelled) {
        setReadout(tr("The run was stopped before it finished: change a control to run it again."), true);
        return;
    }
    QString text;
    const GoeRow* two = nullptr;
    const GoeRow* firstZero = nullptr;
    // The first size from which on no matrix was positive definite.
    for (const GoeRow& row : goe.rows)
        if (row.dimension == 2) two = &row;
    for (auto it = goe.rows.rbegin(); it != goe.rows.rend() && it->positiveDefinite == 0; ++it) firstZero = &*it;
    if (two)
        text += tr("At d = 2, %1 of %2 random matrices were positive definite (%3, 95 %: %4 to %5; exactly 1/2 − √2/4 = "
                   "0.146, the coin flips say 0.25). ")
                    .arg(two->positiveDefinite)
                    .arg(two->samples)
                    .arg(formatNumber(two->share.share), formatNumber(two->share.low), formatNumber(two->share.high));
    if (firstZero)
        text += tr("From d = %1 none of %2 was: the share is below %3 there, and 2⁻ᵈ is %4. ")
                    .arg(firstZero->dimension)
                    .arg(firstZero->samples)
                    .arg(formatNumber(firstZero->share.high, 2), formatNumber(firstZero->coinFlip, 2));
    int minima = 0;
    for (const CriticalPoint& c : net.points) minima += c.index.negative == 0 ? 1 : 0;
    if (net.points.empty()) {
        text += tr("The network: none of %1 starts reached ‖∇L‖ ≤ 10⁻⁸ (%2 stopped short, %3 ran off to large weights); "
                   "try more starts. ")
                    .arg(net.starts)
                    .arg(net.notCritical)
                    .arg(net.escaped);
        setReadout(text, true);
        return;
    }
    const QString markers = spots_.size() == 1 ? tr("one marker") : tr("%1 markers").arg(spots_.size());
    text += tr("The network: %1 of %2 starts reached ‖∇L‖ ≤ 10⁻⁸ (largest kept %3): %4 distinct points, %5 of them "
               "minima, drawn as %6 (hover one for how many it stands for); %7 stopped short and %8 ran off to "
               "large weights, both left out. ")
                .arg(net.critical)
                .arg(net.starts)
                .arg(formatNumber(net.largestGradientNorm, 4))
                .arg(int(net.points.size()))
                .arg(minima)
                .arg(markers)
                .arg(net.notCritical)
                .arg(net.escaped);
    if (std::isfinite(net.spearman))
        text += tr("Spearman's ρ between index and loss: %1.").arg(formatNumber(net.spearman, 2));
    else
        text += tr("Too few distinct points for a rank correlation.");
    setReadout(text);
}

} // namespace minima
