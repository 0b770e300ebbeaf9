#pragma once
// A chart view for a lab's figure: antialiased, styled from the application palette,
// with a context menu to export the figure (PNG, SVG, PDF) and its data (CSV).
#include <QChartView>

class QTableWidget;

namespace minima {

class FigureChart : public QChartView {
    Q_OBJECT
public:
    explicit FigureChart(QWidget* parent = nullptr);

    // Restyles after axes or series were added, and whenever the palette or font changes.
    void restyle();

    // The chart's XY series as CSV: one block per series, "series,x,y" rows.
    QString dataAsCsv() const;

    // The chart's text alternative: a table of every point of every XY series ("Show data…"
    // in the context menu, also reached with the Menu key when the chart has focus).
    QTableWidget* dataTable(QWidget* parent) const;
    void showDataTable();

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;
};

// Writes a figure widget to a file whose type is chosen by its suffix: .png, .svg,
// .pdf, or .csv (the data of every chart in the widget). Returns false and a sentence
// in *error when it cannot.
bool exportFigure(QWidget* figure, const QString& path, QString* error);

// Asks for a file name and exports; used by the context menu and File > Export figure.
void exportFigureInteractively(QWidget* figure, QWidget* dialogParent);

} // namespace minima
