#pragma once
// What the escape lab's files share: the wells' keys and colours (the minima on the loss and
// the escape chart), and the way each of its charts takes its axes.
#include <QAbstractAxis>
#include <QAbstractSeries>
#include <QChart>
#include <QColor>

#include "lessons/common/charts/palette.h"

namespace minima::escapewells {

inline constexpr const char* kRoles[3] = {"shallow", "deep", "global"};

// The colours of the wells, shared by the minima on the loss and the escape chart.
inline QColor wellColour(int well)
{
    switch (well) {
    case 0: return hueColor(Hue::ReddishPurple);
    case 1: return hueColor(Hue::Blue);
    default: return hueColor(Hue::BluishGreen);
    }
}

// Puts `x` at the bottom of `chart` and `y` on its left, and returns what adds a series to the
// chart attached to both.
inline auto withAxes(QChart* chart, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    return [chart, x, y](QAbstractSeries* s) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    };
}

} // namespace minima::escapewells
