#include "lessons/local-minima/antlab.h"

#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>

#include "engine/surfaces/terrain.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/local-minima/surfacemap.h"

namespace minima {

namespace {
constexpr int kWells = 6;
constexpr int kCells = 161;
constexpr double kArrow = 0.7;   // length of a probe's downhill arrow, in x-y units

QDoubleSpinBox* coordinateBox(const QString& name, const QString& accessible, QWidget* parent)
{
    auto* b = new QDoubleSpinBox(parent);
    b->setObjectName(name);
    b->setAccessibleName(accessible);
    b->setRange(-Terrain::kHalfSide - 1, Terrain::kHalfSide + 1);
    b->setSingleStep(0.1);
    b->setDecimals(2);
    return b;
}
} // namespace

AntLab::AntLab(LessonContext& context, QWidget* parent)
    : QWidget(parent),
      context_(context),
      seed_(new QSpinBox(this)),
      newButton_(new QPushButton(tr("New terrain"), this)),
      clickMode_(new QComboBox(this)),
      x_(coordinateBox(QStringLiteral("probeX"), tr("x of the point"), this)),
      y_(coordinateBox(QStringLiteral("probeY"), tr("y of the point"), this)),
      probeButton_(new QPushButton(tr("Probe here"), this)),
      guessButton_(new QPushButton(tr("Mark as my guess"), this)),
      revealButton_(new QPushButton(tr("Reveal"), this)),
      map_(new SurfaceMap(this)),
      probeSeries_(new QScatterSeries),
      guessSeries_(new QScatterSeries),
      globalSeries_(new QScatterSeries),
      localSeries_(new QScatterSeries),
      missLine_(new QLineSeries),
      readout_(new QLabel(this))
{
    setObjectName(QStringLiteral("antLab"));
    seed_->setObjectName(QStringLiteral("terrainNumber"));
    seed_->setAccessibleName(tr("Terrain number"));
    seed_->setRange(1, 9999);
    newButton_->setObjectName(QStringLiteral("newTerrain"));
    newButton_->setAccessibleName(tr("New terrain"));
    clickMode_->setObjectName(QStringLiteral("clickMode"));
    clickMode_->setAccessibleName(tr("What a click on the map does"));
    clickMode_->addItem(tr("A click probes"));
    clickMode_->addItem(tr("A click marks my guess"));
    probeButton_->setObjectName(QStringLiteral("probe"));
    probeButton_->setAccessibleName(tr("Probe at x, y"));
    guessButton_->setObjectName(QStringLiteral("markGuess"));
    guessButton_->setAccessibleName(tr("Mark x, y as my guess for the lowest point"));
    revealButton_->setObjectName(QStringLiteral("reveal"));
    revealButton_->setAccessibleName(tr("Reveal the whole terrain"));

    auto* layout = new QVBoxLayout(this);
    auto* row1 = new QHBoxLayout;
    row1->addWidget(new QLabel(tr("Terrain #"), this));
    row1->addWidget(seed_);
    row1->addWidget(newButton_);
    row1->addStretch(1);
    row1->addWidget(clickMode_);
    layout->addLayout(row1);
    auto* row2 = new QHBoxLayout;
    row2->addWidget(new QLabel(tr("x"), this));
    row2->addWidget(x_);
    row2->addWidget(new QLabel(tr("y"), this));
    row2->addWidget(y_);
    row2->addWidget(probeButton_);
    row2->addWidget(guessButton_);
    row2->addStretch(1);
    row2->addWidget(revealButton_);
    layout->addLayout(row2);

    map_->setObjectName(QStringLiteral("antMap"));
    map_->setAccessibleName(tr("The hidden terrain: click or use the arrow keys and Enter to probe"));
    map_->axisX()->setTitleText(tr("x (east)"));
    map_->axisY()->setTitleText(tr("y (north)"));
    map_->setCursorVisible(true);
    map_->setHiddenText(tr("Hidden terrain: probe it to learn its height and slope"));
    QChart* c = map_->chart();

    probeSeries_->setObjectName(QStringLiteral("probes"));
    probeSeries_->setName(tr("probes, with the downhill direction"));
    probeSeries_->setMarkerSize(11);
    probeSeries_->setColor(hueColor(Hue::Orange));
    probeSeries_->setBorderColor(Qt::black);
    map_->addXY(probeSeries_);
    for (int i = 0; i < kProbes; ++i) {
        arrows_[i] = new QLineSeries;
        arrows_[i]->setObjectName(QStringLiteral("arrow%1").arg(i + 1));
        arrows_[i]->setPen(QPen(hueColor(Hue::Orange), 2.5));
        map_->addXY(arrows_[i]);
        for (QLegendMarker* m : c->legend()->markers(arrows_[i])) m->setVisible(false);
    }
    missLine_->setObjectName(QStringLiteral("miss"));
    missLine_->setName(tr("guess to lowest point"));
    missLine_->setPen(QPen(Qt::white, 2, Qt::DashLine));
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
    map_->restyle();
    layout->addWidget(map_->withColourBar(), 1);

    readout_->setObjectName(QStringLiteral("readout"));
    readout_->setAccessibleName(tr("What the probes measured"));
    readout_->setWordWrap(true);
    readout_->setTextFormat(Qt::RichText);
    readout_->setMinimumHeight(readout_->fontMetrics().lineSpacing() * 6);
    readout_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(readout_);

    connect(map_, &SurfaceMap::cursorMoved, this, [this](const QPointF& p) {
        const QSignalBlocker bx(x_), by(y_);
        x_->setValue(p.x());
        y_->setValue(p.y());
    });
    connect(map_, &SurfaceMap::pointChosen, this, &AntLab::chosen);
    auto typed = [this] {
        const QSignalBlocker b(map_);
        map_->setCursor(QPointF(x_->value(), y_->value()));
    };
    connect(x_, &QDoubleSpinBox::valueChanged, this, typed);
    connect(y_, &QDoubleSpinBox::valueChanged, this, typed);
    connect(probeButton_, &QPushButton::clicked, this, [this] { probe(QPointF(x_->value(), y_->value())); });
    connect(guessButton_, &QPushButton::clicked, this, [this] { markGuess(QPointF(x_->value(), y_->value())); });
    connect(revealButton_, &QPushButton::clicked, this, &AntLab::reveal);
    connect(newButton_, &QPushButton::clicked, this, [this] { seed_->setValue(seed_->value() % seed_->maximum() + 1); });
    connect(seed_, &QSpinBox::valueChanged, this, &AntLab::rebuild);
    seed_->setValue(1);
    rebuild();
}

AntLab::~AntLab() = default;

void AntLab::newTerrain() { newButton_->click(); }

void AntLab::rebuild()
{
    terrain_ = std::make_unique<Terrain>(std::uint64_t(seed_->value()), kWells);
    probes_.clear();
    guess_.reset();
    revealed_ = false;
    guessDistance_ = -1;
    map_->setDomain(terrain_->domain());
    map_->setCursor(QPointF(0, 0));
    refresh();
}

void AntLab::chosen(const QPointF& at)
{
    if (clickMode_->currentIndex() == 0 && probesLeft() > 0 && !revealed_) probe(at);
    else markGuess(at);
}

bool AntLab::probe(const QPointF& at)
{
    if (revealed_ || probesLeft() <= 0) return false;
    const Point2 p(at.x(), at.y());
    if (!terrain_->domain().contains(p)) return false;
    const Point2 g = terrain_->gradient(p);
    probes_.append({at, terrain_->value(p), QPointF(g.x(), g.y())});
    refresh();
    return true;
}

void AntLab::markGuess(const QPointF& at)
{
    const Domain d = terrain_->domain();
    guess_ = QPointF(std::clamp(at.x(), d.xMin, d.xMax), std::clamp(at.y(), d.yMin, d.yMax));
    if (revealed_) reveal();   // update the distance
    else refresh();
}

void AntLab::reveal()
{
    if (!revealed_) map_->setPicture(pictureSurface(*terrain_, terrain_->domain(), kCells, 14));
    revealed_ = true;
    guessDistance_ = -1;
    const auto minima = terrain_->minima();
    if (guess_ && !minima.empty()) {
        const Point2 g(guess_->x(), guess_->y());
        guessDistance_ = (g - minima.front().at).norm();
    }
    refresh();
}

void AntLab::refresh()
{
    // Probes and their downhill arrows.
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
    }
    guessSeries_->replace(guess_ ? QList<QPointF>{*guess_} : QList<QPointF>{});

