#include "lessons/common/labstate.h"

#include "lessons/common/boundedread.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMetaObject>
#include <QRadioButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QWidget>


#include <algorithm>
#include <cmath>

namespace minima {

namespace {

const QString prefix = QStringLiteral("minima-lab:1:");
constexpr qsizetype maxStateBytes = 256 * 1024;

QJsonObject toJson(const LabState& s)
{
    QJsonObject o;
    o[QStringLiteral("format")] = QStringLiteral("minima-lab");
    o[QStringLiteral("version")] = 1;
    o[QStringLiteral("lesson")] = s.lesson;
    o[QStringLiteral("lab")] = s.lab;
    o[QStringLiteral("controls")] = QJsonObject::fromVariantMap(s.controls);
    if (!s.extra.isEmpty()) o[QStringLiteral("extra")] = QJsonObject::fromVariantMap(s.extra);
    return o;
}

bool fromJson(const QByteArray& bytes, LabState* s, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QObject::tr("this is not a Minima lab state");
        return false;
    }
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("minima-lab") || o.value(QStringLiteral("version")).toInt() != 1) {
        *error = QObject::tr("this is not a Minima lab state (format or version)");
        return false;
    }
    const QString lesson = o.value(QStringLiteral("lesson")).toString();
    const int lab = o.value(QStringLiteral("lab")).toInt(-1);
    if (lesson.isEmpty() || lab < 0 || lab > 50 || !o.value(QStringLiteral("controls")).isObject()) {
        *error = QObject::tr("the lab state names no lesson or lab");
        return false;
    }
    s->lesson = lesson;
    s->lab = lab;
    s->controls = o.value(QStringLiteral("controls")).toObject().toVariantMap();
    s->extra = o.value(QStringLiteral("extra")).toObject().toVariantMap();
    return true;
}

} // namespace

QVariant controlValue(const QWidget* w)
{
    if (auto* s = qobject_cast<const QSpinBox*>(w)) return s->value();
    if (auto* d = qobject_cast<const QDoubleSpinBox*>(w)) return d->value();
    if (auto* a = qobject_cast<const QAbstractSlider*>(w)) return a->value();
    if (auto* c = qobject_cast<const QComboBox*>(w)) return c->currentText();
    if (auto* b = qobject_cast<const QAbstractButton*>(w)) return b->isCheckable() ? QVariant(b->isChecked()) : QVariant();
    if (auto* e = qobject_cast<const QLineEdit*>(w)) return e->text();
    return {};
}

bool setControlValue(QWidget* w, const QVariant& v)
{
    if (!w || !v.isValid()) return false;
    if (auto* s = qobject_cast<QSpinBox*>(w)) s->setValue(v.toInt());
    else if (auto* d = qobject_cast<QDoubleSpinBox*>(w)) {
        const double x = v.toDouble();
        if (!std::isfinite(x)) return false;
        d->setValue(x);
    } else if (auto* a = qobject_cast<QAbstractSlider*>(w)) a->setValue(v.toInt());
    else if (auto* c = qobject_cast<QComboBox*>(w)) {
        const int i = c->findText(v.toString());
        if (i < 0) return false;
        c->setCurrentIndex(i);
    } else if (auto* b = qobject_cast<QAbstractButton*>(w)) {
        if (!b->isCheckable()) return false;
        b->setChecked(v.toBool());
    } else if (auto* e = qobject_cast<QLineEdit*>(w)) {
        e->setText(v.toString().left(2000));
        emit e->editingFinished();
    } else {
        return false;
    }
    return true;
}


QString encodeLabState(const LabState& state)
{
    const QByteArray json = QJsonDocument(toJson(state)).toJson(QJsonDocument::Compact);
    return prefix + QString::fromLatin1(qCompress(json, 9).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool decodeLabState(const QString& text, LabState* state, QString* error)
{
    const QString t = text.trimmed();
    if (!t.startsWith(prefix)) {
        *error = QObject::tr("a lab state starts with \"%1\"").arg(prefix);
        return false;
    }
    if (t.size() > maxStateBytes) {
        *error = QObject::tr("the lab state is too long");
        return false;
    }
    const auto decoded = QByteArray::fromBase64Encoding(t.mid(prefix.size()).toLatin1(),
                                                        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *error = QObject::tr("the lab state is damaged (it was cut or changed)");
        return false;
    }
    // Inflated with a cap on the bytes really produced: the size header is only a claim.
    QByteArray json;
    bool tooLarge = false;
    if (!boundedUncompress(*decoded, maxStateBytes, &json, &tooLarge) || json.isEmpty()) {
        *error = tooLarge ? QObject::tr("the lab state is too long") : QObject::tr("the lab state is damaged (it was cut or changed)");
        return false;
    }
    return fromJson(json, state, error);
}

bool saveLabStateFile(const LabState& state, const QString& path, QString* error)
{
    QSaveFile file(path);
    const QByteArray bytes = QJsonDocument(toJson(state)).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QObject::tr("Could not write %1: %2").arg(QFileInfo(path).fileName(), file.errorString());
        return false;
    }
    return true;
}

bool loadLabStateFile(const QString& path, LabState* state, QString* error)
{
    QByteArray bytes;
    QString why;
    if (!readBoundedFile(path, maxStateBytes, &bytes, &why)) {
        *error = QObject::tr("Could not open %1: it %2").arg(QFileInfo(path).fileName(), why);
        return false;
    }
    const bool ok = readLabState(bytes, state, &why);
    if (!ok) *error = QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), why);
    return ok;
}

bool readLabState(const QByteArray& bytes, LabState* state, QString* error)
{
    if (bytes.size() > maxStateBytes) {
        *error = QObject::tr("the file is too large to be a lab state");
        return false;
    }
    // A file may hold the JSON or the short text.
    return bytes.trimmed().startsWith("minima-lab:") ? decodeLabState(QString::fromLatin1(bytes), state, error)
                                                     : fromJson(bytes, state, error);
}

} // namespace minima
