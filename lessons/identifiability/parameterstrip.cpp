#include "lessons/identifiability/parameterstrip.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

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

QSize ParameterStrip::sizeHint() const
{
    const int header = fontMetrics().height() + 4;
    return {480, header + std::max(1, int(rows_.size())) * (kRowHeight + 4) + 2};
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

    double scale = 0;
    for (const auto& r : rows_)
        for (Eigen::Index i = 0; i < P; ++i)
            if (std::isfinite(r[i])) scale = std::max(scale, std::abs(r[i]));
    if (!(scale > 0)) scale = 1;
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
    }
}

} // namespace minima
