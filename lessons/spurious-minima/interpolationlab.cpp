#include "lessons/spurious-minima/interpolationlab.h"

#include <QChart>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "engine/nn/activation.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"
#include "lessons/spurious-minima/digits.h"

namespace minima {

// One line: the network trained and its losses along the line (or why there is none).
struct InterpolationLine {
    std::shared_ptr<const StartToSolutionResult> result;
    StartToSolutionParams params;
    QString error;
};

// One slice, with its heat map drawn in the job.
struct InterpolationSlice {
    std::shared_ptr<const SliceResult> result;
    SliceParams params;
    std::vector<double> heat;   // log10 of the losses, row 0 at b = -span
    HeatMapData map;
    QImage image;
};

namespace {

QString num(double v) { return formatNumber(v, 3); }

bool sameLine(const StartToSolutionParams& a, const StartToSolutionParams& b)
{
    return a.width == b.width && a.depth == b.depth && a.activation == b.activation && a.epochs == b.epochs
        && a.batchSize == b.batchSize && a.learningRate == b.learningRate && a.testFraction == b.testFraction
        && a.from == b.from && a.to == b.to && a.points == b.points && a.seed == b.seed;
}

QString widthsText(const StartToSolutionParams& p)
{
    QString t = QStringLiteral("64");
    for (int l = 0; l < p.depth; ++l) t += QStringLiteral("–%1").arg(p.width);
    return t + QStringLiteral("–10");
}

// The part of the segment t·(a, b), t in [t0, t1], inside the square [-span, span]^2; false if
// none of it is.
bool clipSegment(double a, double b, double t0, double t1, double span, double* lo, double* hi)
{
    *lo = t0;
    *hi = t1;
    for (double d : {a, b}) {
        if (d == 0) continue;
        const double e1 = -span / d, e2 = span / d;
        *lo = std::max(*lo, std::min(e1, e2));
        *hi = std::min(*hi, std::max(e1, e2));
    }
    return *lo < *hi;
}

} // namespace

InterpolationLab::InterpolationLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      lineChart_(new FigureChart),
      alphaAxis_(makeValueAxis()),
      lossAxis_(makeValueAxis()),
      train_(new QLineSeries),
      test_(new QLineSeries),
      startLine_(new QLineSeries),
      solutionLine_(new QLineSeries),
      ends_(new QScatterSeries),
      sliceChart_(new FigureChart),
      aAxis_(makeValueAxis()),
      bAxis_(makeValueAxis()),
      heatMap_(new HeatMapLayer(sliceChart_->chart())),
      colourBar_(new ColourBar),
      projectedLine_(new QLineSeries),
      solutionMarker_(new QScatterSeries),
      startMarker_(new QScatterSeries)
{
    setObjectName(QStringLiteral("interpolationLab"));
    ControlStrip* c = controls();
    width_ = c->addInteger(QStringLiteral("width"), tr("&Neurons per layer:"), 4, 64, 32);
    width_->setAccessibleName(tr("Neurons per hidden layer"));
    depth_ = c->addInteger(QStringLiteral("depth"), tr("&Hidden layers:"), 1, 3, 1);
    depth_->setAccessibleName(tr("Hidden layers"));
    activation_ = c->addChoice(QStringLiteral("activation"), tr("&Activation:"),
                               {{QStringLiteral("ReLU"), int(Activation::ReLU)},
                                {QStringLiteral("tanh"), int(Activation::Tanh)},
                                {QStringLiteral("sigmoid"), int(Activation::Sigmoid)}});
    activation_->setAccessibleName(tr("Hidden activation"));
    c->newRow();
    epochs_ = c->addInteger(QStringLiteral("epochs"), tr("&Training: Adam,"), 1, 60, 20, tr("epochs"));
    epochs_->setAccessibleName(tr("Training epochs"));
    seed_ = c->addInteger(QStringLiteral("seed"), tr("S&eed:"), 1, 9999, 1);
    seed_->setAccessibleName(tr("Seed of the split, the start, the batches and the slice"));
    c->newRow();
    directions_ = c->addChoice(QStringLiteral("directions"), tr("&Slice around θ_final:"),
                               {{tr("two random directions (filter-normalised)"), int(SliceDirections::FilterNormalised)},
                                {tr("the plane through the line"), int(SliceDirections::ThroughLine)}});
    directions_->setAccessibleName(tr("Directions of the 2-D slice"));
    sliceSize_ = c->addInteger(QStringLiteral("sliceSize"), tr("Grid:"), 11, 101, 31, tr("× 31"));
    // The grid is square: the suffix repeats the value ("31 × 31").
    connect(sliceSize_, &QSpinBox::valueChanged, this, [this](int n) { sliceSize_->setSuffix(tr(" × %1").arg(n)); });
    sliceSize_->setSingleStep(10);
    sliceSize_->setAccessibleName(tr("Points per side of the 2-D slice"));

    // The line.
    QChart* chart = lineChart_->chart();
    lineChart_->setObjectName(QStringLiteral("lineChart"));
    lineChart_->setAccessibleName(tr("Training and test loss along the line from the start to the solution"));
    chart->setTitle(tr("Cross-entropy along θ(α) = (1 − α)·θ_init + α·θ_final"));
    alphaAxis_->setTitleText(tr("α (0: the start θ_init, 1: the solution θ_final)"));
    lossAxis_->setTitleText(tr("loss"));
    chart->addAxis(alphaAxis_, Qt::AlignBottom);
    chart->addAxis(lossAxis_, Qt::AlignLeft);
    setNiceRange(alphaAxis_, -0.5, 1.5, 9);
    setNiceRange(lossAxis_, 0, 3);
    train_->setObjectName(QStringLiteral("trainLoss"));
    train_->setName(tr("training loss"));
    train_->setPen(QPen(hueColor(Hue::Blue), 3));
    test_->setObjectName(QStringLiteral("testLoss"));
    test_->setName(tr("test loss"));
    test_->setPen(QPen(hueColor(Hue::Orange), 3, Qt::DashLine));
    startLine_->setObjectName(QStringLiteral("alphaZero"));
    startLine_->setName(tr("α = 0 and α = 1"));
    startLine_->setPen(QPen(hueColor(Hue::Ink), 1.5, Qt::DotLine));
    solutionLine_->setObjectName(QStringLiteral("alphaOne"));
    solutionLine_->setPen(QPen(hueColor(Hue::Ink), 1.5, Qt::DotLine));
    ends_->setObjectName(QStringLiteral("ends"));
    ends_->setName(tr("the start and the solution"));
    ends_->setColor(hueColor(Hue::SkyBlue));
    ends_->setBorderColor(hueColor(Hue::Ink));
    ends_->setMarkerSize(13);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{startLine_, solutionLine_, train_, test_, ends_}) {
        chart->addSeries(s);
        s->attachAxis(alphaAxis_);
        s->attachAxis(lossAxis_);
    }
    for (QLegendMarker* m : chart->legend()->markers(solutionLine_)) m->setVisible(false);
    lineChart_->restyle();
    addFigure(lineChart_);

