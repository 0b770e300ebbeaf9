#include "lessons/common/charts/palette.h"

#include <QAbstractAxis>
#include <QAbstractBarSeries>
#include <QApplication>
#include <QAreaSeries>
#include <QBarSet>
#include <QChart>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QLegend>
#include <QPalette>
#include <QScatterSeries>
#include <QXYSeries>

#include <algorithm>
#include <array>
#include <cmath>

namespace minima {

namespace {
// Okabe-Ito, in the order that keeps the first few series most distinct.
constexpr std::array<QRgb, 8> okabeIto = {
    0xE69F00, // orange
    0x56B4E9, // sky blue
    0x009E73, // bluish green
    0xF0E442, // yellow
    0x0072B2, // blue
    0xD55E00, // vermillion
    0xCC79A7, // reddish purple
    0x000000, // black
};

// viridis sampled at nine evenly spaced points (matplotlib's _viridis_data); linear
// interpolation between them stays within a few percent of the full table.
constexpr std::array<QRgb, 9> viridisStops = {
    0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725,
};
} // namespace

bool darkPalette()
{
    return QApplication::palette().color(QPalette::Window).lightnessF() < 0.5;
}

Backdrop currentBackdrop()
{
    const QPalette pal = QApplication::palette();
    if (pal.color(QPalette::Window).lightnessF() >= 0.5) return Backdrop::Light;
    const bool blackAndWhite = pal.color(QPalette::Window).lightnessF() < 0.05 && pal.color(QPalette::WindowText).lightnessF() > 0.95;
    return blackAndWhite ? Backdrop::HighContrast : Backdrop::Dark;
}

QColor hueColor(Hue hue, Backdrop backdrop)
{
    const int i = static_cast<int>(hue);
    QColor c = QColor::fromRgb(okabeIto[std::size_t(i)]);
    if (hue == Hue::Ink && backdrop == Backdrop::Dark) c = QColor(0xE0, 0xE0, 0xE0);
    // Near-white rather than white, so that a lab's own white (numbers on markers) is never
    // taken for ink when the theme changes (recoloured).
    if (hue == Hue::Ink && backdrop == Backdrop::HighContrast) c = QColor(0xF2, 0xF2, 0xF2);
    // Yellow on white is faint: darken it a touch on light backgrounds.
    if (hue == Hue::Yellow && backdrop == Backdrop::Light) c = QColor(0xC8, 0xB8, 0x00);
    return c;
}

QColor hueColor(Hue hue) { return hueColor(hue, currentBackdrop()); }

bool hueOf(const QColor& color, Backdrop backdrop, Hue* hue)
{
    if (!color.isValid() || color.alpha() == 0) return false;
    for (int i = 0; i < int(okabeIto.size()); ++i) {
        if (hueColor(Hue(i), backdrop).rgb() == color.rgb()) {
            *hue = Hue(i);
            return true;
        }
    }
    return false;
}

QColor recoloured(const QColor& color, Backdrop from, Backdrop to)
{
    Hue hue{};
    if (from == to || !hueOf(color, from, &hue)) return color;
    QColor c = hueColor(hue, to);
    c.setAlpha(color.alpha());
    return c;
}

QColor seriesColor(int index)
{
    static constexpr std::array<Hue, 7> order = {Hue::Blue, Hue::Orange, Hue::BluishGreen, Hue::Vermillion,
                                                  Hue::SkyBlue, Hue::ReddishPurple, Hue::Ink};
    const int n = int(order.size());
    return hueColor(order[std::size_t(((index % n) + n) % n)]);
}

QColor viridis(double t)
{
    if (!std::isfinite(t)) t = 0;
    t = std::clamp(t, 0.0, 1.0) * double(viridisStops.size() - 1);
    const std::size_t i = std::min<std::size_t>(std::size_t(t), viridisStops.size() - 2);
    const double f = t - double(i);
    const QColor a = QColor::fromRgb(viridisStops[i]), b = QColor::fromRgb(viridisStops[i + 1]);
    return QColor::fromRgbF(float(a.redF() + f * (b.redF() - a.redF())), float(a.greenF() + f * (b.greenF() - a.greenF())),
                            float(a.blueF() + f * (b.blueF() - a.blueF())));
}

void styleChart(QChart* chart)
{
    const QPalette pal = QApplication::palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor grid = darkPalette() ? QColor(0x55, 0x55, 0x55) : QColor(0xD8, 0xD8, 0xD8);
    // Labs restyle after every result: only what differs is set, since each setter lays the
    // chart out again. A title font that the chart's fit made smaller (FigureChart::fit(),
    // which keeps the style's size and its own on the owner) counts as the style's.
    auto fitted = [](const QObject* owner, const QFont& shown, const QFont& style) {
        if (!owner || shown.bold() != style.bold() || shown.family() != style.family()) return false;
        return owner->property("minimaStylePt").toDouble() == style.pointSizeF()
               && owner->property("minimaFittedPt").toDouble() == shown.pointSizeF();
    };
    if (chart->backgroundBrush() != QBrush(pal.color(QPalette::Base))) chart->setBackgroundBrush(pal.color(QPalette::Base));
    if (chart->backgroundRoundness() != 0) chart->setBackgroundRoundness(0);
    if (chart->isPlotAreaBackgroundVisible()) chart->setPlotAreaBackgroundVisible(false);
    // The right margin is the chart's fit's (room for the last tick label), at least 6.
    const QMargins m = chart->margins();
    const QMargins wanted(6, 6, std::max(6, m.right()), 6);
    if (m != wanted) chart->setMargins(wanted);
    QFont body = QApplication::font();
    QFont title = body;
    title.setPointSizeF(body.pointSizeF() * 1.15);
    title.setBold(true);
    const QList<QGraphicsView*> views = chart->scene() ? chart->scene()->views() : QList<QGraphicsView*>{};
    const QObject* view = views.isEmpty() ? nullptr : views.first();
    if (chart->titleFont() != title && !fitted(view, chart->titleFont(), title)) chart->setTitleFont(title);
    if (chart->titleBrush() != QBrush(text)) chart->setTitleBrush(text);
    if (chart->legend()->font() != body) chart->legend()->setFont(body);
    if (chart->legend()->labelColor() != text) chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        if (axis->labelsFont() != body) axis->setLabelsFont(body);
        if (axis->labelsColor() != text) axis->setLabelsColor(text);
        QFont axisTitle = body;
        axisTitle.setBold(true);
        if (axis->titleFont() != axisTitle && !fitted(axis, axis->titleFont(), axisTitle)) axis->setTitleFont(axisTitle);
        if (axis->titleBrush() != QBrush(text)) axis->setTitleBrush(text);
        if (axis->gridLineColor() != grid) axis->setGridLineColor(grid);
        if (axis->linePenColor() != text) axis->setLinePenColor(text);
    }
}

