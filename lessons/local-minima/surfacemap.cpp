#include "lessons/local-minima/surfacemap.h"

#include <QHBoxLayout>

#include <QChart>
#include <QGraphicsSimpleTextItem>
#include <QKeyEvent>
#include <QLegendMarker>
#include <QMouseEvent>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"

namespace minima {

namespace {
constexpr int kUpscale = 4;   // image pixels per grid cell, so contour lines draw smoothly
}

SurfacePicture pictureSurface(const Surface& surface, const Domain& domain, int cells, int contourCount,
                              Progress& progress)
{
    SurfacePicture p;
    static_cast<ContourMap&>(p) = surfaceContourMap(surface, domain, cells, contourCount, progress);
    if (!progress.cancelled()) p.image = surfaceImage(p);
    return p;
}

QImage surfaceImage(const SurfacePicture& p)
{
    const Grid2D& g = p.grid;
    if (g.rows < 2 || g.cols < 2) return {};
    const int w = g.cols * kUpscale, h = g.rows * kUpscale;
    QImage img(w, h, QImage::Format_RGB32);
    const double span = p.high > p.low ? p.high - p.low : 1.0;
    // Colour by the value's rank between low and high on a square-root scale, so the
    // valleys (what the lesson is about) get most of the colour map.
    for (int py = 0; py < h; ++py) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(py));
        const double fy = double(h - 1 - py) / (h - 1) * (g.rows - 1);
        const int r0 = std::min(int(fy), g.rows - 2);
        const double ty = fy - r0;
        for (int px = 0; px < w; ++px) {
            const double fx = double(px) / (w - 1) * (g.cols - 1);
            const int c0 = std::min(int(fx), g.cols - 2);
            const double tx = fx - c0;
            const double v = (1 - ty) * ((1 - tx) * g.at(r0, c0) + tx * g.at(r0, c0 + 1))
                             + ty * ((1 - tx) * g.at(r0 + 1, c0) + tx * g.at(r0 + 1, c0 + 1));
            line[px] = std::isfinite(v) ? viridis(std::sqrt(std::clamp((v - p.low) / span, 0.0, 1.0))).rgb()
                                        : qRgb(0x90, 0x90, 0x90);
        }
    }
    QPainter painter(&img);
    painter.setRenderHint(QPainter::Antialiasing);
    const Domain& d = g.domain;
    auto toImage = [&](const Point2& q) {
        return QPointF((q.x() - d.xMin) / (d.xMax - d.xMin) * w, (d.yMax - q.y()) / (d.yMax - d.yMin) * h);
    };
    for (const ContourLevel& level : p.contours) {
        // A line that shows on the colour under it, whatever the theme: light on the dark
        // (low) part of viridis, dark on its bright (high) part.
        const QColor under = viridis(std::sqrt(std::clamp((level.level - p.low) / span, 0.0, 1.0)));
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

SurfaceMap::SurfaceMap(QWidget* parent)
    : FigureChart(parent), colourBar_(new ColourBar(this)), axisX_(new QValueAxis), axisY_(new QValueAxis), heatMap_(new HeatMapLayer(chart())),
      cursorSeries_(new QScatterSeries), hiddenText_(new QGraphicsSimpleTextItem(chart()))
{
    colourBar_->hide();   // until a lab places it beside the map (withColourBar)
    colourBar_->setObjectName(QStringLiteral("colourBar"));
    colourBar_->setLabel(tr("f(x, y)"));
    colourBar_->setSqrtScale(true);
    hiddenText_->setZValue(0.6);   // above the heat map layer, below the series
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    hiddenText_->setFont(big);
    hiddenText_->setBrush(darkPalette() ? QColor(0xe0, 0xe0, 0xe0) : QColor(0x40, 0x40, 0x40));
    connect(chart(), &QChart::plotAreaChanged, this, &SurfaceMap::placeHiddenText);
    setFocusPolicy(Qt::StrongFocus);
    QChart* c = chart();
    axisX_->setTitleText(tr("x"));
    axisY_->setTitleText(tr("y"));
    for (QValueAxis* a : {axisX_, axisY_}) a->setGridLineVisible(false);
    c->addAxis(axisX_, Qt::AlignBottom);
    c->addAxis(axisY_, Qt::AlignLeft);
    // The cursor is the first series: the heat map maps the domain through it.
    cursorSeries_->setObjectName(QStringLiteral("cursor"));
    cursorSeries_->setName(tr("cursor (arrow keys, Enter)"));
    cursorSeries_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    cursorSeries_->setMarkerSize(11);
    addXY(cursorSeries_);
    cursorSeries_->setColor(Qt::transparent);
    cursorSeries_->setBorderColor(hueColor(Hue::Vermillion));
    cursorSeries_->setPen(QPen(hueColor(Hue::Vermillion), 2.5));
    c->legend()->setAlignment(Qt::AlignBottom);
    setCursorVisible(false);
    setDomain(Domain{-1, 1, -1, 1});
}

void SurfaceMap::addXY(QAbstractSeries* series)
{
    chart()->addSeries(series);
    series->attachAxis(axisX_);
    series->attachAxis(axisY_);
}

void SurfaceMap::setDomain(const Domain& domain)
{
    domain_ = domain;
    // The map's edges stay the domain's; the ticks (every 0.5, 1, 2 …) are as many as fit.
    setExactRange(axisX_, domain.xMin, domain.xMax, 11);
    setExactRange(axisY_, domain.yMin, domain.yMax, 11);
    hidePicture();
    setCursor(QPointF((domain.xMin + domain.xMax) / 2, (domain.yMin + domain.yMax) / 2));
}

QWidget* SurfaceMap::withColourBar()
{
    auto* box = new QWidget;
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);
    row->addWidget(this, 1);
    colourBar_->setParent(box);
    row->addWidget(colourBar_);
    colourBar_->setVisible(shown_ && !categorical_);
    return box;
}

