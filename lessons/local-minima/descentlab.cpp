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
#include "lessons/common/figurejob.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/jobstatus.h"
#include "lessons/local-minima/surfacemap.h"

namespace minima {

namespace {
constexpr int kCells = 161;        // heat map samples per axis
constexpr int kBasinGrid = 64;     // starts per axis for the basins
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
} // namespace

QString minimumLetter(int index) { return QString(QChar(char16_t(u'A' + index % 26))); }

DescentLab::DescentLab(LessonContext& context, QWidget* parent)
    : QWidget(parent),
      context_(context),
      surface_(new QComboBox(this)),
      rate_(new QDoubleSpinBox(this)),
      steps_(new QSpinBox(this)),
      x_(new QDoubleSpinBox(this)),
      y_(new QDoubleSpinBox(this)),
      runButton_(new QPushButton(tr("Run from here"), this)),
      skipButton_(new QPushButton(tr("Skip to end"), this)),
      basinsBox_(new QCheckBox(tr("Basins of attraction"), this)),
      map_(new SurfaceMap(this)),
      lossChart_(new FigureChart(this)),
      shareChart_(new FigureChart(this)),
      readout_(new QLabel(this)),
      pictureJob_(new FigureJob(context, this)),
      basinsJob_(new FigureJob(context, this)),
      status_(new JobStatus(this)),
      path_(new QLineSeries),
      startMarker_(new QScatterSeries),
      endMarker_(new QScatterSeries),
      lossSeries_(new QLineSeries),
      lossX_(new QValueAxis),
      lossY_(new QValueAxis),
      shares_(new QStackedBarSeries),
      shareCategories_(new QBarCategoryAxis),
      shareAxis_(new QValueAxis)
{
    setObjectName(QStringLiteral("descentLab"));
    status_->setObjectName(QStringLiteral("runStatus"));
    status_->follow(basinsJob_);
    surface_->setObjectName(QStringLiteral("surface"));
    surface_->setAccessibleName(tr("Error surface"));
    surface_->addItem(tr("Quadratic bowl (convex)"), QStringLiteral("bowl"));
    surface_->addItem(tr("Himmelblau"), QStringLiteral("himmelblau"));
    surface_->addItem(tr("Six-hump camel"), QStringLiteral("camel"));
    surface_->addItem(tr("Terrain of wells"), QStringLiteral("terrain"));
    rate_->setObjectName(QStringLiteral("learningRate"));
    rate_->setAccessibleName(tr("Learning rate"));
    rate_->setRange(0.0001, 2.0);
    rate_->setDecimals(4);
    rate_->setSingleStep(0.005);
    steps_->setObjectName(QStringLiteral("steps"));
    steps_->setAccessibleName(tr("Number of steps"));
    steps_->setRange(1, 5000);
    steps_->setSingleStep(50);
    for (QDoubleSpinBox* b : {x_, y_}) {
        b->setRange(-5, 5);
        b->setDecimals(2);
        b->setSingleStep(0.1);
    }
    x_->setObjectName(QStringLiteral("startX"));
    x_->setAccessibleName(tr("Start x"));
    y_->setObjectName(QStringLiteral("startY"));
    y_->setAccessibleName(tr("Start y"));
    runButton_->setObjectName(QStringLiteral("run"));
    runButton_->setAccessibleName(tr("Run gradient descent from the start point"));
    skipButton_->setObjectName(QStringLiteral("skipToEnd"));
    skipButton_->setAccessibleName(tr("Skip the animation to its end"));
    basinsBox_->setObjectName(QStringLiteral("showBasins"));
    basinsBox_->setAccessibleName(tr("Show the basins of attraction"));

    auto* layout = new QVBoxLayout(this);
    auto* row1 = new QHBoxLayout;
    row1->addWidget(new QLabel(tr("Surface"), this));
    row1->addWidget(surface_);
    row1->addWidget(new QLabel(tr("Learning rate"), this));
    row1->addWidget(rate_);
    row1->addWidget(new QLabel(tr("Steps"), this));
    row1->addWidget(steps_);
    row1->addStretch(1);
    layout->addLayout(row1);
    auto* row2 = new QHBoxLayout;
    row2->addWidget(new QLabel(tr("Start x"), this));
    row2->addWidget(x_);
    row2->addWidget(new QLabel(tr("y"), this));
    row2->addWidget(y_);
    row2->addWidget(runButton_);
    row2->addWidget(skipButton_);
    row2->addStretch(1);
    row2->addWidget(basinsBox_);
    layout->addLayout(row2);

    // The map: heat map or basins, the minima, the trajectory.
    map_->setObjectName(QStringLiteral("descentMap"));
    map_->setAccessibleName(tr("The surface: click a start point, or use the arrow keys and Enter"));
    path_->setObjectName(QStringLiteral("trajectory"));
    path_->setName(tr("gradient descent"));
    path_->setPen(QPen(hueColor(Hue::Orange), 2.5));
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
    endMarker_->setColor(hueColor(Hue::Orange));
    endMarker_->setBorderColor(Qt::black);
    map_->addXY(endMarker_);
    map_->restyle();

    // Loss per step.
    QChart* lc = lossChart_->chart();
    lossChart_->setObjectName(QStringLiteral("lossChart"));
    lossChart_->setAccessibleName(tr("Loss per step"));
    lc->setTitle(tr("Loss per step"));
    lossX_->setTitleText(tr("step"));
    lossY_->setTitleText(tr("loss f(x, y)"));
    lossX_->setLabelFormat(QStringLiteral("%d"));
    lossY_->setLabelFormat(QStringLiteral("%.4g"));
    lc->addAxis(lossX_, Qt::AlignBottom);
    lc->addAxis(lossY_, Qt::AlignLeft);
    lossSeries_->setObjectName(QStringLiteral("loss"));
    lossSeries_->setName(tr("loss"));
    lc->addSeries(lossSeries_);
    lossSeries_->attachAxis(lossX_);
    lossSeries_->attachAxis(lossY_);
    lossSeries_->setPen(QPen(hueColor(Hue::Orange), 2));
    lc->legend()->hide();
    lossChart_->restyle();

    // Each minimum's share of starts, as one stacked bar.
    QChart* sc = shareChart_->chart();
    shareChart_->setObjectName(QStringLiteral("shareChart"));
    shareChart_->setAccessibleName(tr("Share of starts that reach each minimum"));
    shares_->setObjectName(QStringLiteral("shares"));
    // One bar per minimum (a stacked series with one set per minimum, so each bar has its
    // basin's colour), plus "none" and "diverged" when some starts reached no minimum.
    shares_->setBarWidth(0.8);
    sc->addSeries(shares_);
    shareCategories_->setTitleText(tr("minimum"));
    sc->addAxis(shareCategories_, Qt::AlignBottom);
    shares_->attachAxis(shareCategories_);
    shareAxis_->setRange(0, 1);
    shareAxis_->setTickCount(5);
    shareAxis_->setLabelFormat(QStringLiteral("%.2f"));
    shareAxis_->setTitleText(tr("share of starts"));
    sc->addAxis(shareAxis_, Qt::AlignLeft);
    shares_->attachAxis(shareAxis_);
    sc->legend()->hide();
    shareChart_->restyle();

    auto* figures = new QGridLayout;
    figures->addWidget(map_->withColourBar(), 0, 0, 2, 1);
    figures->addWidget(lossChart_, 0, 1);
    figures->addWidget(shareChart_, 1, 1);
    figures->setColumnStretch(0, 3);
    figures->setColumnStretch(1, 2);
    layout->addLayout(figures, 1);

    readout_->setObjectName(QStringLiteral("readout"));
    readout_->setAccessibleName(tr("Where the run ended"));
    readout_->setWordWrap(true);
    readout_->setTextFormat(Qt::RichText);
    layout->addWidget(readout_);
    layout->addWidget(status_);

    timer_.setInterval(30);
    connect(&timer_, &QTimer::timeout, this, [this] {
        const int n = int(result_.points.size());
        revealed_ = std::min(n, revealed_ + std::max(1, n / 90));
        showRevealed();
        if (revealed_ >= n) timer_.stop();
    });

    connect(surface_, &QComboBox::currentIndexChanged, this, &DescentLab::surfaceChanged);
    connect(rate_, &QDoubleSpinBox::valueChanged, this, &DescentLab::settingsChanged);
    connect(steps_, &QSpinBox::valueChanged, this, &DescentLab::settingsChanged);
    connect(runButton_, &QPushButton::clicked, this, &DescentLab::run);
    connect(skipButton_, &QPushButton::clicked, this, &DescentLab::skipToEnd);
    connect(basinsBox_, &QCheckBox::toggled, this, [this](bool on) {
        // The shares are always computed; the box only chooses what the map shows.
        if (on) showBasins();
        else if (pictureCurrent_) map_->setPicture(picture_);
        else computePicture();
    });
    connect(map_, &SurfaceMap::pointChosen, this, [this](const QPointF& at) {
        const QSignalBlocker bx(x_), by(y_);
        x_->setValue(at.x());
        y_->setValue(at.y());
        run();
    });
    surface_->setCurrentIndex(1);   // Himmelblau: four minima, the lesson's main example
}

DescentLab::~DescentLab() = default;

SurfaceOptions DescentLab::options() const
{
    SurfaceOptions o;
    o.bowlAngle = kBowlAngle;
    return o;
}

std::unique_ptr<Surface> DescentLab::surface() const
{
    return makeSurface(surface_->currentData().toString().toStdString(), options());
}

bool DescentLab::basinsShown() const { return basinsBox_->isChecked() && basinsCurrent_; }

void DescentLab::surfaceChanged()
{
    const QString key = surface_->currentData().toString();
    const auto s = surface();
    for (const SurfaceDefaults& d : kDefaults) {
        if (key == QLatin1String(d.key)) {
            const QSignalBlocker br(rate_), bs(steps_);
            rate_->setValue(d.rate);
            steps_->setValue(d.steps);
        }
    }
    const Domain d = s->domain();
    map_->setDomain(d);
    map_->chart()->setTitle(surface_->currentText());
    {
        const QSignalBlocker bx(x_), by(y_);
        x_->setRange(d.xMin, d.xMax);
        y_->setRange(d.yMin, d.yMax);
        x_->setValue(s->defaultStart().x());
        y_->setValue(s->defaultStart().y());
    }

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
        m->setName(tr("%1 %2").arg(minimumLetter(int(k)), pointText(minima[k].at.x(), minima[k].at.y())));
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

    basinsCurrent_ = false;
    pictureCurrent_ = false;
    computeBasins();
    computePicture();
    run();
    skipToEnd();
}

void DescentLab::computePicture()
{
    const std::string key = surface_->currentData().toString().toStdString();
    const SurfaceOptions opts = options();
    pictureJob_->start<SurfacePicture>(
        [key, opts](Progress& progress) {
            const auto surf = makeSurface(key, opts);
            return pictureSurface(*surf, surf->domain(), kCells, 16, progress);
        },
        [this](const SurfacePicture& p) {
            picture_ = p;
            pictureCurrent_ = true;
            if (!basinsShown()) map_->setPicture(p);
        });
}

void DescentLab::settingsChanged()
{
    basinsCurrent_ = false;
    computeBasins();
    run();
    skipToEnd();
}

void DescentLab::run()
{
    timer_.stop();
    OptimizeParams p;
    p.surface = surface_->currentData().toString().toStdString();
    p.surfaceOptions = options();
    p.optimizer.learningRate = rate_->value();
    p.steps = steps_->value();
    p.start = Point2(x_->value(), y_->value());
    try {
        result_ = runOptimize(p);
    } catch (const std::exception& e) {
        result_ = OptimizeResult{};
        readout_->setText(tr("Could not run: %1").arg(QString::fromUtf8(e.what())));
        showRevealed();
        return;
    }
    revealed_ = 1;
    showRevealed();
    timer_.start();
}

void DescentLab::skipToEnd()
{
    timer_.stop();
    revealed_ = int(result_.points.size());
    showRevealed();
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
    startMarker_->replace(pts.isEmpty() ? QList<QPointF>{} : QList<QPointF>{pts.front()});
    const bool done = n == int(result_.points.size()) && n > 0;
    endMarker_->replace(done ? QList<QPointF>{pts.back()} : QList<QPointF>{});
    lossSeries_->replace(losses);
    lossX_->setRange(0, std::max(1, int(result_.points.size()) - 1));
    lossX_->applyNiceNumbers();
    if (!losses.isEmpty()) {
        const double pad = hi > lo ? 0.05 * (hi - lo) : std::max(1e-3, std::abs(hi) * 0.05);
        setNiceRange(lossY_, lo >= 0 ? std::max(0.0, lo - pad) : lo - pad, hi + pad);
    }

    if (!done) {
        readout_->setText(tr("Descending… step %1 of %2.").arg(std::max(0, n - 1)).arg(result_.steps));
        return;
    }
    const Point2 end = result_.finalPoint;
    QString where;
    if (result_.nearestMinimum >= 0 && result_.distanceToNearest < 1e-2)
        where = tr("minimum <b>%1</b> %2, f = %3")
                    .arg(minimumLetter(result_.nearestMinimum),
                         pointText(result_.minima[std::size_t(result_.nearestMinimum)].at.x(),
                                   result_.minima[std::size_t(result_.nearestMinimum)].at.y()),
                         numberText(result_.minima[std::size_t(result_.nearestMinimum)].value, 4));
    switch (result_.status) {
    case RunStatus::Diverged:
        readout_->setText(tr("<b>Diverged at step %1</b>: the learning rate %2 is too large for the curvature here; "
                             "each step overshoots further. The path is drawn up to the last finite point.")
                              .arg(result_.divergedAtStep)
                              .arg(numberText(rate_->value(), 4)));
        break;
    case RunStatus::Converged:
        readout_->setText(where.isEmpty()
                              ? tr("Stopped at %1 after %2 steps: the gradient vanished, but not at a minimum "
                                   "(a saddle or a maximum).")
                                    .arg(pointText(end.x(), end.y(), 3))
                                    .arg(result_.steps)
                              : tr("Converged after %1 steps to %2.").arg(result_.steps).arg(where));
        break;
    default:
        readout_->setText(where.isEmpty()
                              ? tr("Still moving after %1 steps, at %2 (f = %3): more steps or a larger rate.")
                                    .arg(result_.steps)
                                    .arg(pointText(end.x(), end.y(), 3), numberText(result_.finalValue, 4))
                              : tr("After %1 steps: at %2 (f = %3), in %4.")
                                    .arg(result_.steps)
                                    .arg(pointText(end.x(), end.y(), 3), numberText(result_.finalValue, 4), where));
        break;
    }
}

void DescentLab::computeBasins()
{
    BasinsExperimentParams p;
    p.surface = surface_->currentData().toString().toStdString();
    p.surfaceOptions = options();
    p.optimizer.learningRate = rate_->value();
    p.steps = steps_->value();
    p.grid = kBasinGrid;
    status_->setMessage(tr("Running gradient descent from %1 starts…").arg(kBasinGrid * kBasinGrid));
    basinsJob_->start<BasinsExperimentResult>(
        [p](Progress& progress) { return runBasinsExperiment(p, progress); },
        [this](const BasinsExperimentResult& r) {
            basins_ = r.basins;
            basinsCurrent_ = !r.basins.cancelled;
            status_->setMessage(QString());
            showBasins();
        },
        [this](const QString& error) { status_->setMessage(tr("Could not compute the basins: %1").arg(error), true); });
}

void DescentLab::showBasins()
{
    const BasinsResult& b = basins_;
    if (!basinsCurrent_ || b.grid < 1) return;
    if (basinsBox_->isChecked()) {
        QImage img(b.grid, b.grid, QImage::Format_RGB32);
        for (int r = 0; r < b.grid; ++r)
            for (int c = 0; c < b.grid; ++c)
                img.setPixel(c, b.grid - 1 - r,
                             basinColor(b.labels[std::size_t(r) * std::size_t(b.grid) + std::size_t(c)]).rgb());
        map_->setCategories(img);
    }

    // Category k holds bar k only: set k is share_k there and 0 elsewhere.
    struct Bar {
        QString category;
        double share;
        QColor colour;
    };
    QList<Bar> bars;
    for (std::size_t k = 0; k < b.basins.size(); ++k)
        bars.append({tr("%1<br>%2%").arg(minimumLetter(int(k)), numberText(100 * b.basins[k].share, 1)), b.basins[k].share,
                     basinColor(int(k))});
    if (b.unconvergedStarts > 0)
        bars.append({tr("none<br>%1%").arg(numberText(100 * b.unconvergedShare, 0)), b.unconvergedShare, basinColor(kUnconverged)});
    if (b.divergedStarts > 0)
        bars.append({tr("diverged<br>%1%").arg(numberText(100 * b.divergedShare, 0)), b.divergedShare, basinColor(kDiverged)});
    shares_->clear();
    QStringList categories;
    for (const Bar& bar : bars) categories << bar.category;
    shareCategories_->setCategories(categories);
    for (int i = 0; i < bars.size(); ++i) {
        auto* set = new QBarSet(bars[i].category.section(QStringLiteral("<br>"), 0, 0));
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
