#pragma once
// Lab 1, "Rearrange the neurons" (the book's Figure 4-2, live): a small trained network drawn
// as a diagram. The learner drags a hidden neuron to another place in its layer (or uses the
// keyboard, or shuffles a whole layer); its incoming and outgoing weights travel with it.
// Beside it the network's fitted curve, recomputed from the rearranged parameters, stays the
// same, while the parameter vector and its distance from the original change.

#include <vector>

#include <Eigen/Core>

#include "engine/nn/datasets.h"
#include "engine/nn/network.h"
#include "lessons/common/lab.h"

class QComboBox;
class QLabel;
class QLineSeries;
class QPushButton;
class QScatterSeries;

namespace minima {

class FigureChart;
class NetworkDiagram;
class ParameterStrip;

class RearrangeLab : public Lab {
    Q_OBJECT
public:
    explicit RearrangeLab(LessonContext& context, QWidget* parent = nullptr);

    NetworkDiagram* diagram() const { return diagram_; }
    ParameterStrip* strip() const { return strip_; }
    QComboBox* layerChoice() const { return layerChoice_; }
    FigureChart* outputChart() const { return chart_; }
    bool ready() const { return ready_; }
    const Network& network() const { return net_; }
    const Eigen::VectorXd& originalParameters() const { return original_; }
    const Eigen::VectorXd& currentParameters() const { return current_; }
    // Which original neuron sits at each place of hidden layer h.
    const std::vector<int>& arrangement(int hidden) const { return identity_.at(std::size_t(hidden)); }

    // The same as the diagram's drag and keys: move a neuron of hidden layer h.
    void moveNeuron(int hidden, int from, int to);
    void shuffleLayer(int hidden);
    void restoreOriginal();

protected:
    // Trains the network once (in the lab's job); then shows the arrangement.
    void run() override;
    // The arrangement of every hidden layer (which original neuron sits at each place).
    QVariantMap saveExtraState() const override;
    void restoreExtraState(const QVariantMap& extra) override;

private:
    void applyArrangement(const std::vector<std::vector<int>>& arrangement);
    void applyOrder(int hidden, const std::vector<int>& order);
    void refresh();
    void describeSelection();

    NetworkDiagram* diagram_;
    ParameterStrip* strip_;
    FigureChart* chart_;
    QLineSeries* originalSeries_;
    QLineSeries* currentSeries_;
    QScatterSeries* dataSeries_;
    QComboBox* layerChoice_;
    QPushButton* shuffle_;
    QPushButton* restore_;
    QLabel* distance_;
    QLabel* difference_;
    QLabel* selection_;
    QString trainedText_;
    bool trainedWarning_ = false;
    std::vector<std::vector<int>> pending_;   // an arrangement restored before the training ended

    bool ready_ = false;
    Network net_;
    Dataset data_;
    Eigen::VectorXd original_, current_;
    Eigen::MatrixXd grid_;                  // 1 x G inputs of the curves
    Eigen::MatrixXd originalOutput_;        // 1 x G
    std::vector<std::vector<int>> identity_;
    unsigned shuffles_ = 0;
};

} // namespace minima
