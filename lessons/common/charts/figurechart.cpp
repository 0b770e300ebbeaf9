#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/surface3d.h"

#include <QApplication>
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
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLogValueAxis>
#include <QTimer>
#include <QValueAxis>

#include <QGraphicsScene>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/figurekey.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"

namespace minima {

FigureChart::FigureChart(QWidget* parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    // A figure's items move and change with every result: without an index the scene does
    // not rebuild a BSP tree after each change (Qt recommends this for dynamic scenes).
    if (scene()) scene()->setItemIndexMethod(QGraphicsScene::NoIndex);
    applyMinimumSize();
    setFocusPolicy(Qt::StrongFocus);
    restyle();
}

void FigureChart::restyle()
{
    if (!chart()) return;
    styleChart(chart());
    // After a theme change the series drawn in a hue take that hue's colour on the new
    // backdrop at once, and the key follows; nothing is recomputed.
    const Backdrop now = currentBackdrop();
    if (now != styledFor_) {
        recolourSeries(chart(), styledFor_, now);
        styledFor_ = now;
        if (key_) key_->follow(chart());
    }
    fitLogAxes();   // styleChart() gives Qt's log labels their colour back
}

void FigureChart::fitLogAxes()
{
    QChart* c = chart();
    const QRectF plot = c->plotArea();
    std::vector<PowerLabels> kept;
    for (QAbstractAxis* axis : c->axes()) {
        auto* log = qobject_cast<QLogValueAxis*>(axis);
        if (!log || !log->property("minimaLogLabels").toBool()) continue;
        PowerLabels entry;
        for (auto& e : powerLabels_)
            if (e.axis == axis) entry = std::move(e);
        entry.axis = axis;
        const bool vertical = log->orientation() == Qt::Vertical;
        const QFontMetricsF fm(log->labelsFont());
        const double pixels = vertical ? plot.height() : plot.width();
        const double extent = vertical ? 1.8 * fm.height() : 1.6 * fm.horizontalAdvance(QStringLiteral("10⁻¹⁰"));
        const double lo = log->property("minimaLogLo").toDouble(), hi = log->property("minimaLogHi").toDouble();
        const int decades = std::max(1, int(std::ceil(std::log10(hi) - 1e-9) - std::floor(std::log10(lo) + 1e-9)));
        const int room = std::max(2, int(pixels / extent) + 1);
        const int k = pixels > 0 ? std::max(1, int(std::ceil(double(decades) / double(room - 1)))) : 1;
        const int count = applyLogRange(log, k);
        // Qt's labels keep their room but are not seen; ours are drawn where they would be.
        QColor colour = log->labelsBrush().color();
        if (colour.alpha() > 0) {
            log->setProperty("minimaLabelColour", colour);
            log->setLabelsBrush(Qt::transparent);
        }
        colour = log->property("minimaLabelColour").value<QColor>();
        QAbstractSeries* series = nullptr;
        for (QAbstractSeries* s : c->series())
            if (s->attachedAxes().contains(axis)) series = s;
        const int first = int(std::lround(std::log10(log->min())));
        for (int j = 0; j < count; ++j) {
            if (j >= entry.items.size()) {
                auto* item = new QGraphicsSimpleTextItem(c);
                item->setZValue(10);
                entry.items.append(item);
            }
            QGraphicsSimpleTextItem* item = entry.items[j];
            const int e = first + j * k;
            const QString text = powerOfTen(e);
            if (item->text() != text) item->setText(text);
            if (item->font() != log->labelsFont()) item->setFont(log->labelsFont());
            if (item->brush().color() != colour) item->setBrush(colour);
            if (!series || plot.isEmpty()) {
                item->setVisible(false);
                continue;
            }
            const double v = std::pow(10.0, e);
            const QPointF at = c->mapToPosition(vertical ? QPointF(1.0, v) : QPointF(v, 1.0), series);
            const QRectF r = item->boundingRect();
            const QPointF pos = vertical ? QPointF(plot.left() - 7 - r.width(), at.y() - r.height() / 2)
                                         : QPointF(at.x() - r.width() / 2, plot.bottom() + 6);
            if ((item->pos() - pos).manhattanLength() > 0.5) item->setPos(pos);
            if (!item->isVisible()) item->setVisible(true);
        }
        while (entry.items.size() > count) delete entry.items.takeLast();
        kept.push_back(std::move(entry));
    }
    for (auto& e : powerLabels_)   // axes that are gone take their labels with them
        if (!e.items.isEmpty() && (!e.axis || std::none_of(kept.begin(), kept.end(), [&](const PowerLabels& k) { return k.axis == e.axis; })))
            qDeleteAll(e.items);
    powerLabels_ = std::move(kept);
}

void FigureChart::setMinimumEms(double width, double height)
{
    minimumEms_ = QSizeF(width, height);
    applyMinimumSize();
}

QSize FigureChart::sizeHint() const { return minimumSize() * 5 / 4; }

void FigureChart::applyMinimumSize()
{
    // In text lines of the application's font, the one the chart's titles and labels use.
    const double em = QFontMetricsF(QApplication::font()).height();
    setMinimumSize(int(std::ceil(minimumEms_.width() * em)), int(std::ceil(minimumEms_.height() * em)));
}

void FigureChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) applyMinimumSize();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange || event->type() == QEvent::FontChange) {
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
        // A 1 ms timer, not a posted call: the posts a result causes (layouts, scene updates,
        // this paint) end first, and input and the other timers get their turn before the fit.
        QTimer::singleShot(1, Qt::PreciseTimer, this, [this] {
            keyQueued_ = false;
            fit();
        });
    }
}

QString FigureChart::title() const
{
    if (!chart()) return {};
    const QString shown = chart()->title();
    return shown == property("minimaShownTitle").toString() ? property("minimaTitle").toString() : shown;
}

