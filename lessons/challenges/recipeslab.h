#pragma once
// Lab 3, "What changed": the same deep network trained end to end, once as in 2006
// (sigmoid units, naive initialisation, SGD) and then with ReLU units and He initialisation
// (He et al. 2015) under SGD, momentum and Adam (Kingma & Ba 2015). Top: the loss curves.
// Bottom: the gradient norm of each layer at initialisation for the two starting points.
#include <QList>
#include <QStringList>

#include "engine/experiments/depth.h"
#include "lessons/challenges/controls.h"
#include "lessons/common/lab.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace minima {

class LessonContext;
class LogCurveChart;

class RecipesLab : public Lab {
    Q_OBJECT
public:
    explicit RecipesLab(LessonContext& context, QWidget* parent = nullptr);

    QComboBox* datasetBox() const { return shared_.dataset; }
    QSpinBox* depthSpin() const { return depth_; }
    QSpinBox* epochsSpin() const { return shared_.epochs; }
    QDoubleSpinBox* reluRateSpin() const { return reluRate_; }
    QDoubleSpinBox* adamRateSpin() const { return adamRate_; }
    QSpinBox* seedSpin() const { return shared_.seed; }
    // One per recipe, in the order of allRecipes().
    const QList<QCheckBox*>& recipeBoxes() const { return recipeBoxes_; }
    LogCurveChart* lossChart() const { return loss_; }
    LogCurveChart* gradientChart() const { return gradients_; }

    RecipeParams params() const;
    const RecipeResult& result() const { return result_; }

protected:
    void run() override;

private:
    void showResult(const RecipeResult& r);
    // The gradient chart and the readout, a turn after the losses (Lab::showNext()).
    void showGradients(const QStringList& diverged, const QStringList& parts);

    SharedControls shared_;
    QSpinBox* depth_;
    QDoubleSpinBox* reluRate_;
    QDoubleSpinBox* adamRate_;
    QList<QCheckBox*> recipeBoxes_;
    LogCurveChart* loss_;
    LogCurveChart* gradients_;
    RecipeResult result_;
};

} // namespace minima
