#include "lessons/challenges/pretraininglab.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineSeries>
#include <QSpinBox>

#include <cmath>

#include "lessons/challenges/curvechart.h"
#include "lessons/challenges/depthlab.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"

namespace minima {

PretrainingLab::PretrainingLab(LessonContext& context, QWidget* parent) : Lab(context, parent)
{
    setObjectName(QStringLiteral("pretrainingLab"));
    const PretrainingParams d;
    ControlStrip* c = controls();
    shared_ = addSharedControls(c, d.task, d.epochs, tr("SGD &epochs:"));
    depth_ = addDepthControl(c, QStringLiteral("depthSpin"), tr("De&pth:"), d.depth);
    pretrainEpochs_ = c->addInteger(QStringLiteral("pretrainEpochsSpin"), tr("Pre-&training epochs:"), 1, 1000,
                                    d.pretrainEpochs, tr("per layer"), tr("Adam epochs of each layer's autoencoder"));
    rate_ = c->addNumber(QStringLiteral("learningRateSpin"), tr("SGD &rate:"), 0.001, 20.0, d.learningRate, 3, {},
                         tr("Step size of the SGD fine-tuning, the same for both networks"));

    loss_ = new LogCurveChart(tr("Fine-tuning with SGD: pre-trained against random start"), tr("SGD epoch"),
                              tr("loss (cross-entropy, log scale)"));
    loss_->setObjectName(QStringLiteral("lossChart"));
    loss_->setAccessibleName(tr("Training loss against epoch, from random and from pre-trained initial weights"));
    reconstruction_ = new LogCurveChart(tr("Pre-training: reconstruction error of each layer's autoencoder"),
                                        tr("autoencoder epoch (Adam)"), tr("MSE (log scale)"));
    reconstruction_->setObjectName(QStringLiteral("reconstructionChart"));
    reconstruction_->setAccessibleName(tr("Reconstruction error against epoch, one curve per hidden layer"));
    addFigure(loss_, 3);
    addFigure(reconstruction_, 2);
    recompute();
}

PretrainingParams PretrainingLab::params() const
{
    PretrainingParams p;
    p.task = shared_.task();
    p.depth = depth_->value();
    p.pretrainEpochs = pretrainEpochs_->value();
    p.epochs = shared_.epochs->value();
    p.learningRate = rate_->value();
    return p;
}

void PretrainingLab::run()
{
    const PretrainingParams p = params();
    runJob<PretrainingResult>(tr("Pre-training %n autoencoder(s), then fine-tuning both networks…", nullptr, p.depth),
                              [p](Progress& progress) { return compareWithPretraining(p, progress); },
                              [this](const PretrainingResult& r) { showResult(r); });
}

void PretrainingLab::showResult(const PretrainingResult& r)
{
    result_ = r;
    loss_->clearCurves();
    auto named = [this](QString name, bool diverged, int at) {
        return diverged ? name + tr(" (diverged at epoch %1)").arg(at) : name;
    };
    loss_->addCurve(named(tr("random initialisation"), r.randomDiverged, r.randomDivergedAtEpoch), r.randomLosses, 0.0,
                    hueColor(Hue::Vermillion));
    loss_->addCurve(named(tr("greedy pre-training"), r.pretrainedDiverged, r.pretrainedDivergedAtEpoch),
                    r.pretrainedLosses, 0.0, hueColor(Hue::Blue));
    // The plateau last, so it is drawn above the curves.
    loss_->addLevel(tr("ln 2: guessing ½"), std::log(2.0), levelColor());
    loss_->fitAxes();
    // The reconstruction curves and the readout a turn later: both charts at once held the
    // interface for longer than a frame.
    showNext([this] { showReconstruction(); });
}

void PretrainingLab::showReconstruction()
{
    const PretrainingResult& r = result_;
    reconstruction_->clearCurves();
    for (std::size_t l = 0; l < r.pretraining.curves.size(); ++l)
        reconstruction_->addCurve(tr("hidden layer %1").arg(l + 1), r.pretraining.curves[l], 0.0, DepthLab::depthColor(int(l) + 1));
    reconstruction_->fitAxes();

    if (r.randomLosses.empty() || r.pretrainedLosses.empty()) return;
    const double random = r.randomLosses.back(), pretrained = r.pretrainedLosses.back();
    QString text = tr("After %1 SGD epochs: pre-trained %2, random start %3.")
                       .arg(shared_.epochs->value())
                       .arg(formatNumber(pretrained), formatNumber(random));
    if (pretrained < random)
        text += tr(" Pre-training wins by a factor of %1.").arg(formatNumber(random / pretrained));
    else
        text += tr(" Here pre-training did not help: try another seed or more pre-training epochs.");
    const bool diverged = r.randomDiverged || r.pretrainedDiverged;
    if (diverged) text = tr("A run diverged: lower the SGD rate. ") + text;
    setReadout(text, diverged);
}

} // namespace minima
