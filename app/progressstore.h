#pragma once
// The learner's progress, kept in SQLite through Qt SQL (QSQLITE): learners, attempts
// and the variant each learner is on, with a schema version and migrations.
//
// A file that is not a readable Minima database is set aside (renamed, never deleted),
// the store starts clean, and recoveryMessage() says so in one sentence. A progress file or
// folder that cannot be written (read-only) is never taken for damage: the learner's progress
// is shown as it is and saving is refused with a clear reason. A write that fails (a full
// disk) loses nothing already saved, and the next one that can be written is.
#include <QString>

#include "lessons/common/progresssink.h"

namespace minima {

class ProgressStore : public ProgressSink {
    Q_OBJECT
public:
    static constexpr int schemaVersion = 2;

    // Opens (creating if needed) <dataDir>/progress.sqlite.
    explicit ProgressStore(const QString& dataDir, QObject* parent = nullptr);
    ~ProgressStore() override;

    // False when even a fresh database could not be made (e.g. a read-only directory);
    // then every call fails with a readable error and the app keeps working.
    bool isOpen() const { return open_; }
    // True when progress can be read but not written (a read-only file or folder).
    bool isReadOnly() const { return readOnly_; }
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
    bool openAt(QString* error);
    bool openReadOnly(QString* error);
    bool canWrite() const;
    bool migrate(QString* error);
    bool healthy();
    void setAside();
    QString lastErrorText() const;

    QString dir_;
    QString path_;
    QString connection_;
    QString recoveryMessage_;
    bool open_ = false;
    bool readOnly_ = false;
};

} // namespace minima
