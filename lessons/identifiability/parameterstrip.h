#pragma once
// A network's flat parameter vector drawn as a strip of cells, one per weight or bias, on a
// diverging scale (vermillion negative, blue positive, pale near zero; Okabe-Ito hues), with
// the segments W1, b1, W2, ... of the layout (engine/nn/network.h) marked above. One row per
// vector, so the original and the rearranged vector can be compared cell by cell: a cell of a
// later row whose value differs from the first row's is marked (a dot in the palette's ink),
// and a colour scale under the rows says what the colours mean.
#include <QStringList>
#include <QWidget>

#include <vector>

#include <Eigen/Core>

#include "engine/nn/network.h"

namespace minima {

class ParameterStrip : public QWidget {
    Q_OBJECT
public:
    explicit ParameterStrip(QWidget* parent = nullptr);

    // The layout whose segments are marked; rows must have its parameterCount().
    void setNetwork(const Network& net);
    // Replaces the rows (vectors of another size are skipped).
    void setRows(const QStringList& names, const std::vector<Eigen::VectorXd>& rows);
    int rowCount() const { return int(rows_.size()); }
    // The cells of row `row` whose value differs from row 0's (the cells marked as moved).
    int movedCount(int row) const;
    // The largest |value| of the rows: the ends of the colour scale are ∓ this.
    double scale() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Network net_;
    QStringList names_;
    std::vector<Eigen::VectorXd> rows_;
};

} // namespace minima
