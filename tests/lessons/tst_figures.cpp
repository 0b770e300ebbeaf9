// The figure plumbing every lab shares: number formats, nice ranges, charts that fit their
// size (ticks, wrapped titles, power-of-ten log labels), the wrapping key, the control kit,
// the Lab contract and the lesson descriptors.
#include <QtTest>

#include <QApplication>
#include <QCategoryAxis>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QLegendMarker>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QPushButton>
#include <QSlider>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSpinBox>
#include <QSemaphore>
#include <QThreadPool>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>
#include <thread>
#include <utility>
#ifdef __linux__
#include <sched.h>
#endif
#include <random>
#include <memory>

#include "common/testbudget.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/figurekey.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/jobstatus.h"
#include "lessons/common/lab.h"
#include "lessons/common/labstate.h"
#include "lessons/common/lesson.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/wrappedlabel.h"
#include "lessons/registry.h"

using namespace minima;

namespace {

// A small lab: y = a·x² over [-1, 1], computed in the job runner.
class ParabolaLab : public Lab {
public:
    explicit ParabolaLab(LessonContext& context) : Lab(context)
    {
        a_ = controls()->addNumber(QStringLiteral("aSpin"), tr("&a:"), -5, 5, 1.0, 2);
        kind_ = controls()->addChoice(QStringLiteral("kindBox"), tr("&Kind:"), {{tr("parabola"), 2}, {tr("quartic"), 4}});
        chart_ = new FigureChart;
        chart_->setObjectName(QStringLiteral("parabolaChart"));
        series_ = new QLineSeries;
        series_->setName(tr("a·x²"));
        chart_->chart()->addSeries(series_);
        x_ = makeValueAxis();
        y_ = makeValueAxis();
        chart_->chart()->addAxis(x_, Qt::AlignBottom);
        chart_->chart()->addAxis(y_, Qt::AlignLeft);
        series_->attachAxis(x_);
        series_->attachAxis(y_);
        addFigure(chart_);
        recompute();
    }
    QLineSeries* series() const { return series_; }
    int runs = 0;
    QString note;

protected:
    void run() override
    {
        ++runs;
        const double a = a_->value();
        const int power = kind_->currentData().toInt();
        runJob<QList<QPointF>>(
            tr("Computing…"),
            [a, power](Progress&) {
                QList<QPointF> pts;
                for (int i = -20; i <= 20; ++i) pts << QPointF(i / 20.0, a * std::pow(i / 20.0, power));
                return pts;
            },
            [this, a](const QList<QPointF>& pts) {
                series_->replace(pts);
                setNiceRange(x_, -1, 1);
                setNiceRange(y_, std::min(0.0, a), std::max(0.0, a));
                setReadout(tr("a = %1").arg(formatNumber(a)));
            });
    }
    QVariantMap saveExtraState() const override { return note.isEmpty() ? QVariantMap{} : QVariantMap{{QStringLiteral("note"), note}}; }
    void restoreExtraState(const QVariantMap& m) override { note = m.value(QStringLiteral("note")).toString(); }

private:
    QDoubleSpinBox* a_;
    QComboBox* kind_;
    FigureChart* chart_;
    QLineSeries* series_;
    QValueAxis* x_;
    QValueAxis* y_;
};

// Two charts added with addFigure() (which the lab may place side by side), or a chart and
// a table-like widget added with addFigureWidget() (which keep the lab's own order).
class PairLab : public Lab {
public:
    PairLab(LessonContext& context, bool chartsOnly) : Lab(context)
    {
        for (int i = 0; i < 2; ++i) {
            charts[i] = new FigureChart;
            charts[i]->setObjectName(QStringLiteral("pair%1").arg(i));
            auto* s = new QLineSeries;
            s->setName(QStringLiteral("a long series name %1 that wraps in a narrow key").arg(i));
            s->append(0, 0);
            s->append(1, i + 1);
            auto* s2 = new QLineSeries;
            s2->setName(QStringLiteral("another long series name %1 for a second entry").arg(i));
            s2->append(0, 1);
            s2->append(1, 0);
            charts[i]->chart()->addSeries(s);
            charts[i]->chart()->addSeries(s2);
            charts[i]->chart()->createDefaultAxes();
        }
        addFigure(charts[0]);
        if (chartsOnly) {
            addFigure(charts[1]);
        } else {
            auto* table = new QLabel(QStringLiteral("a table"));
            addFigureWidget(table, 0);
            addFigure(charts[1]);
        }
        recompute();
    }
    FigureChart* charts[2] = {nullptr, nullptr};
    void showSentence(const QString& text) { setReadout(text); }

protected:
    void run() override
    {
        runJob<int>(QStringLiteral("…"), [](Progress&) { return 1; }, [this](const int&) { setReadout(QStringLiteral("done")); });
    }
};

// Two charts, the second drawn a turn after the first (Lab::showNext()); each result is its
// number n, drawn as n points. `log` records what was drawn, in order.
class StagedLab : public Lab {
public:
    explicit StagedLab(LessonContext& context) : Lab(context)
    {
        for (int i = 0; i < 2; ++i) {
            charts[i] = new FigureChart;
            series[i] = new QLineSeries;
            series[i]->setName(QStringLiteral("part %1").arg(i + 1));
            charts[i]->chart()->addSeries(series[i]);
            charts[i]->chart()->createDefaultAxes();
            addFigure(charts[i]);
        }
        connect(this, &Lab::resultShown, this, [this] { log << QStringLiteral("shown %1").arg(series[1]->count()); });
        recompute();
    }
    void show(int n)
    {
        next_ = n;
        recompute();
    }
    FigureChart* charts[2] = {nullptr, nullptr};
    QLineSeries* series[2] = {nullptr, nullptr};
    QStringList log;

protected:
    void run() override
    {
        const int n = next_;
        runJob<int>(QStringLiteral("…"), [n](Progress&) { return n; }, [this](const int& r) {
            series[0]->replace(points(r));
            log << QStringLiteral("first %1").arg(r);
            showNext([this, r] {
                series[1]->replace(points(r));
                log << QStringLiteral("second %1").arg(r);
            });
        });
    }

private:
    static QList<QPointF> points(int n)
    {
        QList<QPointF> out;
        for (int i = 0; i < n; ++i) out << QPointF(i, i);
        return out;
    }
    int next_ = 3;
};

// Shows `lab` at `size`; true once its window is exposed.
bool shown(QWidget& lab, QSize size)
{
    lab.resize(size);
    lab.show();
    return QTest::qWaitForWindowExposed(&lab);
}

// Every text item of the chart's scene that ends in Qt's elision mark.
QStringList elidedTexts(QChart* chart)
{
    QStringList out;
    for (QGraphicsItem* item : chart->scene()->items()) {
        QString text;
        if (auto* t = dynamic_cast<QGraphicsTextItem*>(item)) text = t->toPlainText();
        else if (auto* s = dynamic_cast<QGraphicsSimpleTextItem*>(item)) text = s->text();
        if (item->isVisible() && item->effectiveOpacity() > 0 && (text.endsWith(QLatin1String("...")) || text.endsWith(QChar(0x2026)))) out << text;
    }
    return out;
}

} // namespace

