#include "lessons/common/networkdiagram.h"

#include <QApplication>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "lessons/common/charts/palette.h"

namespace minima {

std::vector<int> movedOrder(int n, int from, int to)
{
    if (n < 1 || from < 0 || from >= n || to < 0 || to >= n)
        throw std::invalid_argument("move from place " + std::to_string(from) + " to " + std::to_string(to)
                                    + " in a layer of " + std::to_string(n));
    std::vector<int> order;
    order.reserve(std::size_t(n));
    for (int i = 0; i < n; ++i)
        if (i != from) order.push_back(i);
    order.insert(order.begin() + to, from);
    return order;
}

namespace {
constexpr qreal kMargin = 10;

QColor mix(const QColor& a, const QColor& b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}
} // namespace

NetworkDiagram::NetworkDiagram(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("networkDiagram"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAccessibleName(tr("Network diagram"));
    setToolTip(tr("Click a neuron to select it; drag a hidden neuron up or down to move it within its layer.\n"
                  "Keyboard: arrow keys pick a neuron; Shift+Up/Down moves a hidden neuron one place; "
                  "Ctrl+Up/Down moves it to the top or bottom of its layer."));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void NetworkDiagram::setNetwork(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params)
{
    if (params.size() != net.parameterCount())
        throw std::invalid_argument("the diagram's parameters do not fit the network");
    net_ = net;
    params_ = params;
    const auto& w = net_.widths();
    labels_.assign(w.size(), {});
    fills_.assign(w.size(), {});
    fillLegend_.clear();
    for (std::size_t l = 0; l < w.size(); ++l) {
        const QString letter = l == 0 ? QStringLiteral("x") : (l + 1 == w.size() ? QStringLiteral("y") : QStringLiteral("h"));
        for (int i = 0; i < w[l]; ++i) labels_[l].append(letter + QString::number(i + 1));
    }
    if (selLayer_ >= int(w.size()) || (selLayer_ >= 0 && selIndex_ >= w[std::size_t(selLayer_)])) selLayer_ = selIndex_ = -1;
    pressed_ = dragging_ = false;
    setAccessibleName(tr("Network diagram, layer widths %1").arg([&] {
        QStringList parts;
        for (int n : w) parts << QString::number(n);
        return parts.join(QLatin1Char('-'));
    }()));
    describe();
    updateGeometry();
    update();
}

void NetworkDiagram::setLegendShown(bool on)
{
    legend_ = on;
    update();
}

void NetworkDiagram::clearNetwork()
{
    net_ = Network();
    params_.resize(0);
    labels_.clear();
    fills_.clear();
    fillLegend_.clear();
    selLayer_ = selIndex_ = -1;
    pressed_ = dragging_ = false;
    setAccessibleName(tr("Network diagram, no network"));
    setAccessibleDescription(QString());
    updateGeometry();
    update();
}

void NetworkDiagram::setParameters(const Eigen::Ref<const Eigen::VectorXd>& params)
{
    if (params.size() != net_.parameterCount())
        throw std::invalid_argument("the diagram's parameters do not fit the network");
    params_ = params;
    describe();
    update();
}

void NetworkDiagram::setNeuronLabels(int layer, const QStringList& labels)
{
    if (layer < 0 || layer >= int(labels_.size())) return;
    QStringList l = labels;
    const int n = net_.widths()[std::size_t(layer)];
    while (l.size() < n) l.append(QString());
    labels_[std::size_t(layer)] = l.mid(0, n);
    describe();
    update();
}

void NetworkDiagram::setNeuronFills(int layer, const QList<QColor>& fills, const QString& legend)
{
    if (layer < 0 || layer >= int(fills_.size())) return;
    const int n = net_.widths()[std::size_t(layer)];
    fills_[std::size_t(layer)] = fills.isEmpty() ? QList<QColor>{} : fills.mid(0, n);
    while (!fills.isEmpty() && fills_[std::size_t(layer)].size() < n) fills_[std::size_t(layer)].append(QColor());
    fillLegend_ = legend;
    update();
}

QColor NetworkDiagram::neuronFill(int layer, int index) const
{
    if (layer < 0 || layer >= int(fills_.size())) return {};
    const auto& f = fills_[std::size_t(layer)];
    return index >= 0 && index < f.size() ? f[index] : QColor();
}

QString NetworkDiagram::neuronLabel(int layer, int index) const
{
    if (layer < 0 || layer >= int(labels_.size())) return {};
    const auto& l = labels_[std::size_t(layer)];
    return index >= 0 && index < l.size() ? l[index] : QString();
}

void NetworkDiagram::setSelected(int layer, int index)
{
    const auto& w = net_.widths();
    if (layer < 0 || layer >= int(w.size()) || index < 0 || index >= w[std::size_t(layer)]) layer = index = -1;
    selLayer_ = layer;
    selIndex_ = index;
    describe();
    update();
}

void NetworkDiagram::setRearrangeable(bool on)
{
    rearrangeable_ = on;
    if (!on) pressed_ = dragging_ = false;
    describe();
    update();
}

bool NetworkDiagram::isHidden(int layer) const { return layer > 0 && layer + 1 < int(net_.widths().size()); }

QString NetworkDiagram::layerName(int layer) const
{
    if (layer == 0) return tr("input");
    if (layer + 1 == int(net_.widths().size())) return tr("output");
    return net_.hiddenLayerCount() == 1 ? tr("hidden") : tr("hidden %1").arg(layer);
}

// Layout: one column per layer across the width, a legend line on top and the layer
// names below; neurons of a layer evenly spaced and centred vertically.
qreal NetworkDiagram::neuronRadius() const
{
    const auto& w = net_.widths();
    if (w.empty()) return 0;
    const int nMax = *std::max_element(w.begin(), w.end());
    const QFontMetricsF fm(font());
    const qreal h = height() - 2 * kMargin - 2 * (fm.height() + 6);
    const qreal colGap = (width() - 2 * kMargin) / std::max<qreal>(1, qreal(w.size()) - 1 + 0.6);
    const qreal spacing = h / std::max(1, nMax);
    return std::clamp(std::min(spacing * 0.38, colGap * 0.16), 4.0, 24.0);
}

QPointF NetworkDiagram::neuronCentre(int layer, int index) const
{
    const auto& w = net_.widths();
    if (layer < 0 || layer >= int(w.size())) return {};
    const QFontMetricsF fm(font());
    const qreal r = neuronRadius();
    const qreal top = kMargin + (legend_ ? fm.height() + 6 : 0);
    const qreal bottom = height() - kMargin - fm.height() - 6;
    const qreal left = kMargin + r + 2, right = width() - kMargin - r - 2;
    const qreal x = w.size() == 1 ? (left + right) / 2 : left + (right - left) * layer / qreal(w.size() - 1);
    const int nMax = *std::max_element(w.begin(), w.end());
    const qreal spacing = (bottom - top) / std::max(1, nMax);
    const int n = w[std::size_t(layer)];
    const qreal y = (top + bottom) / 2 + (index - (n - 1) / 2.0) * spacing;
    return {x, y};
}

bool NetworkDiagram::neuronAt(const QPointF& point, int* layer, int* index) const
{
    const auto& w = net_.widths();
    const qreal r = neuronRadius();
    for (int l = 0; l < int(w.size()); ++l)
        for (int i = 0; i < w[std::size_t(l)]; ++i) {
            const QPointF d = point - neuronCentre(l, i);
            if (d.x() * d.x() + d.y() * d.y() <= (r + 3) * (r + 3)) {
                if (layer) *layer = l;
                if (index) *index = i;
                return true;
            }
        }
    if (layer) *layer = -1;
    if (index) *index = -1;
    return false;
}

int NetworkDiagram::dropPlace(qreal y) const
{
    const int n = net_.widths()[std::size_t(dragLayer_)];
    int best = 0;
    qreal bestD = std::abs(y - neuronCentre(dragLayer_, 0).y());
    for (int i = 1; i < n; ++i) {
        const qreal d = std::abs(y - neuronCentre(dragLayer_, i).y());
        if (d < bestD) {
            bestD = d;
            best = i;
        }
    }
    return best;
}

QSize NetworkDiagram::sizeHint() const
{
    const auto& w = net_.widths();
    const int nMax = w.empty() ? 3 : *std::max_element(w.begin(), w.end());
    return {std::max(320, int(w.size()) * 110), std::clamp(nMax * 46 + 80, 220, 520)};
}

QSize NetworkDiagram::minimumSizeHint() const { return {200, 160}; }

void NetworkDiagram::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const auto& w = net_.widths();
    const QFontMetricsF fm(font());
    if (w.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No network to show."));
        return;
    }
    const qreal r = neuronRadius();
    const QColor positive = hueColor(Hue::Blue), negative = hueColor(Hue::Vermillion);
    const QColor ink = pal.color(QPalette::Text), base = pal.color(QPalette::Base);
    const QColor highlight = hueColor(Hue::Orange);

    // Where each neuron is drawn now: while dragging, the dragged neuron follows the
    // pointer and the others of its layer close up as they would after the drop.
    const int dropTo = dragging_ ? dropPlace(dragY_) : -1;
    std::vector<int> shownPlace;   // old place -> place shown, in the dragged layer
    if (dragging_) {
        const auto order = movedOrder(w[std::size_t(dragLayer_)], dragIndex_, dropTo);
        shownPlace.assign(order.size(), 0);
        for (std::size_t pos = 0; pos < order.size(); ++pos) shownPlace[std::size_t(order[pos])] = int(pos);
    }
    auto centre = [&](int l, int i) {
        if (!dragging_ || l != dragLayer_) return neuronCentre(l, i);
        if (i == dragIndex_) {
            const qreal lo = neuronCentre(l, 0).y(), hi = neuronCentre(l, w[std::size_t(l)] - 1).y();
            return QPointF(neuronCentre(l, i).x(), std::clamp(dragY_, lo, hi));
        }
        return neuronCentre(l, shownPlace[std::size_t(i)]);
    };

    // Legend: the colour and thickness code.
    if (legend_) {
        const qreal y = kMargin + fm.height() / 2;
        qreal x = kMargin;
        auto sample = [&](const QColor& c, const QString& text) {
            p.setPen(QPen(c, 3, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(x, y), QPointF(x + 22, y));
            x += 28;
            p.setPen(ink);
            p.drawText(QPointF(x, y + fm.ascent() / 2 - 1), text);
            x += fm.horizontalAdvance(text) + 14;
        };
        sample(positive, tr("positive weight"));
        sample(negative, tr("negative weight"));
        bool filled = false;
        for (const auto& f : fills_) filled = filled || !f.isEmpty();
        const QString rest = filled && !fillLegend_.isEmpty() ? tr("thickness ∝ |weight|; %1").arg(fillLegend_)
                                                              : tr("thickness ∝ |weight|; fill: bias");
        if (x + fm.horizontalAdvance(rest) < width() - kMargin) p.drawText(QPointF(x, y + fm.ascent() / 2 - 1), rest);
    }

    double maxW = 0, maxB = 0;
    for (int l = 0; l < net_.layerCount(); ++l) {
        maxW = std::max(maxW, net_.weightsIn(params_.data(), l).cwiseAbs().maxCoeff());
        maxB = std::max(maxB, net_.biasIn(params_.data(), l).cwiseAbs().maxCoeff());
    }
    if (!(maxW > 0) || !std::isfinite(maxW)) maxW = 1;
    if (!(maxB > 0) || !std::isfinite(maxB)) maxB = 1;
    const qreal maxPen = std::max<qreal>(1.5, std::min<qreal>(7, r * 0.45));

    auto touches = [&](int l, int from, int to) {
        if (selLayer_ < 0) return true;
        return (selLayer_ == l && selIndex_ == from) || (selLayer_ == l + 1 && selIndex_ == to);
    };
    auto drawEdges = [&](bool selectedOnes) {
        for (int l = 0; l < net_.layerCount(); ++l) {
            const auto W = net_.weightsIn(params_.data(), l);   // n_{l+1} x n_l
            for (int j = 0; j < W.cols(); ++j)
                for (int i = 0; i < W.rows(); ++i) {
                    const bool mine = touches(l, j, i) || (dragging_ && ((l == dragLayer_ && j == dragIndex_)
                                                                         || (l + 1 == dragLayer_ && i == dragIndex_)));
                    if (mine != selectedOnes) continue;
                    const double v = W(i, j);
                    if (!std::isfinite(v)) continue;
                    QColor c = v >= 0 ? positive : negative;
                    c.setAlphaF(selLayer_ < 0 || mine ? 0.85f : 0.22f);
                    p.setPen(QPen(c, 0.6 + (maxPen - 0.6) * std::abs(v) / maxW, Qt::SolidLine, Qt::RoundCap));
                    p.drawLine(centre(l, j), centre(l + 1, i));
                }
        }
    };
    drawEdges(false);
    drawEdges(true);

    // Neurons, the dragged one last so it is drawn on top.
    QFont labelFont = font();
    labelFont.setPointSizeF(std::clamp(r * 0.55, 6.0, font().pointSizeF() > 0 ? font().pointSizeF() : 10.0));
    auto drawNeuron = [&](int l, int i) {
        const QPointF c = centre(l, i);
        QColor fill = base;
        if (l > 0) {
            const double b = net_.biasIn(params_.data(), l - 1)(i);
            if (std::isfinite(b)) fill = mix(base, b >= 0 ? positive : negative, 0.55 * std::abs(b) / maxB);
        }
        if (const QColor own = neuronFill(l, i); own.isValid()) fill = own;
        const bool selected = l == selLayer_ && i == selIndex_;
        const bool dragged = dragging_ && l == dragLayer_ && i == dragIndex_;
        p.setBrush(fill);
        p.setPen(QPen(selected || dragged ? highlight : ink, selected || dragged ? 3.5 : 1.4));
        p.drawEllipse(c, r, r);
        if (selected && hasFocus()) {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(ink, 1, Qt::DashLine));
            p.drawEllipse(c, r + 5, r + 5);
        }
        const QString label = neuronLabel(l, i);
        if (!label.isEmpty() && r >= 8) {
            p.setFont(labelFont);
            p.setPen(fill.lightnessF() < 0.5 ? QColor(Qt::white) : QColor(Qt::black));
            p.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter, label);
            p.setFont(font());
        }
    };
    for (int l = 0; l < int(w.size()); ++l)
        for (int i = 0; i < w[std::size_t(l)]; ++i)
            if (!(dragging_ && l == dragLayer_ && i == dragIndex_)) drawNeuron(l, i);
    if (dragging_) drawNeuron(dragLayer_, dragIndex_);

    // Layer names under the columns.
    p.setPen(ink);
    const qreal yName = height() - kMargin - fm.descent();
    for (int l = 0; l < int(w.size()); ++l) {
        const QString name = layerName(l);
        const qreal x = neuronCentre(l, 0).x();
        const qreal tw = fm.horizontalAdvance(name);
        const qreal left = std::clamp(x - tw / 2, 2.0, std::max(2.0, width() - tw - 2));
        p.drawText(QPointF(left, yName), name);
    }
}

void NetworkDiagram::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    int l = -1, i = -1;
    if (!neuronAt(event->position(), &l, &i)) {
        event->ignore();
        return;
    }
    select(l, i);
    pressed_ = rearrangeable_ && isHidden(l) && net_.widths()[std::size_t(l)] > 1;
    dragging_ = false;
    dragLayer_ = l;
    dragIndex_ = i;
    pressPos_ = event->position();
    dragY_ = pressPos_.y();
    event->accept();
}

