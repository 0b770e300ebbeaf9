// File > Export figure and File > Print lesson page to PDF: each format is a valid file of
// its kind, and the CSV holds exactly the points put in the chart (compared with the
// formula that made them, not with the series).
#include <QtTest>

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QLineSeries>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <QXmlStreamReader>

#include <cmath>
#include <memory>

#include "app/mainwindow.h"
#include "app/pageprint.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "testlesson.h"

using namespace minima;

namespace {

// The points of the first chart: x = i/4 for i = -8..8, y = x^3 - x.
double cubicX(int i) { return i / 4.0; }
double cubicY(int i) { return cubicX(i) * cubicX(i) * cubicX(i) - cubicX(i); }
// The second series: x = 0.1 k (not exact in binary), y = exp(-x).
double decayX(int k) { return 0.1 * k; }
double decayY(int k) { return std::exp(-decayX(k)); }

// The first page's size in points, from its /MediaBox [x0 y0 x1 y1].
QSizeF mediaBox(const QByteArray& pdf)
{
    static const QRegularExpression box(QStringLiteral(
        "/MediaBox\\s*\\[\\s*([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s*\\]"));
    const auto m = box.match(QString::fromLatin1(pdf));
    if (!m.hasMatch()) return {};
    return QSizeF(m.captured(3).toDouble() - m.captured(1).toDouble(), m.captured(4).toDouble() - m.captured(2).toDouble());
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One figure of two charts, like a lab's: the cubic with its samples, and a decay.
std::unique_ptr<QWidget> makeFigure()
{
    auto figure = std::make_unique<QWidget>();
    figure->setProperty("minimaFigure", true);
    auto* layout = new QVBoxLayout(figure.get());
    auto* first = new FigureChart(figure.get());
    auto* line = new QLineSeries;
    line->setName(QStringLiteral("x^3 - x"));
    auto* samples = new QScatterSeries;
    samples->setName(QStringLiteral("samples, \"marked\""));
    for (int i = -8; i <= 8; ++i) line->append(cubicX(i), cubicY(i));
    for (int i = -8; i <= 8; i += 4) samples->append(cubicX(i), cubicY(i));
    first->chart()->addSeries(line);
    first->chart()->addSeries(samples);
    first->chart()->setTitle(QStringLiteral("A cubic"));
    first->chart()->createDefaultAxes();
    first->restyle();
    auto* second = new FigureChart(figure.get());
    auto* decay = new QLineSeries;
    decay->setName(QStringLiteral("decay"));
    for (int k = 0; k <= 10; ++k) decay->append(decayX(k), decayY(k));
    second->chart()->addSeries(decay);
    second->chart()->setTitle(QStringLiteral("A decay"));
    second->chart()->createDefaultAxes();
    second->restyle();
    layout->addWidget(first);
    layout->addWidget(second);
    figure->resize(640, 720);
    return figure;
}

struct CsvPoint {
    QString series;
    double x, y;
};

// Reads "series,x,y" rows (the series quoted, quotes doubled) and "# chart" lines.
bool parseCsv(const QString& text, QList<QList<CsvPoint>>* charts)
{
    QList<CsvPoint>* current = nullptr;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1String("# chart"))) {
            charts->append(QList<CsvPoint>());
            current = &charts->last();
            continue;
        }
        if (line == QLatin1String("series,x,y")) continue;
        if (!current || !line.startsWith(QLatin1Char('"'))) return false;
        // The name ends at the quote that is followed by a comma and not doubled.
        qsizetype i = 1;
        QString name;
        for (; i < line.size(); ++i) {
            if (line[i] == QLatin1Char('"')) {
                if (i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                    name += QLatin1Char('"');
                    ++i;
                    continue;
                }
                break;
            }
            name += line[i];
        }
        const QStringList numbers = line.mid(i + 2).split(QLatin1Char(','));
        if (numbers.size() != 2) return false;
        bool okX = false, okY = false;
        current->append({name, numbers[0].toDouble(&okX), numbers[1].toDouble(&okY)});
        if (!okX || !okY) return false;
    }
    return true;
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> dir;
    QString path(const QString& name) const { return dir->filePath(name); }

