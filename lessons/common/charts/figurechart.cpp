#include "lessons/common/charts/figurechart.h"

#include <QContextMenuEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTextStream>
#include <QXYSeries>

#include <QAbstractAxis>
#include <QCategoryAxis>
#include <QFontMetricsF>
#include <QTextDocument>
#include <QLegend>
#include <QTimer>
#include <QValueAxis>

#include <algorithm>

#include "lessons/common/charts/figurekey.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"

namespace minima {

FigureChart::FigureChart(QWidget* parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(260, 200);
    setFocusPolicy(Qt::StrongFocus);
    restyle();
}

void FigureChart::restyle()
{
    if (chart()) styleChart(chart());
}

void FigureChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        restyle();
        scheduleFit();
    }
    QChartView::changeEvent(event);
}

void FigureChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    scheduleFit();
}

void FigureChart::showEvent(QShowEvent* event)
{
    QChartView::showEvent(event);
    scheduleFit();
}

void FigureChart::paintEvent(QPaintEvent* event)
{
    QChartView::paintEvent(event);
    // Series, titles and ranges change as a lab shows results; the fit follows on the next
    // turn of the event loop (never from inside a paint). fit() changes nothing when all fits,
    // so this settles after a pass or two.
    if (!keyQueued_) {
        keyQueued_ = true;
        QTimer::singleShot(0, this, [this] {
            keyQueued_ = false;
            fit();
        });
    }
}

FigureKey* FigureChart::key()
{
    if (!key_) {
        key_ = new FigureKey(parentWidget());
        if (chart()) {
            // Out of the layout and never painted, but not hidden: a hidden legend hides its
            // markers too, and the key lists the markers that are visible.
            QLegend* legend = chart()->legend();
            legend->detachFromChart();
            legend->setGeometry(QRectF(0, 0, 0, 0));
            legend->setOpacity(0.0);
            legend->setVisible(true);
            key_->follow(chart());
        }
    }
    return key_;
}

void FigureChart::scheduleFit()
{
    if (fitQueued_) return;
    fitQueued_ = true;
    // After the layout has given the chart its size, outside any chart layout pass (setting
    // ranges from inside one can recurse without end).
    QTimer::singleShot(0, this, [this] {
        fitQueued_ = false;
        fit();
    });
}

QString wrappedTitle(const QString& text, const QFont& font, double width)
{
    const QFontMetricsF fm(font);
    if (text.isEmpty() || fm.horizontalAdvance(text) <= width || width <= 0) return text;
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList lines;
    QString line;
    for (const QString& w : words) {
        const QString candidate = line.isEmpty() ? w : line + QLatin1Char(' ') + w;
        if (!line.isEmpty() && fm.horizontalAdvance(candidate) > width) {
            lines << line;
            line = w;
        } else {
            line = candidate;
        }
    }
    if (!line.isEmpty()) lines << line;
    for (QString& l : lines) l = l.toHtmlEscaped();
    return lines.join(QStringLiteral("<br>"));
}

void FigureChart::fit()
{
    QChart* c = chart();
    if (!c) return;
    const QRectF plot = c->plotArea();
    // Ticks: as many as the axis's length holds with a label's length of room between labels.
    for (QAbstractAxis* axis : c->axes()) {
        auto* v = qobject_cast<QValueAxis*>(axis);
        if (!v || plot.width() <= 0) continue;
        const QFontMetricsF fm(v->labelsFont());
        const bool horizontal = v->orientation() == Qt::Horizontal;
        double extent = fm.height();
        if (horizontal) {
            const double lo = v->property("minimaNiceLo").toDouble(), hi = v->property("minimaNiceHi").toDouble();
            const double step = std::max(std::abs(hi - lo) / 10.0, 1e-300);
            extent = std::max({fm.horizontalAdvance(formatTick(lo, step)), fm.horizontalAdvance(formatTick(hi, step)),
                               fm.horizontalAdvance(QStringLiteral("−0.00"))});
        }
        refitAxis(v, horizontal ? plot.width() : plot.height(), extent);
    }
    // Titles: wrapped rather than elided. The title a lab set is kept in a property, since
    // the chart then holds the wrapped form.
    const double titleWidth = std::max(40.0, width() - 24.0);
    {
        const QString shown = c->title();
        if (shown != property("minimaShownTitle").toString()) setProperty("minimaTitle", shown);
        const QString logical = property("minimaTitle").toString();
        const QString wrapped = Qt::mightBeRichText(logical) ? logical : wrappedTitle(logical, c->titleFont(), titleWidth);
        if (wrapped != shown) c->setTitle(wrapped);
        setProperty("minimaShownTitle", c->title());
    }
    for (QAbstractAxis* axis : c->axes()) {
        const QString shown = axis->titleText();
        if (shown != axis->property("minimaShownTitle").toString()) axis->setProperty("minimaTitle", shown);
        const QString logical = axis->property("minimaTitle").toString();
        const double room = (axis->orientation() == Qt::Horizontal ? plot.width() : plot.height()) - 8.0;
        if (room <= 0) continue;
        const QString wrapped = Qt::mightBeRichText(logical) ? logical : wrappedTitle(logical, axis->titleFont(), room);
        if (wrapped != shown) axis->setTitleText(wrapped);
        axis->setProperty("minimaShownTitle", axis->titleText());
    }
    if (key_) key_->follow(c);
}

