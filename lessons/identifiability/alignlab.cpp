#include "lessons/identifiability/alignlab.h"

#include <QChart>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHash>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "engine/nn/network.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/networkdiagram.h"
#include "lessons/common/wrappedlabel.h"
#include "lessons/identifiability/permutationgrid.h"

namespace minima {

namespace {
constexpr double kBarCap = 0.05;   // an interval's cap: ±5 % of the width (log axis)
constexpr double kDodge = 1.04;    // the naive interval sits left of its width, the aligned one right

QString num(double v)
{
    if (std::abs(v) < 5e-13) v = 0;
    return formatNumber(v, 3);
}

// An exact decimal as a person reads it: "384", or "≈ 2.6·10³⁵" when it has more than five digits.
QString countText(const std::string& digits)
{
    if (digits.size() <= 5) return QString::fromStdString(digits);
    return QStringLiteral("≈ ") + formatNumber(std::strtod(digits.c_str(), nullptr), 2);
}

// The colour of matched pair i of n: viridis across the layer, so neighbouring places of A
// get neighbouring colours and a scrambled B shows as scrambled colours.
QColor pairColour(int i, int n) { return viridis(n <= 1 ? 0.5 : 0.05 + 0.9 * double(i) / double(n - 1)); }

QList<QPointF> pointsOf(const std::vector<double>& xs, const std::vector<double>& ys)
{
    QList<QPointF> out;
    for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i)
        if (std::isfinite(xs[i]) && std::isfinite(ys[i])) out.append({xs[i], ys[i]});
    return out;
}

// The highest point of a path: (alpha, loss).
QPointF topOf(const std::vector<double>& alphas, const std::vector<double>& losses)
{
    QPointF top(0, -INFINITY);
    for (std::size_t i = 0; i < alphas.size() && i < losses.size(); ++i)
        if (std::isfinite(losses[i]) && losses[i] > top.y()) top = QPointF(alphas[i], losses[i]);
    return top;
}
// A line series of the lab's figures: its object name (what tests find it by), its key entry
// (none when empty) and its pen.
QLineSeries* lineSeries(const QString& object, const QString& name, const QPen& pen)
{
    auto* s = new QLineSeries;
    s->setObjectName(object);
    if (!name.isEmpty()) s->setName(name);
    s->setPen(pen);
    return s;
}

// A series of markers in the palette's `hue`, outlined in ink.
QScatterSeries* markerSeries(const QString& object, const QString& name, QScatterSeries::MarkerShape shape, qreal size,
                             Hue hue)
{
    auto* s = new QScatterSeries;
    s->setObjectName(object);
    if (!name.isEmpty()) s->setName(name);
    s->setMarkerShape(shape);
    s->setMarkerSize(size);
    s->setColor(hueColor(hue));
    s->setBorderColor(hueColor(Hue::Ink));
    return s;
}

} // namespace

const std::vector<int>& AlignLab::sweepWidths()
{
    static const std::vector<int> widths{4, 8, 16, 32};
    return widths;
}