    // The slice.
    QChart* map = sliceChart_->chart();
    sliceChart_->setObjectName(QStringLiteral("sliceChart"));
    sliceChart_->setAccessibleName(tr("Training loss on a 2-D slice around the solution"));
    map->setTitle(tr("Training loss on θ_final + a·d₁ + b·d₂"));
    aAxis_->setTitleText(tr("a (along d₁)"));
    bAxis_->setTitleText(tr("b (along d₂)"));
    for (QValueAxis* a : {aAxis_, bAxis_}) setNiceRange(a, -1, 1, 5);
    map->addAxis(aAxis_, Qt::AlignBottom);
    map->addAxis(bAxis_, Qt::AlignLeft);
    projectedLine_->setObjectName(QStringLiteral("projectedLine"));
    projectedLine_->setName(tr("the line, projected"));
    projectedLine_->setPen(QPen(hueColor(Hue::Yellow), 2.5, Qt::DashLine));
    solutionMarker_->setObjectName(QStringLiteral("solution"));
    solutionMarker_->setName(tr("θ_final"));
    solutionMarker_->setColor(hueColor(Hue::SkyBlue));
    solutionMarker_->setBorderColor(Qt::black);
    solutionMarker_->setMarkerSize(13);
    startMarker_->setObjectName(QStringLiteral("start"));
    startMarker_->setName(tr("θ_init, projected"));
    startMarker_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    startMarker_->setColor(hueColor(Hue::Vermillion));
    startMarker_->setBorderColor(Qt::white);
    startMarker_->setMarkerSize(20);   // a frame around θ_final when it falls on it
    // The solution drawn last: in a random plane the start's projection falls almost on it.
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{projectedLine_, startMarker_, solutionMarker_}) {
        map->addSeries(s);
        s->attachAxis(aAxis_);
        s->attachAxis(bAxis_);
    }
    sliceChart_->restyle();
    colourBar_->setObjectName(QStringLiteral("sliceColourBar"));
    colourBar_->setLabel(tr("log₁₀ loss"));
    auto* plot = new QWidget;
    plot->setObjectName(QStringLiteral("slicePlot"));
    auto* row = new QHBoxLayout(plot);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(withKey(sliceChart_), 1);
    row->addWidget(colourBar_);
    addFigureWidget(plot);

    recompute();
}

