#include "lessons/identifiability/permutationgrid.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/palette.h"

namespace minima {

namespace {
constexpr int kMargin = 6;
constexpr int kGap = 14;   // between two layers' matrices
} // namespace

PermutationGrid::PermutationGrid(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    setAccessibleName(tr("Matching of B's neurons to A's, as a matrix per hidden layer"));
    describe();
}

void PermutationGrid::setMatching(const std::vector<std::vector<int>>& perms, const std::vector<std::vector<double>>& signs,
                                  const QList<QList<QColor>>& colours)
{
    perms_ = perms;
    signs_ = signs;
    colours_ = colours;
    describe();
    updateGeometry();
    update();
}

void PermutationGrid::clear()
{
    perms_.clear();
    signs_.clear();
    colours_.clear();
    describe();
    update();
}

int PermutationGrid::matchedColumn(int layer, int row) const
{
    if (layer < 0 || layer >= int(perms_.size()) || row < 0 || row >= int(perms_[std::size_t(layer)].size())) return -1;
    return perms_[std::size_t(layer)][std::size_t(row)];
}

bool PermutationGrid::flipped(int layer, int row) const
{
    if (layer < 0 || layer >= int(signs_.size()) || row < 0 || row >= int(signs_[std::size_t(layer)].size())) return false;
    return signs_[std::size_t(layer)][std::size_t(row)] < 0;
}

QSize PermutationGrid::sizeHint() const
{
    const QFontMetrics fm(font());
    const int layers = std::max<int>(1, int(perms_.size()));
    const int side = fm.height() * 8;
    return {layers * side + (layers - 1) * kGap + 2 * kMargin + fm.height() * 2, side + 5 * fm.height() + 2 * kMargin + 6};
}

QSize PermutationGrid::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    const int layers = std::max<int>(1, int(perms_.size()));
    const int side = fm.height() * 5;
    // The caption and the key's two lines must fit.
    const int text = std::max({fm.horizontalAdvance(tr("Rows: A's neurons; columns: B's")),
                               fm.horizontalAdvance(tr("filled: matched as is")) + fm.height(),
                               fm.horizontalAdvance(tr("outline: sign flipped")) + fm.height()});
    return {std::max(layers * side + (layers - 1) * kGap + fm.height() * 2, text) + 2 * kMargin,
            side + 5 * fm.height() + 2 * kMargin + 6};
}

void PermutationGrid::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) updateGeometry();
    QWidget::changeEvent(event);
}

