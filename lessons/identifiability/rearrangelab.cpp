#include "lessons/identifiability/rearrangelab.h"

#include <QChart>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "engine/common/random.h"
#include "engine/nn/training.h"
#include "engine/symmetry/symmetry.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/networkdiagram.h"
#include "lessons/common/jobstatus.h"
#include "lessons/identifiability/parameterstrip.h"

namespace minima {

namespace {
// The lab's network: 1 input, two hidden layers of four tanh neurons, 1 output, fitted to
// sin x with noise; small enough to see every weight.
const std::vector<int> kWidths{1, 4, 4, 1};
constexpr int kSamples = 40;
constexpr double kNoise = 0.1;
constexpr int kEpochs = 1500;
constexpr double kLearningRate = 0.02;
constexpr std::uint64_t kSeed = 4;
constexpr int kGridPoints = 121;

QString layerLetter(int hidden) { return QString(QChar(u'a' + hidden)); }

// "1.2 × 10⁻¹⁶" for the small numbers of rounding.
QString scientific(double v)
{
    if (v == 0) return QStringLiteral("0");
    const int e = int(std::floor(std::log10(std::abs(v))));
    if (e >= -3 && e <= 3) return QString::number(v, 'g', 3);
    static const QString superscripts = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString exp = QString::number(std::abs(e));
    for (QChar& c : exp) c = superscripts[c.digitValue()];
    return QStringLiteral("%1 × 10%2%3").arg(QString::number(v / std::pow(10.0, e), 'f', 1), e < 0 ? QStringLiteral("⁻") : QString(), exp);
}
} // namespace

RearrangeLab::RearrangeLab(LessonContext& context, QWidget* parent) : QWidget(parent), context_(context)
{
    setObjectName(QStringLiteral("rearrangeLab"));
    auto* layout = new QVBoxLayout(this);

    auto* top = new QSplitter(Qt::Horizontal, this);
    top->setChildrenCollapsible(false);
    diagram_ = new NetworkDiagram(top);
    diagram_->setObjectName(QStringLiteral("rearrangeDiagram"));
    diagram_->setMinimumWidth(260);

    chart_ = new FigureChart(top);
    chart_->setObjectName(QStringLiteral("outputChart"));
    chart_->setAccessibleName(tr("Output of the network before and after rearranging"));
    chart_->setMinimumWidth(260);
    QChart* chart = chart_->chart();
    chart->setTitle(tr("The network's output"));
    dataSeries_ = new QScatterSeries;
    dataSeries_->setName(tr("data"));
    dataSeries_->setMarkerSize(6);
    dataSeries_->setColor(hueColor(Hue::SkyBlue));
    dataSeries_->setBorderColor(Qt::transparent);
    originalSeries_ = new QLineSeries;
    originalSeries_->setName(tr("original"));
    originalSeries_->setPen(QPen(hueColor(Hue::Orange), 7, Qt::SolidLine, Qt::RoundCap));
    currentSeries_ = new QLineSeries;
    currentSeries_->setName(tr("rearranged"));
    currentSeries_->setPen(QPen(hueColor(Hue::Ink), 2, Qt::DashLine));
    chart->addSeries(dataSeries_);
    chart->addSeries(originalSeries_);
    chart->addSeries(currentSeries_);
    auto* ax = new QValueAxis;
    ax->setTitleText(tr("input x"));
    ax->setRange(-std::numbers::pi, std::numbers::pi);
    ax->setTickType(QValueAxis::TicksDynamic);
    ax->setTickAnchor(0);
    ax->setTickInterval(1);
    ax->setLabelFormat(QStringLiteral("%.0f"));
    auto* ay = new QValueAxis;
    ay->setTitleText(tr("output f(x)"));
    ay->setRange(-1.5, 1.5);
    ay->setTickCount(7);
    ay->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(ax, Qt::AlignBottom);
    chart->addAxis(ay, Qt::AlignLeft);
    for (auto* s : chart->series()) {
        s->attachAxis(ax);
        s->attachAxis(ay);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart_->restyle();
    top->addWidget(diagram_);
    top->addWidget(chart_);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 1);
    top->setSizes({500, 500});
    layout->addWidget(top, 1);

    strip_ = new ParameterStrip(this);
    layout->addWidget(strip_);

    auto* facts = new QGridLayout;
    distance_ = new QLabel(this);
    distance_->setObjectName(QStringLiteral("distanceLabel"));
    difference_ = new QLabel(this);
    difference_->setObjectName(QStringLiteral("differenceLabel"));
    selection_ = new QLabel(this);
    selection_->setObjectName(QStringLiteral("selectionLabel"));
    selection_->setWordWrap(true);
    for (QLabel* l : {distance_, difference_, selection_}) l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    facts->addWidget(distance_, 0, 0);
    facts->addWidget(difference_, 0, 1);
    facts->addWidget(selection_, 1, 0, 1, 2);
    layout->addLayout(facts);

    auto* controls = new QHBoxLayout;
    layerChoice_ = new QComboBox(this);
    layerChoice_->setObjectName(QStringLiteral("shuffleLayerChoice"));
    layerChoice_->setAccessibleName(tr("Layer to shuffle"));
    for (int h = 0; h + 2 < int(kWidths.size()); ++h) layerChoice_->addItem(tr("hidden layer %1 (%2…)").arg(h + 1).arg(layerLetter(h)));
    shuffle_ = new QPushButton(tr("&Shuffle layer"), this);
    shuffle_->setObjectName(QStringLiteral("shuffleButton"));
    shuffle_->setAccessibleName(tr("Shuffle the neurons of the chosen layer"));
    restore_ = new QPushButton(tr("&Restore original order"), this);
    restore_->setObjectName(QStringLiteral("restoreButton"));
    restore_->setAccessibleName(tr("Put every neuron back in its original place"));
    auto* hint = new QLabel(tr("Drag a hidden neuron, or select it and press Shift+↑/↓ (Ctrl+↑/↓: to the end)."), this);
    hint->setWordWrap(true);
    controls->addWidget(layerChoice_);
    controls->addWidget(shuffle_);
    controls->addWidget(restore_);
    controls->addWidget(hint, 1);
    layout->addLayout(controls);
    status_ = new JobStatus(this);
    layout->addWidget(status_);

    job_ = new FigureJob(context_, this);
    status_->follow(job_);
    for (QWidget* w : {static_cast<QWidget*>(layerChoice_), static_cast<QWidget*>(shuffle_), static_cast<QWidget*>(restore_),
                       static_cast<QWidget*>(diagram_)})
        w->setEnabled(false);

    connect(diagram_, &NetworkDiagram::neuronMoved, this, &RearrangeLab::moveNeuron);
    connect(diagram_, &NetworkDiagram::neuronSelected, this, &RearrangeLab::describeSelection);
    connect(shuffle_, &QPushButton::clicked, this, [this] { shuffleLayer(layerChoice_->currentIndex()); });
    connect(restore_, &QPushButton::clicked, this, &RearrangeLab::restoreOriginal);

    grid_.resize(1, kGridPoints);
    for (int i = 0; i < kGridPoints; ++i)
        grid_(0, i) = -std::numbers::pi + 2 * std::numbers::pi * i / (kGridPoints - 1);
    train();
}

void RearrangeLab::train()
{
    status_->setMessage(tr("Training the network on sin x…"));
    struct Trained {
        Network net;
        Dataset data;
        TrainingRecord record;
    };
    job_->start<Trained>(
        [](Progress& progress) {
            Trained t;
            t.data = sineRegression(kSamples, kNoise, kSeed);
            t.net = trainedNetwork(kWidths, Activation::Tanh, t.data, kEpochs, kLearningRate, kSeed, &t.record, progress);
            return t;
        },
        [this](const Trained& t) {
            net_ = t.net;
            data_ = t.data;
            original_ = net_.parameters();
            current_ = original_;
            Workspace ws;
            originalOutput_ = forward(net_, original_, grid_, ws);
            QList<QPointF> pts;
            for (Eigen::Index i = 0; i < data_.inputs.cols(); ++i) pts.append({data_.inputs(0, i), data_.targets(0, i)});
            dataSeries_->replace(pts);
            QList<QPointF> curve;
            for (int i = 0; i < kGridPoints; ++i) curve.append({grid_(0, i), originalOutput_(0, i)});
            originalSeries_->replace(curve);
            identity_.clear();
            for (int h = 0; h < net_.hiddenLayerCount(); ++h) {
                std::vector<int> id(std::size_t(net_.widths()[std::size_t(h) + 1]));
                for (std::size_t i = 0; i < id.size(); ++i) id[i] = int(i);
                identity_.push_back(id);
            }
            diagram_->setNetwork(net_, current_);
            strip_->setNetwork(net_);
            ready_ = true;
            for (QWidget* w : {static_cast<QWidget*>(layerChoice_), static_cast<QWidget*>(shuffle_),
                               static_cast<QWidget*>(restore_), static_cast<QWidget*>(diagram_)})
                w->setEnabled(true);
            status_->setMessage(t.record.diverged
                                    ? tr("Training diverged at epoch %1; the last finite weights are shown.").arg(t.record.divergedAtEpoch)
                                    : tr("Trained %1 epochs on sin x (loss %2).").arg(kEpochs).arg(t.record.finalLoss(), 0, 'g', 3),
                                t.record.diverged);
            refresh();
        });
}

void RearrangeLab::applyOrder(int hidden, const std::vector<int>& order)
{
    permuteHiddenLayer(net_, current_, hidden, order);
    // Place i now holds what place order[i] held.
    auto& id = identity_[std::size_t(hidden)];
    const std::vector<int> old = id;
    for (std::size_t i = 0; i < id.size(); ++i) id[i] = old[std::size_t(order[i])];
    refresh();
}

void RearrangeLab::moveNeuron(int hidden, int from, int to)
{
    if (!ready_ || hidden < 0 || hidden >= net_.hiddenLayerCount()) return;
    const int n = net_.widths()[std::size_t(hidden) + 1];
    if (from < 0 || from >= n || to < 0 || to >= n || from == to) return;
    applyOrder(hidden, movedOrder(n, from, to));
}

void RearrangeLab::shuffleLayer(int hidden)
{
    if (!ready_ || hidden < 0 || hidden >= net_.hiddenLayerCount()) return;
    const int n = net_.widths()[std::size_t(hidden) + 1];
    if (n < 2) return;
    // Fisher-Yates from a seeded stream; a shuffle that changes nothing is drawn again.
    Rng rng = makeRng(kSeed, ++shuffles_);
    std::vector<int> order(static_cast<std::size_t>(n));
    bool same = true;
    while (same) {
        for (int i = 0; i < n; ++i) order[std::size_t(i)] = i;
        for (int i = n - 1; i > 0; --i) std::swap(order[std::size_t(i)], order[uniformIndex(rng, std::uint64_t(i) + 1)]);
        for (int i = 0; i < n; ++i) same = same && order[std::size_t(i)] == i;
    }
    applyOrder(hidden, order);
}

void RearrangeLab::restoreOriginal()
{
    if (!ready_) return;
    current_ = original_;
    for (auto& id : identity_)
        for (std::size_t i = 0; i < id.size(); ++i) id[i] = int(i);
    refresh();
}

void RearrangeLab::refresh()
{
    if (!ready_) return;
    diagram_->setParameters(current_);
    for (int h = 0; h < net_.hiddenLayerCount(); ++h) {
        QStringList labels;
        for (int k : identity_[std::size_t(h)]) labels << layerLetter(h) + QString::number(k + 1);
        diagram_->setNeuronLabels(h + 1, labels);
    }
    strip_->setRows({tr("original θ"), tr("now θ′")}, {original_, current_});

    // The curve is recomputed from the rearranged parameters, not copied.
    Workspace ws;
    const Eigen::MatrixXd out = forward(net_, current_, grid_, ws);
    QList<QPointF> curve;
    double maxDiff = 0;
    bool finite = true;
    for (int i = 0; i < kGridPoints; ++i) {
        finite = finite && std::isfinite(out(0, i));
        curve.append({grid_(0, i), out(0, i)});
        maxDiff = std::max(maxDiff, std::abs(out(0, i) - originalOutput_(0, i)));
    }
    if (finite) currentSeries_->replace(curve);
    else currentSeries_->clear();

    const double distance = (current_ - original_).norm();
    distance_->setText(tr("Distance from the original: ‖θ′ − θ‖ = <b>%1</b>").arg(distance, 0, 'f', 3));
    difference_->setText(maxDiff == 0 ? tr("Largest output difference: <b>0</b> (the curves coincide)")
                                      : tr("Largest output difference: <b>%1</b> (rounding)").arg(scientific(maxDiff)));
    difference_->setProperty("maxDifference", maxDiff);
    distance_->setProperty("distance", distance);
    describeSelection();
}

void RearrangeLab::describeSelection()
{
    const int l = diagram_->selectedLayer(), i = diagram_->selectedIndex();
    if (!ready_ || l <= 0 || l + 1 >= int(net_.widths().size())) {
        selection_->setText(tr("Select a hidden neuron to see its weights; they move with it."));
        return;
    }
    const int h = l - 1;
    const auto in = net_.weightsIn(current_.data(), h).row(i);
    const auto out = net_.weightsIn(current_.data(), h + 1).col(i);
    auto list = [](auto v) {
        QStringList s;
        for (Eigen::Index k = 0; k < v.size(); ++k) s << QString::number(v(k), 'f', 2);
        return s.join(QStringLiteral(", "));
    };
    selection_->setText(tr("Neuron %1 at place %2 of hidden layer %3: incoming weights (%4), bias %5, outgoing weights (%6).")
                            .arg(diagram_->neuronLabel(l, i))
                            .arg(i + 1)
                            .arg(l)
                            .arg(list(in))
                            .arg(net_.biasIn(current_.data(), h)(i), 0, 'f', 2)
                            .arg(list(out)));
}

} // namespace minima
