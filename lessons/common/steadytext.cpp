#include "lessons/common/steadytext.h"

#include <QLabel>
#include <QVariant>

#include <algorithm>

namespace minima {

void setSteadyText(QLabel* label, const QString& text)
{
    if (!label) return;
    const int width = label->width();
    const bool sameWidth = label->isVisible() && label->property("minimaSteadyWidth").toInt() == width;
    const int kept = std::max(label->minimumHeight(), label->height());
    if (label->text() != text) label->setText(text);
    label->setProperty("minimaSteadyWidth", width);
    if (!sameWidth) {
        label->setMinimumHeight(0);
        return;
    }
    const int wanted = label->hasHeightForWidth() ? label->heightForWidth(width) : label->sizeHint().height();
    label->setMinimumHeight(wanted < kept ? kept : 0);
}

} // namespace minima
