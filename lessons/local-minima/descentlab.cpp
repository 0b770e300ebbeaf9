#include "lessons/local-minima/descentlab.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QStackedBarSeries>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/surface3d.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/wrappedlabel.h"
#include "lessons/local-minima/surfacemap.h"

namespace minima {

namespace {
constexpr int kCells = 161;        // heat map samples per axis
constexpr double kBowlAngle = 0.5; // radians: the bowl's axes are turned, so its contours are tilted ellipses

struct SurfaceDefaults {
    const char* key;
    double rate;
    int steps;
};
// Rates that converge on each surface without crawling (the bowl's limit is 2/λmax = 0.2).
constexpr SurfaceDefaults kDefaults[] = {
    {"bowl", 0.05, 300}, {"himmelblau", 0.01, 500}, {"camel", 0.02, 1000}, {"terrain", 0.1, 1000}};

QColor basinColor(int label)
{
    if (label == kDiverged) return QColor(0x20, 0x20, 0x20);
    if (label < 0) return QColor(0x9a, 0x9a, 0x9a);
    return seriesColor(label);
}

// The basins as an image, row 0 on top; `colours` holds basinColor(k) for the minima
// (cycled) and is read on the GUI thread, so this can run in the job.
QImage basinsImage(const BasinsResult& b, const QList<QRgb>& colours)
{
    if (b.grid < 1 || colours.isEmpty()) return {};
    const QRgb diverged = basinColor(kDiverged).rgb(), none = basinColor(kUnconverged).rgb();
    QImage img(b.grid, b.grid, QImage::Format_RGB32);
    for (int r = 0; r < b.grid; ++r) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(b.grid - 1 - r));
        for (int c = 0; c < b.grid; ++c) {
            const int label = b.labels[std::size_t(r) * std::size_t(b.grid) + std::size_t(c)];
            line[c] = label == kDiverged ? diverged : label < 0 ? none : colours[label % colours.size()];
        }
    }
    return img;
}
} // namespace

QString minimumLetter(int index) { return QString(QChar(char16_t(u'A' + index % 26))); }

