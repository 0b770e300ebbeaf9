// Every lab of every lesson fits the screens a class uses: at 1280x720, 1366x768 and
// 1920x1080, each normal, presenting and with the text scaled x1.5, no axis reports truncated
// labels, no title, axis title or key entry is elided, no chart overlaps another widget, and
// nothing of the lab is cut off at the window's edge.
#include <QtTest>

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QChartView>
#include <QComboBox>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QLayout>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>

#include "app/mainwindow.h"
#include "common/testbudget.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/figurekey.h"
#include "lessons/common/lab.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/registry.h"

using namespace minima;

namespace {

struct Screen {
    QSize size;
    bool presenting;
    double textScale;
    QString name() const
    {
        return QStringLiteral("%1x%2%3%4")
            .arg(size.width())
            .arg(size.height())
            .arg(presenting ? QStringLiteral(" presenting") : QString())
            .arg(textScale != 1.0 ? QStringLiteral(" text x%1").arg(textScale) : QString());
    }
};

// Each size normal, presenting, and with the text x1.5. Where the lab's minimum is taller
// than the screen its content scrolls (never sideways); what matters is that nothing is
// squeezed until it is elided, drawn over, or cut off.
QList<Screen> screens()
{
    QList<Screen> out;
    for (QSize size : {QSize(1280, 720), QSize(1366, 768), QSize(1920, 1080)})
        out << Screen{size, false, 1.0} << Screen{size, true, 1.0} << Screen{size, false, 1.5};
    return out;
}

QRect rectIn(const QWidget* w, const QWidget* ancestor)
{
    return QRect(w->mapTo(ancestor, QPoint(0, 0)), w->size());
}

// What is wrong with the lab's figures as the learner sees them; empty when all fits.
QStringList problems(Lab* lab)
{
    QStringList out;
    const QList<FigureChart*> charts = lab->findChildren<FigureChart*>();
    for (FigureChart* view : charts) {
        if (!view->isVisible()) continue;
        QChart* chart = view->chart();
        const QString where = QStringLiteral("chart '%1'").arg(view->objectName());
        for (QAbstractAxis* axis : chart->axes())
            if (axis->isVisible() && axis->labelsVisible() && axis->labelsTruncated())
                out << where + QStringLiteral(": axis '%1' truncates its labels").arg(axis->titleText());
        for (QGraphicsItem* item : chart->scene()->items()) {
            if (!item->isVisible() || item->effectiveOpacity() <= 0) continue;
            QString text;
            if (auto* t = dynamic_cast<QGraphicsTextItem*>(item)) text = t->toPlainText();
            else if (auto* s = dynamic_cast<QGraphicsSimpleTextItem*>(item)) text = s->text();
            if (text.endsWith(QLatin1String("...")) || text.endsWith(QChar(0x2026)))
                out << where + QStringLiteral(": '%1' is elided").arg(text);
        }
        if (!chart->legend()->isVisible() || chart->legend()->opacity() == 0) {
        } else if (chart->legend()->isAttachedToChart()) {
            out << where + QStringLiteral(": shows a Qt legend (it elides); use the lab's key");
        }
        if (view->height() < 120 || view->width() < 160)
            out << where + QStringLiteral(" is squeezed to %1x%2").arg(view->width()).arg(view->height());
    }
    // Overlaps: a chart against any other visible control, label, key or chart of the lab.
    QList<QWidget*> others;
    for (QWidget* w : lab->findChildren<QWidget*>()) {
        if (!w->isVisible()) continue;
        if (qobject_cast<QLabel*>(w) || qobject_cast<QAbstractButton*>(w) || qobject_cast<QAbstractSpinBox*>(w)
            || qobject_cast<QComboBox*>(w) || qobject_cast<QSlider*>(w) || qobject_cast<FigureChart*>(w)
            || qobject_cast<FigureKey*>(w))
            others << w;
    }
    for (FigureChart* view : charts) {
        if (!view->isVisible()) continue;
        const QRect r = rectIn(view, lab);
        for (QWidget* w : others) {
            if (w == view || view->isAncestorOf(w) || w->isAncestorOf(view)) continue;
            const QRect o = rectIn(w, lab).intersected(r);
            if (o.width() > 2 && o.height() > 2)
                out << QStringLiteral("chart '%1' overlaps %2 '%3'").arg(view->objectName(), QString::fromLatin1(w->metaObject()->className()), w->objectName());
        }
    }
    // Nothing cut off: every visible widget lies inside the lab's width, and inside its content,
    // which scrolls vertically when the screen is too short for it (never sideways); key
    // entries lie inside their key.
    QRect inside = lab->rect();
    if (auto* content = lab->findChild<QWidget*>(QStringLiteral("labContent"))) {
        const QRect c = rectIn(content, lab);
        if (c.width() > lab->width() + 1) out << QStringLiteral("the lab is %1 px wide for %2 px").arg(c.width()).arg(lab->width());
        inside = QRect(0, c.top(), lab->width(), c.height());
    }
    inside.adjust(-1, -1, 1, 1);
    for (QWidget* w : others)
        if (!inside.contains(rectIn(w, lab)))
            out << QStringLiteral("%1 '%2' is cut off at the lab's edge").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
    // Nor clipped by the widget that holds it (a key taller than the room its chart's cell left).
    for (QWidget* w : others) {
        const QWidget* parent = w->parentWidget();
        if (parent && parent != lab && !parent->rect().adjusted(-1, -1, 1, 1).contains(w->geometry()))
            out << QStringLiteral("%1 '%2' is cut off by its %3 '%4'")
                       .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
                            QString::fromLatin1(parent->metaObject()->className()), parent->objectName());
    }
    for (FigureKey* key : lab->findChildren<FigureKey*>()) {
        if (!key->isVisible()) continue;
        for (QWidget* entry : key->findChildren<QWidget*>(QStringLiteral("keyEntry")))
            if (!key->rect().adjusted(-1, -1, 1, 1).contains(rectIn(entry, key)))
                out << QStringLiteral("a key entry '%1' is cut off").arg(entry->accessibleName());
    }
    return out;
}

} // namespace

