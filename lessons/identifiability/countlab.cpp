#include "lessons/identifiability/countlab.h"

#include <QChart>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "engine/symmetry/counting.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/wrappedlabel.h"

namespace minima {

namespace {
constexpr int kChartWidths = 100;   // n = 1..100 on the growth chart
constexpr int kChartLayers = 5;     // l = 1..5
constexpr int kMaxWidthSum = 20000; // the engine's bound on exact counts


// "3!² · 5!" or, with sign flips, "(2³ · 3!)² · (2⁵ · 5!)": equal widths grouped.
QString formulaOf(const std::vector<int>& widths, bool flips)
{
    std::vector<std::pair<int, int>> groups;   // width, how many layers
    for (int n : widths) {
        auto it = std::find_if(groups.begin(), groups.end(), [n](const auto& g) { return g.first == n; });
        if (it == groups.end()) groups.emplace_back(n, 1);
        else ++it->second;
    }
    QStringList parts;
    for (const auto& [n, k] : groups) {
        QString factor = flips ? QStringLiteral("(2%1 · %2!)").arg(superscript(n)).arg(n) : QStringLiteral("%1!").arg(n);
        if (k > 1) factor += superscript(k);
        parts << factor;
    }
    return parts.join(QStringLiteral(" · "));
}
} // namespace

std::vector<int> CountLab::parseWidths(const QString& text, QString* error)
{
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    std::vector<int> widths;
    auto fail = [&](const QString& why) {
        if (error) *error = why;
        return std::vector<int>{};
    };
    if (parts.isEmpty()) return fail(tr("Type the widths of the hidden layers, e.g. 3, 3."));
    if (parts.size() > 100) return fail(tr("At most 100 hidden layers."));
    long long sum = 0;
    for (const QString& p : parts) {
        bool ok = false;
        const long long n = p.toLongLong(&ok);
        if (!ok) return fail(tr("“%1” is not a whole number.").arg(p.left(20)));
        if (n < 1) return fail(tr("A layer needs at least one neuron, not %1.").arg(n));
        if (n > kMaxWidthSum) return fail(tr("%1 neurons in one layer is more than this lab counts (%2 in all).").arg(n).arg(kMaxWidthSum));
        sum += n;
        widths.push_back(int(n));
    }
    if (sum > kMaxWidthSum) return fail(tr("The layers have %1 neurons in all; this lab counts up to %2.").arg(sum).arg(kMaxWidthSum));
    if (error) error->clear();
    return widths;
}

struct CountResult {
    bool counted = false;
    SymmetryCount count;
    std::vector<std::vector<QPointF>> curves;   // empty: the curves on show are still right
    bool flips = false;
    bool equal = false;
    int n = 0, l = 0;
};

CountLab::CountLab(LessonContext& context, QWidget* parent) : Lab(context, parent)
{
    setObjectName(QStringLiteral("countLab"));
    ControlStrip* c = controls();
    l_ = c->addInteger(QStringLiteral("layerSpin"), tr("Equal layers: l ="), 1, 10, 3);
    l_->setAccessibleName(tr("Number of hidden layers l"));
    n_ = c->addInteger(QStringLiteral("widthSpin"), tr("layers of n ="), 1, 2000, 100, tr("neurons"));
    n_->setAccessibleName(tr("Neurons per hidden layer n"));
    c->newRow();
    widths_ = c->addText(QStringLiteral("widthsEdit"), tr("&Hidden widths:"), QString(),
                         tr("Hidden layers only: input and output neurons cannot be exchanged."));
    widths_->setAccessibleName(tr("Widths of the hidden layers"));
    widths_->setPlaceholderText(tr("e.g. 3, 3 or 10, 20, 5"));
    activation_ = c->addChoice(QStringLiteral("activationChoice"), tr("&Activation:"),
                               {{tr("ReLU: permutations"), QStringLiteral("relu")},
                                {tr("tanh: permutations and sign flips"), QStringLiteral("tanh")},
                                {tr("sigmoid: permutations and sign flips"), QStringLiteral("sigmoid")}});
    activation_->setAccessibleName(tr("Activation of the hidden layers"));

    chart_ = new FigureChart;
    chart_->setObjectName(QStringLiteral("growthChart"));
    chart_->setAccessibleName(tr("log10 of the count against the width n, for l = 1 to 5 layers"));
    QChart* chart = chart_->chart();
    QValueAxis* ax = makeValueAxis();
    ax->setTitleText(tr("neurons per hidden layer n"));
    axisY_ = makeValueAxis();
    axisY_->setTitleText(tr("log₁₀ of the count (digits)"));
    chart->addAxis(ax, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    setNiceRange(ax, 0, kChartWidths + 4, 11);   // room for the marker at n = 100
    setNiceRange(axisY_, 0, 100);
    for (int l = 1; l <= kChartLayers; ++l) {
        auto* s = new QLineSeries;
        s->setName(tr("l = %1").arg(l));
        s->setPen(QPen(seriesColor(l - 1), 2.5));
        chart->addSeries(s);
        s->attachAxis(ax);
        s->attachAxis(axisY_);
    }
    here_ = new QScatterSeries;
    here_->setName(tr("your network"));
    here_->setMarkerSize(13);
    here_->setColor(hueColor(Hue::Ink));
    here_->setBorderColor(hueColor(Hue::Yellow));
    chart->addSeries(here_);
    here_->attachAxis(ax);
    here_->attachAxis(axisY_);
    chart_->restyle();
    addFigure(chart_);

    formula_ = new WrappedLabel;
    formula_->setObjectName(QStringLiteral("formulaLabel"));
    formula_->setWordWrap(true);
    formula_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    addNote(formula_);
    count_ = new QPlainTextEdit;
    count_->setObjectName(QStringLiteral("countField"));
    count_->setAccessibleName(tr("The exact count, all digits"));
    count_->setReadOnly(true);
    count_->setWordWrapMode(QTextOption::WrapAnywhere);
    count_->setMaximumHeight(fontMetrics().lineSpacing() * 4 + 12);
    QFont mono = count_->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    count_->setFont(mono);
    addNote(count_);
    digits_ = new QLabel;
    digits_->setObjectName(QStringLiteral("digitsLabel"));
    digits_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    addNote(digits_);

    connect(n_, &QSpinBox::valueChanged, this, &CountLab::fillFromSpins);
    connect(l_, &QSpinBox::valueChanged, this, &CountLab::fillFromSpins);
    // Counted after the learner pauses typing (the kit reads a line of text on Enter only).
    connect(widths_, &QLineEdit::textChanged, this, [this] {
        if (!filling_) recomputeLater();
    });
    fillFromSpins();
    recompute();
}

bool CountLab::signFlips() const
{
    return hasSignFlip(activationFromName(activation_->currentData().toString().toStdString()).value_or(Activation::ReLU));
}

void CountLab::fillFromSpins()
{
    QStringList parts;
    for (int i = 0; i < l_->value(); ++i) parts << QString::number(n_->value());
    filling_ = true;
    widths_->setText(parts.join(QStringLiteral(", ")));
    filling_ = false;
}

void CountLab::run()
{
    QString error;
    const std::vector<int> widths = parseWidths(widths_->text(), &error);
    const bool flips = signFlips();
    const bool needCurves = curvesFor_ != int(flips);
    if (widths.empty()) {
        count_->clear();
        digits_->clear();
        formula_->setText(tr("Nothing to count."));
        here_->clear();
        if (!needCurves) {
            job()->cancel();
            setReadout(error, true);
            return;
        }
    } else {
        formula_->setText(tr("Equivalent arrangements of the hidden layers: <b>%1</b> =").arg(formulaOf(widths, flips)));
    }
    runJob<CountResult>(
        tr("Counting…"),
        [widths, flips, needCurves](Progress& progress) {
            CountResult r;
            r.flips = flips;
            if (!widths.empty()) {
                r.counted = true;
                r.count = countEquivalentNetworks(widths, flips);
                r.equal = std::all_of(widths.begin(), widths.end(), [&](int n) { return n == widths.front(); });
                r.n = widths.front();
                r.l = int(widths.size());
            }
            if (needCurves) {
                r.curves.resize(kChartLayers);
                for (int l = 1; l <= kChartLayers && !progress.cancelled(); ++l)
                    for (int n = 1; n <= kChartWidths; ++n)
                        r.curves[std::size_t(l) - 1].emplace_back(
                            n, countEquivalentNetworks(std::vector<int>(std::size_t(l), n), flips).log10);
            }
            return r;
        },
        [this, error](const CountResult& r) {
            if (!r.curves.empty()) {
                chart_->chart()->setTitle(r.flips ? tr("Growth of (2ⁿ · n!)ˡ with the width n") : tr("Growth of n!ˡ with the width n"));
                const auto series = chart_->chart()->series();
                double top = 1;
                for (int l = 0; l < kChartLayers; ++l) {
                    auto* s = qobject_cast<QLineSeries*>(series.at(l));
                    s->replace(QList<QPointF>(r.curves[std::size_t(l)].begin(), r.curves[std::size_t(l)].end()));
                    for (const QPointF& p : r.curves[std::size_t(l)]) top = std::max(top, p.y());
                }
                setNiceRange(axisY_, 0, top);
                curvesFor_ = int(r.flips);
                chart_->restyle();
            }
            if (!r.counted) {
                setReadout(error, true);
                return;
            }
            const SymmetryCount& c = r.count;
            count_->setPlainText(QString::fromStdString(c.decimal));
            digits_->setText((c.digits == 1 ? tr("1 digit") : tr("%1 digits").arg(c.digits))
                             + tr("; log₁₀ of the count = %1").arg(formatFixed(c.log10, 2)));
            here_->clear();
            if (r.equal && r.n <= kChartWidths && r.l <= kChartLayers && std::isfinite(c.log10)) here_->append(r.n, c.log10);
            setReadout(r.equal && (r.n > kChartWidths || r.l > kChartLayers)
                           ? tr("Your network is off the chart (n ≤ %1, l ≤ %2 there).").arg(kChartWidths).arg(kChartLayers)
                           : QString());
        });
}

} // namespace minima
