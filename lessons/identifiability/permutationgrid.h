#pragma once
// The arrangement weight matching found, as small matrices: one per hidden layer, a row per
// neuron of network A and a column per neuron of network B, with one marked cell per row
// (the B neuron matched to it). A cell is filled in the pair's colour (the colour both
// networks' diagrams give the pair); a pair matched with B's neuron sign-flipped (tanh) is
// drawn as an outline in that colour. The identity would be the diagonal, drawn faintly.
#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

#include <vector>

namespace minima {

class PermutationGrid : public QWidget {
    Q_OBJECT
public:
    explicit PermutationGrid(QWidget* parent = nullptr);

    // perms[h][i]: the B neuron matched to A's neuron i in hidden layer h; signs[h][i] = ±1;
    // colours[h][i]: the pair's colour. Layers with mismatched sizes are not drawn.
    void setMatching(const std::vector<std::vector<int>>& perms, const std::vector<std::vector<double>>& signs,
                     const QList<QList<QColor>>& colours);
    void clear();
    int layerCount() const { return int(perms_.size()); }
    // The marked column of row `row` of layer h (-1 for none), and whether it is flipped.
    int matchedColumn(int layer, int row) const;
    bool flipped(int layer, int row) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void describe();

    std::vector<std::vector<int>> perms_;
    std::vector<std::vector<double>> signs_;
    QList<QList<QColor>> colours_;
};

} // namespace minima
