#include "lessons/challenges/recipeslab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineSeries>
#include <QSpinBox>

#include <cmath>

#include "lessons/challenges/curvechart.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/figurejob.h"

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

RecipesLab::RecipesLab(LessonContext& context, QWidget* parent) : Lab(context, parent)
{
    setObjectName(QStringLiteral("recipesLab"));
    const RecipeParams d;
    ControlStrip* c = controls();
    shared_ = addSharedControls(c, d.task, d.epochs, tr("&Epochs:"));
    depth_ = addDepthControl(c, QStringLiteral("depthSpin"), tr("De&pth:"), d.depth);
    reluRate_ = c->addNumber(QStringLiteral("reluRateSpin"), tr("ReLU SGD &rate:"), 0.0001, 5.0, d.reluSgdRate, 4, {},
                             tr("Step size of SGD and momentum for the ReLU network"));
    adamRate_ = c->addNumber(QStringLiteral("adamRateSpin"), tr("&Adam rate:"), 0.0001, 1.0, d.adamRate, 4, {},
                             tr("Step size of Adam"));
    c->newRow();
    for (DeepRecipe r : allRecipes()) {
        const QString name = QString::fromUtf8(recipeName(r).data(), qsizetype(recipeName(r).size()));
        const QString key = QStringLiteral("recipe-") + QString::fromLatin1(recipeKey(r).data(), qsizetype(recipeKey(r).size()));
        recipeBoxes_.append(c->addToggle(key, name, true, tr("Train with %1").arg(name)));
    }

    loss_ = new LogCurveChart(tr("The same %1-hidden-layer network, trained end to end").arg(d.depth), tr("epoch"),
                              tr("loss (cross-entropy, log scale)"));
    loss_->setObjectName(QStringLiteral("lossChart"));
    loss_->setAccessibleName(tr("Training loss against epoch, one curve per recipe"));
    gradients_ = new LogCurveChart(tr("Gradient norm of each layer at initialisation"),
                                   tr("weight layer (1 = next to the input)"), tr("‖∂L/∂W‖ (log scale)"));
    gradients_->setObjectName(QStringLiteral("gradientChart"));
    gradients_->setAccessibleName(tr("Gradient norm of each weight layer at initialisation, sigmoid and ReLU"));
    addFigure(loss_, 3);
    addFigure(gradients_, 2);
    recompute();
}

RecipeParams RecipesLab::params() const
{
    RecipeParams p;
    p.task = shared_.task();
    p.depth = depth_->value();
    p.epochs = shared_.epochs->value();
    p.reluSgdRate = reluRate_->value();
    p.adamRate = adamRate_->value();
    p.recipes.clear();
    for (int i = 0; i < recipeBoxes_.size(); ++i)
        if (recipeBoxes_[i]->isChecked()) p.recipes.push_back(allRecipes()[std::size_t(i)]);
    return p;
}

void RecipesLab::run()
{
    const RecipeParams p = params();
    loss_->chart()->setTitle(tr("The same %1-hidden-layer network, trained end to end").arg(p.depth));
    if (p.recipes.empty()) {
        job()->cancel();
        loss_->clearCurves();
        gradients_->clearCurves();
        loss_->fitAxes();
        gradients_->fitAxes(true);
        result_ = {};
        setReadout(tr("Tick at least one way of training to see its curve."), true);
        emit resultShown();
        return;
    }
    runJob<RecipeResult>(tr("Training %n network(s)…", nullptr, int(p.recipes.size())),
                         [p](Progress& progress) { return compareRecipes(p, progress); },
                         [this](const RecipeResult& r) { showResult(r); });
}

void RecipesLab::showResult(const RecipeResult& r)
{
    result_ = r;
    loss_->clearCurves();
    QStringList diverged, parts;
    for (const RecipeRun& run : r.runs) {
        QString name = QString::fromUtf8(recipeName(run.recipe).data(), qsizetype(recipeName(run.recipe).size()));
        if (run.diverged) diverged << name;
        loss_->addCurve(run.diverged ? name + tr(" (diverged at epoch %1)").arg(run.divergedAtEpoch) : name, run.losses,
                        0.0, recipeColor(run.recipe));
        if (!run.losses.empty()) parts << tr("%1: %2").arg(name, formatNumber(run.losses.back()));
    }
    // The plateau last, so it is drawn above the curves.
    loss_->addLevel(tr("ln 2: guessing ½"), std::log(2.0), levelColor());
    loss_->fitAxes();
    // The gradients and the readout a turn later: both charts at once held the interface for
    // longer than a frame.
    showNext([this, diverged, parts] { showGradients(diverged, parts); });
}

void RecipesLab::showGradients(const QStringList& diverged, const QStringList& parts)
{
    gradients_->clearCurves();
    bool sigmoidShown = false, reluShown = false;
    for (const RecipeRun& run : result_.runs) {
        // Momentum and Adam start from the same He initialisation as ReLU SGD: one curve.
        const bool sigmoid = run.recipe == DeepRecipe::SigmoidNaiveSgd;
        if (sigmoid && !sigmoidShown) {
            gradients_->addCurve(tr("sigmoid, naive init"), run.gradientNorms, 1.0, recipeColor(run.recipe), Qt::SolidLine, true);
            sigmoidShown = true;
        } else if (!sigmoid && !reluShown) {
            gradients_->addCurve(tr("ReLU, He init"), run.gradientNorms, 1.0, hueColor(Hue::SkyBlue), Qt::SolidLine, true);
            reluShown = true;
        }
    }
    gradients_->fitAxes(true);
    QString text = tr("Loss after %1 epochs: %2.").arg(shared_.epochs->value()).arg(parts.join(QStringLiteral("; ")));
    if (!diverged.isEmpty()) text = tr("Diverged: %1; lower its rate. ").arg(diverged.join(QStringLiteral(", "))) + text;
    setReadout(text, !diverged.isEmpty());
}

} // namespace minima
