#include "lessons/common/charts/surface3d.h"

#include <QCheckBox>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLinearGradient>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QtDataVisualization/Q3DCamera>
#include <QtDataVisualization/Q3DScene>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/Q3DTheme>
#include <QtDataVisualization/QCustom3DItem>
#include <QtDataVisualization/QCustom3DLabel>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>
#include <QtDataVisualization/QValue3DAxis>
#include <QtDataVisualization/QValue3DAxisFormatter>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"

namespace minima {

namespace {

bool allowed = true;

constexpr int kDots = 40;             // path points drawn at most, spread along the path's length
constexpr int kChordDots = 41;        // dots along a chord, and along the surface under it
constexpr int kGradientStops = 33;    // stops of the height gradient that follows the map's colours
constexpr float kDotSize = 0.03f;    // marker sizes, as fractions of the graph
constexpr float kMarkerSize = 0.06f;
constexpr float kChordDotSize = 0.022f;
constexpr double kLabelFontScale = 12;  // the axis labels' font, in widget fonts

// Axis labels as the rest of Minima writes numbers: "100", "0.25", a true minus sign.
class NumberAxisFormatter : public QValue3DAxisFormatter {
public:
    using QValue3DAxisFormatter::QValue3DAxisFormatter;

protected:
    QValue3DAxisFormatter* createNewInstance() const override { return new NumberAxisFormatter; }
    QString stringForValue(qreal value, const QString&) const override
    {
        const QValue3DAxis* a = axis();
        const double step = a && a->segmentCount() > 0 ? (a->max() - a->min()) / a->segmentCount() : 0;
        return step > 0 ? formatTick(value, step) : formatNumber(value);
    }
};

QImage swatch(const QColor& colour)
{
    QImage img(2, 2, QImage::Format_RGB32);
    img.fill(colour);
    return img;
}

} // namespace

void setSurface3DAllowed(bool on) { allowed = on; }

bool surface3DAvailable(QString* why)
{
    if (why) why->clear();
    if (!allowed) return false;
    if (QGuiApplication::platformName() == QLatin1String("offscreen")) {
        if (why) *why = QObject::tr("The 3-D view needs a display with OpenGL; here there is none, so the map is shown alone.");
        return false;
    }
    // Tried once: a context that cannot be made now will not be made later in this process.
    static const bool canMake = [] {
        QOffscreenSurface surface;
        surface.create();
        QOpenGLContext context;
        return surface.isValid() && context.create() && context.makeCurrent(&surface) && (context.doneCurrent(), true);
    }();
    if (!canMake && why)
        *why = QObject::tr("The 3-D view needs OpenGL, and no OpenGL context could be made here, so the map is shown alone.");
    return canMake;
}

SurfaceView3D::SurfaceView3D(QWidget* parent)
    : QWidget(parent),
      graph_(new Q3DSurface),
      series_(new QSurface3DSeries),
      axisX_(new QValue3DAxis),
      axisY_(new QValue3DAxis),
      axisZ_(new QValue3DAxis),
      colourBar_(new ColourBar(this))
{
    setObjectName(QStringLiteral("surface3d"));
    graph_->setObjectName(QStringLiteral("surface3dGraph"));
    container_ = QWidget::createWindowContainer(graph_, this);
    container_->setObjectName(QStringLiteral("surface3dContainer"));
    container_->setFocusPolicy(Qt::StrongFocus);
    container_->setMinimumSize(160, 140);
    container_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    container_->setAccessibleName(tr("The surface in 3-D: click a start point; drag with the right button or use the "
                                     "arrow keys to turn it, the wheel or + and - to zoom, Home to reset"));
    auto* h = new QHBoxLayout(this);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(container_, 1);
    h->addWidget(colourBar_);
    colourBar_->setObjectName(QStringLiteral("surface3dColourBar"));
    colourBar_->setLabel(tr("f(x, y)"));
    colourBar_->setSqrtScale(true);
    QSizePolicy keep = colourBar_->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    colourBar_->setSizePolicy(keep);
    colourBar_->hide();

    for (QValue3DAxis* a : {axisX_, axisY_, axisZ_}) {
        a->setFormatter(new NumberAxisFormatter);
        a->setTitleVisible(true);
        a->setSegmentCount(4);
        a->setSubSegmentCount(1);
        a->setLabelAutoRotation(90);   // labels and titles turn towards the camera, never read mirrored
        a->setTitleFixed(false);
    }
    axisX_->setTitle(QStringLiteral("x"));
    axisZ_->setTitle(QStringLiteral("y"));
    axisY_->setTitle(tr("f(x, y)"));
    graph_->setAxisX(axisX_);
    graph_->setAxisY(axisY_);
    graph_->setAxisZ(axisZ_);
    graph_->setHorizontalAspectRatio(1.0f);
    graph_->setSelectionMode(QAbstract3DGraph::SelectionItem);
    graph_->setShadowQuality(QAbstract3DGraph::ShadowQualityNone);
    series_->setDrawMode(QSurface3DSeries::DrawSurface);
    series_->setFlatShadingEnabled(false);
    series_->setColorStyle(Q3DTheme::ColorStyleRangeGradient);
    series_->setItemLabelFormat(QStringLiteral("(@xLabel, @zLabel): @yLabel"));
    graph_->addSeries(series_);

    start_ = makeMarker(QStringLiteral(":/meshes/octahedron.obj"), Qt::white, kMarkerSize);
    end_ = makeMarker(QStringLiteral(":/meshes/cube.obj"), Qt::white, kMarkerSize * 0.8f);
    for (int i = 0; i < kDots; ++i) dots_.append(makeMarker(QStringLiteral(":/meshes/octahedron.obj"), Qt::white, kDotSize));
    // The chord in the slice chart's colours: vermillion for the chord and its ends, blue for f.
    for (QCustom3DItem*& end : chordEnd_)
        end = makeMarker(QStringLiteral(":/meshes/octahedron.obj"), hueColor(Hue::Vermillion), kMarkerSize);
    for (int i = 0; i < kChordDots; ++i) {
        chordDots_.append(makeMarker(QStringLiteral(":/meshes/cube.obj"), hueColor(Hue::Vermillion), kChordDotSize));
        surfaceDots_.append(makeMarker(QStringLiteral(":/meshes/cube.obj"), hueColor(Hue::Blue), kChordDotSize));
    }

    connect(series_, &QSurface3DSeries::selectedPointChanged, this, [this](const QPoint& at) {
        if (at == QSurface3DSeries::invalidSelectionPosition() || !hasGrid()) return;
        if (at.x() < 0 || at.x() >= grid_.rows || at.y() < 0 || at.y() >= grid_.cols) return;
        emit pointChosen(QPointF(grid_.x(at.y()), grid_.y(at.x())));
        // The start marker shows the point now: the selection and its label would hide it.
        QTimer::singleShot(0, series_, [s = series_] { s->setSelectedPoint(QSurface3DSeries::invalidSelectionPosition()); });
    });
    graph_->installEventFilter(this);
    applyTheme();
    resetView();
}

SurfaceView3D::~SurfaceView3D() = default;   // the container owns the graph, the graph its series and items

QCustom3DItem* SurfaceView3D::makeMarker(const QString& mesh, const QColor& colour, float size)
{
    auto* item = new QCustom3DItem;
    item->setMeshFile(mesh);
    item->setTextureImage(swatch(colour));
    item->setScaling(QVector3D(size, size, size));
    item->setScalingAbsolute(true);
    item->setShadowCasting(false);
    item->setVisible(false);
    graph_->addCustomItem(item);
    return item;
}

double SurfaceView3D::heightOf(double value) const
{
    const double v = std::isfinite(value) ? std::clamp(value, low_, high_) : high_;
    return log_ ? std::log10(1 + (v - low_)) : v;
}

QColor SurfaceView3D::colourOf(double value) const
{
    return viridis(colourPosition(std::isfinite(value) ? value : high_, low_, high_, colours_));
}

void SurfaceView3D::setGrid(const Grid2D& grid, double low, double high, SurfaceColours colours)
{
    // A new result on the same surface (another learning rate) leaves the surface as it is.
    if (hasGrid() && grid.rows == grid_.rows && grid.cols == grid_.cols && grid.values == grid_.values && low == low_
        && high == high_ && colours == colours_ && grid.domain.xMin == grid_.domain.xMin
        && grid.domain.xMax == grid_.domain.xMax && grid.domain.yMin == grid_.domain.yMin
        && grid.domain.yMax == grid_.domain.yMax)
        return;
    const bool sized = grid.rows > 1 && grid.cols > 1 && grid.values.size() == std::size_t(grid.rows) * std::size_t(grid.cols);
    if (!sized) {
        clearGrid();
        return;
    }
    grid_ = grid;
    low_ = std::isfinite(low) ? low : 0;
    high_ = std::isfinite(high) && high > low_ ? high : low_ + 1;
    colours_ = colours;
    undefined_ = int(std::count_if(grid_.values.begin(), grid_.values.end(), [](double v) { return !std::isfinite(v); }));
    // The plane's axes span the grid's domain exactly; their ticks are nice when the domain's
    // ends are (they are for every surface Minima ships).
    auto plane = [](QValue3DAxis* axis, double lo, double hi) {
        axis->setRange(float(lo), float(hi));
        const NiceTicks t = niceTicks(lo, hi, 5);
        const bool nice = std::abs(t.from - lo) < 1e-9 * (hi - lo) && std::abs(t.to - hi) < 1e-9 * (hi - lo);
        axis->setSegmentCount(nice ? std::max(1, int(std::lround((hi - lo) / t.step))) : 4);
    };
    plane(axisX_, grid_.domain.xMin, grid_.domain.xMax);
    plane(axisZ_, grid_.domain.yMin, grid_.domain.yMax);
    colourBar_->setSqrtScale(colours_ == SurfaceColours::Sqrt);
    colourBar_->setRange(low_, high_, colours_ == SurfaceColours::Log);
    colourBar_->setVisible(barShown_);
    applyHeights();
}

void SurfaceView3D::clearGrid()
{
    grid_ = Grid2D{};
    undefined_ = 0;
    series_->dataProxy()->resetArray(nullptr);
    colourBar_->hide();
    placeItems();
}

void SurfaceView3D::setColourBarShown(bool on)
{
    barShown_ = on;
    QSizePolicy keep = colourBar_->sizePolicy();
    keep.setRetainSizeWhenHidden(on);
    colourBar_->setSizePolicy(keep);
    colourBar_->setVisible(on && hasGrid());
}

void SurfaceView3D::setLogHeight(bool on)
{
    if (on == log_) return;
    log_ = on;
    if (hasGrid()) applyHeights();
}

void SurfaceView3D::applyHeights()
{
    // Row r of the proxy is y(r), column c is x(c): the grid's own order, ascending on both.
    auto* rows = new QSurfaceDataArray;
    rows->reserve(grid_.rows);
    for (int r = 0; r < grid_.rows; ++r) {
        auto* row = new QSurfaceDataRow(grid_.cols);
        const float y = float(grid_.y(r));
        for (int c = 0; c < grid_.cols; ++c) (*row)[c].setPosition(QVector3D(float(grid_.x(c)), float(heightOf(grid_.at(r, c))), y));
        rows->append(row);
    }
    series_->dataProxy()->resetArray(rows);

    // The height axis on round ticks around the values drawn, few enough for labels a
    // projector can show.
    const NiceTicks ticks = niceTicks(heightOf(low_), heightOf(high_), 4);
    const double h0 = ticks.from, h1 = ticks.to;
    axisY_->setRange(float(h0), float(h1));
    axisY_->setSegmentCount(std::max(1, int(std::lround((h1 - h0) / ticks.step))));
    axisY_->setTitle(log_ ? tr("log₁₀(1 + f − %1)").arg(formatNumber(low_)) : tr("f(x, y)"));
    // The gradient spans the height axis; each stop takes the map's colour of the value drawn
    // at that height, so a point has the colour it has on the map, linear or log.
    QLinearGradient gradient(0, 0, 1, 0);
    for (int i = 0; i < kGradientStops; ++i) {
        const double p = double(i) / (kGradientStops - 1);
        const double h = h0 + p * (h1 - h0);
        gradient.setColorAt(p, colourOf(log_ ? low_ + std::pow(10.0, h) - 1 : h));
    }
    series_->setBaseGradient(gradient);
    // The surface wears the map's own picture: each cell the colour it has on the map (grey
    // where undefined), exact at any scale, where a gradient over the height would blur a log
    // scale's steep floor.
    QImage texture(grid_.cols, grid_.rows, QImage::Format_RGB32);
    const QRgb missing = qRgb(0x90, 0x90, 0x90);
    for (int r = 0; r < grid_.rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(texture.scanLine(r));
        for (int c = 0; c < grid_.cols; ++c) {
            const double v = grid_.at(r, c);
            line[c] = std::isfinite(v) ? colourOf(v).rgb() : missing;
        }
    }
    series_->setTexture(texture);
    placeItems();
}

void SurfaceView3D::setMinima(const QList<Marked3DMinimum>& minima)
{
    for (QCustom3DLabel* l : minimumLabels_) graph_->removeCustomItem(l);
    minimumLabels_.clear();
    minima_ = minima;
    for (const Marked3DMinimum& m : minima_) {
        auto* label = new QCustom3DLabel;
        label->setText(m.letter);
        label->setFacingCamera(true);
        label->setBorderEnabled(true);
        label->setBackgroundEnabled(true);
        label->setBackgroundColor(m.global ? hueColor(Hue::Vermillion) : hueColor(Hue::SkyBlue));
        label->setTextColor(Qt::white);
        QFont f = font();
        f.setBold(true);
        f.setPointSizeF(f.pointSizeF() * 3);
        label->setFont(f);
        label->setScaling(QVector3D(2.5f, 2.5f, 2.5f));
        label->setVisible(false);
        graph_->addCustomItem(label);
        minimumLabels_.append(label);
    }
    placeItems();
}

void SurfaceView3D::setPath(const QList<QVector3D>& xyf, bool finished)
{
    path_.clear();
    for (const QVector3D& p : xyf) {
        if (!std::isfinite(p.x()) || !std::isfinite(p.y()) || !std::isfinite(p.z())) break;
        path_.append(p);
    }
    finished_ = finished && path_.size() == xyf.size();
    placeItems();
}

QList<QCustom3DItem*> SurfaceView3D::pathItems() const
{
    QList<QCustom3DItem*> out;
    for (QCustom3DItem* item : graph_->customItems())
        if (item->isVisible() && (item == start_ || item == end_ || dots_.contains(item))) out << item;
    return out;
}

void SurfaceView3D::setChord(const QVector3D& a, const QVector3D& b, const QList<QVector3D>& along)
{
    auto finite = [](const QVector3D& p) { return std::isfinite(p.x()) && std::isfinite(p.y()) && std::isfinite(p.z()); };
    hasChord_ = finite(a) && finite(b);
    chordA_ = a;
    chordB_ = b;
    chordAlong_.clear();
    if (hasChord_)
        for (const QVector3D& p : along)
            if (finite(p)) chordAlong_.append(p);
    placeChord();
}

void SurfaceView3D::clearChord()
{
    hasChord_ = false;
    chordAlong_.clear();
    placeChord();
}

namespace {
QList<QCustom3DItem*> visibleOf(const QList<QCustom3DItem*>& items)
{
    QList<QCustom3DItem*> out;
    for (QCustom3DItem* item : items)
        if (item->isVisible()) out << item;
    return out;
}
} // namespace

QList<QCustom3DItem*> SurfaceView3D::chordEnds() const { return visibleOf({chordEnd_[0], chordEnd_[1]}); }
QList<QCustom3DItem*> SurfaceView3D::chordDots() const { return visibleOf(chordDots_); }
QList<QCustom3DItem*> SurfaceView3D::chordSurfaceDots() const { return visibleOf(surfaceDots_); }

QVector3D SurfaceView3D::placed(double x, double y, double f) const
{
    // Markers sit a little above the surface, so they are not buried in it.
    const double lift = 0.015 * (heightOf(high_) - heightOf(low_));
    return QVector3D(float(std::clamp(x, grid_.domain.xMin, grid_.domain.xMax)), float(heightOf(f) + lift),
                     float(std::clamp(y, grid_.domain.yMin, grid_.domain.yMax)));
}

void SurfaceView3D::placeChord()
{
    const bool on = hasGrid() && hasChord_;
    const QVector3D ends[2] = {chordA_, chordB_};
    for (int k = 0; k < 2; ++k) {
        if (on) chordEnd_[k]->setPosition(placed(ends[k].x(), ends[k].y(), ends[k].z()));
        if (chordEnd_[k]->isVisible() != on) chordEnd_[k]->setVisible(on);
    }
    // The chord's dots evenly between A and B, whose markers are its ends; the surface's dots
    // spread evenly over the points given.
    for (int d = 0; d < kChordDots; ++d) {
        const double t = double(d + 1) / (kChordDots + 1);
        if (on) {
            const QVector3D p = chordA_ + float(t) * (chordB_ - chordA_);
            chordDots_[d]->setPosition(placed(p.x(), p.y(), p.z()));
        }
        if (chordDots_[d]->isVisible() != on) chordDots_[d]->setVisible(on);
    }
    const qsizetype n = on ? chordAlong_.size() : 0, pool = surfaceDots_.size();
    for (qsizetype d = 0; d < pool; ++d) {
        const bool shown = d < n;
        if (shown) {
            const qsizetype i = n <= pool ? d : qsizetype(std::lround(double(d) * double(n - 1) / double(pool - 1)));
            const QVector3D& p = chordAlong_[i];
            surfaceDots_[d]->setPosition(placed(p.x(), p.y(), p.z()));
        }
        if (surfaceDots_[d]->isVisible() != shown) surfaceDots_[d]->setVisible(shown);
    }
}

void SurfaceView3D::placeItems()
{
    const bool on = hasGrid();
    const double lift = 0.015 * (heightOf(high_) - heightOf(low_));
    for (int k = 0; k < minimumLabels_.size(); ++k) {
        const Marked3DMinimum& m = minima_[k];
        minimumLabels_[k]->setPosition(placed(m.x, m.y, m.value) + QVector3D(0, float(15 * lift), 0));   // above, so a run ending there shows
        minimumLabels_[k]->setVisible(on);
    }
    const bool any = on && !path_.isEmpty();
    if (any) start_->setPosition(placed(path_.front().x(), path_.front().y(), path_.front().z()));
    start_->setVisible(any);
    if (any && finished_) end_->setPosition(placed(path_.back().x(), path_.back().y(), path_.back().z()));
    end_->setVisible(any && finished_);

    // A dot at every step of a short path; on a long one, dots spread evenly along its length in
    // the plane (steps shrink near a minimum, so spreading by step number would pile them up there).
    QList<int> chosen;
    if (any && path_.size() - 2 <= kDots) {
        for (int i = 1; i + 1 < int(path_.size()); ++i) chosen.append(i);
    } else if (any) {
        QList<double> along{0};
        for (qsizetype i = 1; i < path_.size(); ++i)
            along.append(along.back() + std::hypot(double(path_[i].x() - path_[i - 1].x()), double(path_[i].y() - path_[i - 1].y())));
        const double total = along.back();
        qsizetype i = 1;
        for (int d = 1; d <= kDots && total > 0; ++d) {
            const double want = total * d / (kDots + 1);
            while (i < path_.size() - 1 && along[i] < want) ++i;
            if (i >= path_.size() - 1) break;
            if (chosen.isEmpty() || chosen.back() != int(i)) chosen.append(int(i));
        }
    }
    for (int d = 0; d < dots_.size(); ++d) {
        const bool shown = d < chosen.size();
        if (shown) {
            const QVector3D& p = path_[chosen[d]];
            dots_[d]->setPosition(placed(p.x(), p.y(), p.z()));
        }
        if (dots_[d]->isVisible() != shown) dots_[d]->setVisible(shown);
    }
    placeChord();
}

void SurfaceView3D::resetView()
{
    Q3DCamera* camera = graph_->scene()->activeCamera();
    camera->setCameraPreset(Q3DCamera::CameraPresetIsometricRightHigh);
    camera->setTarget(QVector3D(0, 0, 0));
    camera->setZoomLevel(80);   // the whole box, labels and titles, fits a wide or a tall view
}

QImage SurfaceView3D::renderImage(const QSize& size) const
{
    const QSize s = size.isValid() && !size.isEmpty() ? size : container_->size();
    return graph_->renderToImage(4, s.expandedTo(QSize(16, 16)));
}

QImage SurfaceView3D::grabWithGraph() const
{
    QImage img = const_cast<SurfaceView3D*>(this)->grab().toImage();
    QPainter painter(&img);
    const qreal ratio = img.devicePixelRatio();
    const QRect where(container_->pos(), container_->size());
    painter.drawImage(where, renderImage(container_->size() * ratio));
    return img;
}

QCheckBox* SurfaceView3D::addControls(ControlStrip* strip)
{
    QPushButton* reset = strip->addAction(QStringLiteral("reset3d"), tr("Reset 3-D view"),
                                          tr("Turn and zoom the 3-D view back to where it started"));
    reset->setAccessibleName(tr("Reset the 3-D view"));
    connect(reset, &QPushButton::clicked, this, &SurfaceView3D::resetView);
    QCheckBox* logBox = strip->addToggle(QStringLiteral("logHeight"), tr("Log height"), false,
                                         tr("Draw the heights as log₁₀(1 + f − the lowest value), for a surface whose values span decades"));
    logBox->setAccessibleName(tr("Draw the 3-D heights on a log scale"));
    strip->setRecomputes(QStringLiteral("logHeight"), false);
    connect(logBox, &QCheckBox::toggled, this, &SurfaceView3D::setLogHeight);
    QCheckBox* only = strip->addToggle(QStringLiteral("only3d"), tr("3-D only"), false,
                                       tr("Let the 3-D view take the whole figure area"));
    only->setAccessibleName(tr("Show the 3-D view alone"));
    strip->setRecomputes(QStringLiteral("only3d"), false);
    controls_ = {reset, logBox, only};
    return only;
}

void SurfaceView3D::setControlsEnabled(bool on)
{
    for (QWidget* w : controls_)
        if (w) w->setEnabled(on);
}

void SurfaceView3D::applyTheme()
{
    Q3DTheme* theme = graph_->activeTheme();
    const QPalette pal = palette();
    theme->setBackgroundColor(pal.color(QPalette::Base));
    theme->setWindowColor(pal.color(QPalette::Base));
    theme->setLabelTextColor(pal.color(QPalette::Text));
    theme->setLabelBackgroundColor(pal.color(QPalette::Base));
    theme->setLabelBorderEnabled(false);
    QColor gridColour = pal.color(QPalette::Text);
    gridColour.setAlphaF(0.35f);
    theme->setGridLineColor(gridColour);
    theme->setSingleHighlightColor(hueColor(Hue::Vermillion));
    // Soft light: a glare would whiten the colours the map's key gives the values.
    theme->setAmbientLightStrength(0.65f);
    theme->setLightStrength(2.0f);
    theme->setHighlightLightStrength(3.0f);
    // The labels' size in the graph follows this font's size: large enough to read on a
    // projector, and larger with the widget's font (larger text, presenting).
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * kLabelFontScale);
    theme->setFont(f);
}

