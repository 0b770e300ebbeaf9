#include "lessons/local-minima/escapelab.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/palette.h"
#include "lessons/local-minima/escapewells.h"

// The escape lab's measurement: the chart of how often SGD leaves the shallow and the deep
// minimum at each batch size, with its 95 % intervals, and the button that asks for it.
namespace minima {

namespace {
using escapewells::kRoles;
using escapewells::wellColour;

constexpr double kBarCap = 0.06;                  // an error bar's cap: ±6 % of the batch size (log axis)
constexpr double kBarDodge = 1.045;               // the shallow bar sits left of its point, the deep one right
} // namespace

void EscapeLab::buildEscapeChart()
{
    // The Monte-Carlo measurement: a line and markers per start, and a 95 % interval per point.
    QChart* ec = escapeChart_->chart();
    escapeChart_->setObjectName(QStringLiteral("escapeChart"));
    escapeChart_->setAccessibleName(tr("Escape probability against batch size, with 95 % intervals"));
    ec->setTitle(tr("SGD escapes"));
    // The measured sizes are powers of two up to the full batch N: base 4 labels every other
    // one (1, 4, 16, …), which fits a narrow chart; the range leaves room for N's error bars.
    const int full = fullBatch();
    escapeX_->setBase(4);
    escapeX_->setRange(0.7, 1.45 * full);
    escapeX_->setLabelFormat(QStringLiteral("%d"));
    escapeX_->setMinorTickCount(0);
    escapeX_->setTitleText(tr("batch size B (%1 = full batch)").arg(full));
    QValueAxis* pAxis = makeValueAxis();
    setNiceRange(pAxis, 0, 1, 6);
    pAxis->setTitleText(tr("share of %1 runs that escape").arg(kRuns));
    const auto addEscape = escapewells::withAxes(ec, escapeX_, pAxis);
    shallowEscape_->setObjectName(QStringLiteral("shallowEscape"));
    shallowEscape_->setName(tr("from shallow"));
    shallowEscape_->setPen(QPen(wellColour(0), 2.5));
    deepEscape_->setObjectName(QStringLiteral("deepEscape"));
    deepEscape_->setName(tr("from deep"));
    deepEscape_->setPen(QPen(wellColour(1), 2.5, Qt::DashLine));
    addEscape(shallowEscape_);
    addEscape(deepEscape_);
    // The intervals: one bar per point, in its start's colour; one neutral key entry for all.
    auto* intervalKey = new QLineSeries;
    intervalKey->setObjectName(QStringLiteral("intervalKey"));
    intervalKey->setName(tr("95 % interval (Wilson)"));
    intervalKey->setPen(QPen(hueColor(Hue::Ink), 1.6));
    addEscape(intervalKey);
    const int n = int(measuredBatchSizes().size());
    for (int well = 0; well < 2; ++well) {
        QList<QLineSeries*>& bars = well == 0 ? shallowBars_ : deepBars_;
        for (int i = 0; i < n; ++i) {
            auto* bar = new QLineSeries;
            bar->setObjectName(QStringLiteral("%1Interval%2").arg(QLatin1String(kRoles[well])).arg(i + 1));
            bar->setPen(QPen(wellColour(well), 1.6));
            addEscape(bar);
            bars.append(bar);
        }
    }
    // Markers above the bars: a large ring for "from shallow" and a small square inside for
    // "from deep", so where both are 0 (large batches) both stay visible.
    shallowPoints_->setObjectName(QStringLiteral("shallowPoints"));
    shallowPoints_->setMarkerSize(15);
    shallowPoints_->setColor(Qt::transparent);
    shallowPoints_->setBorderColor(wellColour(0));
    shallowPoints_->setPen(QPen(wellColour(0), 2.5));
    deepPoints_->setObjectName(QStringLiteral("deepPoints"));
    deepPoints_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    deepPoints_->setMarkerSize(8);
    deepPoints_->setColor(wellColour(1));
    deepPoints_->setBorderColor(wellColour(1));
    addEscape(shallowPoints_);
    addEscape(deepPoints_);
    escapeChart_->restyle();
}

void EscapeLab::measure()
{
    if (measurementCurrent()) {
        note_ = tr("<b>The escape chart is current</b>: it was measured for these depths (%1), so there is nothing to "
                   "measure again.")
                    .arg(escapeDepths_);
        updateReadout();
        return;
    }
    measureWanted_ = true;
    measureAsked_ = true;
    recompute();
}

void EscapeLab::clearEscape()
{
    shallowEscape_->clear();
    deepEscape_->clear();
    shallowPoints_->clear();
    deepPoints_->clear();
    for (QLineSeries* s : shallowBars_) s->clear();
    for (QLineSeries* s : deepBars_) s->clear();
    note_ = tr("The escape chart was measured for depths %1 and is cleared; press <b>Measure escape probabilities</b> "
               "for these depths.")
                .arg(escapeDepths_);
    escapeDepths_.clear();
    escape_ = EscapeResult{};
    escapeChart_->chart()->setTitle(tr("SGD escapes: not measured for these depths"));
}

void EscapeLab::showEscape()
{
    QList<QPointF> shallow, deep;
    auto bar = [](double x, double lo, double hi) {
        const double a = x * (1 - kBarCap), b = x * (1 + kBarCap);
        return QList<QPointF>{{a, lo}, {b, lo}, {x, lo}, {x, hi}, {a, hi}, {b, hi}};
    };
    int i = 0;
    for (const EscapeRow& row : escape_.rows) {
        if (!std::isfinite(row.shallowEscapeProbability) || !std::isfinite(row.deepEscapeProbability)) continue;
        shallow.append(QPointF(row.batchSize, row.shallowEscapeProbability));
        deep.append(QPointF(row.batchSize, row.deepEscapeProbability));
        if (i < shallowBars_.size()) {
            shallowBars_[i]->replace(bar(row.batchSize / kBarDodge, row.shallowInterval.low, row.shallowInterval.high));
            deepBars_[i]->replace(bar(row.batchSize * kBarDodge, row.deepInterval.low, row.deepInterval.high));
        }
        ++i;
    }
    for (; i < shallowBars_.size(); ++i) {
        shallowBars_[i]->clear();
        deepBars_[i]->clear();
    }
    shallowEscape_->replace(shallow);
    deepEscape_->replace(deep);
    shallowPoints_->replace(shallow);
    deepPoints_->replace(deep);
    escapeChart_->chart()->setTitle(tr("SGD escapes (depths %1)").arg(escapeDepths_));
}

void EscapeLab::updateMeasureButton()
{
    const bool measurable = loss_ && loss_->minimumIndex("shallow") >= 0 && loss_->minimumIndex("deep") >= 0;
    const bool current = measurementCurrent();
    measureButton_->setEnabled(measurable && !current);
    // As wide as its wider text, so the controls and figures do not move when it changes.
    const QString texts[2] = {tr("Measured for these depths"), tr("Measure escape probabilities")};
    int widest = 0;
    for (const QString& t : texts) {
        measureButton_->setText(t);
        widest = std::max(widest, measureButton_->sizeHint().width());
    }
    if (measureButton_->minimumWidth() != widest) measureButton_->setMinimumWidth(widest);
    measureButton_->setText(current ? texts[0] : texts[1]);
    measureButton_->setToolTip(current ? tr("The escape chart shows these depths: nothing to measure again")
                                       : tr("Measure the escape probabilities for every batch size (%1 runs each)").arg(kRuns));
}

} // namespace minima