QString FigureChart::dataAsCsv() const
{
    QString out;
    QTextStream s(&out);
    s << "series,x,y\n";
    if (!chart()) return out;
    for (QAbstractSeries* series : chart()->series()) {
        auto* xy = qobject_cast<QXYSeries*>(series);
        if (!xy) continue;
        QString name = series->name();
        name.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        for (const QPointF& p : xy->points())
            s << '"' << name << "\"," << QString::number(p.x(), 'g', 17) << ',' << QString::number(p.y(), 'g', 17) << '\n';
    }
    return out;
}

QTableWidget* FigureChart::dataTable(QWidget* parent) const
{
    auto* table = new QTableWidget(parent);
    table->setObjectName(QStringLiteral("chartDataTable"));
    table->setColumnCount(3);
    table->setHorizontalHeaderLabels({tr("Series"), tr("x"), tr("y")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAccessibleName(tr("Data of the chart %1").arg(chart() ? chart()->title() : QString()));
    if (!chart()) return table;
    int rows = 0;
    for (QAbstractSeries* series : chart()->series())
        if (auto* xy = qobject_cast<QXYSeries*>(series)) rows += int(xy->count());
    table->setRowCount(rows);
    int row = 0;
    for (QAbstractSeries* series : chart()->series()) {
        auto* xy = qobject_cast<QXYSeries*>(series);
        if (!xy) continue;
        for (const QPointF& p : xy->points()) {
            table->setItem(row, 0, new QTableWidgetItem(series->name()));
            table->setItem(row, 1, new QTableWidgetItem(QString::number(p.x(), 'g', 10)));
            table->setItem(row, 2, new QTableWidgetItem(QString::number(p.y(), 'g', 10)));
            ++row;
        }
    }
    table->resizeColumnsToContents();
    return table;
}

void FigureChart::showDataTable()
{
    // The chart's text alternative: every point of every series, in a table a screen reader reads.
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Data: %1").arg(chart() ? chart()->title() : QString()));
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(dataTable(&dialog));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(520, 480);
    dialog.exec();
}

void FigureChart::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    QWidget* figure = this;
    // Export the whole figure (chart plus colour bar and legend widgets) when it has one.
    for (QWidget* w = parentWidget(); w; w = w->parentWidget()) {
        if (w->property("minimaFigure").toBool()) {
            figure = w;
            break;
        }
    }
    menu.addAction(tr("Show data…"), this, &FigureChart::showDataTable);
    menu.addAction(tr("Export figure…"), this, [this, figure] { exportFigureInteractively(figure, this); });
    menu.exec(event->globalPos());
}

static QList<FigureChart*> chartsIn(QWidget* figure)
{
    QList<FigureChart*> charts;
    if (auto* self = qobject_cast<FigureChart*>(figure)) charts << self;
    charts << figure->findChildren<FigureChart*>();
    return charts;
}

bool exportFigure(QWidget* figure, const QString& path, QString* error)
{
    if (!figure) {
        *error = QObject::tr("There is no figure on this page to export.");
        return false;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = figure->size();
    if (suffix == QLatin1String("png")) {
        if (!figure->grab().save(path, "PNG")) {
            *error = QObject::tr("Could not write %1.").arg(path);
            return false;
        }
        return true;
    }
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(figure->windowTitle());
        QPainter painter;
        if (!painter.begin(&svg)) {
            *error = QObject::tr("Could not write %1.").arg(path);
            return false;
        }
        figure->render(&painter);
        painter.end();
        return true;
    }
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QSizeF(size) * 0.75, QPageSize::Point));   // 96 dpi pixels to points
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(96);
        QPainter painter;
        if (!painter.begin(&pdf)) {
            *error = QObject::tr("Could not write %1.").arg(path);
            return false;
        }
        figure->render(&painter);
        painter.end();
        return true;
    }
    if (suffix == QLatin1String("csv")) {
        const QList<FigureChart*> charts = chartsIn(figure);
        if (charts.isEmpty()) {
            *error = QObject::tr("This figure has no chart data to export.");
            return false;
        }
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
            *error = QObject::tr("Could not write %1: %2").arg(path, file.errorString());
            return false;
        }
        QTextStream out(&file);
        for (int i = 0; i < charts.size(); ++i) {
            if (charts.size() > 1) out << "# chart " << (i + 1) << ": " << (charts[i]->chart() ? charts[i]->chart()->title() : QString()) << '\n';
            out << charts[i]->dataAsCsv();
        }
        return true;
    }
    *error = QObject::tr("Choose a file ending in .png, .svg, .pdf or .csv.");
    return false;
}

void exportFigureInteractively(QWidget* figure, QWidget* dialogParent)
{
    const QString name = figure ? figure->property("minimaFigureName").toString() : QString();
    const QString path = QFileDialog::getSaveFileName(
        dialogParent, QObject::tr("Export figure"), (name.isEmpty() ? QStringLiteral("figure") : name) + QStringLiteral(".png"),
        QObject::tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;Data as CSV (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportFigure(figure, path, &error)) QMessageBox::warning(dialogParent, QObject::tr("Export figure"), error);
}

} // namespace minima
