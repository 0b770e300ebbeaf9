#include "lessons/challenges/recipeslab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
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

namespace {

// One colour per recipe, the same in both charts and in every run.
QColor recipeColor(DeepRecipe r)
{
    switch (r) {
    case DeepRecipe::SigmoidNaiveSgd: return hueColor(Hue::Vermillion);
    case DeepRecipe::ReluHeSgd: return hueColor(Hue::SkyBlue);
    case DeepRecipe::ReluHeMomentum: return hueColor(Hue::BluishGreen);
    case DeepRecipe::ReluHeAdam: return hueColor(Hue::Blue);
    }
    return hueColor(Hue::Ink);
}

} // namespace

RecipesLab::RecipesLab(LessonContext& context, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("recipesLab"));
    const RecipeParams d;
    dataset_ = makeDatasetBox(QStringLiteral("datasetBox"), this);
    depth_ = makeSpin(QStringLiteral("depthSpin"), 1, 8, d.depth, this);
    depth_->setSuffix(tr(" hidden layers"));
    epochs_ = makeSpin(QStringLiteral("epochsSpin"), 1, 2000, d.epochs, this);
    reluRate_ = makeRateSpin(QStringLiteral("reluRateSpin"), 0.0001, 5.0, d.reluSgdRate, 4, this);
    adamRate_ = makeRateSpin(QStringLiteral("adamRateSpin"), 0.0001, 1.0, d.adamRate, 4, this);
    seed_ = makeSpin(QStringLiteral("seedSpin"), 1, 9999, int(d.task.seed), this);

    auto* grid = new QGridLayout;
    addControl(grid, 0, 0, tr("&Data:"), dataset_);
    addControl(grid, 0, 1, tr("De&pth:"), depth_);
    addControl(grid, 0, 2, tr("&Epochs:"), epochs_);
    addControl(grid, 1, 0, tr("ReLU SGD &rate:"), reluRate_);
    addControl(grid, 1, 1, tr("&Adam rate:"), adamRate_);
    addControl(grid, 1, 2, tr("S&eed:"), seed_);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    grid->setColumnStretch(5, 1);

    auto* boxes = new QHBoxLayout;
    for (DeepRecipe r : allRecipes()) {
        auto* box = new QCheckBox(QString::fromUtf8(recipeName(r).data(), qsizetype(recipeName(r).size())), this);
        box->setObjectName(QStringLiteral("recipe-") + QString::fromLatin1(recipeKey(r).data(), qsizetype(recipeKey(r).size())));
        box->setChecked(true);
        box->setAccessibleName(tr("Train with %1").arg(box->text()));
        recipeBoxes_.append(box);
        boxes->addWidget(box);
    }
    boxes->addStretch(1);

    loss_ = new LogCurveChart(tr("The same %1-hidden-layer network, trained end to end").arg(d.depth), tr("epoch"),
                              tr("loss (cross-entropy, log scale)"), this);
    loss_->setObjectName(QStringLiteral("lossChart"));
    loss_->setAccessibleName(tr("Training loss against epoch, one curve per recipe"));
    gradients_ = new LogCurveChart(tr("Gradient norm of each layer at initialisation"),
                                   tr("weight layer (1 = next to the input)"), tr("‖∂L/∂W‖ (log scale)"), this);
    gradients_->setObjectName(QStringLiteral("gradientChart"));
    gradients_->setAccessibleName(tr("Gradient norm of each weight layer at initialisation, sigmoid and ReLU"));

    status_ = new JobStatus(this);
    job_ = new FigureJob(context, this);
    status_->follow(job_);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addLayout(boxes);
    layout->addWidget(loss_, 3);
    layout->addWidget(gradients_, 2);
    layout->addWidget(status_);

    debounce_ = new DebounceTimer(context, 250, this);
    connect(debounce_, &DebounceTimer::timeout, this, &RecipesLab::run);
    auto later = [this] { debounce_->start(); };
    connect(dataset_, &QComboBox::currentIndexChanged, this, later);
    for (QSpinBox* s : {depth_, epochs_, seed_}) connect(s, &QSpinBox::valueChanged, this, later);
    for (QDoubleSpinBox* s : {reluRate_, adamRate_}) connect(s, &QDoubleSpinBox::valueChanged, this, later);
    for (QCheckBox* b : recipeBoxes_) connect(b, &QCheckBox::toggled, this, later);
    run();
}