void SurfaceMap::showColourBar(bool on)
{
    // Only once placed beside the map: as the map's own child it would be drawn over the plot.
    if (colourBar_->parentWidget() != this) colourBar_->setVisible(on);
}

void SurfaceMap::hidePicture()
{
    showColourBar(false);
    shown_ = false;
    styleHidden();
}

void SurfaceMap::styleHidden()
{
    hiddenText_->setBrush(darkPalette() ? QColor(0xe0, 0xe0, 0xe0) : QColor(0x40, 0x40, 0x40));
    if (!shown_) {
        QImage grey(2, 2, QImage::Format_RGB32);
        grey.fill(darkPalette() ? QColor(0x4a, 0x4a, 0x4a) : QColor(0xc8, 0xc8, 0xc8));
        heatMap_->setImage(grey, QRectF(QPointF(domain_.xMin, domain_.yMin), QPointF(domain_.xMax, domain_.yMax)));
    }
    placeHiddenText();
}

void SurfaceMap::changeEvent(QEvent* event)
{
    FigureChart::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) styleHidden();
}

void SurfaceMap::setHiddenText(const QString& text)
{
    hiddenLogical_ = text;
    placeHiddenText();
}

void SurfaceMap::placeHiddenText()
{
    hiddenText_->setVisible(!shown_ && !hiddenLogical_.isEmpty());
    const QRectF area = chart()->plotArea();
    // Wrapped to the plot's width, so a narrow map (beside its 3-D view) never cuts the sentence.
    const QFontMetricsF fm(hiddenText_->font());
    const double room = std::max(40.0, area.width() - 24.0);
    QStringList lines;
    for (const QString& word : hiddenLogical_.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!lines.isEmpty() && fm.horizontalAdvance(lines.last() + QLatin1Char(' ') + word) <= room)
            lines.last() += QLatin1Char(' ') + word;
        else
            lines.append(word);
    }
    const QString wrapped = lines.join(QLatin1Char('\n'));
    if (wrapped != hiddenText_->text()) hiddenText_->setText(wrapped);
    const QRectF box = hiddenText_->boundingRect();
    hiddenText_->setPos(area.center().x() - box.width() / 2, area.top() + area.height() * 0.3 - box.height() / 2);
}

void SurfaceMap::setPicture(const SurfacePicture& p)
{
    const Grid2D& g = p.grid;
    if (g.rows < 2 || g.cols < 2) {
        hidePicture();
        return;
    }
    const Domain& d = g.domain;
    heatMap_->setImage(p.image.isNull() ? surfaceImage(p) : p.image, QRectF(QPointF(d.xMin, d.yMin), QPointF(d.xMax, d.yMax)));
    shown_ = true;
    categorical_ = false;
    colourBar_->setRange(p.low, p.high);
    showColourBar(true);
    placeHiddenText();
}

void SurfaceMap::setCategories(const QImage& image)
{
    categorical_ = true;
    showColourBar(false);   // the basins' colours are categories, keyed by the share chart
    heatMap_->setImage(image, QRectF(QPointF(domain_.xMin, domain_.yMin), QPointF(domain_.xMax, domain_.yMax)));
    shown_ = true;
    placeHiddenText();
}

void SurfaceMap::setCursor(const QPointF& p)
{
    cursor_ = QPointF(std::clamp(p.x(), domain_.xMin, domain_.xMax), std::clamp(p.y(), domain_.yMin, domain_.yMax));
    cursorSeries_->replace(QList<QPointF>{cursor_});
    emit cursorMoved(cursor_);
}

void SurfaceMap::setCursorVisible(bool visible)
{
    cursorSeries_->setVisible(visible);
    for (QLegendMarker* m : chart()->legend()->markers(cursorSeries_)) m->setVisible(visible);
}

void SurfaceMap::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        const QPointF at = chart()->mapToValue(mapToScene(event->position().toPoint()), cursorSeries_);
        if (domain_.contains(Point2(at.x(), at.y()))) {
            setFocus(Qt::MouseFocusReason);
            setCursor(at);
            emit pointChosen(at);
            event->accept();
            return;
        }
    }
    FigureChart::mousePressEvent(event);
}

void SurfaceMap::keyPressEvent(QKeyEvent* event)
{
    const double dx = (domain_.xMax - domain_.xMin) / 40, dy = (domain_.yMax - domain_.yMin) / 40;
    QPointF step;
    switch (event->key()) {
    case Qt::Key_Left: step = {-dx, 0}; break;
    case Qt::Key_Right: step = {dx, 0}; break;
    case Qt::Key_Up: step = {0, dy}; break;
    case Qt::Key_Down: step = {0, -dy}; break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        emit pointChosen(cursor_);
        event->accept();
        return;
    default: FigureChart::keyPressEvent(event); return;
    }
    setCursorVisible(true);
    setCursor(cursor_ + step);
    event->accept();
}

} // namespace minima
