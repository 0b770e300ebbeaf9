#pragma once
// A chart view for a lab's figure: antialiased, styled from the application palette,
// with a context menu to export the figure (PNG, SVG, PDF) and its data (CSV).
//
// It fits itself to its size and font (docs/ARCHITECTURE.md, "Figures"): after every resize
// or font change the ticks of axes set with setNiceRange() are chosen again for the pixels
// there are, and a title or axis title too long for its line wraps onto a second line
// instead of being elided. A chart placed by Lab::addFigure() shows its key below it as a
// FigureKey, whose entries wrap instead of being elided.
#include <QChartView>
#include <QPointer>

#include <vector>

#include "lessons/common/charts/figurekey.h"
#include "lessons/common/charts/palette.h"

class QGraphicsSimpleTextItem;
class QTableWidget;

namespace minima {

class FigureChart : public QChartView {
    Q_OBJECT
public:
    explicit FigureChart(QWidget* parent = nullptr);

    // Restyles after axes or series were added, and whenever the palette or font changes.
    // When the theme changed since the last restyle, the series drawn in a palette hue are
    // recoloured for the new theme (recolourSeries) and the key follows.
    void restyle();

    // The smallest size the chart may be given, in lines of the application's font (so it
    // grows with larger text): below it the lab scrolls rather than elide labels. The default,
    // 12 x 10, holds a title, a plot and two labelled axes.
    void setMinimumEms(double width, double height);

    // A little more than the minimum: the layouts share the rest by their stretch factors (the
    // view's own hint, the scene's last size, would feed each layout pass the previous one).
    QSize sizeHint() const override;

    // The title as the lab set it (the chart may hold it wrapped onto two lines).
    QString title() const;

    // The key below the chart, created on first use; the chart's own legend is hidden then.
    FigureKey* key();
    bool hasKey() const { return key_ != nullptr; }

    // Fits ticks, titles and the key to the chart's current size and font now (it also
    // happens by itself after every resize and font change).
    void fit();

    // The chart's XY series as CSV: one block per series, "series,x,y" rows.
    QString dataAsCsv() const;

    // The chart's text alternative: a table of every point of every XY series ("Show data…"
    // in the context menu, also reached with the Menu key when the chart has focus).
    QTableWidget* dataTable(QWidget* parent) const;
    void showDataTable();

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void scheduleFit();
    void applyMinimumSize();
    // Log axes set by setLogRange(): a label every few decades as the length allows, drawn as
    // powers of ten over Qt's own (transparent) labels, which keep their room in the layout.
    void fitLogAxes();

    struct PowerLabels {
        QPointer<QAbstractAxis> axis;
        QList<QGraphicsSimpleTextItem*> items;
    };
    std::vector<PowerLabels> powerLabels_;
    QPointer<FigureKey> key_;
    QSizeF minimumEms_{12.0, 10.0};
    Backdrop styledFor_ = currentBackdrop();   // the backdrop the series' hues were chosen for
    bool fitQueued_ = false;
    bool keyQueued_ = false;
};

// `text` broken at spaces into lines no wider than `width` pixels in `font`, escaped and
// joined with <br> (as rich text, for a chart title); the text itself when it fits.
QString wrappedTitle(const QString& text, const QFont& font, double width);

// The style's font of a title (remembered on `owner`), or a smaller one down to 70 % of it,
// at which `text` wraps into at most `maxLines` lines no wider than `width` pixels. With
// `fewestLines`, the fewest lines win over the larger size.
QFont fittingFont(QObject* owner, const QFont& current, const QString& text, double width, int maxLines,
                  bool fewestLines = false);

// Writes a figure widget to a file whose type is chosen by its suffix: .png, .svg,
// .pdf, or .csv (the data of every chart in the widget). Returns false and a sentence
// in *error when it cannot.
bool exportFigure(QWidget* figure, const QString& path, QString* error);

// Asks for a file name and exports; used by the context menu and File > Export figure.
void exportFigureInteractively(QWidget* figure, QWidget* dialogParent);

} // namespace minima