DescentLab::DescentLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      map_(new SurfaceMap),
      lossChart_(new FigureChart),
      shareChart_(new FigureChart),
      path_(new QLineSeries),
      pathCasing_(new QLineSeries),
      startMarker_(new QScatterSeries),
      endMarker_(new QScatterSeries),
      lossSeries_(new QLineSeries),
      lossX_(makeValueAxis()),
      lossY_(makeValueAxis()),
      shares_(new QStackedBarSeries),
      shareCategories_(new QBarCategoryAxis),
      shareAxis_(makeValueAxis())
{
    setObjectName(QStringLiteral("descentLab"));
    ControlStrip* c = controls();
    QComboBox* surfaceBox = c->addChoice(QStringLiteral("surface"), tr("Surface"),
                                         {{tr("Quadratic bowl (convex)"), QStringLiteral("bowl")},
                                          {tr("Himmelblau"), QStringLiteral("himmelblau")},
                                          {tr("Six-hump camel"), QStringLiteral("camel")},
                                          {tr("Terrain of wells"), QStringLiteral("terrain")}},
                                         1);
    surfaceBox->setAccessibleName(tr("Error surface"));
    QDoubleSpinBox* rate = c->addNumber(QStringLiteral("learningRate"), tr("Learning rate"), 0.0001, 2.0, 0.01, 4);
    rate->setSingleStep(0.005);
    rate->setAccessibleName(tr("Learning rate"));
    QSpinBox* steps = c->addInteger(QStringLiteral("steps"), tr("Steps"), 1, 5000, 500);
    steps->setSingleStep(50);
    steps->setAccessibleName(tr("Number of steps"));
    c->newRow();
    QDoubleSpinBox* x = c->addNumber(QStringLiteral("startX"), tr("Start x"), -5, 5, 0, 2);
    QDoubleSpinBox* y = c->addNumber(QStringLiteral("startY"), tr("y"), -5, 5, 0, 2);
    x->setSingleStep(0.1);
    y->setSingleStep(0.1);
    x->setAccessibleName(tr("Start x"));
    y->setAccessibleName(tr("Start y"));
    runButton_ = c->addAction(QStringLiteral("run"), tr("Run from here"));
    runButton_->setAccessibleName(tr("Run gradient descent from the start point"));
    skipButton_ = c->addAction(QStringLiteral("skipToEnd"), tr("Skip to end"));
    skipButton_->setAccessibleName(tr("Skip the animation to its end"));
    QCheckBox* basinsBox = c->addToggle(QStringLiteral("showBasins"), tr("Basins of attraction"), false,
                                        tr("Colour every start by the minimum gradient descent reaches from it"));
    basinsBox->setAccessibleName(tr("Show the basins of attraction"));
    // The box only chooses what the map shows: the shares are always computed.
    c->setRecomputes(QStringLiteral("showBasins"), false);

    // The map: heat map or basins, the minima, the trajectory (white on a dark casing: a
    // colour no basin and no part of viridis has).
    map_->setObjectName(QStringLiteral("descentMap"));
    map_->setAccessibleName(tr("The surface: click a start point, or use the arrow keys and Enter"));
    pathCasing_->setObjectName(QStringLiteral("trajectoryCasing"));
    pathCasing_->setPen(QPen(QColor(0x10, 0x10, 0x10), 5));
    map_->addXY(pathCasing_);
    path_->setObjectName(QStringLiteral("trajectory"));
    path_->setName(tr("gradient descent"));
    path_->setPen(QPen(Qt::white, 2.5));
    path_->setPointsVisible(false);
    map_->addXY(path_);
    startMarker_->setObjectName(QStringLiteral("start"));
    startMarker_->setName(tr("start"));
    startMarker_->setMarkerSize(13);
    startMarker_->setColor(Qt::white);
    startMarker_->setBorderColor(Qt::black);
    map_->addXY(startMarker_);
    endMarker_->setObjectName(QStringLiteral("end"));
    endMarker_->setName(tr("end"));
    endMarker_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    endMarker_->setMarkerSize(13);
    endMarker_->setColor(Qt::white);
    endMarker_->setBorderColor(Qt::black);
    map_->addXY(endMarker_);
    for (QLegendMarker* m : map_->chart()->legend()->markers(pathCasing_)) m->setVisible(false);
    map_->restyle();

    // Loss per step.
    QChart* lc = lossChart_->chart();
    lossChart_->setObjectName(QStringLiteral("lossChart"));
    lossChart_->setAccessibleName(tr("Loss per step"));
    lc->setTitle(tr("Loss per step"));
    lossX_->setTitleText(tr("step"));
    lossY_->setTitleText(tr("loss f(x, y)"));
    lc->addAxis(lossX_, Qt::AlignBottom);
    lc->addAxis(lossY_, Qt::AlignLeft);
    lossSeries_->setObjectName(QStringLiteral("loss"));
    lossSeries_->setName(tr("loss along the path"));
    lc->addSeries(lossSeries_);
    lossSeries_->attachAxis(lossX_);
    lossSeries_->attachAxis(lossY_);
    lossSeries_->setPen(QPen(hueColor(Hue::Ink), 2));
    lossChart_->restyle();

    // Each minimum's share of starts, one bar per minimum in its basin's colour.
    QChart* sc = shareChart_->chart();
    shareChart_->setObjectName(QStringLiteral("shareChart"));
    shareChart_->setAccessibleName(tr("Share of starts that reach each minimum"));
    shares_->setObjectName(QStringLiteral("shares"));
    shares_->setBarWidth(0.8);
    sc->addSeries(shares_);
    shareCategories_->setTitleText(tr("minimum reached"));
    sc->addAxis(shareCategories_, Qt::AlignBottom);
    shares_->attachAxis(shareCategories_);
    setNiceRange(shareAxis_, 0, 1, 5);
    shareAxis_->setTitleText(tr("share of starts"));
    sc->addAxis(shareAxis_, Qt::AlignLeft);
    shares_->attachAxis(shareAxis_);
    shareChart_->restyle();

    auto* figures = new QWidget;
    auto* grid = new QGridLayout(figures);
    grid->setContentsMargins(0, 0, 0, 0);
    QWidget* mapCell = withKey(map_);
    // withKey put the map in its cell; the colour bar goes beside it, its space always kept.
    auto* mapRow = new QWidget;
    auto* h = new QHBoxLayout(mapRow);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(mapCell, 1);
    ColourBar* bar = map_->colourBar();
    bar->setParent(mapRow);
    QSizePolicy keep = bar->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    bar->setSizePolicy(keep);
    h->addWidget(bar);
    // The surface in 3-D beside the map, where OpenGL can draw it, with the loss and the shares
    // in the row under both: the map (with its colour bar, the key of both) takes three fifths
    // of the width, so on a projector's 1366 x 768 its plot is as wide as the 3-D view;
    // otherwise the map alone and one sentence why.
    QString no3d;
    if (surface3DAvailable(&no3d)) {
        view3d_ = new SurfaceView3D;
        view3d_->setAccessibleName(tr("The surface in 3-D, with the run on it"));
        view3d_->setColourBarShown(false);   // the map's bar, beside it, is the key of both
        auto* under = new QWidget;
        auto* row = new QHBoxLayout(under);
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(lossChart_);
        row->addWidget(shareChart_);
        grid->addWidget(mapRow, 0, 0);
        grid->addWidget(view3d_, 0, 1);
        grid->addWidget(under, 1, 0, 1, 2);
        grid->setRowStretch(0, 3);
        grid->setRowStretch(1, 2);
        grid->setColumnStretch(0, 3);
        grid->setColumnStretch(1, 2);
        c->newRow();
        QCheckBox* only = view3d_->addControls(c);
        connect(only, &QCheckBox::toggled, this, [this, grid, mapRow, under](bool on) {
            mapRow->setVisible(!on);
            under->setVisible(!on);
            view3d_->setColourBarShown(on);
            grid->setColumnStretch(0, on ? 0 : 3);
            grid->setRowStretch(1, on ? 0 : 2);
        });
        connect(view3d_, &SurfaceView3D::pointChosen, map_, &SurfaceMap::pointChosen);
    } else {
        if (!no3d.isEmpty()) {
            auto* why = new WrappedLabel(no3d);
            why->setObjectName(QStringLiteral("surface3dUnavailable"));
            addNote(why);
        }
        grid->addWidget(mapRow, 0, 0, 2, 1);
        grid->addWidget(lossChart_, 0, 1);
        grid->addWidget(shareChart_, 1, 1);
        grid->setColumnStretch(0, 3);
        grid->setColumnStretch(1, 2);
    }
    addFigureWidget(figures);
    lc->legend()->hide();
    sc->legend()->hide();

    timer_.setInterval(30);
    connect(&timer_, &QTimer::timeout, this, [this] {
        const int n = int(result_.points.size());
        revealed_ = std::min(n, revealed_ + std::max(1, n / 90));
        showRevealed();
        if (revealed_ >= n) {
            timer_.stop();
            updateReadout();
        }
    });
    connect(surfaceBox, &QComboBox::currentIndexChanged, this, &DescentLab::surfaceChanged);
    connect(runButton_, &QPushButton::clicked, this, &DescentLab::animate);
    connect(skipButton_, &QPushButton::clicked, this, &DescentLab::skipToEnd);
    connect(basinsBox, &QCheckBox::toggled, this, &DescentLab::showMap);
    connect(map_, &SurfaceMap::pointChosen, this, [this](const QPointF& at) {
        const QSignalBlocker bx(startX()), by(startY());
        startX()->setValue(at.x());
        startY()->setValue(at.y());
        animate();
    });
    surfaceChanged();   // Himmelblau: four minima, the lesson's main example
    recompute();
}

