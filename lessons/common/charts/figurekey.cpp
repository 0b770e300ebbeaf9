#include "lessons/common/charts/figurekey.h"

#include <QResizeEvent>

#include <algorithm>

#include <QXYSeries>

#include <QChart>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QPainter>
#include <QPixmap>
#include <QTimer>
#include <QPointer>
#include <QScatterSeries>
#include <QXYSeries>

#include "lessons/common/flowlayout.h"

namespace minima {

namespace {

bool drawsLine(QLegendMarker* marker)
{
    const QAbstractSeries* s = marker->series();
    return s && (s->type() == QAbstractSeries::SeriesTypeLine || s->type() == QAbstractSeries::SeriesTypeSpline);
}

QPen linePen(QLegendMarker* marker)
{
    if (auto* xy = qobject_cast<const QXYSeries*>(marker->series())) return xy->pen();
    return marker->pen();
}

QPixmap swatch(QLegendMarker* marker, int height, qreal dpr)
{
    const int w = int(height * 1.6);
    QPixmap pm(QSize(w, height) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    if (drawsLine(marker)) {
        // A line series' own pen: its legend marker's pen stays the default black.
        QPen pen = linePen(marker);
        pen.setWidthF(std::max<qreal>(2.0, pen.widthF()));
        pen.setCapStyle(Qt::FlatCap);
        p.setPen(pen);
        p.drawLine(QPointF(1, height / 2.0), QPointF(w - 1, height / 2.0));
    } else {
        p.setPen(marker->pen());
        p.setBrush(marker->brush());
        const qreal r = height * 0.32;
        const QPointF c(w / 2.0, height / 2.0);
        // A scatter series' key shows the shape of its markers.
        const auto* scatter = qobject_cast<const QScatterSeries*>(marker->series());
        const bool square = scatter ? scatter->markerShape() == QScatterSeries::MarkerShapeRectangle
                                    : marker->shape() == QLegend::MarkerShapeRectangle || marker->shape() == QLegend::MarkerShapeDefault;
        if (square)
            p.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
        else
            p.drawEllipse(c, r, r);
    }
    return pm;
}

bool shown(QLegendMarker* m)
{
    return m->isVisible() && !m->label().isEmpty() && !(m->series() && !m->series()->isVisible());
}

// What an entry's swatch depends on.
QString swatchSignature(QLegendMarker* m)
{
    const QPen pen = drawsLine(m) ? linePen(m) : m->pen();
    return pen.color().name(QColor::HexArgb) + m->brush().color().name(QColor::HexArgb) + QString::number(int(m->shape()))
           + QString::number(pen.style()) + QLatin1Char(' ') + QString::number(pen.widthF());
}

QString signatureOf(const QChart* chart)
{
    QString sig;
    for (QLegendMarker* m : chart->legend()->markers())
        if (shown(m)) sig += m->label() + QLatin1Char('\x1f') + swatchSignature(m) + QLatin1Char('\x1e');
    return sig;
}

} // namespace

FigureKey::FigureKey(QWidget* parent) : QWidget(parent), flow_(new FlowLayout(this))
{
    setObjectName(QStringLiteral("figureKey"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
}

void FigureKey::follow(QChart* chart)
{
    if (!chart) return;
    const QString sig = signatureOf(chart);
    if (sig == signature_) return;
    QList<QLegendMarker*> markers;
    for (QLegendMarker* m : chart->legend()->markers())
        if (shown(m)) markers.append(m);
    // Qt's legend hides every marker for a moment when a series is added, until its layout
    // runs: an empty key right after a full one is checked again a turn later, so the entries
    // are not all removed and built again for every result that adds a curve.
    if (markers.isEmpty() && flow_->count() > 0 && !emptyChecked_) {
        emptyChecked_ = true;
        QTimer::singleShot(1, this, [this, chart = QPointer<QChart>(chart)] {
            if (chart) follow(chart);
            emptyChecked_ = false;
        });
        return;
    }
    signature_ = sig;
    const int h = fontMetrics().height();
    const int had = flow_->count();
    // The entries there are keep their widgets and change in place (a result renames or
    // recolours them); only the ones more or fewer are built or removed. A key built anew
    // for every result made the chart above it jump while its new entries were laid out.
    while (flow_->count() > markers.size()) {
        QLayoutItem* item = flow_->takeAt(flow_->count() - 1);
        delete item->widget();
        delete item;
    }
    for (qsizetype i = flow_->count(); i < markers.size(); ++i) {
        auto* entry = new QWidget(this);
        entry->setObjectName(QStringLiteral("keyEntry"));
        auto* row = new QHBoxLayout(entry);
        row->setContentsMargins(0, 0, 0, 0);
        row->setSpacing(4);
        auto* icon = new QLabel(entry);
        icon->setObjectName(QStringLiteral("keySwatch"));
        auto* name = new QLabel(entry);
        name->setObjectName(QStringLiteral("keyName"));
        name->setTextFormat(Qt::PlainText);   // series names can quote what a learner typed
        row->addWidget(icon);
        row->addWidget(name);
        flow_->addWidget(entry);
        if (isVisible()) entry->show();   // laid out with the others now, not a turn later
    }
    for (int i = 0; i < flow_->count(); ++i) {
        QWidget* entry = flow_->itemAt(i)->widget();
        auto* icon = entry ? entry->findChild<QLabel*>(QStringLiteral("keySwatch")) : nullptr;
        auto* name = entry ? entry->findChild<QLabel*>(QStringLiteral("keyName")) : nullptr;
        if (!icon || !name) continue;
        const QString swatchSig = swatchSignature(markers[i]) + QLatin1Char(' ') + QString::number(h);
        if (icon->property("minimaSwatch").toString() != swatchSig) {
            icon->setPixmap(swatch(markers[i], h, devicePixelRatioF()));
            icon->setProperty("minimaSwatch", swatchSig);
        }
        if (name->text() != markers[i]->label()) name->setText(markers[i]->label());
        if (entry->accessibleName() != markers[i]->label()) entry->setAccessibleName(markers[i]->label());
    }
    if (isVisible() != (flow_->count() > 0)) setVisible(flow_->count() > 0);
    if (had != flow_->count()) updateGeometry();
    keepWrappedHeight();
}

QStringList FigureKey::entries() const
{
    QStringList out;
    for (const QLabel* l : findChildren<QLabel*>(QStringLiteral("keyName"))) out << l->text();
    return out;
}

void FigureKey::keepWrappedHeight()
{
    if (width() <= 0) return;
    int height = flow_->heightForWidth(width());
    // At an unchanged width the key keeps the tallest height it has had: a result with fewer
    // entries leaves the chart above it the size it was (laying a chart out again costs more
    // than a frame, and a chart that grows and shrinks with every result is hard to watch).
    if (width() == steadyWidth_) height = std::max(height, minimumHeight());
    steadyWidth_ = width();
    if (height > 0 && minimumHeight() != height) setMinimumHeight(height);
}

void FigureKey::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    keepWrappedHeight();
}

bool FigureKey::event(QEvent* event)
{
    const bool done = QWidget::event(event);
    // New entries, or a font change, rewrap the same width.
    if (event->type() == QEvent::LayoutRequest || event->type() == QEvent::FontChange) keepWrappedHeight();
    return done;
}

} // namespace minima
