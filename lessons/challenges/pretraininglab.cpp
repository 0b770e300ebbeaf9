#include "lessons/challenges/pretraininglab.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLineSeries>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

#include "lessons/challenges/controls.h"
#include "lessons/challenges/curvechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/jobstatus.h"

namespace minima {

PretrainingLab::PretrainingLab(LessonContext& context, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("pretrainingLab"));
    const PretrainingParams d;
    dataset_ = makeDatasetBox(QStringLiteral("datasetBox"), this);
    depth_ = makeSpin(QStringLiteral("depthSpin"), 1, 8, d.depth, this);
    depth_->setSuffix(tr(" hidden layers"));
    pretrainEpochs_ = makeSpin(QStringLiteral("pretrainEpochsSpin"), 1, 1000, d.pretrainEpochs, this);
    pretrainEpochs_->setSuffix(tr(" per layer"));
    epochs_ = makeSpin(QStringLiteral("epochsSpin"), 1, 2000, d.epochs, this);
    rate_ = makeRateSpin(QStringLiteral("learningRateSpin"), 0.001, 20.0, d.learningRate, 3, this);
    seed_ = makeSpin(QStringLiteral("seedSpin"), 1, 9999, int(d.task.seed), this);

    auto* grid = new QGridLayout;
    addControl(grid, 0, 0, tr("&Data:"), dataset_);
    addControl(grid, 0, 1, tr("De&pth:"), depth_);
    addControl(grid, 0, 2, tr("S&eed:"), seed_);
    addControl(grid, 1, 0, tr("&Pre-training epochs:"), pretrainEpochs_);
    addControl(grid, 1, 1, tr("SGD &epochs:"), epochs_);
    addControl(grid, 1, 2, tr("SGD &rate:"), rate_);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    grid->setColumnStretch(5, 1);

    loss_ = new LogCurveChart(tr("Fine-tuning with SGD: pre-trained against random start"), tr("SGD epoch"),
                              tr("loss (cross-entropy, log scale)"), this);
    loss_->setObjectName(QStringLiteral("lossChart"));
    loss_->setAccessibleName(tr("Training loss against epoch, from random and from pre-trained initial weights"));
    reconstruction_ = new LogCurveChart(tr("Pre-training: reconstruction error of each layer's autoencoder"),
                                        tr("autoencoder epoch (Adam)"), tr("MSE (log scale)"), this);
    reconstruction_->setObjectName(QStringLiteral("reconstructionChart"));
    reconstruction_->setAccessibleName(tr("Reconstruction error against epoch, one curve per hidden layer"));

    status_ = new JobStatus(this);
    job_ = new FigureJob(context, this);
    status_->follow(job_);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(loss_, 3);
    layout->addWidget(reconstruction_, 2);
    layout->addWidget(status_);

    debounce_ = new DebounceTimer(context, 250, this);
    connect(debounce_, &DebounceTimer::timeout, this, &PretrainingLab::run);
    auto later = [this] { debounce_->start(); };
    connect(dataset_, &QComboBox::currentIndexChanged, this, later);
    for (QSpinBox* s : {depth_, pretrainEpochs_, epochs_, seed_}) connect(s, &QSpinBox::valueChanged, this, later);
    connect(rate_, &QDoubleSpinBox::valueChanged, this, later);
    run();
}

PretrainingParams PretrainingLab::params() const
{
    PretrainingParams p;
    p.task.dataset = dataset_->currentData().toString().toStdString();
    p.task.seed = std::uint64_t(seed_->value());
    p.depth = depth_->value();
    p.pretrainEpochs = pretrainEpochs_->value();
    p.epochs = epochs_->value();
    p.learningRate = rate_->value();
    return p;
}

void PretrainingLab::run()
{
    debounce_->stop();
    const PretrainingParams p = params();
    status_->setMessage(tr("Pre-training %n autoencoder(s), then fine-tuning both networks…", nullptr, p.depth));
    job_->start<PretrainingResult>([p](Progress& progress) { return compareWithPretraining(p, progress); },
                                   [this](const PretrainingResult& r) { show(r); });
}

void PretrainingLab::show(const PretrainingResult& r)
{
    result_ = r;
    loss_->clearCurves();
    // The plateau first, so the curves are drawn over it.
    loss_->addLevel(tr("ln 2: guessing ½"), std::log(2.0), QColor(0x88, 0x88, 0x88));
    reconstruction_->clearCurves();
    auto named = [this](QString name, bool diverged, int at) {
        return diverged ? name + tr(" (diverged at epoch %1)").arg(at) : name;
    };
    loss_->addCurve(named(tr("random initialisation"), r.randomDiverged, r.randomDivergedAtEpoch), r.randomLosses, 0.0,
                    hueColor(Hue::Vermillion));
    loss_->addCurve(named(tr("greedy pre-training"), r.pretrainedDiverged, r.pretrainedDivergedAtEpoch),
                    r.pretrainedLosses, 0.0, hueColor(Hue::Blue));
    loss_->fitAxes();
    for (std::size_t l = 0; l < r.pretraining.curves.size(); ++l)
        reconstruction_->addCurve(tr("hidden layer %1").arg(l + 1), r.pretraining.curves[l], 0.0, seriesColor(int(l)));
    reconstruction_->fitAxes();

    if (r.randomLosses.empty() || r.pretrainedLosses.empty()) return;
    const double random = r.randomLosses.back(), pretrained = r.pretrainedLosses.back();
    QString text = tr("After %1 SGD epochs: pre-trained %2, random start %3.")
                       .arg(epochs_->value())
                       .arg(formatNumber(pretrained), formatNumber(random));
    if (pretrained < random)
        text += tr(" Pre-training wins by a factor of %1.").arg(formatNumber(random / pretrained));
    else
        text += tr(" Here pre-training did not help: try another seed or more pre-training epochs.");
    const bool diverged = r.randomDiverged || r.pretrainedDiverged;
    if (diverged) text = tr("A run diverged: lower the SGD rate. ") + text;
    status_->setMessage(text, diverged);
    emit resultShown();
}

} // namespace minima
