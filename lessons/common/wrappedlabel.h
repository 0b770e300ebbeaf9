#pragma once
// A word-wrapped label that remembers its height for a width.
//
// A selectable or rich-text QLabel lays its whole text out again each time a layout asks its
// heightForWidth(), and one result asks it many times (the lab's layout, its scroll area, the
// steady height of steadytext.h). This label answers from the last layout while its text,
// font, style and margins are unchanged: the readout under a figure costs one layout per new
// sentence, not a dozen (the event-loop budget of docs/ARCHITECTURE.md). Its size hints are
// worked from the font, not from laying the text out at width 0 (a word per line), which is
// what QLabel does for each new text: the layout asks heightForWidth() at the real width anyway.
#include <QLabel>
#include <QSize>
#include <QString>

namespace minima {

class WrappedLabel : public QLabel {
    Q_OBJECT
public:
    explicit WrappedLabel(QWidget* parent = nullptr);
    explicit WrappedLabel(const QString& text, QWidget* parent = nullptr);

    int heightForWidth(int width) const override;
    QSize minimumSizeHint() const override;   // a dozen characters by one line
    QSize sizeHint() const override;          // at most 80 characters wide, as tall as it wraps there

protected:
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    void forget() const;

    // The last few widths asked (a layout asks at its width and at its minimum).
    static constexpr int kRemembered = 4;
    mutable int widths_[kRemembered];
    mutable int heights_[kRemembered];
    mutable int next_ = 0;
    mutable QString text_;   // the text those heights are for
};

} // namespace minima
