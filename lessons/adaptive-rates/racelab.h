#pragma once
// Lab 3, "The race": every optimizer of the engine (gradient descent, momentum, Nesterov,
// AdaGrad, RMSProp, Adam and L-BFGS) from one start on one problem, drawn together on its map
// up to the step the slider shows, each at its own best learning rate from a grid search whose
// final losses are charted against the rate (log-log, the chosen rate marked, diverged runs
// drawn at the top). Under them the table after Schaul, Antonoglou & Silver (2014): median
// steps to the tolerance for every optimizer on every problem over seeds that perturb the
// start, the fewest marked. Everything is computed in the lab's job (engine/experiments/race.h).
#include <QList>
#include <QPointF>

#include <array>
#include <memory>

#include "lessons/common/lab.h"

class QComboBox;
class QDoubleSpinBox;
class QLineSeries;
class QLogValueAxis;
class QPushButton;
class QScatterSeries;
class QSlider;
class QSpinBox;
class QTableWidget;

namespace minima {

class ContourMapChart;
class FigureChart;
struct RaceView;

class RaceLab : public Lab {
    Q_OBJECT
public:
    explicit RaceLab(LessonContext& context, QWidget* parent = nullptr);
    ~RaceLab() override;

    QComboBox* problem() const { return problem_; }
    QSpinBox* steps() const { return steps_; }
    QSpinBox* seeds() const { return seeds_; }
    QSpinBox* seed() const { return seed_; }
    QDoubleSpinBox* startX() const { return startX_; }
    QDoubleSpinBox* startY() const { return startY_; }
    QPushButton* resetStart() const { return reset_; }
    QSlider* showStep() const { return show_; }
    ContourMapChart* mapChart() const { return map_; }
    FigureChart* gridChart() const { return gridChart_; }
    QTableWidget* table() const { return table_; }
    // The series of racer i (0..6): its path on the map, its grid curve (empty for L-BFGS).
    QLineSeries* path(int racer) const { return paths_[std::size_t(racer)]; }
    QLineSeries* curve(int racer) const { return curves_[std::size_t(racer)]; }
    QScatterSeries* chosen() const { return chosen_; }
    QScatterSeries* diverged() const { return diverged_; }

protected:
    void run() override;
    // The start again after the problem: choosing a problem moves the start to its own.
    QVariantMap saveExtraState() const override;
    void restoreExtraState(const QVariantMap& state) override;

private:
    void problemChanged();
    void choosePoint(const QPointF& at);
    void showMap(const RaceView& v);
    void showGrid(const RaceView& v);
    void showTable(const RaceView& v);
    void drawPaths();
    void writeReadout();

    QComboBox* problem_;
    QSpinBox* steps_;
    QSpinBox* seeds_;
    QSpinBox* seed_;
    QDoubleSpinBox* startX_;
    QDoubleSpinBox* startY_;
    QPushButton* reset_;
    QSlider* show_;
    ContourMapChart* map_;
    FigureChart* gridChart_;
    QLogValueAxis* rateX_;
    QLogValueAxis* lossY_;
    QTableWidget* table_;
    std::array<QLineSeries*, 7> paths_{};
    std::array<QLineSeries*, 7> curves_{};
    QScatterSeries* start_;
    QScatterSeries* ends_;
    QScatterSeries* chosen_;
    QScatterSeries* diverged_;
    std::shared_ptr<const RaceView> view_;   // the result shown
    QString pictureKey_;
    QString tableKey_;
};

} // namespace minima
