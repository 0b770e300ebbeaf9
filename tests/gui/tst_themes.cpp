// A theme change recolours the charts at once: in a real main window with every shipped lab
// computed, View > Theme gives each series drawn in a theme-dependent hue that hue's colour
// on the new theme before the event loop runs again, with no new result computed, and the
// keys follow. Contour lines stay visible on dark and high-contrast backgrounds.
#include <QtTest>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QLabel>
#include <QScatterSeries>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXYSeries>

#include <cmath>

#include "app/mainwindow.h"
#include "app/theme.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/figurekey.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/lab.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/registry.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

double luminance(const QColor& c)
{
    auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// WCAG 2.1 contrast ratio, 1 to 21.
double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// A translucent colour as it shows over an opaque background.
QColor over(const QColor& c, const QColor& background)
{
    const double a = c.alphaF();
    return QColor::fromRgbF(float(a * c.redF() + (1 - a) * background.redF()), float(a * c.greenF() + (1 - a) * background.greenF()),
                            float(a * c.blueF() + (1 - a) * background.blueF()));
}

// One colour of one series that is a hue whose colour differs between the themes.
struct Tracked {
    QPointer<QXYSeries> series;
    QPointer<FigureChart> chart;
    QString where;
    Hue hue;
    int alpha;
    bool pen;   // the pen (a line's colour, a scatter's border), else the brush (a scatter's fill)
};

bool themeDependent(Hue hue)
{
    return hueColor(hue, Backdrop::Light).rgb() != hueColor(hue, Backdrop::Dark).rgb()
           || hueColor(hue, Backdrop::Dark).rgb() != hueColor(hue, Backdrop::HighContrast).rgb();
}

// Does the key's swatch for `name` show `colour`?
bool keyShows(FigureChart* chart, const QString& name, const QColor& colour)
{
    if (!chart->hasKey()) return false;
    for (QWidget* entry : chart->key()->findChildren<QWidget*>(QStringLiteral("keyEntry"))) {
        if (entry->accessibleName() != name) continue;
        for (QLabel* icon : entry->findChildren<QLabel*>()) {
            const QImage image = icon->pixmap().toImage();
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    if (QColor(image.pixel(x, y)).rgb() == colour.rgb() && qAlpha(image.pixel(x, y)) == 255) return true;
        }
    }
    return false;
}

// Pixels of a widget's image within `tolerance` of `colour` in each channel.
int pixelsNear(const QImage& image, const QColor& colour, int tolerance = 24)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            n += std::abs(c.red() - colour.red()) <= tolerance && std::abs(c.green() - colour.green()) <= tolerance
                 && std::abs(c.blue() - colour.blue()) <= tolerance;
        }
    return n;
}

} // namespace

