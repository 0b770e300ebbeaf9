#include "lessons/adaptive-rates/biascorrectionlab.h"

#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "engine/experiments/biascorrection.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"

namespace minima {

namespace {

void addTo(QChart* chart, QXYSeries* s, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}

QString n4(double v) { return formatNumber(v, 4); }

bool noisy(const QComboBox* c) { return c->currentData().toString() == QStringLiteral("noisy"); }

} // namespace

BiasCorrectionLab::~BiasCorrectionLab() = default;

BiasCorrectionLab::BiasCorrectionLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      stepChart_(new FigureChart),
      biasChart_(new FigureChart),
      stepX_(makeValueAxis()),
      stepY_(makeValueAxis()),
      biasX_(makeValueAxis()),
      biasY_(makeValueAxis()),
      corrected_(new QLineSeries),
      uncorrected_(new QLineSeries),
      closedCorrected_(new QLineSeries),
      closedUncorrected_(new QLineSeries),
      bias1_(new QLineSeries),
      bias2_(new QLineSeries),
      meanM_(new QScatterSeries),
      meanV_(new QScatterSeries)
{
    setObjectName(QStringLiteral("biasCorrectionLab"));
    ControlStrip* c = controls();
    alpha_ = c->addNumber(QStringLiteral("alpha"), tr("&Learning rate:"), 0.0001, 1, 0.001, 4);
    alpha_->setPrefix(QStringLiteral("α = "));
    alpha_->setAccessibleName(tr("Learning rate α"));
    alpha_->setSingleStep(0.001);
    beta1_ = c->addNumber(QStringLiteral("beta1"), tr("First-moment &decay:"), 0, 0.999, 0.9, 3);
    beta1_->setPrefix(QStringLiteral("β₁ = "));
    beta1_->setAccessibleName(tr("First-moment decay β₁"));
    beta1_->setSingleStep(0.01);
    beta2_ = c->addNumber(QStringLiteral("beta2"), tr("Second-moment d&ecay:"), 0, 0.99999, 0.999, 5);
    beta2_->setPrefix(QStringLiteral("β₂ = "));
    beta2_->setAccessibleName(tr("Second-moment decay β₂"));
    beta2_->setSingleStep(0.001);
    steps_ = c->addInteger(QStringLiteral("steps"), tr("S&teps:"), 5, 500, 50);
    steps_->setAccessibleName(tr("Number of steps"));
    c->newRow();
    stream_ = c->addChoice(QStringLiteral("stream"), tr("&Gradient:"),
                           {{tr("constant g"), QStringLiteral("constant")},
                            {tr("noisy g + σ·N(0, 1)"), QStringLiteral("noisy")}},
                           0, tr("The stream of gradients Adam is fed, one coordinate"));
    gradient_ = c->addNumber(QStringLiteral("gradient"), tr("&Mean:"), 0.01, 10, 1, 2);
    gradient_->setPrefix(QStringLiteral("g = "));
    gradient_->setAccessibleName(tr("Mean gradient g"));
    noise_ = c->addNumber(QStringLiteral("noise"), tr("&Noise:"), 0, 10, 1, 2);
    noise_->setPrefix(QStringLiteral("σ = "));
    noise_->setAccessibleName(tr("Noise standard deviation σ"));
    seed_ = c->addInteger(QStringLiteral("seed"), tr("See&d:"), 1, 1000000, 1);
    seed_->setAccessibleName(tr("Seed of the gradient streams"));
    auto enableNoise = [this] {
        noise_->setEnabled(noisy(stream_));
        seed_->setEnabled(noisy(stream_));
    };
    connect(stream_, &QComboBox::currentIndexChanged, this, enableNoise);
    enableNoise();

    // Adam's step per step, in units of α.
    QChart* s = stepChart_->chart();
    stepChart_->setObjectName(QStringLiteral("stepChart"));
    stepChart_->setAccessibleName(tr("Adam's step size per step, with and without the bias correction"));
    s->setTitle(tr("Step size |Δxₜ| / α"));
    stepX_->setTitleText(tr("step t"));
    stepY_->setTitleText(tr("|Δxₜ| / α"));
    s->addAxis(stepX_, Qt::AlignBottom);
    s->addAxis(stepY_, Qt::AlignLeft);
    corrected_->setObjectName(QStringLiteral("corrected"));
    corrected_->setName(tr("with correction (Adam)"));
    corrected_->setPen(QPen(hueColor(Hue::Blue), 3));
    corrected_->setPointsVisible(true);
    uncorrected_->setObjectName(QStringLiteral("uncorrected"));
    uncorrected_->setName(tr("without correction, m/√v"));
    uncorrected_->setPen(QPen(hueColor(Hue::Vermillion), 3));
    uncorrected_->setPointsVisible(true);
    closedCorrected_->setObjectName(QStringLiteral("closedCorrected"));
    closedCorrected_->setName(tr("closed form with: α|g|/(|g| + ε)"));
    closedCorrected_->setPen(QPen(hueColor(Hue::SkyBlue), 2, Qt::DashLine));
    closedUncorrected_->setObjectName(QStringLiteral("closedUncorrected"));
    closedUncorrected_->setName(tr("closed form without: α(1 − β₁ᵗ)/√(1 − β₂ᵗ)"));
    closedUncorrected_->setPen(QPen(hueColor(Hue::Orange), 2, Qt::DashLine));
    for (QXYSeries* x : std::initializer_list<QXYSeries*>{corrected_, uncorrected_, closedCorrected_, closedUncorrected_})
        addTo(s, x, stepX_, stepY_);
    setNiceRange(stepX_, 0, 50);
    setNiceRange(stepY_, 0, 7);

    // The bias factors, with the measured means of m and v over the streams.
    QChart* b = biasChart_->chart();
    biasChart_->setObjectName(QStringLiteral("biasChart"));
    biasChart_->setAccessibleName(tr("The bias factors 1 − β₁ᵗ and 1 − β₂ᵗ with the mean moments over the streams"));
    b->setTitle(tr("Bias factors, and the moments over %1 streams").arg(kStreams));
    biasX_->setTitleText(tr("step t"));
    biasY_->setTitleText(tr("factor"));
    b->addAxis(biasX_, Qt::AlignBottom);
    b->addAxis(biasY_, Qt::AlignLeft);
    bias1_->setObjectName(QStringLiteral("bias1"));
    bias1_->setName(tr("1 − β₁ᵗ"));
    bias1_->setPen(QPen(hueColor(Hue::Blue), 2.5));
    bias2_->setObjectName(QStringLiteral("bias2"));
    bias2_->setName(tr("1 − β₂ᵗ"));
    bias2_->setPen(QPen(hueColor(Hue::Vermillion), 2.5));
    meanM_->setObjectName(QStringLiteral("meanM"));
    meanM_->setName(tr("mean mₜ / g"));
    meanM_->setColor(hueColor(Hue::SkyBlue));
    meanM_->setBorderColor(hueColor(Hue::Ink));
    meanM_->setMarkerSize(8);
    meanV_->setObjectName(QStringLiteral("meanV"));
    meanV_->setName(tr("mean vₜ / (g² + σ²)"));
    meanV_->setColor(hueColor(Hue::Orange));
    meanV_->setBorderColor(hueColor(Hue::Ink));
    meanV_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    meanV_->setMarkerSize(8);
    for (QXYSeries* x : std::initializer_list<QXYSeries*>{bias1_, bias2_, meanM_, meanV_}) addTo(b, x, biasX_, biasY_);
    setNiceRange(biasX_, 0, 50);
    setNiceRange(biasY_, 0, 1);

    addFigure(stepChart_);
    addFigure(biasChart_);
    for (FigureChart* f : {stepChart_, biasChart_}) f->restyle();
    recompute();
}

void BiasCorrectionLab::run()
{
    BiasCorrectionParams p;
    p.alpha = alpha_->value();
    p.beta1 = beta1_->value();
    p.beta2 = beta2_->value();
    p.gradient = gradient_->value();
    p.sigma = noisy(stream_) ? noise_->value() : 0.0;
    p.seed = std::uint64_t(seed_->value());
    p.steps = steps_->value();
    p.streams = kStreams;
    runJob<std::shared_ptr<const BiasCorrectionResult>>(
        tr("Running Adam on %1 gradient streams…").arg(kStreams),
        [p](Progress& progress) {
            return std::make_shared<const BiasCorrectionResult>(runBiasCorrection(p, progress));
        },
        [this](const std::shared_ptr<const BiasCorrectionResult>& r) {
            if (r->cancelled) return;
            result_ = r;
            dropped_ = 0;
            showSteps();
            showNext([this] { showBias(); });
            showNext([this] { showReadout(); });
        });
}

void BiasCorrectionLab::showSteps()
{
    const BiasCorrectionResult& r = *result_;
    const double a = r.params.alpha;
    double hi = 1.0;
    auto curve = [&](const std::vector<double>& values) {
        QList<QPointF> pts;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const double v = values[i] / a;
            if (!std::isfinite(v)) {
                ++dropped_;
                continue;
            }
            pts.append({double(i + 1), v});
            hi = std::max(hi, v);
        }
        return pts;
    };
    const QList<QPointF> c = curve(r.corrected), u = curve(r.uncorrected), cc = curve(r.closedCorrected),
                         cu = curve(r.closedUncorrected);
    setNiceRange(stepX_, 0, r.params.steps);
    setNiceRange(stepY_, 0, hi * 1.05);
    replaceIfChanged(closedCorrected_, cc);
    replaceIfChanged(closedUncorrected_, cu);
    replaceIfChanged(corrected_, c);
    replaceIfChanged(uncorrected_, u);
    const bool few = r.params.steps <= 100;
    corrected_->setPointsVisible(few);
    uncorrected_->setPointsVisible(few);
    stepChart_->restyle();
}

