#include "lessons/momentum/noiselab.h"

#include <QChart>
#include <QComboBox>
#include <QGridLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QSlider>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"

namespace minima {

namespace {
constexpr double kBarCap = 0.04;   // an interval's cap: ±4 % of the batch size (log axis)
// The four measured curves, dodged apart on the log axis so their bars do not cover each other.
constexpr double kDodge[4] = {1 / 1.10, 1.10, 1 / 1.035, 1.035};

void addTo(QChart* chart, QAbstractAxis* x, QAbstractAxis* y, QAbstractSeries* s)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}

QColor plainColour() { return hueColor(Hue::Orange); }
QColor momentumColour() { return hueColor(Hue::Blue); }

QString percent(double share) { return formatNumber(100 * share, share < 0.1 ? 2 : 3) + QStringLiteral(" %"); }

// "93 % (89–96 %)": a measured share with its 95 % interval.
QString shareWithInterval(const ProportionInterval& i)
{
    return QStringLiteral("%1 (%2–%3)").arg(percent(i.share), formatNumber(100 * i.low, 2), percent(i.high));
}

QString roleName(int well) { return well == 0 ? QObject::tr("shallow") : QObject::tr("deep"); }

// The basin holding w, by its minimum's role.
QString basinName(const ThreeMinimaLoss& loss, double w)
{
    const int k = loss.basinOf(w);
    if (k < 0) return QObject::tr("no");
    const std::string& role = loss.minima()[std::size_t(k)].role;
    return role == "shallow" ? QObject::tr("shallow") : role == "deep" ? QObject::tr("deep") : QObject::tr("global");
}
} // namespace

const std::vector<double>& NoiseLab::rates()
{
    static const std::vector<double> r = {0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100};
    return r;
}

const std::vector<int>& NoiseLab::batchSizes()
{
    static const std::vector<int> b = {1, 2, 4, 8, 16, 32};
    return b;
}