void NetworkDiagram::mouseMoveEvent(QMouseEvent* event)
{
    if (!pressed_) {
        QWidget::mouseMoveEvent(event);
        return;
    }
    dragY_ = event->position().y();
    if (!dragging_ && std::abs(dragY_ - pressPos_.y()) >= QApplication::startDragDistance()) dragging_ = true;
    if (dragging_) update();
    event->accept();
}

void NetworkDiagram::mouseReleaseEvent(QMouseEvent* event)
{
    if (!pressed_ || event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    dragY_ = event->position().y();
    if (!dragging_ && std::abs(dragY_ - pressPos_.y()) >= QApplication::startDragDistance()) dragging_ = true;
    const bool moved = dragging_;
    const int to = moved ? dropPlace(dragY_) : dragIndex_;
    pressed_ = dragging_ = false;
    if (moved) requestMove(dragLayer_, dragIndex_, to);
    update();
    event->accept();
}

void NetworkDiagram::keyPressEvent(QKeyEvent* event)
{
    const auto& w = net_.widths();
    const int key = event->key();
    if (w.empty() || (key != Qt::Key_Up && key != Qt::Key_Down && key != Qt::Key_Left && key != Qt::Key_Right
                      && key != Qt::Key_Escape)) {
        QWidget::keyPressEvent(event);
        return;
    }
    if (key == Qt::Key_Escape) {
        if (!dragging_ && !pressed_) {
            QWidget::keyPressEvent(event);
            return;
        }
        pressed_ = dragging_ = false;   // cancel a drag in progress
        update();
        return;
    }
    if (selLayer_ < 0) {   // first key: start on the first hidden neuron (or the input)
        select(w.size() > 2 ? 1 : 0, 0);
        return;
    }
    const int n = w[std::size_t(selLayer_)];
    const auto mods = event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier);
    if ((key == Qt::Key_Up || key == Qt::Key_Down) && mods) {
        if (!rearrangeable_ || !isHidden(selLayer_)) return;
        const int to = (mods & Qt::ControlModifier) ? (key == Qt::Key_Up ? 0 : n - 1)
                                                      : std::clamp(selIndex_ + (key == Qt::Key_Up ? -1 : 1), 0, n - 1);
        requestMove(selLayer_, selIndex_, to);
        return;
    }
    if (key == Qt::Key_Up) select(selLayer_, std::max(0, selIndex_ - 1));
    else if (key == Qt::Key_Down) select(selLayer_, std::min(n - 1, selIndex_ + 1));
    else {
        const int l = std::clamp(selLayer_ + (key == Qt::Key_Left ? -1 : 1), 0, int(w.size()) - 1);
        select(l, std::min(selIndex_, w[std::size_t(l)] - 1));
    }
}

