#include "lessons/common/networkfiles.h"

#include <QFile>
#include <QFileInfo>

#include "lessons/common/boundedread.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>

#include <cmath>
#include <stdexcept>

namespace minima {

namespace {

constexpr qint64 maxNetworkFileBytes = 64 * 1024 * 1024;
constexpr int maxWidth = 4096;
constexpr int maxLayers = 64;
constexpr qsizetype maxSamples = 1000000;

QString outputName(OutputActivation o)
{
    switch (o) {
    case OutputActivation::Linear: return QStringLiteral("linear");
    case OutputActivation::Sigmoid: return QStringLiteral("sigmoid");
    case OutputActivation::Softmax: return QStringLiteral("softmax");
    }
    return QStringLiteral("linear");
}

bool fail(QString* error, const QString& path, const QString& what)
{
    if (error) *error = QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), what);
    return false;
}

bool readAll(const QString& path, QByteArray* bytes, QString* error)
{
    QString why;
    if (!readBoundedFile(path, maxNetworkFileBytes, bytes, &why)) return fail(error, path, why);
    return true;
}

bool writeAll(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(error, path, file.errorString());
    return true;
}

} // namespace

bool saveNetwork(const Network& net, const QString& path, QString* error)
{
    QJsonObject o;
    o[QStringLiteral("format")] = QStringLiteral("minima-network");
    o[QStringLiteral("version")] = 1;
    QJsonArray widths, activations, parameters;
    for (int w : net.widths()) widths.append(w);
    for (int h = 0; h < net.hiddenLayerCount(); ++h)
        activations.append(QString::fromLatin1(activationName(net.hiddenActivation(h)).data(),
                                               qsizetype(activationName(net.hiddenActivation(h)).size())));
    for (Eigen::Index i = 0; i < net.parameterCount(); ++i) parameters.append(net.parameters()[i]);
    o[QStringLiteral("widths")] = widths;
    o[QStringLiteral("hidden_activations")] = activations;
    o[QStringLiteral("output")] = outputName(net.output());
    o[QStringLiteral("parameters")] = parameters;
    return writeAll(path, QJsonDocument(o).toJson(QJsonDocument::Indented), error);
}