NoiseLab::NoiseLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      stepChart_(new FigureChart),
      weightChart_(new FigureChart),
      escapeChart_(new FigureChart),
      stepX_(makeValueAxis()),
      stepY_(makeValueAxis()),
      weightY_(makeValueAxis()),
      batchAxis_(new QLogValueAxis),
      plainSteps_(new QLineSeries),
      momentumSteps_(new QLineSeries),
      plainPath_(new QLineSeries),
      momentumPath_(new QLineSeries)
{
    setObjectName(QStringLiteral("noiseLab"));
    ControlStrip* c = controls();
    QSlider* beta = c->addSlider(QStringLiteral("momentum"), tr("Momentum β"), 0, 99, 90,
                                 [](int v) { return formatFixed(v / 100.0, 2); },
                                 tr("Heavy-ball momentum β, 0 to 0.99 (0 is plain SGD)"));
    beta->setPageStep(10);
    beta->setAccessibleName(tr("Momentum β"));
    const int defaultRate = int(std::find(rates().begin(), rates().end(), MomentumNoiseParams{}.effectiveRate) - rates().begin());
    QSlider* rate = c->addSlider(QStringLiteral("rate"), tr("Effective rate α/(1 − β)"), 0, int(rates().size()) - 1,
                                 defaultRate,
                                 [](int v) { return formatNumber(rates()[std::size_t(std::clamp(v, 0, int(rates().size()) - 1))]); },
                                 tr("Plain SGD's learning rate; momentum runs at α = this × (1 − β)"));
    rate->setPageStep(1);
    rate->setTickPosition(QSlider::TicksBelow);
    rate->setAccessibleName(tr("Effective learning rate"));
    c->newRow();
    QSlider* batch = c->addSlider(QStringLiteral("batchSize"), tr("Batch"), 0, int(batchSizes().size()) - 1, 0,
                                  [](int v) { return QString::number(batchSizes()[std::size_t(std::clamp(v, 0, int(batchSizes().size()) - 1))]); },
                                  tr("Mini-batch size of the runs drawn: 1, 2, 4, …, 32 (of %1 samples)").arg(loss_.sampleCount()));
    batch->setPageStep(1);
    batch->setTickPosition(QSlider::TicksBelow);
    batch->setAccessibleName(tr("Mini-batch size"));
    QComboBox* start = c->addChoice(QStringLiteral("start"), tr("Start"),
                                    {{tr("from the shallow minimum"), 0}, {tr("from the deep minimum"), 1}}, 0,
                                    tr("Where the two runs drawn start"));
    start->setAccessibleName(tr("Where the runs start"));
    QSpinBox* seed = c->addInteger(QStringLiteral("seed"), tr("Seed"), 1, 5, 1, {}, tr("Seed of the mini-batch draws"));
    seed->setAccessibleName(tr("Seed of the mini-batch draws"));
    QSpinBox* runs = c->addInteger(QStringLiteral("runs"), tr("Runs"), 20, 1000, kRuns, {},
                                   tr("Runs per batch size, start and setting in the measurement"));
    runs->setSingleStep(20);
    runs->setAccessibleName(tr("Runs per measured share"));
    // A held slider measures with fewer runs; letting go measures in full.
    for (QSlider* s : {beta, rate, batch}) connect(s, &QSlider::sliderReleased, this, &NoiseLab::recompute);

    // The step sequence: Δw_t of both runs over the first kShownSteps steps.
    QChart* sc = stepChart_->chart();
    stepChart_->setObjectName(QStringLiteral("stepChart"));
    stepChart_->setAccessibleName(tr("The step Δw at each step, plain SGD and momentum"));
    sc->setTitle(tr("The steps Δw, batch 1"));
    setExactRange(stepX_, 0, kShownSteps, 6);
    stepX_->setTitleText(tr("step t (the first %1 of %2)").arg(kShownSteps).arg(kSteps));
    stepY_->setTitleText(tr("step Δw"));
    sc->addAxis(stepX_, Qt::AlignBottom);
    sc->addAxis(stepY_, Qt::AlignLeft);
    plainSteps_->setObjectName(QStringLiteral("plainSteps"));
    plainSteps_->setPen(QPen(plainColour(), 1.3));
    momentumSteps_->setObjectName(QStringLiteral("momentumSteps"));
    momentumSteps_->setPen(QPen(momentumColour(), 2.2));
    addTo(sc, stepX_, stepY_, plainSteps_);
    addTo(sc, stepX_, stepY_, momentumSteps_);
    stepChart_->restyle();

    // The weights over all steps, with the basin boundaries.
    QChart* wc = weightChart_->chart();
    weightChart_->setObjectName(QStringLiteral("weightChart"));
    weightChart_->setAccessibleName(tr("The weight w at each step, plain SGD and momentum"));
    wc->setTitle(tr("The weight w over the steps"));
    QValueAxis* weightX = makeValueAxis();
    setNiceRange(weightX, 0, kSteps, 6);
    weightX->setTitleText(tr("step t"));
    weightY_->setTitleText(tr("weight w"));
    wc->addAxis(weightX, Qt::AlignBottom);
    wc->addAxis(weightY_, Qt::AlignLeft);
    plainPath_->setObjectName(QStringLiteral("plainPath"));
    plainPath_->setPen(QPen(plainColour(), 1.3));
    momentumPath_->setObjectName(QStringLiteral("momentumPath"));
    momentumPath_->setPen(QPen(momentumColour(), 2));
    addTo(wc, weightX, weightY_, plainPath_);
    addTo(wc, weightX, weightY_, momentumPath_);
    for (int b = 0; b < 2; ++b) {
        barrierLines_[b] = new QLineSeries;
        barrierLines_[b]->setObjectName(QStringLiteral("barrier%1").arg(b + 1));
        barrierLines_[b]->setName(b == 0 ? tr("basin boundaries") : QString());
        barrierLines_[b]->setPen(QPen(QColor(0x80, 0x80, 0x80), 1.5, Qt::DashLine));
        addTo(wc, weightX, weightY_, barrierLines_[b]);
    }
    weightChart_->restyle();

    // The measurement: the share of runs that left each minimum, per batch size.
    QChart* ec = escapeChart_->chart();
    escapeChart_->setObjectName(QStringLiteral("escapeChart"));
    escapeChart_->setAccessibleName(tr("Escape probability against batch size, plain SGD and momentum, with 95 % intervals"));
    ec->setTitle(tr("Escapes"));
    batchAxis_->setBase(2);
    batchAxis_->setRange(0.75, 1.35 * batchSizes().back());
    batchAxis_->setLabelFormat(QStringLiteral("%d"));
    batchAxis_->setMinorTickCount(0);
    batchAxis_->setTitleText(tr("batch size B"));
    QValueAxis* shareAxis = shareAxis_ = makeValueAxis();
    setNiceRange(shareAxis, 0, 1, 6);
    shareAxis->setTitleText(tr("share of %1 runs that leave").arg(kRuns));
    ec->addAxis(batchAxis_, Qt::AlignBottom);
    ec->addAxis(shareAxis, Qt::AlignLeft);
    static const char* kNames[4] = {"plainShallow", "momentumShallow", "plainDeep", "momentumDeep"};
    for (int k = 0; k < 4; ++k) {
        const bool withMomentum = k % 2 == 1, deep = k >= 2;
        const QColor colour = withMomentum ? momentumColour() : plainColour();
        escapeLines_[k] = new QLineSeries;
        escapeLines_[k]->setObjectName(QLatin1String(kNames[k]));
        escapeLines_[k]->setPen(QPen(colour, 2.2, deep ? Qt::DashLine : Qt::SolidLine));
        addTo(ec, batchAxis_, shareAxis, escapeLines_[k]);
    }
    auto* intervalKey = new QLineSeries;
    intervalKey->setObjectName(QStringLiteral("intervalKey"));
    intervalKey->setName(tr("95 % interval (Wilson)"));
    intervalKey->setPen(QPen(hueColor(Hue::Ink), 1.6));
    addTo(ec, batchAxis_, shareAxis, intervalKey);
    for (int k = 0; k < 4; ++k) {
        const QColor colour = k % 2 == 1 ? momentumColour() : plainColour();
        for (std::size_t i = 0; i < batchSizes().size(); ++i) {
            auto* bar = new QLineSeries;
            bar->setObjectName(QStringLiteral("%1Interval%2").arg(QLatin1String(kNames[k])).arg(i + 1));
            bar->setPen(QPen(colour, 1.6));
            addTo(ec, batchAxis_, shareAxis, bar);
            escapeBars_[k].append(bar);
        }
    }
    for (int k = 0; k < 4; ++k) {
        const bool withMomentum = k % 2 == 1, deep = k >= 2;
        const QColor colour = withMomentum ? momentumColour() : plainColour();
        auto* p = new QScatterSeries;
        p->setObjectName(QStringLiteral("%1Points").arg(QLatin1String(kNames[k])));
        p->setMarkerShape(deep ? QScatterSeries::MarkerShapeRectangle : QScatterSeries::MarkerShapeCircle);
        p->setMarkerSize(deep ? 8 : 10);
        p->setColor(colour);
        p->setBorderColor(colour);
        addTo(ec, batchAxis_, shareAxis, p);
        escapePoints_[k] = p;
    }
    escapeChart_->restyle();
    // Only the curves and the interval carry a key entry.
    for (int k = 0; k < 4; ++k) {
        for (QLegendMarker* m : ec->legend()->markers(escapePoints_[k])) m->setVisible(false);
        for (QLineSeries* bar : escapeBars_[k])
            for (QLegendMarker* m : ec->legend()->markers(bar)) m->setVisible(false);
    }

    // The two sequences on the left, the measurement on the right.
    auto* figures = new QWidget;
    auto* grid = new QGridLayout(figures);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(withKey(stepChart_), 0, 0);
    grid->addWidget(withKey(weightChart_), 1, 0);
    grid->addWidget(withKey(escapeChart_), 0, 1, 2, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    addFigureWidget(figures);
    recompute();
}

QSlider* NoiseLab::momentumSlider() const { return qobject_cast<QSlider*>(controls()->control(QStringLiteral("momentum"))); }
QSlider* NoiseLab::rateSlider() const { return qobject_cast<QSlider*>(controls()->control(QStringLiteral("rate"))); }
QSlider* NoiseLab::batchSlider() const { return qobject_cast<QSlider*>(controls()->control(QStringLiteral("batchSize"))); }
QComboBox* NoiseLab::startBox() const { return qobject_cast<QComboBox*>(controls()->control(QStringLiteral("start"))); }
QSpinBox* NoiseLab::seedBox() const { return qobject_cast<QSpinBox*>(controls()->control(QStringLiteral("seed"))); }
QSpinBox* NoiseLab::runsBox() const { return qobject_cast<QSpinBox*>(controls()->control(QStringLiteral("runs"))); }

double NoiseLab::momentum() const { return std::clamp(momentumSlider()->value(), 0, 99) / 100.0; }
double NoiseLab::effectiveRate() const
{
    return rates()[std::size_t(std::clamp(rateSlider()->value(), 0, int(rates().size()) - 1))];
}
int NoiseLab::batchSize() const
{
    return batchSizes()[std::size_t(std::clamp(batchSlider()->value(), 0, int(batchSizes().size()) - 1))];
}

MomentumNoiseParams NoiseLab::measurementParams() const
{
    MomentumNoiseParams p;
    p.batchSizes = batchSizes();
    p.runs = runsBox()->value();
    p.effectiveRate = effectiveRate();
    p.momentum = momentum();
    p.seed = std::uint64_t(seedBox()->value());
    return p;
}

namespace {
bool sameMeasurement(const MomentumNoiseParams& a, const MomentumNoiseParams& b)
{
    return a.batchSizes == b.batchSizes && a.runs == b.runs && a.steps == b.steps && a.effectiveRate == b.effectiveRate
           && a.momentum == b.momentum && a.seed == b.seed;
}
} // namespace

void NoiseLab::run()
{
    const bool held = momentumSlider()->isSliderDown() || rateSlider()->isSliderDown() || batchSlider()->isSliderDown();
    MomentumNoiseParams p = measurementParams();
    if (held) p.runs = std::min(p.runs, kQuickRuns);
    // A new start or batch size draws new runs and keeps the measurement on show.
    const bool measure = !haveMeasurement_ || !sameMeasurement(p, shown_.measured) || shown_.escape.cancelled;
    const MomentumNoiseResult kept = measure ? MomentumNoiseResult{} : shown_.escape;
    const int startWell = startBox()->currentData().toInt();
    const int batch = batchSize();
    const std::size_t batchIndex = std::size_t(batchSlider()->value());
    const std::size_t fullRuns = std::size_t(runsBox()->value());   // the drawn runs do not change when a slider is let go
    const ThreeMinimaLoss* loss = &loss_;
    const QString message = measure ? tr("Running %1 runs of %2 steps per batch size, start and setting…").arg(p.runs).arg(p.steps)
                                    : tr("Running plain SGD and momentum…");
    runJob<View>(
        message,
        [=](Progress& progress) {
            View v;
            v.quick = held;
            v.batch = batch;
            v.start = loss->minima()[std::size_t(loss->minimumIndex(startWell == 0 ? "shallow" : "deep"))].w;
            // The drawn runs are run 0 of the measurement at this batch size and start (its stream).
            v.trace = momentumTrace(*loss, v.start, batch, p.steps, p.effectiveRate, p.momentum, p.seed,
                                    escapeRunStream(batchIndex, std::size_t(startWell), 0, fullRuns));
            v.measured = p;
            v.escape = measure ? runMomentumNoise(p, progress) : kept;
            return v;
        },
        [this](const View& v) {
            shown_ = v;
            haveMeasurement_ = !v.escape.cancelled && !v.escape.plain.rows.empty();
            showTrace();
            showNext([this] {
                showEscape();
                updateReadout();
            });
        });
}

void NoiseLab::showTrace()
{
    const MomentumTrace& t = shown_.trace;
    const QString betaText = formatFixed(shown_.measured.momentum, 2);
    plainSteps_->setName(tr("plain SGD, rate %1").arg(formatNumber(shown_.measured.effectiveRate)));
    momentumSteps_->setName(tr("momentum β = %1, rate %2").arg(betaText, formatNumber(momentumRate(shown_.measured.effectiveRate, shown_.measured.momentum))));
    plainPath_->setName(plainSteps_->name());
    momentumPath_->setName(momentumSteps_->name());
    // The steps: Δw of step t + 1 at x = t + 1 (finite by sgdOnLoss: a diverging run stops).
    QList<QPointF> steps[2];
    double reach = 0;
    const std::vector<double>* seq[2] = {&t.plainSteps, &t.momentumSteps};
    for (int k = 0; k < 2; ++k) {
        const std::size_t n = std::min<std::size_t>(seq[k]->size(), kShownSteps);
        for (std::size_t i = 0; i < n; ++i) {
            const double s = (*seq[k])[i];
            steps[k].append(QPointF(double(i + 1), s));
            reach = std::max(reach, std::abs(s));
        }
    }
    if (!(reach > 0) || !std::isfinite(reach)) reach = 1;
    setNiceRange(stepY_, -1.05 * reach, 1.05 * reach, 6);
    replaceIfChanged(plainSteps_, steps[0]);
    replaceIfChanged(momentumSteps_, steps[1]);

    QList<QPointF> paths[2];
    const std::vector<double>* pathOf[2] = {&t.plainPath, &t.momentumPath};
    double lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k < 2; ++k) {
        for (std::size_t i = 0; i < pathOf[k]->size(); ++i) {
            const double w = (*pathOf[k])[i];
            paths[k].append(QPointF(double(i), w));
            lo = std::min(lo, w);
            hi = std::max(hi, w);
        }
    }
    const std::vector<double>& barriers = loss_.barriers();
    for (std::size_t b = 0; b < 2; ++b) {
        QList<QPointF> line;
        if (b < barriers.size()) {
            line = {QPointF(0, barriers[b]), QPointF(kSteps, barriers[b])};
            lo = std::min(lo, barriers[b]);
            hi = std::max(hi, barriers[b]);
        }
        replaceIfChanged(barrierLines_[b], line);
    }
    if (!(lo < hi)) {
        lo -= 1;
        hi += 1;
    }
    const double pad = 0.05 * (hi - lo);
    setNiceRange(weightY_, lo - pad, hi + pad, 6);
    replaceIfChanged(plainPath_, paths[0]);
    replaceIfChanged(momentumPath_, paths[1]);
    stepChart_->chart()->setTitle(tr("The steps Δw, batch %1").arg(shown_.batch));
    stepChart_->restyle();
    weightChart_->restyle();
}

