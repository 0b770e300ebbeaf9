#pragma once
// Lab 2, "Where gradient descent ends": pick a start on a 2-D surface (bowl, Himmelblau,
// six-hump camel, terrain) and watch gradient descent's trajectory and its loss per step;
// then colour every start of a grid by the minimum it reaches (basins of attraction), with
// each minimum's share of starts. On the bowl there is one basin; elsewhere the start
// decides the valley.
#include <QList>
#include <QTimer>

#include <memory>

#include "engine/experiments/basins.h"
#include "engine/experiments/optimize.h"
#include "lessons/common/lab.h"
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
class LessonContext;
class SurfaceMap;
class SurfaceView3D;

class DescentLab : public Lab {
    Q_OBJECT
public:
    explicit DescentLab(LessonContext& context, QWidget* parent = nullptr);
    ~DescentLab() override;

    // Runs gradient descent from the start boxes and animates it (skipToEnd() shows all).
    void animate();
    void skipToEnd();
    bool animating() const { return timer_.isActive() || animateNext_; }

    const OptimizeResult& result() const { return result_; }
    const BasinsResult& basins() const { return basins_; }
    bool basinsShown() const;
    std::unique_ptr<Surface> surface() const;

    QComboBox* surfaceBox() const;
    QDoubleSpinBox* learningRate() const;
    QSpinBox* steps() const;
    QDoubleSpinBox* startX() const;
    QDoubleSpinBox* startY() const;
    QPushButton* runButton() const { return runButton_; }
    QPushButton* skipButton() const { return skipButton_; }
    QCheckBox* basinsBox() const;
    SurfaceMap* map() const { return map_; }
    // The surface in 3-D beside the map; null where no OpenGL context can be made.
    SurfaceView3D* view3d() const { return view3d_; }
    FigureChart* lossChart() const { return lossChart_; }
    FigureChart* shareChart() const { return shareChart_; }

    static constexpr int kBasinGrid = 128;   // starts per axis for the basins
    static constexpr int kLongRun = 2000;    // steps beyond which the basins use half the grid

    // What the job computes: the trajectory, and the heat map and basins when they are not current.
    struct View {
        OptimizeResult result;
        QString error;
        bool hasPicture = false;
        SurfacePicture picture;
        bool hasBasins = false;
        BasinsResult basins;
        QImage basinsImage;   // one cell per start, coloured by the minimum it reaches
        QString pictureKey, basinsKey;
    };

protected:
    void run() override;

private:
    void surfaceChanged();
    void showView(const View& view);
    void showRevealed();
    void showMap();
    void showBasins();
    void show3D();
    void updateReadout();
    QString basinsKey() const;
    SurfaceOptions options() const;

    QPushButton* runButton_;
    QPushButton* skipButton_;
    SurfaceMap* map_;
    SurfaceView3D* view3d_ = nullptr;
    FigureChart* lossChart_;
    FigureChart* shareChart_;

    QLineSeries* path_;
    QLineSeries* pathCasing_;
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
    QString runError_;
    BasinsResult basins_;
    QImage basinsImage_;
    QString basinsKey_;    // the surface and settings basins_ is for
    SurfacePicture picture_;
    QString pictureKey_;   // the surface picture_ is of
    int revealed_ = 0;     // trajectory points on show
    bool animateNext_ = false;
    QTimer timer_;
};

// Letters naming a surface's minima on the map and in the shares: A, B, C, ...
QString minimumLetter(int index);

} // namespace minima