    const auto minima = terrain_->minima();
    QList<QPointF> locals, global, miss;
    if (revealed_ && !minima.empty()) {
        global.append(QPointF(minima.front().at.x(), minima.front().at.y()));
        for (std::size_t k = 1; k < minima.size(); ++k) locals.append(QPointF(minima[k].at.x(), minima[k].at.y()));
        if (guess_) miss = {*guess_, global.front()};
    }
    globalSeries_->replace(global);
    localSeries_->replace(locals);
    missLine_->replace(miss);
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{globalSeries_, localSeries_, missLine_})
        for (QLegendMarker* m : map_->chart()->legend()->markers(s)) m->setVisible(revealed_);

    map_->chart()->setTitle(revealed_ ? tr("Terrain #%1 revealed: %2 minima").arg(seed_->value()).arg(minima.size())
                                      : tr("Hidden terrain #%1: %2 of %3 probes left")
                                            .arg(seed_->value())
                                            .arg(probesLeft())
                                            .arg(kProbes));
    probeButton_->setEnabled(!revealed_ && probesLeft() > 0);

    QStringList lines;
    for (int i = 0; i < probes_.size(); ++i) {
        const Probe& p = probes_[i];
        const double slope = std::hypot(p.gradient.x(), p.gradient.y());
        lines << tr("%1. at %2: height <b>%3</b>, slope %4, gradient %5")
                     .arg(i + 1)
                     .arg(pointText(p.at.x(), p.at.y()), numberText(p.height), numberText(slope),
                          pointText(p.gradient.x(), p.gradient.y(), 3));
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
    if (revealed_ && !minima.empty()) {
        const KnownPoint& low = minima.front();
        text += tr("<b>Lowest point</b> %1, height %2; %3 other local minima.")
                    .arg(pointText(low.at.x(), low.at.y()), numberText(low.value))
                    .arg(minima.size() - 1);
        if (guess_) {
            const Point2 g(guess_->x(), guess_->y());
            // Where gradient descent from the guess would settle: its valley.
            const Point2 bottom = polishMinimum(*terrain_, g);
            int valley = -1;
            for (std::size_t k = 0; k < minima.size(); ++k)
                if ((minima[k].at - bottom).norm() < 1e-3) valley = int(k);
            text += QStringLiteral(" ")
                    + tr("Your guess is <b>%1</b> away (height %2); ").arg(numberText(guessDistance_, 2), numberText(terrain_->value(g)))
                    + (valley == 0 ? tr("it lies in the lowest point's valley.")
                                   : valley > 0 ? tr("it lies in the valley of another, higher minimum.")
                                                : tr("it lies on a ridge between valleys."));
        } else {
            text += QStringLiteral(" ") + tr("Mark a guess to see how far it was.");
        }
    } else if (guess_) {
        text += tr("Your guess: %1. Press Reveal when you are ready.").arg(pointText(guess_->x(), guess_->y()));
    }
    readout_->setText(text);
}

} // namespace minima
