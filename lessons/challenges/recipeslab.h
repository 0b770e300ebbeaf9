#pragma once
// Lab 3, "What changed": the same deep network trained end to end, once as in 2006
// (sigmoid units, naive initialisation, SGD) and then with ReLU units and He initialisation
// (He et al. 2015) under SGD, momentum and Adam (Kingma & Ba 2015). Top: the loss curves.
// Bottom: the gradient norm of each layer at initialisation for the two starting points.
#include <QList>
#include <QWidget>

#include "lessons/common/debounce.h"
#include "engine/experiments/depth.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QTimer;

namespace minima {

class FigureJob;
class LessonContext;
class LogCurveChart;
class JobStatus;

class RecipesLab : public QWidget {
    Q_OBJECT
public:
    explicit RecipesLab(LessonContext& context, QWidget* parent = nullptr);

    QComboBox* datasetBox() const { return dataset_; }
    QSpinBox* depthSpin() const { return depth_; }
    QSpinBox* epochsSpin() const { return epochs_; }
    QDoubleSpinBox* reluRateSpin() const { return reluRate_; }
    QDoubleSpinBox* adamRateSpin() const { return adamRate_; }
    QSpinBox* seedSpin() const { return seed_; }
    // One per recipe, in the order of allRecipes().
    const QList<QCheckBox*>& recipeBoxes() const { return recipeBoxes_; }
    LogCurveChart* lossChart() const { return loss_; }
    LogCurveChart* gradientChart() const { return gradients_; }
    JobStatus* status() const { return status_; }
    FigureJob* job() const { return job_; }

    RecipeParams params() const;
    const RecipeResult& result() const { return result_; }

signals:
    void resultShown();

public slots:
    void run();

private:
    void show(const RecipeResult& r);

    QComboBox* dataset_;
    QSpinBox* depth_;
    QSpinBox* epochs_;
    QDoubleSpinBox* reluRate_;
    QDoubleSpinBox* adamRate_;
    QSpinBox* seed_;
    QList<QCheckBox*> recipeBoxes_;
    LogCurveChart* loss_;
    LogCurveChart* gradients_;
    JobStatus* status_;
    FigureJob* job_;
    DebounceTimer* debounce_;
    RecipeResult result_;
};

} // namespace minima