private slots:
    void init()
    {
        dir = std::make_unique<QTemporaryDir>();
        QVERIFY(dir->isValid());
    }
    void cleanup() { dir.reset(); }

    void pngIsAnImageOfTheFigure()
    {
        auto figure = makeFigure();
        figure->show();
        QString error;
        QVERIFY2(exportFigure(figure.get(), path(QStringLiteral("f.png")), &error), qPrintable(error));
        QImageReader reader(path(QStringLiteral("f.png")));
        QCOMPARE(reader.format(), QByteArray("png"));
        const QImage image = reader.read();
        QVERIFY(!image.isNull());
        QCOMPARE(image.size() / image.devicePixelRatio(), figure->size());
        // Not a blank canvas: more than a handful of distinct colours (curves, text, axes).
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
    }

    void svgIsAWellFormedDrawing()
    {
        auto figure = makeFigure();
        figure->show();
        QString error;
        QVERIFY2(exportFigure(figure.get(), path(QStringLiteral("f.svg")), &error), qPrintable(error));
        const QByteArray svg = readAll(path(QStringLiteral("f.svg")));
        QXmlStreamReader xml(svg);
        int paths = 0;
        QString root;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                if (root.isEmpty()) root = xml.name().toString();
                if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline")) ++paths;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(root, QStringLiteral("svg"));
        QVERIFY(paths > 3);   // drawn as vectors, not one embedded picture
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox().size(), figure->size());
    }

    void pdfIsAOnePageDocument()
    {
        auto figure = makeFigure();
        figure->show();
        QString error;
        QVERIFY2(exportFigure(figure.get(), path(QStringLiteral("f.pdf")), &error), qPrintable(error));
        const QByteArray pdf = readAll(path(QStringLiteral("f.pdf")));
        QVERIFY(pdf.startsWith("%PDF-1."));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        QVERIFY(pdf.contains("/Count 1"));   // one page
        // The page is the figure's size at 96 dpi: 640 x 720 px = 480 x 540 pt.
        const QSizeF page = mediaBox(pdf);
        QVERIFY2(std::abs(page.width() - 480) < 1 && std::abs(page.height() - 540) < 1,
                 qPrintable(QStringLiteral("%1 x %2").arg(page.width()).arg(page.height())));
    }

    void csvHoldsTheChartsPoints()
    {
        auto figure = makeFigure();
        QString error;
        QVERIFY2(exportFigure(figure.get(), path(QStringLiteral("f.csv")), &error), qPrintable(error));
        QList<QList<CsvPoint>> charts;
        QVERIFY(parseCsv(QString::fromUtf8(readAll(path(QStringLiteral("f.csv")))), &charts));
        QCOMPARE(charts.size(), 2);

        const QList<CsvPoint>& cubic = charts[0];
        QCOMPARE(cubic.size(), 17 + 5);
        for (int i = -8; i <= 8; ++i) {
            const CsvPoint& p = cubic[i + 8];
            QCOMPARE(p.series, QStringLiteral("x^3 - x"));
            QCOMPARE(p.x, cubicX(i));   // exact: 17 significant digits round-trip a double
            QCOMPARE(p.y, cubicY(i));
        }
        for (int j = 0; j < 5; ++j) {
            const CsvPoint& p = cubic[17 + j];
            QCOMPARE(p.series, QStringLiteral("samples, \"marked\""));
            QCOMPARE(p.x, cubicX(-8 + 4 * j));
            QCOMPARE(p.y, cubicY(-8 + 4 * j));
        }
        // Worked out by hand: x = 1.5 gives 3.375 - 1.5 = 1.875.
        QCOMPARE(cubic[14].y, 1.875);

        const QList<CsvPoint>& decay = charts[1];
        QCOMPARE(decay.size(), 11);
        for (int k = 0; k <= 10; ++k) {
            QCOMPARE(decay[k].series, QStringLiteral("decay"));
            QCOMPARE(decay[k].x, decayX(k));
            QCOMPARE(decay[k].y, decayY(k));
        }
        QCOMPARE(decay[0].y, 1.0);
    }

    void csvOfASingleChartHasNoChartLines()
    {
        FigureChart chart;
        auto* s = new QLineSeries;
        s->setName(QStringLiteral("line"));
        s->append(1, 2);
        s->append(3, 4);
        chart.chart()->addSeries(s);
        QString error;
        QVERIFY2(exportFigure(&chart, path(QStringLiteral("one.csv")), &error), qPrintable(error));
        QCOMPARE(QString::fromUtf8(readAll(path(QStringLiteral("one.csv")))),
                 QStringLiteral("series,x,y\n\"line\",1,2\n\"line\",3,4\n"));
        // An empty chart exports its header only.
        FigureChart empty;
        QVERIFY(exportFigure(&empty, path(QStringLiteral("empty.csv")), &error));
        QCOMPARE(QString::fromUtf8(readAll(path(QStringLiteral("empty.csv")))), QStringLiteral("series,x,y\n"));
    }

    void refusalsAreExplained_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("withFigure");
        QTest::addColumn<QString>("says");
        QTest::newRow("no figure") << QStringLiteral("f.png") << false << QStringLiteral("no figure");
        QTest::newRow("unknown type") << QStringLiteral("f.bmpx") << true << QStringLiteral(".png, .svg, .pdf or .csv");
        QTest::newRow("no suffix") << QStringLiteral("figure") << true << QStringLiteral(".png, .svg, .pdf or .csv");
        QTest::newRow("png, missing folder") << QStringLiteral("none/f.png") << true << QStringLiteral("f.png");
        QTest::newRow("csv, missing folder") << QStringLiteral("none/f.csv") << true << QStringLiteral("f.csv");
    }
    void refusalsAreExplained()
    {
        QFETCH(QString, file);
        QFETCH(bool, withFigure);
        QFETCH(QString, says);
        auto figure = makeFigure();
        QString error;
        QVERIFY(!exportFigure(withFigure ? figure.get() : nullptr, path(file), &error));
        QVERIFY2(error.contains(says), qPrintable(error));
        QVERIFY(!QFile::exists(path(file)));
    }

    void csvOfAFigureWithoutChartsIsRefused()
    {
        QWidget plain;
        QString error;
        QVERIFY(!exportFigure(&plain, path(QStringLiteral("x.csv")), &error));
        QVERIFY(error.contains(QStringLiteral("no chart data")));
    }

    void lessonPagePrintsToPdf()
    {
        MainWindow w(testLessons(), dir->filePath(QStringLiteral("app")));
        w.resize(1200, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openLesson(QStringLiteral("test-lesson")));
        QVERIFY(QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, 10000));
        auto* page = qobject_cast<LessonPage*>(w.currentPage());
        QVERIFY(page);
        QString error;
        QVERIFY2(printLabToPdf(*page, QStringLiteral("A test lesson \u2014 Parabola"), path(QStringLiteral("page.pdf")), &error),
                 qPrintable(error));
        const QByteArray pdf = readAll(path(QStringLiteral("page.pdf")));
        QVERIFY(pdf.startsWith("%PDF-1."));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        // A4 landscape: 842 x 595 pt.
        const QSizeF a4 = mediaBox(pdf);
        QVERIFY2(std::abs(a4.width() - 842) < 1 && std::abs(a4.height() - 595) < 1,
                 qPrintable(QStringLiteral("%1 x %2").arg(a4.width()).arg(a4.height())));
        QVERIFY(!printLabToPdf(*page, QStringLiteral("x"), path(QStringLiteral("none/page.pdf")), &error));
        QVERIFY2(error.contains(QStringLiteral("page.pdf")), qPrintable(error));
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