bool loadNetwork(const QString& path, Network* net, QString* error)
{
    QByteArray bytes;
    if (!readAll(path, &bytes, error)) return false;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(error, path, QStringLiteral("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject()) return fail(error, path, QStringLiteral("the top level must be an object"));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("minima-network"))
        return fail(error, path, QStringLiteral("field \"format\" must be \"minima-network\""));
    if (o.value(QStringLiteral("version")).toInt() != 1)
        return fail(error, path, QStringLiteral("field \"version\" must be 1"));

    const QJsonArray widthsJson = o.value(QStringLiteral("widths")).toArray();
    if (widthsJson.size() < 2 || widthsJson.size() > maxLayers + 1)
        return fail(error, path, QStringLiteral("field \"widths\" must list 2 to %1 layer widths").arg(maxLayers + 1));
    std::vector<int> widths;
    for (const QJsonValue& v : widthsJson) {
        const double w = v.toDouble(-1);
        if (!v.isDouble() || w != std::floor(w) || w < 1 || w > maxWidth)
            return fail(error, path, QStringLiteral("field \"widths\" must hold whole numbers from 1 to %1").arg(maxWidth));
        widths.push_back(int(w));
    }
    const QJsonArray actJson = o.value(QStringLiteral("hidden_activations")).toArray();
    std::vector<Activation> hidden;
    for (const QJsonValue& v : actJson) {
        const auto a = activationFromName(v.toString().toStdString());
        if (!a) return fail(error, path, QStringLiteral("field \"hidden_activations\": unknown activation \"%1\"").arg(v.toString()));
        hidden.push_back(*a);
    }
    const int hiddenLayers = int(widths.size()) - 2;
    if (!(int(hidden.size()) == hiddenLayers || (hidden.size() == 1 && hiddenLayers >= 1) || (hiddenLayers == 0 && hidden.empty())))
        return fail(error, path, QStringLiteral("field \"hidden_activations\" must have one entry per hidden layer (%1)").arg(hiddenLayers));
    const QString out = o.value(QStringLiteral("output")).toString(QStringLiteral("linear"));
    OutputActivation output;
    if (out == QLatin1String("linear")) output = OutputActivation::Linear;
    else if (out == QLatin1String("sigmoid")) output = OutputActivation::Sigmoid;
    else if (out == QLatin1String("softmax")) output = OutputActivation::Softmax;
    else return fail(error, path, QStringLiteral("field \"output\" must be linear, sigmoid or softmax"));

    Network loaded;
    try {
        loaded = Network(widths, hidden, output);
    } catch (const std::exception& e) {
        return fail(error, path, QString::fromUtf8(e.what()));
    }
    const QJsonArray params = o.value(QStringLiteral("parameters")).toArray();
    if (params.size() != loaded.parameterCount())
        return fail(error, path, QStringLiteral("field \"parameters\" must hold %1 numbers for these widths, not %2")
                                     .arg(loaded.parameterCount()).arg(params.size()));
    Eigen::VectorXd p(loaded.parameterCount());
    for (qsizetype i = 0; i < params.size(); ++i) {
        if (!params[i].isDouble() || !std::isfinite(params[i].toDouble()))
            return fail(error, path, QStringLiteral("field \"parameters\": entry %1 is not a finite number").arg(i));
        p[Eigen::Index(i)] = params[i].toDouble();
    }
    loaded.setParameters(p);
    *net = std::move(loaded);
    return true;
}

bool saveDataset(const Dataset& data, const QString& path, QString* error)
{
    QByteArray out;
    const Eigen::Index d = data.inputs.rows();
    for (Eigen::Index j = 0; j < d; ++j) out += "x" + QByteArray::number(qlonglong(j + 1)) + ",";
    out += "y\n";
    for (Eigen::Index n = 0; n < data.inputs.cols(); ++n) {
        for (Eigen::Index j = 0; j < d; ++j) out += QByteArray::number(data.inputs(j, n), 'g', 17) + ",";
        out += QByteArray::number(data.targets(0, n), 'g', 17) + "\n";
    }
    return writeAll(path, out, error);
}

bool loadDataset(const QString& path, Dataset* data, QString* error)
{
    QByteArray bytes;
    if (!readAll(path, &bytes, error)) return false;
    QList<QByteArray> lines = bytes.split('\n');
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty()) lines.removeLast();
    if (lines.size() < 2) return fail(error, path, QStringLiteral("needs a header row and at least one sample"));
    const QList<QByteArray> header = lines.first().trimmed().split(',');
    const qsizetype columns = header.size();
    if (columns < 2 || header.last().trimmed() != "y")
        return fail(error, path, QStringLiteral("the header must be x1,...,xd,y"));
    const qsizetype samples = lines.size() - 1;
    if (samples > maxSamples) return fail(error, path, QStringLiteral("more than %1 samples").arg(maxSamples));
    Dataset loaded;
    loaded.name = QFileInfo(path).completeBaseName().toStdString();
    loaded.inputs.resize(Eigen::Index(columns - 1), Eigen::Index(samples));
    loaded.targets.resize(1, Eigen::Index(samples));
    bool allLabels = true;
    for (qsizetype n = 0; n < samples; ++n) {
        const QList<QByteArray> cells = lines[n + 1].trimmed().split(',');
        if (cells.size() != columns)
            return fail(error, path, QStringLiteral("row %1 has %2 values, the header %3").arg(n + 2).arg(cells.size()).arg(columns));
        for (qsizetype j = 0; j < columns; ++j) {
            bool ok = false;
            const double v = cells[j].trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(v))
                return fail(error, path, QStringLiteral("row %1, column %2 is not a finite number").arg(n + 2).arg(j + 1));
            if (j + 1 < columns) loaded.inputs(Eigen::Index(j), Eigen::Index(n)) = v;
            else {
                loaded.targets(0, Eigen::Index(n)) = v;
                allLabels = allLabels && (v == 0.0 || v == 1.0);
            }
        }
    }
    loaded.classification = allLabels;
    loaded.classCount = multiClassCount(loaded.targets);
    *data = std::move(loaded);
    return true;
}

} // namespace minima
