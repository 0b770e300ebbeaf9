#include "lessons/challenges/depthlab.h"

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

DepthLab::DepthLab(LessonContext& context, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("depthLab"));
    const DepthParams d;
    dataset_ = makeDatasetBox(QStringLiteral("datasetBox"), this);
    maxDepth_ = makeSpin(QStringLiteral("maxDepthSpin"), 1, 8, d.maxDepth, this);
    epochs_ = makeSpin(QStringLiteral("epochsSpin"), 1, 2000, d.epochs, this);
    rate_ = makeRateSpin(QStringLiteral("learningRateSpin"), 0.001, 20.0, d.learningRate, 3, this);
    scale_ = makeRateSpin(QStringLiteral("initScaleSpin"), 0.01, 5.0, d.initScale, 2, this);
    seed_ = makeSpin(QStringLiteral("seedSpin"), 1, 9999, int(d.task.seed), this);
    maxDepth_->setPrefix(tr("1 to "));
    maxDepth_->setSuffix(tr(" hidden layers"));

    auto* grid = new QGridLayout;
    addControl(grid, 0, 0, tr("&Data:"), dataset_);
    addControl(grid, 0, 1, tr("De&pths:"), maxDepth_);
    addControl(grid, 0, 2, tr("&Epochs:"), epochs_);
    addControl(grid, 1, 0, tr("SGD &rate:"), rate_);
    addControl(grid, 1, 1, tr("&Initial weights ±:"), scale_);
    addControl(grid, 1, 2, tr("S&eed:"), seed_);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    grid->setColumnStretch(5, 1);

    loss_ = new LogCurveChart(tr("Training loss of sigmoid networks, one curve per depth"), tr("epoch"),
                              tr("loss (cross-entropy, log scale)"), this);
    loss_->setObjectName(QStringLiteral("lossChart"));
    loss_->setAccessibleName(tr("Training loss against epoch, one curve per depth"));
    gradients_ = new LogCurveChart(tr("Gradient norm of each layer at initialisation (colours as above)"),
                                   tr("weight layer (1 = next to the input)"), tr("‖∂L/∂W‖ (log scale)"), this);
    gradients_->setObjectName(QStringLiteral("gradientChart"));
    gradients_->chart()->legend()->hide();
    gradients_->setAccessibleName(tr("Gradient norm of each weight layer at initialisation, one curve per depth"));

    status_ = new JobStatus(this);
    job_ = new FigureJob(context, this);
    status_->follow(job_);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(loss_, 3);
    layout->addWidget(gradients_, 2);
    layout->addWidget(status_);

    debounce_ = new DebounceTimer(context, 250, this);
    connect(debounce_, &DebounceTimer::timeout, this, &DepthLab::run);
    auto later = [this] { debounce_->start(); };
    connect(dataset_, &QComboBox::currentIndexChanged, this, later);
    for (QSpinBox* s : {maxDepth_, epochs_, seed_}) connect(s, &QSpinBox::valueChanged, this, later);
    for (QDoubleSpinBox* s : {rate_, scale_}) connect(s, &QDoubleSpinBox::valueChanged, this, later);
    run();
}

DepthParams DepthLab::params() const
{
    DepthParams p;
    p.task.dataset = dataset_->currentData().toString().toStdString();
    p.task.seed = std::uint64_t(seed_->value());
    p.minDepth = 1;
    p.maxDepth = maxDepth_->value();
    p.epochs = epochs_->value();
    p.learningRate = rate_->value();
    p.initScale = scale_->value();
    return p;
}

void DepthLab::run()
{
    debounce_->stop();
    const DepthParams p = params();
    status_->setMessage(tr("Training %n network(s) with plain SGD…", nullptr, p.maxDepth - p.minDepth + 1));
    job_->start<DepthResult>([p](Progress& progress) { return deeperIsHarder(p, progress); },
                             [this](const DepthResult& r) { show(r); });
}

void DepthLab::show(const DepthResult& r)
{
    result_ = r;
    loss_->clearCurves();
    // The plateau first, so the curves are drawn over it.
    loss_->addLevel(tr("ln 2: guessing ½"), std::log(2.0), QColor(0x88, 0x88, 0x88));
    gradients_->clearCurves();
    QStringList diverged;
    for (std::size_t i = 0; i < r.runs.size(); ++i) {
        const DepthRun& run = r.runs[i];
        // Depth is ordered: viridis from dark (shallow) to light (deep), short of its faint yellow.
        const QColor c = viridis(r.runs.size() > 1 ? 0.9 * double(i) / double(r.runs.size() - 1) : 0.0);
        QString name = tr("depth %1").arg(run.depth);
        if (run.diverged) {
            name += tr(" (diverged at epoch %1)").arg(run.divergedAtEpoch);
            diverged << QString::number(run.depth);
        }
        loss_->addCurve(name, run.losses, 0.0, c);
        gradients_->addCurve(tr("depth %1").arg(run.depth), run.gradientNorms, 1.0, c, Qt::SolidLine, true);
    }
    loss_->fitAxes();
    gradients_->fitAxes(true);

    if (r.runs.empty()) return;
    const DepthRun& first = r.runs.front();
    const DepthRun& last = r.runs.back();
    QString text = tr("After %1 epochs: depth %2 ends at loss %3, depth %4 at %5 (ln 2 ≈ 0.693 is the loss of always "
                      "answering ½).")
                       .arg(epochs_->value())
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
    status_->setMessage(text, !diverged.isEmpty());
    emit resultShown();
}

} // namespace minima
