#include "lessons/relu-rescaling/valleylab.h"

#include <QChart>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "engine/landscape/grid.h"
#include "engine/symmetry/symmetry.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/jobstatus.h"
#include "lessons/relu-rescaling/factorcontrol.h"

namespace minima {

namespace {
constexpr double kRange = 4.0;   // both weights from -4 to 4
constexpr int kCells = 161;      // grid points per axis: a step of 0.05
// The heat map shows log10(max(loss, kFloor)): the valley floor (loss 0) stands out from the
// merely low loss around it.
constexpr double kFloor = 1e-3;

QString number(double v) { return QString::number(v, 'g', 3).replace(QLatin1Char('-'), QChar(0x2212)); }
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

ValleyLab::ValleyLab(LessonContext& context, QWidget* parent)
    : QWidget(parent),
      factor_(new RescalingFactorControl(4.0, true, this)),
      chart_(new FigureChart(this)),
      heatMap_(new HeatMapLayer(chart_->chart())),
      colourBar_(new ColourBar(this)),
      job_(new FigureJob(context, this)),
      status_(new JobStatus(this)),
      branchPositive_(new QLineSeries),
      branchNegative_(new QLineSeries),
      path_(new QLineSeries),
      minimum_(new QScatterSeries),
      rescaledMarker_(new QScatterSeries),
      readout_(new QLabel(this))
{
    setObjectName(QStringLiteral("valleyLab"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(factor_);

    QChart* chart = chart_->chart();
    chart_->setObjectName(QStringLiteral("valleyChart"));
    chart_->setAccessibleName(tr("Loss over the incoming and outgoing weight"));
    chart->setTitle(tr("Loss of a one-neuron ReLU net over (w_in, w_out)"));
    auto* axisX = new QValueAxis;
    auto* axisY = new QValueAxis;
    axisX->setTitleText(tr("incoming weight w_in"));
    axisY->setTitleText(tr("outgoing weight w_out"));
    for (QValueAxis* a : {axisX, axisY}) {
        a->setRange(-kRange, kRange);
        a->setTickCount(9);
        a->setLabelFormat(QStringLiteral("%g"));
    }
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);

    // The hyperbola w_in·w_out = 1 inside the plotted square: |w_in| from 1/4 to 4.
    QList<QPointF> positive, negative;
    for (int i = 0; i <= 200; ++i) {
        const double w = std::exp2(-2.0 + 4.0 * i / 200);
        positive.append({w, 1 / w});
        negative.append({-w, -1 / w});
    }
    branchPositive_->replace(positive);
    branchNegative_->replace(negative);
    branchPositive_->setName(tr("w_in·w_out = 1"));
    branchPositive_->setObjectName(QStringLiteral("hyperbolaPositive"));
    branchNegative_->setObjectName(QStringLiteral("hyperbolaNegative"));
    path_->setName(tr("rescaling path"));
    path_->setObjectName(QStringLiteral("rescalingPath"));
    minimum_->setName(tr("a minimum: (1, 1)"));
    minimum_->setObjectName(QStringLiteral("minimum"));
    minimum_->append(1.0, 1.0);
    rescaledMarker_->setObjectName(QStringLiteral("rescaled"));
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{branchPositive_, branchNegative_, path_, minimum_, rescaledMarker_}) {
        chart->addSeries(s);
        s->attachAxis(axisX);
        s->attachAxis(axisY);
    }
    const QColor curve = QColor(Qt::white);
    QPen hyperbola(curve, 2, Qt::DashLine);
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
    chart->legend()->setAlignment(Qt::AlignBottom);
    for (QLegendMarker* m : chart->legend()->markers(branchNegative_)) m->setVisible(false);
    chart_->restyle();

    colourBar_->setObjectName(QStringLiteral("lossColourBar"));
    colourBar_->setLabel(tr("log₁₀ loss"));
    auto* plot = new QHBoxLayout;
    plot->addWidget(chart_, 1);
    plot->addWidget(colourBar_);
    layout->addLayout(plot, 1);

    readout_->setObjectName(QStringLiteral("readout"));
    readout_->setWordWrap(true);
    readout_->setTextFormat(Qt::RichText);
    readout_->setAccessibleName(tr("Where the rescaled network lands"));
    layout->addWidget(readout_);
    status_->setObjectName(QStringLiteral("runStatus"));
    status_->follow(job_);
    layout->addWidget(status_);

    connect(factor_, &RescalingFactorControl::valueChanged, this, &ValleyLab::update);
    factor_->setValue(2.0);
    update();
    computeHeatMap();
}

void ValleyLab::computeHeatMap()
{
    status_->setMessage(tr("Computing the loss on a %1 × %1 grid…").arg(kCells));
    job_->start<Grid2D>(
        [](Progress& progress) {
            const ValleyProblem& v = valleyProblem();
            return evaluateGrid([&v](const Point2& p) { return v.loss(p.x(), p.y()); },
                                Domain{-kRange, kRange, -kRange, kRange}, kCells, kCells, progress);
        },
        [this](const Grid2D& g) {
            HeatMapData d;
            d.cols = g.cols;
            d.rows = g.rows;
            d.values.resize(g.values.size());
            std::transform(g.values.begin(), g.values.end(), d.values.begin(),
                           [](double loss) { return std::log10(std::max(loss, kFloor)); });
            d.domain = QRectF(QPointF(g.domain.xMin, g.domain.yMin), QPointF(g.domain.xMax, g.domain.yMax));
            fitRange(d);
            heatMap_->setData(d);
            colourBar_->setRange(d.low, d.high);
            status_->setMessage(tr("Dark is low loss (log scale, losses below 0.001 drawn as 0.001)."));
        });
}

void ValleyLab::update()
{
    const double k = factor_->value();
    path_->clear();
    rescaledMarker_->clear();
    if (k == 0) {
        rescaledMarker_->setName(tr("rescaled: none for k = 0"));
        readout_->setText(tr("<b>k = 0 is refused:</b> the outgoing weight would be divided by 0. "
                             "Rescaling needs k > 0; k = 0 has no point on the hyperbola."));
        return;
    }
    const ValleyProblem& v = valleyProblem();
    Eigen::VectorXd p = v.parameters(1.0, 1.0);
    rescaleNeuron(v.net, p, 0, 0, k);
    const double wIn = v.net.weightsIn(p.data(), 0)(0, 0), wOut = v.net.weightsIn(p.data(), 1)(0, 0);
    rescaled_ = {wIn, wOut};
    Workspace ws;
    rescaledLoss_ = evaluateLoss(v.net, p, v.X, v.Y, Loss::MeanSquaredError, ws);
    rescaledMarker_->setName(tr("rescaled: (%1, %2)").arg(number(wIn), number(wOut)));
    rescaledMarker_->append(wIn, wOut);
    if (k > 0) {
        // The network for every t between 1 and k: (t, 1/t), all on the valley floor.
        for (int i = 0; i <= 60; ++i) {
            const double t = std::pow(k, i / 60.0);
            path_->append(t, 1 / t);
        }
        readout_->setText(tr("Rescaled by k = %1, the network moves along the valley to (%2, %3): product %4, loss %5, "
                             "the same as at (1, 1). Every k > 0 gives another minimum.")
                              .arg(number(k), number(wIn), number(wOut), number(wIn * wOut), number(rescaledLoss_)));
    } else {
        readout_->setText(tr("<b>k = %1 &lt; 0</b> lands on (%2, %3): the product is still %4, on the hyperbola's other branch, "
                             "but the loss is %5, not 0: with w_in &lt; 0 the neuron fires for x &lt; 0 instead of x &gt; 0.")
                              .arg(number(k), number(wIn), number(wOut), number(wIn * wOut), number(rescaledLoss_)));
    }
}

} // namespace minima
