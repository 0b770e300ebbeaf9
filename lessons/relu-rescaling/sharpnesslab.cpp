#include "lessons/relu-rescaling/sharpnesslab.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/jobstatus.h"
#include "lessons/relu-rescaling/factorcontrol.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/relu-rescaling/rescalingexample.h"

namespace minima {

namespace {
constexpr double kMaxFactor = 8.0;   // k from 1/8 to 8

QString number(double v, int digits = 4)
{
    return QString::number(v, 'g', digits).replace(QLatin1Char('-'), QChar(0x2212));
}

struct CurvePoint {
    double k = 1, sharpness = 0, loss = 0;
};
} // namespace

RescaleParams lessonRescaleParams(int hidden, int neuron, double k)
{
    RescaleParams p = rescalingExampleParams();
    p.layer = hidden;
    p.neuron = neuron;
    p.k = k;
    return p;
}

std::vector<double> SharpnessLab::curveFactors()
{
    std::vector<double> ks;
    for (int j = -12; j <= 12; ++j) ks.push_back(std::exp2(j / 4.0));
    return ks;
}

SharpnessLab::SharpnessLab(LessonContext& context, QWidget* parent)
    : QWidget(parent),
      factor_(new RescalingFactorControl(kMaxFactor, false, this)),
      neuron_(new QComboBox(this)),
      chart_(new FigureChart(this)),
      sharpnessCurve_(new QLineSeries),
      lossLine_(new QLineSeries),
      trained_(new QScatterSeries),
      current_(new QScatterSeries),
      axisK_(new QLogValueAxis),
      axisSharpness_(new QLogValueAxis),
      axisLoss_(new QValueAxis),
      curveJob_(new FigureJob(context, this)),
      pointJob_(new FigureJob(context, this)),
      status_(new JobStatus(this)),
      lossBefore_(new QLabel(this)),
      lossAfter_(new QLabel(this)),
      sharpBefore_(new QLabel(this)),
      sharpAfter_(new QLabel(this)),
      deviation_(new QLabel(this)),
      verdict_(new QLabel(this))
{
    setObjectName(QStringLiteral("sharpnessLab"));
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    auto* neuronLabel = new QLabel(tr("&Neuron:"), this);
    neuronLabel->setBuddy(neuron_);
    neuron_->setObjectName(QStringLiteral("neuronBox"));
    neuron_->setAccessibleName(tr("Hidden neuron to rescale"));
    fillNeuronChoices(neuron_, rescalingExample().net);
    // Layer 1, neuron 2: its rescalings take λmax both below and far above the trained value.
    neuron_->setCurrentIndex(1);
    controls->addWidget(neuronLabel);
    controls->addWidget(neuron_);
    controls->addSpacing(12);
    controls->addWidget(factor_, 1);
    layout->addLayout(controls);

    // Before and after, side by side.
    auto* table = new QGridLayout;
    auto bold = [this](const QString& t) {
        auto* l = new QLabel(t, this);
        l->setTextFormat(Qt::RichText);
        return l;
    };
    table->addWidget(bold(tr("<b>trained network (k = 1)</b>")), 0, 1);
    auto* afterHeader = bold(QString());
    table->addWidget(afterHeader, 0, 2);
    table->addWidget(bold(tr("training loss (MSE)")), 1, 0);
    table->addWidget(bold(tr("sharpness λmax (largest Hessian eigenvalue)")), 2, 0);
    table->addWidget(lossBefore_, 1, 1);
    table->addWidget(lossAfter_, 1, 2);
    table->addWidget(sharpBefore_, 2, 1);
    table->addWidget(sharpAfter_, 2, 2);
    table->addWidget(bold(tr("largest change of the output")), 3, 0);
    table->addWidget(deviation_, 3, 2);
    table->setColumnStretch(0, 2);
    table->setColumnStretch(1, 1);
    table->setColumnStretch(2, 1);
    lossBefore_->setObjectName(QStringLiteral("lossBefore"));
    lossAfter_->setObjectName(QStringLiteral("lossAfter"));
    sharpBefore_->setObjectName(QStringLiteral("sharpnessBefore"));
    sharpAfter_->setObjectName(QStringLiteral("sharpnessAfter"));
    deviation_->setObjectName(QStringLiteral("outputChange"));
    lossBefore_->setAccessibleName(tr("Loss of the trained network"));
    lossAfter_->setAccessibleName(tr("Loss of the rescaled network"));
    sharpBefore_->setAccessibleName(tr("Sharpness of the trained network"));
    sharpAfter_->setAccessibleName(tr("Sharpness of the rescaled network"));
    deviation_->setAccessibleName(tr("Largest change of the output over the data"));
    for (QLabel* l : {lossBefore_, lossAfter_, sharpBefore_, sharpAfter_, deviation_})
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addLayout(table);

    chart_->setObjectName(QStringLiteral("sharpnessChart"));
    chart_->setAccessibleName(tr("Sharpness and loss against the rescaling factor k"));
    QChart* chart = chart_->chart();
    chart->setTitle(tr("Sharpness against k: same function, same loss"));
    sharpnessCurve_->setName(tr("sharpness λmax"));
    sharpnessCurve_->setObjectName(QStringLiteral("sharpnessCurve"));
    sharpnessCurve_->setPointsVisible(true);
    lossLine_->setName(tr("training loss (right axis)"));
    lossLine_->setObjectName(QStringLiteral("lossCurve"));
    trained_->setName(tr("trained network, k = 1"));
    trained_->setObjectName(QStringLiteral("trained"));
    current_->setObjectName(QStringLiteral("current"));
    axisK_->setTitleText(tr("rescaling factor k (log scale)"));
    axisK_->setBase(2);
    axisK_->setLabelFormat(QStringLiteral("%g"));
    axisK_->setRange(1 / kMaxFactor, kMaxFactor);
    axisK_->setMinorTickCount(0);
    axisSharpness_->setTitleText(tr("λmax (log scale)"));
    axisSharpness_->setBase(10);
    axisSharpness_->setLabelFormat(QStringLiteral("%g"));
    axisSharpness_->setMinorTickCount(8);
    axisLoss_->setTitleText(tr("training loss"));
    axisLoss_->setLabelFormat(QStringLiteral("%.3g"));
    chart->addAxis(axisK_, Qt::AlignBottom);
    chart->addAxis(axisSharpness_, Qt::AlignLeft);
    chart->addAxis(axisLoss_, Qt::AlignRight);
    chart->addSeries(sharpnessCurve_);
    chart->addSeries(trained_);
    chart->addSeries(current_);
    chart->addSeries(lossLine_);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{sharpnessCurve_, trained_, current_}) {
        s->attachAxis(axisK_);
        s->attachAxis(axisSharpness_);
    }
    lossLine_->attachAxis(axisK_);
    lossLine_->attachAxis(axisLoss_);
    sharpnessCurve_->setPen(QPen(hueColor(Hue::Blue), 3));
    lossLine_->setPen(QPen(hueColor(Hue::BluishGreen), 3, Qt::DashLine));
    trained_->setColor(hueColor(Hue::SkyBlue));
    trained_->setMarkerSize(15);
    current_->setColor(hueColor(Hue::Vermillion));
    current_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    current_->setMarkerSize(14);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart_->restyle();
    layout->addWidget(chart_, 1);

