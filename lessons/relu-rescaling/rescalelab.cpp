#include "lessons/relu-rescaling/rescalelab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalBlocker>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "engine/symmetry/symmetry.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/networkdiagram.h"
#include "lessons/relu-rescaling/factorcontrol.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/relu-rescaling/rescalingexample.h"

namespace minima {

namespace {
constexpr double kXMax = 4.0;    // plotted x from -4 to 4 (the data lie in [-π, π])
constexpr int kSamples = 321;

QString number(double v, int digits = 3)
{
    return QString::number(v, 'g', digits).replace(QLatin1Char('-'), QChar(0x2212));
}
} // namespace

RescaleLab::RescaleLab(LessonContext&, QWidget* parent)
    : QWidget(parent),
      factor_(new RescalingFactorControl(4.0, true, this)),
      neuron_(new QComboBox(this)),
      scaleBias_(new QCheckBox(tr("Scale the &bias with the incoming weights"), this)),
      before_(new NetworkDiagram(this)),
      after_(new NetworkDiagram(this)),
      afterTitle_(new QLabel(this)),
      chart_(new FigureChart(this)),
      original_(new QLineSeries),
      rescaled_(new QLineSeries),
      data_(new QScatterSeries),
      axisY_(new QValueAxis),
      weights_(new QLabel(this)),
      verdict_(new QLabel(this)),
      inputs_(sampleInputs(-kXMax, kXMax, kSamples))
{
    setObjectName(QStringLiteral("rescaleLab"));
    const RescalingExample& ex = rescalingExample();
    auto* layout = new QVBoxLayout(this);

    auto* controls = new QHBoxLayout;
    auto* neuronLabel = new QLabel(tr("&Neuron:"), this);
    neuronLabel->setBuddy(neuron_);
    neuron_->setObjectName(QStringLiteral("neuronBox"));
    neuron_->setAccessibleName(tr("Hidden neuron to rescale"));
    fillNeuronChoices(neuron_, ex.net);
    scaleBias_->setObjectName(QStringLiteral("scaleBias"));
    scaleBias_->setAccessibleName(tr("Scale the neuron's bias with its incoming weights"));
    scaleBias_->setChecked(true);
    controls->addWidget(neuronLabel);
    controls->addWidget(neuron_);
    controls->addSpacing(12);
    controls->addWidget(factor_, 1);
    layout->addLayout(controls);
    layout->addWidget(scaleBias_);

    // The two networks side by side, the chosen neuron selected in both.
    auto* diagrams = new QGridLayout;
    auto* beforeTitle = new QLabel(tr("<b>Original network</b>"), this);
    afterTitle_->setTextFormat(Qt::RichText);
    for (NetworkDiagram* d : {before_, after_}) {
        d->setNetwork(ex.net, ex.net.parameters());
        d->setRearrangeable(false);
        d->setMinimumHeight(170);
        d->setToolTip(tr("Blue: positive weight, vermillion: negative; thicker: larger |w|. Click a hidden neuron to rescale it."));
        connect(d, &NetworkDiagram::neuronSelected, this, &RescaleLab::selectFromDiagram);
    }
    before_->setObjectName(QStringLiteral("originalDiagram"));
    after_->setObjectName(QStringLiteral("rescaledDiagram"));
    before_->setAccessibleName(tr("Original network"));
    after_->setAccessibleName(tr("Rescaled network"));
    diagrams->addWidget(beforeTitle, 0, 0, Qt::AlignHCenter);
    diagrams->addWidget(afterTitle_, 0, 1, Qt::AlignHCenter);
    diagrams->addWidget(before_, 1, 0);
    diagrams->addWidget(after_, 1, 1);
    layout->addLayout(diagrams, 2);

    weights_->setObjectName(QStringLiteral("weights"));
    weights_->setTextFormat(Qt::RichText);
    weights_->setWordWrap(true);
    weights_->setAccessibleName(tr("The chosen neuron's weights before and after"));
    layout->addWidget(weights_);

    chart_->setObjectName(QStringLiteral("outputChart"));
    chart_->setAccessibleName(tr("Outputs of the original and the rescaled network"));
    QChart* chart = chart_->chart();
    original_->setName(tr("original network"));
    original_->setObjectName(QStringLiteral("original"));
    rescaled_->setObjectName(QStringLiteral("rescaled"));
    data_->setName(tr("training data: sin x + noise"));
    data_->setObjectName(QStringLiteral("data"));
    for (int i = 0; i < ex.data.inputs.cols(); ++i) data_->append(ex.data.inputs(0, i), ex.data.targets(0, i));
    chart->addSeries(data_);
    chart->addSeries(original_);
    chart->addSeries(rescaled_);
    auto* axisX = new QValueAxis;
    axisX->setTitleText(tr("input x"));
    axisX->setRange(-kXMax, kXMax);
    axisX->setTickCount(9);
    axisY_->setTitleText(tr("network output"));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{data_, original_, rescaled_}) {
        s->attachAxis(axisX);
        s->attachAxis(axisY_);
    }
    data_->setMarkerSize(7);
    data_->setColor(hueColor(Hue::Ink));
    data_->setBorderColor(Qt::transparent);
    original_->setPen(QPen(hueColor(Hue::Blue), 5));
    rescaled_->setPen(QPen(hueColor(Hue::Orange), 2.5, Qt::DashLine));
    chart->legend()->setAlignment(Qt::AlignBottom);
    layout->addWidget(chart_, 3);

