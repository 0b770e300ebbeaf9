#include <QtTest>

#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <sys/stat.h>
#include <QTemporaryDir>
#include <QTemporaryDir>

#include "app/commandline.h"

#include "common/testbudget.h"

using namespace minima;

class TestCommandLine : public QObject {
    Q_OBJECT
private:
    static int runMinima(const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr, int waitMs = 120000)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("MINIMA_TEST_MODE"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(MINIMA_EXECUTABLE), args);
        if (!p.waitForFinished(waitMs)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        if (out) *out = p.readAllStandardOutput();
        if (err) *err = p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private slots:
    void parses_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("command");
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QString>("dataDir");
        using C = CommandLine::Command;
        QTest::newRow("nothing opens the app") << QStringList{} << int(C::Open) << "" << "";
        QTest::newRow("--lesson") << QStringList{"--lesson", "convexity"} << int(C::Open) << "convexity" << "";
        QTest::newRow("--data-dir before") << QStringList{"--data-dir", "/tmp/x", "lessons"} << int(C::Lessons) << "" << "/tmp/x";
        QTest::newRow("--data-dir= after") << QStringList{"lessons", "--data-dir=/tmp/y"} << int(C::Lessons) << "" << "/tmp/y";
        QTest::newRow("render") << QStringList{"render", "convexity", "-o", "a.png"} << int(C::Render) << "convexity" << "";
        QTest::newRow("help") << QStringList{"--help"} << int(C::Help) << "" << "";
        QTest::newRow("version") << QStringList{"--version"} << int(C::Version) << "" << "";
        QTest::newRow("count passes its arguments on") << QStringList{"count", "3,3", "--activation", "tanh"} << int(C::Count) << "" << "";
        QTest::newRow("run") << QStringList{"run", "optimize", "--set", "lr=0.1"} << int(C::Run) << "" << "";
    }
    void parses()
    {
        QFETCH(QStringList, args);
        QFETCH(int, command);
        QFETCH(QString, lesson);
        QFETCH(QString, dataDir);
        const CommandLine cl = parseCommandLine(args);
        QVERIFY2(cl.error.isEmpty(), qPrintable(cl.error));
        QCOMPARE(int(cl.command), command);
        QCOMPARE(cl.lesson, lesson);
        QCOMPARE(cl.dataDir, dataDir);
    }

    void classroomOptions()
    {
        const CommandLine cl = parseCommandLine({"--lessons", "convexity,identifiability", "--no-solutions",
                                                 "--profile", "class.json", "--pack", "a.json", "--pack", "b.json", "--present",
                                                 "--class-folder", "/srv/class-4b"});
        QVERIFY2(cl.error.isEmpty(), qPrintable(cl.error));
        QCOMPARE(cl.onlyLessons, (QStringList{"convexity", "identifiability"}));
        QVERIFY(cl.noSolutions);
        QVERIFY(cl.present);
        QCOMPARE(cl.profile, QStringLiteral("class.json"));
        QCOMPARE(cl.packs, (QStringList{"a.json", "b.json"}));
        QCOMPARE(cl.classFolder, QStringLiteral("/srv/class-4b"));
        QVERIFY(!parseCommandLine({"--class-folder"}).error.isEmpty());
        // The class commands.
        const CommandLine render = parseCommandLine({"render", "class", "/srv/class-4b", "-o", "c.png", "--no-names"});
        QVERIFY2(render.error.isEmpty(), qPrintable(render.error));
        QCOMPARE(render.classFolder, QStringLiteral("/srv/class-4b"));
        QVERIFY(render.anonymous);
        QVERIFY(!parseCommandLine({"render", "class", "-o", "c.png"}).error.isEmpty());
        QVERIFY(!parseCommandLine({"render", "convexity", "--no-names", "-o", "c.png"}).error.isEmpty());
        QCOMPARE(parseCommandLine({"class", "/srv/class-4b"}).command, CommandLine::Command::Class);
        QCOMPARE(parseCommandLine({"export-moodle", "-o", "q.xml"}).command, CommandLine::Command::ExportMoodle);
    }

    void renderOptions()
    {
        const CommandLine cl = parseCommandLine({"render", "x", "--size", "1920x1080", "-o", "f.png", "--lab", "2"});
        QVERIFY(cl.error.isEmpty());
        QCOMPARE(cl.size, QSize(1920, 1080));
        QCOMPARE(cl.output, QStringLiteral("f.png"));
        QCOMPARE(cl.lab, 1);
        QVERIFY(!cl.exercises);
        const CommandLine ex = parseCommandLine({"render", "x", "-o", "f.png", "--exercises", "--present"});
        QVERIFY2(ex.error.isEmpty(), qPrintable(ex.error));
        QVERIFY(ex.exercises);
        QVERIFY(ex.present);
        QVERIFY(usageText().contains(QStringLiteral("--exercises")));
    }

