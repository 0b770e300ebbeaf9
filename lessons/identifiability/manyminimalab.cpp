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
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/wrappedlabel.h"

namespace minima {

ManyMinimaLab::ManyMinimaLab(LessonContext& context, QWidget* parent) : Lab(context, parent)
{
    setObjectName(QStringLiteral("manyMinimaLab"));
    ControlStrip* c = controls();
    width_ = c->addInteger(QStringLiteral("hiddenWidthSpin"), tr("&Hidden neurons:"), 2, 16, 8);
    width_->setAccessibleName(tr("Hidden neurons"));
    neuronA_ = c->addInteger(QStringLiteral("neuronASpin"), tr("S&wap neurons:"), 1, 8, 1);
    neuronA_->setAccessibleName(tr("First neuron of the swap"));
    neuronB_ = c->addInteger(QStringLiteral("neuronBSpin"), QStringLiteral("↔"), 1, 8, 2);
    neuronB_->setAccessibleName(tr("Second neuron of the swap"));
    activation_ = c->addChoice(QStringLiteral("minimaActivationChoice"), tr("&Activation:"),
                               {{QStringLiteral("tanh"), int(Activation::Tanh)}, {QStringLiteral("ReLU"), int(Activation::ReLU)}});
    activation_->setAccessibleName(tr("Activation of the hidden layer"));
    c->newRow();
    dataset_ = c->addChoice(QStringLiteral("datasetChoice"), tr("&Data:"),
                            {{tr("two moons"), QStringLiteral("moons")},
                             {tr("circles"), QStringLiteral("circles")},
                             {tr("XOR"), QStringLiteral("xor")}});
    dataset_->setAccessibleName(tr("Data set"));
    ends_ = c->addChoice(QStringLiteral("endsChoice"), tr("&Line from θ to:"),
                         {{tr("its permuted twin"), int(InterpolationEnds::PermutedTwin)},
                          {tr("a network trained from another start"), int(InterpolationEnds::IndependentRuns)}});
    ends_->setAccessibleName(tr("What the line ends at"));
    seed_ = c->addInteger(QStringLiteral("seedSpin"), tr("S&eed:"), 1, 9999, 1);
    seed_->setAccessibleName(tr("Seed of the data and the initial weights"));

    chart_ = new FigureChart;
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
    QValueAxis* ax = makeValueAxis();
    ax->setTitleText(tr("α (0: trained θ, 1: θ′)"));
    axisY_ = makeValueAxis();
    axisY_->setTitleText(tr("mean squared error"));
    chart->addAxis(ax, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    setNiceRange(ax, -0.25, 1.25, 7);
    setNiceRange(axisY_, 0, 1);
    for (auto* s : chart->series()) {
        s->attachAxis(ax);
        s->attachAxis(axisY_);
    }
    chart_->restyle();
    // Room on the right for the last tick label ("1.25"), centred on the plot's edge.
    QMargins margins = chart->margins();
    margins.setRight(std::max(margins.right(), chart_->fontMetrics().horizontalAdvance(QStringLiteral("1.25")) * 3 / 4 + 4));
    chart->setMargins(margins);
    addFigure(chart_);

    summary_ = new WrappedLabel;
    summary_->setObjectName(QStringLiteral("barrierSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    addNote(summary_);

    connect(width_, &QSpinBox::valueChanged, this, [this](int n) {
        neuronA_->setMaximum(n);
        neuronB_->setMaximum(n);
    });
    recompute();
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
        job()->cancel();
        loss_->clear();
        endsMarks_->clear();
        peak_->clear();
        summary_->clear();
        setReadout(tr("Pick two different neurons: swapping a neuron with itself changes nothing, and the line is a single point."), true);
        return;
    }
    runJob<InterpolationResult>(
        tr("Training the network and walking the line…"),
        [p](Progress& progress) { return runInterpolation(p, progress); },
        [this, twin, p](const InterpolationResult& r) {
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
                loss_->clear();
                endsMarks_->clear();
                peak_->clear();
                summary_->clear();
                setReadout(tr("Training diverged: no line to show. Try another seed."), true);
                return;
            }
            replaceIfChanged(loss_, pts);
            replaceIfChanged(endsMarks_, {QPointF(0, r.lossA), QPointF(1, r.lossB)});
            replaceIfChanged(peak_, peakLoss >= 0 ? QList<QPointF>{QPointF(peakAlpha, peakLoss)} : QList<QPointF>{});
            setNiceRange(axisY_, 0, top > 0 ? top * 1.05 : 1);
            chart_->restyle();
            const QString ends = twin ? tr("θ′ is θ with hidden neurons %1 and %2 swapped: the same function (largest output "
                                           "difference %3) at distance ‖θ′ − θ‖ = %4.")
                                            .arg(p.neuronA + 1)
                                            .arg(p.neuronB + 1)
                                            .arg(formatNumber(r.endpointOutputDeviation, 2))
                                            .arg(formatNumber(r.parameterDistance, 3))
                                      : tr("θ′ was trained from another start, at distance ‖θ′ − θ‖ = %1.")
                                            .arg(formatNumber(r.parameterDistance, 3));
            summary_->setText(tr("Loss at θ: <b>%1</b>, at θ′: <b>%2</b>; halfway: <b>%3</b>. Barrier above the higher end: "
                                 "<b>%4</b>.<br>%5")
                                  .arg(formatNumber(r.lossA, 3))
                                  .arg(formatNumber(r.lossB, 3))
                                  .arg(formatNumber(r.midpointLoss, 3))
                                  .arg(formatNumber(r.barrier, 3))
                                  .arg(ends));
            setReadout(QString());
        });
}

} // namespace minima