InterpolationLab::~InterpolationLab() = default;

const StartToSolutionResult* InterpolationLab::line() const { return line_.get(); }
const SliceResult* InterpolationLab::slice() const { return slice_.get(); }

StartToSolutionParams InterpolationLab::lineParams() const
{
    StartToSolutionParams p;
    p.width = width_->value();
    p.depth = depth_->value();
    p.activation = Activation(activation_->currentData().toInt());
    p.epochs = epochs_->value();
    p.seed = std::uint64_t(seed_->value());
    return p;
}

SliceParams InterpolationLab::sliceParams() const
{
    SliceParams s;
    s.grid = sliceSize_->value();
    s.directions = SliceDirections(directions_->currentData().toInt());
    // The plane through the line holds theta_init at a = 1 and alpha = -0.5 at a = 1.5.
    s.span = s.directions == SliceDirections::ThroughLine ? 1.5 : 1.0;
    s.seed = std::uint64_t(seed_->value());
    return s;
}

void InterpolationLab::clearLine()
{
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{train_, test_, startLine_, solutionLine_, ends_}) s->clear();
    line_.reset();
}

void InterpolationLab::clearSlice()
{
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{projectedLine_, solutionMarker_, startMarker_}) s->clear();
    heatMap_->clear();
    heatValues_.clear();
    slice_.reset();
}

void InterpolationLab::run()
{
    const StartToSolutionParams p = lineParams();
    if (line_ && sameLine(p, lineParams_)) {   // only the slice changed: the same network
        startSlice();
        return;
    }
    runJob<InterpolationLine>(
        tr("Training a %1 network on the digits (Adam, %2 epochs)…").arg(widthsText(p)).arg(p.epochs),
        [p](Progress& progress) {
            InterpolationLine out;
            out.params = p;
            const DigitsData& digits = digitsData();
            if (!digits.ok) {
                out.error = digits.error;
                return out;
            }
            out.result = std::make_shared<const StartToSolutionResult>(runStartToSolution(p, digits.data, progress));
            return out;
        },
        [this](const InterpolationLine& r) { showLine(r); });
}

