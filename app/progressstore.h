#pragma once
// The learner's progress, kept in SQLite through Qt SQL (QSQLITE): learners, attempts
// and the variant each learner is on, with a schema version and migrations.
//
// Only a file that SQLite itself reports as damaged (SQLITE_CORRUPT, SQLITE_NOTADB, or an
// integrity check that fails) is set aside (renamed, never deleted), and never while another
// process has it open; the store then starts clean and recoveryMessage() says so in one
// sentence. A store that another program holds locked is waited for (busyTimeoutMs), then
// reported as busy and left exactly where it is. Several Minimas starting at once on an
// empty folder create the schema once, in one transaction. A progress file that is a
// symbolic link is refused, never followed; a folder or an unreadable file in its place is
// named as such. A progress file or
// folder that cannot be written (read-only) is never taken for damage: the learner's progress
// is shown as it is and saving is refused with a clear reason. A write that fails (a full
// disk) loses nothing already saved, and the next one that can be written is.
#include <QString>

class QSqlError;

#include "lessons/common/progresssink.h"

namespace minima {

class ProgressStore : public ProgressSink {
    Q_OBJECT
public:
    static constexpr int schemaVersion = 2;

    // How long a locked store is waited for before it is reported as busy.
    static constexpr int defaultBusyTimeoutMs = 5000;

    // Opens (creating if needed) <dataDir>/progress.sqlite.
    explicit ProgressStore(const QString& dataDir, QObject* parent = nullptr, int busyTimeoutMs = defaultBusyTimeoutMs);
    ~ProgressStore() override;

    // False when even a fresh database could not be made (e.g. a read-only directory);
    // then every call fails with a readable error and the app keeps working.
    bool isOpen() const { return open_; }
    // True when progress can be read but not written (a read-only file or folder).
    bool isReadOnly() const { return readOnly_; }
    // True when another program held the store locked for longer than the busy timeout.
    bool isBusy() const { return busy_; }
    QString filePath() const { return path_; }
    // Non-empty when the file was damaged and set aside, or could not be opened.
    QString recoveryMessage() const { return recoveryMessage_; }
    int version() const;

    bool recordAttempt(const AttemptRecord& attempt, QString* error) override;
    ExerciseProgress progress(const QString& learner, const QString& exerciseId) const override;
    QList<AttemptRecord> attempts(const QString& learner) const override;
    bool setVariant(const QString& learner, const QString& exerciseId, int variant, QString* error) override;

    QStringList learners() const;
    bool addLearner(const QString& name, QString* error);

private:
    // What SQLite said about the file.
    enum class Health { Ok, Busy, Corrupt, Failed };
    Health openAt(QString* error);
    bool openReadOnly(QString* error);
    bool canWrite() const;
    Health migrate(QString* error);
    Health healthy(QString* error);
    Health prepare(QString* error);
    bool heldByAnotherProcess() const;
    static Health classify(const QSqlError& e);
    void setAside();
    QString lastErrorText() const;

    QString dir_;
    QString path_;
    QString connection_;
    QString recoveryMessage_;
    int busyTimeoutMs_ = defaultBusyTimeoutMs;
    bool open_ = false;
    bool readOnly_ = false;
    bool busy_ = false;
};

} // namespace minima
