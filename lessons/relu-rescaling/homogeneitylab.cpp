#include "lessons/relu-rescaling/homogeneitylab.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "engine/nn/activation.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/relu-rescaling/factorcontrol.h"
#include "lessons/common/charts/niceaxis.h"

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

QString number(double v) { return QString::number(v, 'g', 3).replace(QLatin1Char('-'), QChar(0x2212)); }
} // namespace

HomogeneityLab::HomogeneityLab(LessonContext&, QWidget* parent)
    : QWidget(parent),
      factor_(new RescalingFactorControl(4.0, true, this)),
      activation_(new QComboBox(this)),
      chart_(new FigureChart(this)),
      scaledInput_(new QLineSeries),
      scaledOutput_(new QLineSeries),
      axisX_(new QValueAxis),
      axisY_(new QValueAxis),
      verdict_(new QLabel(this))
{
    setObjectName(QStringLiteral("homogeneityLab"));
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    auto* activationLabel = new QLabel(tr("&Activation:"), this);
    activationLabel->setBuddy(activation_);
    activation_->setObjectName(QStringLiteral("activationBox"));
    activation_->setAccessibleName(tr("Activation function f"));
    activation_->addItem(tr("ReLU: max(0, z)"), int(Activation::ReLU));
    activation_->addItem(tr("Leaky ReLU: max(0.01 z, z)"), int(Activation::LeakyReLU));
    activation_->addItem(tr("Linear: z"), int(Activation::Linear));
    activation_->addItem(tr("tanh z"), int(Activation::Tanh));
    activation_->addItem(tr("Sigmoid: 1 / (1 + e⁻ᶻ)"), int(Activation::Sigmoid));
    controls->addWidget(activationLabel);
    controls->addWidget(activation_);
    controls->addSpacing(12);
    controls->addWidget(factor_, 1);
    layout->addLayout(controls);

    factor_->setValue(2.0);
    chart_->setObjectName(QStringLiteral("homogeneityChart"));
    chart_->setAccessibleName(tr("f(k·z) and k·f(z) against z"));
    QChart* chart = chart_->chart();
    scaledInput_->setObjectName(QStringLiteral("scaledInput"));
    scaledOutput_->setObjectName(QStringLiteral("scaledOutput"));
    chart->addSeries(scaledInput_);
    chart->addSeries(scaledOutput_);
    axisX_->setTitleText(tr("pre-activation z"));
    axisX_->setRange(-kZMax, kZMax);
    axisX_->setTickCount(7);
    axisY_->setTitleText(tr("output"));
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    for (QLineSeries* s : {scaledInput_, scaledOutput_}) {
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    layout->addWidget(chart_, 1);

    verdict_->setObjectName(QStringLiteral("verdict"));
    verdict_->setWordWrap(true);
    verdict_->setTextFormat(Qt::RichText);
    verdict_->setAccessibleName(tr("Do the two curves coincide?"));
    layout->addWidget(verdict_);

    connect(factor_, &RescalingFactorControl::valueChanged, this, &HomogeneityLab::update);
    connect(activation_, &QComboBox::currentIndexChanged, this, &HomogeneityLab::update);
    update();
}

void HomogeneityLab::update()
{
    const double k = factor_->value();
    const auto f = Activation(activation_->currentData().toInt());
    // f evaluated by the engine on the sampled z and k z.
    Eigen::MatrixXd z(1, kSamples), kz(1, kSamples), fz, fkz;
    for (int i = 0; i < kSamples; ++i) z(0, i) = -kZMax + 2 * kZMax * i / (kSamples - 1);
    kz = k * z;
    activate(f, z, fz);
    activate(f, kz, fkz);

    QList<QPointF> a, b;
    double lo = 0, hi = 0, gap = 0;
    int gapAt = 0;
    for (int i = 0; i < kSamples; ++i) {
        const double left = fkz(0, i), right = k * fz(0, i);
        a.append({z(0, i), left});
        b.append({z(0, i), right});
        lo = std::min({lo, left, right});
        hi = std::max({hi, left, right});
        if (std::fabs(left - right) > gap) {
            gap = std::fabs(left - right);
            gapAt = i;
        }
    }
    const QString name = shortName(f);
    scaledInput_->setName(tr("%1(k·z)").arg(name));
    scaledOutput_->setName(tr("k·%1(z)").arg(name));
    scaledInput_->replace(a);
    scaledOutput_->replace(b);
    QPen pa(hueColor(Hue::Blue), 4);
    scaledInput_->setPen(pa);
    QPen pb(hueColor(Hue::Vermillion), 2.5, Qt::DashLine);
    scaledOutput_->setPen(pb);
    setNiceRange(axisY_, lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo));
    chart_->chart()->setTitle(tr("%1(k·z) against k·%1(z) for k = %2").arg(name, number(k)));
    chart_->restyle();

    const QString kText = number(k);
    if (gap <= 1e-12 * std::max(1.0, hi - lo)) {
        QString why;
        if (f == Activation::Linear) why = tr("A linear unit is homogeneous for every k.");
        else if (k > 0) why = tr("For k > 0, k·z has the sign of z, so the unit fires on the same side and its output scales by k.");
        else if (k == 0) why = tr("Both sides are 0 at k = 0 (but a rescaling must divide by k, so k = 0 is still no rescaling).");
        else if (f == Activation::Tanh && k == -1) why = tr("tanh is odd, tanh(−z) = −tanh(z): the sign flip of the identifiability lesson.");
        else why = tr("At this k the two happen to agree.");
        verdict_->setText(tr("<b>They coincide</b> for k = %1: %2(k·z) = k·%2(z) at every z shown. %3").arg(kText, name, why));
    } else {
        const int i = gapAt;
        QString why;
        if ((f == Activation::ReLU || f == Activation::LeakyReLU) && k < 0)
            why = tr("For k < 0 the unit fires on the other side of 0: the book's \"any nonzero k\" fails here.");
        else if (f == Activation::Tanh || f == Activation::Sigmoid)
            why = tr("%1 bends, so scaling its input is not scaling its output.").arg(name);
        verdict_->setText(tr("<b>They split</b> for k = %1: at z = %2, %3(k·z) = %4 but k·%3(z) = %5. %6")
                              .arg(kText, number(z(0, i)), name, number(fkz(0, i)), number(k * fz(0, i)), why));
    }
}

} // namespace minima
