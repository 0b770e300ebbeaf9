#include "lessons/convexity/twinlab.h"

#include <QChart>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "engine/nn/activation.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/jobstatus.h"

namespace minima {

namespace {

QString number(double v)
{
    if (std::abs(v) < 5e-13) v = 0;
    return QString::number(v, 'g', 4).replace(QLatin1Char('-'), QChar(0x2212));
}

QSpinBox* makeSpin(QWidget* parent, const QString& name, const QString& accessible, int lo, int hi, int value)
{
    auto* s = new QSpinBox(parent);
    s->setObjectName(name);
    s->setAccessibleName(accessible);
    s->setRange(lo, hi);
    s->setValue(value);
    s->setKeyboardTracking(false);
    return s;
}

} // namespace

TwinLab::TwinLab(LessonContext& context, QWidget* parent)
    : QWidget(parent),
      context_(context),
      width_(makeSpin(this, QStringLiteral("hiddenWidth"), tr("Hidden neurons"), 2, 16, 8)),
      activation_(new QComboBox(this)),
      dataset_(new QComboBox(this)),
      ends_(new QComboBox(this)),
      neuronA_(makeSpin(this, QStringLiteral("neuronA"), tr("First swapped neuron"), 1, 8, 1)),
      neuronB_(makeSpin(this, QStringLiteral("neuronB"), tr("Second swapped neuron"), 1, 8, 2)),
      seed_(makeSpin(this, QStringLiteral("seed"), tr("Seed of the data and the training"), 1, 9999, 1)),
      chart_(new FigureChart(this)),
      axisX_(new QValueAxis),
      axisY_(new QValueAxis),
      line_(new QLineSeries),
      chord_(new QLineSeries),
      endsMarker_(new QScatterSeries),
      middle_(new QScatterSeries),
      readout_(new QLabel(this)),
      job_(new FigureJob(context, this)),
      status_(new JobStatus(this))
{
    setObjectName(QStringLiteral("twinLab"));
    auto* layout = new QVBoxLayout(this);

    activation_->setObjectName(QStringLiteral("activation"));
    activation_->setAccessibleName(tr("Hidden activation"));
    activation_->addItem(QStringLiteral("tanh"), int(Activation::Tanh));
    activation_->addItem(QStringLiteral("ReLU"), int(Activation::ReLU));
    activation_->addItem(QStringLiteral("sigmoid"), int(Activation::Sigmoid));
    dataset_->setObjectName(QStringLiteral("dataset"));
    dataset_->setAccessibleName(tr("Data set"));
    dataset_->addItem(tr("two moons"), QStringLiteral("moons"));
    dataset_->addItem(tr("circles"), QStringLiteral("circles"));
    dataset_->addItem(tr("XOR"), QStringLiteral("xor"));
    ends_->setObjectName(QStringLiteral("ends"));
    ends_->setAccessibleName(tr("What the line joins"));
    ends_->addItem(tr("the network and its twin (two neurons swapped)"), int(InterpolationEnds::PermutedTwin));
    ends_->addItem(tr("two networks trained from different seeds"), int(InterpolationEnds::IndependentRuns));
    neuronA_->setPrefix(tr("neuron "));
    neuronB_->setPrefix(tr("neuron "));

    auto* controls = new QGridLayout;
    auto label = [this](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    controls->addWidget(label(tr("&Network: 2 inputs →"), width_), 0, 0);
    controls->addWidget(width_, 0, 1);
    controls->addWidget(label(tr("hidden →  1 output,"), activation_), 0, 2);
    controls->addWidget(activation_, 0, 3);
    controls->addWidget(label(tr("&Data:"), dataset_), 0, 4);
    controls->addWidget(dataset_, 0, 5);
    controls->addWidget(label(tr("&Line from the trained network to:"), ends_), 1, 0, 1, 2);
    controls->addWidget(ends_, 1, 2, 1, 4);
    controls->addWidget(label(tr("S&wap:"), neuronA_), 2, 0);
    controls->addWidget(neuronA_, 2, 1);
    controls->addWidget(neuronB_, 2, 2);
    controls->addWidget(label(tr("S&eed:"), seed_), 2, 4);
    controls->addWidget(seed_, 2, 5);
    controls->setColumnStretch(6, 1);
    layout->addLayout(controls);

    QChart* c = chart_->chart();
    chart_->setObjectName(QStringLiteral("interpolationChart"));
    chart_->setAccessibleName(tr("Loss along the straight line between the two networks"));
    c->setTitle(tr("Loss along the line θ(α) = (1 − α)·θ_A + α·θ_B"));
    axisX_->setTitleText(tr("α (0: the trained network A, 1: its twin B)"));
    axisY_->setTitleText(tr("training loss (MSE)"));
    axisX_->setLabelFormat(QStringLiteral("%g"));
    axisX_->setTickCount(7);   // -0.25, 0, 0.25, ..., 1.25
    axisY_->setLabelFormat(QStringLiteral("%.3g"));
    c->addAxis(axisX_, Qt::AlignBottom);
    c->addAxis(axisY_, Qt::AlignLeft);
    line_->setObjectName(QStringLiteral("lossAlongLine"));
    line_->setName(tr("loss along the line"));
    line_->setPen(QPen(hueColor(Hue::Blue), 3));
    chord_->setObjectName(QStringLiteral("chord"));
    chord_->setName(tr("chord between the ends"));
    chord_->setPen(QPen(hueColor(Hue::Vermillion), 2.5, Qt::DashLine));
    endsMarker_->setObjectName(QStringLiteral("ends"));
    endsMarker_->setName(tr("A and B: equal loss"));
    endsMarker_->setColor(hueColor(Hue::SkyBlue));
    endsMarker_->setBorderColor(Qt::black);
    endsMarker_->setMarkerSize(15);
    middle_->setObjectName(QStringLiteral("midpoint"));
    middle_->setName(tr("midpoint α = ½"));
    middle_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    middle_->setColor(hueColor(Hue::Orange));
    middle_->setBorderColor(Qt::black);
    middle_->setMarkerSize(13);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{line_, chord_, endsMarker_, middle_}) {
        c->addSeries(s);
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    c->legend()->setAlignment(Qt::AlignBottom);
    chart_->restyle();
    layout->addWidget(chart_, 1);

    readout_->setObjectName(QStringLiteral("readout"));
    readout_->setWordWrap(true);
    readout_->setTextFormat(Qt::RichText);
    readout_->setAccessibleName(tr("What the line shows"));
    layout->addWidget(readout_);
    status_->setObjectName(QStringLiteral("runStatus"));
    status_->follow(job_);
    layout->addWidget(status_);

    connect(width_, &QSpinBox::valueChanged, this, [this](int n) {
        neuronA_->setMaximum(n);
        neuronB_->setMaximum(n);
        start();
    });
    for (QSpinBox* s : {neuronA_, neuronB_, seed_}) connect(s, &QSpinBox::valueChanged, this, &TwinLab::start);
    for (QComboBox* b : {activation_, dataset_}) connect(b, &QComboBox::currentIndexChanged, this, &TwinLab::start);
    connect(ends_, &QComboBox::currentIndexChanged, this, [this] {
        const bool twin = ends_->currentData().toInt() == int(InterpolationEnds::PermutedTwin);
        neuronA_->setEnabled(twin);
        neuronB_->setEnabled(twin);
        start();
    });
    start();
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

void TwinLab::start()
{
    hasResult_ = false;
    const InterpolationParams p = params();
    if (p.ends == InterpolationEnds::PermutedTwin && p.neuronA == p.neuronB) {
        job_->cancel();
        line_->clear();
        chord_->clear();
        endsMarker_->clear();
        middle_->clear();
        readout_->setText(tr("Swapping a neuron with itself changes nothing: pick two <b>different</b> neurons."));
        status_->setMessage(tr("Nothing to compare."), true);
        return;
    }
    status_->setMessage(tr("Training the network (Adam, %1 epochs)…").arg(p.epochs));
    job_->start<InterpolationResult>([p](Progress& progress) { return runInterpolation(p, progress); },
                                     [this](const InterpolationResult& r) { show(r); });
}

void TwinLab::show(const InterpolationResult& r)
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
        line_->clear();
        chord_->clear();
        endsMarker_->clear();
        middle_->clear();
        readout_->setText(tr("The training diverged: try another seed."));
        status_->setMessage(tr("Training diverged."), true);
        return;
    }
    line_->replace(pts);
    chord_->replace({QPointF(0, r.lossA), QPointF(1, r.lossB)});
    endsMarker_->replace({QPointF(0, r.lossA), QPointF(1, r.lossB)});
    middle_->replace({QPointF(0.5, r.midpointLoss)});
    axisX_->setRange(r.alphas.front(), r.alphas.back());
    const double pad = 0.08 * std::max(hi - lo, 1e-6);
    axisY_->setRange(std::max(0.0, lo - pad), hi + pad);
    // Nice numbers change the tick count too: start from the same count so a state always gives the same axis.
    axisY_->setTickCount(6);
    axisY_->applyNiceNumbers();
    chart_->restyle();

    const bool twin = params().ends == InterpolationEnds::PermutedTwin;
    const double chordMid = 0.5 * (r.lossA + r.lossB);
    QString text;
    if (twin)
        text = tr("A and its twin B compute the same function (largest difference of their outputs: %1) and have the "
                  "same loss, %2 and %3, yet they are %4 apart in weight space. ")
                   .arg(number(r.endpointOutputDeviation), number(r.lossA), number(r.lossB), number(r.parameterDistance));
    else
        text = tr("Two networks trained from different seeds: losses %1 and %2, %3 apart in weight space. ")
                   .arg(number(r.lossA), number(r.lossB), number(r.parameterDistance));
    if (r.barrier > 0)
        text += tr("Halfway between them the loss is <b>%1</b>, a barrier of <b>%2</b> above the higher end; the chord "
                   "there is at %3. The chord lies <b>below</b> the surface, which a convex loss never allows: "
                   "the loss is not convex.")
                    .arg(number(r.midpointLoss), number(r.barrier), number(chordMid));
    else
        text += tr("No barrier along this line (midpoint loss %1, chord %2): this pair is no counterexample. "
                   "Try other neurons or another seed.")
                    .arg(number(r.midpointLoss), number(chordMid));
    readout_->setText(text);
    status_->setMessage(r.barrier > 0 ? tr("A counterexample to convexity: two minima, a barrier between them.")
                                      : tr("No barrier on this line."));
}

} // namespace minima
