#include "lessons/identifiability/bruteforcelab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <cmath>

#include "engine/common/random.h"
#include "engine/symmetry/counting.h"
#include "engine/symmetry/enumeration.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/networkdiagram.h"
#include "lessons/common/wrappedlabel.h"

namespace minima {

namespace {
constexpr std::uint64_t kSeed = 11;
constexpr int kInputs = 64;   // random inputs each arrangement is evaluated on

// Full widths "2, 3, 3, 1": input, hidden..., output.
std::vector<int> parseNetworkWidths(const QString& text, QString* error)
{
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;\\s\\-]+")), Qt::SkipEmptyParts);
    std::vector<int> widths;
    if (parts.size() < 3) {
        *error = minima::BruteForceLab::tr("Give the input, at least one hidden layer and the output, e.g. 2, 3, 3, 1.");
        return {};
    }
    if (parts.size() > 8) {
        *error = minima::BruteForceLab::tr("At most 6 hidden layers here.");
        return {};
    }
    for (const QString& p : parts) {
        bool ok = false;
        const int n = p.toInt(&ok);
        if (!ok || n < 1 || n > 64) {
            *error = minima::BruteForceLab::tr("“%1”: each width must be a whole number from 1 to 64.").arg(p.left(20));
            return {};
        }
        widths.push_back(n);
    }
    return widths;
}

QString bold(QLabel* l, const QString& value)
{
    l->setText(QStringLiteral("<b>%1</b>").arg(value));
    return value;
}
} // namespace

BruteForceLab::BruteForceLab(LessonContext& context, QWidget* parent) : Lab(context, parent)
{
    setObjectName(QStringLiteral("bruteForceLab"));
    ControlStrip* c = controls();
    widths_ = c->addText(QStringLiteral("networkWidthsEdit"), tr("&Layer widths (input, hidden…, output):"),
                         QStringLiteral("2, 3, 3, 1"), tr("All layers, input first and output last, e.g. 2, 3, 3, 1."));
    widths_->setAccessibleName(tr("Layer widths: input, hidden layers, output"));
    widths_->setMinimumWidth(140);
    // Read when the learner is done with it (Enter or leaving the field), not at every key.
    c->setRecomputes(QStringLiteral("networkWidthsEdit"), false);
    c->newRow();
    activation_ = c->addChoice(QStringLiteral("bruteActivationChoice"), tr("&Activation:"),
                               {{QStringLiteral("ReLU"), int(Activation::ReLU)},
                                {QStringLiteral("tanh"), int(Activation::Tanh)},
                                {QStringLiteral("sigmoid"), int(Activation::Sigmoid)}});
    activation_->setAccessibleName(tr("Activation of the hidden layers"));
    flips_ = c->addToggle(QStringLiteral("signFlipsBox"), tr("include &sign flips (tanh, sigmoid)"), false);
    flips_->setAccessibleName(tr("Include sign flips of tanh and sigmoid neurons"));
    flips_->setEnabled(false);
    run_ = c->addAction(QStringLiteral("enumerateButton"), tr("&Enumerate every arrangement"));
    run_->setAccessibleName(tr("Enumerate every arrangement"));

    diagram_ = new NetworkDiagram;
    diagram_->setObjectName(QStringLiteral("bruteForceDiagram"));
    diagram_->setRearrangeable(false);
    diagram_->setAccessibleName(tr("The network being enumerated"));
    addFigureWidget(diagram_);

    auto* results = new QWidget;
    auto* grid = new QGridLayout(results);
    grid->setContentsMargins(0, 0, 0, 0);
    auto addRow = [&](int r, const QString& name, QLabel*& value, const QString& objectName) {
        auto* label = new QLabel(name, results);
        value = new QLabel(results);
        value->setObjectName(objectName);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        label->setBuddy(value);
        grid->addWidget(label, r, 0);
        grid->addWidget(value, r, 1);
    };
    addRow(0, tr("Formula:"), formula_, QStringLiteral("formulaLabel"));
    addRow(1, tr("Arrangements built:"), enumerated_, QStringLiteral("enumeratedLabel"));
    addRow(2, tr("Distinct parameter vectors:"), distinct_, QStringLiteral("distinctLabel"));
    addRow(3, tr("Largest output difference:"), difference_, QStringLiteral("maxDifferenceLabel"));
    grid->setColumnStretch(1, 1);
    addNote(results);
    verdict_ = new WrappedLabel;
    verdict_->setObjectName(QStringLiteral("verdictLabel"));
    verdict_->setWordWrap(true);
    QFont big = verdict_->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    verdict_->setFont(big);
    addNote(verdict_);

    connect(run_, &QPushButton::clicked, this, &BruteForceLab::recompute);
    connect(widths_, &QLineEdit::editingFinished, this, &BruteForceLab::recompute);
    connect(activation_, &QComboBox::currentIndexChanged, this, [this] {
        const bool tanh = hasSignFlip(Activation(activation_->currentData().toInt()));
        flips_->setEnabled(tanh);
        if (!tanh) flips_->setChecked(false);
    });
    recompute();
}