void InterpolationLab::showLine(const InterpolationLine& r)
{
    clearSlice();
    if (!r.error.isEmpty()) {
        clearLine();
        setReadout(tr("The digits could not be read, so there is nothing to train on: %1").arg(r.error.toHtmlEscaped()), true);
        return;
    }
    const StartToSolutionResult& line = *r.result;
    if (line.trainingDiverged || line.nonFinite > 0 || !std::isfinite(line.initTrainLoss) || !std::isfinite(line.finalTrainLoss)) {
        clearLine();
        setReadout(tr("The training diverged (its loss overflowed), so there is no line to draw: try another seed or "
                      "fewer epochs."),
                   true);
        return;
    }
    line_ = r.result;
    lineParams_ = r.params;

    QList<QPointF> train, test;
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = 0; i < line.alphas.size(); ++i) {
        train.append({line.alphas[i], line.trainLosses[i]});
        test.append({line.alphas[i], line.testLosses[i]});
        lo = std::min({lo, line.trainLosses[i], line.testLosses[i]});
        hi = std::max({hi, line.trainLosses[i], line.testLosses[i]});
    }
    const double pad = 0.05 * std::max(hi - lo, 1e-6);
    const double yLo = std::max(0.0, lo - pad), yHi = hi + pad;
    setNiceRange(lossAxis_, yLo, yHi);
    setNiceRange(alphaAxis_, line.alphas.front(), line.alphas.back(), 9);
    train_->replace(train);
    test_->replace(test);
    startLine_->replace({QPointF(0, lossAxis_->min()), QPointF(0, lossAxis_->max())});
    solutionLine_->replace({QPointF(1, lossAxis_->min()), QPointF(1, lossAxis_->max())});
    ends_->replace({QPointF(0, line.initTrainLoss), QPointF(1, line.finalTrainLoss), QPointF(0, line.initTestLoss),
                    QPointF(1, line.finalTestLoss)});
    lineChart_->restyle();

    const auto bumps = [](int n) {
        return n == 0 ? tr("<b>no bump</b>") : n == 1 ? tr("<b>1 bump</b>") : tr("<b>%1 bumps</b>").arg(n);
    };
    lineText_ = tr("The %9 network (%10 parameters): from the start (α = 0) to the solution (α = 1) the training "
                   "loss goes from %1 to %2 with %3, the test loss from %4 to %5 with %6 (a bump: a rise of more than "
                   "a thousandth of the loss's range between them). Test accuracy %7\u202f%. On the line the training loss is lowest at α = %8.")
                    .arg(num(line.initTrainLoss), num(line.finalTrainLoss), bumps(line.trainBumps),
                         num(line.initTestLoss), num(line.finalTestLoss), bumps(line.testBumps),
                         formatFixed(100 * line.finalTestAccuracy, 1), formatFixed(line.lowestTrainAlpha, 2), widthsText(r.params),
                         QLocale().toString(line.parameterCount));
    setReadout(lineText_);
    showNext([this] { startSlice(); });
}

void InterpolationLab::startSlice()
{
    if (!line_) return;
    const SliceParams sp = sliceParams();
    const std::shared_ptr<const StartToSolutionResult> line = line_;
    runJob<InterpolationSlice>(
        lineText_ + QLatin1Char(' ') + tr("Slicing the training loss on a %1 × %1 grid around θ_final…").arg(sp.grid),
        [line, sp](Progress& progress) {
            InterpolationSlice out;
            out.params = sp;
            auto slice = std::make_shared<SliceResult>(runLossSlice(*line, sp, progress));
            const Eigen::Index n = slice->losses.rows();
            HeatMapData& d = out.map;
            d.cols = d.rows = int(n);
            d.values.resize(std::size_t(n * n));
            for (Eigen::Index j = 0; j < n; ++j)
                for (Eigen::Index i = 0; i < n; ++i) {
                    const double v = slice->losses(j, i);
                    // Losses below 10^-12 (a perfect fit) are drawn as 10^-12; overflowed cells stay grey.
                    d.values[std::size_t(j * n + i)] = std::isfinite(v) ? std::log10(std::max(v, 1e-12)) : NAN;
                }
            if (n > 0) d.domain = QRectF(QPointF(-sp.span, -sp.span), QPointF(sp.span, sp.span));
            fitRange(d);
            out.image = heatMapImage(d);
            out.heat = d.values;
            out.result = std::move(slice);
            return out;
        },
        [this](const InterpolationSlice& r) { showSlice(r); });
}

