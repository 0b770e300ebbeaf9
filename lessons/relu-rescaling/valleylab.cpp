#include "lessons/relu-rescaling/valleylab.h"

#include <QChart>
#include <QHBoxLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "engine/landscape/grid.h"
#include "engine/symmetry/symmetry.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/relu-rescaling/factorcontrol.h"

namespace minima {

namespace {
constexpr double kRange = 4.0;   // both weights from -4 to 4
constexpr int kCells = 161;      // grid points per axis: a step of 0.05
// The heat map shows log10(max(loss, kFloor)): the valley floor (loss 0) stands out from the
// merely low loss around it.
constexpr double kFloor = 1e-3;
} // namespace

Eigen::VectorXd ValleyProblem::parameters(double wIn, double wOut) const
{
    Eigen::VectorXd p = Eigen::VectorXd::Zero(net.parameterCount());
    net.weightsIn(p.data(), 0)(0, 0) = wIn;
    net.weightsIn(p.data(), 1)(0, 0) = wOut;
    return p;
}

double ValleyProblem::loss(double wIn, double wOut) const
{
    Workspace ws;
    return evaluateLoss(net, parameters(wIn, wOut), X, Y, Loss::MeanSquaredError, ws);
}

const ValleyProblem& valleyProblem()
{
    static const ValleyProblem problem = [] {
        ValleyProblem v;
        v.net = Network({1, 1, 1}, {Activation::ReLU});
        v.X.resize(1, 21);
        for (int i = 0; i < 21; ++i) v.X(0, i) = -1.0 + 0.1 * i;
        Workspace ws;
        v.Y = forward(v.net, v.parameters(1.0, 1.0), v.X, ws);
        return v;
    }();
    return problem;
}

// One run: the loss grid (the first time only: it does not depend on k) and the rescaled point.
struct ValleyRun {
    bool hasGrid = false;
    Grid2D grid;
    HeatMapData heat;   // log₁₀ of the grid's losses, with the image drawn in the job
    QImage heatImage;
    double k = 1;
    double wIn = 1, wOut = 1, loss = 0;
};

namespace {
ValleyRun computeValley(double k, bool needGrid, Progress& progress)
{
    const ValleyProblem& v = valleyProblem();
    ValleyRun r;
    r.k = k;
    if (needGrid) {
        r.grid = evaluateGrid([&v](const Point2& p) { return v.loss(p.x(), p.y()); },
                              Domain{-kRange, kRange, -kRange, kRange}, kCells, kCells, progress);
        r.hasGrid = true;
        const Grid2D& g = r.grid;
        HeatMapData& d = r.heat;
        d.cols = g.cols;
        d.rows = g.rows;
        d.values.resize(g.values.size());
        std::transform(g.values.begin(), g.values.end(), d.values.begin(),
                       [](double loss) { return std::log10(std::max(loss, kFloor)); });
        d.domain = QRectF(QPointF(g.domain.xMin, g.domain.yMin), QPointF(g.domain.xMax, g.domain.yMax));
        fitRange(d);
        r.heatImage = heatMapImage(d);
    }
    if (k == 0) return r;
    Eigen::VectorXd p = v.parameters(1.0, 1.0);
    rescaleNeuron(v.net, p, 0, 0, k);
    r.wIn = v.net.weightsIn(p.data(), 0)(0, 0);
    r.wOut = v.net.weightsIn(p.data(), 1)(0, 0);
    Workspace ws;
    r.loss = evaluateLoss(v.net, p, v.X, v.Y, Loss::MeanSquaredError, ws);
    return r;
}
} // namespace

ValleyLab::ValleyLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      chart_(new FigureChart),
      heatMap_(new HeatMapLayer(chart_->chart())),
      colourBar_(new ColourBar),
      branchPositive_(new QLineSeries),
      branchNegative_(new QLineSeries),
      path_(new QLineSeries),
      minimum_(new QScatterSeries),
      rescaledMarker_(new QScatterSeries)
{
    setObjectName(QStringLiteral("valleyLab"));
    factor_ = new RescalingFactorControl(controls(), 4.0, true, 2.0);

    QChart* chart = chart_->chart();
    chart_->setObjectName(QStringLiteral("valleyChart"));
    chart_->setAccessibleName(tr("Loss over the incoming and outgoing weight"));
    chart->setTitle(tr("Loss of a one-neuron ReLU net over (wᵢₙ, wₒᵤₜ)"));
    auto* axisX = makeValueAxis();
    auto* axisY = makeValueAxis();
    axisX->setTitleText(tr("incoming weight wᵢₙ"));
    axisY->setTitleText(tr("outgoing weight wₒᵤₜ"));
    for (QValueAxis* a : {axisX, axisY}) setNiceRange(a, -kRange, kRange, 9);
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);

