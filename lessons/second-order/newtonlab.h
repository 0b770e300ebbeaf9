#pragma once
// Lab 1, "Newton's step": on a 2-D surface (a bowl, Rosenbrock, Himmelblau, a double well) the
// quadratic model at the point the learner clicks, drawn as its contours through the point (an
// ellipse where the Hessian is definite, a hyperbola's two branches where it is not), Newton's
// step to the model's critical point, and the Newton (or damped Newton) run from there, with
// the kind of point it ends at and its gradient norm per step. Beside it what the Hessian costs:
// 8n² bytes against n for the lesson's networks and for 10⁶ and 10⁸ parameters. The engine part
// is engine/experiments/newtonstep.h.
#include <QList>
#include <QPointF>
#include <QString>

#include "lessons/common/lab.h"

class QComboBox;
class QLabel;
class QDoubleSpinBox;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class ContourMapChart;
class WrappedLabel;
class FigureChart;
struct NewtonView;

class NewtonLab : public Lab {
    Q_OBJECT
public:
    explicit NewtonLab(LessonContext& context, QWidget* parent = nullptr);
    ~NewtonLab() override;

    QComboBox* surfaceBox() const { return surface_; }
    QDoubleSpinBox* stepSize() const { return step_; }
    QSpinBox* steps() const { return steps_; }
    QDoubleSpinBox* pointX() const { return pointX_; }
    QDoubleSpinBox* pointY() const { return pointY_; }
    ContourMapChart* map() const { return map_; }
    FigureChart* normChart() const { return norm_; }
    FigureChart* costChart() const { return cost_; }

    QLabel* costNote() const;
    // "46,464,800 bytes (46.5 MB)": exact, with the size in decimal units.
    static QString bytesText(unsigned long long bytes);
    // "46.5 MB", "32 bytes".
    static QString sizeText(unsigned long long bytes);

protected:
    void run() override;

private:
    void surfaceChanged();
    void choosePoint(const QPointF& at);
    void showMap(const NewtonView& v);
    void showCharts(const NewtonView& v);
    QString surfaceKey() const;

    QComboBox* surface_;
    QDoubleSpinBox* step_;
    QSpinBox* steps_;
    QDoubleSpinBox* pointX_;
    QDoubleSpinBox* pointY_;
    ContourMapChart* map_;
    FigureChart* norm_;
    FigureChart* cost_;
    QValueAxis* normX_;
    QLogValueAxis* normY_;
    QLogValueAxis* costX_;
    QLogValueAxis* costY_;
    QList<QLineSeries*> model_;   // the model's contour through the point, one series per branch part
    QList<QLineSeries*> inner_;   // the model's contour at a quarter of that height
    QLineSeries* arrow_;
    QLineSeries* casing_;
    QLineSeries* path_;
    QScatterSeries* point_;
    QScatterSeries* newtonPoint_;
    QScatterSeries* minima_;
    QScatterSeries* saddles_;
    QScatterSeries* maxima_;
    QLineSeries* norms_;
    QLineSeries* bytesLine_;
    QLineSeries* gradientLine_;
    QLineSeries* memoryLine_;
    QList<QScatterSeries*> networks_;
    WrappedLabel* costNote_ = nullptr;
    QString pictureKey_;
};

} // namespace minima
