#pragma once
// Lab 2, "The learning rate on a bowl": gradient descent on f(x) = ½ xᵀAx with eigenvalues
// λ1, λ2 and a rotation, from a draggable start. The trajectory on the contours, the loss per
// step on a log scale, and the measured contraction per step against the learning rate with
// the theory max_i |1 − lr·λ_i| over it; the rates 1/λ1, 1/λ2, 2/(λmin + λmax) and 2/λmax marked.
// The contours, the run and the sweep of measured rates are computed in the lab's job.
#include <vector>

#include <Eigen/Core>

#include "lessons/common/lab.h"

class QDoubleSpinBox;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class ChartDrag;
class EqualUnits;
class FigureChart;
class SurfaceView3D;
struct BowlResult;

// How the last gradient-descent run went: what the lab draws and tells of the engine's
// RunResult (engine/optim/run.h), kept here so the header needs no engine types.
struct DescentRun {
    std::vector<Eigen::Vector2d> points;   // points[0] is the start; never a non-finite point
    std::vector<double> losses;
    int steps = 0;
    bool converged = false;
    bool diverged = false;
    int divergedAtStep = -1;
    double finalLoss = 0;
};

class BowlLab : public Lab {
    Q_OBJECT
public:
    explicit BowlLab(LessonContext& context, QWidget* parent = nullptr);
    ~BowlLab() override;

    QDoubleSpinBox* lambda1() const { return lambda1_; }
    QDoubleSpinBox* lambda2() const { return lambda2_; }
    QDoubleSpinBox* angle() const { return angle_; }
    QDoubleSpinBox* learningRate() const { return rate_; }
    QSpinBox* steps() const { return steps_; }
    QDoubleSpinBox* startX() const { return startX_; }
    QDoubleSpinBox* startY() const { return startY_; }
    // Buttons that set the learning rate to 1/λ1, 1/λ2, 2/(λmin+λmax), 2/λmax.
    QPushButton* thresholdButton(int i) const { return thresholdButtons_[i]; }
    FigureChart* contourChart() const { return contours_; }
    FigureChart* lossChart() const { return loss_; }
    FigureChart* contractionChart() const { return contraction_; }
    ChartDrag* drag() const { return drag_; }
    // The bowl in 3-D beside the contours; null where no OpenGL context can be made.
    SurfaceView3D* view3d() const { return view3d_; }
    // The run on show.
    const DescentRun& descent() const { return run_; }

protected:
    void run() override;

private:
    void showResult(const BowlResult& r);
    void showRates(const BowlResult& r);   // the loss and contraction charts, and the readout
    void labelDecades();
    void show3D(const BowlResult& r);

    QDoubleSpinBox* lambda1_;
    QDoubleSpinBox* lambda2_;
    QDoubleSpinBox* angle_;
    QDoubleSpinBox* rate_;
    QSpinBox* steps_;
    QDoubleSpinBox* startX_;
    QDoubleSpinBox* startY_;
    QPushButton* thresholdButtons_[4];
    FigureChart* contours_;
    FigureChart* loss_;
    FigureChart* contraction_;
    QValueAxis* contourX_;
    QValueAxis* contourY_;
    QValueAxis* lossX_;
    QValueAxis* lossY_;   // log₁₀ of the loss, labelled as powers of ten
    int decadeLo_ = -3, decadeHi_ = 0;
    QValueAxis* rateX_;
    QValueAxis* rateY_;
    QList<QLineSeries*> contourLines_;
    QLineSeries* eigenAxes_[2];
    QLineSeries* path_;
    QScatterSeries* start_;
    QScatterSeries* end_;
    QScatterSeries* minimum_;
    QLineSeries* lossCurve_;
    QLineSeries* theory_;
    QScatterSeries* measured_;
    QLineSeries* thresholdLines_[4];
    QLineSeries* unitLine_;
    QScatterSeries* current_;
    ChartDrag* drag_;
    EqualUnits* equal_;
    DescentRun run_;
    SurfaceView3D* view3d_ = nullptr;
};

} // namespace minima
