#pragma once
// Lab 2, "Saddle points": the saddle 5x² − y² and the monkey saddle x³ − 3xy² (Dauphin et al.
// 2014, figure 2) and a plateau. From a start the learner clicks, gradient descent, Newton's
// method, saddle-free Newton and gradient descent with Gaussian noise run side by side: their
// paths on the map, their gradient norms per step (log scale: the plateau), and the steps
// gradient descent needs to leave radius R of 5x² − y² from (0, y0) against |y0|, measured
// beside log(R/|y0|)/log(1 + 2η). Everything is computed in the lab's job (engine/experiments/
// saddles.h).
#include <QList>
#include <QString>

#include <vector>

#include "engine/experiments/saddles.h"
#include "lessons/common/lab.h"

class QComboBox;
class QDoubleSpinBox;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class FigureChart;
class ContourMapChart;

class SaddleLab : public Lab {
    Q_OBJECT
public:
    explicit SaddleLab(LessonContext& context, QWidget* parent = nullptr);
    ~SaddleLab() override;

    QComboBox* surfaceBox() const;
    QDoubleSpinBox* learningRate() const;
    QSpinBox* steps() const;
    QDoubleSpinBox* noise() const;
    QSpinBox* seed() const;
    QDoubleSpinBox* eigenFloor() const;
    QDoubleSpinBox* radius() const;
    QDoubleSpinBox* startX() const;
    QDoubleSpinBox* startY() const;

    ContourMapChart* map() const { return map_; }
    FigureChart* normChart() const { return normChart_; }
    FigureChart* escapeChart() const { return escapeChart_; }
    QLogValueAxis* normAxis() const { return normY_; }
    QLogValueAxis* distanceAxis() const { return escapeX_; }

    // The result on show (the four runs in kSaddleMethods' order, and the sweep).
    const SaddlesResult& result() const { return result_; }
    QString runError() const { return error_; }

    // The start a click at `at` chooses (the map emits it; tests call it too).
    void chooseStart(const QPointF& at);

    // The legend name of each method's series.
    static QString methodName(SaddleMethod method);
    // Norms below this are drawn at it on the log axis (Newton lands on |∇f| = 0 exactly).
    static constexpr double kNormFloor = 1e-13;
    static constexpr int kCells = 161;   // heat map samples per axis

    struct View {
        SaddlesResult result;
        QString error;
        std::vector<std::vector<Point2>> drawn;   // each path clipped to the map
        std::vector<Point2> boundary;             // where escaping begins
        bool hasPicture = false;
        QImage picture;
        double low = 0, high = 0;
        QString pictureKey;
    };

protected:
    void run() override;

private:
    void surfaceChanged();
    void showView(const View& view);
    void showNorms();
    void showEscape();
    void updateReadout();
    QString surfaceKey() const;
    QString describe(const SaddlePath& path) const;

    ContourMapChart* map_;
    FigureChart* normChart_;
    FigureChart* escapeChart_;
    QList<QLineSeries*> paths_;
    QList<QLineSeries*> casings_;
    QList<QLineSeries*> norms_;
    QScatterSeries* startMarker_;
    QScatterSeries* criticalMarker_;
    QLineSeries* boundary_;
    QValueAxis* normX_;
    QLogValueAxis* normY_;
    QLogValueAxis* escapeX_;
    QValueAxis* escapeY_;
    QLineSeries* closedForm_;
    QScatterSeries* measured_;
    QScatterSeries* yourStart_;

    SaddlesResult result_;
    QString error_;
    QString pictureKey_;
};

} // namespace minima