void SurfaceView3D::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) applyTheme();
}

bool SurfaceView3D::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == graph_ && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        Q3DCamera* camera = graph_->scene()->activeCamera();
        switch (key->key()) {
        case Qt::Key_Left: camera->setXRotation(camera->xRotation() - 5); return true;
        case Qt::Key_Right: camera->setXRotation(camera->xRotation() + 5); return true;
        case Qt::Key_Up: camera->setYRotation(std::min(90.0f, camera->yRotation() + 5)); return true;
        case Qt::Key_Down: camera->setYRotation(std::max(0.0f, camera->yRotation() - 5)); return true;
        case Qt::Key_Plus:
        case Qt::Key_Equal: camera->setZoomLevel(std::min(500.0f, camera->zoomLevel() * 1.15f)); return true;
        case Qt::Key_Minus: camera->setZoomLevel(std::max(20.0f, camera->zoomLevel() / 1.15f)); return true;
        case Qt::Key_Home: resetView(); return true;
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void paintSurfaces(QPainter* painter, QWidget* widget, qreal scale)
{
    for (SurfaceView3D* view : widget->findChildren<SurfaceView3D*>()) {
        if (!view->isVisibleTo(widget) || !view->graphContainer()->isVisibleTo(widget)) continue;
        QWidget* c = view->graphContainer();
        const QRect where(c->mapTo(widget, QPoint(0, 0)), c->size());
        painter->drawImage(where, view->renderImage(c->size() * scale));
    }
}

QImage grabWithSurfaces(QWidget* widget)
{
    QImage img = widget->grab().toImage();
    QPainter painter(&img);
    for (SurfaceView3D* view : widget->findChildren<SurfaceView3D*>()) {
        if (!view->isVisibleTo(widget) || !view->graphContainer()->isVisibleTo(widget)) continue;
        QWidget* c = view->graphContainer();
        const QRect where(c->mapTo(widget, QPoint(0, 0)), c->size());
        painter.drawImage(where, view->renderImage(c->size() * img.devicePixelRatio()));
    }
    return img;
}

} // namespace minima