AlignLab::AlignLab(LessonContext& context, QWidget* parent) : Lab(context, parent)
{
    setObjectName(QStringLiteral("alignLab"));
    const AlignParams defaults;
    ControlStrip* c = controls();
    width_ = c->addInteger(QStringLiteral("alignWidth"), tr("&Hidden neurons:"), 2, 32, defaults.width, tr("per layer"));
    width_->setAccessibleName(tr("Hidden neurons per layer"));
    layers_ = c->addInteger(QStringLiteral("alignLayers"), tr("&Layers:"), 1, 2, defaults.hiddenLayers);
    layers_->setAccessibleName(tr("Hidden layers"));
    activation_ = c->addChoice(QStringLiteral("alignActivation"), tr("&Activation:"),
                               {{QStringLiteral("tanh"), int(Activation::Tanh)}, {QStringLiteral("ReLU"), int(Activation::ReLU)}});
    activation_->setAccessibleName(tr("Activation of the hidden layers"));
    dataset_ = c->addChoice(QStringLiteral("alignDataset"), tr("&Data:"),
                            {{tr("two moons"), QStringLiteral("moons")},
                             {tr("circles"), QStringLiteral("circles")},
                             {tr("XOR"), QStringLiteral("xor")}});
    dataset_->setAccessibleName(tr("Data set both networks train on"));
    c->newRow();
    seedA_ = c->addInteger(QStringLiteral("seedASpin"), tr("Seed of &A:"), 1, 9999, int(defaults.seedA));
    seedA_->setAccessibleName(tr("Seed of network A's initial weights"));
    seedB_ = c->addInteger(QStringLiteral("seedBSpin"), tr("Seed of &B:"), 1, 9999, int(defaults.seedB));
    seedB_->setAccessibleName(tr("Seed of network B's initial weights"));
    measure_ = c->addAction(QStringLiteral("measure"), tr("&Measure barriers against width"),
                            tr("Train %1 pairs of networks at each of the widths %2 and chart both barriers")
                                .arg(AlignSweepParams{}.pairs)
                                .arg([] {
                                    QStringList w;
                                    for (int n : sweepWidths()) w << QString::number(n);
                                    return w.join(QStringLiteral(", "));
                                }()));
    measure_->setAccessibleName(tr("Measure the barriers before and after alignment against the width"));

    // The two paths on one chart, each with its barrier marked.
    lossChart_ = new FigureChart;
    lossChart_->setObjectName(QStringLiteral("alignLossChart"));
    lossChart_->setAccessibleName(tr("Loss along the straight path from A to B, before and after aligning B"));
    QChart* chart = lossChart_->chart();
    chart->setTitle(tr("Loss on the straight path from A to B"));
    naive_ = lineSeries(QStringLiteral("naivePath"), tr("A → B as trained"), QPen(hueColor(Hue::Vermillion), 3));
    aligned_ = lineSeries(QStringLiteral("alignedPath"), tr("A → B aligned to A"), QPen(hueColor(Hue::Blue), 3));
    endsMean_ = lineSeries(QStringLiteral("endsMean"), tr("mean loss of the ends"), QPen(hueColor(Hue::Ink), 1.2, Qt::DashLine));
    barrierKey_ = lineSeries(QStringLiteral("barrierKey"), tr("barrier: top of the path above that mean"),
                             QPen(hueColor(Hue::Ink), 2.5));
    naiveBar_ = lineSeries(QStringLiteral("naiveBarrier"), {}, QPen(hueColor(Hue::Vermillion), 2.5));
    alignedBar_ = lineSeries(QStringLiteral("alignedBarrier"), {}, QPen(hueColor(Hue::Blue), 2.5));
    naiveTop_ = markerSeries(QStringLiteral("naiveTop"), {}, QScatterSeries::MarkerShapeRectangle, 11, Hue::Vermillion);
    alignedTop_ = markerSeries(QStringLiteral("alignedTop"), {}, QScatterSeries::MarkerShapeRectangle, 11, Hue::Blue);
    ends_ = markerSeries(QStringLiteral("ends"), tr("A (α = 0) and B (α = 1)"), QScatterSeries::MarkerShapeCircle, 13,
                         Hue::BluishGreen);
    lossX_ = makeValueAxis();
    lossX_->setTitleText(tr("α along the path (0: A, 1: B)"));
    lossY_ = makeValueAxis();
    lossY_->setTitleText(tr("training loss (MSE)"));
    chart->addAxis(lossX_, Qt::AlignBottom);
    chart->addAxis(lossY_, Qt::AlignLeft);
    setNiceRange(lossX_, 0, 1, 6);
    setNiceRange(lossY_, 0, 1);
    // Data first, the reference line and the barriers' marks above it.
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{naive_, aligned_, endsMean_, barrierKey_, naiveBar_, alignedBar_,
                                                          naiveTop_, alignedTop_, ends_}) {
        chart->addSeries(s);
        s->attachAxis(lossX_);
        s->attachAxis(lossY_);
    }
    lossChart_->restyle();

    // The networks side by side, and the matching between them.
    auto* networks = new QWidget;
    networks->setObjectName(QStringLiteral("alignNetworks"));
    auto* netGrid = new QGridLayout(networks);
    netGrid->setContentsMargins(0, 0, 0, 0);
    titleA_ = new QLabel(tr("Network A"));
    titleB_ = new QLabel(tr("Network B as trained, neurons coloured as their matches in A"));
    for (QLabel* t : {titleA_, titleB_}) {
        t->setWordWrap(true);
        t->setAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    }
    diagramA_ = new NetworkDiagram;
    diagramA_->setObjectName(QStringLiteral("alignDiagramA"));
    diagramB_ = new NetworkDiagram;
    diagramB_->setObjectName(QStringLiteral("alignDiagramB"));
    for (NetworkDiagram* d : {diagramA_, diagramB_}) {
        d->setRearrangeable(false);
        d->setLegendShown(false);   // one key below both
        d->setMinimumWidth(140);
        d->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    }
    diagramA_->setAccessibleName(tr("Network A"));
    diagramB_->setAccessibleName(tr("Network B, its neurons coloured as their matches in A"));
    grid_ = new PermutationGrid;
    grid_->setObjectName(QStringLiteral("matchingGrid"));
    netGrid->addWidget(titleA_, 0, 0);
    netGrid->addWidget(titleB_, 0, 1);
    netGrid->addWidget(diagramA_, 1, 0);
    netGrid->addWidget(diagramB_, 1, 1);
    edgeKey_ = new WrappedLabel;
    edgeKey_->setObjectName(QStringLiteral("alignEdgeKey"));
    edgeKey_->setWordWrap(true);
    writeEdgeKey();
    netGrid->addWidget(edgeKey_, 2, 0, 1, 2);
    netGrid->addWidget(grid_, 0, 2, 3, 1);
    netGrid->setColumnStretch(0, 3);
    netGrid->setColumnStretch(1, 3);
    netGrid->setColumnStretch(2, 2);
    netGrid->setRowStretch(1, 1);

    // The sweep: both barriers against the width, with their 95 % intervals.
    sweepChart_ = new FigureChart;
    sweepChart_->setObjectName(QStringLiteral("alignSweepChart"));
    sweepChart_->setAccessibleName(tr("Barrier before and after alignment against the width, with 95 % intervals"));
    QChart* sc = sweepChart_->chart();
    sc->setTitle(tr("Barrier against width: press Measure"));
    sweepX_ = new QLogValueAxis;
    sweepX_->setBase(2);
    sweepX_->setRange(sweepWidths().front() / 1.35, sweepWidths().back() * 1.35);
    sweepX_->setLabelFormat(QStringLiteral("%d"));
    sweepX_->setMinorTickCount(0);
    sweepX_->setTitleText(tr("hidden neurons per layer"));
    sweepY_ = makeValueAxis();
    sweepY_->setTitleText(tr("mean barrier"));   // over the pairs the readout counts
    setNiceRange(sweepY_, 0, 1);
    sc->addAxis(sweepX_, Qt::AlignBottom);
    sc->addAxis(sweepY_, Qt::AlignLeft);
    auto addSweep = [&](QXYSeries* s) {
        sc->addSeries(s);
        s->attachAxis(sweepX_);
        s->attachAxis(sweepY_);
    };
    sweepNaive_ = lineSeries(QStringLiteral("sweepNaive"), tr("as trained"), QPen(hueColor(Hue::Vermillion), 2.5));
    sweepAligned_ = lineSeries(QStringLiteral("sweepAligned"), tr("aligned"), QPen(hueColor(Hue::Blue), 2.5, Qt::DashLine));
    addSweep(sweepNaive_);
    addSweep(sweepAligned_);
    intervalKey_ = lineSeries(QStringLiteral("sweepIntervalKey"), tr("95 % interval of the mean"), QPen(hueColor(Hue::Ink), 1.6));
    addSweep(intervalKey_);
    for (int k = 0; k < 2; ++k) {
        QList<QLineSeries*>& bars = k == 0 ? naiveBars_ : alignedBars_;
        for (std::size_t i = 0; i < sweepWidths().size(); ++i) {
            auto* bar = lineSeries(QStringLiteral("%1Interval%2").arg(k == 0 ? QStringLiteral("naive") : QStringLiteral("aligned")).arg(i + 1),
                                   {}, QPen(hueColor(k == 0 ? Hue::Vermillion : Hue::Blue), 1.6));
            addSweep(bar);
            bars.append(bar);
        }
    }
    sweepNaivePoints_ = markerSeries(QStringLiteral("sweepNaivePoints"), {}, QScatterSeries::MarkerShapeCircle, 10, Hue::Vermillion);
    sweepAlignedPoints_ = markerSeries(QStringLiteral("sweepAlignedPoints"), {}, QScatterSeries::MarkerShapeRectangle, 9, Hue::Blue);
    addSweep(sweepNaivePoints_);
    addSweep(sweepAlignedPoints_);
    sweepChart_->restyle();

    // The loss chart and the sweep on top, the networks and their matching below.
    auto* figures = new QWidget;
    figures->setObjectName(QStringLiteral("alignFigures"));
    auto* layout = new QGridLayout(figures);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(withKey(lossChart_), 0, 0);
    layout->addWidget(withKey(sweepChart_), 0, 1);
    layout->addWidget(networks, 1, 0, 1, 2);
    layout->setColumnStretch(0, 3);
    layout->setColumnStretch(1, 2);
    layout->setRowStretch(0, 3);
    layout->setRowStretch(1, 2);
    addFigureWidget(figures);

    connect(measure_, &QPushButton::clicked, this, &AlignLab::measure);
    recompute();
}

