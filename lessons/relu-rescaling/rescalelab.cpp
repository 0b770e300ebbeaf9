#include "lessons/relu-rescaling/rescalelab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "engine/symmetry/symmetry.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/networkdiagram.h"
#include "lessons/common/wrappedlabel.h"
#include "lessons/relu-rescaling/factorcontrol.h"
#include "lessons/relu-rescaling/rescalingexample.h"

namespace minima {

// What one run computes: both networks' outputs on the plotted inputs, and the neuron's weights.
struct RescaleOutputs {
    double k = 1;
    bool withBias = true;
    NeuronChoice neuron;
    QList<QPointF> original, rescaled;   // rescaled is empty for k = 0
    Eigen::VectorXd parameters;          // the rescaled network's (the original's for k = 0)
    double wIn = 0, bias = 0, wIn2 = 0, bias2 = 0;
    Eigen::VectorXd outgoing, outgoing2;
    double gap = 0, gapAt = 0, scale = 1;
    double lo = 0, hi = 1;
};

namespace {
constexpr double kXMax = 4.0;    // plotted x from -4 to 4 (the data lie in [-π, π])
constexpr int kSamples = 321;

RescaleOutputs computeOutputs(double k, bool withBias, NeuronChoice c)
{
    const RescalingExample& ex = rescalingExample();
    const Network& net = ex.net;
    const Eigen::MatrixXd inputs = sampleInputs(-kXMax, kXMax, kSamples);
    RescaleOutputs r;
    r.k = k;
    r.withBias = withBias;
    r.neuron = c;
    const Eigen::MatrixXd fBefore = predict(net, inputs);
    for (int i = 0; i < kSamples; ++i) r.original.append({inputs(0, i), fBefore(0, i)});
    r.lo = std::min(fBefore.minCoeff(), ex.data.targets.minCoeff());
    r.hi = std::max(fBefore.maxCoeff(), ex.data.targets.maxCoeff());
    r.wIn = net.weights(c.hidden)(c.neuron, 0);   // first incoming weight
    r.bias = net.bias(c.hidden)(c.neuron);
    r.outgoing = net.weights(c.hidden + 1).col(c.neuron);
    r.parameters = net.parameters();
    r.scale = std::max(1.0, fBefore.cwiseAbs().maxCoeff());
    if (k == 0) return r;
    rescaleNeuron(net, r.parameters, c.hidden, c.neuron, k, withBias);
    Workspace ws;
    const Eigen::MatrixXd fAfter = forward(net, r.parameters, inputs, ws);
    for (int i = 0; i < kSamples; ++i) {
        r.rescaled.append({inputs(0, i), fAfter(0, i)});
        const double d = std::fabs(fAfter(0, i) - fBefore(0, i));
        if (d > r.gap) {
            r.gap = d;
            r.gapAt = inputs(0, i);
        }
    }
    r.lo = std::min(r.lo, fAfter.minCoeff());
    r.hi = std::max(r.hi, fAfter.maxCoeff());
    r.wIn2 = net.weightsIn(r.parameters.data(), c.hidden)(c.neuron, 0);
    r.bias2 = net.biasIn(r.parameters.data(), c.hidden)(c.neuron);
    r.outgoing2 = net.weightsIn(r.parameters.data(), c.hidden + 1).col(c.neuron);
    return r;
}

QString listOf(const Eigen::VectorXd& v)
{
    QStringList parts;
    for (Eigen::Index i = 0; i < v.size(); ++i) parts << formatNumber(v[i]);
    return parts.join(QStringLiteral(", "));
}
} // namespace

RescaleLab::RescaleLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      before_(new NetworkDiagram),
      after_(new NetworkDiagram),
      afterTitle_(new QLabel),
      chart_(new FigureChart),
      original_(new QLineSeries),
      rescaled_(new QLineSeries),
      data_(new QScatterSeries),
      axisY_(makeValueAxis()),
      weights_(new WrappedLabel)
{
    setObjectName(QStringLiteral("rescaleLab"));
    ControlStrip* c = controls();
    // A neuron that is active on the data and has a visible bias and outgoing weight: layer 1, neuron 1
    // unless the trained network says otherwise (see tst_relu_rescaling).
    neuron_ = c->addChoice(QStringLiteral("neuronBox"), tr("&Neuron:"), neuronChoices(rescalingExampleParams().widths), 0,
                           tr("The hidden neuron to rescale; or click one in a diagram"));
    neuron_->setAccessibleName(tr("Hidden neuron to rescale"));
    factor_ = new RescalingFactorControl(c, 4.0, true, 2.0);
    scaleBias_ = c->addToggle(QStringLiteral("scaleBias"), tr("Scale the &bias with the incoming weights"), true);
    scaleBias_->setAccessibleName(tr("Scale the neuron's bias with its incoming weights"));

    // The two networks side by side, the chosen neuron selected in both.
    auto* networks = new QWidget;
    networks->setObjectName(QStringLiteral("networks"));
    auto* diagrams = new QGridLayout(networks);
    diagrams->setContentsMargins(0, 0, 0, 0);
    auto* beforeTitle = new QLabel(tr("<b>Original network</b>"));
    afterTitle_->setTextFormat(Qt::RichText);
    afterTitle_->setText(tr("<b>Rescaled network</b>"));
    for (NetworkDiagram* d : {before_, after_}) {
        d->setRearrangeable(false);
        d->setMinimumHeight(150);
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
    weights_->setObjectName(QStringLiteral("weights"));
    weights_->setWordWrap(true);
    weights_->setTextFormat(Qt::PlainText);
    weights_->setAccessibleName(tr("The chosen neuron's weights before and after"));
    diagrams->addWidget(weights_, 2, 0, 1, 2);
    diagrams->setRowStretch(1, 1);
    addFigureWidget(networks, 2);

    chart_->setObjectName(QStringLiteral("outputChart"));
    chart_->setAccessibleName(tr("Outputs of the original and the rescaled network"));
    QChart* chart = chart_->chart();
    original_->setName(tr("original network"));
    original_->setObjectName(QStringLiteral("original"));
    rescaled_->setObjectName(QStringLiteral("rescaled"));
    rescaled_->setName(tr("rescaled network"));
    data_->setName(tr("training data: sin x + noise"));
    data_->setObjectName(QStringLiteral("data"));
    chart->addSeries(data_);
    chart->addSeries(original_);
    chart->addSeries(rescaled_);
    auto* axisX = makeValueAxis();
    axisX->setTitleText(tr("input x"));
    axisY_->setTitleText(tr("network output"));
    setNiceRange(axisX, -kXMax, kXMax, 9);
    setNiceRange(axisY_, -1, 1);
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
    chart->setTitle(tr("Output of the original and the rescaled network"));
    chart_->restyle();
    addFigure(chart_, 3);
    // The choice shows in both diagrams at once; the outputs follow when computed.
    connect(neuron_, &QComboBox::currentIndexChanged, this, [this](int index) {
        const NeuronChoice n = neuronChoiceAt(neuron_, index);
        before_->setSelected(n.hidden + 1, n.neuron);
        after_->setSelected(n.hidden + 1, n.neuron);
    });
    recompute();
}

void RescaleLab::selectFromDiagram(int layer, int index)
{
    const int hidden = layer - 1;
    const int hiddenLayers = int(rescalingExampleParams().widths.size()) - 2;
    if (hidden < 0 || hidden >= hiddenLayers) {
        // Inputs and outputs cannot be rescaled: keep the chosen neuron selected.
        const NeuronChoice c = neuronChoiceAt(neuron_, neuron_->currentIndex());
        before_->setSelected(c.hidden + 1, c.neuron);
        after_->setSelected(c.hidden + 1, c.neuron);
        return;
    }
    for (int i = 0; i < neuron_->count(); ++i) {
        const NeuronChoice c = neuronChoiceAt(neuron_, i);
        if (c.hidden == hidden && c.neuron == index) neuron_->setCurrentIndex(i);
    }
}

void RescaleLab::run()
{
    const double k = factor_->value();
    const bool withBias = scaleBias_->isChecked();
    const NeuronChoice c = neuronChoiceAt(neuron_, neuron_->currentIndex());
    before_->setSelected(c.hidden + 1, c.neuron);
    after_->setSelected(c.hidden + 1, c.neuron);
    runJob<RescaleOutputs>(tr("Computing both networks' outputs…"),
                           [k, withBias, c](Progress&) { return computeOutputs(k, withBias, c); },
                           [this](const RescaleOutputs& r) { showResult(r); });
}

void RescaleLab::showResult(const RescaleOutputs& r)
{
    const RescalingExample& ex = rescalingExample();   // trained by the first run, off this thread
    if (!networkShown_) {
        for (NetworkDiagram* d : {before_, after_}) d->setNetwork(ex.net, ex.net.parameters());
        QList<QPointF> data;
        for (int i = 0; i < ex.data.inputs.cols(); ++i) data.append({ex.data.inputs(0, i), ex.data.targets(0, i)});
        data_->replace(data);
        networkShown_ = true;
    }
    before_->setSelected(r.neuron.hidden + 1, r.neuron.neuron);
    after_->setSelected(r.neuron.hidden + 1, r.neuron.neuron);
    original_->replace(r.original);
    after_->setParameters(r.parameters);
    const QString name = neuronName(r.neuron);
    const QString k = formatNumber(r.k);
    if (r.k == 0) {
        rescaled_->clear();
        rescaled_->setName(tr("rescaled network: refused for k = 0"));
        afterTitle_->setText(tr("<b>Rescaled network: none (k = 0)</b>"));
        weights_->setText(tr("%1: incoming %2, bias %3, outgoing (%4).")
                              .arg(name, formatNumber(r.wIn), formatNumber(r.bias), listOf(r.outgoing)));
        setReadout(tr("<b>k = 0 is refused.</b> The outgoing weights would be divided by 0, and incoming weights "
                      "times 0 silence the neuron for good: nothing can undo that. A rescaling needs k &gt; 0."));
        chart_->chart()->setTitle(tr("Output of the network (no rescaling at k = 0)"));
    } else {
        rescaled_->replace(r.rescaled);
        rescaled_->setName(tr("rescaled network, k = %1%2").arg(k, r.withBias ? QString() : tr(", bias not scaled")));
        afterTitle_->setText(tr("<b>Rescaled network, k = %1</b>").arg(k));
        weights_->setText(tr("%1: incoming %2 → %3, bias %4 → %5, outgoing (%6) → (%7).")
                              .arg(name, formatNumber(r.wIn), formatNumber(r.wIn2), formatNumber(r.bias),
                                   formatNumber(r.bias2), listOf(r.outgoing), listOf(r.outgoing2)));
        chart_->chart()->setTitle(tr("Output of the original and the rescaled network, k = %1").arg(k));
        if (r.gap <= 1e-12 * r.scale) {
            const QString agree = r.gap == 0 ? tr("The curves agree exactly")
                                             : tr("The curves agree to %1 (rounding)").arg(formatNumber(r.gap, 2));
            setReadout(tr("<b>Same function.</b> %1: relu(k·z) = k·relu(z) for k &gt; 0, so the neuron's output "
                          "is k times larger and the outgoing weights, divided by k, undo it.")
                           .arg(agree));
        } else if (r.k < 0) {
            setReadout(tr("<b>A different function</b> (largest gap %1 at x = %2). For k &lt; 0, relu(k·z) = "
                          "|k|·relu(−z): the neuron now fires where it was silent. The book's \"any nonzero "
                          "constant k\" is wrong for negative k.")
                           .arg(formatNumber(r.gap), formatNumber(r.gapAt)));
        } else {
            setReadout(tr("<b>A different function</b> (largest gap %1 at x = %2). With the bias left alone the "
                          "neuron computes relu(k·w·x + b) instead of k·relu(w·x + b): its kink moves. The bias "
                          "must scale with the incoming weights.")
                           .arg(formatNumber(r.gap), formatNumber(r.gapAt)));
        }
    }
    setNiceRange(axisY_, r.lo, r.hi);
    chart_->restyle();
}

} // namespace minima