    verdict_->setObjectName(QStringLiteral("verdict"));
    verdict_->setWordWrap(true);
    verdict_->setTextFormat(Qt::RichText);
    verdict_->setAccessibleName(tr("What rescaling did to loss and sharpness"));
    layout->addWidget(verdict_);
    status_->setObjectName(QStringLiteral("runStatus"));
    status_->follow(curveJob_);
    layout->addWidget(status_);

    connect(factor_, &RescalingFactorControl::valueChanged, this, [this, afterHeader](double k) {
        afterHeader->setText(tr("<b>rescaled, k = %1</b>").arg(number(k, 3)));
        computePoint();
    });
    connect(neuron_, &QComboBox::currentIndexChanged, this, [this] {
        computeCurve();
        computePoint();
    });
    factor_->setValue(4.0);
    afterHeader->setText(tr("<b>rescaled, k = %1</b>").arg(number(factor_->value(), 3)));
    computeCurve();
    computePoint();
}

void SharpnessLab::computeCurve()
{
    const NeuronChoice c = neuronChoiceAt(neuron_, neuron_->currentIndex());
    status_->setMessage(tr("Computing the sharpness for %1 values of k…").arg(curveFactors().size()));
    curveJob_->start<std::vector<CurvePoint>>(
        [c](Progress& progress) {
            std::vector<CurvePoint> points;
            const std::vector<double> ks = curveFactors();
            for (std::size_t i = 0; i < ks.size() && !progress.cancelled(); ++i) {
                Progress inner;
                const RescaleResult r = runRescale(lessonRescaleParams(c.hidden, c.neuron, ks[i]), inner);
                points.push_back({ks[i], r.sharpnessAfter, r.lossAfter});
                progress.setFraction(double(i + 1) / double(ks.size()));
            }
            return points;
        },
        [this](const std::vector<CurvePoint>& points) {
            QList<QPointF> curve, loss;
            double lo = INFINITY, hi = 0, lossHi = 0;
            int skipped = 0;
            for (const CurvePoint& p : points) {
                if (!(p.sharpness > 0) || !std::isfinite(p.sharpness) || !std::isfinite(p.loss)) {
                    ++skipped;   // a log axis cannot show λ ≤ 0
                    continue;
                }
                curve.append({p.k, p.sharpness});
                loss.append({p.k, p.loss});
                lo = std::min(lo, p.sharpness);
                hi = std::max(hi, p.sharpness);
                lossHi = std::max(lossHi, p.loss);
            }
            sharpnessCurve_->replace(curve);
            lossLine_->replace(loss);
            if (!curve.isEmpty()) {
                axisSharpness_->setRange(std::pow(10.0, std::floor(std::log10(lo))), std::pow(10.0, std::ceil(std::log10(hi))));
                setNiceRange(axisLoss_, 0, std::max(2 * lossHi, 1e-12), 4);
            }
            chart_->restyle();
            status_->setMessage(skipped == 0 ? tr("The loss line is flat: every k > 0 gives the same function. The sharpness is not.")
                                             : tr("%1 values of k gave a sharpness ≤ 0 and are left out of the log plot.").arg(skipped),
                                skipped != 0);
        });
}

