#include <QtTest>

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QRandomGenerator>
#include <QProcess>
#include <QSqlError>

#include <unistd.h>
#include <fcntl.h>
#include <csignal>
#include <sys/wait.h>

#include "app/progressstore.h"
#include "common/fsguards.h"
#include "common/testbudget.h"

using namespace minima;

class TestProgressStore : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> dir;

    static AttemptRecord attempt(const QString& exercise, AttemptRecord::Verdict v, const QString& input = QStringLiteral("42"))
    {
        AttemptRecord a;
        a.learner = QStringLiteral("Ada");
        a.exerciseId = exercise;
        a.variant = 3;
        a.input = input;
        a.verdict = v;
        a.when = QDateTime(QDate(2026, 11, 27), QTime(10, 0, 0, 123), Qt::UTC);
        return a;
    }

    void writeValidStoreWithAttempts(int count)
    {
        ProgressStore store(dir->path());
        QVERIFY(store.isOpen());
        for (int i = 0; i < count; ++i)
            QVERIFY(store.recordAttempt(attempt(QStringLiteral("ex.%1").arg(i), AttemptRecord::Verdict::Wrong,
                                                QString(200, QLatin1Char('x'))), nullptr));
    }

private slots:
    void init() { dir = std::make_unique<QTemporaryDir>(); QVERIFY(dir->isValid()); }
    void cleanup() { dir.reset(); }

    void roundTrip()
    {
        {
            ProgressStore store(dir->path());
            QVERIFY(store.isOpen());
            QVERIFY(store.recoveryMessage().isEmpty());
            QCOMPARE(store.version(), ProgressStore::schemaVersion);
            QSignalSpy recorded(&store, &ProgressSink::attemptRecorded);
            QVERIFY(store.recordAttempt(attempt(QStringLiteral("a.one"), AttemptRecord::Verdict::Unreadable, QStringLiteral("n!^")), nullptr));
            QVERIFY(store.recordAttempt(attempt(QStringLiteral("a.one"), AttemptRecord::Verdict::Wrong, QStringLiteral("n^l")), nullptr));
            QVERIFY(store.recordAttempt(attempt(QStringLiteral("a.one"), AttemptRecord::Verdict::HintShown, QString()), nullptr));
            QVERIFY(store.recordAttempt(attempt(QStringLiteral("a.one"), AttemptRecord::Verdict::Correct, QStringLiteral("n!^l")), nullptr));
            QVERIFY(store.setVariant(QStringLiteral("Ada"), QStringLiteral("a.one"), 4, nullptr));
            QVERIFY(store.addLearner(QStringLiteral("Ada"), nullptr));
            QCOMPARE(recorded.count(), 4);
            QCOMPARE(recorded.first().at(1).toString(), QStringLiteral("a.one"));
        }
        ProgressStore reopened(dir->path());
        const ExerciseProgress p = reopened.progress(QStringLiteral("Ada"), QStringLiteral("a.one"));
        QVERIFY(p.solved);
        QCOMPARE(p.attempts, 2);   // "could not read" is not an attempt
        QCOMPARE(p.hintsShown, 1);
        QCOMPARE(p.variant, 4);
        QVERIFY(!p.solutionShown);
        const auto all = reopened.attempts(QStringLiteral("Ada"));
        QCOMPARE(all.size(), 4);
        QCOMPARE(all[1].input, QStringLiteral("n^l"));
        QCOMPARE(all[1].verdict, AttemptRecord::Verdict::Wrong);
        QCOMPARE(all[1].variant, 3);
        QCOMPARE(all[1].when, QDateTime(QDate(2026, 11, 27), QTime(10, 0, 0, 123), Qt::UTC));
        QCOMPARE(reopened.learners(), QStringList{QStringLiteral("Ada")});
        QVERIFY(reopened.attempts(QStringLiteral("Bob")).isEmpty());
        QVERIFY(!reopened.progress(QStringLiteral("Bob"), QStringLiteral("a.one")).solved);
    }

    void solutionShownFirstDoesNotCountAsSolved()
    {
        ProgressStore store(dir->path());
        QVERIFY(store.recordAttempt(attempt(QStringLiteral("b"), AttemptRecord::Verdict::SolutionShown, QString()), nullptr));
        QVERIFY(store.recordAttempt(attempt(QStringLiteral("b"), AttemptRecord::Verdict::Correct), nullptr));
        const ExerciseProgress p = store.progress(QStringLiteral("Ada"), QStringLiteral("b"));
        QVERIFY(p.solutionShown);
        QVERIFY(!p.solved);
    }

    void migratesVersionOne()
    {
        // A version 1 file, as the first release wrote it: no variants table.
        const QString path = dir->filePath(QStringLiteral("progress.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO meta VALUES ('schema_version', '1')")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE learners (name TEXT PRIMARY KEY, created TEXT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, learner TEXT NOT NULL, "
                                          "exercise_id TEXT NOT NULL, variant INTEGER NOT NULL, input TEXT NOT NULL, "
                                          "verdict TEXT NOT NULL, at TEXT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO attempts (learner, exercise_id, variant, input, verdict, at) "
                                          "VALUES ('Ada', 'old.one', 0, '36', 'correct', '2026-01-01T00:00:00.000Z')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        ProgressStore store(dir->path());
        QVERIFY(store.isOpen());
        QVERIFY(store.recoveryMessage().isEmpty());
        QCOMPARE(store.version(), 2);
        QVERIFY(store.progress(QStringLiteral("Ada"), QStringLiteral("old.one")).solved);
        QVERIFY(store.setVariant(QStringLiteral("Ada"), QStringLiteral("old.one"), 2, nullptr));   // the v2 table works
        QCOMPARE(store.progress(QStringLiteral("Ada"), QStringLiteral("old.one")).variant, 2);
    }

    void recoversFromDamage_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("random bytes") << "random";
        QTest::newRow("truncated to half") << "truncate";
        QTest::newRow("truncated to 100 bytes") << "truncate100";
        QTest::newRow("header overwritten") << "header";
        QTest::newRow("empty file") << "empty";
    }
    void recoversFromDamage()
    {
        QFETCH(QString, damage);
        const QString path = dir->filePath(QStringLiteral("progress.sqlite"));
        if (damage == QLatin1String("random")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QRandomGenerator rng(7);
            QByteArray bytes(64 * 1024, Qt::Uninitialized);
            for (char& c : bytes) c = char(rng.bounded(256));
            f.write(bytes);
        } else {
            writeValidStoreWithAttempts(400);
            // Fold the write-ahead log in so the damage hits the main file.
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fold"));
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
                QSqlQuery(db).exec(QStringLiteral("PRAGMA journal_mode=DELETE"));
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("fold"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            if (damage == QLatin1String("truncate")) QVERIFY(f.resize(f.size() / 2));
            else if (damage == QLatin1String("truncate100")) QVERIFY(f.resize(100));
            else if (damage == QLatin1String("empty")) QVERIFY(f.resize(0));
            else f.write(QByteArray(100, 'Z'));
        }
        ProgressStore store(dir->path());
        if (damage == QLatin1String("empty")) {
            // SQLite treats an empty file as a new database: nothing to set aside.
            QVERIFY(store.isOpen());
            return;
        }
        QVERIFY2(store.isOpen(), qPrintable(store.recoveryMessage()));
        QVERIFY(store.recoveryMessage().contains(QStringLiteral("damaged")));
        QCOMPARE(store.recoveryMessage().count(QLatin1Char('.')) >= 1, true);
        // The damaged file is kept beside the new one, never deleted.
        const QStringList aside = QDir(dir->path()).entryList({QStringLiteral("progress.sqlite.damaged-*")}, QDir::Files);
        QVERIFY(!aside.isEmpty());
        // And the fresh store works.
        QVERIFY(store.recordAttempt(attempt(QStringLiteral("after"), AttemptRecord::Verdict::Correct), nullptr));
        QVERIFY(store.progress(QStringLiteral("Ada"), QStringLiteral("after")).solved);
    }

    void dataDirectoryThatCannotBeMadeKeepsWorking()
    {
        // A data "directory" that is a file: nothing can be saved, the learner is told, nothing crashes.
        const QString blocker = dir->filePath(QStringLiteral("not-a-directory"));
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        ProgressStore store(blocker + QStringLiteral("/minima"));
        QVERIFY(!store.isOpen());
        QVERIFY(store.recoveryMessage().contains(QStringLiteral("will not be saved")));
        QString error;
        QVERIFY(!store.recordAttempt(attempt(QStringLiteral("x"), AttemptRecord::Verdict::Correct), &error));
        QVERIFY(error.contains(QStringLiteral("could not be saved")));
        QVERIFY(!store.progress(QStringLiteral("Ada"), QStringLiteral("x")).solved);
        QVERIFY(store.attempts(QStringLiteral("Ada")).isEmpty());
    }

    void readOnlyDirectoryKeepsWorking()
    {
        // A folder the learner may not write to, with no progress in it yet: nothing can be
        // saved, the learner is told why, nothing crashes.
        QFile::setPermissions(dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                               | QFileDevice::ReadOther | QFileDevice::ExeOther);
        QVERIFY(QDir(dir->path()).mkdir(QStringLiteral("locked")));
        const QString locked = dir->filePath(QStringLiteral("locked"));
        QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                                                  | QFileDevice::ExeOther));
        {
            test::AsUnprivilegedUser learner;
            if (geteuid() == 0) QSKIP("running as root without the right to change user");
            ProgressStore store(locked);
            QVERIFY(!store.isOpen());
            QVERIFY2(store.recoveryMessage().contains(QStringLiteral("read-only")), qPrintable(store.recoveryMessage()));
            QString error;
            QVERIFY(!store.recordAttempt(attempt(QStringLiteral("x"), AttemptRecord::Verdict::Correct), &error));
            QVERIFY(error.contains(QStringLiteral("could not be saved")));
        }
        QVERIFY(QDir(locked).entryList(QDir::Files | QDir::Hidden).isEmpty());
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    // Progress the learner may read but not write (the file, or the whole folder, read-only):
    // shown as it is, saving refused with the reason, and never taken for damage or moved.
    void readOnlyProgressIsShownNotSetAside_data()
    {
        QTest::addColumn<bool>("folderToo");
        QTest::newRow("file read-only") << false;
        QTest::newRow("folder read-only") << true;
    }
    void readOnlyProgressIsShownNotSetAside()
    {
        QFETCH(bool, folderToo);
        writeValidStoreWithAttempts(3);
        const QString file = dir->filePath(QStringLiteral("progress.sqlite"));
        const QByteArray before = [&] { QFile f(file); return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray(); }();
        QVERIFY(!before.isEmpty());
        const auto readable = QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
        const auto enterable = QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther;
        QVERIFY(QFile::setPermissions(file, readable));
        QVERIFY(QFile::setPermissions(dir->path(), readable | enterable | (folderToo ? QFileDevice::Permissions() : QFileDevice::WriteOwner | QFileDevice::WriteOther)));
        {
            test::AsUnprivilegedUser learner;
            if (geteuid() == 0) QSKIP("running as root without the right to change user");
            ProgressStore store(dir->path());
            QVERIFY(store.isOpen());
            QVERIFY(store.isReadOnly());
            QVERIFY2(store.recoveryMessage().contains(QStringLiteral("read-only")), qPrintable(store.recoveryMessage()));
            QVERIFY(!store.recoveryMessage().contains(QStringLiteral("damaged")));
            QCOMPARE(store.attempts(QStringLiteral("Ada")).size(), 3);
            QCOMPARE(store.progress(QStringLiteral("Ada"), QStringLiteral("ex.1")).attempts, 1);
            QString error;
            QVERIFY(!store.recordAttempt(attempt(QStringLiteral("new"), AttemptRecord::Verdict::Correct), &error));
            QVERIFY2(error.contains(QStringLiteral("could not be saved")) && error.contains(QStringLiteral("read-only")),
                     qPrintable(error));
            QVERIFY(!store.setVariant(QStringLiteral("Ada"), QStringLiteral("ex.1"), 4, &error));
        }
        QFile::setPermissions(dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        // Nothing set aside, nothing changed.
        const QStringList files = QDir(dir->path()).entryList(QDir::Files);
        QVERIFY2(files.filter(QStringLiteral("damaged")).isEmpty(), qPrintable(files.join(u' ')));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }

    // A full disk: the write that does not fit is refused with the reason, everything saved
    // before stays readable, and once there is room again the next attempt is saved.
    void fullDiskLosesNothing()
    {
        ProgressStore store(dir->path());
        QVERIFY(store.isOpen());
        for (int i = 0; i < 3; ++i)
            QVERIFY(store.recordAttempt(attempt(QStringLiteral("ex.%1").arg(i), AttemptRecord::Verdict::Wrong), nullptr));
        QString error;
        {
            test::FileSizeLimit full(1024);
            QVERIFY(full.ok());
            QVERIFY(!store.recordAttempt(attempt(QStringLiteral("lost"), AttemptRecord::Verdict::Correct,
                                                 QString(4000, QLatin1Char('9'))), &error));
            QVERIFY2(error.contains(QStringLiteral("could not be saved")) && error.contains(QStringLiteral("full")),
                     qPrintable(error));
            // Reading still works while the disk is full.
            QCOMPARE(store.attempts(QStringLiteral("Ada")).size(), 3);
            QVERIFY(!store.progress(QStringLiteral("Ada"), QStringLiteral("lost")).solved);
        }
        QVERIFY2(store.recordAttempt(attempt(QStringLiteral("after"), AttemptRecord::Verdict::Correct), &error),
                 qPrintable(error));
        QCOMPARE(store.attempts(QStringLiteral("Ada")).size(), 4);
        // And the file is sound when opened again.
        ProgressStore again(dir->path());
        QVERIFY(again.isOpen());
        QVERIFY2(again.recoveryMessage().isEmpty(), qPrintable(again.recoveryMessage()));
        QCOMPARE(again.attempts(QStringLiteral("Ada")).size(), 4);
        QVERIFY(again.progress(QStringLiteral("Ada"), QStringLiteral("after")).solved);
    }

    // Eight Minimas started at once on an empty data folder: one schema, created once, every
    // attempt saved, nothing set aside and nothing to report. Twenty rounds, each a new folder.
    void concurrentFirstStartsMakeOneSoundStore()
    {
        constexpr int rounds = 20;
        constexpr int instances = 8;
        for (int round = 0; round < rounds; ++round) {
            QTemporaryDir folder;
            QVERIFY(folder.isValid());
            std::vector<std::unique_ptr<QProcess>> writers;
            for (int i = 0; i < instances; ++i) {
                auto p = std::make_unique<QProcess>();
                p->setProgram(QStringLiteral(ATTEMPT_WRITER));
                p->setArguments({folder.path(), QStringLiteral("round%1.writer%2").arg(round).arg(i), QStringLiteral("exit")});
                writers.push_back(std::move(p));
            }
            for (auto& p : writers) p->start();
            for (auto& p : writers) {
                QVERIFY2(p->waitForFinished(test::waitMs(30000)), "a writer hung");
                const QString said = QString::fromLocal8Bit(p->readAllStandardError());
                QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
                         qPrintable(QStringLiteral("round %1: exit %2: %3").arg(round).arg(p->exitCode()).arg(said)));
                QVERIFY2(said.isEmpty(), qPrintable(said));
            }
            const QStringList files = QDir(folder.path()).entryList(QDir::Files | QDir::Hidden);
            QVERIFY2(files.filter(QStringLiteral("damaged")).isEmpty(), qPrintable(files.join(u' ')));
            QVERIFY2(files.filter(QStringLiteral(".sqlite")).filter(QRegularExpression(QStringLiteral("^progress\\.sqlite(-wal|-shm)?$"))).size()
                         == files.filter(QStringLiteral(".sqlite")).size(),
                     qPrintable(files.join(u' ')));
            ProgressStore store(folder.path());
            QVERIFY2(store.isOpen() && store.recoveryMessage().isEmpty(), qPrintable(store.recoveryMessage()));
            QCOMPARE(store.version(), ProgressStore::schemaVersion);
            QCOMPARE(store.attempts(QStringLiteral("Ada")).size(), instances);
        }
    }

    // Another program holds the store under an exclusive lock for longer than Minima waits:
    // the learner is told it is busy, the file stays where it was, unchanged, and the other
    // program's work commits.
    void exclusiveLockLeavesStoreWhereItWas()
    {
        writeValidStoreWithAttempts(51);
        const QString file = dir->filePath(QStringLiteral("progress.sqlite"));
        const QStringList before = QDir(dir->path()).entryList(QDir::Files);
        {
            QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
            holder.setDatabaseName(file);
            QVERIFY(holder.open());
            QSqlQuery q(holder);
            QVERIFY(q.exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE")));
            QVERIFY2(q.exec(QStringLiteral("BEGIN EXCLUSIVE")), qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO learners (name, created) VALUES ('Other', '2026-12-01')")));
            {
                // The lock (held for the rest of this block, which is longer than the wait) outlasts the 300 ms wait.
                ProgressStore store(dir->path(), nullptr, 300);
                QVERIFY(!store.isOpen());
                QVERIFY(store.isBusy());
                QVERIFY2(store.recoveryMessage().contains(QStringLiteral("busy")), qPrintable(store.recoveryMessage()));
                QVERIFY(!store.recoveryMessage().contains(QStringLiteral("damaged")));
                QString error;
                QVERIFY(!store.recordAttempt(attempt(QStringLiteral("late"), AttemptRecord::Verdict::Correct), &error));
                QVERIFY(QFile::exists(file));
                const QStringList during = QDir(dir->path()).entryList(QDir::Files);
                QVERIFY2(during.filter(QStringLiteral("damaged")).isEmpty(), qPrintable(during.join(u' ')));
            }
            QVERIFY2(q.exec(QStringLiteral("COMMIT")), qPrintable(q.lastError().text()));
            holder.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        QCOMPARE(QDir(dir->path()).entryList(QDir::Files).filter(QStringLiteral("damaged")), QStringList());
        ProgressStore again(dir->path());
        QVERIFY2(again.isOpen() && again.recoveryMessage().isEmpty(), qPrintable(again.recoveryMessage()));
        QCOMPARE(again.attempts(QStringLiteral("Ada")).size(), 51);
        QVERIFY(again.learners().contains(QStringLiteral("Other")));
        Q_UNUSED(before);
    }

    // A file SQLite reports as damaged is not set aside while another process has it open
    // (here a child holding a POSIX lock on it, as SQLite does); once it is closed, it is.
    void damagedStoreHeldByAnotherProcessStaysPut()
    {
        const QString path = dir->filePath(QStringLiteral("progress.sqlite"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'Z'));   // not a database
        }
        int ready[2];
        QCOMPARE(::pipe(ready), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            const int fd = ::open(path.toLocal8Bit().constData(), O_RDWR);
            struct flock lock {};
            lock.l_type = F_RDLCK;
            lock.l_whence = SEEK_SET;
            const bool locked = fd >= 0 && ::fcntl(fd, F_SETLK, &lock) == 0;
            const char c = locked ? '1' : '0';
            (void)!::write(ready[1], &c, 1);
            for (;;) ::pause();
        }
        ::close(ready[1]);
        char c = 0;
        QCOMPARE(::read(ready[0], &c, 1), ssize_t(1));
        ::close(ready[0]);
        QCOMPARE(c, '1');
        {
            ProgressStore store(dir->path(), nullptr, 200);
            QVERIFY(!store.isOpen());
            QVERIFY2(store.recoveryMessage().contains(QStringLiteral("another program has it open")), qPrintable(store.recoveryMessage()));
            QVERIFY(QDir(dir->path()).entryList(QDir::Files).filter(QStringLiteral("damaged")).isEmpty());
            QVERIFY(QFile::exists(path));
        }
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
        ProgressStore store(dir->path());
        QVERIFY2(store.isOpen(), qPrintable(store.recoveryMessage()));
        QVERIFY(store.recoveryMessage().contains(QStringLiteral("damaged")));
        QCOMPARE(QDir(dir->path()).entryList({QStringLiteral("progress.sqlite.damaged-*")}, QDir::Files).size(), 1);
    }

    // A progress file that is a symbolic link (here one that points nowhere) is refused, and
    // nothing is created where it points.
    void symlinkedStoreIsRefusedNotFollowed()
    {
        QTemporaryDir outside;
        QVERIFY(outside.isValid());
        const QString target = outside.filePath(QStringLiteral("elsewhere.sqlite"));
        QVERIFY(QFile::link(target, dir->filePath(QStringLiteral("progress.sqlite"))));
        ProgressStore store(dir->path());
        QVERIFY(!store.isOpen());
        QVERIFY2(store.recoveryMessage().contains(QStringLiteral("symbolic link")), qPrintable(store.recoveryMessage()));
        QVERIFY(!QFileInfo::exists(target));
        QVERIFY(QDir(outside.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
        QVERIFY(QFileInfo(dir->filePath(QStringLiteral("progress.sqlite"))).isSymLink());
    }

    // A folder in the progress file's place is named as a folder, not called read-only.
    void folderInPlaceOfStoreIsNamed()
    {
        QVERIFY(QDir(dir->path()).mkdir(QStringLiteral("progress.sqlite")));
        ProgressStore store(dir->path());
        QVERIFY(!store.isOpen());
        QVERIFY2(store.recoveryMessage().contains(QStringLiteral("a folder")), qPrintable(store.recoveryMessage()));
        QVERIFY(!store.recoveryMessage().contains(QStringLiteral("read-only")));
        QVERIFY(QFileInfo(dir->filePath(QStringLiteral("progress.sqlite"))).isDir());
    }

    // A progress file with mode 000 cannot be read: said so, not "read-only", not set aside.
    void unreadableStoreIsNamedNotSetAside()
    {
        writeValidStoreWithAttempts(2);
        const QString file = dir->filePath(QStringLiteral("progress.sqlite"));
        QFile::setPermissions(dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                               | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther);
        QVERIFY(QFile::setPermissions(file, QFileDevice::Permissions()));
        {
            test::AsUnprivilegedUser learner;
            if (geteuid() == 0) QSKIP("running as root without the right to change user");
            ProgressStore store(dir->path());
            QVERIFY(!store.isOpen());
            QVERIFY2(store.recoveryMessage().contains(QStringLiteral("cannot be read")), qPrintable(store.recoveryMessage()));
            QVERIFY(!store.recoveryMessage().contains(QStringLiteral("read-only")));
        }
        QFile::setPermissions(dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QVERIFY(QDir(dir->path()).entryList(QDir::Files).filter(QStringLiteral("damaged")).isEmpty());
    }
};

QTEST_MAIN(TestProgressStore)
#include "tst_progressstore.moc"
