#pragma once
// Lab 2, "Momentum": heavy ball v ← βv − αg, x ← x + v (Polyak 1964), or Nesterov's form,
// beside plain gradient descent on the same bowl f = ½ xᵀAx with eigenvalues 1/κ and 1. The two
// paths on the contours, the loss per step on a log scale with the rates the theory gives, and
// the map of the exact spectral radius over (α, β) (engine/experiments/heavyball.h) with the
// optimum (α*, β*) and the run's (α, β) marked. The readout compares measured and theoretical
// rates (Goh, "Why Momentum Really Works", Distill 2017). Everything is computed in the job.
#include <vector>

#include <QPointF>

#include <Eigen/Core>

#include "lessons/common/lab.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineSeries;
class QLogValueAxis;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class ColourBar;
class FigureChart;
class HeatMapLayer;
struct HeavyBallResult;

// What the lab tells of one run (engine/optim/run.h's RunResult, without its types).
struct MomentumRun {
    std::vector<Eigen::Vector2d> points;   // points[0] is the start; never a non-finite point
    std::vector<double> losses;
    bool diverged = false;
    int divergedAtStep = -1;
    double learningRate = 0;
    double theoryRate = 0;     // the spectral radius of the step map
    double measuredRate = 0;   // engine/experiments/heavyball.h, contraction.h
};

class HeavyBallLab : public Lab {
    Q_OBJECT
public:
    explicit HeavyBallLab(LessonContext& context, QWidget* parent = nullptr);
    ~HeavyBallLab() override;

    QDoubleSpinBox* kappa() const { return kappa_; }
    QDoubleSpinBox* alpha() const { return alpha_; }
    QDoubleSpinBox* beta() const { return beta_; }
    QCheckBox* nesterov() const { return nesterov_; }
    QComboBox* gdStep() const { return gdStep_; }
    QSpinBox* steps() const { return steps_; }
    QPushButton* bestButton() const { return best_; }
    FigureChart* pathChart() const { return paths_; }
    FigureChart* lossChart() const { return loss_; }
    FigureChart* mapChart() const { return map_; }
    ColourBar* colourBar() const { return colourBar_; }
    QLogValueAxis* lossAxis() const { return lossY_; }
    // The runs on show: gradient descent and momentum (heavy ball or Nesterov).
    const MomentumRun& gdRun() const { return gd_; }
    const MomentumRun& momentumRun() const { return mom_; }

    static constexpr double kAlphaMax = 4.2;   // the map's α range is [0, kAlphaMax]
    static constexpr double kAngle = 0.5235987755982988;   // the bowl turned 30°
    // The start: 2.8 along the shallow eigenvector (cos 30°, sin 30°), back, and 0.25 along the
    // steep one (−sin 30°, cos 30°).
    static constexpr QPointF kStart{-2.8 * 0.8660254037844386 - 0.25 * 0.5, -2.8 * 0.5 + 0.25 * 0.8660254037844386};
    static constexpr double kLossFloor = 1e-30;             // the loss chart's lowest decade

protected:
    void run() override;

private:
    void showResult(const HeavyBallResult& r);
    void showLoss(const HeavyBallResult& r);
    void showMap(const HeavyBallResult& r);

    QDoubleSpinBox* kappa_;
    QDoubleSpinBox* alpha_;
    QDoubleSpinBox* beta_;
    QCheckBox* nesterov_;
    QComboBox* gdStep_;
    QSpinBox* steps_;
    QPushButton* best_;
    FigureChart* paths_;
    FigureChart* loss_;
    FigureChart* map_;
    ColourBar* colourBar_;
    HeatMapLayer* heat_;
    QValueAxis* pathX_;
    QValueAxis* pathY_;
    QValueAxis* lossX_;
    QLogValueAxis* lossY_;
    QValueAxis* mapX_;
    QValueAxis* mapY_;
    QList<QLineSeries*> contourLines_;
    QLineSeries* gdPath_;
    QLineSeries* momPath_;
    QScatterSeries* start_;
    QScatterSeries* minimum_;
    QLineSeries* gdLoss_;
    QLineSeries* momLoss_;
    QLineSeries* gdTheory_;
    QLineSeries* momTheory_;
    QLineSeries* edge_;
    QScatterSeries* optimum_;
    QScatterSeries* current_;
    MomentumRun gd_, mom_;
};

} // namespace minima
