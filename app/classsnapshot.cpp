#include "app/classsnapshot.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSysInfo>

#include <cmath>

#include "lessons/common/boundedread.h"

namespace minima {

namespace {

const QString kFormat = QStringLiteral("minima-class-snapshot");

QString isoTime(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString slug(const QString& text, int maxLength)
{
    QString out;
    for (const QChar c : text.toLower()) {
        if (out.size() >= maxLength) break;
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            out += c;
        else if (!out.isEmpty() && !out.endsWith(QLatin1Char('-')))
            out += QLatin1Char('-');
    }
    while (out.endsWith(QLatin1Char('-'))) out.chop(1);
    return out.isEmpty() ? QStringLiteral("learner") : out;
}

// Reads one field of an untrusted object; each returns false (and names the field) when the
// type or range is wrong.
struct FieldReader {
    QString* why;
    bool text(const QJsonObject& o, const char* key, QString* out, bool required, bool nonEmpty = false)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required) return true;
        if (!v.isString()) return fail(key, QStringLiteral("is not text"));
        const QString s = v.toString();
        if (s.size() > classsnapshot::maxTextLength) return fail(key, QStringLiteral("is too long"));
        if (nonEmpty && s.trimmed().isEmpty()) return fail(key, QStringLiteral("is empty"));
        *out = s;
        return true;
    }
    bool flag(const QJsonObject& o, const char* key, bool* out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) return true;
        if (!v.isBool()) return fail(key, QStringLiteral("is not true or false"));
        *out = v.toBool();
        return true;
    }
    bool whole(const QJsonObject& o, const char* key, qint64 max, qint64* out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) return true;
        const double d = v.toDouble(-1.0);
        if (!v.isDouble() || !std::isfinite(d) || d < 0 || d > double(max) || d != std::floor(d))
            return fail(key, QStringLiteral("is not a whole number from 0 to %1").arg(max));
        *out = qint64(d);
        return true;
    }
    bool time(const QJsonObject& o, const char* key, QDateTime* out)
    {
        QString s;
        if (!text(o, key, &s, false)) return false;
        if (s.isEmpty()) return true;
        const QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!t.isValid()) return fail(key, QStringLiteral("is not a date and time"));
        *out = t;
        return true;
    }
    bool fail(const char* key, const QString& what)
    {
        *why = QStringLiteral("field \"%1\" %2").arg(QLatin1String(key), what);
        return false;
    }
};

} // namespace

QByteArray classSnapshotJson(const ClassSnapshot& s)
{
    QJsonArray exercises;
    for (const SnapshotExercise& e : s.exercises) {
        QJsonArray attempts;
        for (const SnapshotAttempt& a : e.attempts) {
            QJsonObject o;
            o[QStringLiteral("verdict")] = a.correct ? QStringLiteral("correct") : QStringLiteral("wrong");
            o[QStringLiteral("variant")] = a.variant;
            o[QStringLiteral("at")] = isoTime(a.at);
            o[QStringLiteral("answer")] = a.answer.left(classsnapshot::maxTextLength);
            if (!a.correct) {
                o[QStringLiteral("mistake")] = a.mistake.left(classsnapshot::maxTextLength);
                o[QStringLiteral("feedback")] = a.feedback.left(classsnapshot::maxTextLength);
            }
            attempts.append(o);
        }
        QJsonObject o;
        o[QStringLiteral("id")] = e.id;
        o[QStringLiteral("lesson")] = e.lesson;
        o[QStringLiteral("title")] = e.title.left(classsnapshot::maxTextLength);
        o[QStringLiteral("solved")] = e.solved;
        o[QStringLiteral("solution_shown")] = e.solutionShown;
        o[QStringLiteral("hints")] = e.hints;
        o[QStringLiteral("seconds")] = double(e.seconds);
        o[QStringLiteral("attempt_count")] = e.attemptCount;
        o[QStringLiteral("attempts")] = attempts;
        exercises.append(o);
    }
    QJsonObject top;
    top[QStringLiteral("format")] = kFormat;
    top[QStringLiteral("version")] = classsnapshot::version;
    top[QStringLiteral("learner")] = s.learner;
    top[QStringLiteral("seat")] = s.seat;
    top[QStringLiteral("written")] = isoTime(s.written);
    top[QStringLiteral("exercises")] = exercises;
    return QJsonDocument(top).toJson(QJsonDocument::Indented);
}

