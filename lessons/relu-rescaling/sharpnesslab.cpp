#include "lessons/relu-rescaling/sharpnesslab.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/controlstrip.h"
#include "lessons/relu-rescaling/factorcontrol.h"
#include "lessons/relu-rescaling/rescalingexample.h"

namespace minima {

namespace {
constexpr double kMaxFactor = 8.0;   // k from 1/8 to 8

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

// One run: the rescaled network at the chosen k, and the curve over every k when the neuron changed.
struct SharpnessRun {
    int neuronIndex = 0;
    double k = 1;
    RescaleResult point;
    bool hasCurve = false;
    std::vector<CurvePoint> curve;
};

SharpnessLab::SharpnessLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      chart_(new FigureChart),
      sharpnessCurve_(new QLineSeries),
      lossLine_(new QLineSeries),
      trained_(new QScatterSeries),
      current_(new QScatterSeries),
      axisK_(new QLogValueAxis),
      axisSharpness_(new QLogValueAxis),
      axisLoss_(makeValueAxis()),
      afterHeader_(new QLabel),
      lossBefore_(new QLabel),
      lossAfter_(new QLabel),
      sharpBefore_(new QLabel),
      sharpAfter_(new QLabel),
      deviation_(new QLabel)
{
    setObjectName(QStringLiteral("sharpnessLab"));
    ControlStrip* c = controls();
    // Layer 1, neuron 2: its rescalings take λmax both below and far above the trained value.
    neuron_ = c->addChoice(QStringLiteral("neuronBox"), tr("&Neuron:"), neuronChoices(rescalingExampleParams().widths), 1,
                           tr("The hidden neuron to rescale"));
    neuron_->setAccessibleName(tr("Hidden neuron to rescale"));
    factor_ = new RescalingFactorControl(c, kMaxFactor, false, 4.0);

    // Before and after, side by side: a plain table in the application's palette.
    auto* table = new QWidget;
    table->setObjectName(QStringLiteral("comparison"));
    auto* grid = new QGridLayout(table);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(18);
    auto header = [](QLabel* l, const QString& t) {
        l->setTextFormat(Qt::PlainText);
        l->setText(t);
        QFont f = l->font();
        f.setBold(true);
        l->setFont(f);
        return l;
    };
    grid->addWidget(header(new QLabel, tr("trained network (k = 1)")), 0, 1);
    grid->addWidget(header(afterHeader_, QString()), 0, 2);
    grid->addWidget(new QLabel(tr("training loss (MSE)")), 1, 0);
    grid->addWidget(new QLabel(tr("sharpness λmax (largest Hessian eigenvalue)")), 2, 0);
    grid->addWidget(new QLabel(tr("largest change of the output")), 3, 0);
    grid->addWidget(lossBefore_, 1, 1);
    grid->addWidget(lossAfter_, 1, 2);
    grid->addWidget(sharpBefore_, 2, 1);
    grid->addWidget(sharpAfter_, 2, 2);
    grid->addWidget(deviation_, 3, 2);
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    // Long names and headers wrap in a narrow window rather than widen the lab past its edge.
    for (QLabel* l : table->findChildren<QLabel*>()) l->setWordWrap(true);
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
    for (QLabel* l : {lossBefore_, lossAfter_, sharpBefore_, sharpAfter_, deviation_}) {
        l->setTextFormat(Qt::PlainText);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    addFigureWidget(table, 0);

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
    current_->setName(tr("rescaled network"));
    axisK_->setTitleText(tr("rescaling factor k (log scale)"));
    setLogRange(axisK_, 1 / kMaxFactor, kMaxFactor);
    axisSharpness_->setTitleText(tr("λmax (log scale)"));
    setLogRange(axisSharpness_, 1, 10);
    axisLoss_->setTitleText(tr("training loss"));
    setNiceRange(axisLoss_, 0, 1, 4);
    chart->addAxis(axisK_, Qt::AlignBottom);
    chart->addAxis(axisSharpness_, Qt::AlignLeft);
    chart->addAxis(axisLoss_, Qt::AlignRight);
    chart->addSeries(sharpnessCurve_);
    chart->addSeries(lossLine_);
    chart->addSeries(trained_);
    chart->addSeries(current_);
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
    chart_->restyle();
    addFigure(chart_);
    recompute();
}

void SharpnessLab::run()
{
    const int index = neuron_->currentIndex();
    const NeuronChoice c = neuronChoiceAt(neuron_, index);
    const double k = factor_->value();
    const bool needCurve = index != curveNeuron_;
    afterHeader_->setText(tr("rescaled, k = %1").arg(formatNumber(k)));
    for (QLabel* l : {lossAfter_, sharpAfter_, deviation_}) l->setText(tr("computing…"));
    const QString message = needCurve ? tr("Computing the sharpness for %1 values of k…").arg(curveFactors().size())
                                      : tr("Computing the sharpness at k = %1…").arg(formatNumber(k));
    runJob<SharpnessRun>(
        message,
        [c, k, index, needCurve](Progress& progress) {
            SharpnessRun r;
            r.neuronIndex = index;
            r.k = k;
            if (needCurve) {
                const std::vector<double> ks = curveFactors();
                for (std::size_t i = 0; i < ks.size() && !progress.cancelled(); ++i) {
                    Progress inner;
                    const RescaleResult p = runRescale(lessonRescaleParams(c.hidden, c.neuron, ks[i]), inner);
                    r.curve.push_back({ks[i], p.sharpnessAfter, p.lossAfter});
                    progress.setFraction(double(i + 1) / double(ks.size() + 1));
                }
                r.hasCurve = true;
            }
            Progress inner;
            r.point = runRescale(lessonRescaleParams(c.hidden, c.neuron, k), inner);
            return r;
        },
        [this](const SharpnessRun& r) { showResult(r); });
}

void SharpnessLab::showResult(const SharpnessRun& run)
{
    int skipped = 0;
    if (run.hasCurve) {
        QList<QPointF> curve, loss;
        double lo = INFINITY, hi = 0, lossHi = 0;
        for (const CurvePoint& p : run.curve) {
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
            setLogRange(axisSharpness_, lo, hi);
            setNiceRange(axisLoss_, 0, std::max(2 * lossHi, 1e-12), 4);
        }
        curveNeuron_ = run.neuronIndex;
    }
    const RescaleResult& r = run.point;
    const double k = run.k;
    lossBefore_->setText(formatNumber(r.lossBefore));
    lossAfter_->setText(formatNumber(r.lossAfter));
    sharpBefore_->setText(formatNumber(r.sharpnessBefore));
    sharpAfter_->setText(formatNumber(r.sharpnessAfter));
    deviation_->setText(formatNumber(r.maxOutputDeviation, 2));
    afterHeader_->setText(tr("rescaled, k = %1").arg(formatNumber(k)));
    trained_->clear();
    current_->clear();
    if (r.sharpnessBefore > 0) trained_->append(1.0, r.sharpnessBefore);
    current_->setName(tr("rescaled, k = %1").arg(formatNumber(k)));
    if (r.sharpnessAfter > 0 && std::isfinite(r.sharpnessAfter)) current_->append(k, r.sharpnessAfter);
    const double ratio = r.sharpnessAfter / r.sharpnessBefore;
    const QString outputs = r.maxOutputDeviation == 0
                                ? tr("the outputs do not change at all")
                                : tr("the outputs change by at most %1, rounding").arg(formatNumber(r.maxOutputDeviation, 2));
    QString text = tr("Rescaling by k = %1 leaves the function (%2) and the loss alone, but multiplies the "
                      "sharpness by %3. A minimum's sharpness is not a property of the function it computes.")
                       .arg(formatNumber(k), outputs, formatNumber(ratio));
    if (skipped != 0) text += tr(" %1 values of k gave a sharpness ≤ 0 and are left out of the log plot.").arg(skipped);
    setReadout(text, skipped != 0);
    chart_->restyle();
}

} // namespace minima
