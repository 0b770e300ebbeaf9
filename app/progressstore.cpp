#include "app/progressstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QUrl>
#include <QUuid>
#include <QVariant>

namespace minima {

namespace {

// Migration i takes the schema from version i to i + 1. Never edit a shipped step; add one.
const char* const migrations[][4] = {
    // 0 -> 1: learners and their attempts.
    {"CREATE TABLE learners (name TEXT PRIMARY KEY, created TEXT NOT NULL)",
     "CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, learner TEXT NOT NULL, "
     "exercise_id TEXT NOT NULL, variant INTEGER NOT NULL, input TEXT NOT NULL, verdict TEXT NOT NULL, "
     "at TEXT NOT NULL)",
     nullptr, nullptr},
    // 1 -> 2: the variant each learner is on, and an index for per-exercise lookups.
    {"CREATE TABLE variants (learner TEXT NOT NULL, exercise_id TEXT NOT NULL, variant INTEGER NOT NULL, "
     "PRIMARY KEY (learner, exercise_id))",
     "CREATE INDEX attempts_by_exercise ON attempts (learner, exercise_id)", nullptr, nullptr},
};
static_assert(std::size(migrations) == ProgressStore::schemaVersion);

} // namespace

ProgressStore::ProgressStore(const QString& dataDir, QObject* parent)
    : ProgressSink(parent),
      dir_(dataDir),
      path_(QDir(dataDir).filePath(QStringLiteral("progress.sqlite"))),
      connection_(QStringLiteral("minima-progress-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    QString error;
    if (!QDir().mkpath(dir_)) {
        recoveryMessage_ = tr("Minima could not create its data folder %1, so progress will not be saved this time.")
                               .arg(QDir::toNativeSeparators(dir_));
        return;
    }
    const bool existed = QFileInfo::exists(path_);
    if (!canWrite()) {
        // Read-only: show what was saved before, never take it for damage or move it.
        const QString where = QDir::toNativeSeparators(existed ? path_ : dir_);
        if (existed && openReadOnly(&error) && healthy() && version() == schemaVersion) {
            open_ = true;
            readOnly_ = true;
            recoveryMessage_ = tr("Your progress file %1 is read-only: Minima shows your progress but cannot save "
                                  "new answers this time.").arg(where);
        } else {
            QSqlDatabase::database(connection_, false).close();
            recoveryMessage_ = tr("Minima cannot write to %1 (it is read-only), so progress will not be saved this time.")
                                   .arg(where);
        }
        return;
    }
    if (openAt(&error) && healthy() && migrate(&error)) {
        open_ = true;
        return;
    }
    if (!existed) {
        recoveryMessage_ = tr("Minima could not create its progress file (%1), so progress will not be saved this time.")
                               .arg(error.isEmpty() ? lastErrorText() : error);
        QSqlDatabase::database(connection_, false).close();
        return;
    }
    setAside();
    if (openAt(&error) && migrate(&error)) open_ = true;
    else recoveryMessage_ = tr("Minima could not start a new progress file (%1), so progress will not be saved this time.")
                                .arg(error);
}

ProgressStore::~ProgressStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(connection_, false);
        if (db.isValid()) db.close();
    }
    QSqlDatabase::removeDatabase(connection_);
}

bool ProgressStore::openAt(QString* error)
{
    QSqlDatabase db = QSqlDatabase::contains(connection_) ? QSqlDatabase::database(connection_, false)
                                                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
    db.setDatabaseName(path_);
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    // Full synchronous writes in a write-ahead log: an attempt that returned is on disk,
    // even if the app is killed the next instant.
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
    q.exec(QStringLiteral("PRAGMA busy_timeout=2000"));
    return true;
}

// Whether the folder takes a new file and the progress file (if any) opens for writing, as
// the user the app runs as: permissions, a read-only mount, a locked file.
bool ProgressStore::canWrite() const
{
    QTemporaryFile probe(QDir(dir_).filePath(QStringLiteral(".minima-write-check-XXXXXX")));
    if (!probe.open()) return false;
    probe.close();
    if (QFileInfo::exists(path_)) {
        QFile file(path_);
        if (!file.open(QIODevice::ReadWrite)) return false;
    }
    return true;
}