SnapshotProblem parseClassSnapshot(const QByteArray& bytes, ClassSnapshot* out, QString* why)
{
    if (bytes.size() > classsnapshot::maxFileBytes) {
        *why = QStringLiteral("is larger than %1").arg(byteCapText(classsnapshot::maxFileBytes));
        return SnapshotProblem::TooLarge;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        // Something that does not even start like JSON is some other file; broken JSON is damage.
        const QByteArray start = bytes.trimmed().left(1);
        if (start != "{") {
            *why = QStringLiteral("is not a Minima class snapshot");
            return SnapshotProblem::NotSnapshot;
        }
        *why = QStringLiteral("is damaged (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset);
        return SnapshotProblem::Damaged;
    }
    const QJsonObject top = doc.object();
    if (top.value(QStringLiteral("format")).toString() != kFormat) {
        *why = QStringLiteral("is not a Minima class snapshot");
        return SnapshotProblem::NotSnapshot;
    }
    const QJsonValue version = top.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() != classsnapshot::version) {
        *why = QStringLiteral("was written by another version of Minima (snapshot version %1, this one reads %2)")
                   .arg(version.isDouble() ? QString::number(version.toDouble()) : QStringLiteral("unknown"))
                   .arg(classsnapshot::version);
        return SnapshotProblem::OtherVersion;
    }
    QString fieldWhy;
    FieldReader r{&fieldWhy};
    auto damaged = [&](const QString& where) {
        *why = QStringLiteral("is damaged: %1%2").arg(where, fieldWhy);
        return SnapshotProblem::Damaged;
    };
    ClassSnapshot s;
    if (!r.text(top, "learner", &s.learner, true, true) || !r.text(top, "seat", &s.seat, false)
        || !r.time(top, "written", &s.written))
        return damaged(QString());
    const QJsonValue list = top.value(QStringLiteral("exercises"));
    if (!list.isArray()) {
        fieldWhy = QStringLiteral("field \"exercises\" is not a list");
        return damaged(QString());
    }
    const QJsonArray exercises = list.toArray();
    if (exercises.size() > classsnapshot::maxExercises) {
        fieldWhy = QStringLiteral("field \"exercises\" has more than %1 entries").arg(classsnapshot::maxExercises);
        return damaged(QString());
    }
    QHash<QString, qsizetype> positions;
    for (qsizetype i = 0; i < exercises.size(); ++i) {
        const QString where = QStringLiteral("exercise %1: ").arg(i + 1);
        if (!exercises[i].isObject()) {
            fieldWhy = QStringLiteral("is not an object");
            return damaged(where);
        }
        const QJsonObject o = exercises[i].toObject();
        SnapshotExercise e;
        qint64 hints = 0, seconds = 0, count = 0;
        if (!r.text(o, "id", &e.id, true, true) || !r.text(o, "lesson", &e.lesson, false) || !r.text(o, "title", &e.title, false)
            || !r.flag(o, "solved", &e.solved) || !r.flag(o, "solution_shown", &e.solutionShown)
            || !r.whole(o, "hints", 1000000, &hints) || !r.whole(o, "seconds", qint64(100) * 365 * 24 * 3600, &seconds)
            || !r.whole(o, "attempt_count", 1000000000, &count))
            return damaged(where);
        e.hints = int(hints);
        e.seconds = seconds;
        if (e.lesson.isEmpty()) e.lesson = e.id.section(QLatin1Char('.'), 0, 0);
        if (e.title.isEmpty()) e.title = e.id;
        const QJsonValue tries = o.value(QStringLiteral("attempts"));
        if (!tries.isUndefined() && !tries.isArray()) {
            fieldWhy = QStringLiteral("field \"attempts\" is not a list");
            return damaged(where);
        }
        const QJsonArray attempts = tries.toArray();
        if (attempts.size() > classsnapshot::maxAttemptsListed) {
            fieldWhy = QStringLiteral("field \"attempts\" has more than %1 entries").arg(classsnapshot::maxAttemptsListed);
            return damaged(where);
        }
        for (const QJsonValue& v : attempts) {
            if (!v.isObject()) {
                fieldWhy = QStringLiteral("an attempt is not an object");
                return damaged(where);
            }
            const QJsonObject a = v.toObject();
            SnapshotAttempt t;
            QString verdict;
            qint64 variant = 0;
            if (!r.text(a, "verdict", &verdict, true) || !r.whole(a, "variant", 1000000, &variant) || !r.time(a, "at", &t.at)
                || !r.text(a, "answer", &t.answer, false) || !r.text(a, "mistake", &t.mistake, false)
                || !r.text(a, "feedback", &t.feedback, false))
                return damaged(where);
            if (verdict != QLatin1String("correct") && verdict != QLatin1String("wrong")) {
                fieldWhy = QStringLiteral("field \"verdict\" is neither \"correct\" nor \"wrong\"");
                return damaged(where);
            }
            t.correct = verdict == QLatin1String("correct");
            t.variant = int(variant);
            e.attempts.append(t);
        }
        e.attemptCount = int(std::max<qint64>(count, e.attempts.size()));
        // A later entry for the same exercise replaces an earlier one.
        if (const auto at = positions.constFind(e.id); at != positions.constEnd()) {
            s.exercises[*at] = e;
        } else {
            positions.insert(e.id, s.exercises.size());
            s.exercises.append(e);
        }
    }
    *out = s;
    return SnapshotProblem::None;
}

SnapshotProblem readClassSnapshot(const QString& path, ClassSnapshot* out, QString* why)
{
    QByteArray bytes;
    if (!readBoundedFile(path, classsnapshot::maxFileBytes, &bytes, why)) {
        const QString tooLarge = QObject::tr("is larger than %1").arg(byteCapText(classsnapshot::maxFileBytes));
        return *why == tooLarge ? SnapshotProblem::TooLarge : SnapshotProblem::Unreadable;
    }
    return parseClassSnapshot(bytes, out, why);
}

QString classSnapshotFileName(const QString& learner, const QString& seat)
{
    // FNV-1a 32 over the UTF-8 of learner + '\n' + seat.
    quint32 h = 2166136261u;
    for (const char c : (learner + QLatin1Char('\n') + seat).toUtf8()) {
        h ^= quint32(uchar(c));
        h *= 16777619u;
    }
    return QStringLiteral("%1.%2.%3%4")
        .arg(slug(learner, 40), slug(seat, 40), QStringLiteral("%1").arg(h, 8, 16, QLatin1Char('0')),
             QLatin1String(classsnapshot::suffix));
}

QString defaultSeatName()
{
    const QString host = QSysInfo::machineHostName();
    return host.isEmpty() ? QStringLiteral("seat") : host;
}

} // namespace minima
