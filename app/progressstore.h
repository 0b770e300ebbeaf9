#pragma once
// The learner's progress, kept in SQLite through Qt SQL (QSQLITE): learners, attempts
// and the variant each learner is on, with a schema version and migrations.
//
// A file that is not a readable Minima database is set aside (renamed, never deleted),
// the store starts clean, and recoveryMessage() says so in one sentence.
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
    bool migrate(QString* error);
    bool healthy();
    void setAside();
    QString lastErrorText() const;

    QString dir_;
    QString path_;
    QString connection_;
    QString recoveryMessage_;
    bool open_ = false;
};

} // namespace minima
