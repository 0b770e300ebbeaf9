#include "lessons/common/charts/contourmapchart.h"

#include <QChart>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QValueAxis>

#include <algorithm>

#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/palette.h"

namespace minima {

namespace {
constexpr int kUpscale = 4;   // image pixels per grid cell, so the contour lines draw smoothly
}

QImage contourImage(const ContourMap& map)
{
    const Grid2D& g = map.grid;
    if (g.rows < 2 || g.cols < 2) return {};
    HeatMapData data;
    data.cols = g.cols;
    data.rows = g.rows;
    data.values = g.values;
    data.domain = QRectF(QPointF(g.domain.xMin, g.domain.yMin), QPointF(g.domain.xMax, g.domain.yMax));
    data.low = map.low;
    data.high = map.high;
    const QImage cells = heatMapImage(data);
    if (cells.isNull()) return {};
    QImage img = cells.scaled(g.cols * kUpscale, g.rows * kUpscale, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                     .convertToFormat(QImage::Format_RGB32);
    const double w = img.width(), h = img.height();
    const Domain& d = g.domain;
    auto toImage = [&](const Point2& q) {
        return QPointF((q.x() - d.xMin) / (d.xMax - d.xMin) * w, (d.yMax - q.y()) / (d.yMax - d.yMin) * h);
    };
    QPainter painter(&img);
    painter.setRenderHint(QPainter::Antialiasing);
    for (const ContourLevel& level : map.contours) {
        // Light lines on the dark part of viridis, dark ones on its bright part.
        const QColor under = viridis(colourPosition(level.level, map.low, map.high, ColourScale::Linear));
        painter.setPen(QPen(under.lightness() > 140 ? QColor(0x20, 0x20, 0x20, 170) : QColor(255, 255, 255, 160), 1.3));
        for (const Polyline& line : level.lines) {
            if (line.points.size() < 2) continue;
            QPainterPath path(toImage(line.points.front()));
            for (std::size_t i = 1; i < line.points.size(); ++i) path.lineTo(toImage(line.points[i]));
            painter.drawPath(path);
        }
    }
    painter.end();
    return img;
}

ContourMapChart::ContourMapChart(QWidget* parent)
    : FigureChart(parent), axisX_(new QValueAxis), axisY_(new QValueAxis), heatMap_(new HeatMapLayer(chart())),
      colourBar_(new ColourBar)
{
    colourBar_->setObjectName(QStringLiteral("colourBar"));
    colourBar_->setLabel(tr("f(x, y)"));
    QChart* c = chart();
    axisX_->setTitleText(tr("x"));
    axisY_->setTitleText(tr("y"));
    for (QValueAxis* a : {axisX_, axisY_}) a->setGridLineVisible(false);
    c->addAxis(axisX_, Qt::AlignBottom);
    c->addAxis(axisY_, Qt::AlignLeft);
    c->legend()->setAlignment(Qt::AlignBottom);
    setDomain(Domain{-1, 1, -1, 1});
}

void ContourMapChart::addXY(QAbstractSeries* series)
{
    chart()->addSeries(series);
    series->attachAxis(axisX_);
    series->attachAxis(axisY_);
    if (!first_) first_ = series;
}

void ContourMapChart::setDomain(const Domain& domain)
{
    domain_ = domain;
    setExactRange(axisX_, domain.xMin, domain.xMax, 11);
    setExactRange(axisY_, domain.yMin, domain.yMax, 11);
    QImage grey(2, 2, QImage::Format_RGB32);
    grey.fill(darkPalette() ? QColor(0x4a, 0x4a, 0x4a) : QColor(0xc8, 0xc8, 0xc8));
    heatMap_->setImage(grey, QRectF(QPointF(domain.xMin, domain.yMin), QPointF(domain.xMax, domain.yMax)));
    shown_ = false;
}

void ContourMapChart::setImage(const QImage& image, double low, double high)
{
    if (image.isNull()) return;
    heatMap_->setImage(image, QRectF(QPointF(domain_.xMin, domain_.yMin), QPointF(domain_.xMax, domain_.yMax)));
    colourBar_->setRange(low, high);
    shown_ = true;
}

void ContourMapChart::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && first_) {
        const QPointF at = chart()->mapToValue(mapToScene(event->position().toPoint()), first_);
        if (domain_.contains(Point2(at.x(), at.y()))) {
            setFocus(Qt::MouseFocusReason);
            emit pointChosen(at);
            event->accept();
            return;
        }
    }
    FigureChart::mousePressEvent(event);
}

} // namespace minima
