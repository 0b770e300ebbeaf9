#include "lessons/spurious-minima/saddlelab.h"

#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/charts/contourmapchart.h"

namespace minima {

namespace {

// One hue per method, the same on the map and in the gradient-norm chart (Okabe-Ito).
Hue methodHue(SaddleMethod m)
{
    switch (m) {
    case SaddleMethod::GradientDescent: return Hue::Orange;
    case SaddleMethod::Newton: return Hue::Vermillion;
    case SaddleMethod::SaddleFreeNewton: return Hue::SkyBlue;
    case SaddleMethod::NoisyGradient: return Hue::BluishGreen;
    }
    return Hue::Orange;
}

QList<QPointF> toPoints(const std::vector<Point2>& points)
{
    QList<QPointF> out;
    out.reserve(qsizetype(points.size()));
    for (const Point2& p : points)
        if (p.allFinite()) out.append(QPointF(p.x(), p.y()));
    return out;
}

QString stepCount(int n) { return n == 1 ? SaddleLab::tr("1 step") : SaddleLab::tr("%1 steps").arg(n); }

void hideMarker(QChart* chart, QAbstractSeries* series)
{
    for (QLegendMarker* m : chart->legend()->markers(series)) m->setVisible(false);
}

} // namespace

QString SaddleLab::methodName(SaddleMethod method)
{
    switch (method) {
    case SaddleMethod::GradientDescent: return tr("gradient descent");
    case SaddleMethod::Newton: return tr("Newton");
    case SaddleMethod::SaddleFreeNewton: return tr("saddle-free Newton");
    case SaddleMethod::NoisyGradient: return tr("noisy gradient (SGD)");
    }
    return {};
}

SaddleLab::SaddleLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      map_(new ContourMapChart),
      normChart_(new FigureChart),
      escapeChart_(new FigureChart),
      startMarker_(new QScatterSeries),
      criticalMarker_(new QScatterSeries),
      boundary_(new QLineSeries),
      normX_(makeValueAxis()),
      normY_(new QLogValueAxis),
      escapeX_(new QLogValueAxis),
      escapeY_(makeValueAxis()),
      closedForm_(new QLineSeries),
      measured_(new QScatterSeries),
      yourStart_(new QScatterSeries)
{
    setObjectName(QStringLiteral("saddleLab"));
    ControlStrip* c = controls();
    QComboBox* surface = c->addChoice(QStringLiteral("surface"), tr("Surface"),
                                      {{tr("Saddle 5x² − y²"), QStringLiteral("saddle")},
                                       {tr("Monkey saddle x³ − 3xy²"), QStringLiteral("monkey")},
                                       {tr("Plateau y²/2 − exp(−(x − 1)²/0.5)"), QStringLiteral("plateau")}},
                                      0);
    surface->setAccessibleName(tr("Surface"));
    QDoubleSpinBox* rate = c->addNumber(QStringLiteral("learningRate"), tr("Learning rate η"), 0.0001, 2.0, 0.05, 4, {},
                                        tr("The step size of gradient descent and of its noisy form; Newton's steps are whole"));
    rate->setSingleStep(0.01);
    QSpinBox* steps = c->addInteger(QStringLiteral("steps"), tr("Steps"), 1, 5000, 200);
    steps->setSingleStep(50);
    QDoubleSpinBox* radius = c->addNumber(QStringLiteral("radius"), tr("Escape radius R"), 0.05, 1.5, 1.0, 2, {},
                                          tr("A run has escaped the saddle once it is this far from it"));
    radius->setSingleStep(0.1);
    c->newRow();
    QDoubleSpinBox* noise = c->addNumber(QStringLiteral("noise"), tr("SGD noise σ"), 0.0, 5.0, 0.5, 2, {},
                                         tr("The noisy run adds σ times a standard normal to each gradient component"));
    noise->setSingleStep(0.1);
    c->addInteger(QStringLiteral("seed"), tr("Seed"), 1, 1000, 1, {}, tr("The seed of the noisy run's noise"));
    QDoubleSpinBox* floor = c->addNumber(QStringLiteral("eigenFloor"), tr("|λ| floor"), 0.001, 10.0, kDefaultEigenFloor, 3, {},
                                         tr("Saddle-free Newton divides by max(|λ|, floor) for each eigenvalue λ of the Hessian"));
    floor->setSingleStep(0.05);
    c->newRow();
    QDoubleSpinBox* x = c->addNumber(QStringLiteral("startX"), tr("Start x"), -3, 3, 1.5, 3);
    QDoubleSpinBox* y = c->addNumber(QStringLiteral("startY"), tr("y"), -3, 3, 0.01, 3);
    x->setSingleStep(0.05);
    y->setSingleStep(0.01);
    x->setAccessibleName(tr("Start x"));
    y->setAccessibleName(tr("Start y"));

    // The map: the escape boundary, the four paths (each on a dark casing), the start, the
    // critical point.
    map_->setObjectName(QStringLiteral("saddleMap"));
    map_->setAccessibleName(tr("The surface: click a start point, or type it in the start boxes"));
    boundary_->setObjectName(QStringLiteral("escapeBoundary"));
    boundary_->setPen(QPen(hueColor(Hue::Yellow), 2, Qt::DashLine));
    map_->addXY(boundary_);   // first: the map maps clicks through it
    // Each path is drawn narrower than the one before it, and every dark casing below every
    // path, so where two follow the same line (gradient descent and saddle-free Newton both
    // leave 5x² − y² up the y axis) both show.
    const double widths[] = {7.0, 5.5, 4.0, 2.5};
    for (std::size_t i = 0; i < kSaddleMethods.size(); ++i) {
        auto* casing = new QLineSeries;
        casing->setObjectName(QStringLiteral("casing_") + QString::fromStdString(saddleMethodKey(kSaddleMethods[i])));
        casing->setPen(QPen(QColor(0x10, 0x10, 0x10), widths[i] + 2.5));
        map_->addXY(casing);
        hideMarker(map_->chart(), casing);
        casings_.append(casing);
    }
    for (std::size_t i = 0; i < kSaddleMethods.size(); ++i) {
        const SaddleMethod m = kSaddleMethods[i];
        auto* path = new QLineSeries;
        path->setObjectName(QStringLiteral("path_") + QString::fromStdString(saddleMethodKey(m)));
        path->setName(methodName(m));
        path->setPen(QPen(hueColor(methodHue(m)), widths[i]));
        // Newton's methods take few steps: their points are marked.
        path->setPointsVisible(m == SaddleMethod::Newton || m == SaddleMethod::SaddleFreeNewton);
        path->setMarkerSize(5);
        map_->addXY(path);
        paths_.append(path);
    }
    criticalMarker_->setObjectName(QStringLiteral("criticalPoint"));
    criticalMarker_->setMarkerShape(QScatterSeries::MarkerShapeStar);
    criticalMarker_->setMarkerSize(18);
    criticalMarker_->setColor(Qt::white);
    criticalMarker_->setBorderColor(Qt::black);
    map_->addXY(criticalMarker_);
    startMarker_->setObjectName(QStringLiteral("start"));
    startMarker_->setName(tr("start (click the map)"));
    startMarker_->setMarkerSize(13);
    startMarker_->setColor(Qt::white);
    startMarker_->setBorderColor(Qt::black);
    map_->addXY(startMarker_);   // last: drawn above the paths
    map_->restyle();

    // The gradient norm per step, one curve per method, on a log axis.
    QChart* nc = normChart_->chart();
    normChart_->setObjectName(QStringLiteral("normChart"));
    normChart_->setAccessibleName(tr("Gradient norm per step"));
    nc->setTitle(tr("Gradient norm per step"));
    normX_->setTitleText(tr("step"));
    normY_->setTitleText(tr("|∇f| (log)"));
    nc->addAxis(normX_, Qt::AlignBottom);
    nc->addAxis(normY_, Qt::AlignLeft);
    setNiceRange(normX_, 0, 200);
    setLogRange(normY_, 1e-3, 10);
    for (SaddleMethod m : kSaddleMethods) {
        auto* s = new QLineSeries;
        s->setObjectName(QStringLiteral("norm_") + QString::fromStdString(saddleMethodKey(m)));
        s->setName(methodName(m));
        s->setPen(QPen(hueColor(methodHue(m)), 2));
        nc->addSeries(s);
        s->attachAxis(normX_);
        s->attachAxis(normY_);
        norms_.append(s);
    }
    normChart_->restyle();

    // Steps to leave R on 5x² − y² against |y0|: measured by gradient descent and the closed form.
    QChart* ec = escapeChart_->chart();
    escapeChart_->setObjectName(QStringLiteral("escapeChart"));
    escapeChart_->setAccessibleName(tr("Steps gradient descent needs to leave the saddle against the start's distance from the stable direction"));
    ec->setTitle(tr("Escaping 5x² − y²"));   // on every surface: the measurement is of this one (y₀ on its x axis)
    escapeX_->setTitleText(tr("|y₀| (log)"));
    escapeY_->setTitleText(tr("steps to reach R"));
    ec->addAxis(escapeX_, Qt::AlignBottom);
    ec->addAxis(escapeY_, Qt::AlignLeft);
    setLogRange(escapeX_, 1e-12, 0.1);
    setNiceRange(escapeY_, 0, 600);
    closedForm_->setObjectName(QStringLiteral("closedForm"));
    closedForm_->setName(tr("log(R/|y₀|) / log(1 + 2η)"));
    closedForm_->setPen(QPen(hueColor(Hue::Ink), 2));
    measured_->setObjectName(QStringLiteral("measuredEscape"));
    measured_->setName(tr("measured, gradient descent"));
    measured_->setMarkerSize(9);
    measured_->setColor(hueColor(Hue::Orange));
    measured_->setBorderColor(hueColor(Hue::Orange));
    yourStart_->setObjectName(QStringLiteral("yourStart"));
    yourStart_->setName(tr("the run from your start"));
    yourStart_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    yourStart_->setMarkerSize(12);
    yourStart_->setColor(Qt::transparent);
    yourStart_->setBorderColor(hueColor(Hue::Blue));
    yourStart_->setPen(QPen(hueColor(Hue::Blue), 2.5));
    for (QAbstractSeries* s : QList<QAbstractSeries*>{measured_, closedForm_, yourStart_}) {
        ec->addSeries(s);
        s->attachAxis(escapeX_);
        s->attachAxis(escapeY_);
    }
    escapeChart_->restyle();

    // The map with its colour bar on the left, the two charts stacked on the right.
    auto* figures = new QWidget;
    auto* grid = new QGridLayout(figures);
    grid->setContentsMargins(0, 0, 0, 0);
    auto* mapRow = new QWidget;
    auto* h = new QHBoxLayout(mapRow);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(withKey(map_), 1);
    map_->colourBar()->setParent(mapRow);
    h->addWidget(map_->colourBar());
    grid->addWidget(mapRow, 0, 0, 2, 1);
    grid->addWidget(withKey(normChart_), 0, 1);
    grid->addWidget(withKey(escapeChart_), 1, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    addFigureWidget(figures);

    connect(surface, &QComboBox::currentIndexChanged, this, &SaddleLab::surfaceChanged);
    connect(map_, &ContourMapChart::pointChosen, this, &SaddleLab::chooseStart);
    surfaceChanged();
    recompute();
}

SaddleLab::~SaddleLab() = default;

QComboBox* SaddleLab::surfaceBox() const { return qobject_cast<QComboBox*>(controls()->control(QStringLiteral("surface"))); }
QDoubleSpinBox* SaddleLab::learningRate() const { return qobject_cast<QDoubleSpinBox*>(controls()->control(QStringLiteral("learningRate"))); }
QSpinBox* SaddleLab::steps() const { return qobject_cast<QSpinBox*>(controls()->control(QStringLiteral("steps"))); }
QDoubleSpinBox* SaddleLab::noise() const { return qobject_cast<QDoubleSpinBox*>(controls()->control(QStringLiteral("noise"))); }
QSpinBox* SaddleLab::seed() const { return qobject_cast<QSpinBox*>(controls()->control(QStringLiteral("seed"))); }
QDoubleSpinBox* SaddleLab::eigenFloor() const { return qobject_cast<QDoubleSpinBox*>(controls()->control(QStringLiteral("eigenFloor"))); }
QDoubleSpinBox* SaddleLab::radius() const { return qobject_cast<QDoubleSpinBox*>(controls()->control(QStringLiteral("radius"))); }
QDoubleSpinBox* SaddleLab::startX() const { return qobject_cast<QDoubleSpinBox*>(controls()->control(QStringLiteral("startX"))); }
QDoubleSpinBox* SaddleLab::startY() const { return qobject_cast<QDoubleSpinBox*>(controls()->control(QStringLiteral("startY"))); }

QString SaddleLab::surfaceKey() const { return surfaceBox()->currentData().toString(); }

void SaddleLab::chooseStart(const QPointF& at)
{
    const Domain& d = map_->domain();
    {
        const QSignalBlocker bx(startX()), by(startY());
        startX()->setValue(std::clamp(at.x(), d.xMin, d.xMax));
        startY()->setValue(std::clamp(at.y(), d.yMin, d.yMax));
    }
    recompute();
}

void SaddleLab::surfaceChanged()
{
    const auto s = makeSaddleSurface(surfaceKey().toStdString());
    const Domain d = s->domain();
    map_->setDomain(d);
    map_->chart()->setTitle(surfaceBox()->currentText());
    {
        const QSignalBlocker bx(startX()), by(startY());
        startX()->setRange(d.xMin, d.xMax);
        startY()->setRange(d.yMin, d.yMax);
        startX()->setValue(s->defaultStart().x());
        startY()->setValue(s->defaultStart().y());
    }
    // On the plateau escaping is reaching the well (f <= −½): R does not apply.
    radius()->setEnabled(surfaceKey() != QLatin1String("plateau"));
    const KnownPoint k = s->knownPoints().front();
    criticalMarker_->replace(QList<QPointF>{QPointF(k.at.x(), k.at.y())});
    criticalMarker_->setName(k.kind == PointKind::Minimum ? tr("the minimum %1").arg(formatPoint(k.at.x(), k.at.y()))
                             : k.kind == PointKind::Degenerate ? tr("degenerate saddle %1").arg(formatPoint(k.at.x(), k.at.y()))
                                                                : tr("saddle %1").arg(formatPoint(k.at.x(), k.at.y())));
    boundary_->setName(surfaceKey() == QLatin1String("plateau") ? tr("f = −½: in the well") : tr("distance R from the saddle"));
    result_ = SaddlesResult{};
    for (QLineSeries* p : paths_) p->clear();
    for (QLineSeries* p : casings_) p->clear();
    map_->restyle();
}

void SaddleLab::run()
{
    SaddlesParams p;
    p.surface = surfaceKey().toStdString();
    p.start = Point2(startX()->value(), startY()->value());
    p.settings.learningRate = learningRate()->value();
    p.settings.steps = steps()->value();
    p.settings.noise = noise()->value();
    p.settings.seed = std::uint64_t(seed()->value());
    p.settings.radius = radius()->value();
    p.settings.eigenFloor = eigenFloor()->value();
    const QString key = surfaceKey();
    const bool needPicture = key != pictureKey_;
    runJob<View>(
        tr("Running the four methods…"),
        [p, key, needPicture](Progress& progress) {
            View v;
            try {
                v.result = runSaddles(p, progress);
                const auto surface = makeSaddleSurface(p.surface);
                for (const SaddlePath& path : v.result.paths) v.drawn.push_back(clipToDomain(path.points, surface->domain()));
                v.boundary = clipToDomain(escapeBoundary(p.surface, p.settings.radius), surface->domain());
                if (needPicture && !progress.cancelled()) {
                    const ContourMap cm = surfaceContourMap(*surface, surface->domain(), kCells, 14, progress);
                    v.picture = contourImage(cm);
                    v.low = cm.low;
                    v.high = cm.high;
                    v.hasPicture = !v.picture.isNull();
                    v.pictureKey = key;
                }
            } catch (const std::exception& e) {
                v.error = QString::fromUtf8(e.what());
            }
            return v;
        },
        [this](const View& v) { showView(v); });
}

void SaddleLab::showView(const View& v)
{
    if (v.result.cancelled) return;
    result_ = v.result;
    error_ = v.error;
    if (v.hasPicture && v.pictureKey == surfaceKey()) {
        map_->setImage(v.picture, v.low, v.high);
        pictureKey_ = v.pictureKey;
    }
    for (int i = 0; i < paths_.size(); ++i) {
        const QList<QPointF> pts = i < int(v.drawn.size()) ? toPoints(v.drawn[std::size_t(i)]) : QList<QPointF>{};
        paths_[i]->replace(pts);
        casings_[i]->replace(pts);
    }
    boundary_->replace(toPoints(v.boundary));
    startMarker_->replace(QList<QPointF>{QPointF(v.result.start.x(), v.result.start.y())});
    // The charts a turn after the map, so the interface never waits for all three at once.
    showNext([this] {
        showNorms();
        showEscape();
        updateReadout();
    });
}

void SaddleLab::showNorms()
{
    double lo = INFINITY, hi = 0;
    int longest = 1;
    for (int i = 0; i < norms_.size(); ++i) {
        QList<QPointF> pts;
        if (i < int(result_.paths.size())) {
            const SaddlePath& p = result_.paths[std::size_t(i)];
            pts.reserve(qsizetype(p.gradNorms.size()));
            for (std::size_t t = 0; t < p.gradNorms.size(); ++t) {
                const double g = p.gradNorms[t];
                if (!std::isfinite(g)) break;
                const double y = std::max(g, kNormFloor);
                pts.append(QPointF(double(t), y));
                lo = std::min(lo, y);
                hi = std::max(hi, y);
            }
            longest = std::max(longest, int(p.gradNorms.size()) - 1);
        }
        norms_[i]->replace(pts);
    }
    setNiceRange(normX_, 0, longest);
    if (std::isfinite(lo) && hi > 0) setLogRange(normY_, lo, std::max(hi, lo * 10));
    normChart_->restyle();
}

void SaddleLab::showEscape()
{
    QList<QPointF> line, points;
    double lo = INFINITY, hi = 0, top = 1;
    for (const EscapeSample& s : result_.sweep) {
        if (!(s.distance > 0) || !std::isfinite(s.closedForm)) continue;
        line.append(QPointF(s.distance, s.closedForm));
        if (s.measured >= 0) points.append(QPointF(s.distance, double(s.measured)));
        lo = std::min(lo, s.distance);
        hi = std::max(hi, s.distance);
        top = std::max({top, s.closedForm, double(s.measured)});
    }
    QList<QPointF> mine;
    // The learner's own run, on 5x² − y² once it has left R: its |y0| and its step count.
    if (surfaceKey() == QLatin1String("saddle") && !result_.paths.empty()) {
        const SaddlePath& gd = result_.paths.front();
        const double y0 = std::abs(result_.start.y());
        if (gd.escapeStep > 0 && y0 > 0) {
            mine.append(QPointF(y0, gd.escapeStep));
            lo = std::min(lo, y0);
            hi = std::max(hi, y0);
            top = std::max(top, double(gd.escapeStep));
        }
    }
    closedForm_->replace(line);
    measured_->replace(points);
    yourStart_->replace(mine);
    if (std::isfinite(lo) && hi > 0) setLogRange(escapeX_, lo, hi);
    setNiceRange(escapeY_, 0, top * 1.05);
    escapeY_->setTitleText(tr("steps to R = %1").arg(formatNumber(radius()->value())));
    closedForm_->setName(tr("log(R/|y₀|) / log(1 + 2η), η = %1").arg(formatNumber(learningRate()->value())));
    escapeChart_->restyle();
}

QString SaddleLab::describe(const SaddlePath& p) const
{
    const bool plateau = surfaceKey() == QLatin1String("plateau");
    const QString at = formatPoint(p.final.x(), p.final.y(), 3);
    QString escape;
    if (p.escapeStep >= 0)
        escape = plateau ? tr("reached the well (f ≤ −½) at step %1").arg(p.escapeStep) : tr("left R at step %1").arg(p.escapeStep);
    else
        escape = plateau ? tr("never reached the well") : tr("never left R");
    QString end;
    switch (p.end) {
    case SaddleEnd::Budget: end = tr("after %1 it is at %2").arg(stepCount(p.steps), at); break;
    case SaddleEnd::Critical:
        end = tr("stopped after %1 at %2, a critical point (|∇f| below 10⁻¹²)").arg(stepCount(p.steps), at);
        break;
    case SaddleEnd::Singular:
        end = tr("stopped after %1 at %2: the Hessian there is singular, so no Newton step exists").arg(stepCount(p.steps), at);
        break;
    case SaddleEnd::RanOff: end = tr("ran off the map downhill at step %1").arg(p.endStep); break;
    case SaddleEnd::Diverged:
        end = tr("diverged at step %1: each step overshoots further (a smaller η converges); drawn up to the map's edge")
                  .arg(p.endStep);
        break;
    case SaddleEnd::Cancelled: end = tr("stopped"); break;
    }
    QString name = methodName(p.method);
    name[0] = name[0].toUpper();
    return tr("%1 %2; %3.").arg(name, escape, end);
}

void SaddleLab::updateReadout()
{
    if (!error_.isEmpty()) {
        setReadout(tr("Could not run: %1").arg(error_.toHtmlEscaped()), true);
        return;
    }
    if (result_.paths.empty()) return;
    QStringList lines;
    for (const SaddlePath& p : result_.paths) lines << describe(p);
    int agree = 0, total = 0;
    for (const EscapeSample& s : result_.sweep) {
        if (s.measured < 0) continue;
        ++total;
        agree += s.measured == escapeStepsCeiling(s.distance, learningRate()->value(), radius()->value());
    }
    if (total > 0)
        lines << tr("From (0, y₀) on 5x² − y²: steps measured = ⌈log(R/|y₀|)/log(1 + 2η)⌉ at %1 of %2 distances.")
                     .arg(agree)
                     .arg(total);
    setReadout(lines.join(QStringLiteral("<br>")));
}

} // namespace minima
