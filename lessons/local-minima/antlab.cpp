#include "lessons/local-minima/antlab.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>
#include <QVariantList>

#include <algorithm>
#include <cmath>

#include "engine/surfaces/terrain.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/surface3d.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/wrappedlabel.h"

namespace minima {

namespace {
constexpr int kWells = 6;
constexpr int kCells = 161;
constexpr double kArrow = 0.7;   // length of a probe's downhill arrow, in x-y units
} // namespace

AntLab::AntLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      map_(new SurfaceMap),
      probeSeries_(new QScatterSeries),
      guessSeries_(new QScatterSeries),
      globalSeries_(new QScatterSeries),
      localSeries_(new QScatterSeries),
      missLine_(new QLineSeries)
{
    setObjectName(QStringLiteral("antLab"));
    ControlStrip* c = controls();
    QSpinBox* seed = c->addInteger(QStringLiteral("terrainNumber"), tr("Terrain #"), 1, 9999, 1);
    seed->setAccessibleName(tr("Terrain number"));
    newButton_ = c->addAction(QStringLiteral("newTerrain"), tr("New terrain"));
    newButton_->setAccessibleName(tr("New terrain"));
    QComboBox* mode = c->addChoice(QStringLiteral("clickMode"), tr("Click"), {{tr("A click probes"), 0}, {tr("A click marks my guess"), 1}});
    mode->setAccessibleName(tr("What a click on the map does"));
    c->setRecomputes(QStringLiteral("clickMode"), false);
    c->newRow();
    const double lim = Terrain::kHalfSide + 1;
    QDoubleSpinBox* x = c->addNumber(QStringLiteral("probeX"), tr("x"), -lim, lim, 0, 2);
    QDoubleSpinBox* y = c->addNumber(QStringLiteral("probeY"), tr("y"), -lim, lim, 0, 2);
    for (QDoubleSpinBox* b : {x, y}) b->setSingleStep(0.1);
    x->setAccessibleName(tr("x of the point"));
    y->setAccessibleName(tr("y of the point"));
    c->setRecomputes(QStringLiteral("probeX"), false);
    c->setRecomputes(QStringLiteral("probeY"), false);
    probeButton_ = c->addAction(QStringLiteral("probe"), tr("Probe here"));
    probeButton_->setAccessibleName(tr("Probe at x, y"));
    guessButton_ = c->addAction(QStringLiteral("markGuess"), tr("Mark as my guess"));
    guessButton_->setAccessibleName(tr("Mark x, y as my guess for the lowest point"));
    revealButton_ = c->addAction(QStringLiteral("reveal"), tr("Reveal"));
    revealButton_->setAccessibleName(tr("Reveal the whole terrain"));

    map_->setObjectName(QStringLiteral("antMap"));
    map_->setAccessibleName(tr("The hidden terrain: click or use the arrow keys and Enter to probe"));
    map_->axisX()->setTitleText(tr("x (east)"));
    map_->axisY()->setTitleText(tr("y (north)"));
    map_->setCursorVisible(true);
    QChart* ch = map_->chart();

    probeSeries_->setObjectName(QStringLiteral("probes"));
    probeSeries_->setName(tr("probes (numbered), with the downhill direction"));
    probeSeries_->setMarkerSize(11);
    probeSeries_->setColor(hueColor(Hue::Orange));
    probeSeries_->setBorderColor(Qt::black);
    map_->addXY(probeSeries_);
    for (int i = 0; i < kProbes; ++i) {
        arrows_[i] = new QLineSeries;
        arrows_[i]->setObjectName(QStringLiteral("arrow%1").arg(i + 1));
        arrows_[i]->setPen(QPen(hueColor(Hue::Orange), 2.5));
        map_->addXY(arrows_[i]);
        // The probe's number beside it (an invisible point carries the label), as in the readout.
        probeNumbers_[i] = new QScatterSeries;
        probeNumbers_[i]->setObjectName(QStringLiteral("probeNumber%1").arg(i + 1));
        probeNumbers_[i]->setMarkerSize(1);
        probeNumbers_[i]->setColor(Qt::transparent);
        probeNumbers_[i]->setBorderColor(Qt::transparent);
        probeNumbers_[i]->setPointLabelsFormat(QString::number(i + 1));
        probeNumbers_[i]->setPointLabelsVisible(true);
        probeNumbers_[i]->setPointLabelsClipping(false);
        probeNumbers_[i]->setPointLabelsColor(Qt::white);
        QFont f = probeNumbers_[i]->pointLabelsFont();
        f.setBold(true);
        f.setPointSizeF(f.pointSizeF() * 1.15);
        probeNumbers_[i]->setPointLabelsFont(f);
        map_->addXY(probeNumbers_[i]);
    }
    missLine_->setObjectName(QStringLiteral("miss"));
    missLine_->setName(tr("guess to lowest point"));
    missLine_->setPen(QPen(hueColor(Hue::Yellow), 2, Qt::DashLine));
    map_->addXY(missLine_);
    localSeries_->setObjectName(QStringLiteral("localMinima"));
    localSeries_->setName(tr("local minima"));
    localSeries_->setMarkerSize(12);
    localSeries_->setColor(hueColor(Hue::SkyBlue));
    localSeries_->setBorderColor(Qt::white);
    map_->addXY(localSeries_);
    globalSeries_->setObjectName(QStringLiteral("globalMinimum"));
    globalSeries_->setName(tr("lowest point (global minimum)"));
    globalSeries_->setMarkerShape(QScatterSeries::MarkerShapeStar);
    globalSeries_->setMarkerSize(22);
    globalSeries_->setColor(hueColor(Hue::Vermillion));
    globalSeries_->setBorderColor(Qt::white);
    map_->addXY(globalSeries_);
    guessSeries_->setObjectName(QStringLiteral("guess"));
    guessSeries_->setName(tr("your guess"));
    guessSeries_->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    guessSeries_->setMarkerSize(18);
    guessSeries_->setColor(hueColor(Hue::Yellow));
    guessSeries_->setBorderColor(Qt::black);
    map_->addXY(guessSeries_);
    for (int i = 0; i < kProbes; ++i)
        for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{arrows_[i], probeNumbers_[i]})
            for (QLegendMarker* m : ch->legend()->markers(s)) m->setVisible(false);
    map_->restyle();
    // The revealed terrain in 3-D beside the map where OpenGL can draw it; otherwise the map
    // alone and one sentence why.
    QWidget* mapWithBar = map_->withColourBar();
    QString no3d;
    if (surface3DAvailable(&no3d)) {
        view3d_ = new SurfaceView3D;
        view3d_->setAccessibleName(tr("The revealed terrain in 3-D"));
        auto* row = new QWidget;
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(mapWithBar, 1);
        h->addWidget(view3d_, 1);
        addFigureWidget(row);
        c->newRow();
        only3d_ = view3d_->addControls(c);
        connect(only3d_, &QCheckBox::toggled, mapWithBar, [mapWithBar](bool on) { mapWithBar->setVisible(!on); });
        // A hidden terrain has nothing to show in 3-D: the view comes with the reveal.
        view3d_->hide();
        view3d_->setControlsEnabled(false);
        connect(view3d_, &SurfaceView3D::pointChosen, map_, &SurfaceMap::pointChosen);
    } else {
        addFigureWidget(mapWithBar);
        if (!no3d.isEmpty()) {
            auto* why = new WrappedLabel(no3d);
            why->setObjectName(QStringLiteral("surface3dUnavailable"));
            addNote(why);
        }
    }
    // withColourBar() put the map in a row with its bar; the key goes under that row.
    FigureKey* key = map_->key();
    figureLayout()->addWidget(key);

