#pragma once
// A 3-D view of a 2-D error surface (Qt Data Visualization), beside a lab's heat map: the
// same grid of engine values as the map, coloured with the map's viridis on the map's own
// scale (square-root, linear or log; the colour bar beside the view is the map's key), the
// known minima marked with their letters, a trajectory drawn on the surface (start, path, end)
// and a chord over it (its ends, the segment between their values, the surface under it). The mouse rotates (right
// button) and zooms (wheel); the keyboard rotates (arrows) and zooms (+ and -); Home resets the
// view. A left click on the surface emits pointChosen with the point in data coordinates, as
// the map's click does, so both start the same run.
//
// Qt Data Visualization needs OpenGL and crashes without it (the offscreen platform): create a
// SurfaceView3D only when surface3DAvailable() says it can be made. The view only maps results
// the lab's job computed; it never evaluates the surface.
#include <QList>
#include <QPointF>
#include <QPointer>
#include <QString>
#include <QVector3D>
#include <QWidget>

#include "engine/landscape/grid.h"
#include "lessons/common/charts/heatmap.h"

class QCheckBox;
class QColor;
class QPainter;
class QCustom3DItem;
class QCustom3DLabel;
class QPushButton;
class QSurface3DSeries;
class QValue3DAxis;
class Q3DSurface;

namespace minima {

class ColourBar;
class ControlStrip;

// True when a 3-D view can be made here: the platform is not `offscreen`, 3-D views are
// allowed (setSurface3DAllowed) and an OpenGL context can be created on an offscreen surface
// (tried once, before any 3-D object exists). Otherwise false, and `why` (when given) gets one
// sentence for the learner, or stays empty when the views were switched off on purpose.
bool surface3DAvailable(QString* why = nullptr);
// `minima render` without --3d draws the 2-D figures only.
void setSurface3DAllowed(bool allowed);

// A known minimum to mark: where, its value, its letter, and whether it is global.
struct Marked3DMinimum {
    double x = 0, y = 0, value = 0;
    QString letter;
    bool global = false;
};

// How a value's colour is found between the colour range's ends, as the map beside does
// (colourPosition, heatmap.h).
using SurfaceColours = ColourScale;

class SurfaceView3D : public QWidget {
    Q_OBJECT
public:
    explicit SurfaceView3D(QWidget* parent = nullptr);
    ~SurfaceView3D() override;

    // The engine's grid and the colour range of the heat map beside it (viridis on the map's
    // scale from `low` to `high`; heights outside it are drawn at its ends, undefined cells at
    // its top). Maps the grid to the data proxy: call it from a show step.
    void setGrid(const Grid2D& grid, double low, double high, SurfaceColours colours = SurfaceColours::Sqrt);
    void clearGrid();
    bool hasGrid() const { return grid_.rows > 1; }
    const Grid2D& grid() const { return grid_; }
    // Heights as log10(1 + f - low): surfaces whose range spans decades keep their floor visible.
    void setLogHeight(bool on);
    bool logHeight() const { return log_; }
    // The height drawn for a value (linear or log, clamped to the colour range).
    double heightOf(double value) const;
    SurfaceColours colours() const { return colours_; }
    // The map's colour of a value, which the surface has at that value's height.
    QColor colourOf(double value) const;
    // The cells whose value is not finite (drawn flat at the top of the colour range).
    int undefinedCells() const { return undefined_; }

    void setMinima(const QList<Marked3DMinimum>& minima);
    // The trajectory as (x, y, f) points, start first; `finished` adds the end marker. Points
    // that are not finite end the path (the part before them is drawn).
    void setPath(const QList<QVector3D>& xyf, bool finished);
    void clearPath() { setPath({}, false); }
    // A chord: its ends A and B as (x, y, f) and the surface along the segment between them as
    // (x, y, f) points, A first. Drawn as A and B, a line of dots from f(A) to f(B) and a line of
    // dots on the surface under or over it. Surface points that are not finite are left out; a
    // chord whose ends are not finite is not drawn.
    void setChord(const QVector3D& a, const QVector3D& b, const QList<QVector3D>& along);
    void clearChord();
    // The chord's items on show, as placed in the graph: its ends (A, B), the dots of the chord
    // and those on the surface, each from A to B.
    QList<QCustom3DItem*> chordEnds() const;
    QList<QCustom3DItem*> chordDots() const;
    QList<QCustom3DItem*> chordSurfaceDots() const;