RecipeParams RecipesLab::params() const
{
    RecipeParams p;
    p.task.dataset = dataset_->currentData().toString().toStdString();
    p.task.seed = std::uint64_t(seed_->value());
    p.depth = depth_->value();
    p.epochs = epochs_->value();
    p.reluSgdRate = reluRate_->value();
    p.adamRate = adamRate_->value();
    p.recipes.clear();
    for (int i = 0; i < recipeBoxes_.size(); ++i)
        if (recipeBoxes_[i]->isChecked()) p.recipes.push_back(allRecipes()[std::size_t(i)]);
    return p;
}

void RecipesLab::run()
{
    debounce_->stop();
    const RecipeParams p = params();
    loss_->chart()->setTitle(tr("The same %1-hidden-layer network, trained end to end").arg(p.depth));
    if (p.recipes.empty()) {
        job_->cancel();
        loss_->clearCurves();
        gradients_->clearCurves();
        loss_->fitAxes();
        gradients_->fitAxes(true);
        result_ = {};
        status_->setMessage(tr("Tick at least one way of training to see its curve."), true);
        emit resultShown();
        return;
    }
    status_->setMessage(tr("Training %n network(s)…", nullptr, int(p.recipes.size())));
    job_->start<RecipeResult>([p](Progress& progress) { return compareRecipes(p, progress); },
                              [this](const RecipeResult& r) { show(r); });
}

void RecipesLab::show(const RecipeResult& r)
{
    result_ = r;
    loss_->clearCurves();
    // The plateau first, so the curves are drawn over it.
    loss_->addLevel(tr("ln 2: guessing ½"), std::log(2.0), QColor(0x88, 0x88, 0x88));
    gradients_->clearCurves();
    QStringList diverged, parts;
    bool sigmoidShown = false, reluShown = false;
    for (const RecipeRun& run : r.runs) {
        QString name = QString::fromUtf8(recipeName(run.recipe).data(), qsizetype(recipeName(run.recipe).size()));
        const QColor c = recipeColor(run.recipe);
        if (run.diverged) diverged << name;
        loss_->addCurve(run.diverged ? name + tr(" (diverged at epoch %1)").arg(run.divergedAtEpoch) : name, run.losses,
                        0.0, c);
        if (!run.losses.empty()) parts << tr("%1: %2").arg(name, formatNumber(run.losses.back()));
        // Momentum and Adam start from the same He initialisation as ReLU SGD: one curve.
        const bool sigmoid = run.recipe == DeepRecipe::SigmoidNaiveSgd;
        if (sigmoid && !sigmoidShown) {
            gradients_->addCurve(tr("sigmoid, naive init"), run.gradientNorms, 1.0, c, Qt::SolidLine, true);
            sigmoidShown = true;
        } else if (!sigmoid && !reluShown) {
            gradients_->addCurve(tr("ReLU, He init"), run.gradientNorms, 1.0, hueColor(Hue::SkyBlue), Qt::SolidLine, true);
            reluShown = true;
        }
    }
    loss_->fitAxes();
    gradients_->fitAxes(true);
    QString text = tr("Loss after %1 epochs: %2.").arg(epochs_->value()).arg(parts.join(QStringLiteral("; ")));
    if (!diverged.isEmpty()) text = tr("Diverged: %1; lower its rate. ").arg(diverged.join(QStringLiteral(", "))) + text;
    status_->setMessage(text, !diverged.isEmpty());
    emit resultShown();
}

} // namespace minima
