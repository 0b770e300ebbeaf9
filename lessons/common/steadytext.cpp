#include "lessons/common/steadytext.h"

#include <QLabel>
#include <QVariant>

#include <algorithm>

namespace minima {

namespace {

// The height the widget's content needs at its present width, whatever its minimum height.
int naturalHeight(const QWidget* widget)
{
    return widget->hasHeightForWidth() ? widget->heightForWidth(widget->width()) : widget->sizeHint().height();
}

} // namespace

void changeSteadily(QWidget* widget, const std::function<void()>& change)
{
    if (!widget) {
        if (change) change();
        return;
    }
    const int width = widget->width();
    const bool shown = widget->isVisible();
    // Before the change: what the content shown now needs at this width.
    const int before = shown ? naturalHeight(widget) : 0;
    if (change) change();
    const QVariant last = widget->property("minimaSteadyWidth");
    const bool sameWidth = shown && last.isValid() && last.toInt() == width;
    widget->setProperty("minimaSteadyWidth", shown ? QVariant(width) : QVariant());
    if (!shown) {
        widget->setMinimumHeight(0);
        return;
    }
    const int wanted = naturalHeight(widget);
    const int kept = sameWidth ? std::max(widget->minimumHeight(), widget->height()) : before;
    widget->setMinimumHeight(wanted < kept ? kept : 0);
}

void setSteadyText(QLabel* label, const QString& text)
{
    if (!label) return;
    changeSteadily(label, [&] {
        if (label->text() != text) label->setText(text);
    });
}

} // namespace minima
