#pragma once
// Lab 2, "Where gradient descent ends": pick a start on a 2-D surface (bowl, Himmelblau,
// six-hump camel, terrain) and watch gradient descent's trajectory and its loss per step;
// then colour every start of a grid by the minimum it reaches (basins of attraction), with
// each minimum's share of starts. On the bowl there is one basin; elsewhere the start
// decides the valley.
#include <QList>
#include <QTimer>
#include <QWidget>

#include <memory>

#include "engine/experiments/basins.h"
#include "engine/experiments/optimize.h"
#include "lessons/local-minima/surfacemap.h"

class QAbstractSeries;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QBarCategoryAxis;
class QStackedBarSeries;
class QLabel;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class FigureChart;
class FigureJob;
class JobStatus;
class LessonContext;
class SurfaceMap;

class DescentLab : public QWidget {
    Q_OBJECT
public:
    explicit DescentLab(LessonContext& context, QWidget* parent = nullptr);
    ~DescentLab() override;

    // Runs gradient descent from the start boxes and animates it (skipToEnd() shows all).
    void run();
    void skipToEnd();
    bool animating() const { return timer_.isActive(); }

    const OptimizeResult& result() const { return result_; }
    const BasinsResult& basins() const { return basins_; }
    bool basinsShown() const;
    std::unique_ptr<Surface> surface() const;

    QComboBox* surfaceBox() const { return surface_; }
    QDoubleSpinBox* learningRate() const { return rate_; }
    QSpinBox* steps() const { return steps_; }
    QDoubleSpinBox* startX() const { return x_; }
    QDoubleSpinBox* startY() const { return y_; }
    QPushButton* runButton() const { return runButton_; }
    QPushButton* skipButton() const { return skipButton_; }
    QCheckBox* basinsBox() const { return basinsBox_; }
    SurfaceMap* map() const { return map_; }
    FigureChart* lossChart() const { return lossChart_; }
    FigureChart* shareChart() const { return shareChart_; }
    QLabel* readout() const { return readout_; }
    JobStatus* status() const { return status_; }

private:
    void surfaceChanged();
    void showRevealed();
    void computePicture();
    void computeBasins();
    void showBasins();
    void settingsChanged();
    SurfaceOptions options() const;

    LessonContext& context_;
    QComboBox* surface_;
    QDoubleSpinBox* rate_;
    QSpinBox* steps_;
    QDoubleSpinBox* x_;
    QDoubleSpinBox* y_;
    QPushButton* runButton_;
    QPushButton* skipButton_;
    QCheckBox* basinsBox_;
    SurfaceMap* map_;
    FigureChart* lossChart_;
    FigureChart* shareChart_;
    QLabel* readout_;
    FigureJob* pictureJob_;
    FigureJob* basinsJob_;
    JobStatus* status_;

    QLineSeries* path_;
    QScatterSeries* startMarker_;
    QScatterSeries* endMarker_;
    QList<QScatterSeries*> minimaSeries_;
    QLineSeries* lossSeries_;
    QValueAxis* lossX_;
    QValueAxis* lossY_;
    QStackedBarSeries* shares_;
    QBarCategoryAxis* shareCategories_;
    QValueAxis* shareAxis_;

    OptimizeResult result_;
    BasinsResult basins_;
    bool basinsCurrent_ = false;   // basins_ matches the current surface and settings
    SurfacePicture picture_;
    bool pictureCurrent_ = false;
    int revealed_ = 0;             // trajectory points on show
    QTimer timer_;
};

// Letters naming a surface's minima on the map and in the shares: A, B, C, ...
QString minimumLetter(int index);

} // namespace minima