DescentLab::~DescentLab() = default;

QComboBox* DescentLab::surfaceBox() const { return qobject_cast<QComboBox*>(controls()->control(QStringLiteral("surface"))); }
QDoubleSpinBox* DescentLab::learningRate() const
{
    return qobject_cast<QDoubleSpinBox*>(controls()->control(QStringLiteral("learningRate")));
}
QSpinBox* DescentLab::steps() const { return qobject_cast<QSpinBox*>(controls()->control(QStringLiteral("steps"))); }
QDoubleSpinBox* DescentLab::startX() const { return qobject_cast<QDoubleSpinBox*>(controls()->control(QStringLiteral("startX"))); }
QDoubleSpinBox* DescentLab::startY() const { return qobject_cast<QDoubleSpinBox*>(controls()->control(QStringLiteral("startY"))); }
QCheckBox* DescentLab::basinsBox() const { return qobject_cast<QCheckBox*>(controls()->control(QStringLiteral("showBasins"))); }

SurfaceOptions DescentLab::options() const
{
    SurfaceOptions o;
    o.bowlAngle = kBowlAngle;
    return o;
}

std::unique_ptr<Surface> DescentLab::surface() const
{
    return makeSurface(surfaceBox()->currentData().toString().toStdString(), options());
}

QString DescentLab::basinsKey() const
{
    return QStringLiteral("%1 %2 %3").arg(surfaceBox()->currentData().toString()).arg(learningRate()->value(), 0, 'g', 17).arg(steps()->value());
}

