#include "app/commands.h"

#include <stdexcept>
#include <vector>

#include "engine/common/json.h"
#include "engine/symmetry/counting.h"
#include "engine/symmetry/symmetry.h"

namespace minima {

// minima count <n1,n2,...> [--activation relu|leaky-relu|tanh|sigmoid|linear]
// The widths are those of the hidden layers: input and output neurons are not
// interchangeable. The group is the engine's (engine/symmetry/symmetry.h): ReLU, leaky ReLU,
// linear: prod n_i! rearrangements. tanh: each neuron may also flip sign
// (tanh(-z) = -tanh(z)), prod 2^n_i n_i!. sigmoid: sigmoid(-z) = 1 - sigmoid(z), so a
// flipped neuron's outgoing weights change sign and the next layer's biases absorb the
// constant: the same prod 2^n_i n_i!.
int runCountCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    auto bad = [&](const QString& reason) {
        err << "minima: " << reason << "\n" << usageText();
        return 2;
    };
    QString widthsText;
    QString activation = QStringLiteral("relu");
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        if (a == QLatin1String("--activation")) {
            if (i + 1 >= args.size()) return bad(QStringLiteral("--activation needs relu, leaky-relu, tanh, sigmoid or linear"));
            activation = args[++i];
            if (!activationFromName(activation.toStdString()))
                return bad(QStringLiteral("--activation must be relu, leaky-relu, tanh, sigmoid or linear, got '%1'").arg(activation));
        } else if (a.startsWith(QLatin1Char('-'))) {
            return bad(QStringLiteral("unknown option for count: '%1'").arg(a));
        } else if (widthsText.isEmpty()) {
            widthsText = a;
        } else {
            return bad(QStringLiteral("count takes one list of widths, got '%1' and '%2'").arg(widthsText, a));
        }
    }
    if (widthsText.isEmpty()) return bad(QStringLiteral("count needs the hidden layers' widths, e.g. 'minima count 3,3'"));

    std::vector<int> widths;
    for (const QString& part : widthsText.split(QLatin1Char(','))) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok || n < 1 || n > 10000)
            return bad(QStringLiteral("each width must be a whole number from 1 to 10000, got '%1'").arg(part));
        widths.push_back(n);
    }
    if (widths.size() > 100) return bad(QStringLiteral("at most 100 hidden layers, got %1").arg(widths.size()));

    const bool flips = hasSignFlip(*activationFromName(activation.toStdString()));
    SymmetryCount count;
    try {
        count = countEquivalentNetworks(widths, flips);
    } catch (const std::exception& e) {
        return bad(QString::fromUtf8(e.what()));
    }

    std::string formula;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (i) formula += " * ";
        formula += (flips ? "2^" + std::to_string(widths[i]) + " * " : std::string()) + std::to_string(widths[i]) + "!";
    }
    JsonWriter json;
    json.beginObject();
    json.key("hidden_widths").beginArray();
    for (int w : widths) json.value(w);
    json.endArray();
    json.key("activation").value(activation.toStdString());
    json.key("sign_flips").value(flips);
    json.key("formula").value(formula);
    json.key("count").value(count.decimal);
    json.key("digits").value(static_cast<unsigned long long>(count.digits));
    json.key("log10").value(count.log10);
    json.endObject();
    out << QString::fromStdString(json.str()) << '\n';
    return 0;
}

} // namespace minima