class TestThemes : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

    static bool settle(MainWindow& w)
    {
        return QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, test::waitMs(60000));
    }

    static void setTheme(MainWindow& w, const char* key)
    {
        QAction* action = w.findChild<QAction*>(QStringLiteral("theme-") + QLatin1String(key));
        QVERIFY(action);
        action->trigger();
    }

    // The window at 1366x768 in the light theme, on `lesson`; null if that lesson did not open.
    static LessonPage* openInLight(MainWindow& w, const QString& lesson)
    {
        w.resize(1366, 768);
        w.show();
        setTheme(w, "light");
        if (!w.openLesson(lesson)) return nullptr;
        return qobject_cast<LessonPage*>(w.currentPage());
    }

    static QList<Tracked> tracked(Lab* lab, const QString& where)
    {
        QList<Tracked> out;
        for (FigureChart* chart : lab->findChildren<FigureChart*>()) {
            for (QAbstractSeries* s : chart->chart()->series()) {
                auto* xy = qobject_cast<QXYSeries*>(s);
                if (!xy) continue;
                Hue hue{};
                if (hueOf(xy->pen().color(), Backdrop::Light, &hue) && themeDependent(hue))
                    out.append({xy, chart, where, hue, xy->pen().color().alpha(), true});
                if (qobject_cast<QScatterSeries*>(xy) && hueOf(xy->brush().color(), Backdrop::Light, &hue) && themeDependent(hue))
                    out.append({xy, chart, where, hue, xy->brush().color().alpha(), false});
            }
        }
        return out;
    }

    static void expectColours(const QList<Tracked>& list, Backdrop backdrop, const char* theme)
    {
        for (const Tracked& t : list) {
            QVERIFY2(t.series, qPrintable(t.where));
            const QColor now = t.pen ? t.series->pen().color() : t.series->brush().color();
            QColor want = hueColor(t.hue, backdrop);
            want.setAlpha(t.alpha);
            QVERIFY2(now.rgba() == want.rgba(), qPrintable(QStringLiteral("%1, series '%2' in %3: %4, want %5")
                                                 .arg(t.where, t.series->name(), QLatin1String(theme), now.name(QColor::HexArgb),
                                                      want.name(QColor::HexArgb))));
            // The key below the chart shows the new colour too.
            if (t.pen && t.alpha == 255 && !t.series->name().isEmpty() && t.chart->hasKey()
                && t.chart->key()->entries().contains(t.series->name())
                && t.series->type() == QAbstractSeries::SeriesTypeLine)
                QVERIFY2(keyShows(t.chart, t.series->name(), want), qPrintable(t.where + QStringLiteral(": key of ") + t.series->name()));
        }
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }
    void cleanup() { applyTheme(Theme::System); }

    void themeChangeRecoloursEveryLabAtOnce()
    {
        MainWindow w(shippedLessons(), dir_.path());
        w.resize(1366, 768);
        w.show();
        setTheme(w, "light");
        QVERIFY(!darkPalette());
        QList<Tracked> all;
        QList<Lab*> labs;
        for (const auto& lesson : shippedLessons()) {
            QVERIFY(w.openLesson(lesson->id()));
            auto* page = qobject_cast<LessonPage*>(w.currentPage());
            QVERIFY(page);
            int inLesson = 0;
            for (int i = 0; i < page->labCount(); ++i) {
                page->tabs()->setCurrentIndex(i);
                QVERIFY2(settle(w), qPrintable(lesson->id()));
                Lab* lab = page->lab(i);
                QVERIFY(lab);
                labs << lab;
                const QList<Tracked> found = tracked(lab, lesson->id() + QLatin1Char('/') + page->tabs()->tabText(i));
                inLesson += int(found.size());
                all << found;
            }
            // Every lesson draws something in a colour that differs between the themes.
            QVERIFY2(inLesson > 0, qPrintable(lesson->id()));
        }
        QList<std::shared_ptr<QSignalSpy>> results;
        for (Lab* lab : labs) results << std::make_shared<QSignalSpy>(lab, &Lab::resultShown);
        // A lab's own white (numbers on markers) is not a hue: it stays white in every theme.
        QList<QPointer<QXYSeries>> whiteLabels;
        for (Lab* lab : labs)
            for (FigureChart* chart : lab->findChildren<FigureChart*>())
                for (QAbstractSeries* s : chart->chart()->series())
                    if (auto* xy = qobject_cast<QXYSeries*>(s); xy && xy->pointLabelsColor() == QColor(Qt::white)) whiteLabels << xy;
        QVERIFY(!whiteLabels.isEmpty());
        QList<ColourBar*> bars;
        for (Lab* lab : labs)
            for (ColourBar* bar : lab->findChildren<ColourBar*>())
                if (!bar->size().isEmpty()) bars << bar;
        QVERIFY(bars.size() >= 3);
        const QColor lightText = QApplication::palette().color(QPalette::WindowText);

        // Straight after the switch, before the event loop runs: recoloured.
        setTheme(w, "dark");
        QCOMPARE(currentBackdrop(), Backdrop::Dark);
        expectColours(all, Backdrop::Dark, "dark");
        // The colour bars' labels and ticks are drawn in the new text colour, none in the old,
        // once the palette change has reached the widgets (the next turn of the event loop).
        const QColor darkText = QApplication::palette().color(QPalette::WindowText);
        QTest::qWait(20);
        for (ColourBar* bar : bars) {
            const QImage image = bar->grab().toImage();
            QVERIFY2(pixelsNear(image, darkText) > 20, qPrintable(bar->objectName()));
            QCOMPARE(pixelsNear(image, lightText, 8), 0);
        }
        setTheme(w, "high-contrast");
        QCOMPARE(currentBackdrop(), Backdrop::HighContrast);
        expectColours(all, Backdrop::HighContrast, "high contrast");
        // And once the palette-change events have been delivered too.
        QTest::qWait(50);
        expectColours(all, Backdrop::HighContrast, "high contrast, later");
        setTheme(w, "light");
        expectColours(all, Backdrop::Light, "light");
        setTheme(w, "dark");
        QTest::qWait(50);
        expectColours(all, Backdrop::Dark, "dark again");

        for (const auto& xy : whiteLabels) QCOMPARE(xy->pointLabelsColor(), QColor(Qt::white));

        // Nothing was computed for it.
        QCOMPARE(w.context().pendingWork(), 0);
        for (const auto& spy : results) QCOMPARE(spy->count(), 0);
    }

    // The contour lines of both contour plots contrast with the chart's background (WCAG
    // 2.1 non-text contrast, 3:1) in every theme, also after switching to it.
    void contoursVisibleInEveryTheme()
    {
        MainWindow w(shippedLessons(), dir_.path());
        LessonPage* page = openInLight(w, QStringLiteral("convexity"));
        QVERIFY(page);
        // The chord lab on a two-variable function shows contours; so does the bowl lab.
        auto* function = page->lab(0)->findChild<QComboBox*>(QStringLiteral("functionBox"));
        QVERIFY(function);
        function->setCurrentIndex(function->findData(QStringLiteral("saddle")));
        QVERIFY(settle(w));
        page->tabs()->setCurrentIndex(1);
        QVERIFY(settle(w));
        auto contours = [&] {
            QList<QPair<QXYSeries*, FigureChart*>> out;
            for (int lab : {0, 1})
                for (FigureChart* chart : page->lab(lab)->findChildren<FigureChart*>())
                    for (QAbstractSeries* s : chart->chart()->series())
                        if (auto* xy = qobject_cast<QXYSeries*>(s); xy && xy->name().isEmpty() && xy->pen().widthF() == 1.0
                                                                     && xy->pen().color().alpha() < 255)
                            out.append({xy, chart});
            return out;
        };
        int chord = 0;
        for (const auto& c : contours()) chord += c.first->objectName() == QLatin1String("contour");
        QVERIFY(chord > 5);
        QVERIFY(contours().size() > chord + 5);   // the bowl's too
        for (const char* theme : {"dark", "high-contrast", "light", "high-contrast", "dark"}) {
            setTheme(w, theme);
            for (const auto& [series, chart] : contours()) {
                const QColor background = chart->chart()->backgroundBrush().color();
                QCOMPARE(background, QApplication::palette().color(QPalette::Base));
                const double ratio = contrast(over(series->pen().color(), background), background);
                QVERIFY2(ratio >= 3.0, qPrintable(QStringLiteral("%1: contour %2 on %3 is %4:1")
                                                      .arg(QLatin1String(theme), series->pen().color().name(QColor::HexArgb),
                                                           background.name())
                                                      .arg(ratio, 0, 'f', 2)));
            }
        }
    }

    // The ant's hidden terrain is grey in the theme on show, its caption readable on it, at once.
    void hiddenTerrainFollowsTheTheme()
    {
        MainWindow w(shippedLessons(), dir_.path());
        LessonPage* page = openInLight(w, QStringLiteral("local-minima"));
        QVERIFY(page);
        page->tabs()->setCurrentIndex(0);
        QVERIFY(settle(w));
        auto* map = page->lab(0)->findChild<FigureChart*>(QStringLiteral("antMap"));
        QVERIFY(map);
        auto caption = [&]() -> QGraphicsSimpleTextItem* {
            for (QGraphicsItem* item : map->chart()->scene()->items())
                if (auto* t = dynamic_cast<QGraphicsSimpleTextItem*>(item); t && t->isVisible() && t->text().startsWith(QLatin1String("Hidden")))
                    return t;
            return nullptr;
        };
        QVERIFY(caption());
        const QColor lightText = caption()->brush().color();
        const QPoint middle = map->chart()->plotArea().center().toPoint() + QPoint(0, int(map->chart()->plotArea().height() / 4));
        const QColor lightGrey = map->grab().toImage().pixelColor(middle);
        setTheme(w, "dark");
        QVERIFY(caption());
        QTRY_VERIFY(caption()->brush().color() != lightText);   // with the palette change, no new result
        const QColor darkText = caption()->brush().color();
        const QColor darkGrey = map->grab().toImage().pixelColor(middle);
        QVERIFY2(darkText.lightness() > lightText.lightness() + 100, qPrintable(darkText.name() + lightText.name()));
        QVERIFY2(darkGrey.lightness() + 60 < lightGrey.lightness(), qPrintable(darkGrey.name() + lightGrey.name()));
        QVERIFY(contrast(darkText, darkGrey) >= 4.5);
    }
};

QTEST_MAIN(TestThemes)
#include "tst_themes.moc"