    // The hyperbola wᵢₙ·wₒᵤₜ = 1 inside the plotted square: |wᵢₙ| from 1/4 to 4.
    QList<QPointF> positive, negative;
    for (int i = 0; i <= 200; ++i) {
        const double w = std::exp2(-2.0 + 4.0 * i / 200);
        positive.append({w, 1 / w});
        negative.append({-w, -1 / w});
    }
    branchPositive_->replace(positive);
    branchNegative_->replace(negative);
    branchPositive_->setName(tr("wᵢₙ·wₒᵤₜ = 1"));
    branchPositive_->setObjectName(QStringLiteral("hyperbolaPositive"));
    branchNegative_->setObjectName(QStringLiteral("hyperbolaNegative"));
    path_->setName(tr("rescaling path"));
    path_->setObjectName(QStringLiteral("rescalingPath"));
    minimum_->setName(tr("a minimum: (1, 1)"));
    minimum_->setObjectName(QStringLiteral("minimum"));
    minimum_->append(1.0, 1.0);
    rescaledMarker_->setObjectName(QStringLiteral("rescaled"));
    rescaledMarker_->setName(tr("rescaled network"));
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{branchPositive_, branchNegative_, path_, minimum_, rescaledMarker_}) {
        chart->addSeries(s);
        s->attachAxis(axisX);
        s->attachAxis(axisY);
    }
    // Over the dark valley floor: a light dashed curve, readable in the key too.
    QPen hyperbola(hueColor(Hue::Yellow), 2.5, Qt::DashLine);
    branchPositive_->setPen(hyperbola);
    branchNegative_->setPen(hyperbola);
    path_->setPen(QPen(hueColor(Hue::Orange), 5));
    minimum_->setColor(hueColor(Hue::SkyBlue));
    minimum_->setBorderColor(Qt::black);
    minimum_->setMarkerSize(16);
    rescaledMarker_->setColor(hueColor(Hue::Vermillion));
    rescaledMarker_->setBorderColor(Qt::white);
    rescaledMarker_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    rescaledMarker_->setMarkerSize(15);
    // One key entry for the hyperbola's two branches.
    for (QLegendMarker* m : chart->legend()->markers(branchNegative_)) m->setVisible(false);
    chart_->restyle();

    colourBar_->setObjectName(QStringLiteral("lossColourBar"));
    colourBar_->setLabel(tr("log₁₀ loss"));
    auto* plot = new QWidget;
    plot->setObjectName(QStringLiteral("valleyPlot"));
    auto* row = new QHBoxLayout(plot);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(withKey(chart_), 1);
    row->addWidget(colourBar_);
    addFigureWidget(plot);
    recompute();
}

void ValleyLab::run()
{
    const double k = factor_->value();
    const bool needGrid = !gridShown_;
    runJob<ValleyRun>(needGrid ? tr("Computing the loss on a %1 × %1 grid…").arg(kCells) : tr("Rescaling…"),
                      [k, needGrid](Progress& progress) { return computeValley(k, needGrid, progress); },
                      [this](const ValleyRun& r) { showResult(r); });
}

void ValleyLab::showResult(const ValleyRun& r)
{
    if (r.hasGrid) {
        heatMap_->setImage(r.heatImage, r.heat.domain);
        colourBar_->setRange(r.heat.low, r.heat.high);
        gridShown_ = true;
    }
    const QString key = tr(" Dark is low loss (log scale; losses below 0.001 are drawn as 0.001).");
    const double k = r.k;
    path_->clear();
    rescaledMarker_->clear();
    if (k == 0) {
        rescaledMarker_->setName(tr("rescaled: none for k = 0"));
        setReadout(tr("<b>k = 0 is refused:</b> the outgoing weight would be divided by 0. "
                      "Rescaling needs k &gt; 0; k = 0 has no point on the hyperbola.")
                   + key);
        return;
    }
    rescaled_ = {r.wIn, r.wOut};
    rescaledLoss_ = r.loss;
    rescaledMarker_->setName(tr("rescaled: %1").arg(formatPoint(r.wIn, r.wOut, 3)));
    rescaledMarker_->append(r.wIn, r.wOut);
    const QString point = formatPoint(r.wIn, r.wOut, 3);
    if (k > 0) {
        // The network for every t between 1 and k: (t, 1/t), all on the valley floor.
        for (int i = 0; i <= 60; ++i) {
            const double t = std::pow(k, i / 60.0);
            path_->append(t, 1 / t);
        }
        setReadout(tr("Rescaled by k = %1, the network moves along the valley to %2: product %3, loss %4, "
                      "the same as at (1, 1). Every k > 0 gives another minimum.")
                       .arg(formatNumber(k), point, formatNumber(r.wIn * r.wOut), formatNumber(rescaledLoss_))
                   + key);
    } else {
        setReadout(tr("<b>k = %1 &lt; 0</b> lands on %2: the product is still %3, on the hyperbola's other branch, "
                      "but the loss is %4, not 0: with wᵢₙ &lt; 0 the neuron fires for x &lt; 0 instead of x &gt; 0.")
                       .arg(formatNumber(k), point, formatNumber(r.wIn * r.wOut), formatNumber(rescaledLoss_))
                   + key);
    }
}

} // namespace minima
