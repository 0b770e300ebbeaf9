#include "app/classroomprofile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "lessons/common/boundedread.h"

namespace minima {

bool loadClassroomProfile(const QString& path, ClassroomProfile* profile, QString* error)
{
    const QString name = QFileInfo(path).fileName();
    auto fail = [&](const QString& what) {
        *error = QStringLiteral("%1: %2").arg(name, what);
        return false;
    };
    QByteArray bytes;
    QString why;
    if (!readBoundedFile(path, UntrustedFile::ClassroomProfile, &bytes, &why)) return fail(why);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject()) return fail(QStringLiteral("the top level must be an object"));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("minima-profile"))
        return fail(QStringLiteral("field \"format\" must be \"minima-profile\""));
    if (o.value(QStringLiteral("version")).toInt() != 1) return fail(QStringLiteral("field \"version\" must be 1"));
    static const QStringList known = {QStringLiteral("format"), QStringLiteral("version"), QStringLiteral("lessons"),
                                      QStringLiteral("solutions"), QStringLiteral("packs"), QStringLiteral("present"),
                                      QStringLiteral("class_folder")};
    for (const QString& key : o.keys())
        if (!known.contains(key)) return fail(QStringLiteral("unknown field \"%1\"").arg(key));

    ClassroomProfile p;
    if (o.contains(QStringLiteral("lessons"))) {
        const QJsonValue v = o.value(QStringLiteral("lessons"));
        if (!v.isArray()) return fail(QStringLiteral("field \"lessons\" must be a list of lesson ids"));
        for (const QJsonValue& id : v.toArray()) {
            if (!id.isString() || id.toString().isEmpty())
                return fail(QStringLiteral("field \"lessons\" must be a list of lesson ids"));
            p.lessons << id.toString();
        }
    }
    if (o.contains(QStringLiteral("solutions"))) {
        if (!o.value(QStringLiteral("solutions")).isBool()) return fail(QStringLiteral("field \"solutions\" must be true or false"));
        p.hideSolutions = !o.value(QStringLiteral("solutions")).toBool();
    }
    if (o.contains(QStringLiteral("present"))) {
        if (!o.value(QStringLiteral("present")).isBool()) return fail(QStringLiteral("field \"present\" must be true or false"));
        p.present = o.value(QStringLiteral("present")).toBool();
    }
    if (o.contains(QStringLiteral("packs"))) {
        const QJsonValue v = o.value(QStringLiteral("packs"));
        if (!v.isArray()) return fail(QStringLiteral("field \"packs\" must be a list of file names"));
        const QDir base = QFileInfo(path).absoluteDir();
        for (const QJsonValue& f : v.toArray()) {
            if (!f.isString() || f.toString().isEmpty()) return fail(QStringLiteral("field \"packs\" must be a list of file names"));
            p.packs << QDir::cleanPath(base.absoluteFilePath(f.toString()));
        }
    }
    if (o.contains(QStringLiteral("class_folder"))) {
        const QJsonValue v = o.value(QStringLiteral("class_folder"));
        if (!v.isString() || v.toString().trimmed().isEmpty())
            return fail(QStringLiteral("field \"class_folder\" must be the name of a folder"));
        p.classFolder = QDir::cleanPath(QFileInfo(path).absoluteDir().absoluteFilePath(v.toString()));
    }
    *profile = p;
    return true;
}

} // namespace minima