    verdict_->setObjectName(QStringLiteral("verdict"));
    verdict_->setWordWrap(true);
    verdict_->setTextFormat(Qt::RichText);
    verdict_->setAccessibleName(tr("Is it the same function?"));
    layout->addWidget(verdict_);

    // A neuron that is active on the data and has a visible bias and outgoing weight: layer 1, neuron 1
    // unless the trained network says otherwise (see tst_relu_rescaling).
    neuron_->setCurrentIndex(0);
    factor_->setValue(2.0);
    connect(factor_, &RescalingFactorControl::valueChanged, this, &RescaleLab::update);
    connect(neuron_, &QComboBox::currentIndexChanged, this, &RescaleLab::update);
    connect(scaleBias_, &QCheckBox::toggled, this, &RescaleLab::update);
    update();
}

void RescaleLab::selectFromDiagram(int layer, int index)
{
    const RescalingExample& ex = rescalingExample();
    const int hidden = layer - 1;
    if (hidden < 0 || hidden >= ex.net.hiddenLayerCount()) {
        update();   // inputs and outputs cannot be rescaled: keep the chosen neuron selected
        return;
    }
    for (int i = 0; i < neuron_->count(); ++i) {
        const NeuronChoice c = neuronChoiceAt(neuron_, i);
        if (c.hidden == hidden && c.neuron == index) neuron_->setCurrentIndex(i);
    }
}