class TestFit : public QObject {
    Q_OBJECT
private slots:
    void everyLabFits_data()
    {
        QTest::addColumn<QString>("lesson");
        for (const auto& l : shippedLessons()) QTest::newRow(qPrintable(l->id())) << l->id();
    }
    void everyLabFits()
    {
        QFETCH(QString, lesson);
        QTemporaryDir dir;
        MainWindow w(shippedLessons(), dir.path());
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openLesson(lesson));
        auto* page = qobject_cast<LessonPage*>(w.currentPage());
        QVERIFY(page);
        QStringList failures;
        for (const Screen& screen : screens()) {
            w.setPresenting(screen.presenting);
            w.setWindowState(Qt::WindowNoState);   // full screen is the platform's size, not the one tested
            w.setTextScale(screen.textScale);
            w.resize(screen.size);
            for (int tab = 0; tab < page->labCount(); ++tab) {
                page->tabs()->setCurrentIndex(tab);
                Lab* lab = page->lab(tab);
                QVERIFY2(lab, qPrintable(QStringLiteral("%1 lab %2 is not a Lab").arg(lesson).arg(tab + 1)));
                QVERIFY(QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, test::waitMs(120000)));
                // Layouts, then the charts' own fitting (queued after each resize and paint).
                for (int i = 0; i < 6; ++i) {
                    QApplication::processEvents();
                    lab->grab();
                }
                if (w.size() != screen.size)
                    failures << QStringLiteral("%1 lab %2 at %3: the window cannot shrink to the screen (%4x%5)")
                                    .arg(lesson).arg(tab + 1).arg(screen.name()).arg(w.width()).arg(w.height());
                const QStringList found = problems(lab);
                for (const QString& p : found)
                    failures << QStringLiteral("%1 lab %2 at %3: %4").arg(lesson).arg(tab + 1).arg(screen.name(), p);
                // MINIMA_FIT_SHOTS=<folder> keeps a picture of each lab that does not fit, to look at.
                if (const QString shots = qEnvironmentVariable("MINIMA_FIT_SHOTS"); !found.isEmpty() && !shots.isEmpty())
                    w.grab().save(QStringLiteral("%1/%2-%3-%4.png").arg(shots, lesson).arg(tab + 1).arg(screen.name().replace(QLatin1Char(' '), QLatin1Char('-'))));
            }
        }
        w.setPresenting(false);
        w.setTextScale(1.0);
        for (const QString& f : failures) qInfo("%s", qPrintable(f));   // every one, the message below is capped
        QVERIFY2(failures.isEmpty(), qPrintable(QStringLiteral("%1 problems, the first: %2").arg(failures.size()).arg(failures.value(0))));
    }

    // The problems() check itself catches what it is for: an elided title and a cut-off lab.
    void theCheckSeesElision()
    {
        QTemporaryDir dir;
        MainWindow w(shippedLessons(), dir.path());
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openLesson(shippedLessons().front()->id()));
        auto* page = qobject_cast<LessonPage*>(w.currentPage());
        QVERIFY(page && page->lab(0));
        QVERIFY(QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, test::waitMs(120000)));
        FigureChart* chart = page->lab(0)->figures().value(0);
        QVERIFY(chart);
        // A rich-text title (which FigureChart leaves alone) far too long for any chart.
        chart->chart()->setTitle(QStringLiteral("<b>") + QString(400, QLatin1Char('x')) + QStringLiteral("</b>"));
        for (int i = 0; i < 4; ++i) {
            QApplication::processEvents();
            page->lab(0)->grab();
        }
        QVERIFY(!problems(page->lab(0)).isEmpty());
    }
};

QTEST_MAIN(TestFit)
#include "tst_fit.moc"