void AlignLab::writeEdgeKey()
{
    const QString line = QStringLiteral("<span style=\"color:%1\">━━</span>");
    edgeKey_->setText(tr("%1 positive weight  %2 negative weight; thickness ∝ |weight|; fill: a matched pair")
                          .arg(line.arg(hueColor(Hue::Blue).name()), line.arg(hueColor(Hue::Vermillion).name())));
}

void AlignLab::changeEvent(QEvent* event)
{
    Lab::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) writeEdgeKey();
}

AlignParams AlignLab::params() const
{
    AlignParams p;
    p.width = width_->value();
    p.hiddenLayers = layers_->value();
    p.activation = Activation(activation_->currentData().toInt());
    p.dataset = dataset_->currentData().toString().toStdString();
    p.seedA = std::uint64_t(seedA_->value());
    p.seedB = std::uint64_t(seedB_->value());
    p.signFlips = p.activation == Activation::Tanh;   // tanh(−z) = −tanh(z); ReLU has no flip
    return p;
}

AlignSweepParams AlignLab::sweepParams() const
{
    const AlignParams a = params();
    AlignSweepParams p;
    p.widths = sweepWidths();
    p.hiddenLayers = a.hiddenLayers;
    p.activation = a.activation;
    p.dataset = a.dataset;
    p.signFlips = a.signFlips;
    return p;
}

