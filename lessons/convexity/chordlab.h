#pragma once
// Lab 1, "What convex means": a function from a list (or typed, read by the answer checker's
// parser), two draggable points and the chord between them drawn against the graph (1-D) or
// against the surface along the segment (2-D), and the engine's convexity test
// (engine/experiments/convexity.h): sampled chords and Hessian eigenvalues, convex or a
// counterexample chord the learner can jump to. The graph or map (a 121 x 121 grid and its
// contours) and the test are computed in the lab's job; the chord follows the points at once.
// Where OpenGL can draw it, a 2-D function is also shown in 3-D beside the map, in the map's
// colours, with the chord over the surface.
#include <QPointF>

#include <functional>

#include "engine/experiments/convexity.h"
#include "lessons/common/lab.h"

class QCheckBox;
class QComboBox;
class QGridLayout;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QValueAxis;

namespace minima {

class ChartDrag;
class ColourBar;
class EqualUnits;
class FigureChart;
class HeatMapLayer;
class SurfaceView3D;
struct ChordView;

// A function the lab plots and tests: f(x) (y ignored) or f(x, y), on a box.
struct ChordFunction {
    QString key;         // a key of convexityFunctionKeys(), or "typed"
    QString label;       // for display: x⁴ − 3x² + y²
    QString source;      // a typed function: the text it was read from
    int dimension = 1;
    std::function<double(double, double)> f;
    double xMin = -3, xMax = 3, yMin = -3, yMax = 3;
    bool logColours = false;   // heat map coloured by log of the value (large ranges)
};

// The listed functions with their boxes (the engine's boxes for the convexity test).
ChordFunction listedChordFunction(const QString& key);

// A function as the parser read it, typeset for display: exponents as superscripts
// ("x^4 - 3*x^2" reads "x⁴ − 3·x²"), true minus signs, √ and π.
QString typesetFunction(const QString& text);

class ChordLab : public Lab {
    Q_OBJECT
public:
    explicit ChordLab(LessonContext& context, QWidget* parent = nullptr);
    ~ChordLab() override;

    QComboBox* functionBox() const { return function_; }
    QLineEdit* typedEdit() const { return typed_; }
    QLabel* readingLabel() const { return reading_; }
    QDoubleSpinBox* pointSpin(int point, int coordinate) const { return spins_[point][coordinate]; }
    FigureChart* chart() const { return chart_; }         // the graph (1-D) or the heat map (2-D)
    FigureChart* sliceChart() const { return slice_; }    // 2-D: the surface along the segment
    HeatMapLayer* heatMap() const { return heatMap_; }
    // 2-D: the function in 3-D beside the map; null where no OpenGL context can be made.
    SurfaceView3D* view3d() const { return view3d_; }
    // Why the 3-D view is not shown (a function of x alone, or no OpenGL), or hidden.
    QLabel* view3dNote() const { return note3d_; }
    QLabel* chordReadout() const { return readout_; }
    QLabel* verdictLabel() const { return verdict_; }
    QPushButton* counterexampleButton() const { return counterexample_; }
    ChartDrag* drag() const { return drag_; }
    EqualUnits* units() const { return units_; }
    const ChordFunction& current() const { return current_; }
    bool hasVerdict() const { return hasVerdict_; }
    const ConvexityVerdict& verdict() const { return verdictData_; }
    // False while the typed function cannot be read: the figure is cleared.
    bool hasFunction() const { return bool(current_.f); }

    // Moves the chord's ends (2-D: both coordinates; 1-D: x only).
    void setChord(const QPointF& a, const QPointF& b);

    static constexpr int kChords = 20000;

protected:
    void run() override;

private:
    void chooseFunction();
    bool readFunction(ChordFunction* out);
    void clearFigure(const QString& why);
    void showResult(const ChordView& v);
    void showChords(const ChordView& v);   // contours, chord and verdict, a turn after the map
    void show3D(const ChordView& v);       // the surface in 3-D, a turn after the chords
    void arrange3D();                      // the 3-D view beside a map, aside for a graph
    // Puts `lines` on the map's contour series, kept and refilled (none: the series are removed).
    void setContours(const std::vector<QList<QPointF>>& lines);
    void drawChord();
    void showVerdict(const ConvexityVerdict& v);
    void dragged(int handle, QPointF value);
    QList<QPointF> handles() const;
    void setBox(const ChordFunction& f);

    QComboBox* function_;
    QLineEdit* typed_;
    QLabel* reading_;
    QDoubleSpinBox* spins_[2][2];
    FigureChart* chart_;
    FigureChart* slice_;
    QWidget* sliceCell_;
    HeatMapLayer* heatMap_;
    ColourBar* colourBar_;
    QValueAxis* axisX_;
    QValueAxis* axisY_;
    QValueAxis* sliceX_;
    QValueAxis* sliceY_;
    EqualUnits* units_;
    QLineSeries* curve_;
    QLineSeries* chord_;
    QScatterSeries* ends_;
    QScatterSeries* midpoints_;
    QScatterSeries* curvaturePoint_;
    QList<QLineSeries*> contours_;
    QLineSeries* sliceCurve_;
    QLineSeries* sliceChord_;
    QScatterSeries* sliceEnds_;
    QScatterSeries* sliceWorst_;
    QLabel* readout_;
    QLabel* verdict_;
    QPushButton* counterexample_;
    SurfaceView3D* view3d_ = nullptr;
    QCheckBox* only3d_ = nullptr;
    QWidget* mapCell_ = nullptr;
    QGridLayout* grid_ = nullptr;
    QLabel* note3d_ = nullptr;
    ChartDrag* drag_;
    ChordFunction current_;
    ConvexityVerdict verdictData_;
    bool hasVerdict_ = false;
    bool updating_ = false;
    double yLo_ = -1, yHi_ = 1;   // 1-D: the graph's value range
};

} // namespace minima
