#include "lessons/adaptive-rates/racelab.h"

#include <QBrush>
#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFont>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScatterSeries>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QCoreApplication>

#include <algorithm>
#include <cmath>

#include "engine/experiments/race.h"
#include "engine/landscape/contourmap.h"
#include "engine/landscape/contours.h"
#include "engine/landscape/grid.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/contourmapchart.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/wrappedlabel.h"

namespace minima {

namespace {

constexpr int kCells = 120;        // the heat map's grid
constexpr int kContours = 14;
constexpr double kTolerance = 1e-6;   // f − f* below which a racer has arrived (the table's tolerance)

const Hue kHues[kRacers] = {Hue::Vermillion, Hue::Orange, Hue::ReddishPurple, Hue::SkyBlue,
                            Hue::BluishGreen, Hue::Yellow, Hue::Ink};
const Qt::PenStyle kStyles[kRacers] = {Qt::SolidLine, Qt::DashLine, Qt::SolidLine, Qt::DashLine,
                                       Qt::SolidLine, Qt::DashDotLine, Qt::SolidLine};

QString n3(double v) { return formatNumber(v, 3); }

QString racerLabel(int r)
{
    static const char* const names[kRacers] = {QT_TRANSLATE_NOOP("minima::RaceLab", "gradient descent"),
                                               QT_TRANSLATE_NOOP("minima::RaceLab", "momentum"),
                                               QT_TRANSLATE_NOOP("minima::RaceLab", "Nesterov"),
                                               QT_TRANSLATE_NOOP("minima::RaceLab", "AdaGrad"),
                                               QT_TRANSLATE_NOOP("minima::RaceLab", "RMSProp"),
                                               QT_TRANSLATE_NOOP("minima::RaceLab", "Adam"),
                                               QT_TRANSLATE_NOOP("minima::RaceLab", "L-BFGS")};
    return QCoreApplication::translate("minima::RaceLab", names[r]);
}

QString problemLabel(int p)
{
    static const char* const names[kRaceProblems] = {QT_TRANSLATE_NOOP("minima::RaceLab", "bowl"),
                                                     QT_TRANSLATE_NOOP("minima::RaceLab", "rotated bowl"),
                                                     QT_TRANSLATE_NOOP("minima::RaceLab", "Rosenbrock"),
                                                     QT_TRANSLATE_NOOP("minima::RaceLab", "Beale"),
                                                     QT_TRANSLATE_NOOP("minima::RaceLab", "Himmelblau"),
                                                     QT_TRANSLATE_NOOP("minima::RaceLab", "saddle")};
    return QCoreApplication::translate("minima::RaceLab", names[p]);
}

RaceSettings settingsFor(int steps)
{
    RaceSettings s;
    s.steps = steps;
    s.tolerance = kTolerance;
    return s;
}

} // namespace

// What the job hands back.
struct RaceView {
    QString pictureKey, tableKey;
    RaceResult race;
    int problem = 0;
    bool hasTable = false;
    RaceTable table;
    QImage picture;
    double low = 0, high = 0;
    Domain domain;
    QString error;
};

RaceLab::~RaceLab() = default;

RaceLab::RaceLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      map_(new ContourMapChart),
      gridChart_(new FigureChart),
      rateX_(new QLogValueAxis),
      lossY_(new QLogValueAxis),
      table_(new QTableWidget(kRacers, kRaceProblems)),
      start_(new QScatterSeries),
      ends_(new QScatterSeries),
      chosen_(new QScatterSeries),
      diverged_(new QScatterSeries)
{
    setObjectName(QStringLiteral("raceLab"));
    ControlStrip* c = controls();
    QList<ControlStrip::Choice> problems;
    for (int p = 0; p < kRaceProblems; ++p) problems.append({problemLabel(p), QString::fromStdString(raceProblemKeys()[std::size_t(p)])});
    problem_ = c->addChoice(QStringLiteral("problem"), tr("&Problem:"), problems, int(RaceProblem::Rosenbrock),
                            tr("The surface the racers run on; the table covers all six"));
    problem_->setAccessibleName(tr("Problem"));
    steps_ = c->addInteger(QStringLiteral("steps"), tr("S&teps:"), 10, 5000, 1000);
    steps_->setAccessibleName(tr("Steps per run, iterations for L-BFGS"));
    steps_->setSingleStep(100);
    seeds_ = c->addInteger(QStringLiteral("seeds"), tr("Seeds for the &table:"), 1, 25, 5);
    seeds_->setAccessibleName(tr("Starts per problem in the table"));
    seed_ = c->addInteger(QStringLiteral("seed"), tr("See&d:"), 0, 9999, 1);
    seed_->setAccessibleName(tr("Seed of the table's perturbed starts"));
    c->newRow();
    startX_ = c->addNumber(QStringLiteral("startX"), tr("&Start:"), -5, 5, -1.2, 2);
    startX_->setAccessibleName(tr("Start x"));
    startX_->setPrefix(QStringLiteral("x = "));
    startX_->setSingleStep(0.1);
    startY_ = c->addNumber(QStringLiteral("startY"), QString(), -5, 5, 1.0, 2);
    startY_->setAccessibleName(tr("Start y"));
    startY_->setPrefix(QStringLiteral("y = "));
    startY_->setSingleStep(0.1);
    reset_ = c->addAction(QStringLiteral("resetStart"), tr("P&roblem's start"), tr("Move the start back to the problem's own"));
    connect(reset_, &QPushButton::clicked, this, [this] {
        const Point2 s = raceStart(RaceProblem(problem_->currentIndex()));
        startX_->setValue(s.x());
        startY_->setValue(s.y());
    });
    show_ = c->addSlider(QStringLiteral("showStep"), tr("Paths up to step:"), 0, 1000, 1000,
                         [](int v) { return QString::number(v); }, tr("Draw every path up to this step"));
    show_->setAccessibleName(tr("Draw the paths up to this step"));
    c->setRecomputes(QStringLiteral("showStep"), false);
    connect(show_, &QSlider::valueChanged, this, [this] { drawPaths(); });
    connect(steps_, &QSpinBox::valueChanged, this, [this](int v) {
        const bool atEnd = show_->value() == show_->maximum();
        show_->setMaximum(v);
        if (atEnd) show_->setValue(v);
    });

    // The map with every path.
    map_->setObjectName(QStringLiteral("raceMap"));
    map_->setAccessibleName(tr("The surface with every racer's path from the start: click to move the start"));
    map_->chart()->setTitle(tr("The race from one start (click to move it)"));
    map_->colourBar()->setLabel(tr("f (log)"));
    for (int r = 0; r < kRacers; ++r) {
        auto* s = new QLineSeries;
        s->setObjectName(QStringLiteral("path_%1").arg(QString::fromStdString(racerKey(r))));
        s->setName(racerLabel(r));
        s->setPen(QPen(hueColor(kHues[r]), r == kLbfgs ? 3.0 : 2.2, kStyles[r]));
        map_->addXY(s);
        paths_[std::size_t(r)] = s;
    }
    start_->setObjectName(QStringLiteral("start"));
    start_->setName(tr("start"));
    start_->setColor(hueColor(Hue::Yellow));
    start_->setBorderColor(hueColor(Hue::Ink));
    start_->setMarkerSize(13);
    ends_->setObjectName(QStringLiteral("minima"));
    ends_->setName(tr("minimum, f = 0"));
    ends_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    ends_->setColor(hueColor(Hue::BluishGreen));
    ends_->setBorderColor(hueColor(Hue::Ink));
    ends_->setMarkerSize(10);
    map_->addXY(ends_);
    map_->addXY(start_);

    // Final loss against the learning rate.
    QChart* gc = gridChart_->chart();
    gridChart_->setObjectName(QStringLiteral("gridChart"));
    gridChart_->setAccessibleName(tr("Final loss after the steps against the learning rate, one curve per optimizer"));
    gc->setTitle(tr("Grid search: final f − f* against the rate"));
    rateX_->setTitleText(tr("learning rate"));
    lossY_->setTitleText(tr("f − f* after the steps"));
    gc->addAxis(rateX_, Qt::AlignBottom);
    gc->addAxis(lossY_, Qt::AlignLeft);
    auto attach = [gc, this](QXYSeries* s) {
        gc->addSeries(s);
        s->attachAxis(rateX_);
        s->attachAxis(lossY_);
    };
    for (int r = 0; r < kRacers; ++r) {
        auto* s = new QLineSeries;
        s->setObjectName(QStringLiteral("grid_%1").arg(QString::fromStdString(racerKey(r))));
        s->setName(r == kLbfgs ? tr("L-BFGS (no rate)") : racerLabel(r));
        s->setPen(QPen(hueColor(kHues[r]), 2, r == kLbfgs ? Qt::DotLine : kStyles[r]));
        s->setPointsVisible(r != kLbfgs);
        attach(s);
        curves_[std::size_t(r)] = s;
    }
    chosen_->setObjectName(QStringLiteral("chosenRates"));
    chosen_->setName(tr("chosen rate"));
    chosen_->setColor(Qt::transparent);
    chosen_->setBorderColor(hueColor(Hue::Ink));
    chosen_->setMarkerSize(14);
    diverged_->setObjectName(QStringLiteral("divergedRuns"));
    diverged_->setName(tr("diverged (drawn at the top)"));
    diverged_->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    diverged_->setColor(hueColor(Hue::Vermillion));
    diverged_->setBorderColor(hueColor(Hue::Ink));
    diverged_->setMarkerSize(9);
    attach(chosen_);
    attach(diverged_);
    setLogRange(rateX_, 1e-4, 3);
    setLogRange(lossY_, 1e-20, 10);

    // The table.
    table_->setObjectName(QStringLiteral("raceTable"));
    table_->setAccessibleName(tr("Median steps to the tolerance for every optimizer on every problem"));
    QStringList rows, cols;
    for (int r = 0; r < kRacers; ++r) rows << racerLabel(r);
    for (int p = 0; p < kRaceProblems; ++p) cols << problemLabel(p);
    table_->setVerticalHeaderLabels(rows);
    table_->setHorizontalHeaderLabels(cols);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setCornerButtonEnabled(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    for (int r = 0; r < kRacers; ++r)
        for (int p = 0; p < kRaceProblems; ++p) {
            auto* item = new QTableWidgetItem(QStringLiteral("…"));
            item->setTextAlignment(Qt::AlignCenter);
            table_->setItem(r, p, item);
        }
    auto* tableNote = new WrappedLabel;
    tableNote->setObjectName(QStringLiteral("tableNote"));
    tableNote->setTextFormat(Qt::PlainText);
    tableNote->setText(tr("Median steps until f − f* < 10⁻⁶ (L-BFGS: iterations) at the rate the grid chose from the "
                          "problem's start, and how many seeds got there; bold with a ★: fewest of all; bold: fewest "
                          "of the six first-order methods."));

    auto* figures = new QWidget;
    figures->setObjectName(QStringLiteral("raceCharts"));
    auto* grid = new QGridLayout(figures);
    grid->setContentsMargins(0, 0, 0, 0);
    auto* mapRow = new QWidget;
    auto* h = new QHBoxLayout(mapRow);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(withKey(map_), 1);
    map_->colourBar()->setParent(mapRow);
    h->addWidget(map_->colourBar());
    for (FigureChart* v : {static_cast<FigureChart*>(map_), gridChart_}) v->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
    map_->setMinimumEms(11, 10);
    gridChart_->setMinimumEms(12, 10);
    grid->addWidget(mapRow, 0, 0);
    grid->addWidget(withKey(gridChart_), 0, 1);
    auto* tableBox = new QWidget;
    auto* tv = new QVBoxLayout(tableBox);
    tv->setContentsMargins(0, 0, 0, 0);
    tv->addWidget(table_);
    tv->addWidget(tableNote);
    grid->addWidget(tableBox, 1, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 1);
    addFigureWidget(figures);
    gridChart_->restyle();

    connect(problem_, &QComboBox::currentIndexChanged, this, &RaceLab::problemChanged);
    connect(map_, &ContourMapChart::pointChosen, this, &RaceLab::choosePoint);
    problemChanged();
    recompute();
}

void RaceLab::problemChanged()
{
    const RaceProblem p = RaceProblem(problem_->currentIndex());
    const std::unique_ptr<Surface> s = raceSurface(p);
    const Domain d = s->domain();
    map_->setDomain(d);
    startX_->setRange(d.xMin, d.xMax);
    startY_->setRange(d.yMin, d.yMax);
    const Point2 st = s->defaultStart();
    startX_->setValue(st.x());
    startY_->setValue(st.y());
    QList<QPointF> minima;
    for (const KnownPoint& k : s->minima()) minima.append({k.at.x(), k.at.y()});
    replaceIfChanged(ends_, minima);
}

QVariantMap RaceLab::saveExtraState() const
{
    return {{QStringLiteral("startX"), startX_->value()}, {QStringLiteral("startY"), startY_->value()}};
}

void RaceLab::restoreExtraState(const QVariantMap& state)
{
    bool okX = false, okY = false;
    const double x = state.value(QStringLiteral("startX")).toDouble(&okX);
    const double y = state.value(QStringLiteral("startY")).toDouble(&okY);
    if (okX && okY && std::isfinite(x) && std::isfinite(y)) choosePoint(QPointF(x, y));
}

void RaceLab::choosePoint(const QPointF& at)
{
    startX_->setValue(std::clamp(at.x(), startX_->minimum(), startX_->maximum()));
    startY_->setValue(std::clamp(at.y(), startY_->minimum(), startY_->maximum()));
    replaceIfChanged(start_, {QPointF(startX_->value(), startY_->value())});
}

void RaceLab::run()
{
    const int problem = problem_->currentIndex();
    const int steps = steps_->value(), seeds = seeds_->value();
    const std::uint64_t seed = std::uint64_t(seed_->value());
    const Point2 start(startX_->value(), startY_->value());
    const QString picture = QString::number(problem);
    const QString tableKey = QStringLiteral("%1/%2/%3").arg(steps).arg(seeds).arg(seed);
    const bool needPicture = picture != pictureKey_, needTable = tableKey != tableKey_;
    runJob<RaceView>(
        tr("Racing every optimizer…"),
        [=](Progress& progress) {
            RaceView v;
            v.pictureKey = picture;
            v.tableKey = tableKey;
            v.problem = problem;
            try {
                const RaceProblem p = RaceProblem(problem);
                const std::unique_ptr<Surface> surface = raceSurface(p);
                v.domain = surface->domain();
                v.race = runRace(p, start, settingsFor(steps), progress, 0, 0.0, needTable ? 0.2 : 0.95);
                if (needTable && !progress.cancelled()) {
                    RaceTableSettings ts;
                    ts.race = settingsFor(steps);
                    ts.seeds = seeds;
                    v.table = runRaceTable(ts, seed, progress, 0, 0.2, 0.95);
                    v.hasTable = !v.table.cancelled;
                }
                if (needPicture && !progress.cancelled()) {
                    progress.setPart(0.95, 1.0);
                    const Surface* s = surface.get();
                    ContourMap cm;
                    cm.grid = evaluateGrid([s](const Point2& q) { return std::log10(1 + std::max(0.0, s->value(q))); },
                                           v.domain, kCells, kCells, progress);
                    const ValueRange range = finiteRange(cm.grid.values);
                    cm.low = range.low;
                    cm.high = range.high;
                    cm.contours = contourLines(cm.grid, contourLevels(cm.grid, kContours));
                    v.picture = contourImage(cm);
                    v.low = cm.low;
                    v.high = cm.high;
                }
            } catch (const std::exception& e) {
                v.error = QString::fromUtf8(e.what());
            }
            return v;
        },
        [this](const RaceView& v) {
            if (!v.error.isEmpty()) {
                setReadout(tr("The race could not run: %1.").arg(v.error), true);
                return;
            }
            if (v.race.cancelled) return;
            auto shared = std::make_shared<RaceView>(v);
            if (!v.hasTable && view_ && view_->hasTable) {   // keep the table already computed
                shared->table = view_->table;
                shared->hasTable = true;
                shared->tableKey = view_->tableKey;
            }
            view_ = shared;
            showMap(*view_);
            showNext([this] {
                showGrid(*view_);
                showTable(*view_);
                writeReadout();
            });
        });
}

void RaceLab::showMap(const RaceView& v)
{
    if (!v.picture.isNull()) {
        map_->setImage(v.picture, v.low, v.high);
        pictureKey_ = v.pictureKey;
    }
    replaceIfChanged(start_, {QPointF(v.race.start.x(), v.race.start.y())});
    drawPaths();
}

void RaceLab::drawPaths()
{
    if (!view_) return;
    const RaceView& v = *view_;
    const Domain& d = v.domain;
    const double w = d.xMax - d.xMin, hgt = d.yMax - d.yMin;
    const Domain box{d.xMin - w, d.xMax + w, d.yMin - hgt, d.yMax + hgt};
    const int upTo = show_->value();
    for (int r = 0; r < kRacers; ++r) {
        const RacerRun& run = v.race.runs[std::size_t(r)];
        QList<QPointF> pts;
        const int last = std::min<int>(upTo, int(run.points.size()) - 1);
        pts.reserve(last + 1);
        for (int t = 0; t <= last; ++t) {
            const Point2& p = run.points[std::size_t(t)];
            if (!box.contains(p)) break;   // far off the map: the readout says so
            pts.append({p.x(), p.y()});
        }
        replaceIfChanged(paths_[std::size_t(r)], pts);
    }
    map_->restyle();
}

void RaceLab::showGrid(const RaceView& v)
{
    const RaceResult& race = v.race;
    double lo = kRaceLossFloor, hi = 1;
    for (const RaceCurve& c : race.curves)
        for (std::size_t i = 0; i < c.finalLosses.size(); ++i)
            if (!c.diverged[i] && std::isfinite(c.finalLosses[i])) hi = std::max(hi, c.finalLosses[i]);
    const double top = hi * 10;   // where a diverged run is drawn
    QList<QPointF> chosen, diverged;
    const double rLo = race.rates.front(), rHi = race.rates.back();
    for (int r = 0; r < kRacers; ++r) {
        const RaceCurve& c = race.curves[std::size_t(r)];
        QList<QPointF> pts;
        if (r == kLbfgs) {
            if (!c.diverged.empty() && !c.diverged[0]) {
                const double f = std::max(kRaceLossFloor, c.finalLosses[0]);
                pts = {QPointF(rLo, f), QPointF(rHi, f)};
            }
        } else {
            for (std::size_t i = 0; i < race.rates.size(); ++i) {
                const double f = c.diverged[i] ? top : std::max(kRaceLossFloor, c.finalLosses[i]);
                if (c.diverged[i]) diverged.append({race.rates[i], top});
                pts.append({race.rates[i], f});
            }
            if (c.best >= 0) chosen.append({c.bestRate, std::max(kRaceLossFloor, c.finalLosses[std::size_t(c.best)])});
        }
        replaceIfChanged(curves_[std::size_t(r)], pts);
    }
    replaceIfChanged(chosen_, chosen);
    replaceIfChanged(diverged_, diverged);
    setLogRange(rateX_, rLo, rHi);
    setLogRange(lossY_, lo / 10, top * 10);
    gridChart_->restyle();
}

void RaceLab::showTable(const RaceView& v)
{
    if (!v.hasTable) return;
    tableKey_ = v.tableKey;
    const RaceTable& t = v.table;
    for (int r = 0; r < kRacers; ++r)
        for (int p = 0; p < kRaceProblems; ++p) {
            const RaceCell& c = t.cells[std::size_t(r)][std::size_t(p)];
            QTableWidgetItem* item = table_->item(r, p);
            QString text = std::isfinite(c.median) ? QString::number(c.median, 'g', 6) : tr("—");
            text += QStringLiteral(" (%1/%2)").arg(c.reached).arg(t.seeds);
            if (c.best) text = QStringLiteral("★ ") + text;
            item->setText(text);
            QFont f = table_->font();
            f.setBold(c.best || c.bestFirstOrder);
            item->setFont(f);
            QString tip = r == kLbfgs ? tr("L-BFGS: strong Wolfe line search, no learning rate")
                                      : (c.noRate ? tr("every rate of the grid diverged") : tr("rate %1").arg(n3(c.rate)));
            QStringList per;
            for (int s : c.steps) per << (s < 0 ? tr("not reached") : QString::number(s));
            item->setToolTip(tip + QStringLiteral("; ") + tr("per seed: %1").arg(per.join(QStringLiteral(", "))));
        }
    const int rowH = table_->verticalHeader()->length();
    table_->setFixedHeight(rowH + table_->horizontalHeader()->height() + 2 * table_->frameWidth());
}

void RaceLab::writeReadout()
{
    if (!view_) return;
    const RaceView& v = *view_;
    const RaceResult& race = v.race;
    // The race on this problem from this start.
    int winner = -1, winnerSteps = 0, divergedRuns = 0, leftMap = 0;
    QStringList missed, rates;
    for (int r = 0; r < kRacers; ++r) {
        const RacerRun& run = race.runs[std::size_t(r)];
        const RaceCurve& c = race.curves[std::size_t(r)];
        for (char d : c.diverged) divergedRuns += d ? 1 : 0;
        if (r != kLbfgs) rates << (c.best >= 0 ? tr("%1 %2").arg(racerLabel(r), n3(c.bestRate)) : tr("%1 none (all diverged)").arg(racerLabel(r)));
        if (run.stepsToTolerance >= 0) {
            if (winner < 0 || run.stepsToTolerance < winnerSteps) {
                winner = r;
                winnerSteps = run.stepsToTolerance;
            }
        } else {
            missed << racerLabel(r);
        }
        const Domain& d = v.domain;
        const double w = d.xMax - d.xMin, hgt = d.yMax - d.yMin;
        const Domain box{d.xMin - w, d.xMax + w, d.yMin - hgt, d.yMax + hgt};
        for (const Point2& p : run.points)
            if (!box.contains(p)) {
                ++leftMap;
                break;
            }
    }
    const RacerRun& lb = race.runs[kLbfgs];
    QString text = tr("On the %1 from (%2, %3), each at the rate of its lowest final loss after %4 steps (%5): ")
                       .arg(problemLabel(v.problem), n3(race.start.x()), n3(race.start.y()))
                       .arg(steps_->value())
                       .arg(rates.join(QStringLiteral(", ")));
    if (winner < 0)
        text += tr("no racer got f − f* below 10⁻⁶. ");
    else
        text += tr("%1 got f − f* below 10⁻⁶ first, at step %2. ").arg(racerLabel(winner)).arg(winnerSteps);
    if (lb.stepsToTolerance >= 0 && winner != kLbfgs)
        text += tr("L-BFGS took %1 iterations. ").arg(lb.stepsToTolerance);
    if (lb.stepsToTolerance >= 0)
        text += tr("L-BFGS's %1 iterations used %2 gradient evaluations in its line searches. ").arg(lb.steps).arg(lb.evaluations);
    if (!missed.isEmpty()) text += tr("Not there within the steps: %1. ").arg(missed.join(QStringLiteral(", ")));
    if (divergedRuns > 0) text += tr("%1 of the grid's runs diverged (drawn at the top, never as a number). ").arg(divergedRuns);
    if (leftMap > 0) text += tr("%1 path(s) left the map and are drawn up to where they left. ").arg(leftMap);
    if (v.hasTable) {
        const RaceTable& t = v.table;
        QStringList all, first;
        for (int p = 0; p < kRaceProblems; ++p) {
            QStringList w, f;
            for (int r : t.winners[std::size_t(p)]) w << racerLabel(r);
            for (int r : t.firstOrderWinners[std::size_t(p)]) f << racerLabel(r);
            all << tr("%1: %2").arg(problemLabel(p), w.isEmpty() ? tr("none") : w.join(QStringLiteral(" and ")));
            first << tr("%1: %2").arg(problemLabel(p), f.isEmpty() ? tr("none") : f.join(QStringLiteral(" and ")));
        }
        text += tr("Table (median over %1 seed(s) from seed %2): fewest steps, %3; among the first-order methods, %4.")
                    .arg(t.seeds)
                    .arg(seed_->value())
                    .arg(all.join(QStringLiteral("; ")), first.join(QStringLiteral("; ")));
    }
    setReadout(text);
}

} // namespace minima