class TestFigures : public QObject {
    Q_OBJECT
private slots:
    void numbers_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<int>("digits");
        QTest::addColumn<QString>("text");
        QTest::newRow("hundred") << 100.0 << 3 << QStringLiteral("100");
        QTest::newRow("power of ten") << 1e-5 << 3 << QStringLiteral("10⁻⁵");
        QTest::newRow("three digits") << 0.01148451363 << 3 << QStringLiteral("0.0115");
        QTest::newRow("true minus") << -2.0 << 3 << QStringLiteral("−2");
        QTest::newRow("mantissa") << 3.1e-5 << 3 << QStringLiteral("3.1·10⁻⁵");
        QTest::newRow("carries a decade") << 9.996 << 3 << QStringLiteral("10");
        QTest::newRow("large") << 123456.0 << 3 << QStringLiteral("1.23·10⁵");
        QTest::newRow("big integer") << 3715891200.0 << 4 << QStringLiteral("3.716·10⁹");
        QTest::newRow("zero") << 0.0 << 3 << QStringLiteral("0");
        QTest::newRow("ln 2") << std::log(2.0) << 3 << QStringLiteral("0.693");
        QTest::newRow("not a number") << std::nan("") << 3 << QStringLiteral("not a number");
    }
    void numbers()
    {
        QFETCH(double, x);
        QFETCH(int, digits);
        QFETCH(QString, text);
        QCOMPARE(formatNumber(x, digits), text);
    }

    void ticksAndPoints()
    {
        QCOMPARE(formatTick(0.25, 0.25), QStringLiteral("0.25"));
        QCOMPARE(formatTick(-0.5, 0.5), QStringLiteral("−0.5"));
        QCOMPARE(formatTick(2e-17, 0.2), QStringLiteral("0"));
        QCOMPARE(formatTick(1e-6, 1e-6), QStringLiteral("10⁻⁶"));
        QCOMPARE(formatTick(200000, 100000), QStringLiteral("2·10⁵"));
        QCOMPARE(formatPoint(-2.805118, 3.131312), QStringLiteral("(−2.81, 3.13)"));
        QCOMPARE(formatFixed(-0.0001, 2), QStringLiteral("0"));
        QCOMPARE(decimalsForStep(0.25), 2);
        QCOMPARE(decimalsForStep(5), 0);
    }

    void niceRanges_data()
    {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::addColumn<int>("maxTicks");
        QTest::addColumn<double>("from");
        QTest::addColumn<double>("to");
        QTest::addColumn<double>("step");
        QTest::newRow("unit") << 0.0 << 0.97 << 6 << 0.0 << 1.0 << 0.2;
        QTest::newRow("symmetric") << -3.2 << 3.2 << 5 << -4.0 << 4.0 << 2.0;
        QTest::newRow("two ticks") << 0.0 << 1000.0 << 2 << 0.0 << 1000.0 << 1000.0;
        QTest::newRow("degenerate") << 2.0 << 2.0 << 5 << 1.5 << 2.5 << 0.25;
        QTest::newRow("reversed") << 5.0 << 0.0 << 6 << 0.0 << 5.0 << 1.0;
    }
    void niceRanges()
    {
        QFETCH(double, lo);
        QFETCH(double, hi);
        QFETCH(int, maxTicks);
        const NiceTicks t = niceTicks(lo, hi, maxTicks);
        QTEST(t.from, "from");
        QTEST(t.to, "to");
        QTEST(t.step, "step");
        QVERIFY(int(t.values().size()) <= maxTicks);
        QVERIFY(t.from <= std::min(lo, hi) && t.to >= std::max(lo, hi));
    }

    // A value axis made by makeValueAxis() carries Minima's own labels, and its tick count
    // follows the chart's width.
    void valueAxisFitsItsWidth()
    {
        FigureChart view;
        auto* series = new QLineSeries;
        series->append(0, 0);
        series->append(100000, 1);
        view.chart()->addSeries(series);
        QValueAxis* x = makeValueAxis();
        view.chart()->addAxis(x, Qt::AlignBottom);
        series->attachAxis(x);
        setNiceRange(x, 0, 100000, 11);
        auto* cat = qobject_cast<QCategoryAxis*>(x);
        QVERIFY(cat);
        QVERIFY(cat->categoriesLabels().contains(QStringLiteral("10⁵")));
        view.resize(900, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(!x->labelsTruncated());
        const qsizetype wide = cat->categoriesLabels().size();
        view.resize(280, 300);
        QTRY_VERIFY(cat->categoriesLabels().size() < wide);
        QTRY_VERIFY(!x->labelsTruncated());
        for (const QString& l : cat->categoriesLabels()) QVERIFY2(!l.contains(QLatin1Char('e')), qPrintable(l));
    }

    // Ten decades on a short log axis: labels every few decades, written as powers of ten,
    // none truncated.
    void logAxisLabelsArePowersOfTen()
    {
        FigureChart view;
        auto* series = new QLineSeries;
        for (int i = 0; i <= 10; ++i) series->append(i, std::pow(10.0, -i));
        view.chart()->addSeries(series);
        auto* x = new QValueAxis;
        auto* y = new QLogValueAxis;
        view.chart()->addAxis(x, Qt::AlignBottom);
        view.chart()->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
        setLogRange(y, 1e-10, 1);
        view.resize(400, 160);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto powers = [&] {
            QStringList out;
            for (QGraphicsItem* item : view.chart()->childItems())
                if (auto* s = dynamic_cast<QGraphicsSimpleTextItem*>(item); s && s->isVisible()) out << s->text();
            return out;
        };
        QTRY_VERIFY(!powers().isEmpty());
        QTRY_VERIFY(!y->labelsTruncated());
        // Labels every k decades, anchored at 1, down to 10⁻¹⁰ or below.
        const QStringList shown = powers();
        QVERIFY2(shown.contains(QStringLiteral("1")), qPrintable(shown.join(',')));
        QVERIFY2(shown.first().startsWith(QStringLiteral("10⁻")) && shown.first().size() >= 5, qPrintable(shown.join(',')));
        QVERIFY2(powers().size() < 11, "a label per decade does not fit 160 pixels");
        QCOMPARE(y->labelsBrush().color().alpha(), 0);   // Qt's own labels keep their room unseen
        view.resize(400, 900);
        QTRY_COMPARE(powers().size(), 11);
    }

    // A title too long for the chart wraps; nothing in the scene is elided.
    void longTitlesWrap()
    {
        FigureChart view;
        auto* series = new QLineSeries;
        series->append(0, 0);
        series->append(1, 1);
        view.chart()->addSeries(series);
        view.chart()->createDefaultAxes();
        const QString title = QStringLiteral("Training loss of sigmoid networks, one curve per depth, after many epochs");
        view.chart()->setTitle(title);
        view.chart()->axes(Qt::Vertical).first()->setTitleText(QStringLiteral("loss (cross-entropy, log scale)"));
        view.resize(300, 340);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(view.chart()->title().contains(QLatin1String("<br>")));
        QTRY_VERIFY2(elidedTexts(view.chart()).isEmpty(), qPrintable(elidedTexts(view.chart()).join('|')));
        view.resize(1400, 600);
        QTRY_COMPARE(view.chart()->title(), title);   // back on one line when it fits
    }

    // A map's axes keep its domain exactly; only the ticks inside it follow the axis's length.
    void exactRangeKeepsTheDomain()
    {
        QValueAxis plain;
        setExactRange(&plain, -5, 5, 11);
        QCOMPARE(plain.min(), -5.0);
        QCOMPARE(plain.max(), 5.0);
        QCOMPARE(plain.tickInterval(), 1.0);
        QVERIFY(refitAxis(&plain, 150, 30));   // room for 3 or 4 labels
        QCOMPARE(plain.min(), -5.0);
        QCOMPARE(plain.max(), 5.0);
        QVERIFY2(plain.tickInterval() >= 2.5, qPrintable(QString::number(plain.tickInterval())));
        // setNiceRange() widens a range to multiples of its step; setExactRange() does not.
        QValueAxis nice, exact;
        setNiceRange(&nice, -4.5, 4.5, 6);
        QVERIFY(nice.max() - nice.min() > 9.0);
        setExactRange(&exact, -4.5, 4.5, 6);
        QCOMPARE(exact.min(), -4.5);
        QCOMPARE(exact.max(), 4.5);

        std::unique_ptr<QValueAxis> labelled(makeValueAxis());
        setExactRange(labelled.get(), -1.5, 2.5, 11);
        auto* cat = static_cast<QCategoryAxis*>(labelled.get());
        QCOMPARE(cat->min(), -1.5);
        QCOMPARE(cat->max(), 2.5);
        QVERIFY(cat->count() >= 4);
        for (const QString& l : cat->categoriesLabels()) {
            const double v = cat->endValue(l);
            QVERIFY2(v >= -1.5 && v <= 2.5, qPrintable(l));
        }
    }

    // An exact range counts only the ticks inside it: [-0.013, 0.258] with room for 3 ticks
    // gets 0, 0.1 and 0.2, not the step 0.5 of the widened range [-0.5, 0.5] with a lone 0 inside
    // (the index axis of the critical-points lab, side by side at 1366x768).
    void exactRangeTicksCountInside_data()
    {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::addColumn<int>("maxTicks");
        QTest::addColumn<double>("step");
        QTest::newRow("index axis") << -0.013 << 0.258 << 3 << 0.1;
        QTest::newRow("map domain") << -5.0 << 5.0 << 11 << 1.0;
        QTest::newRow("three on a map") << -5.0 << 5.0 << 3 << 5.0;
        QTest::newRow("off zero") << 0.07 << 0.93 << 4 << 0.25;
        QTest::newRow("wide") << -1.5 << 2.5 << 6 << 1.0;
    }
    void exactRangeTicksCountInside()
    {
        QFETCH(double, lo);
        QFETCH(double, hi);
        QFETCH(int, maxTicks);
        const NiceTicks t = niceTicksInside(lo, hi, maxTicks);
        QCOMPARE(t.from, lo);
        QCOMPARE(t.to, hi);
        QTEST(t.step, "step");
        int inside = 0;
        for (long long i = std::llround(std::ceil(lo / t.step)); double(i) * t.step <= hi; ++i) ++inside;
        QVERIFY2(inside >= 2 && inside <= maxTicks, qPrintable(QString::number(inside)));

        QValueAxis axis;
        setExactRange(&axis, lo, hi, maxTicks);
        QCOMPARE(axis.tickInterval(), t.step);
        QCOMPARE(axis.min(), lo);
        QCOMPARE(axis.max(), hi);
    }

    // An axis title takes a smaller font on one line before it wraps onto two.
    void axisTitlesPreferOneLine()
    {
        QObject owner;
        QFont font;
        font.setPointSizeF(14);
        const QString text = QStringLiteral("step (learning rate 0.05)");
        const double full = QFontMetricsF(font).horizontalAdvance(text);
        const double room = full * 0.85;
        const QFont one = fittingFont(&owner, font, text, room, 2, true);
        QVERIFY(one.pointSizeF() < 14);
        QVERIFY(QFontMetricsF(one).horizontalAdvance(text) <= room);
        QObject other;
        const QFont two = fittingFont(&other, font, text, room, 2);
        QCOMPARE(two.pointSizeF(), 14.0);   // a title keeps its size and wraps
    }

    // A chart's minimum grows with the text, so large text never squeezes its labels.
    void chartMinimumFollowsTheFont()
    {
        const QFont original = QApplication::font();
        FigureChart view;
        const QSize before = view.minimumSize();
        QVERIFY(before.width() > 150 && before.height() > 120);
        QFont larger = original;
        larger.setPointSizeF(original.pointSizeF() * 1.5);
        QApplication::setFont(larger);
        QTRY_VERIFY(view.minimumSize().height() > before.height() * 1.3);
        QVERIFY(view.minimumSize().width() > before.width() * 1.3);
        QApplication::setFont(original);
        QTRY_COMPARE(view.minimumSize(), before);
    }

    // Two charts side by side in a wide, short lab and stacked in a tall one; a lab that added a
    // table keeps its order. Short of room, the lab scrolls: no chart is squeezed below its
    // minimum, and every key entry stays inside its key.
    void figuresArrangeAndScroll()
    {
        QThreadPool pool;
        LessonContext context(nullptr, nullptr, &pool);
        PairLab lab(context, true);
        QVERIFY(shown(lab, QSize(1300, 420)));
        QTRY_VERIFY(lab.figuresSideBySide());
        QTRY_VERIFY(lab.charts[0]->mapTo(&lab, QPoint()).x() + lab.charts[0]->width() <= lab.charts[1]->mapTo(&lab, QPoint()).x());
        // A series added beside another chart (the key keeps its width, gains a row): the key
        // grows within its cell instead of being clipped by it.
        FigureKey* grown = lab.charts[0]->key();
        const int rows = grown->height();
        for (int i = 0; i < 3; ++i) {
            auto* more = new QLineSeries;
            more->setName(QStringLiteral("one more series with a long name, number %1").arg(i));
            more->append(0, 0.5);
            lab.charts[0]->chart()->addSeries(more);
        }
        lab.charts[0]->viewport()->update();
        QTRY_COMPARE(grown->entries().size(), 5);
        QTRY_VERIFY(grown->height() > rows);
        QTRY_VERIFY(grown->parentWidget()->rect().contains(grown->geometry()));
        // Once the key's new rows are laid out, every entry is inside it.
        const auto entriesInside = [grown] {
            for (QWidget* e : grown->findChildren<QWidget*>(QStringLiteral("keyEntry")))
                if (!grown->rect().adjusted(-1, -1, 1, 1).contains(QRect(e->mapTo(grown, QPoint()), e->size()))) return false;
            return true;
        };
        QTRY_VERIFY(entriesInside());
        lab.resize(700, 1000);
        QTRY_VERIFY(!lab.figuresSideBySide());
        QTRY_VERIFY(lab.charts[0]->mapTo(&lab, QPoint()).y() + lab.charts[0]->height() <= lab.charts[1]->mapTo(&lab, QPoint()).y());

        PairLab mixed(context, false);
        mixed.resize(1300, 420);
        mixed.show();
        QVERIFY(QTest::qWaitForWindowExposed(&mixed));
        QTest::qWait(50);
        QVERIFY(!mixed.figuresSideBySide());

        // Too short for both charts: the content scrolls and the charts keep their size.
        lab.resize(420, 300);
        auto* scroll = lab.findChild<QScrollArea*>(QStringLiteral("labScroll"));
        QVERIFY(scroll);
        QTRY_VERIFY(scroll->verticalScrollBar()->isVisible());
        QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
        for (FigureChart* c : lab.charts) QVERIFY(c->height() >= c->minimumHeight());
        QApplication::processEvents();
        for (FigureChart* c : lab.charts) {
            FigureKey* key = c->key();
            const QList<QWidget*> entries = key->findChildren<QWidget*>(QStringLiteral("keyEntry"));
            QVERIFY(entries.size() >= 2);
            for (QWidget* e : entries)
                QVERIFY2(key->rect().adjusted(-1, -1, 1, 1).contains(QRect(e->mapTo(key, QPoint()), e->size())),
                         qPrintable(e->accessibleName()));
        }
    }

    void readoutKeepsItsHeightAndKeyItsEntries()
    {
        QThreadPool pool;
        LessonContext context(nullptr, nullptr, &pool);
        PairLab lab(context, true);
        QVERIFY(shown(lab, QSize(700, 900)));
        QTRY_VERIFY(lab.job() && !lab.job()->isRunning());
        auto* message = lab.findChild<QLabel*>(QStringLiteral("statusMessage"));
        QVERIFY(message);
        const QString longSentence = QStringLiteral("a sentence long enough to wrap onto three lines or more at this width, ").repeated(4);
        lab.showSentence(longSentence);
        QTRY_VERIFY(message->height() >= 3 * message->fontMetrics().height());
        const int tall = message->height();
        const int chartHeight = lab.charts[0]->height();
        // A new result with a shorter sentence at the same width: the readout and the figures
        // above it stay put.
        lab.recompute();
        QTRY_COMPARE(message->text(), QStringLiteral("done"));
        QTRY_VERIFY(!lab.job()->isRunning());
        QTest::qWait(30);
        QCOMPARE(message->height(), tall);
        QCOMPARE(lab.charts[0]->height(), chartHeight);
        // A new width starts afresh: the sentence takes its own height.
        const int oldWidth = message->width();
        lab.resize(760, 900);
        QTRY_VERIFY(message->width() != oldWidth);
        lab.showSentence(QStringLiteral("short again"));
        QTRY_VERIFY(message->height() < tall);
        // The first sentence at a new width (the lab laid out again, or shown for the first
        // time) keeps the height the sentence before it is shown at there.
        lab.showSentence(longSentence);
        QTRY_VERIFY(message->height() >= 3 * message->fontMetrics().height());
        lab.resize(700, 900);
        QTRY_COMPARE(message->width(), oldWidth);
        const int shownAt = message->height();
        const int chartBefore = lab.charts[0]->height();
        QVERIFY(shownAt >= 3 * message->fontMetrics().height());
        lab.showSentence(QStringLiteral("short once more"));
        QTest::qWait(30);
        QCOMPARE(message->height(), shownAt);
        QCOMPARE(lab.charts[0]->height(), chartBefore);

        // Entries renamed and recoloured in place: the same widgets, the new names and swatches.
        FigureKey* key = lab.charts[0]->key();
        QTRY_COMPARE(key->entries().size(), 2);
        const QList<QWidget*> before = key->findChildren<QWidget*>(QStringLiteral("keyEntry"));
        auto* first = static_cast<QLineSeries*>(lab.charts[0]->chart()->series().first());
        const QImage oldSwatch = before[0]->findChild<QLabel*>(QStringLiteral("keySwatch"))->pixmap().toImage();
        first->setName(QStringLiteral("renamed"));
        first->setPen(QPen(Qt::red, 2));
        key->follow(lab.charts[0]->chart());
        QCOMPARE(key->findChildren<QWidget*>(QStringLiteral("keyEntry")), before);
        QVERIFY(key->entries().contains(QStringLiteral("renamed")));
        QVERIFY(before[0]->findChild<QLabel*>(QStringLiteral("keySwatch"))->pixmap().toImage() != oldSwatch);
    }

    // A result drawn over two turns: the second part waits for the event loop, the lab counts as
    // busy meanwhile, resultShown() follows the last part, and a newer result never loses the
    // older one's second part.
    void resultDrawnOverTurns()
    {
        QThreadPool pool;
        LessonContext context(nullptr, nullptr, &pool);
        StagedLab lab(context);
        QVERIFY(shown(lab, QSize(700, 700)));
        QTRY_VERIFY_WITH_TIMEOUT(!lab.isBusy() && context.pendingWork() == 0, test::waitMs(5000));
        QCOMPARE(lab.log, (QStringList{QStringLiteral("first 3"), QStringLiteral("second 3"), QStringLiteral("shown 3")}));
        QCOMPARE(lab.series[1]->count(), 3);

        // The second part is not drawn inside the first: a turn of the event loop comes between.
        lab.log.clear();
        bool secondDuringFirst = true;
        const auto probe = connect(lab.series[0], &QXYSeries::pointsReplaced, &lab,
                                   [&] { secondDuringFirst = lab.series[1]->count() == 5; });
        lab.show(5);
        QTRY_VERIFY_WITH_TIMEOUT(!lab.isBusy() && context.pendingWork() == 0, test::waitMs(5000));
        disconnect(probe);
        QVERIFY(!secondDuringFirst);
        QCOMPARE(lab.series[1]->count(), 5);
        QCOMPARE(lab.log.last(), QStringLiteral("shown 5"));

        // A newer result arriving while the second part waits draws that part first. Timers are
        // held back (results come as posted events), so the second part of 7 cannot run on its own.
        lab.log.clear();
        auto untilLogged = [&](const QString& entry) {
            QElapsedTimer clock;
            clock.start();
            while (!lab.log.contains(entry) && clock.elapsed() < test::waitMs(5000))
                QCoreApplication::processEvents(QEventLoop::X11ExcludeTimers | QEventLoop::WaitForMoreEvents);
            return lab.log.contains(entry);
        };
        lab.show(7);
        QVERIFY(untilLogged(QStringLiteral("first 7")));
        QVERIFY(!lab.log.contains(QStringLiteral("second 7")));
        QVERIFY(lab.isBusy());   // the second part is still this result's work
        QVERIFY(context.pendingWork() > 0);
        lab.show(9);
        QVERIFY(untilLogged(QStringLiteral("first 9")));
        QTRY_VERIFY_WITH_TIMEOUT(!lab.isBusy() && context.pendingWork() == 0, test::waitMs(5000));
        const qsizetype second7 = lab.log.indexOf(QStringLiteral("second 7")), first9 = lab.log.indexOf(QStringLiteral("first 9"));
        QVERIFY2(second7 >= 0 && second7 < first9, qPrintable(lab.log.join(QStringLiteral(", "))));
        QCOMPARE(lab.series[0]->count(), 9);
        QCOMPARE(lab.series[1]->count(), 9);
        QCOMPARE(lab.log.last(), QStringLiteral("shown 9"));
    }

    // A wrapped label answers heightForWidth() as QLabel does, and again after its text or font
    // changes; its size hints agree with the height it wraps to.
    void wrappedLabelRemembersItsHeight()
    {
        const QString sentence = QStringLiteral("A sentence of a readout that wraps onto several lines at a narrow width. ").repeated(3);
        WrappedLabel label(sentence);
        label.setTextInteractionFlags(Qt::TextSelectableByMouse);
        QLabel plain(sentence);
        plain.setWordWrap(true);
        plain.setTextInteractionFlags(Qt::TextSelectableByMouse);
        for (int width : {120, 300, 120, 640, 300, 900})
            QCOMPARE(label.heightForWidth(width), plain.heightForWidth(width));
        const int three = label.heightForWidth(300);
        label.setText(sentence.repeated(2));
        QVERIFY(label.heightForWidth(300) > three);
        label.setText(QStringLiteral("short"));
        QCOMPARE(label.heightForWidth(300), label.fontMetrics().lineSpacing());
        label.setText(sentence);
        QCOMPARE(label.heightForWidth(300), three);
        QFont big = label.font();
        big.setPointSizeF(big.pointSizeF() * 2);
        label.setFont(big);
        plain.setFont(big);
        QCOMPARE(label.heightForWidth(300), plain.heightForWidth(300));
        QVERIFY(label.heightForWidth(300) > three);
        const QSize hint = label.sizeHint();
        QCOMPARE(hint.height(), label.heightForWidth(hint.width()));
        QVERIFY(hint.width() <= 80 * label.fontMetrics().averageCharWidth() + 1);
        QVERIFY(label.minimumSizeHint().width() < hint.width());
        QCOMPARE(label.minimumSizeHint().height(), label.fontMetrics().lineSpacing());
    }

    // A series is given points only when they differ: the same points cost no redraw.
    void seriesReplacedOnlyWhenChanged()
    {
        QLineSeries series;
        int replaced = 0;
        connect(&series, &QXYSeries::pointsReplaced, this, [&] { ++replaced; });
        const QList<QPointF> line{{0, 0}, {1, 2}, {2, 1}};
        QVERIFY(replaceIfChanged(&series, line));
        QCOMPARE(replaced, 1);
        QVERIFY(!replaceIfChanged(&series, line));
        QCOMPARE(replaced, 1);
        QVERIFY(replaceIfChanged(&series, {{0, 0}, {1, 3}, {2, 1}}));
        QCOMPARE(replaced, 2);
        QCOMPARE(series.at(1), QPointF(1, 3));
        QVERIFY(replaceIfChanged(&series, {}));
        QCOMPARE(series.count(), 0);
        QVERIFY(!replaceIfChanged(&series, {}));
        QVERIFY(!replaceIfChanged(nullptr, line));
    }

    void thinnedLinesKeepTheirPixels()
    {
        // A random walk of 5,000 steps over 100 pixel columns: per column the same lowest and
        // highest point, the same ends, at most two points a column.
        QList<QPointF> walk;
        std::mt19937 rng(7);
        std::normal_distribution<double> step;
        double y = 0;
        for (int i = 0; i < 5000; ++i) walk.append(QPointF(i, y += step(rng)));
        const double columns = 100;
        const QList<QPointF> thin = thinnedForColumns(walk, 0, 4999, columns);
        QVERIFY2(thin.size() <= 2 * int(columns) + 4, qPrintable(QString::number(thin.size())));
        QVERIFY(thin.size() >= int(columns));
        QCOMPARE(thin.front(), walk.front());
        QCOMPARE(thin.back(), walk.back());
        for (qsizetype i = 1; i < thin.size(); ++i) QVERIFY(thin[i].x() > thin[i - 1].x());   // in the line's order
        const auto column = [&](double x) { return int(std::floor(x * columns / 4999.0)); };
        for (int c = 0; c < int(columns); ++c) {
            double lo = INFINITY, hi = -INFINITY, tlo = INFINITY, thi = -INFINITY;
            for (qsizetype i = 1; i + 1 < walk.size(); ++i)
                if (column(walk[i].x()) == c) {
                    lo = std::min(lo, walk[i].y());
                    hi = std::max(hi, walk[i].y());
                }
            for (qsizetype i = 1; i + 1 < thin.size(); ++i)
                if (column(thin[i].x()) == c) {
                    tlo = std::min(tlo, thin[i].y());
                    thi = std::max(thi, thin[i].y());
                }
            QCOMPARE(tlo, lo);
            QCOMPARE(thi, hi);
        }
        // Short lines, and lines without columns to measure, are left as they are.
        const QList<QPointF> shortLine = walk.mid(0, 150);
        QCOMPARE(thinnedForColumns(shortLine, 0, 149, 100), shortLine);
        QCOMPARE(thinnedForColumns(walk, 0, 4999, 0), walk);
        QCOMPARE(thinnedForColumns(walk, 0, 0, 100), walk);
    }

    void wrappedTitleEscapes()
    {
        QFont f;
        const QString t = wrappedTitle(QStringLiteral("f(x, y) = x <y and something long enough to wrap"), f, 60);
        QVERIFY(t.contains(QLatin1String("&lt;y")));
        QVERIFY(!t.contains(QLatin1String("<y")));
    }

    // The key lists each named series once, follows additions, skips hidden markers, and wraps
    // rather than eliding.
    void keyFollowsTheSeries()
    {
        QThreadPool pool;
        LessonContext context(nullptr, nullptr, &pool);
        ParabolaLab lab(context);
        lab.resize(320, 400);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        FigureChart* chart = lab.figures().value(0);
        QVERIFY(chart && chart->hasKey());
        QCOMPARE(chart->chart()->legend()->opacity(), 0.0);   // the key replaces it
        QTRY_COMPARE(chart->key()->entries(), QStringList{QStringLiteral("a·x²")});
        QVERIFY(chart->key()->isVisible());
        auto* extra = new QLineSeries;
        extra->setName(QStringLiteral("a reference line whose name is far too long for one row of a narrow key"));
        chart->chart()->addSeries(extra);
        QTRY_COMPARE(chart->key()->entries().size(), 2);
        chart->chart()->legend()->markers(extra).first()->setVisible(false);
        chart->viewport()->update();
        QTRY_COMPARE(chart->key()->entries().size(), 1);
    }

    // The Lab contract: the job runner maps its result, the kit's controls recompute after the
    // debounce, and the state round-trips (controls and extra state).
    void labRunsAndRestores()
    {
        QThreadPool pool;
        LessonContext context(nullptr, nullptr, &pool);
        ParabolaLab lab(context);
        QSignalSpy shown(&lab, &Lab::resultShown);
        QVERIFY(shown.wait(test::waitMs(5000)));
        QCOMPARE(lab.series()->count(), 41);
        QCOMPARE(lab.series()->at(40).y(), 1.0);
        QCOMPARE(lab.readout(), QStringLiteral("a = 1"));

        auto* a = qobject_cast<QDoubleSpinBox*>(lab.controls()->control(QStringLiteral("aSpin")));
        QVERIFY(a);
        QCOMPARE(a->accessibleName(), QStringLiteral("a"));
        const int before = lab.runs;
        a->setValue(2);
        a->setValue(3);   // two changes in a row: one recomputation after the pause
        QVERIFY(lab.isBusy());
        QVERIFY(shown.wait(test::waitMs(5000)));
        QCOMPARE(lab.runs, before + 1);
        QCOMPARE(lab.series()->at(40).y(), 3.0);

        lab.note = QStringLiteral("clicked here");
        const LabState saved = captureLabState(QStringLiteral("test"), 0, &lab);
        QCOMPARE(saved.controls.value(QStringLiteral("aSpin")).toDouble(), 3.0);
        QCOMPARE(saved.controls.value(QStringLiteral("kindBox")).toString(), QStringLiteral("parabola"));
        QCOMPARE(saved.extra.value(QStringLiteral("note")).toString(), QStringLiteral("clicked here"));

        ParabolaLab other(context);
        // A result is always delivered from the event loop, never inside the constructor that
        // asked for it, however quick the work.
        QCOMPARE(other.series()->count(), 0);
        QVERIFY(QSignalSpy(&other, &Lab::resultShown).wait(test::waitMs(5000)));
        LabState changed = saved;
        changed.controls[QStringLiteral("kindBox")] = QStringLiteral("quartic");
        changed.controls[QStringLiteral("unknown")] = 7;
        QSignalSpy otherShown(&other, &Lab::resultShown);
        restoreLabState(&other, changed);
        QVERIFY(otherShown.wait(test::waitMs(5000)));
        QCOMPARE(other.note, QStringLiteral("clicked here"));
        QCOMPARE(other.series()->at(30).y(), 3.0 * std::pow(0.5, 4));
    }

    // Slider text, toggles and actions of the kit.
    void controlKit()
    {
        ControlStrip strip;
        QSignalSpy changed(&strip, &ControlStrip::changed);
        QSlider* s = strip.addSlider(QStringLiteral("batchSlider"), QStringLiteral("&Batch:"), 0, 8, 3,
                                     [](int v) { return QStringLiteral("%1 samples").arg(1 << v); });
        QCheckBox* t = strip.addToggle(QStringLiteral("nesterovBox"), QStringLiteral("&Nesterov"), false);
        QPushButton* go = strip.addAction(QStringLiteral("runButton"), QStringLiteral("&Run"));
        QCOMPARE(strip.findChild<QLabel*>(QStringLiteral("batchSliderValue"))->text(), QStringLiteral("8 samples"));
        s->setValue(5);
        QCOMPARE(strip.findChild<QLabel*>(QStringLiteral("batchSliderValue"))->text(), QStringLiteral("32 samples"));
        t->setChecked(true);
        go->click();
        QCOMPARE(changed.count(), 2);   // the action is not state
        strip.setRecomputes(QStringLiteral("nesterovBox"), false);
        t->setChecked(false);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(strip.values().value(QStringLiteral("batchSlider")).toInt(), 5);
        QVERIFY(!strip.values().contains(QStringLiteral("runButton")));
        QCOMPARE(strip.setValues({{QStringLiteral("batchSlider"), 1}, {QStringLiteral("nesterovBox"), true}}), 2);
        QCOMPARE(s->value(), 1);
        QVERIFY(t->isChecked());
    }

    // Every shipped lab is a Lab, and every lab's text is in the build.
    void everyLabTextShips()
    {
        int labs = 0;
        for (const auto& lesson : shippedLessons()) {
            auto* described = dynamic_cast<const DescribedLesson*>(lesson.get());
            QVERIFY2(described, qPrintable(lesson->id()));
            const LessonDescriptor d = described->describe();
            QCOMPARE(d.id, lesson->id());
            QStringList ids;
            for (const LabDescriptor& lab : d.labs) {
                const QString resource = DescribedLesson::textResource(d.id, lab.textFile);
                QVERIFY2(QFile::exists(resource), qPrintable(resource));
                QVERIFY2(!ids.contains(lab.id), qPrintable(lab.id));
                ids << lab.id;
                ++labs;
            }
        }
        QVERIFY(labs >= 17);
    }

    // A job's progress bar shows for long work only (no flicker for quick figures).
    void progressShowsForLongWork()
    {
        QThreadPool pool;
        LessonContext context(nullptr, nullptr, &pool);
        FigureJob job(context);
        JobStatus status;
        status.follow(&job);
        status.show();
        auto* bar = status.findChild<QProgressBar*>();
        QVERIFY(bar);
        std::atomic<bool> release{false};
        job.start<int>([&release](Progress& p) {
            while (!release && !p.cancelled()) QThread::msleep(2);
            return 1;
        }, [](const int&) {});
        QVERIFY(!bar->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), test::waitMs(2000));
        release = true;
        QTRY_VERIFY(!bar->isVisible());
    }

    // A job's work, and the threads it starts (the engine's parallel loops), give way to the
    // GUI thread: on Linux they run under SCHED_IDLE.
    void workersYieldToTheInterface()
    {
#ifdef __linux__
        QThreadPool pool;
        LessonContext context(nullptr, nullptr, &pool);
        FigureJob job(context);
        int worker = -1, child = -1, done = 0;
        job.start<std::pair<int, int>>([](Progress&) {
            const int own = sched_getscheduler(0);
            int started = -1;
            std::thread([&started] { started = sched_getscheduler(0); }).join();
            return std::pair<int, int>(own, started);
        }, [&](const std::pair<int, int>& r) {
            worker = r.first;
            child = r.second;
            ++done;
        });
        QTRY_COMPARE_WITH_TIMEOUT(done, 1, test::waitMs(5000));
        QCOMPARE(worker, SCHED_IDLE);
        QCOMPARE(child, SCHED_IDLE);
        QCOMPARE(sched_getscheduler(0), SCHED_OTHER);   // the GUI thread keeps its own
#else
        QSKIP("Scheduling policies are Linux's");
#endif
    }

    // A new range changes the bar's ticks, not its size: it must not lay the figure out again
    // (that resized the charts beside it, and restroked every curve on them).
    void colourBarRangeIsNotALayout()
    {
        QWidget host;
        auto* layout = new QVBoxLayout(&host);
        auto* bar = new ColourBar;
        layout->addWidget(bar);
        host.resize(200, 300);
        host.show();
        QVERIFY(QTest::qWaitForWindowExposed(&host));
        QCoreApplication::processEvents();
        struct Count : QObject {
            int layouts = 0, paints = 0;
            bool eventFilter(QObject*, QEvent* e) override
            {
                if (e->type() == QEvent::LayoutRequest) ++layouts;
                if (e->type() == QEvent::Paint) ++paints;
                return false;
            }
        } count;
        host.installEventFilter(&count);
        bar->installEventFilter(&count);
        const QSize before = bar->size();
        bar->setRange(0.001, 12345.0, true);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(count.layouts, 0);
        QVERIFY(count.paints > 0);   // the new ticks are drawn
        QCOMPARE(bar->size(), before);
        QCOMPARE(bar->ticks().last().value, 12345.0);
    }

    // The top tick's label, centred on the bar's top, stays below the bar's title ("f(x, y)"
    // once ran into "890").
    void colourBarTitleClearsTheTopTick()
    {
        for (double scale : {1.0, 1.5}) {
            ColourBar bar;
            QFont f = bar.font();
            f.setPointSizeF(f.pointSizeF() * scale);
            bar.setFont(f);
            bar.setLabel(QStringLiteral("f(x, y)"));
            bar.setSqrtScale(true);   // as the descent map: a tick at the very top
            bar.setRange(0, 890);
            bar.resize(bar.sizeHint().width(), 400);
            const QFontMetrics fm(bar.font());
            const QRect b = bar.barRect();
            QVERIFY(!bar.ticks().isEmpty());
            // The label's top: its baseline is at the tick's y + ascent/2 - 1.
            const int topTick = b.bottom() - int(std::lround(bar.ticks().last().position * b.height()));
            const int labelTop = topTick + fm.ascent() / 2 - 1 - fm.ascent();
            QVERIFY2(labelTop >= fm.height(), qPrintable(QStringLiteral("%1 < %2").arg(labelTop).arg(fm.height())));
        }
    }

    // Qt paints large fills with helper threads of the global pool and waits for them; a helper
    // started by a worker would be SCHED_IDLE like it, and the GUI thread would wait for it.
    void paintHelpersKeepTheInterfacePriority()
    {
#ifdef __linux__
        QThreadPool pool;
        LessonContext context(nullptr, nullptr, &pool);
        FigureJob job(context);
        QThreadPool* helpers = QThreadPool::globalInstance();
        QCOMPARE(helpers->expiryTimeout(), -1);   // they never expire, to be started again by a worker
        std::vector<int> policies;
        int done = 0;
        job.start<std::vector<int>>([helpers](Progress&) {
            // From a worker, as Qt's fills are: every helper busy at once, so none is reused.
            const int n = helpers->maxThreadCount();
            auto seen = std::make_shared<std::vector<int>>(std::size_t(n), -2);
            auto gate = std::make_shared<QSemaphore>();
            auto arrived = std::make_shared<QSemaphore>();
            for (int i = 0; i < n; ++i)
                helpers->start([i, seen, gate, arrived] {
                    (*seen)[std::size_t(i)] = sched_getscheduler(0);
                    arrived->release();
                    gate->acquire();
                });
            arrived->tryAcquire(n, 5000);
            gate->release(n);
            helpers->waitForDone(5000);
            return *seen;
        }, [&](const std::vector<int>& r) {
            policies = r;
            ++done;
        });
        QTRY_COMPARE_WITH_TIMEOUT(done, 1, test::waitMs(10000));
        QVERIFY(!policies.empty());
        for (int p : policies) QCOMPARE(p, SCHED_OTHER);
#else
        QSKIP("Scheduling policies are Linux's");
#endif
    }
};

QTEST_MAIN(TestFigures)
#include "tst_figures.moc"
