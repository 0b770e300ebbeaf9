#pragma once
// The map of a 2-D error surface used by the ant's view and the descent lab: a viridis heat
// map with contour lines drawn as an image under the plot area, axes on the surface's
// domain, and a cursor the learner moves with the mouse or the arrow keys. A click (or
// Enter on the cursor) emits pointChosen with the point in data coordinates.
#include <QImage>
#include <QPointF>
#include <QRectF>

#include "engine/landscape/contourmap.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/niceaxis.h"

class QGraphicsSimpleTextItem;
class QScatterSeries;
class QValueAxis;

namespace minima {

class HeatMapLayer;

// The heat map with its contours (grid, contour lines and colour range: the engine's
// ContourMap), computed off the GUI thread and handed to a SurfaceMap.
struct SurfacePicture : ContourMap {
    QImage image;   // the heat map with its contour lines drawn in (surfaceImage())
};

// Samples `surface` on a cells x cells grid over `domain` with `contourCount` contour levels
// (surfaceContourMap()), and draws the image the map shows. Meant for a lab's job: nothing in
// it touches a widget.
SurfacePicture pictureSurface(const Surface& surface, const Domain& domain, int cells, int contourCount,
                              Progress& progress = Progress::none());
// The map's image of a picture's grid and contours: viridis on a square-root scale, contour
// lines light on the dark colours and dark on the bright ones. Safe off the GUI thread.
QImage surfaceImage(const SurfacePicture& picture);

class SurfaceMap : public FigureChart {
    Q_OBJECT
public:
    explicit SurfaceMap(QWidget* parent = nullptr);

    // Puts the axes on `domain` and empties the heat map (shown as plain grey: nothing known).
    void setDomain(const Domain& domain);
    const Domain& domain() const { return domain_; }
    // Shows the picture's image (drawn here only when the picture has none).
    void setPicture(const SurfacePicture& picture);
    // A categorical image over the domain (basins of attraction), row 0 = top.
    void setCategories(const QImage& image);
    void hidePicture();
    // A sentence shown in the middle of the plot while no picture is shown (empty: none).
    void setHiddenText(const QString& text);
    bool pictureShown() const { return shown_; }
    HeatMapLayer* heatMap() const { return heatMap_; }
    // The key of the heat map's colours (hidden while no heat map is shown); the lab places it
    // beside the map, e.g. with withColourBar().
    ColourBar* colourBar() const { return colourBar_; }
    // The map and its colour bar side by side, in a new widget.
    QWidget* withColourBar();

    QValueAxis* axisX() const { return axisX_; }
    QValueAxis* axisY() const { return axisY_; }
    // Adds a series attached to both axes.
    void addXY(QAbstractSeries* series);

    // The keyboard cursor (moved by the arrow keys, one fortieth of the domain per press).
    QPointF cursor() const { return cursor_; }
    void setCursor(const QPointF& p);
    void setCursorVisible(bool visible);

signals:
    void pointChosen(const QPointF& at);
    void cursorMoved(const QPointF& at);

protected:
    // A theme change greys a hidden terrain and its caption in the new theme's colours at once.
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void styleHidden();
    void placeHiddenText();
    void showColourBar(bool on);

    Domain domain_;
    ColourBar* colourBar_;
    bool categorical_ = false;
    QValueAxis* axisX_;
    QValueAxis* axisY_;
    HeatMapLayer* heatMap_;
    QScatterSeries* cursorSeries_;
    QGraphicsSimpleTextItem* hiddenText_;
    QString hiddenLogical_;   // the hidden map's sentence, unwrapped
    QPointF cursor_;
    bool shown_ = false;
};


} // namespace minima