namespace {

QPen recolouredPen(QPen pen, Backdrop from, Backdrop to)
{
    if (pen.brush().style() != Qt::SolidPattern) return pen;   // gradients and textures are the lab's own
    const QColor c = recoloured(pen.color(), from, to);
    if (c != pen.color()) pen.setColor(c);
    return pen;
}

QBrush recolouredBrush(QBrush brush, Backdrop from, Backdrop to)
{
    if (brush.style() == Qt::NoBrush || brush.gradient() || !brush.textureImage().isNull()) return brush;
    brush.setColor(recoloured(brush.color(), from, to));
    return brush;
}

} // namespace

void recolourSeries(QChart* chart, Backdrop from, Backdrop to)
{
    if (!chart || from == to) return;
    for (QAbstractSeries* series : chart->series()) {
        if (auto* xy = qobject_cast<QXYSeries*>(series)) {
            // A scatter series' colour is its brush and its border the pen; set them in that
            // order, so the pen (and with it a line series' colour) is the last word.
            const QPen pen = recolouredPen(xy->pen(), from, to);
            const QBrush brush = recolouredBrush(xy->brush(), from, to);
            if (brush != xy->brush()) xy->setBrush(brush);
            if (pen != xy->pen()) xy->setPen(pen);
            const QColor labels = recoloured(xy->pointLabelsColor(), from, to);
            if (labels != xy->pointLabelsColor()) xy->setPointLabelsColor(labels);
        } else if (auto* area = qobject_cast<QAreaSeries*>(series)) {
            area->setPen(recolouredPen(area->pen(), from, to));
            area->setBrush(recolouredBrush(area->brush(), from, to));
        } else if (auto* bars = qobject_cast<QAbstractBarSeries*>(series)) {
            for (QBarSet* set : bars->barSets()) {
                set->setPen(recolouredPen(set->pen(), from, to));
                set->setBrush(recolouredBrush(set->brush(), from, to));
                set->setLabelColor(recoloured(set->labelColor(), from, to));
            }
        }
    }
}

} // namespace minima