    void rejects_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "--frobnicate";
        QTest::newRow("unknown command") << QStringList{"dance"} << "dance";
        QTest::newRow("--lesson without id") << QStringList{"--lesson"} << "--lesson";
        QTest::newRow("--data-dir without dir") << QStringList{"--data-dir"} << "--data-dir";
        QTest::newRow("render without output") << QStringList{"render", "convexity"} << "-o";
        QTest::newRow("render without lesson") << QStringList{"render", "-o", "x.png"} << "lesson id";
        QTest::newRow("render bad size") << QStringList{"render", "c", "-o", "x.png", "--size", "big"} << "--size";
        QTest::newRow("render tiny size") << QStringList{"render", "c", "-o", "x.png", "--size", "10x10"} << "--size";
        QTest::newRow("render lab zero") << QStringList{"render", "c", "-o", "x.png", "--lab", "0"} << "--lab";
        QTest::newRow("render lab and exercises") << QStringList{"render", "c", "-o", "x.png", "--lab", "2", "--exercises"} << "--exercises";
        QTest::newRow("render progress exercises") << QStringList{"render", "progress", "-o", "x.png", "--exercises"} << "--exercises";
        QTest::newRow("lessons with extra") << QStringList{"lessons", "extra"} << "extra";
        QTest::newRow("--lessons without ids") << QStringList{"--lessons"} << "--lessons";
        QTest::newRow("--lessons with only commas") << QStringList{"--lessons", ",,"} << "--lessons";
        QTest::newRow("--profile without file") << QStringList{"--profile"} << "--profile";
    }
    void rejects()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const CommandLine cl = parseCommandLine(args);
        QVERIFY(!cl.error.isEmpty());
        QVERIFY2(cl.error.contains(mentions), qPrintable(cl.error));
        QVERIFY(!cl.error.contains(QLatin1Char('\n')));
    }

    void executableExitsTwoOnBadArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("unknown option") << QStringList{"--frobnicate"};
        QTest::newRow("unknown lesson") << QStringList{"--lesson", "no-such-lesson"};
        QTest::newRow("render unknown lesson") << QStringList{"render", "no-such-lesson", "-o", "/tmp/never.png"};
        QTest::newRow("run unknown experiment") << QStringList{"run", "no-such-experiment"};
        QTest::newRow("run without name") << QStringList{"run"};
        QTest::newRow("run bad seed") << QStringList{"run", "x", "--seed", "minus one"};
        QTest::newRow("--lessons unknown id") << QStringList{"--lessons", "no-such-lesson"};
        QTest::newRow("--profile missing file") << QStringList{"--profile", "/nonexistent/class.json"};
    }
    void executableExitsTwoOnBadArguments()
    {
        QFETCH(QStringList, args);
        QByteArray out, err;
        QCOMPARE(runMinima(args, &out, &err), 2);
        QVERIFY(err.startsWith("minima: "));
        QVERIFY(err.contains("Usage:"));
        QVERIFY(out.isEmpty());
    }

    void executableHelpAndVersion()
    {
        QByteArray out;
        QCOMPARE(runMinima({"--help"}, &out), 0);
        QVERIFY(out.contains("minima render"));
        QCOMPARE(runMinima({"--version"}, &out), 0);
        QVERIFY(out.contains("Qt 6."));
        QVERIFY(out.contains("Eigen 3."));
        QVERIFY(out.contains("GiNaC 1."));
    }

    void countPrintsExactCounts_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("count");
        QTest::addColumn<int>("digits");
        QTest::newRow("relu 4,3,5") << QStringList{"count", "4,3,5"} << "17280" << 5;
        QTest::newRow("relu 3,3") << QStringList{"count", "3,3", "--activation", "relu"} << "36" << 2;
        QTest::newRow("tanh 3") << QStringList{"count", "3", "--activation", "tanh"} << "48" << 2;
        QTest::newRow("tanh 3,3") << QStringList{"count", "3,3", "--activation", "tanh"} << "2304" << 4;
        QTest::newRow("tanh 10") << QStringList{"count", "10", "--activation", "tanh"} << "3715891200" << 10;
        QTest::newRow("sigmoid 2") << QStringList{"count", "2", "--activation", "sigmoid"} << "8" << 1;
        QTest::newRow("sigmoid 3,3: flips as tanh") << QStringList{"count", "3,3", "--activation", "sigmoid"} << "2304" << 4;
        QTest::newRow("leaky-relu 3,3: no flips") << QStringList{"count", "3,3", "--activation", "leaky-relu"} << "36" << 2;
        // 25! = 15511210043330985984000000, worked out independently.
        QTest::newRow("relu 25") << QStringList{"count", "25"} << "15511210043330985984000000" << 26;
    }
    void countPrintsExactCounts()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, count);
        QFETCH(int, digits);
        QByteArray out;
        QCOMPARE(runMinima(args, &out), 0);
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value("count").toString(), count);
        QCOMPARE(o.value("digits").toInt(), digits);
    }

    void countRejects_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no widths") << QStringList{"count"};
        QTest::newRow("zero width") << QStringList{"count", "3,0"};
        QTest::newRow("not a number") << QStringList{"count", "three"};
        QTest::newRow("bad activation") << QStringList{"count", "3", "--activation", "swish"};
        QTest::newRow("unknown option") << QStringList{"count", "3", "--fast"};
    }
    void countRejects()
    {
        QFETCH(QStringList, args);
        QByteArray out, err;
        QCOMPARE(runMinima(args, &out, &err), 2);
        QVERIFY(err.startsWith("minima: "));
    }

    void evaluateWorkedByHand()
    {
        // A 1-1-1 linear network: a = 2x + 0, out = 3a + 1. For x = 1, y = 0: out = 7,
        // MSE = 49; d/dW1 = 2*7*3*x = 42, d/db1 = 42, d/dW2 = 2*7*a = 28, d/db2 = 14.
        QTemporaryDir dir;
        QFile net(dir.filePath("net.json"));
        QVERIFY(net.open(QIODevice::WriteOnly));
        net.write(R"({"format":"minima-network","version":1,"widths":[1,1,1],"hidden_activations":["linear"],)"
                  R"("output":"linear","parameters":[2,0,3,1]})");
        net.close();
        QFile data(dir.filePath("data.csv"));
        QVERIFY(data.open(QIODevice::WriteOnly));
        data.write("x1,y\n1,0\n");
        data.close();
        QByteArray out, err;
        QCOMPARE(runMinima({"run", "evaluate", "--set", "net=" + net.fileName(), "--set", "data=" + data.fileName()}, &out, &err), 0);
        const QJsonObject o = QJsonDocument::fromJson(out).object();
        QCOMPARE(o.value("loss").toDouble(), 49.0);
        const QJsonArray g = o.value("gradient").toArray();
        QCOMPARE(g.size(), 4);
        QCOMPARE(g[0].toDouble(), 42.0);
        QCOMPARE(g[1].toDouble(), 42.0);
        QCOMPARE(g[2].toDouble(), 28.0);
        QCOMPARE(g[3].toDouble(), 14.0);
        // A missing file or an unknown key exits 2 with the reason.
        QCOMPARE(runMinima({"run", "evaluate", "--set", "net=" + dir.filePath("none.json"), "--set", "data=" + data.fileName()}, &out, &err), 2);
        QVERIFY(err.contains("none.json"));
        QCOMPARE(runMinima({"run", "evaluate", "--set", "colour=red"}, &out, &err), 2);
        QVERIFY(err.contains("colour"));
    }

    // /dev/zero, a FIFO with no writer and a folder, given where a file is expected, are
    // refused at once (exit 2, saying what they are), never read without bound or waited on.
    void specialFilesAreRefused_data()
    {
        QTest::addColumn<QString>("use");
        QTest::addColumn<QString>("special");
        QTest::addColumn<QString>("said");
        for (const char* use : {"profile", "pack", "evaluate-net", "evaluate-data"}) {
            QTest::addRow("%s /dev/zero", use) << use << "zero" << "device";
            QTest::addRow("%s FIFO", use) << use << "fifo" << "pipe";
            QTest::addRow("%s folder", use) << use << "folder" << "folder";
        }
    }
    void specialFilesAreRefused()
    {
        QFETCH(QString, use);
        QFETCH(QString, special);
        QFETCH(QString, said);
        QTemporaryDir dir;
        QString path = QStringLiteral("/dev/zero");
        if (special == QLatin1String("fifo")) {
            path = dir.filePath(QStringLiteral("fifo"));
            QCOMPARE(mkfifo(path.toLocal8Bit().constData(), 0600), 0);
        } else if (special == QLatin1String("folder")) {
            path = dir.filePath(QStringLiteral("folder"));
            QVERIFY(QDir().mkpath(path));
        }
        QFile net(dir.filePath(QStringLiteral("net.json")));
        QVERIFY(net.open(QIODevice::WriteOnly));
        net.write(R"({"format":"minima-network","version":1,"widths":[1,1,1],"hidden_activations":["linear"],)"
                  R"("output":"linear","parameters":[2,0,3,1]})");
        net.close();
        QFile data(dir.filePath(QStringLiteral("data.csv")));
        QVERIFY(data.open(QIODevice::WriteOnly));
        data.write("x1,y\n1,0\n");
        data.close();
        QStringList args;
        if (use == QLatin1String("profile")) args = {"--data-dir", dir.path(), "--profile", path};
        else if (use == QLatin1String("pack")) args = {"answer-key", "--learner", "A", "--pack", path};
        else if (use == QLatin1String("evaluate-net")) args = {"run", "evaluate", "--set", "net=" + path, "--set", "data=" + data.fileName()};
        else args = {"run", "evaluate", "--set", "net=" + net.fileName(), "--set", "data=" + path};
        QByteArray out, err;
        QElapsedTimer clock;
        clock.start();
        const int code = runMinima(args, &out, &err, test::waitMs(20000));
        QVERIFY2(code != -1, "minima hung or crashed on a special file");
        QCOMPARE(code, 2);
        QVERIFY2(err.contains(said.toUtf8()), err.constData());
        qInfo("refused in %lld ms", qlonglong(clock.elapsed()));
    }

    // A pack that is malformed, or whose exercises name a lesson Minima does not have, is a
    // bad argument: exit 2, one line naming the file, the exercise and the field.
    void badPackExitsTwo()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("elsewhere.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"exercises": [{"id": "thermodynamics.x", "prompt": "p", "answer": {"kind": "integer", "expected": "1"}}]})");
        f.close();
        QByteArray out, err;
        QCOMPARE(runMinima({"answer-key", "--learner", "A", "--pack", f.fileName()}, &out, &err), 2);
        QVERIFY2(err.contains("elsewhere.json: exercise \"thermodynamics.x\": field \"id\": names the lesson \"thermodynamics\""),
                 err.constData());
        QCOMPARE(runMinima({"check", "thermodynamics.x", "--learner", "A", "--answer", "1", "--pack", f.fileName()}, &out, &err), 2);
    }

    // `minima run align`: --help lists its keys; a small sweep gives one row per width.
    void runAlignListsKeysAndRows()
    {
        QByteArray out, err;
        QCOMPARE(runMinima({"run", "align", "--help"}, &out), 0);
        for (const char* key : {"widths", "pairs", "layers", "activation", "dataset", "epochs", "lr", "flips", "points"})
            QVERIFY2(out.contains(QByteArray("  ") + key + " (default"), key);
        QCOMPARE(runMinima({"run", "align", "--set", "widths=4,8", "--set", "pairs=2"}, &out, &err), 0);
        const QJsonObject o = QJsonDocument::fromJson(out).object();
        QCOMPARE(o.value("experiment").toString(), QStringLiteral("align"));
        const QJsonArray rows = o.value("rows").toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].toObject().value("width").toInt(), 4);
        QCOMPARE(rows[1].toObject().value("width").toInt(), 8);
        for (const auto& row : rows) {
            QCOMPARE(row.toObject().value("pairs").toInt(), 2);
            QVERIFY(row.toObject().value("alignedMean").toDouble() < row.toObject().value("naiveMean").toDouble());
        }
        QCOMPARE(runMinima({"run", "align", "--set", "pairs=1"}, &out, &err), 2);
    }

    // Work that would run for days is refused at once, naming the limit.
    void runRefusesWorkForDays()
    {
        QByteArray out, err;
        const int code = runMinima({"run", "escape", "--set", "runs=100000", "--set", "steps=1000000"}, &out, &err, test::waitMs(20000));
        QCOMPARE(code, 2);
        QVERIFY(out.isEmpty());
        QVERIFY2(err.contains("steps of work, more than the 2e+11"), err.constData());
        // Within the limit it runs (a short run says nothing on standard error).
        QCOMPARE(runMinima({"run", "escape", "--set", "runs=2", "--set", "steps=50"}, &out, &err), 0);
        QVERIFY2(!err.contains("% done"), err.constData());
    }

    // A run over a second says how far it is on standard error, once a second.
    void longRunReportsProgress()
    {
        QByteArray out, err;
        QCOMPARE(runMinima({"run", "escape", "--set", "runs=1500"}, &out, &err, test::waitMs(300000)), 0);
        QVERIFY2(err.contains("minima: escape: ") && err.contains("% done after"), err.constData());
        QVERIFY(QJsonDocument::fromJson(out).isObject());
    }

    void executableListsLessons()
    {
        QByteArray out;
        QCOMPARE(runMinima({"lessons"}, &out), 0);
        const QList<QByteArray> lines = out.trimmed().split('\n');
        for (const QByteArray& line : lines) {
            if (line.isEmpty()) continue;
            QCOMPARE(line.count('\t'), 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
