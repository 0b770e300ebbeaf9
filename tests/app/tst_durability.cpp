#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include "app/progressstore.h"

using namespace minima;

// No lost attempts: an attempt that was recorded survives the app being killed at once.
class TestDurability : public QObject {
    Q_OBJECT
private slots:
    void attemptSurvivesSigkill_data()
    {
        QTest::addColumn<int>("round");
        for (int i = 0; i < 5; ++i) QTest::newRow(qPrintable(QStringLiteral("kill %1").arg(i + 1))) << i;
    }
    void attemptSurvivesSigkill()
    {
        QFETCH(int, round);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString exercise = QStringLiteral("durability.%1").arg(round);
        QProcess writer;
        writer.start(QStringLiteral(ATTEMPT_WRITER), {dir.path(), exercise});
        QVERIFY(writer.waitForStarted(10000));
        QByteArray said;
        QVERIFY(QTest::qWaitFor([&] {
            writer.waitForReadyRead(50);
            said += writer.readAllStandardOutput();
            return said.contains("recorded") || writer.state() == QProcess::NotRunning;
        }, 20000));
        QVERIFY2(said.contains("recorded"), writer.readAllStandardError().constData());
        writer.kill();   // SIGKILL: no destructors, no flush, no close
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

        ProgressStore store(dir.path());
        QVERIFY(store.isOpen());
        QVERIFY(store.recoveryMessage().isEmpty());
        const auto attempts = store.attempts(QStringLiteral("Ada"));
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().exerciseId, exercise);
        QVERIFY(store.progress(QStringLiteral("Ada"), exercise).solved);
    }
};

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
