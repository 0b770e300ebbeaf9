// The 3-D views of the error surfaces, on a display with OpenGL (the xcb platform on a virtual
// X server): created, drawn (not blank), holding the engine's grid, with the run started in the
// 2-D map drawn on them and a click on them starting a run; exported and rendered with the
// window; then a short soak and every control at its extremes over the labs that have one, with
// nothing non-finite on any chart or 3-D view. MINIMA_3D_SHOTS=<folder> keeps the pictures.
#include <QtTest>

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QtDataVisualization/QValue3DAxis>
#include <QRandomGenerator>
#include <QScatterSeries>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTransform>
#include <QXmlStreamReader>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/Q3DTheme>
#include <QtDataVisualization/QCustom3DItem>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#if defined(__linux__)
#include <dlfcn.h>
#include <link.h>
#endif

#include "app/mainwindow.h"
#include "chartcheck.h"
#include "engine/landscape/grid.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/surface3d.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "engine/surfaces/analytic.h"
#include "lessons/convexity/bowllab.h"
#include "lessons/convexity/chordlab.h"
#include "lessons/common/charts/heatmap.h"
#include "engine/surfaces/terrain.h"
#include "lessons/local-minima/antlab.h"
#include "lessons/local-minima/descentlab.h"
#include "lessons/registry.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

// Distinct colours in an image, counted up to `enough`: a blank or one-colour picture has few.
int distinctColours(const QImage& image, int enough = 200)
{
    QSet<QRgb> seen;
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); y += 3)
        for (int x = 0; x < img.width(); x += 3) {
            seen.insert(img.pixel(x, y));
            if (seen.size() >= enough) return int(seen.size());
        }
    return int(seen.size());
}

// Keeps the OpenGL driver's libraries (Mesa's DRI driver, its gallium and LLVM parts) loaded
// until the process ends. Mesa unloads its driver when the last context goes; what it kept
// would then be reported by the leak checker from an unknown module, which no suppression can
// name. Pinned, the memory it keeps is named by its library.
void keepGraphicsDriversLoaded()
{
#if defined(__linux__)
    std::vector<std::string> names;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* data) {
            const std::string name = info->dlpi_name ? info->dlpi_name : "";
            for (const char* part : {"dri", "gallium", "swrast", "mesa", "glapi", "LLVM"})
                if (name.find(part) != std::string::npos) {
                    static_cast<std::vector<std::string>*>(data)->push_back(name);
                    break;
                }
            return 0;
        },
        &names);
    for (const std::string& name : names) dlopen(name.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
#endif
}

// Keeps a picture of the window in MINIMA_3D_SHOTS, once its charts have fitted (they fit
// after they paint, as `minima render` waits for).
void keep(QWidget* window, const QString& name)
{
    const QString dir = qEnvironmentVariable("MINIMA_3D_SHOTS");
    if (dir.isEmpty()) return;
    for (int i = 0; i < 4; ++i) {
        QTest::qWait(20);
        window->grab();
    }
    QVERIFY(grabWithSurfaces(window).save(QDir(dir).filePath(name + QStringLiteral(".png")), "PNG"));
}

// The images an SVG file embeds, each with the rectangle it covers (through the translations
// and scalings of the groups around it) and its picture.
struct SvgImage {
    QRectF rect;
    QImage image;
};

QList<SvgImage> svgImages(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    QXmlStreamReader xml(&file);
    QList<QTransform> stack{QTransform()};
    QList<SvgImage> out;
    auto number = [](const QXmlStreamAttributes& a, const char* name) { return a.value(QLatin1String(name)).toDouble(); };
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            QTransform t = stack.back();
            const QString matrix = xml.attributes().value(QLatin1String("transform")).toString();
            if (matrix.startsWith(QLatin1String("matrix("))) {
                const QStringList v = matrix.mid(7, matrix.size() - 8).split(QLatin1Char(','));
                if (v.size() == 6)
                    t = QTransform(v[0].toDouble(), v[1].toDouble(), v[2].toDouble(), v[3].toDouble(), v[4].toDouble(), v[5].toDouble()) * t;
            }
            stack.append(t);
            if (xml.name() == QLatin1String("image")) {
                const QXmlStreamAttributes a = xml.attributes();
                const QRectF rect(number(a, "x"), number(a, "y"), number(a, "width"), number(a, "height"));
                QString href = a.value(QLatin1String("xlink:href")).toString();
                if (href.isEmpty()) href = a.value(QLatin1String("href")).toString();
                const qsizetype comma = href.indexOf(QLatin1Char(','));
                QImage image;
                if (href.startsWith(QLatin1String("data:image")) && comma > 0) image.loadFromData(QByteArray::fromBase64(href.mid(comma + 1).toLatin1()));
                out.append({t.mapRect(rect), image});
            }
        } else if (xml.isEndElement()) {
            stack.removeLast();
        }
    }
    return out;
}

