#include "lessons/challenges/depthlab.h"

#include <QColor>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineSeries>
#include <QSpinBox>

#include <array>
#include <cmath>

#include "lessons/challenges/curvechart.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"

namespace minima {

QColor DepthLab::depthColor(int depth)
{
    // The eight Okabe-Ito hues, neighbours as different as possible.
    static constexpr std::array<Hue, 8> hues = {Hue::Blue,   Hue::Orange,        Hue::BluishGreen, Hue::Vermillion,
                                                Hue::SkyBlue, Hue::ReddishPurple, Hue::Yellow,      Hue::Ink};
    return hueColor(hues[std::size_t(std::clamp(depth, 1, 8) - 1)]);
}

Qt::PenStyle DepthLab::depthStyle(int) { return Qt::SolidLine; }

DepthLab::DepthLab(LessonContext& context, QWidget* parent) : Lab(context, parent)
{
    setObjectName(QStringLiteral("depthLab"));
    const DepthParams d;
    ControlStrip* c = controls();
    shared_ = addSharedControls(c, d.task, d.epochs, tr("&Epochs:"));
    maxDepth_ = addDepthControl(c, QStringLiteral("maxDepthSpin"), tr("De&pths:"), d.maxDepth);
    maxDepth_->setPrefix(tr("1 to "));
    rate_ = c->addNumber(QStringLiteral("learningRateSpin"), tr("SGD &rate:"), 0.001, 20.0, d.learningRate, 3, {},
                         tr("Step size of plain mini-batch SGD"));
    scale_ = c->addNumber(QStringLiteral("initScaleSpin"), tr("&Initial weights ±:"), 0.01, 5.0, d.initScale, 2, {},
                          tr("Initial weights are drawn uniformly from [−a, a]"));

    loss_ = new LogCurveChart(tr("Training loss of sigmoid networks, one curve per depth"), tr("epoch"),
                              tr("loss (cross-entropy, log scale)"));
    loss_->setObjectName(QStringLiteral("lossChart"));
    loss_->setAccessibleName(tr("Training loss against epoch, one curve per depth"));
    gradients_ = new LogCurveChart(tr("Gradient norm of each layer at initialisation"),
                                   tr("weight layer (1 = next to the input)"), tr("‖∂L/∂W‖ (log scale)"));
    gradients_->setObjectName(QStringLiteral("gradientChart"));
    gradients_->setAccessibleName(tr("Gradient norm of each weight layer at initialisation, one curve per depth"));
    addFigure(loss_, 3);
    addFigure(gradients_, 2);
    recompute();
}

DepthParams DepthLab::params() const
{
    DepthParams p;
    p.task = shared_.task();
    p.minDepth = 1;
    p.maxDepth = maxDepth_->value();
    p.epochs = shared_.epochs->value();
    p.learningRate = rate_->value();
    p.initScale = scale_->value();
    return p;
}

void DepthLab::run()
{
    const DepthParams p = params();
    runJob<DepthResult>(tr("Training %n network(s) with plain SGD…", nullptr, p.maxDepth - p.minDepth + 1),
                        [p](Progress& progress) { return deeperIsHarder(p, progress); },
                        [this](const DepthResult& r) { showResult(r); });
}

void DepthLab::showResult(const DepthResult& r)
{
    result_ = r;
    loss_->clearCurves();
    for (const DepthRun& run : r.runs) {
        QString name = tr("depth %1").arg(run.depth);
        if (run.diverged) name += tr(" (diverged at epoch %1)").arg(run.divergedAtEpoch);
        loss_->addCurve(name, run.losses, 0.0, depthColor(run.depth), depthStyle(run.depth));
    }
    // The plateau last, so it is drawn above the curves that sit on it.
    loss_->addLevel(tr("ln 2: guessing ½"), std::log(2.0), levelColor());
    loss_->fitAxes();
    // The gradients and the readout a turn later: sixteen curves at once held the interface
    // for longer than a frame.
    showNext([this] { showGradients(); });
}

void DepthLab::showGradients()
{
    const DepthResult& r = result_;
    gradients_->clearCurves();
    QStringList diverged;
    for (const DepthRun& run : r.runs) {
        if (run.diverged) diverged << QString::number(run.depth);
        gradients_->addCurve(tr("depth %1").arg(run.depth), run.gradientNorms, 1.0, depthColor(run.depth),
                             depthStyle(run.depth), true);
    }
    gradients_->fitAxes(true);

    if (r.runs.empty()) return;
    const DepthRun& first = r.runs.front();
    const DepthRun& last = r.runs.back();
    QString text = tr("After %1 epochs: depth %2 ends at loss %3, depth %4 at %5 (ln 2 ≈ 0.693 is the loss of always "
                      "answering ½).")
                       .arg(shared_.epochs->value())
                       .arg(first.depth)
                       .arg(formatNumber(first.losses.back()))
                       .arg(last.depth)
                       .arg(formatNumber(last.losses.back()));
    if (last.gradientNorms.size() >= 2 && last.gradientNorms.back() > 0)
        text += tr(" At initialisation the first layer of depth %1 gets %2 times the gradient of its last layer.")
                    .arg(last.depth)
                    .arg(formatNumber(last.gradientNorms.front() / last.gradientNorms.back()));
    if (!diverged.isEmpty())
        text = tr("Depth %1 diverged: lower the SGD rate. ").arg(diverged.join(QStringLiteral(", "))) + text;
    setReadout(text, !diverged.isEmpty());
}

} // namespace minima