    connect(map_, &SurfaceMap::cursorMoved, this, [this](const QPointF& p) {
        const QSignalBlocker bx(xBox()), by(yBox());
        xBox()->setValue(p.x());
        yBox()->setValue(p.y());
    });
    connect(map_, &SurfaceMap::pointChosen, this, &AntLab::chosen);
    auto typed = [this] {
        const QSignalBlocker b(map_);
        map_->setCursor(QPointF(xBox()->value(), yBox()->value()));
    };
    connect(x, &QDoubleSpinBox::valueChanged, this, typed);
    connect(y, &QDoubleSpinBox::valueChanged, this, typed);
    connect(probeButton_, &QPushButton::clicked, this, [this] { probe(QPointF(xBox()->value(), yBox()->value())); });
    connect(guessButton_, &QPushButton::clicked, this, [this] { markGuess(QPointF(xBox()->value(), yBox()->value())); });
    connect(revealButton_, &QPushButton::clicked, this, &AntLab::reveal);
    connect(newButton_, &QPushButton::clicked, this, &AntLab::newTerrain);
    // A new terrain forgets the probes at once; the kit's recomputation follows.
    connect(seed, &QSpinBox::valueChanged, this, &AntLab::reset);
    reset();
    recompute();
}

AntLab::~AntLab() = default;

