#include "lessons/relu-rescaling/homogeneitylab.h"

#include <QComboBox>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "engine/nn/activation.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/controlstrip.h"
#include "lessons/relu-rescaling/factorcontrol.h"

namespace minima {

namespace {
constexpr double kZMax = 3.0;
constexpr int kSamples = 241;   // z = -3, -2.975, ..., 3: 0 and the integers are samples

QString shortName(Activation a)
{
    switch (a) {
    case Activation::ReLU: return QStringLiteral("relu");
    case Activation::LeakyReLU: return QStringLiteral("leaky");
    case Activation::Tanh: return QStringLiteral("tanh");
    case Activation::Sigmoid: return QStringLiteral("σ");
    case Activation::Linear: return QStringLiteral("id");
    }
    return {};
}

} // namespace

// f(k z) and k f(z) on the sampled z, and where they differ most.
struct HomogeneityCurves {
    Activation f = Activation::ReLU;
    double k = 1;
    QList<QPointF> scaledInput, scaledOutput;
    double lo = 0, hi = 0, gap = 0;
    double gapZ = 0, gapLeft = 0, gapRight = 0;
};

namespace {
HomogeneityCurves computeCurves(Activation f, double k)
{
    // f evaluated by the engine on the sampled z and k z.
    Eigen::MatrixXd z(1, kSamples), kz(1, kSamples), fz, fkz;
    for (int i = 0; i < kSamples; ++i) z(0, i) = -kZMax + 2 * kZMax * i / (kSamples - 1);
    kz = k * z;
    activate(f, z, fz);
    activate(f, kz, fkz);
    HomogeneityCurves c;
    c.f = f;
    c.k = k;
    for (int i = 0; i < kSamples; ++i) {
        const double left = fkz(0, i), right = k * fz(0, i);
        c.scaledInput.append({z(0, i), left});
        c.scaledOutput.append({z(0, i), right});
        c.lo = std::min({c.lo, left, right});
        c.hi = std::max({c.hi, left, right});
        if (std::fabs(left - right) > c.gap) {
            c.gap = std::fabs(left - right);
            c.gapZ = z(0, i);
            c.gapLeft = left;
            c.gapRight = right;
        }
    }
    return c;
}
} // namespace

HomogeneityLab::HomogeneityLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      chart_(new FigureChart),
      scaledInput_(new QLineSeries),
      scaledOutput_(new QLineSeries),
      axisX_(makeValueAxis()),
      axisY_(makeValueAxis())
{
    setObjectName(QStringLiteral("homogeneityLab"));
    ControlStrip* c = controls();
    activation_ = c->addChoice(QStringLiteral("activationBox"), tr("&Activation:"),
                               {{tr("ReLU: max(0, z)"), int(Activation::ReLU)},
                                {tr("Leaky ReLU: max(0.01 z, z)"), int(Activation::LeakyReLU)},
                                {tr("Linear: z"), int(Activation::Linear)},
                                {tr("tanh z"), int(Activation::Tanh)},
                                {tr("Sigmoid: 1 / (1 + e⁻ᶻ)"), int(Activation::Sigmoid)}});
    activation_->setAccessibleName(tr("Activation function f"));
    factor_ = new RescalingFactorControl(c, 4.0, true, 2.0);

    chart_->setObjectName(QStringLiteral("homogeneityChart"));
    chart_->setAccessibleName(tr("f(k·z) and k·f(z) against z"));
    QChart* chart = chart_->chart();
    scaledInput_->setObjectName(QStringLiteral("scaledInput"));
    scaledOutput_->setObjectName(QStringLiteral("scaledOutput"));
    chart->addSeries(scaledInput_);
    chart->addSeries(scaledOutput_);
    axisX_->setTitleText(tr("pre-activation z"));
    setNiceRange(axisX_, -kZMax, kZMax, 7);
    axisY_->setTitleText(tr("output"));
    setNiceRange(axisY_, -1, 1);
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    for (QLineSeries* s : {scaledInput_, scaledOutput_}) {
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    scaledInput_->setPen(QPen(hueColor(Hue::Blue), 4));
    scaledOutput_->setPen(QPen(hueColor(Hue::Vermillion), 2.5, Qt::DashLine));
    chart_->restyle();
    addFigure(chart_);
    recompute();
}

void HomogeneityLab::run()
{
    const double k = factor_->value();
    const auto f = Activation(activation_->currentData().toInt());
    runJob<HomogeneityCurves>(tr("Evaluating f…"), [f, k](Progress&) { return computeCurves(f, k); },
                              [this](const HomogeneityCurves& c) { showResult(c); });
}

void HomogeneityLab::showResult(const HomogeneityCurves& c)
{
    const Activation f = c.f;
    const double k = c.k;
    const double lo = c.lo, hi = c.hi;
    const QString name = shortName(f);
    scaledInput_->setName(tr("%1(k·z)").arg(name));
    scaledOutput_->setName(tr("k·%1(z)").arg(name));
    scaledInput_->replace(c.scaledInput);
    scaledOutput_->replace(c.scaledOutput);
    setNiceRange(axisY_, lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo));
    chart_->chart()->setTitle(tr("%1(k·z) against k·%1(z) for k = %2").arg(name, formatNumber(k)));
    chart_->restyle();

    const QString kText = formatNumber(k);
    if (c.gap <= 1e-12 * std::max(1.0, hi - lo)) {
        QString why;
        if (f == Activation::Linear) why = tr("A linear unit is homogeneous for every k.");
        else if (k > 0) why = tr("For k &gt; 0, k·z has the sign of z, so the unit fires on the same side and its output scales by k.");
        else if (k == 0) why = tr("Both sides are 0 at k = 0 (but a rescaling must divide by k, so k = 0 is still no rescaling).");
        else if (f == Activation::Tanh && k == -1) why = tr("tanh is odd, tanh(−z) = −tanh(z): the sign flip of the identifiability lesson.");
        else why = tr("At this k the two happen to agree.");
        setReadout(tr("<b>They coincide</b> for k = %1: %2(k·z) = k·%2(z) at every z shown. %3").arg(kText, name, why));
    } else {
        QString why;
        if ((f == Activation::ReLU || f == Activation::LeakyReLU) && k < 0)
            why = tr("For k &lt; 0 the unit fires on the other side of 0: the book's \"any nonzero k\" fails here.");
        else if (f == Activation::Tanh || f == Activation::Sigmoid)
            why = tr("%1 bends, so scaling its input is not scaling its output.").arg(name);
        setReadout(tr("<b>They split</b> for k = %1: at z = %2, %3(k·z) = %4 but k·%3(z) = %5. %6")
                       .arg(kText, formatNumber(c.gapZ), name, formatNumber(c.gapLeft), formatNumber(c.gapRight), why));
    }
}

} // namespace minima
