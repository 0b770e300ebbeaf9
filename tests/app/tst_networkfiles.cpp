#include <QtTest>

#include <QFileInfo>
#include <QTemporaryDir>

#include "engine/nn/datasets.h"
#include "engine/nn/network.h"
#include "lessons/common/boundedread.h"
#include "lessons/common/networkfiles.h"

using namespace minima;

class TestNetworkFiles : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> dir;
    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = dir->filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return {};
        f.write(bytes);
        return path;
    }

private slots:
    // The bounded reader every loader uses: the cap holds when the file system reports size 0
    // (a /proc file is a regular file of size 0 that reads on), and on what inflates.
    void boundedReaderCapsWhatIsRead()
    {
        QByteArray bytes;
        QString error;
        QVERIFY(QFileInfo(QStringLiteral("/proc/self/status")).size() == 0);
        QVERIFY(!readBoundedFile(QStringLiteral("/proc/self/status"), 16, &bytes, &error));
        QVERIFY2(error.contains(QStringLiteral("larger than 16 bytes")), qPrintable(error));
        QVERIFY2(readBoundedFile(QStringLiteral("/proc/self/status"), 1 << 20, &bytes, &error), qPrintable(error));
        QVERIFY(bytes.contains("Name:"));
        QVERIFY(!readBoundedFile(QStringLiteral("/dev/zero"), 1 << 20, &bytes, &error));
        QVERIFY2(error.contains(QStringLiteral("device")), qPrintable(error));

        const QByteArray big(4 << 20, 'a');
        QByteArray packed = qCompress(big, 9);
        packed[0] = 0; packed[1] = 0; packed[2] = 0x03; packed[3] = char(0xE8);   // claims 1,000 bytes
        QByteArray out;
        bool tooLarge = false;
        QVERIFY(!boundedUncompress(packed, 256 * 1024, &out, &tooLarge));
        QVERIFY(tooLarge);
        QVERIFY(out.isEmpty());
        const QByteArray honest = qCompress(QByteArray("minima"), 9);
        QVERIFY(boundedUncompress(honest, 256 * 1024, &out));
        QCOMPARE(out, QByteArray("minima"));
        QVERIFY(!boundedUncompress(honest.left(honest.size() - 3), 256 * 1024, &out));   // cut short
    }

    void init() { dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { dir.reset(); }

    void networkRoundTripsExactly()
    {
        Network net({2, 5, 3, 1}, {Activation::Tanh, Activation::ReLU}, OutputActivation::Sigmoid);
        net.initialise(Initialisation::Xavier, 11);
        net.parameters()[3] = 0.1 + 0.2;   // a number that needs all 17 digits
        const QString path = dir->filePath(QStringLiteral("net.json"));
        QString error;
        QVERIFY2(saveNetwork(net, path, &error), qPrintable(error));
        Network back;
        QVERIFY2(loadNetwork(path, &back, &error), qPrintable(error));
        QCOMPARE(back.widths(), net.widths());
        QCOMPARE(back.hiddenActivation(0), Activation::Tanh);
        QCOMPARE(back.hiddenActivation(1), Activation::ReLU);
        QCOMPARE(back.output(), OutputActivation::Sigmoid);
        QVERIFY(back.parameters() == net.parameters());   // bit for bit
    }

    void datasetRoundTripsExactly()
    {
        const Dataset moons = twoMoons(50, 0.1, 3);
        const QString path = dir->filePath(QStringLiteral("moons.csv"));
        QString error;
        QVERIFY2(saveDataset(moons, path, &error), qPrintable(error));
        Dataset back;
        QVERIFY2(loadDataset(path, &back, &error), qPrintable(error));
        QVERIFY(back.inputs == moons.inputs);
        QVERIFY(back.targets == moons.targets);
        QVERIFY(back.classification);
    }

    // Whole labels 0..K-1 with K > 2 make a multi-class set; 0/1 stay binary, other values regression.
    void readsClassLabels_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<int>("classes");
        QTest::addColumn<bool>("binary");
        QTest::newRow("digits 0..9") << QByteArray("x1,y\n0.5,0\n0.1,9\n0.2,3\n") << 10 << false;
        QTest::newRow("three classes") << QByteArray("x1,x2,y\n1,2,2\n3,4,1\n5,6,0\n") << 3 << false;
        QTest::newRow("binary") << QByteArray("x1,y\n1,0\n2,1\n") << 0 << true;
        QTest::newRow("fractional") << QByteArray("x1,y\n1,0\n2,2.5\n") << 0 << false;
        QTest::newRow("negative") << QByteArray("x1,y\n1,-1\n2,3\n") << 0 << false;
    }
    void readsClassLabels()
    {
        QFETCH(QByteArray, csv);
        QFETCH(int, classes);
        QFETCH(bool, binary);
        const QString path = write(QStringLiteral("classes.csv"), csv);
        Dataset data;
        QString error;
        QVERIFY2(loadDataset(path, &data, &error), qPrintable(error));
        QCOMPARE(data.classCount, classes);
        QCOMPARE(data.classification, binary);
        if (classes > 0) {
            const Eigen::MatrixXd Y = oneHot(data);
            QCOMPARE(Y.rows(), Eigen::Index(classes));
            for (Eigen::Index n = 0; n < Y.cols(); ++n) QCOMPARE(Y(Eigen::Index(data.targets(0, n)), n), 1.0);
        }
    }

    // A multi-class set written and read back keeps its labels and its class count.
    void multiClassRoundTrips()
    {
        Dataset d;
        d.inputs.resize(3, 12);
        d.targets.resize(1, 12);
        for (int n = 0; n < 12; ++n) {
            for (int j = 0; j < 3; ++j) d.inputs(j, n) = (j + 1) * n / 3.0 - 0.7;   // thirds need all 17 digits
            d.targets(0, n) = n % 4;
        }
        d.classification = false;
        d.classCount = 4;
        const QString path = dir->filePath(QStringLiteral("four.csv"));
        QString error;
        QVERIFY2(saveDataset(d, path, &error), qPrintable(error));
        Dataset back;
        QVERIFY2(loadDataset(path, &back, &error), qPrintable(error));
        QVERIFY(back.inputs == d.inputs);
        QVERIFY(back.targets == d.targets);
        QCOMPARE(back.classCount, 4);
    }

    // The shipped digits read through the same loader: 1,797 rows, 64 pixels 0..16, 10 classes.
    void shippedDigitsLoad()
    {
        Dataset data;
        QString error;
        QVERIFY2(loadDataset(QStringLiteral(MINIMA_DIGITS_CSV), &data, &error), qPrintable(error));
        QCOMPARE(data.inputs.rows(), Eigen::Index(64));
        QCOMPARE(data.inputs.cols(), Eigen::Index(1797));
        QCOMPARE(data.classCount, 10);
        QCOMPARE(data.inputs.minCoeff(), 0.0);
        QCOMPARE(data.inputs.maxCoeff(), 16.0);
        QVERIFY((data.inputs.array() == data.inputs.array().round()).all());   // pixel counts are whole
    }

    void refusesBadNetworks_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("{widths") << "not JSON";
        QTest::newRow("array at top") << QByteArray("[1,2]") << "top level";
        QTest::newRow("wrong format") << QByteArray(R"({"format":"other","version":1})") << "format";
        QTest::newRow("wrong version") << QByteArray(R"({"format":"minima-network","version":9})") << "version";
        QTest::newRow("one width") << QByteArray(R"({"format":"minima-network","version":1,"widths":[2]})") << "widths";
        QTest::newRow("zero width") << QByteArray(R"({"format":"minima-network","version":1,"widths":[2,0,1]})") << "widths";
        QTest::newRow("fractional width") << QByteArray(R"({"format":"minima-network","version":1,"widths":[2,1.5,1]})") << "widths";
        QTest::newRow("huge width") << QByteArray(R"({"format":"minima-network","version":1,"widths":[2,100000000,1]})") << "widths";
        QTest::newRow("bad activation") << QByteArray(R"({"format":"minima-network","version":1,"widths":[1,1,1],"hidden_activations":["swish"],"parameters":[1,1,1,1]})") << "hidden_activations";
        QTest::newRow("bad output") << QByteArray(R"({"format":"minima-network","version":1,"widths":[1,1,1],"hidden_activations":["relu"],"output":"cube","parameters":[1,1,1,1]})") << "output";
        QTest::newRow("too few parameters") << QByteArray(R"({"format":"minima-network","version":1,"widths":[1,1,1],"hidden_activations":["relu"],"parameters":[1,1]})") << "parameters";
        QTest::newRow("string parameter") << QByteArray(R"({"format":"minima-network","version":1,"widths":[1,1,1],"hidden_activations":["relu"],"parameters":[1,"a",1,1]})") << "parameters";
    }
    void refusesBadNetworks()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const QString path = write(QStringLiteral("bad.json"), json);
        Network net;
        QString error;
        QVERIFY(!loadNetwork(path, &net, &error));
        QVERIFY2(error.startsWith(QStringLiteral("bad.json: ")), qPrintable(error));
        QVERIFY2(error.contains(field), qPrintable(error));
    }

    void refusesBadDatasets_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QByteArray("") << "header";
        QTest::newRow("header only") << QByteArray("x1,y\n") << "header";
        QTest::newRow("no y column") << QByteArray("x1,x2\n1,2\n") << "header";
        QTest::newRow("short row") << QByteArray("x1,x2,y\n1,2,0\n1,2\n") << "row 3";
        QTest::newRow("text cell") << QByteArray("x1,y\n1,zero\n") << "row 2, column 2";
        QTest::newRow("nan cell") << QByteArray("x1,y\nnan,1\n") << "row 2, column 1";
        QTest::newRow("missing file") << QByteArray() << "";
    }
    void refusesBadDatasets()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, mentions);
        const QString path = QString::fromLatin1(QTest::currentDataTag()) == QLatin1String("missing file")
                                 ? dir->filePath(QStringLiteral("nowhere.csv"))
                                 : write(QStringLiteral("bad.csv"), csv);
        Dataset data;
        QString error;
        QVERIFY(!loadDataset(path, &data, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestNetworkFiles)
#include "tst_networkfiles.moc"
