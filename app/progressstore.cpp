#include "app/progressstore.h"
#include "lessons/common/progressfold.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QThread>
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

#include <algorithm>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

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

// SQLite's primary result code (Qt passes the extended one, e.g. SQLITE_IOERR_WRITE = 778).
int primaryCode(const QSqlError& e) { return e.nativeErrorCode().toInt() & 0xff; }


} // namespace

// Busy and locked are waits that ran out, never damage; only SQLite's own verdicts of
// corruption (SQLITE_CORRUPT, SQLITE_NOTADB) are.
ProgressStore::Health ProgressStore::classify(const QSqlError& e)
{
    switch (primaryCode(e)) {
    case 5:    // SQLITE_BUSY
    case 6:    // SQLITE_LOCKED
        return Health::Busy;
    case 11:   // SQLITE_CORRUPT
    case 26:   // SQLITE_NOTADB
        return Health::Corrupt;
    default: return Health::Failed;
    }
}

ProgressStore::ProgressStore(const QString& dataDir, QObject* parent, int busyTimeoutMs)
    : ProgressSink(parent),
      dir_(dataDir),
      path_(QDir(dataDir).filePath(QStringLiteral("progress.sqlite"))),
      connection_(QStringLiteral("minima-progress-") + QUuid::createUuid().toString(QUuid::WithoutBraces)),
      busyTimeoutMs_(std::max(0, busyTimeoutMs))
{
    QString error;
    if (!QDir().mkpath(dir_)) {
        recoveryMessage_ = tr("Minima could not create its data folder %1, so progress will not be saved this time.")
                               .arg(QDir::toNativeSeparators(dir_));
        return;
    }
    const QFileInfo info(path_);
    const QString shown = QDir::toNativeSeparators(path_);
    // A link (even one that points nowhere) is not followed: SQLite would create or change
    // a file outside the data folder.
    if (info.isSymLink()) {
        recoveryMessage_ = tr("Your progress file %1 is a symbolic link; Minima does not follow it, so progress will not "
                              "be saved this time. Replace it with the file itself.").arg(shown);
        return;
    }
    const bool existed = info.exists();
    if (existed && !info.isFile()) {
        recoveryMessage_ = tr("%1 is %2, not a progress file; Minima left it as it is, so progress will not be saved "
                              "this time.").arg(shown, info.isDir() ? tr("a folder") : tr("a special file"));
        return;
    }
    if (existed && !info.isReadable()) {
        recoveryMessage_ = tr("Your progress file %1 cannot be read (its permissions forbid it); Minima left it as it is, "
                              "so progress will not be saved this time.").arg(shown);
        return;
    }
    if (!canWrite()) {
        // Read-only: show what was saved before, never take it for damage or move it.
        const QString where = QDir::toNativeSeparators(existed ? path_ : dir_);
        if (existed && openReadOnly(&error) && healthy(&error) == Health::Ok && version() == schemaVersion) {
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
    // SQLite waits out a lock itself (the busy timeout), but some waits it cannot take on (a
    // snapshot gone stale while others create the schema): those are retried until the same
    // timeout has passed.
    QElapsedTimer waited;
    waited.start();
    Health health = prepare(&error);
    while (health == Health::Busy && waited.elapsed() < busyTimeoutMs_) {
        QSqlDatabase::database(connection_, false).close();
        QThread::msleep(20);
        error.clear();
        health = prepare(&error);
    }
    if (health == Health::Ok) {
        open_ = true;
        return;
    }
    QSqlDatabase::database(connection_, false).close();
    if (health == Health::Busy) {
        // Another program holds the file: wait no longer, and leave it exactly where it is.
        busy_ = true;
        recoveryMessage_ = tr("Your progress file %1 is busy: another program has held it locked for more than %2 s, "
                              "so Minima left it as it is and will not save progress this time. Close the other "
                              "program and start Minima again.")
                               .arg(shown, QString::number(busyTimeoutMs_ / 1000.0, 'g', 3));
        return;
    }
    if (health == Health::Failed || !existed) {
        recoveryMessage_ = tr("Minima could not %1 its progress file (%2), so progress will not be saved this time.")
                               .arg(existed ? tr("open") : tr("create"), error.isEmpty() ? lastErrorText() : error);
        return;
    }
    // SQLite says the file is damaged.
    if (heldByAnotherProcess()) {
        recoveryMessage_ = tr("Your progress file %1 looks damaged, but another program has it open, so Minima left it "
                              "as it is and will not save progress this time.").arg(shown);
        return;
    }
    setAside();
    if (prepare(&error) == Health::Ok) open_ = true;
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

ProgressStore::Health ProgressStore::openAt(QString* error)
{
    QSqlDatabase db = QSqlDatabase::contains(connection_) ? QSqlDatabase::database(connection_, false)
                                                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
    // The busy timeout is set as the file opens, before any statement needs a lock.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs_));
    db.setDatabaseName(path_);
    if (!db.open()) {
        *error = db.lastError().text();
        return classify(db.lastError());
    }
    QSqlQuery q(db);
    // Full synchronous writes in a write-ahead log: an attempt that returned is on disk,
    // even if the app is killed the next instant.
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL"))) {
        *error = q.lastError().text();
        return classify(q.lastError());
    }
    q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
    return Health::Ok;
}

// Opens the file, checks what SQLite says of it, and brings its schema up to date.
ProgressStore::Health ProgressStore::prepare(QString* error)
{
    Health h = openAt(error);
    if (h == Health::Ok) h = healthy(error);
    if (h == Health::Ok) h = migrate(error);
    return h;
}

// Whether a process other than this one holds a lock on the file or its shared-memory index
// (SQLite's locks are POSIX advisory locks).
bool ProgressStore::heldByAnotherProcess() const
{
#ifdef Q_OS_UNIX
    for (const QString& file : {path_, path_ + QStringLiteral("-shm")}) {
        const int fd = ::open(QFile::encodeName(file).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
        if (fd < 0) continue;
        struct flock lock {};
        lock.l_type = F_WRLCK;
        lock.l_whence = SEEK_SET;
        lock.l_start = 0;
        lock.l_len = 0;   // the whole file, and beyond (SQLite locks bytes past 1 GiB)
        const bool held = ::fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
        ::close(fd);
        if (held) return true;
    }
#endif
    return false;
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

ProgressStore::Health ProgressStore::healthy(QString* error)
{
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next()) {
        *error = q.lastError().text();
        return classify(q.lastError());
    }
    // SQLite's own integrity check found damage.
    if (q.value(0).toString() != QStringLiteral("ok")) {
        *error = q.value(0).toString();
        return Health::Corrupt;
    }
    // Everything we will read must be readable: a damaged page often shows only here.
    for (const char* table : {"meta", "learners", "attempts", "variants"}) {
        QSqlQuery exists(db);
        exists.prepare(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?"));
        exists.addBindValue(QString::fromLatin1(table));
        if (!exists.exec() || !exists.next()) {
            *error = exists.lastError().text();
            return classify(exists.lastError());
        }
        if (exists.value(0).toInt() == 0) continue;
        QSqlQuery scan(db);
        if (!scan.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QString::fromLatin1(table)))) {
            *error = scan.lastError().text();
            return classify(scan.lastError());
        }
    }
    return Health::Ok;
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

// One immediate transaction: the version is read with the write lock held, so of several
// Minimas starting at once on an empty folder one creates the schema and the others find it.
ProgressStore::Health ProgressStore::migrate(QString* error)
{
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    auto failed = [&](const QSqlError& e) {
        *error = e.text();
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return classify(e);
    };
    {
        // Nothing to do (the usual start) needs no write lock.
        QSqlQuery meta(db);
        if (meta.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'")) && meta.next()
            && meta.value(0).toInt() == 1 && version() == schemaVersion)
            return Health::Ok;
    }
    QSqlQuery begin(db);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        *error = begin.lastError().text();
        return classify(begin.lastError());
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")))
        return failed(q.lastError());
    int current = version();
    if (current > schemaVersion) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        *error = tr("the progress file was written by a newer Minima (schema %1)").arg(current);
        return Health::Failed;
    }
    for (; current < schemaVersion; ++current) {
        for (const char* statement : migrations[current]) {
            if (!statement) break;
            QSqlQuery step(db);
            if (!step.exec(QString::fromLatin1(statement))) return failed(step.lastError());
        }
        QSqlQuery set(db);
        set.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)"));
        set.addBindValue(current + 1);
        if (!set.exec()) return failed(set.lastError());
    }
    QSqlQuery commit(db);
    if (!commit.exec(QStringLiteral("COMMIT"))) return failed(commit.lastError());
    return Health::Ok;
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
            if (verdictFromName(q.value(0).toString(), &v)) foldVerdict(p, v);
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
