#pragma once
// Lab "Conjugate gradients": on the 2-D bowl ½ xᵀHx (eigenvalues 1 and κ, a rotation, a start the
// learner clicks or drags) steepest descent with exact line search zig-zags while linear CG lands
// on the minimum in at most two steps; on an n-dimensional quadratic whose eigenvalues lie in
// clusters, the residual per iteration of both on a log axis, CG done in about as many steps as
// there are clusters; the conjugacy matrix of CG's first directions as a heat map; and nonlinear
// CG (Fletcher–Reeves, Polak–Ribière+) on Rosenbrock from (−1.2, 1). Everything is computed in the
// lab's job by the engine's experiment (engine/experiments/conjugate.h).
#include <QList>
#include <QPointF>

#include "lessons/common/lab.h"

class QComboBox;
class QDoubleSpinBox;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class ChartDrag;
class ColourBar;
class EqualUnits;
class FigureChart;
class HeatMapLayer;
struct ConjugateView;

class ConjugateLab : public Lab {
    Q_OBJECT
public:
    explicit ConjugateLab(LessonContext& context, QWidget* parent = nullptr);
    ~ConjugateLab() override;

    QDoubleSpinBox* kappa() const { return kappa_; }
    QDoubleSpinBox* angle() const { return angle_; }
    QDoubleSpinBox* pointX() const { return pointX_; }
    QDoubleSpinBox* pointY() const { return pointY_; }
    QSpinBox* steps() const { return steps_; }
    QSpinBox* dimension() const { return n_; }
    QSpinBox* clusters() const { return clusters_; }
    QComboBox* spread() const { return spread_; }
    QComboBox* spectrum() const { return spectrum_; }
    QSpinBox* seed() const { return seed_; }
    FigureChart* mapChart() const { return map_; }
    FigureChart* residualChart() const { return residual_; }
    FigureChart* conjugacyChart() const { return conj_; }
    FigureChart* rosenbrockChart() const { return rosen_; }
    HeatMapLayer* conjugacyLayer() const { return conjHeat_; }
    ChartDrag* drag() const { return drag_; }
    // The conjugacy matrix last drawn (row-major, its size squared).
    const QList<double>& conjugacyShown() const { return conjShown_; }
    int conjugacySize() const { return conjSize_; }
    // Where a data point of the bowl's map is drawn, in its viewport's coordinates (for a click).
    QPoint mapPosition(const QPointF& value) const;

    // The lab's fixed settings: the relative residual counted as solved, and steepest descent's
    // budget on the n-D quadratic.
    static constexpr double kTolerance = 1e-10;
    static constexpr int kSdSteps = 2000;

protected:
    void run() override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showMap(const ConjugateView& v);
    void showResiduals(const ConjugateView& v);
    void showConjugacy(const ConjugateView& v);
    void showRosenbrock(const ConjugateView& v);
    void showReadout(const ConjugateView& v);
    void setPoint(const QPointF& p);

    QDoubleSpinBox* kappa_;
    QDoubleSpinBox* angle_;
    QDoubleSpinBox* pointX_;
    QDoubleSpinBox* pointY_;
    QSpinBox* steps_;
    QSpinBox* n_;
    QSpinBox* clusters_;
    QComboBox* spread_;
    QComboBox* spectrum_;
    QSpinBox* seed_;
    FigureChart* map_;
    FigureChart* residual_;
    FigureChart* conj_;
    FigureChart* rosen_;
    QValueAxis* mapX_;
    QValueAxis* mapY_;
    QValueAxis* iterX_;
    QLogValueAxis* residualY_;
    QValueAxis* conjX_;
    QValueAxis* conjY_;
    QValueAxis* rosenX_;
    QValueAxis* rosenY_;
    QList<QLineSeries*> contours_;
    QLineSeries* sdPath_;
    QLineSeries* cgPath_;
    QScatterSeries* point_;
    QScatterSeries* minimum_;
    QLineSeries* cgResidual_;
    QLineSeries* sdResidual_;
    QLineSeries* clusterLine_;
    QLineSeries* toleranceLine_;
    HeatMapLayer* conjHeat_;
    ColourBar* conjBar_;
    HeatMapLayer* rosenHeat_;
    ColourBar* rosenBar_;
    QLineSeries* frPath_;
    QLineSeries* prPath_;
    QScatterSeries* rosenStart_;
    QScatterSeries* rosenMinimum_;
    ChartDrag* drag_;
    EqualUnits* equal_;
    bool rosenDrawn_ = false;
    QList<double> conjShown_;
    int conjSize_ = 0;
};

} // namespace minima