int colourDistance(const QColor& a, const QColor& b)
{
    return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()), std::abs(a.blue() - b.blue())});
}

} // namespace

class TestSurface3D : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<MainWindow> window;

    bool settle() { return QTest::qWaitFor([&] { return window->context().pendingWork() == 0; }, test::waitMs(60000)); }

    // The lesson's tab that holds a lab of type L.
    template <typename L>
    L* openLab(const QString& lesson)
    {
        if (!window->openLesson(lesson)) return nullptr;
        auto* page = qobject_cast<LessonPage*>(window->currentPage());
        if (!page) return nullptr;
        for (int i = 0; i < page->tabs()->count(); ++i)
            if (auto* lab = qobject_cast<L*>(page->tabs()->widget(i)); lab || (lab = page->tabs()->widget(i)->findChild<L*>())) {
                page->tabs()->setCurrentIndex(i);
                return lab;
            }
        return nullptr;
    }

    // The lab of type L, settled, with its 3-D view holding a surface; null (and the reason in
    // `why`) otherwise.
    template <typename L>
    L* openWithSurface(const QString& lesson, QString* why)
    {
        L* lab = openLab<L>(lesson);
        if (!lab) *why = QStringLiteral("no such lab in ") + lesson;
        else if (!settle()) *why = QStringLiteral("the lab did not settle");
        else if (!lab->view3d()) *why = QStringLiteral("the lab has no 3-D view");
        else if (!QTest::qWaitFor([&] { return lab->view3d()->hasGrid(); }, test::waitMs(10000))) *why = QStringLiteral("no surface in the 3-D view");
        else return lab;
        return nullptr;
    }

    // The labs with a 3-D view, as (lesson, tab): the lessons of the 2-D surfaces (opening every
    // lesson would compute every lab's figures, for nothing here).
    QList<QPair<QString, int>> labsWith3D()
    {
        QList<QPair<QString, int>> out;
        for (const QString& id : {QStringLiteral("local-minima"), QStringLiteral("convexity")}) {
            if (!window->openLesson(id)) continue;
            auto* page = qobject_cast<LessonPage*>(window->currentPage());
            if (!page) continue;
            for (int i = 0; i < page->tabs()->count(); ++i)
                if (page->tabs()->widget(i)->findChild<SurfaceView3D*>()) out.append({id, i});
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
        QString why;
        QVERIFY2(surface3DAvailable(&why), qPrintable(why));
        keepGraphicsDriversLoaded();
        auto* closer = new QTimer(this);
        connect(closer, &QTimer::timeout, [] {
            if (QWidget* modal = QApplication::activeModalWidget()) modal->close();
        });
        closer->start(200);
    }
    void init()
    {
        dir = std::make_unique<QTemporaryDir>();
        window = std::make_unique<MainWindow>(shippedLessons(), dir->path());
        window->resize(1366, 768);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }
    void cleanup()
    {
        window.reset();
        dir.reset();
    }
    // What the views' contexts loaded after the first one (a window's own driver parts) stays too.
    void cleanupTestCase() { keepGraphicsDriversLoaded(); }

    void descentLabDrawsTheSurfaceAndTheRun()
    {
        QString why;
        auto* lab = openWithSurface<DescentLab>(QStringLiteral("local-minima"), &why);
        QVERIFY2(lab, qPrintable(why));
        SurfaceView3D* view = lab->view3d();

        // The proxy holds the engine's values of the surface on the map's grid, row r at y(r).
        const QSurfaceDataArray* rows = view->series()->dataProxy()->array();
        QVERIFY(rows);
        const Grid2D& g = view->grid();
        QCOMPARE(int(rows->size()), g.rows);
        QVERIFY(g.rows >= 100);
        const auto surface = lab->surface();
        const Grid2D reference = evaluateGrid(*surface, surface->domain(), g.rows, g.cols);
        for (int r = 0; r < g.rows; r += 7)
            for (int c = 0; c < g.cols; c += 5) {
                const QVector3D p = rows->at(r)->at(c).position();
                QCOMPARE(p.x(), float(reference.x(c)));
                QCOMPARE(p.z(), float(reference.y(r)));
                QCOMPARE(p.y(), float(reference.at(r, c)));
            }
        QCOMPARE(view->minimumLabels().size(), qsizetype(surface->minima().size()));

        // At 1366 x 768 the map's plot is about as wide as the 3-D view beside it (the map's colour
        // bar is the key of both), and the view's labels are set large enough for a projector.
        QVERIFY(QTest::qWaitFor([&] { return lab->map()->chart()->plotArea().width() > 0; }, test::waitMs(5000)));
        QVERIFY2(lab->map()->chart()->plotArea().width() >= 0.8 * view->graphContainer()->width(),
                 qPrintable(QStringLiteral("map %1, 3-D %2").arg(lab->map()->chart()->plotArea().width()).arg(view->graphContainer()->width())));
        QVERIFY(!view->colourBar()->isVisibleTo(lab));
        QVERIFY(view->graph()->activeTheme()->font().pointSizeF() >= 10 * view->font().pointSizeF());

        // It draws: a picture with the surface's many colours, not a blank.
        const QImage drawn = view->renderImage(QSize(800, 600));
        QCOMPARE(drawn.size(), QSize(800, 600));
        QVERIFY2(distinctColours(drawn) >= 100, qPrintable(QString::number(distinctColours(drawn))));

        // A start clicked on the 2-D map: the same run is drawn in 3-D, start, path and end.
        SurfaceMap* map = lab->map();
        const QPointF start(-1.5, 0.5);
        const QPointF scene = map->chart()->mapToPosition(start);
        QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, map->mapFromScene(scene));
        QVERIFY(settle());
        lab->skipToEnd();
        QVERIFY(QTest::qWaitFor([&] { return !lab->animating(); }, test::waitMs(10000)));
        QVERIFY(std::abs(lab->startX()->value() - start.x()) < 0.1);
        const QList<QCustom3DItem*> items = view->pathItems();
        QVERIFY2(items.size() >= std::min<qsizetype>(12, qsizetype(lab->result().points.size())), qPrintable(QString::number(items.size())));
        const Point2 first = lab->result().points.front(), last = lab->result().finalPoint;
        bool sawStart = false, sawEnd = false;
        for (QCustom3DItem* item : items) {
            const QVector3D p = item->position();
            sawStart = sawStart || (std::abs(p.x() - first.x()) < 1e-4 && std::abs(p.z() - first.y()) < 1e-4);
            sawEnd = sawEnd || (std::abs(p.x() - last.x()) < 1e-4 && std::abs(p.z() - last.y()) < 1e-4);
            QVERIFY(p.y() >= float(view->heightOf(lab->result().finalValue)));   // on the surface, not under it
        }
        QVERIFY(sawStart);
        QVERIFY(sawEnd);

        // A point picked on the 3-D surface starts the same run from there, in both figures.
        const int row = g.rows / 4, col = g.cols * 3 / 4;
        view->series()->setSelectedPoint(QPoint(row, col));
        QVERIFY(settle());
        lab->skipToEnd();
        QCOMPARE(lab->startX()->value(), std::round(g.x(col) * 100) / 100);
        QCOMPARE(lab->startY()->value(), std::round(g.y(row) * 100) / 100);
        auto* startOnMap = map->findChild<QScatterSeries*>(QStringLiteral("start"));
        if (!startOnMap)
            for (QAbstractSeries* s : map->chart()->series())
                if (s->objectName() == QLatin1String("start")) startOnMap = qobject_cast<QScatterSeries*>(s);
        QVERIFY(startOnMap);
        QCOMPARE(startOnMap->count(), 1);
        QVERIFY(std::abs(startOnMap->at(0).x() - lab->result().points.front().x()) < 1e-9);

        // Log height: log10(1 + f - lowest), the colours still those of the values.
        auto* logBox = qobject_cast<QCheckBox*>(lab->findChild<QCheckBox*>(QStringLiteral("logHeight")));
        QVERIFY(logBox);
        logBox->setChecked(true);
        QVERIFY(view->logHeight());
        const QSurfaceDataArray* logRows = view->series()->dataProxy()->array();
        const double low = g.minValue();
        QVERIFY(std::abs(logRows->at(3)->at(9).y() - std::log10(1 + g.at(3, 9) - low)) < 1e-3);
        QCOMPARE(nonFiniteOnCharts(lab), QString());
        logBox->setChecked(false);

        // The keyboard turns and zooms the view; Reset 3-D view brings it back.
        Q3DCamera* camera = view->graph()->scene()->activeCamera();
        const float rotation = camera->xRotation(), zoom = camera->zoomLevel();
        QTest::keyClick(view->graph(), Qt::Key_Left);
        QTest::keyClick(view->graph(), Qt::Key_Plus);
        QVERIFY(camera->xRotation() != rotation);
        QVERIFY(camera->zoomLevel() > zoom);
        auto* reset = lab->findChild<QAbstractButton*>(QStringLiteral("reset3d"));
        QVERIFY(reset);
        reset->click();
        QCOMPARE(camera->xRotation(), rotation);
        QCOMPARE(camera->zoomLevel(), zoom);

        // The exported figure shows the 3-D view, not an empty window.
        const QString file = dir->filePath(QStringLiteral("figure.png"));
        QString error;
        QVERIFY2(exportFigure(lab->figureArea(), file, &error), qPrintable(error));
        QImage exported(file);
        QVERIFY(!exported.isNull());
        const QWidget* c = view->graphContainer();
        const QRect where(c->mapTo(lab->figureArea(), QPoint(0, 0)) * exported.devicePixelRatio(), c->size() * exported.devicePixelRatio());
        QVERIFY(distinctColours(exported.copy(where)) >= 50);
        keep(window.get(), QStringLiteral("descent-normal"));

        // Presenting, the 3-D view alone takes the figure area.
        window->setPresenting(true);
        auto* only = lab->findChild<QCheckBox*>(QStringLiteral("only3d"));
        QVERIFY(only);
        only->setChecked(true);
        QVERIFY(QTest::qWaitFor([&] { return view->width() > lab->figureArea()->width() * 3 / 4; }, test::waitMs(5000)));
        QCOMPARE(lab->map()->isVisibleTo(lab), false);
        QVERIFY(view->colourBar()->isVisibleTo(lab));   // alone, the view shows its key
        QTest::qWait(50);
        keep(window.get(), QStringLiteral("descent-presenting"));
        only->setChecked(false);
        window->setPresenting(false);
    }

    void bowlLabDrawsTheBowlAndTheRun()
    {
        QString why;
        auto* lab = openWithSurface<BowlLab>(QStringLiteral("convexity"), &why);
        QVERIFY2(lab, qPrintable(why));
        SurfaceView3D* view = lab->view3d();
        // ½ xᵀAx on [-3, 3]², from the engine's bowl with the lab's eigenvalues and rotation.
        const QuadraticBowl bowl(lab->lambda1()->value(), lab->lambda2()->value(), lab->angle()->value() * std::numbers::pi / 180);
        const QSurfaceDataArray* rows = view->series()->dataProxy()->array();
        QVERIFY(rows && rows->size() > 50);
        for (qsizetype r = 0; r < rows->size(); r += 9)
            for (qsizetype c = 0; c < rows->at(r)->size(); c += 7) {
                const QVector3D p = rows->at(r)->at(c).position();
                QVERIFY(std::abs(p.y() - bowl.value(Point2(p.x(), p.z()))) < 1e-4 * (1 + std::abs(p.y())));
            }
        QVERIFY(std::abs(rows->front()->front().x() + 3) < 1e-6);
        QVERIFY(std::abs(rows->back()->back().z() - 3) < 1e-6);
        QVERIFY(distinctColours(view->renderImage(QSize(640, 480))) >= 100);
        // The run is on it, start to end; a point picked on the bowl starts a new one there.
        QVERIFY(view->pathItems().size() >= 3);
        const Eigen::Vector2d first = lab->descent().points.front();
        QVERIFY(std::abs(first.x() - lab->startX()->value()) < 1e-9);
        const Grid2D& g = view->grid();
        view->series()->setSelectedPoint(QPoint(g.rows / 3, g.cols / 5));
        QVERIFY(QTest::qWaitFor([&] { return std::abs(lab->startX()->value() - g.x(g.cols / 5)) < 0.01; }, test::waitMs(5000)));
        QVERIFY(settle());
        QVERIFY(std::abs(lab->descent().points.front().y() - g.y(g.rows / 3)) < 0.01);
        bool sawStart = false;
        for (QCustom3DItem* item : view->pathItems())
            sawStart = sawStart || (std::abs(item->position().x() - lab->startX()->value()) < 1e-4
                                    && std::abs(item->position().z() - lab->startY()->value()) < 1e-4);
        QVERIFY(sawStart);
        QCOMPARE(nonFiniteOnCharts(lab), QString());
        keep(window.get(), QStringLiteral("bowl-normal"));
        window->setPresenting(true);
        lab->findChild<QCheckBox*>(QStringLiteral("only3d"))->setChecked(true);
        QVERIFY(QTest::qWaitFor([&] { return view->width() > lab->figureArea()->width() * 3 / 4; }, test::waitMs(5000)));
        QTest::qWait(50);
        keep(window.get(), QStringLiteral("bowl-presenting"));
        window->setPresenting(false);
    }

    void antLabShowsTheTerrainOnlyOnceRevealed()
    {
        auto* lab = openLab<AntLab>(QStringLiteral("local-minima"));
        QVERIFY(lab);
        QVERIFY(settle());
        SurfaceView3D* view = lab->view3d();
        QVERIFY(view);
        QVERIFY(!view->hasGrid());   // hidden: nothing to see in 3-D either
        QCOMPARE(view->series()->dataProxy()->rowCount(), 0);
        // Not an empty box beside the map: the view and its controls wait for the reveal.
        auto controlsEnabled = [&] {
            int on = 0;
            for (const char* key : {"reset3d", "logHeight", "only3d"})
                if (auto* w = lab->controls()->findChild<QWidget*>(QString::fromLatin1(key)); w && w->isEnabled()) ++on;
            return on;
        };
        QVERIFY(!view->isVisible());
        QCOMPARE(controlsEnabled(), 0);
        lab->markGuess(QPointF(1, -1));
        lab->reveal();
        QVERIFY(settle());
        QVERIFY(QTest::qWaitFor([&] { return view->hasGrid(); }, test::waitMs(10000)));
        QVERIFY(view->isVisible());
        QCOMPARE(controlsEnabled(), 3);
        const Grid2D& g = view->grid();
        const Grid2D reference = evaluateGrid(lab->terrain(), lab->terrain().domain(), g.rows, g.cols);
        const QSurfaceDataArray* rows = view->series()->dataProxy()->array();
        for (int r = 0; r < g.rows; r += 11)
            for (int c = 0; c < g.cols; c += 13) QCOMPARE(rows->at(r)->at(c).y(), float(reference.at(r, c)));
        QCOMPARE(view->minimumLabels().size(), qsizetype(lab->terrain().minima().size()));
        QCOMPARE(view->pathItems().size(), qsizetype(1));   // the guess
        QVERIFY(std::abs(view->pathItems().front()->position().x() - 1) < 1e-6);
        QVERIFY(distinctColours(view->renderImage(QSize(640, 480))) >= 100);
        QCOMPARE(nonFiniteOnCharts(lab), QString());
        keep(window.get(), QStringLiteral("ant-revealed"));
        lab->newTerrain();
        QVERIFY(settle());
        QVERIFY(!view->hasGrid());
        QVERIFY(!view->isVisible());
        QVERIFY(lab->map()->isVisible());
    }

    void chordLabDrawsTheFunctionAndTheChord()
    {
        auto* lab = openLab<ChordLab>(QStringLiteral("convexity"));
        QVERIFY(lab);
        QVERIFY(settle());
        SurfaceView3D* view = lab->view3d();
        QVERIFY(view);
        QLabel* note = lab->view3dNote();
        QVERIFY(note);
        auto choose = [&](const char* key) {
            lab->functionBox()->setCurrentIndex(lab->functionBox()->findData(QString::fromLatin1(key)));
            return settle();
        };
        auto type = [&](const QString& text) {
            QVERIFY(choose("typed"));
            lab->typedEdit()->setText(text);
            QTest::keyClick(lab->typedEdit(), Qt::Key_Return);
            QVERIFY(settle());
        };

        // sin x has a graph, not a surface: no 3-D view, and one line why.
        QCOMPARE(lab->current().dimension, 1);
        QVERIFY(!view->isVisibleTo(lab));
        QVERIFY(!view->hasGrid());
        QVERIFY(note->isVisibleTo(lab));
        QVERIFY(note->text().contains(QStringLiteral("f(x) has a graph, not a surface")));
        QVERIFY(!lab->findChild<QCheckBox*>(QStringLiteral("only3d"))->isEnabled());

        // Himmelblau, coloured on the map by log of its values: the surface holds its values on the
        // map's grid, and has the map's colours at every height.
        QVERIFY(choose("himmelblau"));
        QVERIFY(QTest::qWaitFor([&] { return view->hasGrid(); }, test::waitMs(10000)));
        QVERIFY(view->isVisibleTo(lab));
        QVERIFY(!note->isVisibleTo(lab));
        QVERIFY(lab->current().logColours);
        QCOMPARE(view->colours(), SurfaceColours::Log);
        const ChordFunction f = lab->current();
        const QSurfaceDataArray* rows = view->series()->dataProxy()->array();
        QVERIFY(rows && rows->size() > 100);
        const QImage map = lab->heatMap()->image();
        QCOMPARE(map.height(), int(rows->size()));
        const QValue3DAxis* heights = view->graph()->axisY();
        // The surface wears the map's picture: the texture's row r is the grid's row r (y(r), the
        // map's image counts its rows from the top), each cell the map's colour.
        const QImage texture = view->series()->texture();
        QCOMPARE(texture.size(), map.size());
        int compared = 0;
        for (qsizetype r = 0; r < rows->size(); r += 6)
            for (qsizetype c = 0; c < rows->at(r)->size(); c += 6) {
                const QVector3D p = rows->at(r)->at(c).position();
                QVERIFY(std::abs(p.y() - f.f(p.x(), p.z())) < 1e-4 * (1 + std::abs(p.y())));
                const QColor drawn = texture.pixelColor(int(c), int(r));
                const QColor onMap = map.pixelColor(int(c), map.height() - 1 - int(r));
                QVERIFY2(colourDistance(drawn, onMap) <= 1,
                         qPrintable(QStringLiteral("cell %1, %2: 3-D %3, map %4").arg(r).arg(c).arg(drawn.name(), onMap.name())));
                ++compared;
            }
        QVERIFY(compared > 300);
        // Beside the map, the map's colour bar is the key of both; alone, the view shows the same bar.
        auto* mapBar = lab->findChild<ColourBar*>(QStringLiteral("valueColourBar"));
        QVERIFY(mapBar);
        QVERIFY(mapBar->isVisibleTo(lab));
        QVERIFY(!view->colourBar()->isVisibleTo(lab));
        auto* only = lab->findChild<QCheckBox*>(QStringLiteral("only3d"));
        QVERIFY(only && only->isEnabled());
        only->setChecked(true);
        QVERIFY(view->colourBar()->isVisibleTo(lab));
        QVERIFY(!lab->chart()->isVisibleTo(lab));
        QStringList mapTicks, viewTicks;
        for (const ColourBar::Tick& t : mapBar->ticks()) mapTicks << t.label;
        for (const ColourBar::Tick& t : view->colourBar()->ticks()) viewTicks << t.label;
        QCOMPARE(viewTicks, mapTicks);
        only->setChecked(false);
        QVERIFY(lab->chart()->isVisibleTo(lab));
        QVERIFY(!view->colourBar()->isVisibleTo(lab));
        QVERIFY(distinctColours(view->renderImage(QSize(640, 480))) >= 100);
        keep(window.get(), QStringLiteral("chord-himmelblau"));
        if (!qEnvironmentVariableIsEmpty("MINIMA_3D_SHOTS")) view->renderImage(QSize(900, 700)).save(QDir(qEnvironmentVariable("MINIMA_3D_SHOTS")).filePath(QStringLiteral("chord-himmelblau-3d.png")));

        // x² − y², on the map's linear scale. A chord along y lies under the surface; one along x
        // over it. Its ends sit on the surface at f(A) and f(B).
        QVERIFY(choose("saddle"));
        QVERIFY(QTest::qWaitFor([&] { return view->hasGrid() && view->colours() == SurfaceColours::Linear; }, test::waitMs(10000)));
        const ChordFunction saddle = lab->current();
        auto middle = [](const QList<QCustom3DItem*>& dots) { return dots[dots.size() / 2]->position(); };
        lab->setChord(QPointF(0, -1.5), QPointF(0, 1.5));
        QList<QCustom3DItem*> ends = view->chordEnds(), chord = view->chordDots(), under = view->chordSurfaceDots();
        QCOMPARE(ends.size(), qsizetype(2));
        QVERIFY(chord.size() >= 20);
        QVERIFY(under.size() >= 20);
        for (int k = 0; k < 2; ++k) {
            const QVector3D p = ends[k]->position();
            QVERIFY(std::abs(p.x()) < 1e-6);
            QVERIFY(std::abs(p.z() - (k == 0 ? -1.5 : 1.5)) < 1e-6);
            const double h = view->heightOf(saddle.f(0, k == 0 ? -1.5 : 1.5));
            QVERIFY(p.y() >= h && p.y() < h + 0.05 * (heights->max() - heights->min()));
        }
        for (QCustom3DItem* dot : under) {
            const QVector3D p = dot->position();
            QVERIFY(std::abs(p.x()) < 1e-6 && p.z() >= -1.5f && p.z() <= 1.5f);
            const float lift = ends[0]->position().y() - float(view->heightOf(-2.25));
            QVERIFY(std::abs(p.y() - float(view->heightOf(saddle.f(p.x(), p.z()))) - lift) < 1e-3f);
        }
        QVERIFY(middle(under).y() > middle(chord).y() + 1);   // -y² at y = 0 is 2.25 over the chord
        keep(window.get(), QStringLiteral("chord-saddle-under"));
        lab->setChord(QPointF(-1.5, 0), QPointF(1.5, 0));
        chord = view->chordDots();
        under = view->chordSurfaceDots();
        QVERIFY(middle(under).y() < middle(chord).y() - 1);
        for (QCustom3DItem* dot : view->chordDots()) QVERIFY(std::abs(dot->position().y() - ends[0]->position().y()) < 1e-4);
        QCOMPARE(nonFiniteOnCharts(lab), QString());
        keep(window.get(), QStringLiteral("chord-saddle-over"));

        // log(x) + y² is undefined for x ≤ 0: nothing non-finite reaches the surface, and a line says
        // how those cells are drawn; a chord with an end there is not drawn.
        type(QStringLiteral("log(x) + y^2"));
        QVERIFY(QTest::qWaitFor([&] { return view->hasGrid() && view->undefinedCells() > 0; }, test::waitMs(10000)));
        const QSurfaceDataArray* logRows = view->series()->dataProxy()->array();
        for (const QSurfaceDataRow* row : *logRows)
            for (const QSurfaceDataItem& item : *row) QVERIFY(std::isfinite(item.y()));
        QVERIFY(note->isVisibleTo(lab));
        QVERIFY(note->text().contains(QStringLiteral("undefined")));
        lab->setChord(QPointF(-1, 0), QPointF(1, 1));
        QVERIFY(view->chordEnds().isEmpty());
        lab->setChord(QPointF(0.5, -1), QPointF(2, 1));
        QCOMPARE(view->chordEnds().size(), qsizetype(2));
        QCOMPARE(nonFiniteOnCharts(lab), QString());
        keep(window.get(), QStringLiteral("chord-log"));

        // A function that cannot be read leaves no surface and no chord in 3-D.
        type(QStringLiteral("x^2 + ("));
        QVERIFY(!lab->hasFunction());
        QVERIFY(!view->hasGrid());
        QCOMPARE(view->series()->dataProxy()->rowCount(), 0);
        QVERIFY(view->chordEnds().isEmpty());
        QVERIFY(view->chordDots().isEmpty());
        QVERIFY(view->chordSurfaceDots().isEmpty());
        QVERIFY(!note->isVisibleTo(lab));

        // Read again, then a function of x alone: the view steps aside.
        type(QStringLiteral("x^2 + y^2"));
        QVERIFY(QTest::qWaitFor([&] { return view->hasGrid(); }, test::waitMs(10000)));
        QCOMPARE(view->chordEnds().size(), qsizetype(2));
        type(QStringLiteral("x^4 - x^2"));
        QVERIFY(!view->isVisibleTo(lab));
        QVERIFY(!view->hasGrid());
        QVERIFY(note->isVisibleTo(lab));
    }

    // Exported as SVG, PDF or PNG, a figure shows its 3-D view where it is, not a blank window.
    void exportedFiguresShowThe3DView()
    {
        QString why;
        auto* lab = openWithSurface<BowlLab>(QStringLiteral("convexity"), &why);
        QVERIFY2(lab, qPrintable(why));
        SurfaceView3D* view = lab->view3d();
        QWidget* figure = lab->figureArea();
        const QWidget* c = view->graphContainer();
        const QRectF where(QPointF(c->mapTo(figure, QPoint(0, 0))), QSizeF(c->size()));
        QVERIFY(where.width() > 100 && where.height() > 100);
        QString error;

        const QString svg = dir->filePath(QStringLiteral("figure.svg"));
        QVERIFY2(exportFigure(figure, svg, &error), qPrintable(error));
        const QList<SvgImage> images = svgImages(svg);
        const SvgImage* covering = nullptr;
        for (const SvgImage& image : images)
            if (std::abs(image.rect.left() - where.left()) < 1.5 && std::abs(image.rect.top() - where.top()) < 1.5
                && std::abs(image.rect.width() - where.width()) < 1.5 && std::abs(image.rect.height() - where.height()) < 1.5)
                covering = &image;
        QVERIFY2(covering, qPrintable(QStringLiteral("%1 images, none over the 3-D view at %2, %3, %4 x %5")
                                          .arg(images.size()).arg(where.x()).arg(where.y()).arg(where.width()).arg(where.height())));
        QVERIFY(!covering->image.isNull());
        QVERIFY(covering->image.width() >= where.width());
        QVERIFY2(distinctColours(covering->image) >= 50, qPrintable(QString::number(distinctColours(covering->image))));

        // The PDF holds a picture of the view's size, at twice its pixels.
        const QString pdf = dir->filePath(QStringLiteral("figure.pdf"));
        QVERIFY2(exportFigure(figure, pdf, &error), qPrintable(error));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray pdfBytes = pdfFile.readAll();
        QVERIFY(pdfBytes.contains("/Width " + QByteArray::number(c->width() * 2)));

        // The PNG: the area of the 3-D view is mostly not the background.
        const QString png = dir->filePath(QStringLiteral("figure.png"));
        QVERIFY2(exportFigure(figure, png, &error), qPrintable(error));
        const QImage exported = QImage(png).convertToFormat(QImage::Format_RGB32);
        const qreal ratio = exported.devicePixelRatio();
        const QRect area((where.topLeft() * ratio).toPoint(), (where.size() * ratio).toSize());
        const QRgb background = exported.pixel(area.topLeft() + QPoint(2, 2));
        int drawn = 0, total = 0;
        for (int y = area.top(); y <= area.bottom(); y += 2)
            for (int x = area.left(); x <= area.right(); x += 2) {
                ++total;
                if (exported.pixel(x, y) != background) ++drawn;
            }
        QVERIFY2(drawn > total / 10, qPrintable(QStringLiteral("%1 of %2").arg(drawn).arg(total)));
        QVERIFY(distinctColours(exported.copy(area)) >= 50);
    }

    // A short soak over the labs with a 3-D view: random controls, clicks, keys in the view,
    // presentation; nothing non-finite on a chart or in a view.
    void shortSoak()
    {
        const auto labs = labsWith3D();
        QCOMPARE(labs.size(), qsizetype(4));   // the ant's terrain, the descent lab, the chord lab, the bowl
        QRandomGenerator rng(20261202);
        int checked = 0;
        for (const auto& [lesson, tab] : labs) {
            QVERIFY(window->openLesson(lesson));
            auto* page = qobject_cast<LessonPage*>(window->currentPage());
            page->tabs()->setCurrentIndex(tab);
            QWidget* lab = page->tabs()->widget(tab);
            QVERIFY(settle());
            SurfaceView3D* view = lab->findChild<SurfaceView3D*>();
            for (int i = 0; i < 30; ++i) {
                const int kind = int(rng.bounded(100));
                if (kind < 35) {
                    QList<QWidget*> numeric;
                    for (auto* s : lab->findChildren<QSpinBox*>()) if (s->isEnabled() && s->isVisible()) numeric << s;
                    for (auto* s : lab->findChildren<QDoubleSpinBox*>()) if (s->isEnabled() && s->isVisible()) numeric << s;
                    if (!numeric.isEmpty()) {
                        QWidget* w = numeric[int(rng.bounded(numeric.size()))];
                        const double t = rng.generateDouble();
                        if (auto* s = qobject_cast<QSpinBox*>(w)) s->setValue(s->minimum() + int(t * (double(s->maximum()) - s->minimum())));
                        else if (auto* d = qobject_cast<QDoubleSpinBox*>(w)) d->setValue(d->minimum() + t * (d->maximum() - d->minimum()));
                    }
                } else if (kind < 50) {
                    QList<QComboBox*> combos;
                    for (auto* cb : lab->findChildren<QComboBox*>()) if (cb->isEnabled() && cb->isVisible()) combos << cb;
                    if (!combos.isEmpty()) {
                        QComboBox* cb = combos[int(rng.bounded(combos.size()))];
                        cb->setCurrentIndex(int(rng.bounded(cb->count())));
                    }
                } else if (kind < 70) {
                    QList<QAbstractButton*> buttons;
                    for (auto* b : lab->findChildren<QAbstractButton*>())
                        if (b->isEnabled() && b->isVisible() && !b->text().contains(QStringLiteral("…"))) buttons << b;
                    if (!buttons.isEmpty()) QTest::mouseClick(buttons[int(rng.bounded(buttons.size()))], Qt::LeftButton);
                } else if (kind < 85 && view && view->hasGrid()) {
                    static const Qt::Key keys[] = {Qt::Key_Left, Qt::Key_Right, Qt::Key_Up, Qt::Key_Down, Qt::Key_Plus, Qt::Key_Minus, Qt::Key_Home};
                    QTest::keyClick(view->graph(), keys[rng.bounded(7)]);
                    if (rng.bounded(2)) view->series()->setSelectedPoint(QPoint(int(rng.bounded(view->grid().rows)), int(rng.bounded(view->grid().cols))));
                } else if (kind < 90) {
                    window->setPresenting(!window->isPresenting());
                } else {
                    QVERIFY(settle());
                }
                QCoreApplication::processEvents();
                if (i % 10 == 9) {
                    const QString problem = nonFiniteOnCharts(lab);
                    QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("%1 tab %2, action %3: %4").arg(lesson).arg(tab).arg(i).arg(problem)));
                    ++checked;
                }
            }
            QVERIFY(settle());
            QCOMPARE(nonFiniteOnCharts(lab), QString());
            window->setPresenting(false);
        }
        QVERIFY(checked > 0);
    }

    // Every numeric control and choice of those labs at its extremes: the figures finish and
    // nothing non-finite is drawn, in 2-D or 3-D.
    void extremes()
    {
        const auto labs = labsWith3D();
        QVERIFY(!labs.isEmpty());
        for (const auto& [lesson, tab] : labs) {
            QVERIFY(window->openLesson(lesson));
            auto* page = qobject_cast<LessonPage*>(window->currentPage());
            page->tabs()->setCurrentIndex(tab);
            QWidget* lab = page->tabs()->widget(tab);
            QVERIFY(settle());
            auto check = [&](const QString& what) {
                QVERIFY2(settle(), qPrintable(what + QStringLiteral(": still computing")));
                const QString problem = nonFiniteOnCharts(lab);
                QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("%1 tab %2, %3: %4").arg(lesson).arg(tab).arg(what, problem)));
            };
            for (QSpinBox* spin : lab->findChildren<QSpinBox*>()) {
                if (!spin->isEnabled() || !spin->isVisibleTo(lab)) continue;
                const int original = spin->value();
                for (int v : {spin->minimum(), spin->maximum(), original}) {
                    spin->setValue(v);
                    check(spin->objectName() + QStringLiteral(" = ") + QString::number(v));
                }
            }
            for (QDoubleSpinBox* spin : lab->findChildren<QDoubleSpinBox*>()) {
                if (!spin->isEnabled() || !spin->isVisibleTo(lab)) continue;
                const double original = spin->value();
                for (double v : {spin->minimum(), spin->maximum(), original}) {
                    spin->setValue(v);
                    check(spin->objectName() + QStringLiteral(" = ") + QString::number(v));
                }
            }
            for (QComboBox* combo : lab->findChildren<QComboBox*>()) {
                if (!combo->isEnabled() || !combo->isVisibleTo(lab)) continue;
                const int original = combo->currentIndex();
                for (int i = 0; i < combo->count(); ++i) {
                    combo->setCurrentIndex(i);
                    check(combo->objectName() + QStringLiteral(" = ") + combo->itemText(i));
                    if (auto* log = lab->findChild<QCheckBox*>(QStringLiteral("logHeight"))) {
                        log->toggle();
                        check(QStringLiteral("log height on ") + combo->itemText(i));
                        log->toggle();
                    }
                }
                combo->setCurrentIndex(original);
                check(combo->objectName());
            }
        }
    }
};

QTEST_MAIN(TestSurface3D)
#include "tst_surface3d.moc"