    // The 3-D items of the trajectory on show (start, path points, end) and of the minima.
    QList<QCustom3DItem*> pathItems() const;
    QList<QCustom3DLabel*> minimumLabels() const { return minimumLabels_; }

    // Back to the view the graph opens with.
    void resetView();
    // The graph drawn to an image of `size` (its own size when empty).
    QImage renderImage(const QSize& size = {}) const;
    // The view as the learner sees it: the graph where its window is, the colour bar beside it.
    QImage grabWithGraph() const;

    Q3DSurface* graph() const { return graph_; }
    QSurface3DSeries* series() const { return series_; }
    ColourBar* colourBar() const { return colourBar_; }
    // Off while the map's own colour bar stands beside the view (one key for both, and the
    // room for the graph); on when the view is alone.
    void setColourBarShown(bool on);
    bool colourBarShown() const { return barShown_; }
    QWidget* graphContainer() const { return container_; }

    // Adds the view's own controls to a lab's strip, none of which recomputes: "Reset 3-D view",
    // "Log height" and "3-D only" (whose toggled(bool) the lab answers by hiding its other
    // figures, so the view takes the figure area, e.g. when presenting).
    QCheckBox* addControls(ControlStrip* strip);
    // Those controls on or off together, for a lab whose view steps aside (nothing to show).
    void setControlsEnabled(bool on);

signals:
    void pointChosen(const QPointF& at);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyHeights();
    void applyTheme();
    void placeItems();
    void placeChord();
    QVector3D placed(double x, double y, double f) const;
    QCustom3DItem* makeMarker(const QString& mesh, const QColor& colour, float size);

    Q3DSurface* graph_;
    QWidget* container_;
    QSurface3DSeries* series_;
    QValue3DAxis* axisX_;
    QValue3DAxis* axisY_;
    QValue3DAxis* axisZ_;
    ColourBar* colourBar_;
    Grid2D grid_;
    double low_ = 0, high_ = 1;
    bool log_ = false;
    bool barShown_ = true;
    SurfaceColours colours_ = SurfaceColours::Sqrt;
    QList<QPointer<QWidget>> controls_;   // addControls()'s, once added
    int undefined_ = 0;
    QList<Marked3DMinimum> minima_;
    QList<QCustom3DLabel*> minimumLabels_;
    QList<QVector3D> path_;
    bool finished_ = false;
    QCustom3DItem* start_;
    QCustom3DItem* end_;
    QList<QCustom3DItem*> dots_;   // a pool, shown or hidden as the path grows
    bool hasChord_ = false;
    QVector3D chordA_, chordB_;
    QList<QVector3D> chordAlong_;
    QCustom3DItem* chordEnd_[2];
    QList<QCustom3DItem*> chordDots_;     // pools: the chord, and the surface along it
    QList<QCustom3DItem*> surfaceDots_;
};

// `widget` grabbed, with every visible 3-D view under it drawn where it is (a widget grab
// leaves an OpenGL window blank). For figure export and `minima render`.
QImage grabWithSurfaces(QWidget* widget);
// Draws every visible 3-D view under `widget`, as an image, where it is in `widget`, on a
// painter that `widget->render()` has just drawn the widget on (an SVG or a PDF, where the
// OpenGL window would be left blank). `scale` is the device pixels per widget pixel the
// images are rendered at.
void paintSurfaces(QPainter* painter, QWidget* widget, qreal scale = 2);

} // namespace minima
