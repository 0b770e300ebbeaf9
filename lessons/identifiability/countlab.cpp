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
#include "lessons/common/charts/palette.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/jobstatus.h"

namespace minima {

namespace {
constexpr int kChartWidths = 100;   // n = 1..100 on the growth chart
constexpr int kChartLayers = 5;     // l = 1..5
constexpr int kMaxWidthSum = 20000; // the engine's bound on exact counts

QString superscript(long long v)
{
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString s = QString::number(v);
    for (QChar& c : s) c = digits[c.digitValue()];
    return s;
}

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

CountLab::CountLab(LessonContext& context, QWidget* parent) : QWidget(parent), context_(context)
{
    setObjectName(QStringLiteral("countLab"));
    auto* layout = new QVBoxLayout(this);

    auto* form = new QFormLayout;
    auto* equal = new QHBoxLayout;
    l_ = new QSpinBox(this);
    l_->setObjectName(QStringLiteral("layerSpin"));
    l_->setRange(1, 10);
    l_->setValue(3);
    l_->setAccessibleName(tr("Number of hidden layers l"));
    n_ = new QSpinBox(this);
    n_->setObjectName(QStringLiteral("widthSpin"));
    n_->setRange(1, 2000);
    n_->setValue(100);
    n_->setAccessibleName(tr("Neurons per hidden layer n"));
    equal->addWidget(new QLabel(tr("l ="), this));
    equal->addWidget(l_);
    equal->addWidget(new QLabel(tr("layers of n ="), this));
    equal->addWidget(n_);
    equal->addWidget(new QLabel(tr("neurons"), this));
    equal->addStretch(1);
    form->addRow(tr("Equal layers:"), equal);
    widths_ = new QLineEdit(this);
    widths_->setObjectName(QStringLiteral("widthsEdit"));
    widths_->setAccessibleName(tr("Widths of the hidden layers"));
    widths_->setPlaceholderText(tr("e.g. 3, 3 or 10, 20, 5"));
    widths_->setToolTip(tr("Hidden layers only: input and output neurons cannot be exchanged."));
    form->addRow(tr("&Hidden widths:"), widths_);
    activation_ = new QComboBox(this);
    activation_->setObjectName(QStringLiteral("activationChoice"));
    activation_->setAccessibleName(tr("Activation of the hidden layers"));
    activation_->addItem(tr("ReLU: permutations"), QStringLiteral("relu"));
    activation_->addItem(tr("tanh: permutations and sign flips"), QStringLiteral("tanh"));
    activation_->addItem(tr("sigmoid: permutations and sign flips"), QStringLiteral("sigmoid"));
    form->addRow(tr("&Activation:"), activation_);
    layout->addLayout(form);

    formula_ = new QLabel(this);
    formula_->setObjectName(QStringLiteral("formulaLabel"));
    formula_->setWordWrap(true);
    formula_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(formula_);
    count_ = new QPlainTextEdit(this);
    count_->setObjectName(QStringLiteral("countField"));
    count_->setAccessibleName(tr("The exact count, all digits"));
    count_->setReadOnly(true);
    count_->setWordWrapMode(QTextOption::WrapAnywhere);
    count_->setMaximumHeight(fontMetrics().lineSpacing() * 5 + 12);
    QFont mono = count_->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    count_->setFont(mono);
    layout->addWidget(count_);
    digits_ = new QLabel(this);
    digits_->setObjectName(QStringLiteral("digitsLabel"));
    digits_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(digits_);

    chart_ = new FigureChart(this);
    chart_->setObjectName(QStringLiteral("growthChart"));
    chart_->setAccessibleName(tr("log10 of the count against the width n, for l = 1 to 5 layers"));
    QChart* chart = chart_->chart();
    auto* ax = new QValueAxis;
    ax->setTitleText(tr("neurons per hidden layer n"));
    ax->setRange(0, kChartWidths + 4);   // room for the marker at n = 100
    ax->setTickType(QValueAxis::TicksDynamic);
    ax->setTickAnchor(0);
    ax->setTickInterval(10);
    ax->setLabelFormat(QStringLiteral("%d"));
    axisY_ = new QValueAxis;
    axisY_->setTitleText(tr("log₁₀ of the count (digits)"));
    axisY_->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(ax, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
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
    chart->legend()->setAlignment(Qt::AlignRight);
    chart_->restyle();
    layout->addWidget(chart_, 1);

    status_ = new JobStatus(this);
    layout->addWidget(status_);
    countJob_ = new FigureJob(context_, this);
    chartJob_ = new FigureJob(context_, this);
    status_->follow(countJob_);

    connect(n_, &QSpinBox::valueChanged, this, &CountLab::fillFromSpins);
    connect(l_, &QSpinBox::valueChanged, this, &CountLab::fillFromSpins);
    connect(widths_, &QLineEdit::textChanged, this, [this] {
        if (!filling_) recount();
    });
    connect(activation_, &QComboBox::currentIndexChanged, this, [this] {
        recount();
        redrawChart();
    });
    fillFromSpins();
    redrawChart();
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
    recount();
}

void CountLab::recount()
{
    QString error;
    const std::vector<int> widths = parseWidths(widths_->text(), &error);
    if (widths.empty()) {
        countJob_->cancel();
        count_->clear();
        digits_->clear();
        formula_->setText(tr("Nothing to count."));
        here_->clear();
        status_->setMessage(error, true);
        return;
    }
    const bool flips = signFlips();
    formula_->setText(tr("Equivalent arrangements of the hidden layers: <b>%1</b> =").arg(formulaOf(widths, flips)));
    status_->setMessage(tr("Counting…"));
    const bool equal = std::all_of(widths.begin(), widths.end(), [&](int n) { return n == widths.front(); });
    const int n = widths.front(), l = int(widths.size());
    countJob_->start<SymmetryCount>(
        [widths, flips](Progress&) { return countEquivalentNetworks(widths, flips); },
        [this, equal, n, l](const SymmetryCount& c) {
            count_->setPlainText(QString::fromStdString(c.decimal));
            digits_->setText((c.digits == 1 ? tr("1 digit") : tr("%1 digits").arg(c.digits)) + tr("; log₁₀ of the count = %1").arg(c.log10, 0, 'f', 2));
            here_->clear();
            if (equal && n <= kChartWidths && l <= kChartLayers && std::isfinite(c.log10)) here_->append(n, c.log10);
            status_->setMessage(equal && (n > kChartWidths || l > kChartLayers)
                                    ? tr("Your network is off the chart (n ≤ %1, l ≤ %2 there).").arg(kChartWidths).arg(kChartLayers)
                                    : QString());
        },
        [this](const QString& why) {
            count_->clear();
            digits_->clear();
            status_->setMessage(why, true);
        });
}

void CountLab::redrawChart()
{
    const bool flips = signFlips();
    chart_->chart()->setTitle(flips ? tr("Growth of (2ⁿ · n!)^l with the width n") : tr("Growth of n!^l with the width n"));
    using Curves = std::vector<std::vector<QPointF>>;
    chartJob_->start<Curves>(
        [flips](Progress& progress) {
            Curves curves(kChartLayers);
            for (int l = 1; l <= kChartLayers && !progress.cancelled(); ++l)
                for (int n = 1; n <= kChartWidths; ++n)
                    curves[std::size_t(l) - 1].emplace_back(n, countEquivalentNetworks(std::vector<int>(std::size_t(l), n), flips).log10);
            return curves;
        },
        [this](const Curves& curves) {
            const auto series = chart_->chart()->series();
            double top = 1;
            for (int l = 0; l < kChartLayers; ++l) {
                auto* s = qobject_cast<QLineSeries*>(series.at(l));
                s->replace(QList<QPointF>(curves[std::size_t(l)].begin(), curves[std::size_t(l)].end()));
                for (const QPointF& p : curves[std::size_t(l)]) top = std::max(top, p.y());
            }
            axisY_->setRange(0, std::ceil(top / 100) * 100);
            axisY_->setTickCount(int(std::ceil(top / 100)) + 1);
            chart_->restyle();
        });
}

} // namespace minima
