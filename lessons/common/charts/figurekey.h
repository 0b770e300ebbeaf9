#pragma once
// A chart's key (legend) as a widget below the chart: one swatch and name per legend marker
// the chart shows, laid out in rows that wrap, so an entry is never elided however narrow
// the chart or large the font (QLegend elides its entries when they do not fit in a row).
#include <QString>
#include <QWidget>

class QChart;

namespace minima {

class FlowLayout;

class FigureKey : public QWidget {
    Q_OBJECT
public:
    explicit FigureKey(QWidget* parent = nullptr);

    // Rebuilds the entries from the chart's legend markers when they changed (name, colour,
    // shape or visibility). Cheap when nothing changed.
    void follow(QChart* chart);
    // The names on show, in order.
    QStringList entries() const;

protected:
    // Keeps the key's minimum height that of its entries wrapped at its width: a layout that
    // places it beside another figure does not ask for its height at a width by itself.
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

private:
    void keepWrappedHeight();

    FlowLayout* flow_;
    QString signature_;
    int steadyWidth_ = -1;   // the width the kept height is for
    bool emptyChecked_ = false;   // an empty key is being checked again
};

} // namespace minima
