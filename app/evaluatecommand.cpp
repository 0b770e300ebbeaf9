#include "app/commands.h"

#include "engine/common/json.h"
#include "engine/nn/network.h"
#include "lessons/common/networkfiles.h"

namespace minima {

QString evaluateHelp()
{
    return QStringLiteral(
        "minima run evaluate --set net=FILE --set data=FILE [--set loss=mse|bce]\n"
        "The loss of a saved network (JSON) on a saved dataset (CSV), and its gradient by backpropagation.\n\n"
        "Keys:\n"
        "  net (required): a network file, {\"format\": \"minima-network\", ...} (see README.md)\n"
        "  data (required): a dataset file, CSV with header x1,...,xd,y (see README.md)\n"
        "  loss (default mse): mse (mean squared error) or bce (binary cross-entropy; sigmoid output)\n");
}

int runEvaluateCommand(const std::map<QString, QString>& settings, QTextStream& out, QTextStream& err)
{
    auto bad = [&](const QString& reason) {
        err << "minima: " << reason << "\n" << usageText();
        return 2;
    };
    for (const auto& [key, value] : settings)
        if (key != QLatin1String("net") && key != QLatin1String("data") && key != QLatin1String("loss"))
            return bad(QStringLiteral("unknown key '%1' for experiment 'evaluate'").arg(key));
    const auto get = [&](const char* key) {
        const auto it = settings.find(QString::fromLatin1(key));
        return it == settings.end() ? QString() : it->second;
    };
    if (get("net").isEmpty()) return bad(QStringLiteral("evaluate needs --set net=FILE"));
    if (get("data").isEmpty()) return bad(QStringLiteral("evaluate needs --set data=FILE"));
    const QString lossText = get("loss").isEmpty() ? QStringLiteral("mse") : get("loss");
    Loss loss;
    if (lossText == QLatin1String("mse")) loss = Loss::MeanSquaredError;
    else if (lossText == QLatin1String("bce")) loss = Loss::BinaryCrossEntropy;
    else return bad(QStringLiteral("bad value '%1' for key 'loss': expected mse or bce").arg(lossText));

    Network net;
    Dataset data;
    QString error;
    if (!loadNetwork(get("net"), &net, &error)) return bad(error);
    if (!loadDataset(get("data"), &data, &error)) return bad(error);
    if (data.inputs.rows() != net.inputCount())
        return bad(QStringLiteral("the network takes %1 inputs but the dataset has %2 columns before y")
                       .arg(net.inputCount()).arg(data.inputs.rows()));
    if (net.outputCount() != 1) return bad(QStringLiteral("evaluate needs a network with one output"));
    try {
        checkLossFits(net, loss);
    } catch (const std::exception& e) {
        return bad(QString::fromUtf8(e.what()));
    }
    Workspace ws;
    Eigen::VectorXd gradient(net.parameterCount());
    const double value = lossAndGradient(net, net.parameters(), data.inputs, data.targets, loss, ws, gradient);

    JsonWriter json;
    json.beginObject();
    json.key("samples").value(static_cast<long long>(data.inputs.cols()));
    json.key("loss_kind").value(lossText.toStdString());
    json.key("loss").value(value);
    json.key("finite").value(std::isfinite(value) && gradient.allFinite());
    json.key("gradient_norm").value(gradient.norm());
    json.key("gradient").numbers(gradient);
    json.endObject();
    out << QString::fromStdString(json.str()) << '\n';
    return 0;
}

} // namespace minima