void BruteForceLab::run()
{
    for (QLabel* l : {enumerated_, distinct_, difference_, formula_, verdict_}) l->clear();
    QString error;
    const std::vector<int> widths = parseNetworkWidths(widths_->text(), &error);
    if (widths.empty()) {
        job()->cancel();
        setReadout(error, true);
        return;
    }
    const Activation act = Activation(activation_->currentData().toInt());
    const bool flips = flips_->isChecked() && hasSignFlip(act);
    Network net(widths, {act});
    net.initialise(act == Activation::ReLU ? Initialisation::He : Initialisation::Xavier, kSeed);
    // Nonzero biases too, so that every part of a neuron travels visibly.
    Rng rng = makeRng(kSeed, 1);
    for (int l = 0; l < net.layerCount(); ++l)
        for (Eigen::Index i = 0; i < net.bias(l).size(); ++i) net.bias(l)(i) = 0.3 * normal01(rng);
    diagram_->setNetwork(net, net.parameters());

    std::vector<int> hidden(widths.begin() + 1, widths.end() - 1);
    const SymmetryCount formula = countEquivalentNetworks(hidden, flips);
    QStringList factors;
    for (int n : hidden) factors << (flips ? QStringLiteral("2%1·%2!").arg(superscript(n)).arg(n) : QStringLiteral("%1!").arg(n));
    const QString formulaText = tr("%1 = %2 (hidden layers only)").arg(factors.join(QStringLiteral(" · ")),
                                                                        QString::fromStdString(formula.decimal));
    bold(formula_, formulaText);

    const std::uint64_t total = arrangementCount(net, flips);
    if (total == 0 || total > kBruteForceLimit) {
        job()->cancel();
        setReadout(tr("%1 arrangements are too many to build one by one here (the limit is %2): "
                               "the formula is the only practical way.")
                                .arg(QString::fromStdString(formula.decimal), QLocale().toString(qulonglong(kBruteForceLimit))),
                            true);
        return;
    }
    Eigen::MatrixXd inputs(widths.front(), kInputs);
    Rng inputRng = makeRng(kSeed, 2);
    for (Eigen::Index j = 0; j < inputs.cols(); ++j)
        for (Eigen::Index i = 0; i < inputs.rows(); ++i) inputs(i, j) = normal01(inputRng);

    const QString expected = QString::fromStdString(formula.decimal);
    runJob<EnumerationResult>(
        tr("Building %1 arrangements…").arg(QLocale().toString(qulonglong(total))),
        [net, inputs, flips](Progress& progress) { return enumerateArrangements(net, inputs, flips, progress, 2); },
        [this, expected](const EnumerationResult& r) {
            const QString distinct = QString::number(r.distinct);
            bold(enumerated_, QString::number(r.enumerated));
            bold(distinct_, distinct);
            difference_->setProperty("maxDifference", r.maxOutputDeviation);
            bold(difference_, r.maxOutputDeviation == 0 ? QStringLiteral("0") : formatNumber(r.maxOutputDeviation, 2));
            const bool match = distinct == expected && QString::number(r.enumerated) == expected;
            verdict_->setText(match ? tr("✓ %1 distinct parameter vectors, all computing the same function (up to rounding): "
                                         "the count matches the formula.").arg(distinct)
                                    : tr("✗ %1 distinct vectors against %2 from the formula: some neurons have identical "
                                         "weights, so swapping them changes nothing.").arg(distinct, expected));
            setReadout(tr("Each arrangement was evaluated on %1 random inputs.").arg(kInputs));
        });
}

} // namespace minima