QSpinBox* AntLab::terrainNumber() const { return qobject_cast<QSpinBox*>(controls()->control(QStringLiteral("terrainNumber"))); }
QDoubleSpinBox* AntLab::xBox() const { return qobject_cast<QDoubleSpinBox*>(controls()->control(QStringLiteral("probeX"))); }
QDoubleSpinBox* AntLab::yBox() const { return qobject_cast<QDoubleSpinBox*>(controls()->control(QStringLiteral("probeY"))); }
QComboBox* AntLab::clickMode() const { return qobject_cast<QComboBox*>(controls()->control(QStringLiteral("clickMode"))); }

void AntLab::newTerrain()
{
    QSpinBox* s = terrainNumber();
    s->setValue(s->value() % s->maximum() + 1);
}

void AntLab::reset()
{
    terrain_ = std::make_unique<Terrain>(std::uint64_t(terrainNumber()->value()), kWells);
    probes_.clear();
    guess_.reset();
    revealed_ = false;
    guessDistance_ = -1;
    view_ = View{};
    map_->setDomain(terrain_->domain());
    map_->setHiddenText(tr("Hidden terrain: probe it to learn its height and slope"));
    map_->setCursor(QPointF(0, 0));
    refresh();
}

void AntLab::chosen(const QPointF& at)
{
    if (clickMode()->currentIndex() == 0 && probesLeft() > 0 && !revealed_) probe(at);
    else markGuess(at);
}

bool AntLab::probe(const QPointF& at)
{
    if (revealed_ || probesLeft() <= 0) return false;
    const Point2 p(at.x(), at.y());
    if (!terrain_->domain().contains(p)) return false;
    const Point2 g = terrain_->gradient(p);
    probes_.append({at, terrain_->value(p), QPointF(g.x(), g.y())});
    map_->setHiddenText(QString());   // the probes say what is known now
    refresh();
    return true;
}

void AntLab::markGuess(const QPointF& at)
{
    const Domain d = terrain_->domain();
    guess_ = QPointF(std::clamp(at.x(), d.xMin, d.xMax), std::clamp(at.y(), d.yMin, d.yMax));
    if (revealed_) recompute();   // the distance and the valley of the new guess
    else refresh();
}

void AntLab::reveal()
{
    revealed_ = true;
    recompute();
}