QString AlignLab::sweepKey() const
{
    return QStringLiteral("%1 %2 %3").arg(activation_->currentText(), dataset_->currentText()).arg(layers_->value());
}

void AlignLab::measure()
{
    measureWanted_ = true;
    recompute();
}

void AlignLab::run()
{
    if (!sweepFor_.isEmpty() && sweepFor_ != sweepKey()) clearSweep(false);
    if (measureWanted_) {
        measureWanted_ = false;
        runSweep();
        return;
    }
    runAlignment();
}

void AlignLab::runAlignment()
{
    if (!sweepShown()) clearSweep(true);   // a measurement this supersedes is no longer under way
    const AlignParams p = params();
    if (p.seedA == p.seedB) {
        job()->cancel();
        clearFigures();
        problem_ = tr("Seeds A and B are the same: B is A, and there is nothing to align. Pick two different seeds.");
        updateReadout();
        return;
    }
    runJob<AlignResult>(tr("Training A and B (Adam, %1 epochs each) and matching B's neurons to A's…").arg(p.epochs),
                        [p](Progress& progress) { return runAlign(p, progress); },
                        [this](const AlignResult& r) {
                            if (r.cancelled) return;
                            result_ = r;
                            const bool finite = std::isfinite(r.lossA) && std::isfinite(r.lossB)
                                                && std::isfinite(r.naiveBarrier) && std::isfinite(r.alignedBarrier);
                            if (r.diverged || !finite || r.alphas.empty()) {
                                hasResult_ = false;
                                clearFigures();
                                problem_ = tr("A training diverged: there is no path to show. Try other seeds.");
                                updateReadout();
                                return;
                            }
                            hasResult_ = true;
                            try {
                                countText_ = countText(matchingArrangementCount(Network(r.widths, {params().activation}),
                                                                                params().signFlips));
                            } catch (const std::exception&) {
                                countText_.clear();
                            }
                            showLoss();
                            // The diagrams and the matrix a turn later, so no turn holds the
                            // interface for long (docs/ARCHITECTURE.md, "the event loop").
                            showNext([this] { showNetworks(); });
                            showNext([this] {
                                showMatching();
                                updateReadout();
                                // On opening, the width chart is measured too, for the settings the
                                // lab opened with, after the pair is on show.
                                if (openingSweep_) {
                                    openingSweep_ = false;
                                    if (!sweepShown()) measure();
                                }
                            });
                        });
}

