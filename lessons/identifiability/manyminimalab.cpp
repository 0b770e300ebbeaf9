#include "lessons/identifiability/manyminimalab.h"

#include <QChart>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "engine/experiments/interpolate.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/jobstatus.h"

namespace minima {

ManyMinimaLab::ManyMinimaLab(LessonContext& context, QWidget* parent) : QWidget(parent), context_(context)
{
    setObjectName(QStringLiteral("manyMinimaLab"));
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QGridLayout;
    auto label = [this](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    width_ = new QSpinBox(this);
    width_->setObjectName(QStringLiteral("hiddenWidthSpin"));
    width_->setRange(2, 16);
    width_->setValue(8);
    width_->setAccessibleName(tr("Hidden neurons"));
    neuronA_ = new QSpinBox(this);
    neuronA_->setObjectName(QStringLiteral("neuronASpin"));
    neuronA_->setRange(1, 8);
    neuronA_->setValue(1);
    neuronA_->setAccessibleName(tr("First neuron of the swap"));
    neuronB_ = new QSpinBox(this);
    neuronB_->setObjectName(QStringLiteral("neuronBSpin"));
    neuronB_->setRange(1, 8);
    neuronB_->setValue(2);
    neuronB_->setAccessibleName(tr("Second neuron of the swap"));
    activation_ = new QComboBox(this);
    activation_->setObjectName(QStringLiteral("minimaActivationChoice"));
    activation_->setAccessibleName(tr("Activation of the hidden layer"));
    activation_->addItem(QStringLiteral("tanh"), int(Activation::Tanh));
    activation_->addItem(QStringLiteral("ReLU"), int(Activation::ReLU));
    dataset_ = new QComboBox(this);
    dataset_->setObjectName(QStringLiteral("datasetChoice"));
    dataset_->setAccessibleName(tr("Data set"));
    dataset_->addItem(tr("two moons"), QStringLiteral("moons"));
    dataset_->addItem(tr("circles"), QStringLiteral("circles"));
    dataset_->addItem(tr("XOR"), QStringLiteral("xor"));
    ends_ = new QComboBox(this);
    ends_->setObjectName(QStringLiteral("endsChoice"));
    ends_->setAccessibleName(tr("What the line ends at"));
    ends_->addItem(tr("its permuted twin"), int(InterpolationEnds::PermutedTwin));
    ends_->addItem(tr("a network trained from another start"), int(InterpolationEnds::IndependentRuns));
    seed_ = new QSpinBox(this);
    seed_->setObjectName(QStringLiteral("seedSpin"));
    seed_->setRange(1, 9999);
    seed_->setValue(1);
    seed_->setAccessibleName(tr("Seed of the data and the initial weights"));
    controls->addWidget(label(tr("&Hidden neurons:"), width_), 0, 0);
    controls->addWidget(width_, 0, 1);
    controls->addWidget(label(tr("S&wap neurons:"), neuronA_), 0, 2);
    auto* swap = new QHBoxLayout;
    swap->addWidget(neuronA_);
    swap->addWidget(new QLabel(QStringLiteral("↔"), this));
    swap->addWidget(neuronB_);
    controls->addLayout(swap, 0, 3);
    controls->addWidget(label(tr("&Activation:"), activation_), 0, 4);
    controls->addWidget(activation_, 0, 5);
    controls->addWidget(label(tr("&Data:"), dataset_), 1, 0);
    controls->addWidget(dataset_, 1, 1);
    controls->addWidget(label(tr("&Line from θ to:"), ends_), 1, 2);
    controls->addWidget(ends_, 1, 3);
    controls->addWidget(label(tr("S&eed:"), seed_), 1, 4);
    controls->addWidget(seed_, 1, 5);
    controls->setColumnStretch(6, 1);
    layout->addLayout(controls);

    chart_ = new FigureChart(this);
    chart_->setObjectName(QStringLiteral("interpolationChart"));
    chart_->setAccessibleName(tr("Loss along the straight line between two equivalent networks"));
    QChart* chart = chart_->chart();
    chart->setTitle(tr("Loss on the line θ(α) = (1 − α) θ + α θ′"));
    loss_ = new QLineSeries;
    loss_->setName(tr("training loss"));
    loss_->setPen(QPen(seriesColor(0), 3));
    endsMarks_ = new QScatterSeries;
    endsMarks_->setName(tr("θ (α = 0) and θ′ (α = 1)"));
    endsMarks_->setMarkerSize(14);
    endsMarks_->setColor(hueColor(Hue::BluishGreen));
    endsMarks_->setBorderColor(hueColor(Hue::Ink));
    peak_ = new QScatterSeries;
    peak_->setName(tr("top of the barrier"));
    peak_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    peak_->setMarkerSize(12);
    peak_->setColor(hueColor(Hue::Vermillion));
    peak_->setBorderColor(hueColor(Hue::Ink));
    chart->addSeries(loss_);
    chart->addSeries(endsMarks_);
    chart->addSeries(peak_);
    auto* ax = new QValueAxis;
    ax->setTitleText(tr("α (0: trained θ, 1: θ′)"));
    ax->setRange(-0.25, 1.25);
    ax->setTickCount(7);
    ax->setLabelFormat(QStringLiteral("%.2f"));
    axisY_ = new QValueAxis;
    axisY_->setTitleText(tr("mean squared error"));
    axisY_->setLabelFormat(QStringLiteral("%.2f"));
    chart->addAxis(ax, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    for (auto* s : chart->series()) {
        s->attachAxis(ax);
        s->attachAxis(axisY_);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart_->restyle();
    layout->addWidget(chart_, 1);

    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("barrierSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(summary_);
    status_ = new JobStatus(this);
    layout->addWidget(status_);
    job_ = new FigureJob(context_, this);
    status_->follow(job_);

    connect(width_, &QSpinBox::valueChanged, this, [this](int n) {
        neuronA_->setMaximum(n);
        neuronB_->setMaximum(n);
        run();
    });
    for (QSpinBox* s : {neuronA_, neuronB_, seed_}) connect(s, &QSpinBox::valueChanged, this, &ManyMinimaLab::run);
    for (QComboBox* c : {activation_, dataset_, ends_}) connect(c, &QComboBox::currentIndexChanged, this, &ManyMinimaLab::run);
    run();
}

void ManyMinimaLab::run()
{
    InterpolationParams p;
    p.widths = {2, width_->value(), 1};
    p.activation = Activation(activation_->currentData().toInt());
    p.dataset = dataset_->currentData().toString().toStdString();
    p.ends = InterpolationEnds(ends_->currentData().toInt());
    p.neuronA = neuronA_->value() - 1;
    p.neuronB = neuronB_->value() - 1;
    p.seed = std::uint64_t(seed_->value());
    const bool twin = p.ends == InterpolationEnds::PermutedTwin;
    neuronA_->setEnabled(twin);
    neuronB_->setEnabled(twin);
    if (twin && p.neuronA == p.neuronB) {
        job_->cancel();
        loss_->clear();
        endsMarks_->clear();
        peak_->clear();
        summary_->clear();
        status_->setMessage(tr("Pick two different neurons: swapping a neuron with itself changes nothing, and the line is a single point."), true);
        return;
    }
    status_->setMessage(tr("Training the network and walking the line…"));
    job_->start<InterpolationResult>(
        [p](Progress& progress) { return runInterpolation(p, progress); },
        [this, twin, p](const InterpolationResult& r) {
            loss_->clear();
            endsMarks_->clear();
            peak_->clear();
            QList<QPointF> pts;
            double top = 0, peakLoss = -1, peakAlpha = 0;
            for (std::size_t i = 0; i < r.alphas.size(); ++i) {
                if (!std::isfinite(r.losses[i])) continue;
                pts.append({r.alphas[i], r.losses[i]});
                top = std::max(top, r.losses[i]);
                if (r.alphas[i] > 0 && r.alphas[i] < 1 && r.losses[i] > peakLoss) {
                    peakLoss = r.losses[i];
                    peakAlpha = r.alphas[i];
                }
            }
            if (r.trainingDiverged || pts.isEmpty()) {
                summary_->clear();
                status_->setMessage(tr("Training diverged: no line to show. Try another seed."), true);
                return;
            }
            loss_->replace(pts);
            endsMarks_->append(0, r.lossA);
            endsMarks_->append(1, r.lossB);
            if (peakLoss >= 0) peak_->append(peakAlpha, peakLoss);
            axisY_->setRange(0, top > 0 ? top * 1.05 : 1);
            // Nice numbers change the tick count too: start from the same count so a state always gives the same axis.
            axisY_->setTickCount(6);
            axisY_->applyNiceNumbers();
            chart_->restyle();
            const QString ends = twin ? tr("θ′ is θ with hidden neurons %1 and %2 swapped: the same function (largest output "
                                           "difference %3) at distance ‖θ′ − θ‖ = %4.")
                                            .arg(p.neuronA + 1)
                                            .arg(p.neuronB + 1)
                                            .arg(r.endpointOutputDeviation, 0, 'g', 2)
                                            .arg(r.parameterDistance, 0, 'f', 2)
                                      : tr("θ′ was trained from another start, at distance ‖θ′ − θ‖ = %1.")
                                            .arg(r.parameterDistance, 0, 'f', 2);
            summary_->setText(tr("Loss at θ: <b>%1</b>, at θ′: <b>%2</b>; halfway: <b>%3</b>. Barrier above the higher end: "
                                 "<b>%4</b>.<br>%5")
                                  .arg(r.lossA, 0, 'f', 4)
                                  .arg(r.lossB, 0, 'f', 4)
                                  .arg(r.midpointLoss, 0, 'f', 4)
                                  .arg(r.barrier, 0, 'f', 4)
                                  .arg(ends));
            status_->setMessage(QString());
        });
}

} // namespace minima
