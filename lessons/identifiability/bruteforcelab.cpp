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
#include "lessons/common/figurejob.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/networkdiagram.h"
#include "lessons/common/jobstatus.h"

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

BruteForceLab::BruteForceLab(LessonContext& context, QWidget* parent) : QWidget(parent), context_(context)
{
    setObjectName(QStringLiteral("bruteForceLab"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    widths_ = new QLineEdit(QStringLiteral("2, 3, 3, 1"), this);
    widths_->setObjectName(QStringLiteral("networkWidthsEdit"));
    widths_->setAccessibleName(tr("Layer widths: input, hidden layers, output"));
    widths_->setToolTip(tr("All layers, input first and output last, e.g. 2, 3, 3, 1."));
    form->addRow(tr("&Layer widths (input, hidden…, output):"), widths_);
    auto* row = new QHBoxLayout;
    activation_ = new QComboBox(this);
    activation_->setObjectName(QStringLiteral("bruteActivationChoice"));
    activation_->setAccessibleName(tr("Activation of the hidden layers"));
    activation_->addItem(QStringLiteral("ReLU"), int(Activation::ReLU));
    activation_->addItem(QStringLiteral("tanh"), int(Activation::Tanh));
    activation_->addItem(QStringLiteral("sigmoid"), int(Activation::Sigmoid));
    flips_ = new QCheckBox(tr("include &sign flips (tanh, sigmoid)"), this);
    flips_->setObjectName(QStringLiteral("signFlipsBox"));
    flips_->setAccessibleName(tr("Include sign flips of tanh and sigmoid neurons"));
    flips_->setEnabled(false);
    run_ = new QPushButton(tr("&Enumerate every arrangement"), this);
    run_->setObjectName(QStringLiteral("enumerateButton"));
    run_->setAccessibleName(tr("Enumerate every arrangement"));
    row->addWidget(activation_);
    row->addWidget(flips_);
    row->addStretch(1);
    row->addWidget(run_);
    form->addRow(tr("Activation:"), row);
    layout->addLayout(form);

    diagram_ = new NetworkDiagram(this);
    diagram_->setObjectName(QStringLiteral("bruteForceDiagram"));
    diagram_->setRearrangeable(false);
    diagram_->setAccessibleName(tr("The network being enumerated"));
    layout->addWidget(diagram_, 1);

    auto* results = new QGridLayout;
    auto addRow = [&](int r, const QString& name, QLabel*& value, const QString& objectName) {
        auto* label = new QLabel(name, this);
        value = new QLabel(this);
        value->setObjectName(objectName);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        label->setBuddy(value);
        results->addWidget(label, r, 0);
        results->addWidget(value, r, 1);
    };
    addRow(0, tr("Formula:"), formula_, QStringLiteral("formulaLabel"));
    addRow(1, tr("Arrangements built:"), enumerated_, QStringLiteral("enumeratedLabel"));
    addRow(2, tr("Distinct parameter vectors:"), distinct_, QStringLiteral("distinctLabel"));
    addRow(3, tr("Largest output difference:"), difference_, QStringLiteral("maxDifferenceLabel"));
    results->setColumnStretch(1, 1);
    layout->addLayout(results);
    verdict_ = new QLabel(this);
    verdict_->setObjectName(QStringLiteral("verdictLabel"));
    verdict_->setWordWrap(true);
    QFont big = verdict_->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    verdict_->setFont(big);
    layout->addWidget(verdict_);
    status_ = new JobStatus(this);
    layout->addWidget(status_);
    job_ = new FigureJob(context_, this);
    status_->follow(job_);

    connect(run_, &QPushButton::clicked, this, &BruteForceLab::run);
    connect(widths_, &QLineEdit::returnPressed, this, &BruteForceLab::run);
    connect(activation_, &QComboBox::currentIndexChanged, this, [this] {
        const bool tanh = hasSignFlip(Activation(activation_->currentData().toInt()));
        flips_->setEnabled(tanh);
        if (!tanh) flips_->setChecked(false);
        run();
    });
    connect(flips_, &QCheckBox::toggled, this, &BruteForceLab::run);
    run();
}

void BruteForceLab::run()
{
    for (QLabel* l : {enumerated_, distinct_, difference_, formula_, verdict_}) l->clear();
    QString error;
    const std::vector<int> widths = parseNetworkWidths(widths_->text(), &error);
    if (widths.empty()) {
        job_->cancel();
        status_->setMessage(error, true);
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
    for (int n : hidden) factors << (flips ? QStringLiteral("2^%1·%1!").arg(n) : QStringLiteral("%1!").arg(n));
    const QString formulaText = tr("%1 = %2 (hidden layers only)").arg(factors.join(QStringLiteral(" · ")),
                                                                        QString::fromStdString(formula.decimal));
    bold(formula_, formulaText);

    const std::uint64_t total = arrangementCount(net, flips);
    if (total == 0 || total > kBruteForceLimit) {
        job_->cancel();
        status_->setMessage(tr("%1 arrangements are too many to build one by one here (the limit is %2): "
                               "the formula is the only practical way.")
                                .arg(QString::fromStdString(formula.decimal), QLocale().toString(qulonglong(kBruteForceLimit))),
                            true);
        return;
    }
    Eigen::MatrixXd inputs(widths.front(), kInputs);
    Rng inputRng = makeRng(kSeed, 2);
    for (Eigen::Index j = 0; j < inputs.cols(); ++j)
        for (Eigen::Index i = 0; i < inputs.rows(); ++i) inputs(i, j) = normal01(inputRng);

    status_->setMessage(tr("Building %1 arrangements…").arg(QLocale().toString(qulonglong(total))));
    const QString expected = QString::fromStdString(formula.decimal);
    job_->start<EnumerationResult>(
        [net, inputs, flips](Progress& progress) { return enumerateArrangements(net, inputs, flips, progress, 2); },
        [this, expected](const EnumerationResult& r) {
            const QString distinct = QString::number(r.distinct);
            bold(enumerated_, QString::number(r.enumerated));
            bold(distinct_, distinct);
            bold(difference_, r.maxOutputDeviation == 0 ? QStringLiteral("0") : QString::number(r.maxOutputDeviation, 'e', 1));
            const bool match = distinct == expected && QString::number(r.enumerated) == expected;
            verdict_->setText(match ? tr("✓ %1 distinct parameter vectors, all computing the same function (up to rounding): "
                                         "the count matches the formula.").arg(distinct)
                                    : tr("✗ %1 distinct vectors against %2 from the formula: some neurons have identical "
                                         "weights, so swapping them changes nothing.").arg(distinct, expected));
            status_->setMessage(tr("Each arrangement was evaluated on %1 random inputs.").arg(kInputs));
        });
}

} // namespace minima
