#include "lessons/common/wrappedlabel.h"

#include <QEvent>
#include <QFontMetrics>

#include <algorithm>

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

QSize WrappedLabel::minimumSizeHint() const
{
    if (!wordWrap() || !pixmap().isNull()) return QLabel::minimumSizeHint();
    const QFontMetrics fm(font());
    const QMargins m = contentsMargins();
    const int frame = 2 * margin();
    return QSize(12 * fm.averageCharWidth() + m.left() + m.right() + frame, fm.lineSpacing() + m.top() + m.bottom() + frame);
}

QSize WrappedLabel::sizeHint() const
{
    if (!wordWrap() || !pixmap().isNull()) return QLabel::sizeHint();
    const QFontMetrics fm(font());
    const QMargins m = contentsMargins();
    const int frame = 2 * margin();
    // The width of the text on one line, if shorter than 80 characters (markup and all, for rich text:
    // a little wider than it draws, never narrower).
    const QString plain = textFormat() == Qt::PlainText ? text() : QString(text()).remove(QChar('\n'));
    const int oneLine = fm.horizontalAdvance(plain) + 1;
    const int width = std::min(80 * fm.averageCharWidth(), std::max(oneLine, 1)) + m.left() + m.right() + frame;
    return QSize(width, heightForWidth(width));
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