void AlignLab::runSweep()
{
    const AlignSweepParams p = sweepParams();
    const QString key = sweepKey();
    // A sweep depends on its settings alone (its seeds are fixed): one measured before, in this
    // lab or another, is shown again at once.
    static QHash<QString, AlignSweepResult> measured;
    std::function<AlignSweepResult(Progress&)> work = [p](Progress& progress) { return runAlignSweep(p, progress); };
    if (const auto known = measured.constFind(key); known != measured.constEnd())
        work = [s = *known](Progress&) { return s; };
    else if (!sweepShown())
        sweepChart_->chart()->setTitle(tr("Barrier against width: measuring…"));
    runJob<AlignSweepResult>(tr("Training %1 pairs of networks at each of %2 widths…").arg(p.pairs).arg(p.widths.size()),
                             std::move(work),
                             [this, key](const AlignSweepResult& s) {
                                 if (s.cancelled) {
                                     if (!sweepShown()) clearSweep(true);
                                     updateReadout();
                                     return;
                                 }
                                 measured.insert(key, s);
                                 sweep_ = s;
                                 sweepFor_ = key;
                                 sweepNote_.clear();
                                 showSweep();
                                 showNext([this] { updateReadout(); });   // the chart painted first
                             });
}

void AlignLab::clearFigures()
{
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{naive_, aligned_, endsMean_, naiveBar_, alignedBar_, naiveTop_,
                                                          alignedTop_, ends_})
        s->clear();
    diagramA_->clearNetwork();
    diagramB_->clearNetwork();
    grid_->clear();
    hasResult_ = false;
}

void AlignLab::clearSweep(bool keepNote)
{
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{sweepNaive_, sweepAligned_, sweepNaivePoints_, sweepAlignedPoints_})
        s->clear();
    for (QLineSeries* s : naiveBars_) s->clear();
    for (QLineSeries* s : alignedBars_) s->clear();
    if (!keepNote && !sweepFor_.isEmpty())
        sweepNote_ = tr("The width chart was measured for other settings and is cleared: press Measure for these.");
    sweepFor_.clear();
    sweep_ = {};
    setNiceRange(sweepY_, 0, 1);
    sweepChart_->chart()->setTitle(tr("Barrier against width: press Measure"));
}

void AlignLab::showLoss()
{
    const AlignResult& r = result_;
    const QList<QPointF> naive = pointsOf(r.alphas, r.naiveLosses), aligned = pointsOf(r.alphas, r.alignedLosses);
    replaceIfChanged(naive_, naive);
    replaceIfChanged(aligned_, aligned);
    const double mean = 0.5 * (r.lossA + r.lossB);
    replaceIfChanged(endsMean_, {QPointF(0, mean), QPointF(1, mean)});
    const QPointF nt = topOf(r.alphas, r.naiveLosses), at = topOf(r.alphas, r.alignedLosses);
    // Each barrier is a vertical segment from the ends' mean up to its path's top; the aligned
    // one is nudged aside when both tops are at the same α, so neither hides the other.
    const double shift = std::abs(nt.x() - at.x()) < 0.02 ? 0.015 : 0.0;
    replaceIfChanged(naiveBar_, {QPointF(nt.x() - shift, mean), QPointF(nt.x() - shift, nt.y())});
    replaceIfChanged(alignedBar_, {QPointF(at.x() + shift, mean), QPointF(at.x() + shift, at.y())});
    replaceIfChanged(naiveTop_, {nt});
    replaceIfChanged(alignedTop_, {at});
    replaceIfChanged(ends_, {QPointF(0, r.lossA), QPointF(1, r.lossB)});
    double lo = std::min(r.lossA, r.lossB), hi = std::max(nt.y(), at.y());
    for (const QPointF& q : naive + aligned) lo = std::min(lo, q.y());
    const double pad = 0.06 * std::max(hi - lo, 1e-6);
    setNiceRange(lossY_, std::max(0.0, lo - pad), hi + pad);
    lossChart_->restyle();
}

void AlignLab::showNetworks()
{
    const AlignResult& r = result_;
    const Network net(r.widths, {params().activation});
    if (r.a.size() != net.parameterCount() || r.b.size() != net.parameterCount()) return;
    diagramA_->setNetwork(net, r.a);
    diagramB_->setNetwork(net, r.b);
    const QString legend = tr("fill: matched pair");
    for (int h = 0; h < net.hiddenLayerCount() && h < int(r.matching.perms.size()); ++h) {
        const auto& perm = r.matching.perms[std::size_t(h)];
        const int n = int(perm.size());
        QList<QColor> fillsA, fillsB(n);
        for (int i = 0; i < n; ++i) {
            fillsA.append(pairColour(i, n));
            if (perm[std::size_t(i)] >= 0 && perm[std::size_t(i)] < n) fillsB[perm[std::size_t(i)]] = pairColour(i, n);
        }
        diagramA_->setNeuronFills(h + 1, fillsA, legend);
        diagramB_->setNeuronFills(h + 1, fillsB, legend);
    }
}