void PermutationGrid::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QFontMetricsF fm(font());
    const QColor ink = pal.color(QPalette::Text);
    if (perms_.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No matching yet."));
        return;
    }
    const int layers = int(perms_.size());
    // Room: a caption line on top, the "B's neuron →" line above each matrix, the key below,
    // and "A" written left of the matrices.
    const qreal top = kMargin + 2 * fm.height() + 6;
    const qreal bottom = height() - kMargin - 2 * fm.height() - 4;
    const qreal left = kMargin + fm.height() * 1.2;
    const qreal avail = std::max<qreal>(10, (width() - left - kMargin - (layers - 1) * kGap) / layers);
    const qreal side = std::max<qreal>(10, std::min(avail, bottom - top));
    p.setPen(ink);
    p.drawText(QRectF(kMargin, kMargin, width() - 2 * kMargin, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               tr("Rows: A's neurons; columns: B's"));
    for (int h = 0; h < layers; ++h) {
        const auto& perm = perms_[std::size_t(h)];
        const int n = int(perm.size());
        if (n == 0) continue;
        const qreal x0 = left + h * (side + kGap), y0 = top;
        const qreal cell = side / n;
        p.setPen(ink);
        const QString caption = layers == 1 ? tr("hidden layer") : tr("hidden layer %1").arg(h + 1);
        p.drawText(QRectF(x0, y0 - fm.height() - 2, side, fm.height()), Qt::AlignHCenter | Qt::AlignVCenter, caption);
        // Frame, faint grid lines where the cells are big enough, and the faint diagonal: the
        // identity, where B's neurons would already be in A's order.
        QColor faint = ink;
        faint.setAlphaF(0.15f);
        if (cell >= 6) {
            p.setPen(QPen(faint, 1));
            for (int k = 1; k < n; ++k) {
                p.drawLine(QPointF(x0 + k * cell, y0), QPointF(x0 + k * cell, y0 + side));
                p.drawLine(QPointF(x0, y0 + k * cell), QPointF(x0 + side, y0 + k * cell));
            }
        }
        faint.setAlphaF(0.35f);
        p.setPen(QPen(faint, 1, Qt::DashLine));
        p.drawLine(QPointF(x0, y0), QPointF(x0 + side, y0 + side));
        p.setPen(QPen(ink, 1));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(x0, y0, side, side));
        const QList<QColor> colours = h < colours_.size() ? colours_[h] : QList<QColor>{};
        p.setRenderHint(QPainter::Antialiasing);
        for (int i = 0; i < n; ++i) {
            const int j = perm[std::size_t(i)];
            if (j < 0 || j >= n) continue;
            const QColor c = i < colours.size() && colours[i].isValid() ? colours[i] : ink;
            const QRectF r(x0 + j * cell + 0.5, y0 + i * cell + 0.5, cell - 1, cell - 1);
            const bool flip = flipped(h, i);
            if (flip) {
                const qreal pen = std::clamp(cell * 0.22, 1.0, 3.0);
                p.setBrush(Qt::NoBrush);
                p.setPen(QPen(c, pen));
                p.drawRect(r.adjusted(pen / 2, pen / 2, -pen / 2, -pen / 2));
            } else {
                p.setPen(Qt::NoPen);
                p.setBrush(c);
                p.drawRect(r);
            }
        }
        p.setRenderHint(QPainter::Antialiasing, false);
    }
    // "A" down the left, the key along the bottom.
    p.setPen(ink);
    p.save();
    p.translate(kMargin + fm.ascent(), top + side / 2);
    p.rotate(-90);
    p.drawText(QRectF(-side / 2, -fm.ascent(), side, fm.height()), Qt::AlignCenter, tr("A"));
    p.restore();
    const qreal ky = top + side + 4;
    const qreal box = fm.height() * 0.7;
    const QColor sample = hueColor(Hue::Blue);
    p.setPen(Qt::NoPen);
    p.setBrush(sample);
    p.drawRect(QRectF(kMargin, ky + (fm.height() - box) / 2, box, box));
    p.setPen(ink);
    p.drawText(QPointF(kMargin + box + 4, ky + fm.ascent()), tr("filled: matched as is"));
    bool anyFlip = false;
    for (const auto& s : signs_)
        for (double v : s) anyFlip = anyFlip || v < 0;
    if (!anyFlip) return;
    const qreal ky2 = ky + fm.height();
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(sample, 2));
    p.drawRect(QRectF(kMargin + 1, ky2 + (fm.height() - box) / 2 + 1, box - 2, box - 2));
    p.setPen(ink);
    p.drawText(QPointF(kMargin + box + 4, ky2 + fm.ascent()), tr("outline: sign flipped"));
}

void PermutationGrid::describe()
{
    if (perms_.empty()) {
        setAccessibleDescription(tr("No matching yet."));
        return;
    }
    QStringList layers;
    for (std::size_t h = 0; h < perms_.size(); ++h) {
        QStringList pairs;
        for (std::size_t i = 0; i < perms_[h].size(); ++i)
            pairs << tr("A%1 with B%2%3").arg(i + 1).arg(perms_[h][i] + 1).arg(flipped(int(h), int(i)) ? tr(" flipped") : QString());
        layers << tr("Hidden layer %1: %2.").arg(h + 1).arg(pairs.join(QStringLiteral(", ")));
    }
    setAccessibleDescription(layers.join(QLatin1Char(' ')));
}

} // namespace minima
