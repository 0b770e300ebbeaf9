#include "lessons/identifiability/parameterstrip.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"

namespace minima {

namespace {
constexpr int kRowHeight = 22;

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}
} // namespace

ParameterStrip::ParameterStrip(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("parameterStrip"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Parameter vector"));
    setToolTip(tr("Every weight and bias of the network, in the order the engine stores them: "
                  "blue positive, vermillion negative, pale near zero."));
}

void ParameterStrip::setNetwork(const Network& net)
{
    net_ = net;
    rows_.clear();
    names_.clear();
    updateGeometry();
    update();
}

void ParameterStrip::setRows(const QStringList& names, const std::vector<Eigen::VectorXd>& rows)
{
    names_.clear();
    rows_.clear();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].size() != net_.parameterCount()) continue;
        rows_.push_back(rows[i]);
        names_.append(int(i) < names.size() ? names[int(i)] : QString());
    }
    setAccessibleDescription(tr("%n parameters; rows: %1", nullptr, int(net_.parameterCount())).arg(names_.join(QStringLiteral(", "))));
    updateGeometry();
    update();
}

int ParameterStrip::movedCount(int row) const
{
    if (row <= 0 || row >= int(rows_.size())) return 0;
    int n = 0;
    for (Eigen::Index i = 0; i < rows_[std::size_t(row)].size(); ++i) n += rows_[std::size_t(row)][i] != rows_[0][i];
    return n;
}

double ParameterStrip::scale() const
{
    double scale = 0;
    for (const auto& r : rows_)
        for (Eigen::Index i = 0; i < r.size(); ++i)
            if (std::isfinite(r[i])) scale = std::max(scale, std::abs(r[i]));
    return scale > 0 ? scale : 1;
}

QSize ParameterStrip::sizeHint() const
{
    const int header = fontMetrics().height() + 4;
    const int legend = fontMetrics().height() + 10;
    return {480, header + std::max(1, int(rows_.size())) * (kRowHeight + 4) + 2 + legend};
}

QSize ParameterStrip::minimumSizeHint() const { return {200, sizeHint().height()}; }

void ParameterStrip::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QPalette pal = palette();
    const QColor ink = pal.color(QPalette::Text), base = pal.color(QPalette::Base);
    const QFontMetrics fm = fontMetrics();
    const Eigen::Index P = net_.parameterCount();
    if (P == 0 || rows_.empty()) {
        p.setPen(ink);
        p.drawText(rect(), Qt::AlignCenter, tr("No parameters yet."));
        return;
    }
    int labelWidth = 0;
    for (const QString& n : names_) labelWidth = std::max(labelWidth, fm.horizontalAdvance(n));
    labelWidth += 8;
    const int header = fm.height() + 4;
    const double left = labelWidth, cell = (width() - left - 2) / double(P);

    const double scale = this->scale();
    const QColor positive = hueColor(Hue::Blue), negative = hueColor(Hue::Vermillion);

    // Segment names above the strip: W1, b1, W2, b2, ... (layer l is the book's layer l + 1).
    p.setPen(ink);
    for (int l = 0; l < net_.layerCount(); ++l) {
        const struct { Eigen::Index from, to; QString name; } segments[] = {
            {net_.weightOffset(l), net_.biasOffset(l), QStringLiteral("W%1").arg(l + 1)},
            {net_.biasOffset(l), net_.biasOffset(l) + net_.widths()[std::size_t(l) + 1], QStringLiteral("b%1").arg(l + 1)},
        };
        for (const auto& s : segments) {
            const QRectF r(left + s.from * cell, 0, (s.to - s.from) * cell, header);
            if (fm.horizontalAdvance(s.name) + 2 <= r.width()) p.drawText(r, Qt::AlignCenter, s.name);
        }
    }
    for (std::size_t row = 0; row < rows_.size(); ++row) {
        const double top = header + double(row) * (kRowHeight + 4);
        p.setPen(ink);
        p.drawText(QRectF(0, top, labelWidth - 6, kRowHeight), Qt::AlignRight | Qt::AlignVCenter, names_[int(row)]);
        for (Eigen::Index i = 0; i < P; ++i) {
            const double v = rows_[row][i];
            const QColor c = std::isfinite(v) ? mix(base, v >= 0 ? positive : negative, std::min(1.0, std::abs(v) / scale))
                                              : QColor(Qt::gray);
            p.fillRect(QRectF(left + i * cell, top, cell + 0.5, kRowHeight), c);
        }
        // Segment boundaries.
        p.setPen(QPen(ink, 1));
        for (int l = 0; l < net_.layerCount(); ++l) {
            const double x = left + net_.weightOffset(l) * cell;
            p.drawLine(QPointF(x, top - 2), QPointF(x, top + kRowHeight + 2));
            const double xb = left + net_.biasOffset(l) * cell;
            p.drawLine(QPointF(xb, top + 3), QPointF(xb, top + kRowHeight - 3));
        }
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(left, top, P * cell, kRowHeight));
        // Cells that moved: a dot in the ink, ringed in the base colour so it shows on any cell.
        if (row > 0) {
            const double r = std::clamp(cell * 0.22, 2.0, 4.0);
            p.setPen(QPen(base, 1));
            p.setBrush(ink);
            for (Eigen::Index i = 0; i < P; ++i)
                if (rows_[row][i] != rows_[0][i])
                    p.drawEllipse(QPointF(left + (i + 0.5) * cell, top + kRowHeight / 2.0), r, r);
            p.setBrush(Qt::NoBrush);
        }
    }
    // The colour scale: −s … 0 … s, and what the dot means.
    const double top = header + double(rows_.size()) * (kRowHeight + 4) + 4;
    const int h = fm.height();
    const QString lo = formatNumber(-scale, 2), hi = formatNumber(scale, 2);
    const double barWidth = std::min(220.0, std::max(80.0, (width() - left) * 0.35));
    double x = left;
    p.setPen(ink);
    p.drawText(QRectF(x, top, fm.horizontalAdvance(lo) + 2, h), Qt::AlignLeft | Qt::AlignVCenter, lo);
    x += fm.horizontalAdvance(lo) + 6;
    for (int k = 0; k < int(barWidth); ++k) {
        const double v = (2.0 * k / barWidth - 1.0);
        p.fillRect(QRectF(x + k, top + 2, 1.5, h - 4), mix(base, v >= 0 ? positive : negative, std::abs(v)));
    }
    p.setPen(QPen(ink, 1));
    p.drawRect(QRectF(x, top + 2, barWidth, h - 4));
    p.drawLine(QPointF(x + barWidth / 2, top), QPointF(x + barWidth / 2, top + h));
    x += barWidth + 6;
    p.drawText(QRectF(x, top, fm.horizontalAdvance(hi) + 2, h), Qt::AlignLeft | Qt::AlignVCenter, hi);
    x += fm.horizontalAdvance(hi) + 24;
    if (rows_.size() > 1) {
        p.setPen(QPen(base, 1));
        p.setBrush(ink);
        p.drawEllipse(QPointF(x + 4, top + h / 2.0), 3.5, 3.5);
        p.setBrush(Qt::NoBrush);
        p.setPen(ink);
        p.drawText(QRectF(x + 12, top, width() - x - 12, h), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("moved: differs from the original (%n cells)", nullptr, movedCount(int(rows_.size()) - 1)));
    }
}

} // namespace minima
