#include "lessons/convexity/twinlab.h"

#include <QChart>
#include <QComboBox>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "engine/nn/activation.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"

namespace minima {

namespace {
QString num(double v)
{
    if (std::abs(v) < 5e-13) v = 0;
    return formatNumber(v, 3);
}
} // namespace

TwinLab::TwinLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      chart_(new FigureChart),
      axisX_(makeValueAxis()),
      axisY_(makeValueAxis()),
      line_(new QLineSeries),
      chord_(new QLineSeries),
      endsMarker_(new QScatterSeries),
      middle_(new QScatterSeries)
{
    setObjectName(QStringLiteral("twinLab"));
    ControlStrip* c = controls();
    width_ = c->addInteger(QStringLiteral("hiddenWidth"), tr("&Network: 2 inputs →"), 2, 16, 8, tr("hidden"));
    width_->setAccessibleName(tr("Hidden neurons"));
    activation_ = c->addChoice(QStringLiteral("activation"), tr("→ 1 output,"),
                               {{QStringLiteral("tanh"), int(Activation::Tanh)},
                                {QStringLiteral("ReLU"), int(Activation::ReLU)},
                                {QStringLiteral("sigmoid"), int(Activation::Sigmoid)}});
    activation_->setAccessibleName(tr("Hidden activation"));
    dataset_ = c->addChoice(QStringLiteral("dataset"), tr("&Data:"),
                            {{tr("two moons"), QStringLiteral("moons")},
                             {tr("circles"), QStringLiteral("circles")},
                             {tr("XOR"), QStringLiteral("xor")}});
    dataset_->setAccessibleName(tr("Data set"));
    c->newRow();
    ends_ = c->addChoice(QStringLiteral("ends"), tr("&Line from the trained network to:"),
                         {{tr("its twin (two neurons swapped)"), int(InterpolationEnds::PermutedTwin)},
                          {tr("a network trained from another seed"), int(InterpolationEnds::IndependentRuns)}});
    ends_->setAccessibleName(tr("What the line joins"));
    c->newRow();
    neuronA_ = c->addInteger(QStringLiteral("neuronA"), tr("S&wap:"), 1, 8, 1);
    neuronA_->setAccessibleName(tr("First swapped neuron"));
    neuronA_->setPrefix(tr("neuron "));
    neuronB_ = c->addInteger(QStringLiteral("neuronB"), tr("and"), 1, 8, 2);
    neuronB_->setAccessibleName(tr("Second swapped neuron"));
    neuronB_->setPrefix(tr("neuron "));
    seed_ = c->addInteger(QStringLiteral("seed"), tr("S&eed:"), 1, 9999, 1);
    seed_->setAccessibleName(tr("Seed of the data and the training"));

    QChart* chart = chart_->chart();
    chart_->setObjectName(QStringLiteral("interpolationChart"));
    chart_->setAccessibleName(tr("Loss along the straight line between the two networks"));
    chart->setTitle(tr("Loss along the line θ(α) = (1 − α)·A + α·B"));
    axisX_->setTitleText(tr("α (0: the trained network A, 1: its twin B)"));
    axisY_->setTitleText(tr("training loss (MSE)"));
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    setNiceRange(axisX_, -0.25, 1.25, 7);
    setNiceRange(axisY_, 0, 1);
    line_->setObjectName(QStringLiteral("lossAlongLine"));
    line_->setName(tr("loss along the line"));
    line_->setPen(QPen(hueColor(Hue::Blue), 3));
    chord_->setObjectName(QStringLiteral("chord"));
    chord_->setName(tr("chord between the ends"));
    chord_->setPen(QPen(hueColor(Hue::Vermillion), 2.5, Qt::DashLine));
    endsMarker_->setObjectName(QStringLiteral("ends"));
    endsMarker_->setName(tr("A and B: equal loss"));
    endsMarker_->setColor(hueColor(Hue::SkyBlue));
    endsMarker_->setBorderColor(hueColor(Hue::Ink));
    endsMarker_->setMarkerSize(15);
    middle_->setObjectName(QStringLiteral("midpoint"));
    middle_->setName(tr("midpoint α = ½"));
    middle_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    middle_->setColor(hueColor(Hue::Orange));
    middle_->setBorderColor(hueColor(Hue::Ink));
    middle_->setMarkerSize(13);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{line_, chord_, endsMarker_, middle_}) {
        chart->addSeries(s);
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    chart_->restyle();
    // Room on the right for the last tick label ("1.25"), centred on the plot's edge.
    QMargins margins = chart->margins();
    margins.setRight(std::max(margins.right(), chart_->fontMetrics().horizontalAdvance(QStringLiteral("1.25")) * 3 / 4 + 4));
    chart->setMargins(margins);
    addFigure(chart_);

    connect(width_, &QSpinBox::valueChanged, this, [this](int n) {
        neuronA_->setMaximum(n);
        neuronB_->setMaximum(n);
    });
    connect(ends_, &QComboBox::currentIndexChanged, this, [this] {
        const bool twin = ends_->currentData().toInt() == int(InterpolationEnds::PermutedTwin);
        neuronA_->setEnabled(twin);
        neuronB_->setEnabled(twin);
    });
    recompute();
}

InterpolationParams TwinLab::params() const
{
    InterpolationParams p;
    p.widths = {2, width_->value(), 1};
    p.activation = Activation(activation_->currentData().toInt());
    p.dataset = dataset_->currentData().toString().toStdString();
    p.ends = InterpolationEnds(ends_->currentData().toInt());
    p.layer = 0;
    // The learner counts neurons from 1; the engine from 0.
    p.neuronA = neuronA_->value() - 1;
    p.neuronB = neuronB_->value() - 1;
    p.seed = std::uint64_t(seed_->value());
    return p;
}

void TwinLab::clearSeries()
{
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{line_, chord_, endsMarker_, middle_}) s->clear();
}