void SharpnessLab::computePoint()
{
    const NeuronChoice c = neuronChoiceAt(neuron_, neuron_->currentIndex());
    const double k = factor_->value();
    for (QLabel* l : {lossAfter_, sharpAfter_, deviation_}) l->setText(tr("computing…"));
    pointJob_->start<RescaleResult>(
        [c, k](Progress& progress) { return runRescale(lessonRescaleParams(c.hidden, c.neuron, k), progress); },
        [this, k](const RescaleResult& r) {
            lossBefore_->setText(number(r.lossBefore, 10));
            lossAfter_->setText(number(r.lossAfter, 10));
            sharpBefore_->setText(number(r.sharpnessBefore));
            sharpAfter_->setText(number(r.sharpnessAfter));
            deviation_->setText(number(r.maxOutputDeviation, 2));
            trained_->clear();
            current_->clear();
            if (r.sharpnessBefore > 0) trained_->append(1.0, r.sharpnessBefore);
            current_->setName(tr("rescaled, k = %1").arg(number(k, 3)));
            if (r.sharpnessAfter > 0 && std::isfinite(r.sharpnessAfter)) current_->append(k, r.sharpnessAfter);
            const double ratio = r.sharpnessAfter / r.sharpnessBefore;
            const QString outputs = r.maxOutputDeviation == 0
                                        ? tr("the outputs do not change at all")
                                        : tr("the outputs change by at most %1, rounding").arg(number(r.maxOutputDeviation, 2));
            verdict_->setText(tr("Rescaling by k = %1 leaves the function (%2) and the loss alone, but multiplies the "
                                 "sharpness by %3. A minimum's sharpness is not a property of the function it computes.")
                                  .arg(number(k, 3), outputs, number(ratio, 3)));
            chart_->restyle();
        },
        [this](const QString& error) { verdict_->setText(tr("The computation failed: %1").arg(error.toHtmlEscaped())); });
}

} // namespace minima
