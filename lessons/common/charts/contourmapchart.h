#pragma once
// A map of a 2-D surface: a viridis heat map with its contour lines (an image the lab's job
// draws, under the plot area), axes on the surface's domain, the runs drawn over it (the
// spurious-minima lesson's saddle lab, the second-order lesson's Newton lab).
// A left click inside the domain emits pointChosen with the point in data coordinates; the
// lab's start boxes are the keyboard's way to the same.
#include <QImage>
#include <QPointF>

#include "engine/landscape/contourmap.h"
#include "lessons/common/charts/figurechart.h"

class QAbstractSeries;
class QValueAxis;

namespace minima {

class ColourBar;
class HeatMapLayer;

// The heat map of `map` (colours from map.low to map.high, linear) with its contour lines drawn
// in, four image pixels per grid cell. Touches no widget: meant for a lab's job.
QImage contourImage(const ContourMap& map);

class ContourMapChart : public FigureChart {
    Q_OBJECT
public:
    explicit ContourMapChart(QWidget* parent = nullptr);

    // Puts the axes on `domain` and greys the map until setImage().
    void setDomain(const Domain& domain);
    const Domain& domain() const { return domain_; }
    void setImage(const QImage& image, double low, double high);
    bool imageShown() const { return shown_; }
    // The key of the map's colours; the lab places it beside the map.
    ColourBar* colourBar() const { return colourBar_; }
    HeatMapLayer* heatMap() const { return heatMap_; }

    QValueAxis* axisX() const { return axisX_; }
    QValueAxis* axisY() const { return axisY_; }
    // Adds a series attached to both axes (the first one added maps clicks to data).
    void addXY(QAbstractSeries* series);

signals:
    void pointChosen(const QPointF& at);

protected:
    void mousePressEvent(QMouseEvent* event) override;

private:
    Domain domain_;
    QValueAxis* axisX_;
    QValueAxis* axisY_;
    HeatMapLayer* heatMap_;
    ColourBar* colourBar_;
    QAbstractSeries* first_ = nullptr;
    bool shown_ = false;
};

} // namespace minima
