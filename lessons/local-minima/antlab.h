#pragma once
// Lab 1, "The ant's view": a hidden seeded terrain of Gaussian wells. The learner spends a
// few probes, each showing only the height and the downhill direction at a point, marks
// where the lowest point should be, and then reveals the whole surface, its minima and how
// far the guess was (the book's ant on the continental US, ch. 4).
#include <QList>
#include <QPointF>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QSpinBox;

namespace minima {

class LessonContext;
class SurfaceMap;
class Terrain;

class AntLab : public QWidget {
    Q_OBJECT
public:
    static constexpr int kProbes = 8;

    explicit AntLab(LessonContext& context, QWidget* parent = nullptr);
    ~AntLab() override;

    // Probes at `at` (refused once the budget is spent or after the reveal); true if taken.
    bool probe(const QPointF& at);
    void markGuess(const QPointF& at);
    void reveal();
    void newTerrain();

    int probesLeft() const { return kProbes - int(probes_.size()); }
    bool revealed() const { return revealed_; }
    std::optional<QPointF> guess() const { return guess_; }
    // After the reveal: distance from the guess to the global minimum (-1 without a guess).
    double guessDistance() const { return guessDistance_; }
    const Terrain& terrain() const { return *terrain_; }

    SurfaceMap* map() const { return map_; }
    QSpinBox* terrainNumber() const { return seed_; }
    QDoubleSpinBox* xBox() const { return x_; }
    QDoubleSpinBox* yBox() const { return y_; }
    QComboBox* clickMode() const { return clickMode_; }
    QPushButton* probeButton() const { return probeButton_; }
    QPushButton* guessButton() const { return guessButton_; }
    QPushButton* revealButton() const { return revealButton_; }
    QPushButton* newTerrainButton() const { return newButton_; }
    QLabel* readout() const { return readout_; }

private:
    void chosen(const QPointF& at);
    void rebuild();
    void refresh();

    struct Probe {
        QPointF at;
        double height = 0;
        QPointF gradient;
    };

    LessonContext& context_;
    std::unique_ptr<Terrain> terrain_;
    QList<Probe> probes_;
    std::optional<QPointF> guess_;
    bool revealed_ = false;
    double guessDistance_ = -1;

    QSpinBox* seed_;
    QPushButton* newButton_;
    QComboBox* clickMode_;
    QDoubleSpinBox* x_;
    QDoubleSpinBox* y_;
    QPushButton* probeButton_;
    QPushButton* guessButton_;
    QPushButton* revealButton_;
    SurfaceMap* map_;
    QScatterSeries* probeSeries_;
    QLineSeries* arrows_[kProbes];
    QScatterSeries* guessSeries_;
    QScatterSeries* globalSeries_;
    QScatterSeries* localSeries_;
    QLineSeries* missLine_;
    QLabel* readout_;
};

} // namespace minima
