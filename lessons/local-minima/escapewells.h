#pragma once
// The escape lab's wells: their keys and colours, shared by the loss chart and the escape chart.
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

} // namespace minima::escapewells