void InterpolationLab::showSlice(const InterpolationSlice& r)
{
    clearSlice();
    const SliceResult& s = *r.result;
    if (s.cancelled || s.losses.size() == 0 || s.nonFinite == s.losses.size()) {
        setReadout(lineText_ + QLatin1Char(' ') + tr("The slice's losses all overflowed: there is nothing to draw."), true);
        return;
    }
    slice_ = r.result;
    heatValues_ = r.heat;
    const double span = r.params.span;
    const bool throughLine = r.params.directions == SliceDirections::ThroughLine;
    for (QValueAxis* a : {aAxis_, bAxis_}) setNiceRange(a, -span, span, 7);
    heatMap_->setImage(r.image, r.map.domain);
    colourBar_->setRange(r.map.low, r.map.high);
    aAxis_->setTitleText(throughLine ? tr("a (toward θ_init; α = 1 − a)") : tr("a (along d₁, random)"));
    bAxis_->setTitleText(throughLine ? tr("b (random, ⟂ the line)") : tr("b (along d₂, random)"));
    solutionMarker_->append(0, 0);
    if (std::abs(s.initA) <= span && std::abs(s.initB) <= span) startMarker_->append(s.initA, s.initB);
    // theta(alpha) - theta_final = (1 - alpha)(theta_init - theta_final): the line's projection
    // is t (initA, initB) for t = 1 - alpha in [-0.5, 1.5], clipped to the square.
    double t0 = 0, t1 = 0;
    if (clipSegment(s.initA, s.initB, -0.5, 1.5, span, &t0, &t1) && (s.initA != 0 || s.initB != 0))
        projectedLine_->replace({QPointF(t0 * s.initA, t0 * s.initB), QPointF(t1 * s.initA, t1 * s.initB)});
    sliceChart_->restyle();

    QString text;
    if (throughLine) {
        text = tr("The slice through the line holds the start at (1, 0): along b = 0 it is the line itself. The loss "
                  "is %1 at the solution and up to %2 in the square.")
                   .arg(num(s.centreLoss), num(s.maxLoss));
        if (line_ && line_->lowestTrainAlpha > 1)
            text += QLatin1Char(' ') + tr("The valley goes on past the solution: the line is lowest at a = %1 (α = %2).")
                                            .arg(formatFixed(1 - line_->lowestTrainAlpha, 2), formatFixed(line_->lowestTrainAlpha, 2));
    } else {
        // The centre is the slice's lowest cell, or not: said as measured.
        text = s.minLoss >= s.centreLoss
                   ? tr("In two random filter-normalised directions the solution (loss %1) is the lowest point of the "
                        "slice (up to %2 in the square).")
                         .arg(num(s.centreLoss), num(s.maxLoss))
                   : tr("In two random filter-normalised directions the slice goes lower than the solution (%1 against "
                        "%2; up to %3 in the square).")
                         .arg(num(s.minLoss), num(s.centreLoss), num(s.maxLoss));
        text += QLatin1Char(' ')
              + tr("The start lies almost entirely outside this plane: only %1\u202f% of the way from the solution to the "
                   "start shows in it, so the slice says nothing about the path.")
                    .arg(formatFixed(100 * s.inPlaneShare, 1));
    }
    if (s.nonFinite > 0) text += QLatin1Char(' ') + tr("%1 cells overflowed and are grey.").arg(s.nonFinite);
    setReadout(lineText_ + QLatin1Char(' ') + text);
}

} // namespace minima
