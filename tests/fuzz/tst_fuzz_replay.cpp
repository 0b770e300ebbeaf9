// Replays every file of the fuzz corpora (tests/fuzz/corpus/answers, packs and labstates, seeds
// and the inputs the fuzzers found) through the same entry points as the fuzz targets, in
// the normal build: nothing may crash, and every answer and pack must keep the checker's and
// the reader's promises.
#include <QtTest>

#include <QDir>
#include <QDirIterator>
#include <QFile>

#include "tests/fuzz/answerinput.h"
#include "tests/fuzz/labstateinput.h"
#include "tests/fuzz/packinput.h"

class FuzzReplay : public QObject {
    Q_OBJECT

private:
    static void corpusRows(const QString& folder)
    {
        QTest::addColumn<QString>("path");
        const QString root = QStringLiteral(MINIMA_FUZZ_CORPUS_DIR "/") + folder;
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        QStringList paths;
        while (it.hasNext()) paths.append(it.next());
        paths.sort();
        for (const QString& path : paths)
            QTest::newRow(qPrintable(QDir(root).relativeFilePath(path))) << path;
    }

private slots:
    // The corpora are there: a replay over an empty folder would pass without trying anything.
    void corporaPresent_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<int>("atLeast");
        QTest::newRow("answers") << QStringLiteral("answers") << 30;
        QTest::newRow("packs") << QStringLiteral("packs") << 6;
        QTest::newRow("labstates") << QStringLiteral("labstates") << 5;
    }
    void corporaPresent()
    {
        QFETCH(QString, folder);
        QFETCH(int, atLeast);
        const QDir dir(QStringLiteral(MINIMA_FUZZ_CORPUS_DIR "/") + folder);
        QVERIFY2(dir.exists(), qPrintable(dir.path()));
        QVERIFY(int(dir.entryList(QDir::Files | QDir::Hidden).size()) >= atLeast);
    }

    void answers_data() { corpusRows(QStringLiteral("answers")); }
    void answers()
    {
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = f.readAll();
        const std::string broken =
            minima::fuzz::runAnswerInput(reinterpret_cast<const std::uint8_t*>(bytes.constData()), std::size_t(bytes.size()));
        QVERIFY2(broken.empty(), broken.c_str());
    }

    void packs_data() { corpusRows(QStringLiteral("packs")); }
    void packs()
    {
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = f.readAll();
        const std::string broken =
            minima::fuzz::runPackInput(reinterpret_cast<const std::uint8_t*>(bytes.constData()), std::size_t(bytes.size()));
        QVERIFY2(broken.empty(), broken.c_str());
    }

    void labStates_data() { corpusRows(QStringLiteral("labstates")); }
    void labStates()
    {
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = f.readAll();
        const std::string broken =
            minima::fuzz::runLabStateInput(reinterpret_cast<const std::uint8_t*>(bytes.constData()), std::size_t(bytes.size()));
        QVERIFY2(broken.empty(), broken.c_str());
    }
};

QTEST_GUILESS_MAIN(FuzzReplay)
#include "tst_fuzz_replay.moc"