void BiasCorrectionLab::showBias()
{
    const BiasCorrectionResult& r = *result_;
    const double g = r.params.gradient, g2 = g * g + r.params.sigma * r.params.sigma;
    double hi = 1.0;
    auto curve = [&](const std::vector<double>& values, double scale) {
        QList<QPointF> pts;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const double v = values[i] / scale;
            if (!std::isfinite(v)) {
                ++dropped_;
                continue;
            }
            pts.append({double(i + 1), v});
            hi = std::max(hi, v);
        }
        return pts;
    };
    const QList<QPointF> b1 = curve(r.bias1, 1.0), b2 = curve(r.bias2, 1.0), m = curve(r.meanM, g), v = curve(r.meanV, g2);
    setNiceRange(biasX_, 0, r.params.steps);
    setNiceRange(biasY_, 0, hi * 1.05);
    replaceIfChanged(bias1_, b1);
    replaceIfChanged(bias2_, b2);
    replaceIfChanged(meanM_, m);
    replaceIfChanged(meanV_, v);
    const int size = r.params.steps <= 100 ? 8 : 5;
    meanM_->setMarkerSize(size);
    meanV_->setMarkerSize(size);
    biasChart_->restyle();
}

void BiasCorrectionLab::showReadout()
{
    const BiasCorrectionResult& r = *result_;
    const BiasCorrectionParams& p = r.params;
    const std::size_t T = r.corrected.size();
    std::size_t peak = 0;
    double cLo = INFINITY, cHi = 0, gap = 0;
    for (std::size_t i = 0; i < T; ++i) {
        if (r.uncorrected[i] > r.uncorrected[peak]) peak = i;
        cLo = std::min(cLo, r.corrected[i] / p.alpha);
        cHi = std::max(cHi, r.corrected[i] / p.alpha);
        gap = std::max(gap, std::abs(r.uncorrected[i] - r.closedUncorrected[i]) / p.alpha);
    }
    QStringList parts;
    const QString betas = tr("β₁ = %1, β₂ = %2").arg(n4(p.beta1), n4(p.beta2));
    if (p.sigma == 0) {
        parts << tr("Constant g = %1, %2: with the correction every step is %3 α (α|g|/(|g| + ε)).")
                     .arg(n4(p.gradient), betas, n4(cHi));
        parts << tr("Without it step 1 is %1 α, the largest %2 α at step %3, step %4 %5 α; the closed form "
                    "(1 − β₁ᵗ)/√(1 − β₂ᵗ) agrees to %6 α.")
                     .arg(n4(r.uncorrected[0] / p.alpha), n4(r.uncorrected[peak] / p.alpha))
                     .arg(peak + 1)
                     .arg(T)
                     .arg(n4(r.uncorrected[T - 1] / p.alpha), formatNumber(std::max(gap, 1e-300) < 1e-15 ? 0 : gap, 2));
    } else {
        parts << tr("Noisy g = %1 + %2·N(0, 1), %3, seed %4: with the correction the steps of the drawn stream run "
                    "from %5 α to %6 α; without it, step 1 is %7 α and the largest %8 α at step %9.")
                     .arg(n4(p.gradient), n4(p.sigma), betas)
                     .arg(p.seed)
                     .arg(n4(cLo), n4(cHi), n4(r.uncorrected[0] / p.alpha), n4(r.uncorrected[peak] / p.alpha))
                     .arg(peak + 1);
        parts << tr("Mean step over %1 streams at step %2: %3 α with, %4 α without.")
                     .arg(r.streams)
                     .arg(T)
                     .arg(n4(r.meanCorrected[T - 1] / p.alpha), n4(r.meanUncorrected[T - 1] / p.alpha));
    }
    if (!r.meanM.empty()) {
        int insideM = 0, insideV = 0;
        double worst = 0;
        for (std::size_t i = 0; i < T; ++i) {
            const double zm = r.seM[i] > 0 ? std::abs(r.meanM[i] - r.expectedM[i]) / r.seM[i] : 0;
            const double zv = r.seV[i] > 0 ? std::abs(r.meanV[i] - r.expectedV[i]) / r.seV[i] : 0;
            if (zm <= 1.96) ++insideM;
            if (zv <= 1.96) ++insideV;
            worst = std::max(worst, zm);
        }
        if (p.sigma > 0)
            parts << tr("Over %1 streams the mean mₜ is within the 95 % interval of (1 − β₁ᵗ)g at %2 of %3 steps "
                        "(at most %4 standard errors off), the mean vₜ of (1 − β₂ᵗ)(g² + σ²) at %5; at step 1 "
                        "mean m₁ = %6, against g = %7.")
                         .arg(r.streams)
                         .arg(insideM)
                         .arg(T)
                         .arg(formatNumber(worst, 3))
                         .arg(insideV)
                         .arg(n4(r.meanM[0]), n4(p.gradient));
        else
            parts << tr("mₜ = (1 − β₁ᵗ)g exactly: m₁ = %1 against g = %2.").arg(n4(r.meanM[0]), n4(p.gradient));
    }
    if (dropped_ > 0) parts << tr("%1 non-finite values were left out of the charts.").arg(dropped_);
    setReadout(parts.join(QLatin1Char(' ')), dropped_ > 0);
}

} // namespace minima