void RescaleLab::update()
{
    const RescalingExample& ex = rescalingExample();
    const double k = factor_->value();
    const bool withBias = scaleBias_->isChecked();
    const NeuronChoice c = neuronChoiceAt(neuron_, neuron_->currentIndex());
    before_->setSelected(c.hidden + 1, c.neuron);
    after_->setSelected(c.hidden + 1, c.neuron);

    const Eigen::MatrixXd fBefore = predict(ex.net, inputs_);
    QList<QPointF> a;
    for (int i = 0; i < kSamples; ++i) a.append({inputs_(0, i), fBefore(0, i)});
    original_->replace(a);
    double lo = std::min(fBefore.minCoeff(), ex.data.targets.minCoeff());
    double hi = std::max(fBefore.maxCoeff(), ex.data.targets.maxCoeff());

    const Network& net = ex.net;
    const double wIn = net.weights(c.hidden)(c.neuron, 0);   // first incoming weight
    const double bias = net.bias(c.hidden)(c.neuron);
    const auto outgoing = net.weights(c.hidden + 1).col(c.neuron);
    auto listOf = [](const Eigen::Ref<const Eigen::VectorXd>& v) {
        QStringList parts;
        for (Eigen::Index i = 0; i < v.size(); ++i) parts << number(v[i]);
        return parts.join(QStringLiteral(", "));
    };
    const QString name = neuronName(c);

    if (k == 0) {
        rescaled_->clear();
        rescaled_->setName(tr("rescaled network: refused for k = 0"));
        after_->setParameters(net.parameters());
        afterTitle_->setText(tr("<b>Rescaled network: none (k = 0)</b>"));
        weights_->setText(tr("%1: incoming %2, bias %3, outgoing (%4).").arg(name, number(wIn), number(bias), listOf(outgoing)));
        verdict_->setText(tr("<b>k = 0 is refused.</b> The outgoing weights would be divided by 0, and incoming weights "
                             "times 0 silence the neuron for good: nothing can undo that. A rescaling needs k &gt; 0."));
        chart_->chart()->setTitle(tr("Output of the network (no rescaling at k = 0)"));
    } else {
        Eigen::VectorXd p = net.parameters();
        rescaleNeuron(net, p, c.hidden, c.neuron, k, withBias);
        Workspace ws;
        const Eigen::MatrixXd fAfter = forward(net, p, inputs_, ws);
        QList<QPointF> b;
        double gap = 0;
        int gapAt = 0;
        for (int i = 0; i < kSamples; ++i) {
            b.append({inputs_(0, i), fAfter(0, i)});
            const double d = std::fabs(fAfter(0, i) - fBefore(0, i));
            if (d > gap) {
                gap = d;
                gapAt = i;
            }
        }
        lo = std::min(lo, fAfter.minCoeff());
        hi = std::max(hi, fAfter.maxCoeff());
        rescaled_->replace(b);
        rescaled_->setName(tr("rescaled network, k = %1%2").arg(number(k), withBias ? QString() : tr(", bias not scaled")));
        after_->setParameters(p);
        afterTitle_->setText(tr("<b>Rescaled network, k = %1</b>").arg(number(k)));
        const double wIn2 = net.weightsIn(p.data(), c.hidden)(c.neuron, 0);
        const double bias2 = net.biasIn(p.data(), c.hidden)(c.neuron);
        const Eigen::VectorXd outgoing2 = net.weightsIn(p.data(), c.hidden + 1).col(c.neuron);
        weights_->setText(tr("%1: incoming %2 → %3, bias %4 → %5, outgoing (%6) → (%7).")
                              .arg(name, number(wIn), number(wIn2), number(bias), number(bias2), listOf(outgoing),
                                   listOf(outgoing2)));
        chart_->chart()->setTitle(tr("Output of the original and the rescaled network, k = %1").arg(number(k)));
        const double scale = std::max(1.0, fBefore.cwiseAbs().maxCoeff());
        if (gap <= 1e-12 * scale) {
            const QString agree = gap == 0 ? tr("The curves agree exactly")
                                           : tr("The curves agree to %1 (rounding)").arg(number(gap, 2));
            verdict_->setText(tr("<b>Same function.</b> %1: relu(k·z) = k·relu(z) for k &gt; 0, so the neuron's output "
                                 "is k times larger and the outgoing weights, divided by k, undo it.")
                                  .arg(agree));
        } else if (k < 0) {
            verdict_->setText(tr("<b>A different function</b> (largest gap %1 at x = %2). For k &lt; 0, relu(k·z) = "
                                 "|k|·relu(−z): the neuron now fires where it was silent. The book's \"any nonzero "
                                 "constant k\" is wrong for negative k.")
                                  .arg(number(gap), number(inputs_(0, gapAt))));
        } else {
            verdict_->setText(tr("<b>A different function</b> (largest gap %1 at x = %2). With the bias left alone the "
                                 "neuron computes relu(k·w·x + b) instead of k·relu(w·x + b): its kink moves. The bias "
                                 "must scale with the incoming weights.")
                                  .arg(number(gap), number(inputs_(0, gapAt))));
        }
    }
    setNiceRange(axisY_, lo, hi);
    chart_->restyle();
}

} // namespace minima
