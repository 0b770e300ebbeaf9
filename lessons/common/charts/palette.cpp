#include "lessons/common/charts/palette.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QLegend>
#include <QPalette>

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

QColor hueColor(Hue hue)
{
    const int i = static_cast<int>(hue);
    QColor c = QColor::fromRgb(okabeIto[std::size_t(i)]);
    if (hue == Hue::Ink && darkPalette()) c = QColor(0xE0, 0xE0, 0xE0);
    // Yellow on white is faint: darken it a touch on light backgrounds.
    if (hue == Hue::Yellow && !darkPalette()) c = QColor(0xC8, 0xB8, 0x00);
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
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setMargins(QMargins(6, 6, 6, 6));
    QFont body = QApplication::font();
    QFont title = body;
    title.setPointSizeF(body.pointSizeF() * 1.15);
    title.setBold(true);
    chart->setTitleFont(title);
    chart->setTitleBrush(text);
    chart->legend()->setFont(body);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(body);
        axis->setLabelsColor(text);
        QFont axisTitle = body;
        axisTitle.setBold(true);
        axis->setTitleFont(axisTitle);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(text);
    }
}

} // namespace minima
