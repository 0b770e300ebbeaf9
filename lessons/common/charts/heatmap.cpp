#include "lessons/common/charts/heatmap.h"

#include <QChart>
#include <QGraphicsPixmapItem>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"

namespace minima {

void fitRange(HeatMapData& data)
{
    double lo = INFINITY, hi = -INFINITY;
    for (double v : data.values)
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    if (!std::isfinite(lo)) lo = hi = 0;
    data.low = lo;
    data.high = hi;
}

double colourPosition(double v, double low, double high, ColourScale scale)
{
    if (!(high > low)) return scale == ColourScale::Log ? 0.0 : 0.5;
    const double t = std::clamp((v - low) / (high - low), 0.0, 1.0);
    switch (scale) {
    case ColourScale::Sqrt: return std::sqrt(t);
    case ColourScale::Linear: return t;
    case ColourScale::Log: return std::clamp(std::log10(std::max(v - low, 0.0) + 1.0) / std::log10(high - low + 1.0), 0.0, 1.0);
    }
    return t;
}

HeatMapLayer::HeatMapLayer(QChart* chart) : QObject(chart), chart_(chart), item_(new QGraphicsPixmapItem(chart))
{
    // Between the plot area background (z 0) and the shades and grid (z 1, 2): under everything drawn on the plot.
    item_->setZValue(0.5);
    item_->setTransformationMode(Qt::FastTransformation);   // crisp cells
    connect(chart, &QChart::plotAreaChanged, this, &HeatMapLayer::place);
}

HeatMapLayer::~HeatMapLayer()
{
    if (chart_) delete item_;
}

QImage heatMapImage(const HeatMapData& data)
{
    if (data.cols <= 0 || data.rows <= 0 || data.values.size() != std::size_t(data.cols) * std::size_t(data.rows)) return {};
    QImage img(data.cols, data.rows, QImage::Format_RGB32);
    const QRgb missing = qRgb(0x90, 0x90, 0x90);
    for (int r = 0; r < data.rows; ++r) {
        // Image row 0 is the top of the plot, which is the largest y.
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(data.rows - 1 - r));
        for (int c = 0; c < data.cols; ++c) {
            const double v = data.values[std::size_t(r) * std::size_t(data.cols) + std::size_t(c)];
            line[c] = std::isfinite(v) ? viridis(colourPosition(v, data.low, data.high, data.logScale ? ColourScale::Log : ColourScale::Linear)).rgb() : missing;
        }
    }
    return img;
}

void HeatMapLayer::setData(const HeatMapData& data)
{
    const QImage img = heatMapImage(data);
    if (img.isNull()) {
        clear();
        return;
    }
    setImage(img, data.domain);
}

void HeatMapLayer::setImage(const QImage& image, const QRectF& domain)
{
    image_ = image;
    domain_ = domain;
    item_->setPixmap(QPixmap::fromImage(image_));
    item_->setVisible(!image_.isNull());
    place();
}

void HeatMapLayer::clear()
{
    image_ = QImage();
    item_->setPixmap(QPixmap());
    item_->setVisible(false);
}

void HeatMapLayer::place()
{
    if (!chart_ || image_.isNull() || chart_->series().isEmpty()) {
        if (chart_ && !image_.isNull() && chart_->series().isEmpty()) {
            // Without a series there is no mapping from data to the plot: fill the plot area.
            const QRectF area = chart_->plotArea();
            item_->setPos(area.topLeft());
            item_->setTransform(QTransform::fromScale(area.width() / image_.width(), area.height() / image_.height()));
        }
        return;
    }
    QAbstractSeries* ref = chart_->series().first();
    const QPointF topLeft = chart_->mapToPosition(QPointF(domain_.left(), domain_.bottom()), ref);
    const QPointF bottomRight = chart_->mapToPosition(QPointF(domain_.right(), domain_.top()), ref);
    const QRectF target = QRectF(topLeft, bottomRight).normalized();
    item_->setPos(target.topLeft());
    item_->setTransform(QTransform::fromScale(target.width() / image_.width(), target.height() / image_.height()));
    // Never paint outside the plot area.
    const QRectF clip = chart_->plotArea().intersected(target);
    item_->setVisible(clip.isValid());
}

ColourBar::ColourBar(QWidget* parent) : QWidget(parent)
{
    setMinimumWidth(64);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
}

void ColourBar::setRange(double low, double high, bool logScale)
{
    low_ = low;
    high_ = high;
    log_ = logScale;
    // The size hint does not depend on the range: a new range is a repaint, not a new layout of
    // the figure (which resized and restroked the charts beside the bar).
    update();
}

void ColourBar::setSqrtScale(bool on)
{
    sqrt_ = on;
    update();
}

void ColourBar::setLabel(const QString& label)
{
    label_ = label;
    setAccessibleName(label);
    update();
}

QSize ColourBar::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.horizontalAdvance(QStringLiteral("-0.000e+00")) + 28, 200};
}

static QString tickText(double v)
{
    if (v == 0) return QStringLiteral("0");
    const double a = std::abs(v);
    if (a >= 1e4 || a < 1e-2) return QString::number(v, 'e', 1);
    return QString::number(v, 'g', 3);
}

void ColourBar::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    const QRect bar = barRect();
    QLinearGradient g(bar.bottomLeft(), bar.topLeft());
    for (int i = 0; i <= 16; ++i) g.setColorAt(i / 16.0, viridis(i / 16.0));
    p.fillRect(bar, g);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawRect(bar);
    p.drawText(QRect(0, 0, width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter, label_);
    for (const Tick& tick : ticks(bar.height())) {
        const int y = bar.bottom() - int(std::lround(tick.position * bar.height()));
        p.drawLine(bar.right(), y, bar.right() + 4, y);
        p.drawText(bar.right() + 7, y + fm.ascent() / 2 - 1, tick.label);
    }
}

QList<ColourBar::Tick> ColourBar::ticks(int barHeight) const
{
    QList<Tick> out;
    if (!log_ && !sqrt_ && high_ > low_) {
        // Round values (niceTicks) where they fall on the bar, labelled as axis ticks are.
        const QFontMetrics fm(font());
        const int fit = std::clamp(barHeight / (2 * fm.height()) + 1, 2, 6);
        const NiceTicks nice = niceTicks(low_, high_, fit);
        const double eps = 1e-9 * (high_ - low_);
        for (double v : nice.values())
            if (v >= low_ - eps && v <= high_ + eps) out.append({(v - low_) / (high_ - low_), v, formatTick(v, nice.step)});
        return out;
    }
    const int count = 5;
    for (int i = 0; i < count; ++i) {
        const double t = double(i) / (count - 1);
        double v = low_ + t * (high_ - low_);
        if (log_) v = low_ + std::pow(10.0, t * std::log10(std::max(high_ - low_, 0.0) + 1.0)) - 1.0;
        else if (sqrt_) v = low_ + t * t * (high_ - low_);
        out.append({t, v, tickText(v)});
    }
    return out;
}

QList<ColourBar::Tick> ColourBar::ticks() const { return ticks(barRect().height()); }

QRect ColourBar::barRect() const
{
    // Below the title by half a label as well: the top tick's label is centred on the bar's top.
    const QFontMetrics fm(font());
    const int top = fm.height() + fm.ascent() / 2 + 4, bottom = height() - fm.height() / 2 - 2;
    return QRect(4, top, 14, std::max(10, bottom - top));
}

} // namespace minima
