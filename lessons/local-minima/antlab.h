#pragma once
// Lab 1, "The ant's view": a hidden seeded terrain of Gaussian wells. The learner spends a
// few probes, each showing only the height and the downhill direction at a point, marks
// where the lowest point should be, and then reveals the whole surface, its minima and how
// far the guess was (the book's ant on the continental US, ch. 4).
#include <QList>
#include <QPointF>
#include <QVariantMap>

#include <memory>
#include <optional>
#include <vector>

#include "engine/surfaces/surface.h"
#include "lessons/common/lab.h"
#include "lessons/local-minima/surfacemap.h"

class QCheckBox;
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
class SurfaceView3D;
class Terrain;

class AntLab : public Lab {
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
    // The revealed terrain in 3-D beside the map; null where no OpenGL context can be made.
    SurfaceView3D* view3d() const { return view3d_; }
    QSpinBox* terrainNumber() const;
    QDoubleSpinBox* xBox() const;
    QDoubleSpinBox* yBox() const;
    QComboBox* clickMode() const;
    QPushButton* probeButton() const { return probeButton_; }
    QPushButton* guessButton() const { return guessButton_; }
    QPushButton* revealButton() const { return revealButton_; }
    QPushButton* newTerrainButton() const { return newButton_; }

    // What the job computes after the reveal: the picture, the minima, the guess's valley.
    struct View {
        int seed = 0;
        bool revealed = false;
        SurfacePicture picture;
        std::vector<KnownPoint> minima;
        int guessValley = -2;   // index of the minimum the guess descends to; -1 none; -2 no guess
        double guessHeight = 0; // the terrain's height at the guess
    };

protected:
    void run() override;
    QVariantMap saveExtraState() const override;
    void restoreExtraState(const QVariantMap& extra) override;

private:
    void chosen(const QPointF& at);
    void reset();
    void refresh();
    void show3D();

    struct Probe {
        QPointF at;
        double height = 0;
        QPointF gradient;
    };

    std::unique_ptr<Terrain> terrain_;
    QList<Probe> probes_;
    std::optional<QPointF> guess_;
    bool revealed_ = false;
    double guessDistance_ = -1;
    View view_;   // the last revealed view

    QPushButton* newButton_;
    QPushButton* probeButton_;
    QPushButton* guessButton_;
    QPushButton* revealButton_;
    SurfaceMap* map_;
    SurfaceView3D* view3d_ = nullptr;
    QCheckBox* only3d_ = nullptr;
    QScatterSeries* probeSeries_;
    QScatterSeries* probeNumbers_[kProbes];
    QLineSeries* arrows_[kProbes];
    QScatterSeries* guessSeries_;
    QScatterSeries* globalSeries_;
    QScatterSeries* localSeries_;
    QLineSeries* missLine_;
};

} // namespace minima