void NoiseLab::showEscape()
{
    const MomentumNoiseResult& r = shown_.escape;
    const EscapeResult* results[2] = {&r.plain, &r.withMomentum};
    const QString rateText = formatNumber(r.effectiveRate);
    escapeLines_[0]->setName(tr("plain SGD from shallow"));
    escapeLines_[1]->setName(tr("momentum from shallow"));
    escapeLines_[2]->setName(tr("plain SGD from deep"));
    escapeLines_[3]->setName(tr("momentum from deep"));
    auto bar = [](double x, double low, double high) {
        const double a = x * (1 - kBarCap), b = x * (1 + kBarCap);
        return QList<QPointF>{{a, low}, {b, low}, {x, low}, {x, high}, {a, high}, {b, high}};
    };
    for (int k = 0; k < 4; ++k) {
        const EscapeResult& e = *results[k % 2];
        const bool deep = k >= 2;
        QList<QPointF> points;
        int i = 0;
        if (haveMeasurement_) {
            for (const EscapeRow& row : e.rows) {
                const ProportionInterval& in = deep ? row.deepInterval : row.shallowInterval;
                const double x = row.batchSize * kDodge[k];
                points.append(QPointF(x, in.share));
                if (i < escapeBars_[k].size()) escapeBars_[k][i]->replace(bar(x, in.low, in.high));
                ++i;
            }
        }
        for (; i < escapeBars_[k].size(); ++i) escapeBars_[k][i]->clear();
        escapeLines_[k]->replace(points);
        escapePoints_[k]->replace(points);
    }
    escapeChart_->chart()->setTitle(
        haveMeasurement_ ? tr("Escapes, rate %1, β = %2").arg(rateText, formatFixed(r.momentum, 2))
                         : tr("Escapes: the measurement was stopped"));
    shareAxis_->setTitleText(tr("share of %1 runs that leave").arg(r.plain.runs));
    escapeChart_->restyle();
}

