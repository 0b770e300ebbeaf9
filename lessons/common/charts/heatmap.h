#pragma once
// A heat map drawn as an image under a chart's plot area (above its background, below
// the grid and the series), coloured with viridis, plus a colour bar widget for its key.
//
// The image covers the data rectangle [xMin, xMax] x [yMin, yMax]; keep the chart's
// axes on the same ranges so the cells line up with the series drawn over them.
#include <QImage>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QRectF>
#include <QWidget>

#include <vector>

class QChart;
class QGraphicsPixmapItem;

namespace minima {

// How a value's colour is found between a colour range's ends: viridis at
// sqrt((v - low) / (high - low)), at (v - low) / (high - low), or at
// log10(1 + v - low) / log10(1 + high - low).
enum class ColourScale { Sqrt, Linear, Log };

// Where `v` falls on the colour map, from 0 at `low` to 1 at `high`, on `scale`, clamped to
// [0, 1]; a range of no width puts every value at 0.5 (at 0 on a log scale).
double colourPosition(double v, double low, double high, ColourScale scale);

struct HeatMapData {
    int cols = 0;                  // cells along x
    int rows = 0;                  // cells along y; row 0 is y = yMin (bottom)
    std::vector<double> values;    // rows * cols, row-major; non-finite cells are drawn grey
    QRectF domain;                 // x from left() to right(), y from top() (= yMin) to bottom() (= yMax)
    double low = 0;                // value mapped to the bottom of the colour map
    double high = 1;               // value mapped to the top
    bool logScale = false;         // colour by log10(value - low + 1)
};

// Fills low/high from the finite values (both 0 when there are none).
void fitRange(HeatMapData& data);

// The image HeatMapLayer::setData() shows for `data` (null when the data are malformed). It
// touches no widget, so a lab's job can build it and the GUI thread only swap it in.
QImage heatMapImage(const HeatMapData& data);

class HeatMapLayer : public QObject {
    Q_OBJECT
public:
    explicit HeatMapLayer(QChart* chart);
    ~HeatMapLayer() override;
    void setData(const HeatMapData& data);   // setImage(heatMapImage(data), data.domain)
    // Draws a categorical image instead (e.g. basins of attraction): one colour per cell.
    void setImage(const QImage& image, const QRectF& domain);
    void clear();
    const QImage& image() const { return image_; }

private:
    void place();

    QPointer<QChart> chart_;
    QGraphicsPixmapItem* item_;
    QImage image_;
    QRectF domain_;
};

class ColourBar : public QWidget {
    Q_OBJECT
public:
    explicit ColourBar(QWidget* parent = nullptr);
    void setRange(double low, double high, bool logScale = false);
    // Colours by sqrt((v - low)/(high - low)): most of the map goes to the low values.
    void setSqrtScale(bool on);
    void setLabel(const QString& label);
    QSize sizeHint() const override;

    // The ticks drawn at the bar's current height: position from 0 (bottom) to 1 (top), value,
    // label. On a linear scale they sit on round values (niceTicks), labelled with formatTick.
    struct Tick {
        double position = 0;
        double value = 0;
        QString label;
    };
    QList<Tick> ticks() const;
    // Where the bar itself is drawn: under the title, with room for the top tick's label.
    QRect barRect() const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QList<Tick> ticks(int barHeight) const;

    double low_ = 0, high_ = 1;
    bool log_ = false;
    bool sqrt_ = false;
    QString label_;
};

} // namespace minima