void TwinLab::run()
{
    hasResult_ = false;
    const InterpolationParams p = params();
    if (p.ends == InterpolationEnds::PermutedTwin && p.neuronA == p.neuronB) {
        job()->cancel();
        clearSeries();
        setReadout(tr("Swapping a neuron with itself changes nothing: pick two different neurons."), true);
        return;
    }
    runJob<InterpolationResult>(tr("Training the network (Adam, %1 epochs)…").arg(p.epochs),
                                [p](Progress& progress) { return runInterpolation(p, progress); },
                                [this, p](const InterpolationResult& r) { showResult(r, p); });
}

void TwinLab::showResult(const InterpolationResult& r, const InterpolationParams& p)
{
    result_ = r;
    hasResult_ = true;
    QList<QPointF> pts;
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = 0; i < r.alphas.size(); ++i)
        if (std::isfinite(r.losses[i])) {
            pts.append({r.alphas[i], r.losses[i]});
            lo = std::min(lo, r.losses[i]);
            hi = std::max(hi, r.losses[i]);
        }
    if (r.trainingDiverged || pts.isEmpty() || !std::isfinite(r.lossA) || !std::isfinite(r.lossB)) {
        clearSeries();
        setReadout(tr("The training diverged: try another seed."), true);
        return;
    }
    line_->replace(pts);
    chord_->replace({QPointF(0, r.lossA), QPointF(1, r.lossB)});
    endsMarker_->replace({QPointF(0, r.lossA), QPointF(1, r.lossB)});
    middle_->replace({QPointF(0.5, r.midpointLoss)});
    setNiceRange(axisX_, r.alphas.front(), r.alphas.back(), 7);
    const double pad = 0.08 * std::max(hi - lo, 1e-6);
    setNiceRange(axisY_, std::max(0.0, lo - pad), hi + pad);
    chart_->restyle();

    const bool twin = p.ends == InterpolationEnds::PermutedTwin;
    const double chordMid = 0.5 * (r.lossA + r.lossB);
    QString text;
    if (twin)
        text = tr("A and its twin B compute the same function (largest difference of their outputs: %1) and have the "
                  "same loss, %2 and %3, yet they are %4 apart in weight space. ")
                   .arg(num(r.endpointOutputDeviation), num(r.lossA), num(r.lossB), num(r.parameterDistance));
    else
        text = tr("Two networks trained from different seeds: losses %1 and %2, %3 apart in weight space. ")
                   .arg(num(r.lossA), num(r.lossB), num(r.parameterDistance));
    if (r.barrier > 0)
        text += tr("Halfway between them the loss is <b>%1</b>, a barrier of <b>%2</b> above the higher end; the chord "
                   "there is at %3. The chord lies <b>below</b> the surface, which a convex loss never allows: "
                   "the loss is not convex.")
                    .arg(num(r.midpointLoss), num(r.barrier), num(chordMid));
    else
        text += tr("No barrier along this line (midpoint loss %1, chord %2): this pair is no counterexample. "
                   "Try other neurons or another seed.")
                    .arg(num(r.midpointLoss), num(chordMid));
    setReadout(text);
}

} // namespace minima
