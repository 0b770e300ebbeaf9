#include "lessons/common/steadytext.h"

#include <QLabel>
#include <QVariant>

#include <algorithm>

namespace minima {

void keepSteadyHeight(QWidget* widget)
{
    if (!widget) return;
    const int width = widget->width();
    const QVariant last = widget->property("minimaSteadyWidth");
    const bool sameWidth = widget->isVisible() && last.isValid() && last.toInt() == width;
    widget->setProperty("minimaSteadyWidth", width);
    if (!sameWidth) {
        widget->setMinimumHeight(0);
        return;
    }
    const int wanted = widget->hasHeightForWidth() ? widget->heightForWidth(width) : widget->sizeHint().height();
    const int kept = std::max(widget->minimumHeight(), widget->height());
    widget->setMinimumHeight(wanted < kept ? kept : 0);
}

void setSteadyText(QLabel* label, const QString& text)
{
    if (!label) return;
    if (label->text() != text) label->setText(text);
    keepSteadyHeight(label);
}

} // namespace minima