void AntLab::run()
{
    const int seed = terrainNumber()->value();
    const bool revealed = revealed_;
    const std::optional<QPointF> guess = guess_;
    runJob<View>(
        revealed ? tr("Revealing the terrain…") : tr("Hiding the terrain…"),
        [=](Progress& progress) {
            View v;
            v.seed = seed;
            v.revealed = revealed;
            if (!revealed) return v;
            const Terrain t(std::uint64_t(seed), kWells);
            v.picture = pictureSurface(t, t.domain(), kCells, 14, progress);
            v.minima = t.minima();
            if (guess) {
                // Where gradient descent from the guess would settle: its valley.
                v.guessHeight = t.value(Point2(guess->x(), guess->y()));
                const Point2 bottom = polishMinimum(t, Point2(guess->x(), guess->y()));
                v.guessValley = -1;
                for (std::size_t k = 0; k < v.minima.size(); ++k)
                    if ((v.minima[k].at - bottom).norm() < 1e-3) v.guessValley = int(k);
            }
            return v;
        },
        [this](const View& v) {
            if (v.seed != terrainNumber()->value()) return;
            view_ = v;
            if (v.revealed) map_->setPicture(v.picture);
            // The terrain in 3-D a turn after the map: both at once held the interface too long.
            if (view3d_ && v.revealed) showNext([this] { show3D(); });
            guessDistance_ = -1;
            if (v.revealed && guess_ && !v.minima.empty())
                guessDistance_ = (Point2(guess_->x(), guess_->y()) - v.minima.front().at).norm();
            refresh();
        });
}

QVariantMap AntLab::saveExtraState() const
{
    QVariantMap extra;
    QVariantList probes;
    for (const Probe& p : probes_) probes << QVariant(QVariantList{p.at.x(), p.at.y()});
    if (!probes.isEmpty()) extra.insert(QStringLiteral("probes"), probes);
    if (guess_) extra.insert(QStringLiteral("guess"), QVariantList{guess_->x(), guess_->y()});
    if (revealed_) extra.insert(QStringLiteral("revealed"), true);
    return extra;
}

void AntLab::restoreExtraState(const QVariantMap& extra)
{
    const QPointF cursor(xBox()->value(), yBox()->value());
    reset();
    map_->setCursor(cursor);   // where the restored boxes put it (reset() centred it)
    for (const QVariant& v : extra.value(QStringLiteral("probes")).toList()) {
        const QVariantList xy = v.toList();
        if (xy.size() == 2) probe(QPointF(xy[0].toDouble(), xy[1].toDouble()));
    }
    const QVariantList g = extra.value(QStringLiteral("guess")).toList();
    if (g.size() == 2) markGuess(QPointF(g[0].toDouble(), g[1].toDouble()));
    revealed_ = extra.value(QStringLiteral("revealed")).toBool();
    refresh();
}

