#include "lessons/common/wrappedlabel.h"

#include <QEvent>

namespace minima {

WrappedLabel::WrappedLabel(QWidget* parent) : QLabel(parent)
{
    setWordWrap(true);
    forget();
}

WrappedLabel::WrappedLabel(const QString& text, QWidget* parent) : QLabel(text, parent)
{
    setWordWrap(true);
    forget();
}

void WrappedLabel::forget() const
{
    for (int i = 0; i < kRemembered; ++i) widths_[i] = -1;
    next_ = 0;
}

int WrappedLabel::heightForWidth(int width) const
{
    // QLabel::setText() returns early for the same text, so an equal text is the same layout.
    if (text() != text_) {
        forget();
        text_ = text();
    }
    for (int i = 0; i < kRemembered; ++i)
        if (widths_[i] == width) return heights_[i];
    const int height = QLabel::heightForWidth(width);
    widths_[next_] = width;
    heights_[next_] = height;
    next_ = (next_ + 1) % kRemembered;
    return height;
}

void WrappedLabel::changeEvent(QEvent* event)
{
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::PaletteChange:
    case QEvent::LayoutDirectionChange:
        forget();
        break;
    default:
        break;
    }
    QLabel::changeEvent(event);
}

bool WrappedLabel::event(QEvent* event)
{
    if (event->type() == QEvent::ContentsRectChange || event->type() == QEvent::PolishRequest
        || event->type() == QEvent::Polish)
        forget();
    return QLabel::event(event);
}

} // namespace minima