bool DescentLab::basinsShown() const { return basinsBox()->isChecked() && basinsKey_ == basinsKey() && basins_.grid > 0; }

void DescentLab::surfaceChanged()
{
    const QString key = surfaceBox()->currentData().toString();
    const auto s = surface();
    for (const SurfaceDefaults& d : kDefaults) {
        if (key == QLatin1String(d.key)) {
            learningRate()->setValue(d.rate);
            steps()->setValue(d.steps);
        }
    }
    const Domain d = s->domain();
    map_->setDomain(d);
    map_->chart()->setTitle(surfaceBox()->currentText());
    startX()->setRange(d.xMin, d.xMax);
    startY()->setRange(d.yMin, d.yMax);
    startX()->setValue(s->defaultStart().x());
    startY()->setValue(s->defaultStart().y());

    // One marker series per known minimum: a letter on the map, the same letter in the shares.
    for (QScatterSeries* m : minimaSeries_) {
        map_->chart()->removeSeries(m);
        delete m;
    }
    minimaSeries_.clear();
    const auto minima = s->minima();
    for (std::size_t k = 0; k < minima.size(); ++k) {
        auto* m = new QScatterSeries;
        m->setObjectName(QStringLiteral("minimum%1").arg(minimumLetter(int(k))));
        m->setName(tr("%1 %2").arg(minimumLetter(int(k)), formatPoint(minima[k].at.x(), minima[k].at.y())));
        m->append(minima[k].at.x(), minima[k].at.y());
        m->setMarkerShape(minima[k].global ? QScatterSeries::MarkerShapeStar : QScatterSeries::MarkerShapeCircle);
        m->setMarkerSize(minima[k].global ? 20 : 13);
        m->setColor(minima[k].global ? hueColor(Hue::Vermillion) : hueColor(Hue::SkyBlue));
        m->setBorderColor(Qt::white);
        m->setPointLabelsFormat(minimumLetter(int(k)));
        m->setPointLabelsVisible(true);
        m->setPointLabelsColor(Qt::white);
        QFont f = m->pointLabelsFont();
        f.setBold(true);
        f.setPointSizeF(font().pointSizeF() * 1.15);
        m->setPointLabelsFont(f);
        m->setPointLabelsClipping(false);
        map_->addXY(m);
        for (QLegendMarker* lm : map_->chart()->legend()->markers(m)) lm->setVisible(false);
        minimaSeries_.append(m);
    }
    map_->restyle();
    if (view3d_) {
        QList<Marked3DMinimum> marked;
        for (std::size_t k = 0; k < minima.size(); ++k)
            marked.append({minima[k].at.x(), minima[k].at.y(), minima[k].value, minimumLetter(int(k)), minima[k].global});
        if (pictureKey_ != key) view3d_->clearGrid();
        view3d_->setMinima(marked);
    }
    result_ = OptimizeResult{};
    showRevealed();
}

void DescentLab::animate()
{
    animateNext_ = true;
    recompute();
}

void DescentLab::skipToEnd()
{
    animateNext_ = false;
    timer_.stop();
    revealed_ = int(result_.points.size());
    showRevealed();
    if (!isBusy()) updateReadout();
}

void DescentLab::run()
{
    timer_.stop();
    OptimizeParams p;
    p.surface = surfaceBox()->currentData().toString().toStdString();
    p.surfaceOptions = options();
    p.optimizer.learningRate = learningRate()->value();
    p.steps = steps()->value();
    p.start = Point2(startX()->value(), startY()->value());
    const QString pictureKey = surfaceBox()->currentData().toString();
    const QString bKey = basinsKey();
    const bool needPicture = pictureKey != pictureKey_;
    const bool needBasins = bKey != basinsKey_;
    BasinsExperimentParams bp;
    bp.surface = p.surface;
    bp.surfaceOptions = p.surfaceOptions;
    bp.optimizer = p.optimizer;
    bp.steps = p.steps;
    // 128² starts while the runs are short; long runs (every start takes every step on a
    // surface where nothing converges) on 64², so the map stays a matter of seconds.
    bp.grid = p.steps <= kLongRun ? kBasinGrid : kBasinGrid / 2;
    if (needBasins && basinsBox()->isChecked()) map_->hidePicture();
    QList<QRgb> colours;   // the series colours cycle after seven
    for (int k = 0; k < 7; ++k) colours.append(basinColor(k).rgb());
    const QString message = needBasins ? tr("Running gradient descent from %1 starts…").arg(bp.grid * bp.grid)
                                       : tr("Descending…");
    runJob<View>(
        message,
        [=](Progress& progress) {
            View v;
            v.pictureKey = pictureKey;
            v.basinsKey = bKey;
            try {
                v.result = runOptimize(p);
            } catch (const std::exception& e) {
                v.error = QString::fromUtf8(e.what());
            }
            if (needPicture) {
                const auto surf = makeSurface(p.surface, p.surfaceOptions);
                v.picture = pictureSurface(*surf, surf->domain(), kCells, 16, progress);
                v.hasPicture = true;
            }
            if (needBasins && !progress.cancelled()) {
                v.basins = runBasinsExperiment(bp, progress).basins;
                v.hasBasins = !v.basins.cancelled;
                if (v.hasBasins) v.basinsImage = basinsImage(v.basins, colours);
            }
            return v;
        },
        [this](const View& v) { showView(v); });
}

