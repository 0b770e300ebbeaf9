#pragma once
// A small fully connected network drawn as the book draws it (Figure 4-2): neurons as
// circles in columns (input left, hidden, output right) and every weight as an edge,
// blue for positive and vermillion for negative (Okabe-Ito), thicker for larger |w|.
//
// The diagram shows a Network layout with a flat parameter vector (engine/nn/network.h);
// it never changes the parameters itself. The learner can
//   - click a neuron to select it (neuronSelected), or pick one with the arrow keys;
//   - drag a hidden neuron up or down to another place in its layer, or press
//     Shift+Up/Down (one place) or Ctrl+Up/Down (top or bottom of its layer): the diagram
//     emits neuronMoved(hiddenLayer, from, to) and the owner applies the move to the
//     parameters (e.g. permuteHiddenLayer with movedOrder(n, from, to)) and calls
//     setParameters and setNeuronLabels so that the picture follows.
// Layers are counted as in Network::widths(): 0 is the input, widths().size() - 1 the
// output; hidden layer h (as in neuronMoved and engine/symmetry) is layer h + 1.
#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

#include <Eigen/Core>

#include "engine/nn/network.h"

namespace minima {

// The order p (new neuron i is old neuron p[i], the convention of permuteHiddenLayer) that
// takes the neuron at place `from` out of a layer of n and puts it back at place `to`, the
// others closing up in their order. Throws std::invalid_argument for places outside [0, n).
std::vector<int> movedOrder(int n, int from, int to);

class NetworkDiagram : public QWidget {
    Q_OBJECT
public:
    explicit NetworkDiagram(QWidget* parent = nullptr);

    // Shows net (its layout) with parameters params. Labels are reset to the defaults
    // ("x1", "h1", "y1": layer letter and 1-based place) and the selection is kept when it
    // still exists. Throws std::invalid_argument when params has the wrong size.
    void setNetwork(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params);
    // No network: the diagram says so.
    void clearNetwork();
    // New parameters for the same layout (e.g. after a move). Throws on a size mismatch.
    void setParameters(const Eigen::Ref<const Eigen::VectorXd>& params);
    const Network& network() const { return net_; }
    const Eigen::VectorXd& parameters() const { return params_; }

    // Text drawn inside a neuron; the labels of a layer travel with the owner's moves.
    void setNeuronLabels(int layer, const QStringList& labels);
    QString neuronLabel(int layer, int index) const;

    // Fill colours for a layer's neurons in place of the bias tint (e.g. matched neurons of two
    // networks in one colour); an empty list goes back to the tint. `legend` replaces the key's
    // "fill: bias" while any layer has fills. Reset by setNetwork().
    void setNeuronFills(int layer, const QList<QColor>& fills, const QString& legend);
    QColor neuronFill(int layer, int index) const;

    // Selected neuron (-1, -1 for none). Setting it does not emit neuronSelected.
    void setSelected(int layer, int index);
    int selectedLayer() const { return selLayer_; }
    int selectedIndex() const { return selIndex_; }

    // Whether the diagram draws its own key of the colour code on top (default true); a figure
    // with several diagrams side by side shows one key for all of them instead.
    void setLegendShown(bool on);
    bool legendShown() const { return legend_; }

    // Whether hidden neurons may be moved by the learner (default true).
    void setRearrangeable(bool on);
    bool rearrangeable() const { return rearrangeable_; }

    // Where a neuron is drawn, in widget coordinates, and which neuron is under a point
    // (layer -1 for none): for tests and for overlays.
    QPointF neuronCentre(int layer, int index) const;
    qreal neuronRadius() const;
    bool neuronAt(const QPointF& point, int* layer, int* index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void neuronSelected(int layer, int index);
    // The neuron at place `from` of hidden layer `hiddenLayer` is to go to place `to`.
    void neuronMoved(int hiddenLayer, int from, int to);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    bool isHidden(int layer) const;
    int dropPlace(qreal y) const;       // place in the dragged layer nearest to y
    void select(int layer, int index);  // sets and emits
    void requestMove(int layer, int from, int to);
    void describe();                    // accessible description of the selection
    QString layerName(int layer) const;

    Network net_;
    Eigen::VectorXd params_;
    std::vector<QStringList> labels_;
    std::vector<QList<QColor>> fills_;
    QString fillLegend_;
    int selLayer_ = -1, selIndex_ = -1;
    bool rearrangeable_ = true;
    bool legend_ = true;

    // Mouse drag of a hidden neuron.
    bool pressed_ = false;
    bool dragging_ = false;
    int dragLayer_ = -1, dragIndex_ = -1;
    QPointF pressPos_;
    qreal dragY_ = 0;
};

} // namespace minima