void NetworkDiagram::focusInEvent(QFocusEvent* event)
{
    QWidget::focusInEvent(event);
    update();
}

void NetworkDiagram::focusOutEvent(QFocusEvent* event)
{
    QWidget::focusOutEvent(event);
    pressed_ = dragging_ = false;
    update();
}

void NetworkDiagram::select(int layer, int index)
{
    if (layer == selLayer_ && index == selIndex_) return;
    setSelected(layer, index);
    emit neuronSelected(selLayer_, selIndex_);
}

void NetworkDiagram::requestMove(int layer, int from, int to)
{
    if (!isHidden(layer) || from == to) return;
    selLayer_ = layer;
    selIndex_ = to;   // the selection follows the moved neuron
    describe();
    update();
    emit neuronMoved(layer - 1, from, to);
}

void NetworkDiagram::describe()
{
    const auto& w = net_.widths();
    if (selLayer_ < 0 || w.empty()) {
        setAccessibleDescription(tr("No neuron selected. Click a neuron or use the arrow keys to pick one."));
        return;
    }
    const int n = w[std::size_t(selLayer_)];
    QString text = tr("Selected: %1 layer, neuron %2 (place %3 of %4).")
                       .arg(layerName(selLayer_), neuronLabel(selLayer_, selIndex_))
                       .arg(selIndex_ + 1)
                       .arg(n);
    if (selLayer_ > 0)
        text += tr(" Bias %1; %2 incoming weights.")
                    .arg(net_.biasIn(params_.data(), selLayer_ - 1)(selIndex_), 0, 'g', 3)
                    .arg(w[std::size_t(selLayer_) - 1]);
    if (selLayer_ + 1 < int(w.size())) text += tr(" %1 outgoing weights.").arg(w[std::size_t(selLayer_) + 1]);
    if (rearrangeable_ && isHidden(selLayer_))
        text += tr(" Drag it, or press Shift+Up/Down or Ctrl+Up/Down, to move it within its layer.");
    setAccessibleDescription(text);
}

} // namespace minima