void DescentLab::showView(const View& v)
{
    result_ = v.result;
    runError_ = v.error;
    if (v.hasPicture) {
        picture_ = v.picture;
        pictureKey_ = v.pictureKey;
        // The 3-D surface a turn after the map: the map and the surface at once held the interface too long.
        if (view3d_) showNext([this] { show3D(); });
    }
    if (v.hasBasins) {
        basins_ = v.basins;
        basinsImage_ = v.basinsImage;
        basinsKey_ = v.basinsKey;
        // The bars a turn after the map: both at once held the interface for longer than a frame.
        showNext([this] { showBasins(); });
    }
    showMap();
    if (animateNext_ && !result_.points.empty()) {
        animateNext_ = false;
        revealed_ = 1;
        showRevealed();
        timer_.start();
        return;
    }
    animateNext_ = false;
    revealed_ = int(result_.points.size());
    showRevealed();
    updateReadout();
}

void DescentLab::showMap()
{
    if (basinsShown()) {
        map_->setCategories(basinsImage_);
    } else if (!basinsBox()->isChecked() && pictureKey_ == surfaceBox()->currentData().toString()) {
        map_->setPicture(picture_);
    } else {
        map_->hidePicture();
    }
}

void DescentLab::showRevealed()
{
    const int n = std::min(revealed_, int(result_.points.size()));
    QList<QPointF> pts, losses;
    pts.reserve(n);
    losses.reserve(n);
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < n; ++i) {
        const Point2& q = result_.points[std::size_t(i)];
        const double l = result_.losses[std::size_t(i)];
        if (!q.allFinite() || !std::isfinite(l)) break;   // never hand a non-finite point to a chart
        pts.append(QPointF(q.x(), q.y()));
        losses.append(QPointF(i, l));
        lo = std::min(lo, l);
        hi = std::max(hi, l);
    }
    path_->replace(pts);
    pathCasing_->replace(pts);
    startMarker_->replace(pts.isEmpty() ? QList<QPointF>{} : QList<QPointF>{pts.front()});
    const bool done = n == int(result_.points.size()) && n > 0;
    endMarker_->replace(done ? QList<QPointF>{pts.back()} : QList<QPointF>{});
    lossSeries_->replace(losses);
    if (view3d_) {
        QList<QVector3D> xyf;
        xyf.reserve(pts.size());
        for (qsizetype i = 0; i < pts.size(); ++i) xyf.append(QVector3D(float(pts[i].x()), float(pts[i].y()), float(losses[i].y())));
        view3d_->setPath(xyf, done);
    }
    setNiceRange(lossX_, 0, std::max(1, int(result_.points.size()) - 1), 6);
    if (!losses.isEmpty()) {
        const double pad = hi > lo ? 0.05 * (hi - lo) : std::max(1e-3, std::abs(hi) * 0.05);
        setNiceRange(lossY_, lo >= 0 ? std::max(0.0, lo - pad) : lo - pad, hi + pad);
    }
    if (!done && timer_.isActive()) setReadout(tr("Descending… step %1 of %2.").arg(std::max(0, n - 1)).arg(result_.steps));
}