void AntLab::refresh()
{
    // Probes, their numbers and their downhill arrows.
    QList<QPointF> pts;
    for (const Probe& p : probes_) pts.append(p.at);
    probeSeries_->replace(pts);
    for (int i = 0; i < kProbes; ++i) {
        QList<QPointF> arrow;
        if (i < probes_.size()) {
            const Probe& p = probes_[i];
            const double n = std::hypot(p.gradient.x(), p.gradient.y());
            if (n > 1e-12) {
                const QPointF dir = -p.gradient / n;   // downhill: -grad f / |grad f|
                const QPointF tip = p.at + kArrow * dir;
                const QPointF side(-dir.y(), dir.x());
                arrow = {p.at, tip, tip - 0.25 * dir + 0.15 * side, tip, tip - 0.25 * dir - 0.15 * side};
            }
        }
        arrows_[i]->replace(arrow);
        probeNumbers_[i]->replace(i < probes_.size() ? QList<QPointF>{probes_[i].at} : QList<QPointF>{});
    }
    guessSeries_->replace(guess_ ? QList<QPointF>{*guess_} : QList<QPointF>{});

    const bool shown = revealed_ && view_.revealed;
    const std::vector<KnownPoint>& minima = view_.minima;
    QList<QPointF> locals, global, miss;
    if (shown && !minima.empty()) {
        global.append(QPointF(minima.front().at.x(), minima.front().at.y()));
        for (std::size_t k = 1; k < minima.size(); ++k) locals.append(QPointF(minima[k].at.x(), minima[k].at.y()));
        if (guess_) miss = {*guess_, global.front()};
    }
    globalSeries_->replace(global);
    localSeries_->replace(locals);
    missLine_->replace(miss);
    // Each of these is in the key once it is on the map.
    globalSeries_->setVisible(!global.isEmpty());
    localSeries_->setVisible(!locals.isEmpty());
    missLine_->setVisible(!miss.isEmpty());

    if (view3d_) {
        if (!shown) {
            view3d_->clearGrid();
            view3d_->setMinima({});
            view3d_->clearPath();
            only3d_->setChecked(false);   // the map is all there is
        }
        view3d_->setVisible(shown);
        view3d_->setControlsEnabled(shown);
    }

    const int seed = terrainNumber()->value();
    map_->chart()->setTitle(shown ? tr("Terrain #%1 revealed: %2 minima").arg(seed).arg(minima.size())
                                  : tr("Hidden terrain #%1: %2 of %3 probes left").arg(seed).arg(probesLeft()).arg(kProbes));
    probeButton_->setEnabled(!revealed_ && probesLeft() > 0);
    revealButton_->setEnabled(!revealed_);

    QStringList lines;
    for (int i = 0; i < probes_.size(); ++i) {
        const Probe& p = probes_[i];
        const double slope = std::hypot(p.gradient.x(), p.gradient.y());
        lines << tr("%1. at %2: height <b>%3</b>, slope %4, gradient %5")
                     .arg(i + 1)
                     .arg(formatPoint(p.at.x(), p.at.y()), formatNumber(p.height), formatNumber(slope),
                          formatPoint(p.gradient.x(), p.gradient.y(), 3));
    }
    QString text;
    if (probes_.isEmpty() && !revealed_)
        text = tr("The terrain is hidden. Each probe tells you only the height and which way is downhill at one point. "
                  "Probe with a click (or the arrow keys and Enter), then mark where you think the lowest point is.");
    // Two columns of probe lines keep the figure tall.
    if (!lines.isEmpty()) {
        const int half = int((lines.size() + 1) / 2);
        text += QStringLiteral("<table width='100%'><tr><td valign='top'>%1</td><td valign='top'>%2</td></tr></table>")
                    .arg(lines.mid(0, half).join(QStringLiteral("<br>")), lines.mid(half).join(QStringLiteral("<br>")));
    }
    if (shown && !minima.empty()) {
        const KnownPoint& low = minima.front();
        text += tr("<b>Lowest point</b> %1, height %2; %3 other local minima.")
                    .arg(formatPoint(low.at.x(), low.at.y()), formatNumber(low.value))
                    .arg(minima.size() - 1);
        if (guess_) {
            const Point2 g(guess_->x(), guess_->y());
            const int valley = view_.guessValley;
            text += QStringLiteral(" ")
                    + tr("Your guess is <b>%1</b> away (height %2); ")
                          .arg(formatNumber(std::max(guessDistance_, 0.0)), formatNumber(terrain_->value(g)))
                    + (valley == 0  ? tr("it lies in the lowest point's valley.")
                       : valley > 0 ? tr("it lies in the valley of another, higher minimum.")
                                    : tr("it lies on a ridge between valleys."));
        } else {
            text += QStringLiteral(" ") + tr("Mark a guess to see how far it was.");
        }
    } else if (guess_) {
        text += tr("Your guess: %1. Press Reveal when you are ready.").arg(formatPoint(guess_->x(), guess_->y()));
    }
    if (!isBusy() || !text.isEmpty()) setReadout(text);
}

void AntLab::show3D()
{
    if (!view3d_ || !revealed_ || !view_.revealed) return;
    view3d_->setGrid(view_.picture.grid, view_.picture.low, view_.picture.high);
    // The global minimum first (the map's star), then the local ones.
    QList<Marked3DMinimum> marked;
    for (std::size_t k = 0; k < view_.minima.size(); ++k)
        marked.append({view_.minima[k].at.x(), view_.minima[k].at.y(), view_.minima[k].value,
                       k == 0 ? tr("min") : QString::number(k), k == 0});
    view3d_->setMinima(marked);
    // The guess, where the learner would start walking down.
    if (guess_ && view_.guessValley != -2) view3d_->setPath({QVector3D(float(guess_->x()), float(guess_->y()), float(view_.guessHeight))}, false);
    else view3d_->clearPath();
}

} // namespace minima