void NoiseLab::updateReadout()
{
    const MomentumTrace& t = shown_.trace;
    const MomentumNoiseParams& p = shown_.measured;
    const int startWell = startBox()->currentData().toInt();
    QString text = tr("Batch %1 from the %2 minimum, seed %3: plain SGD at rate %4 against momentum β = %5 at "
                      "α = %4 × (1 − β) = %6. ")
                       .arg(shown_.batch)
                       .arg(roleName(startWell))
                       .arg(p.seed)
                       .arg(formatNumber(p.effectiveRate), formatFixed(p.momentum, 2),
                            formatNumber(momentumRate(p.effectiveRate, p.momentum)));
    text += tr("From one step to the next the step changed by %1 without momentum and by %2 with it (rms). ")
                .arg(formatNumber(stepRoughness(t.plainSteps)), formatNumber(stepRoughness(t.momentumSteps)));
    bool warning = false;
    const LossSgdRun* runs[2] = {&t.plain, &t.withMomentum};
    const QString names[2] = {tr("plain SGD"), tr("momentum")};
    QStringList ends;
    for (int k = 0; k < 2; ++k) {
        if (runs[k]->diverged) {
            warning = true;
            text += tr("<b>The %1 run diverged at step %2</b> (|w| reached 10⁶): its lines stop at the last finite point. ")
                        .arg(names[k])
                        .arg(runs[k]->steps + 1);
        } else {
            ends << tr("%1 ended in the %2 basin").arg(names[k], basinName(loss_, runs[k]->w));
        }
    }
    if (!ends.isEmpty()) text += tr("The drawn runs: %1.").arg(ends.join(QStringLiteral(", "))) + QLatin1Char(' ');
    if (!haveMeasurement_) {
        text += QStringLiteral("<br>") + tr("The measurement was stopped before it finished: change a control to run it again.");
        setReadout(text, true);
        return;
    }
    const EscapeRow* rows[2] = {nullptr, nullptr};
    const EscapeResult* results[2] = {&shown_.escape.plain, &shown_.escape.withMomentum};
    for (int k = 0; k < 2; ++k)
        for (const EscapeRow& row : results[k]->rows)
            if (row.batchSize == shown_.batch) rows[k] = &row;
    if (rows[0] && rows[1]) {
        text += QStringLiteral("<br>")
                + tr("Measured at batch %1 over %2 runs each (95 % intervals): plain SGD left the shallow minimum in %3, "
                     "momentum in %4; the deep one %5 and %6.")
                      .arg(shown_.batch)
                      .arg(results[0]->runs)
                      .arg(shareWithInterval(rows[0]->shallowInterval), shareWithInterval(rows[1]->shallowInterval),
                           shareWithInterval(rows[0]->deepInterval), shareWithInterval(rows[1]->deepInterval));
        int diverged[2] = {0, 0};
        for (int k = 0; k < 2; ++k)
            for (const EscapeRow& row : results[k]->rows) diverged[k] += row.diverged;
        if (diverged[0] + diverged[1] > 0) {
            warning = true;
            text += QLatin1Char(' ')
                    + tr("<b>Diverged</b> (counted as leaving): %1 plain and %2 momentum runs over all batch sizes.")
                          .arg(diverged[0])
                          .arg(diverged[1]);
        }
    }
    if (shown_.quick) text += QLatin1Char(' ') + tr("(A quick measurement while the slider is held; let go for %1 runs.)").arg(runsBox()->value());
    setReadout(text, warning);
}

} // namespace minima
