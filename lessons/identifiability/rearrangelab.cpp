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
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "engine/common/random.h"
#include "engine/nn/training.h"
#include "engine/symmetry/symmetry.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/networkdiagram.h"
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

// "a1–a4": the labels of hidden layer h's neurons.
QString layerRange(int hidden, int width)
{
    return QStringLiteral("%1%2–%1%3").arg(layerLetter(hidden)).arg(1).arg(width);
}
} // namespace

RearrangeLab::RearrangeLab(LessonContext& context, QWidget* parent) : Lab(context, parent)
{
    setObjectName(QStringLiteral("rearrangeLab"));
    ControlStrip* c = controls();
    QList<ControlStrip::Choice> layers;
    for (int h = 0; h + 2 < int(kWidths.size()); ++h)
        layers.append({tr("hidden layer %1 (%2)").arg(h + 1).arg(layerRange(h, kWidths[std::size_t(h) + 1])), h});
    layerChoice_ = c->addChoice(QStringLiteral("shuffleLayerChoice"), tr("&Layer:"), layers);
    layerChoice_->setAccessibleName(tr("Layer to shuffle"));
    c->setRecomputes(QStringLiteral("shuffleLayerChoice"), false);
    shuffle_ = c->addAction(QStringLiteral("shuffleButton"), tr("&Shuffle layer"), tr("Shuffle the neurons of the chosen layer"));
    shuffle_->setAccessibleName(tr("Shuffle the neurons of the chosen layer"));
    restore_ = c->addAction(QStringLiteral("restoreButton"), tr("&Restore original order"),
                            tr("Put every neuron back in its original place"));
    restore_->setAccessibleName(tr("Put every neuron back in its original place"));

    auto* top = new QWidget;
    top->setObjectName(QStringLiteral("rearrangeFigures"));
    auto* row = new QHBoxLayout(top);
    row->setContentsMargins(0, 0, 0, 0);
    diagram_ = new NetworkDiagram(top);
    diagram_->setObjectName(QStringLiteral("rearrangeDiagram"));
    diagram_->setMinimumWidth(200);
    diagram_->setToolTip(tr("Drag a hidden neuron, or select it and press Shift+↑/↓ (Ctrl+↑/↓: to the end)."));

    chart_ = new FigureChart;
    chart_->setObjectName(QStringLiteral("outputChart"));
    chart_->setAccessibleName(tr("Output of the network before and after rearranging"));
    chart_->setMinimumWidth(200);
    chart_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
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
    QValueAxis* ax = makeValueAxis();
    ax->setTitleText(tr("input x"));
    QValueAxis* ay = makeValueAxis();
    ay->setTitleText(tr("output f(x)"));
    chart->addAxis(ax, Qt::AlignBottom);
    chart->addAxis(ay, Qt::AlignLeft);
    // The data lie in [−π, π]: the axis goes a little beyond, so no marker is cut at the edge.
    setNiceRange(ax, -std::numbers::pi - 0.06, std::numbers::pi + 0.06, 5);
    setNiceRange(ay, -1.6, 1.6, 7);
    for (auto* s : chart->series()) {
        s->attachAxis(ax);
        s->attachAxis(ay);
    }
    chart_->restyle();
    row->addWidget(diagram_, 1);
    row->addWidget(withKey(chart_), 1);
    addFigureWidget(top);

    strip_ = new ParameterStrip;
    addFigureWidget(strip_, 0);

    auto* facts = new QWidget;
    auto* grid = new QGridLayout(facts);
    grid->setContentsMargins(0, 0, 0, 0);
    distance_ = new QLabel(facts);
    distance_->setObjectName(QStringLiteral("distanceLabel"));
    difference_ = new QLabel(facts);
    difference_->setObjectName(QStringLiteral("differenceLabel"));
    selection_ = new QLabel(facts);
    selection_->setObjectName(QStringLiteral("selectionLabel"));
    for (QLabel* l : {distance_, difference_, selection_}) {
        l->setWordWrap(true);   // in a narrow window they wrap rather than widen the lab past its edge
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    grid->addWidget(distance_, 0, 0);
    grid->addWidget(difference_, 0, 1);
    grid->addWidget(selection_, 1, 0, 1, 2);
    addNote(facts);

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
    recompute();
}

QVariantMap RearrangeLab::saveExtraState() const
{
    QVariantMap out;
    QVariantList layers;
    for (const auto& id : identity_) {
        QVariantList places;
        for (int k : id) places << k;
        layers << QVariant(places);
    }
    if (!layers.isEmpty()) out.insert(QStringLiteral("arrangement"), layers);
    return out;
}

void RearrangeLab::restoreExtraState(const QVariantMap& extra)
{
    pending_.clear();
    for (const QVariant& layer : extra.value(QStringLiteral("arrangement")).toList()) {
        std::vector<int> id;
        for (const QVariant& k : layer.toList()) id.push_back(k.toInt());
        pending_.push_back(id);
    }
    if (ready_) {
        applyArrangement(pending_);
        pending_.clear();
    }
}

void RearrangeLab::applyArrangement(const std::vector<std::vector<int>>& arrangement)
{
    // Only a permutation of each layer's places is taken; anything else is ignored.
    current_ = original_;
    for (auto& id : identity_)
        for (std::size_t i = 0; i < id.size(); ++i) id[i] = int(i);
    for (std::size_t h = 0; h < arrangement.size() && h < identity_.size(); ++h) {
        std::vector<int> order = arrangement[h];
        std::vector<int> sorted = order;
        std::sort(sorted.begin(), sorted.end());
        bool valid = sorted.size() == identity_[h].size();
        for (std::size_t i = 0; valid && i < sorted.size(); ++i) valid = sorted[i] == int(i);
        if (valid) applyOrder(int(h), order);
    }
    refresh();
}

void RearrangeLab::run()
{
    if (ready_) {
        refresh();
        return;
    }
    struct Trained {
        Network net;
        Dataset data;
        TrainingRecord record;
    };
    runJob<Trained>(
        tr("Training the network on sin x…"),
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
            trainedWarning_ = t.record.diverged;
            trainedText_ = t.record.diverged
                ? tr("Training diverged at epoch %1; the last finite weights are shown.").arg(t.record.divergedAtEpoch)
                : tr("Trained %1 epochs on sin x (loss %2).").arg(kEpochs).arg(formatNumber(t.record.finalLoss(), 3));
            setReadout(trainedText_, trainedWarning_);
            if (!pending_.empty()) {
                applyArrangement(pending_);
                pending_.clear();
            } else {
                refresh();
            }
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
    distance_->setText(tr("Distance from the original: ‖θ′ − θ‖ = <b>%1</b>").arg(formatFixed(distance, 3)));
    difference_->setText(maxDiff == 0 ? tr("Largest output difference: <b>0</b> (the curves coincide)")
                                      : tr("Largest output difference: <b>%1</b> (rounding)").arg(formatNumber(maxDiff, 2)));
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
        for (Eigen::Index k = 0; k < v.size(); ++k) s << formatFixed(v(k), 2);
        return s.join(QStringLiteral(", "));
    };
    selection_->setText(tr("Neuron %1 at place %2 of hidden layer %3: incoming weights (%4), bias %5, outgoing weights (%6).")
                            .arg(diagram_->neuronLabel(l, i))
                            .arg(i + 1)
                            .arg(l)
                            .arg(list(in))
                            .arg(formatFixed(net_.biasIn(current_.data(), h)(i), 2))
                            .arg(list(out)));
}

} // namespace minima