// Opens the existing file for reading only. A write-ahead-log database needs its -shm file,
// which a read-only folder cannot take; then it is opened as immutable, which reads the
// main file as it is (everything saved by a Minima that closed normally is there).
bool ProgressStore::openReadOnly(QString* error)
{
    QSqlDatabase db = QSqlDatabase::contains(connection_) ? QSqlDatabase::database(connection_, false)
                                                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    db.setDatabaseName(path_);
    if (db.open()) {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && q.next()) return true;
        db.close();
    }
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
    db.setDatabaseName(QUrl::fromLocalFile(path_).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1"));
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    return true;
}

bool ProgressStore::healthy()
{
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next()) return false;
    if (q.value(0).toString() != QStringLiteral("ok")) return false;
    // Everything we will read must be readable: a damaged page often shows only here.
    for (const char* table : {"meta", "learners", "attempts", "variants"}) {
        QSqlQuery exists(db);
        exists.prepare(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?"));
        exists.addBindValue(QString::fromLatin1(table));
        if (!exists.exec() || !exists.next()) return false;
        if (exists.value(0).toInt() == 0) continue;
        QSqlQuery scan(db);
        if (!scan.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QString::fromLatin1(table)))) return false;
    }
    return true;
}

void ProgressStore::setAside()
{
    {
        QSqlDatabase db = QSqlDatabase::database(connection_, false);
        if (db.isValid()) db.close();
    }
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString aside = path_ + QStringLiteral(".damaged-") + stamp;
    for (int i = 1; QFileInfo::exists(aside); ++i)
        aside = path_ + QStringLiteral(".damaged-") + stamp + QLatin1Char('-') + QString::number(i);
    QFile::rename(path_, aside);
    for (const char* suffix : {"-wal", "-shm"}) {
        const QString side = path_ + QString::fromLatin1(suffix);
        if (QFileInfo::exists(side)) QFile::rename(side, aside + QString::fromLatin1(suffix));
    }
    recoveryMessage_ = tr("Your progress file was damaged, so Minima set it aside as %1 and started a fresh one.")
                           .arg(QFileInfo(aside).fileName());
}

int ProgressStore::version() const
{
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key='schema_version'")) || !q.next()) return 0;
    return q.value(0).toInt();
}

bool ProgressStore::migrate(QString* error)
{
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"))) {
        *error = q.lastError().text();
        return false;
    }
    int current = version();
    if (current > schemaVersion) {
        *error = tr("the progress file was written by a newer Minima (schema %1)").arg(current);
        return false;
    }
    while (current < schemaVersion) {
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        bool ok = true;
        for (const char* statement : migrations[current]) {
            if (!statement) break;
            QSqlQuery step(db);
            if (!step.exec(QString::fromLatin1(statement))) {
                *error = step.lastError().text();
                ok = false;
                break;
            }
        }
        if (ok) {
            QSqlQuery set(db);
            set.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)"));
            set.addBindValue(current + 1);
            ok = set.exec();
            if (!ok) *error = set.lastError().text();
        }
        if (!ok || !db.commit()) {
            if (error->isEmpty()) *error = db.lastError().text();
            db.rollback();
            return false;
        }
        ++current;
    }
    return true;
}

QString ProgressStore::lastErrorText() const
{
    return QSqlDatabase::database(connection_, false).lastError().text();
}

// Why a write failed, in the learner's words (SQLite's primary result codes).
static QString writeFailure(const QSqlError& e)
{
    // Qt passes SQLite's extended codes (e.g. SQLITE_IOERR_WRITE = 778); the low byte is the primary one.
    switch (e.nativeErrorCode().toInt() & 0xff) {
    case 13: return ProgressStore::tr("the disk is full");   // SQLITE_FULL
    case 8: return ProgressStore::tr("the progress file is read-only");   // SQLITE_READONLY
    case 10: return ProgressStore::tr("the disk refused the write; it may be full");   // SQLITE_IOERR
    case 5:
    case 6: return ProgressStore::tr("another program is using the progress file");   // BUSY, LOCKED
    case 14: return ProgressStore::tr("the progress file could not be opened");   // SQLITE_CANTOPEN
    default: return e.text();
    }
}

static QString notSavedMessage(const QString& reason)
{
    return ProgressStore::tr("Your progress could not be saved: %1. Minima keeps working and saves again as soon "
                             "as it can.").arg(reason);
}