FigureKey* FigureChart::key()
{
    if (!key_) {
        key_ = new FigureKey(parentWidget());
        if (chart()) {
            // The legend stays "visible" (its markers report their own visibility only while it
            // is) but takes no room and is never seen: the key shows its entries instead.
            QLegend* legend = chart()->legend();
            legend->detachFromChart();
            legend->setOpacity(0);
            legend->setAcceptedMouseButtons(Qt::NoButton);
            legend->setGeometry(QRectF(0, 0, 1, 1));
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
    QTimer::singleShot(1, Qt::PreciseTimer, this, [this] {
        fitQueued_ = false;
        fit();
    });
}

namespace {

// The lines `text` breaks into at `width` pixels in `font`, and the widest of them.
std::pair<int, double> wrapExtent(const QString& text, const QFont& font, double width)
{
    const QFontMetricsF fm(font);
    int lines = 1;
    double widest = 0, line = 0;
    for (const QString& w : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const double ww = fm.horizontalAdvance(w), space = fm.horizontalAdvance(QLatin1Char(' '));
        if (line > 0 && line + space + ww > width) {
            ++lines;
            widest = std::max(widest, line);
            line = ww;
        } else {
            line += (line > 0 ? space : 0) + ww;
        }
    }
    return {lines, std::max(widest, line)};
}

} // namespace

QFont fittingFont(QObject* owner, const QFont& current, const QString& text, double width, int maxLines, bool fewestLines)
{
    // The style's size, remembered: the chart holds the reduced one after a fit, until a restyle.
    if (current.pointSizeF() != owner->property("minimaFittedPt").toDouble()) owner->setProperty("minimaStylePt", current.pointSizeF());
    QFont font = current;
    const double style = owner->property("minimaStylePt").toDouble();
    if (style <= 0 || text.isEmpty() || Qt::mightBeRichText(text)) return current;
    // Largest size first; with fewestLines, one line at any size before two lines.
    bool found = false;
    for (int allowed = fewestLines ? 1 : maxLines; allowed <= maxLines && !found; ++allowed) {
        for (double scale = 1.0; scale > 0.66; scale -= 0.1) {
            font.setPointSizeF(style * scale);
            const auto [lines, widest] = wrapExtent(text, font, width);
            if (lines <= allowed && widest <= width) {
                found = true;
                break;
            }
        }
    }
    owner->setProperty("minimaFittedPt", font.pointSizeF());
    return font;
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
    // The last tick label of a bottom axis is centred on the plot's right edge: leave half of it
    // as margin, or Qt clips it ("200" for "2000").
    {
        double half = 0;
        for (QAbstractAxis* axis : c->axes(Qt::Horizontal)) {
            if (!axis->labelsVisible() || axis->alignment() != Qt::AlignBottom) continue;
            const QFontMetricsF fm(axis->labelsFont());
            QString last;
            if (auto* cat = qobject_cast<QCategoryAxis*>(axis)) last = cat->categoriesLabels().value(cat->count() - 1);
            else if (auto* v = qobject_cast<QValueAxis*>(axis)) last = QString::number(v->max(), 'g', 6);   // about as wide as its label
            else if (auto* l = qobject_cast<QLogValueAxis*>(axis)) last = powerOfTen(int(std::lround(std::log10(std::max(l->max(), 1e-300)))));
            half = std::max(half, fm.horizontalAdvance(last) / 2.0);
        }
        QMargins m = c->margins();
        const int right = std::max(6, int(std::ceil(half)) + 2);
        if (m.right() != right) {
            m.setRight(right);
            c->setMargins(m);
        }
    }
    // Titles: wrapped rather than elided. The title a lab set is kept in a property, since
    // the chart then holds the wrapped form.
    // The title's line is the chart's width less its margins (and a little for the text margin).
    const double titleWidth = std::max(40.0, c->size().width() - c->margins().left() - c->margins().right() - 24.0);
    {
        const QString shown = c->title();
        if (shown != property("minimaShownTitle").toString()) setProperty("minimaTitle", shown);
        const QString logical = property("minimaTitle").toString();
        const QFont font = fittingFont(this, c->titleFont(), logical, titleWidth, 2);
        if (font != c->titleFont()) c->setTitleFont(font);
        const QString wrapped = Qt::mightBeRichText(logical) ? logical : wrappedTitle(logical, font, titleWidth);
        if (wrapped != shown) c->setTitle(wrapped);
        setProperty("minimaShownTitle", c->title());
    }
    for (QAbstractAxis* axis : c->axes()) {
        const QString shown = axis->titleText();
        if (shown != axis->property("minimaShownTitle").toString()) axis->setProperty("minimaTitle", shown);
        const QString logical = axis->property("minimaTitle").toString();
        // Qt measures the title as a text document, with its margins: keep a few pixels spare.
        const double room = (axis->orientation() == Qt::Horizontal ? plot.width() : plot.height()) - 20.0;
        if (room <= 0) continue;
        // An axis title has little room across the axis: a smaller font on one line before two.
        const QFont font = fittingFont(axis, axis->titleFont(), logical, room, 2, true);
        if (font != axis->titleFont()) axis->setTitleFont(font);
        const QString wrapped = Qt::mightBeRichText(logical) ? logical : wrappedTitle(logical, font, room);
        if (wrapped != shown) axis->setTitleText(wrapped);
        axis->setProperty("minimaShownTitle", axis->titleText());
    }
    fitLogAxes();
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
        if (!grabWithSurfaces(figure).save(path, "PNG")) {
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
        paintSurfaces(&painter, figure);   // an OpenGL window renders blank
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
        paintSurfaces(&painter, figure);   // an OpenGL window renders blank
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
