#include "app/progresscsv.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QSaveFile>
#include <QStringList>

#include "lessons/common/boundedread.h"

namespace minima {

namespace {

const QStringList csvHeader = {
    QStringLiteral("learner"),  QStringLiteral("lesson"),   QStringLiteral("lesson_title"), QStringLiteral("exercise"),
    QStringLiteral("exercise_title"), QStringLiteral("solved"), QStringLiteral("attempts"), QStringLiteral("hints"),
    QStringLiteral("solution_shown"), QStringLiteral("seconds")};

// A class's files are small; anything far bigger is not one of ours.
constexpr qint64 maxCsvBytes = 16 * 1024 * 1024;

QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))
        && !s.contains(QLatin1Char('\r')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

// Splits RFC 4180 text into records of fields. Returns false with the 1-based line of an
// unterminated quote.
bool splitCsv(const QString& text, QList<QStringList>* records, QList<int>* lines, int* badLine)
{
    QStringList record;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int recordLine = 1;
    auto endRecord = [&] {
        record << field;
        if (!(record.size() == 1 && record.first().isEmpty() && !fieldStarted)) {
            *records << record;
            *lines << recordLine;
        }
        record.clear();
        field.clear();
        fieldStarted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n')) ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && field.isEmpty()) {
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
            fieldStarted = true;
        } else if (c == QLatin1Char('\r')) {
            // CRLF line ends: the \n ends the record.
        } else if (c == QLatin1Char('\n')) {
            endRecord();
            ++line;
            recordLine = line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) {
        *badLine = recordLine;
        return false;
    }
    endRecord();
    return true;
}

} // namespace

QString progressCsv(const QList<ExerciseReport>& rows)
{
    QString out = csvHeader.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const ExerciseReport& r : rows) {
        const QStringList fields = {csvField(r.learner),
                                    csvField(r.lessonId),
                                    csvField(r.lessonTitle),
                                    csvField(r.exerciseId),
                                    csvField(r.exerciseTitle),
                                    r.solved ? QStringLiteral("1") : QStringLiteral("0"),
                                    QString::number(r.attempts),
                                    QString::number(r.hintsShown),
                                    r.solutionShown ? QStringLiteral("1") : QStringLiteral("0"),
                                    QString::number(r.seconds)};
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

bool writeProgressCsv(const QList<ExerciseReport>& rows, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QObject::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    file.write(progressCsv(rows).toUtf8());
    if (!file.commit()) {
        *error = QObject::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool readProgressCsv(const QString& path, QList<ExerciseReport>* rows, QString* error)
{
    const QString name = QFileInfo(path).fileName();
    QByteArray bytes;
    QString why;
    if (!readBoundedFile(path, maxCsvBytes, &bytes, &why)) {
        *error = QObject::tr("%1: %2.").arg(name, why);
        return false;
    }
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF))) text.remove(0, 1);
    QList<QStringList> records;
    QList<int> lines;
    int badLine = 0;
    if (!splitCsv(text, &records, &lines, &badLine)) {
        *error = QObject::tr("%1, line %2: a quoted field is never closed.").arg(name).arg(badLine);
        return false;
    }
    if (records.isEmpty() || records.first() != csvHeader) {
        *error = QObject::tr("%1: is not a Minima progress file (the first line should be \"%2\").")
                     .arg(name, csvHeader.join(QLatin1Char(',')));
        return false;
    }
    QList<ExerciseReport> read;
    for (qsizetype i = 1; i < records.size(); ++i) {
        const QStringList& f = records[i];
        const int line = lines[i];
        if (f.size() != csvHeader.size()) {
            *error = QObject::tr("%1, line %2: %3 fields where there should be %4.")
                         .arg(name).arg(line).arg(f.size()).arg(csvHeader.size());
            return false;
        }
        auto number = [&](int column, qint64 max, qint64* out) {
            bool ok = false;
            const qint64 v = f[column].trimmed().toLongLong(&ok);
            if (!ok || v < 0 || v > max) {
                *error = QObject::tr("%1, line %2: %3 should be a whole number from 0 to %4, not \"%5\".")
                             .arg(name).arg(line).arg(csvHeader[column]).arg(max).arg(f[column]);
                return false;
            }
            *out = v;
            return true;
        };
        qint64 solved = 0, attempts = 0, hints = 0, shown = 0, seconds = 0;
        if (!number(5, 1, &solved) || !number(6, 1000000000, &attempts) || !number(7, 1000000000, &hints)
            || !number(8, 1, &shown) || !number(9, qint64(100) * 365 * 24 * 3600, &seconds))
            return false;
        if (f[0].trimmed().isEmpty() || f[3].trimmed().isEmpty()) {
            *error = QObject::tr("%1, line %2: the learner and the exercise must not be empty.").arg(name).arg(line);
            return false;
        }
        ExerciseReport r;
        r.learner = f[0];
        r.lessonId = f[1];
        r.lessonTitle = f[2];
        r.exerciseId = f[3];
        r.exerciseTitle = f[4];
        r.solved = solved == 1;
        r.attempts = int(attempts);
        r.hintsShown = int(hints);
        r.solutionShown = shown == 1;
        r.seconds = seconds;
        read << r;
    }
    *rows += read;
    return true;
}

} // namespace minima