bool ProgressStore::recordAttempt(const AttemptRecord& attempt, QString* error)
{
    if (!open_ || readOnly_) {
        if (error) *error = notSavedMessage(readOnly_ ? tr("the progress file is read-only") : tr("the progress file is not open"));
        return false;
    }
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("INSERT INTO attempts (learner, exercise_id, variant, input, verdict, at) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(attempt.learner);
    q.addBindValue(attempt.exerciseId);
    q.addBindValue(attempt.variant);
    q.addBindValue(attempt.input.isNull() ? QStringLiteral("") : attempt.input);
    q.addBindValue(verdictName(attempt.verdict));
    const QDateTime when = attempt.when.isValid() ? attempt.when : QDateTime::currentDateTimeUtc();
    q.addBindValue(when.toUTC().toString(Qt::ISODateWithMs));
    if (!q.exec()) {
        if (error) *error = notSavedMessage(writeFailure(q.lastError()));
        return false;
    }
    emit attemptRecorded(attempt.learner, attempt.exerciseId);
    return true;
}

ExerciseProgress ProgressStore::progress(const QString& learner, const QString& exerciseId) const
{
    ExerciseProgress p;
    if (!open_) return p;
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT verdict FROM attempts WHERE learner = ? AND exercise_id = ? ORDER BY id"));
    q.addBindValue(learner);
    q.addBindValue(exerciseId);
    if (q.exec()) {
        while (q.next()) {
            AttemptRecord::Verdict v;
            if (!verdictFromName(q.value(0).toString(), &v)) continue;
            switch (v) {
            case AttemptRecord::Verdict::Correct:
                ++p.attempts;
                if (!p.solutionShown) p.solved = true;
                break;
            case AttemptRecord::Verdict::Wrong: ++p.attempts; break;
            case AttemptRecord::Verdict::Unreadable: break;
            case AttemptRecord::Verdict::SolutionShown: p.solutionShown = true; break;
            case AttemptRecord::Verdict::HintShown: ++p.hintsShown; break;
            }
        }
    }
    QSqlQuery v(db);
    v.prepare(QStringLiteral("SELECT variant FROM variants WHERE learner = ? AND exercise_id = ?"));
    v.addBindValue(learner);
    v.addBindValue(exerciseId);
    if (v.exec() && v.next()) p.variant = v.value(0).toInt();
    return p;
}

QList<AttemptRecord> ProgressStore::attempts(const QString& learner) const
{
    QList<AttemptRecord> out;
    if (!open_) return out;
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("SELECT exercise_id, variant, input, verdict, at FROM attempts WHERE learner = ? ORDER BY id"));
    q.addBindValue(learner);
    if (!q.exec()) return out;
    while (q.next()) {
        AttemptRecord a;
        a.learner = learner;
        a.exerciseId = q.value(0).toString();
        a.variant = q.value(1).toInt();
        a.input = q.value(2).toString();
        if (!verdictFromName(q.value(3).toString(), &a.verdict)) continue;
        a.when = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
        out.append(a);
    }
    return out;
}

bool ProgressStore::setVariant(const QString& learner, const QString& exerciseId, int variant, QString* error)
{
    if (!open_ || readOnly_) {
        if (error) *error = notSavedMessage(readOnly_ ? tr("the progress file is read-only") : tr("the progress file is not open"));
        return false;
    }
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO variants (learner, exercise_id, variant) VALUES (?, ?, ?)"));
    q.addBindValue(learner);
    q.addBindValue(exerciseId);
    q.addBindValue(variant);
    if (!q.exec()) {
        if (error) *error = notSavedMessage(writeFailure(q.lastError()));
        return false;
    }
    return true;
}

QStringList ProgressStore::learners() const
{
    QStringList out;
    if (!open_) return out;
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    if (q.exec(QStringLiteral("SELECT name FROM learners ORDER BY created, name")))
        while (q.next()) out << q.value(0).toString();
    return out;
}

bool ProgressStore::addLearner(const QString& name, QString* error)
{
    if (!open_ || readOnly_) {
        if (error) *error = notSavedMessage(readOnly_ ? tr("the progress file is read-only") : tr("the progress file is not open"));
        return false;
    }
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO learners (name, created) VALUES (?, ?)"));
    q.addBindValue(name);
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (!q.exec()) {
        if (error) *error = notSavedMessage(writeFailure(q.lastError()));
        return false;
    }
    return true;
}

} // namespace minima