void AlignLab::showMatching()
{
    const auto& m = result_.matching;
    QList<QList<QColor>> colours;
    for (const auto& perm : m.perms) {
        QList<QColor> c;
        for (int i = 0; i < int(perm.size()); ++i) c.append(pairColour(i, int(perm.size())));
        colours.append(c);
    }
    grid_->setMatching(m.perms, m.signs, colours);
}

void AlignLab::showSweep()
{
    QList<QPointF> naive, aligned;
    double hi = 0;
    auto bar = [](double x, double lo, double up) {
        const double a = x * (1 - kBarCap), b = x * (1 + kBarCap);
        return QList<QPointF>{{a, lo}, {b, lo}, {x, lo}, {x, up}, {a, up}, {b, up}};
    };
    int i = 0;
    for (const AlignSweepRow& row : sweep_.rows) {
        if (!std::isfinite(row.naiveMean) || !std::isfinite(row.alignedMean)) continue;
        naive.append({double(row.width), row.naiveMean});
        aligned.append({double(row.width), row.alignedMean});
        const bool intervals = std::isfinite(row.naiveLow) && std::isfinite(row.naiveHigh) && std::isfinite(row.alignedLow)
                               && std::isfinite(row.alignedHigh);
        // A barrier is never negative, and neither is its mean: an interval is drawn cut at 0.
        if (i < naiveBars_.size()) {
            if (intervals) {
                naiveBars_[i]->replace(bar(row.width / kDodge, std::max(0.0, row.naiveLow), row.naiveHigh));
                alignedBars_[i]->replace(bar(row.width * kDodge, std::max(0.0, row.alignedLow), row.alignedHigh));
            } else {
                naiveBars_[i]->clear();
                alignedBars_[i]->clear();
            }
        }
        hi = std::max({hi, row.naiveMean, row.alignedMean, intervals ? row.naiveHigh : 0.0, intervals ? row.alignedHigh : 0.0});
        ++i;
    }
    for (; i < naiveBars_.size(); ++i) {
        naiveBars_[i]->clear();
        alignedBars_[i]->clear();
    }
    setNiceRange(sweepY_, 0, hi > 0 ? hi * 1.05 : 1);
    sweepNaive_->replace(naive);
    sweepAligned_->replace(aligned);
    sweepNaivePoints_->replace(naive);
    sweepAlignedPoints_->replace(aligned);
    sweepChart_->chart()->setTitle(tr("Barrier against width (%1, %2)").arg(activation_->currentText(), dataset_->currentText()));
    sweepChart_->restyle();
}

void AlignLab::updateReadout()
{
    // The measurement's sentence, when there is one, follows whatever the pair's result is.
    QString measured;
    if (!sweepFor_.isEmpty() && !sweep_.rows.empty()) {
        const AlignSweepRow& wide = sweep_.rows.back();
        measured = tr("Measured at %1 neurons over %2 pairs: mean barrier %3 as trained, %4 aligned; aligning lowered it "
                      "in %5 of the %2 pairs.")
                       .arg(wide.width)
                       .arg(wide.pairs)
                       .arg(num(wide.naiveMean), num(wide.alignedMean))
                       .arg(wide.alignedLower);
    } else if (!sweepNote_.isEmpty()) {
        measured = sweepNote_;
    }
    if (!hasResult_) {
        setReadout(measured.isEmpty() ? problem_ : problem_ + QStringLiteral("<br>") + measured, true);
        return;
    }
    const AlignResult& r = result_;
    QString text = tr("Barrier on the path from A to B: <b>%1</b> as trained, <b>%2</b> after aligning B's neurons to A's. "
                      "Distance ‖A − B‖: %3 before, %4 after. ")
                       .arg(num(r.naiveBarrier), num(r.alignedBarrier), num(r.naiveDistance), num(r.alignedDistance));
    text += tr("Aligned B computes what B computes (largest output difference %1); its loss is %2, A's %3.")
                .arg(formatNumber(r.functionChange, 2), num(r.lossB), num(r.lossA));
    if (!countText_.isEmpty())
        text += r.matching.sweeps == 1
            ? tr(" Matching chose among %1 arrangements of B in one sweep.").arg(countText_)
            : tr(" Matching chose among %1 arrangements of B in %2 sweeps.").arg(countText_).arg(r.matching.sweeps);
    if (!measured.isEmpty()) text += QStringLiteral("<br>") + measured;
    setReadout(text);
}

} // namespace minima