void DescentLab::updateReadout()
{
    if (timer_.isActive()) return;
    if (!runError_.isEmpty()) {
        setReadout(tr("Could not run: %1").arg(runError_.toHtmlEscaped()), true);
        return;
    }
    if (result_.points.empty()) return;
    const Point2 end = result_.finalPoint;
    QString where;
    if (result_.nearestMinimum >= 0 && result_.distanceToNearest < 1e-2)
        where = tr("minimum <b>%1</b> %2, f = %3")
                    .arg(minimumLetter(result_.nearestMinimum),
                         formatPoint(result_.minima[std::size_t(result_.nearestMinimum)].at.x(),
                                     result_.minima[std::size_t(result_.nearestMinimum)].at.y()),
                         formatNumber(result_.minima[std::size_t(result_.nearestMinimum)].value));
    QString text;
    switch (result_.status) {
    case RunStatus::Diverged:
        text = tr("<b>Diverged at step %1</b>: the learning rate %2 is too large for the curvature here; each step "
                  "overshoots further. The path is drawn up to the last finite point.")
                   .arg(result_.divergedAtStep)
                   .arg(formatNumber(learningRate()->value()));
        break;
    case RunStatus::Converged:
        text = where.isEmpty() ? tr("Stopped at %1 after %2 steps: the gradient vanished, but not at a minimum "
                                    "(a saddle or a maximum).")
                                     .arg(formatPoint(end.x(), end.y(), 3))
                                     .arg(result_.steps)
                               : tr("Converged after %1 steps to %2.").arg(result_.steps).arg(where);
        break;
    default:
        text = where.isEmpty() ? tr("Still moving after %1 steps, at %2 (f = %3): more steps or a larger rate.")
                                     .arg(result_.steps)
                                     .arg(formatPoint(end.x(), end.y(), 3), formatNumber(result_.finalValue))
                               : tr("After %1 steps: at %2 (f = %3), in %4.")
                                     .arg(result_.steps)
                                     .arg(formatPoint(end.x(), end.y(), 3), formatNumber(result_.finalValue), where);
        break;
    }
    if (basinsKey_ == basinsKey() && basins_.grid > 0) {
        QStringList parts;
        for (std::size_t k = 0; k < basins_.basins.size(); ++k)
            parts << QStringLiteral("%1 %2 %").arg(minimumLetter(int(k)), formatNumber(100 * basins_.basins[k].share));
        if (basins_.unconvergedStarts > 0) parts << tr("none %1 %").arg(formatNumber(100 * basins_.unconvergedShare));
        if (basins_.divergedStarts > 0) parts << tr("diverged %1 %").arg(formatNumber(100 * basins_.divergedShare));
        text += QStringLiteral("<br>") + tr("Of %1 starts on a %2 × %2 grid: %3.")
                                             .arg(basins_.grid * basins_.grid)
                                             .arg(basins_.grid)
                                             .arg(parts.join(QStringLiteral(", ")));
    }
    setReadout(text);
}

void DescentLab::show3D()
{
    if (!view3d_ || pictureKey_ != surfaceBox()->currentData().toString()) return;
    view3d_->setGrid(picture_.grid, picture_.low, picture_.high);
}

void DescentLab::showBasins()
{
    const BasinsResult& b = basins_;
    if (b.grid < 1) return;
    // Category k holds bar k only: set k is share_k there and 0 elsewhere. The categories are
    // short (a letter), so they are never cut; the shares are in the readout.
    struct Bar {
        QString category;
        double share;
        QColor colour;
    };
    QList<Bar> bars;
    for (std::size_t k = 0; k < b.basins.size(); ++k) bars.append({minimumLetter(int(k)), b.basins[k].share, basinColor(int(k))});
    if (b.unconvergedStarts > 0) bars.append({tr("none"), b.unconvergedShare, basinColor(kUnconverged)});
    if (b.divergedStarts > 0) bars.append({tr("diverged"), b.divergedShare, basinColor(kDiverged)});
    shares_->clear();
    QStringList categories;
    for (const Bar& bar : bars) categories << bar.category;
    shareCategories_->setCategories(categories);
    shareCategories_->setLabelsAngle(bars.size() > 6 ? -45 : 0);
    for (int i = 0; i < bars.size(); ++i) {
        auto* set = new QBarSet(bars[i].category);
        for (int j = 0; j < bars.size(); ++j) set->append(i == j ? bars[i].share : 0.0);
        set->setColor(bars[i].colour);
        set->setBorderColor(Qt::transparent);
        shares_->append(set);
    }
    int reached = 0;
    for (const BasinShare& s : b.basins) reached += s.starts > 0;
    shareChart_->chart()->setTitle(reached == 0   ? tr("No start reached a minimum")
                                   : reached == 1 ? tr("One basin of attraction")
                                                  : tr("%1 basins of attraction").arg(reached));
    shareChart_->restyle();
}

} // namespace minima
