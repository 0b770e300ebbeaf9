// `minima check` and `minima answer-key`, through their functions.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

#include "app/exercisecommands.h"

using namespace minima;

namespace {

const QString kSamplePack = QStringLiteral(MINIMA_SOURCE_DIR "/resources/packs/sample-pack.json");

struct Run {
    int code = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run run(int (*command)(const QStringList&, QTextStream&, QTextStream&), const QStringList& args)
{
    Run r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code = command(args, out, err);
    out.flush();
    err.flush();
    return r;
}

qlonglong factorial(int n) { return n <= 1 ? 1 : n * factorial(n - 1); }

} // namespace

class TestExerciseCommands : public QObject {
    Q_OBJECT
private slots:
    void check_data();
    void check();
    void checkWithTheLearnersNumbers();
    void answerKey();
    void badArguments_data();
    void badArguments();
    void brokenPack();
    void outputIsPlainUnicode();
};

void TestExerciseCommands::check_data()
{
    QTest::addColumn<QString>("exercise");
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("feedbackPart");
    QTest::newRow("formula right") << "identifiability.pack-formula" << "factorial(n)^l" << "correct" << "Right";
    QTest::newRow("formula pooled") << "identifiability.pack-formula" << "(n*l)!" << "wrong" << "within their own layer";
    QTest::newRow("formula unreadable") << "identifiability.pack-formula" << "n!^" << "unreadable" << "ends too early";
    QTest::newRow("condition right") << "relu-rescaling.pack-which-k" << "0 < k" << "correct" << "Right";
    QTest::newRow("condition from the book") << "relu-rescaling.pack-which-k" << "k != 0" << "wrong" << "negative k";
    QTest::newRow("choice right") << "relu-rescaling.pack-true-statements" << "different-weights same-function" << "correct" << "Right";
}

void TestExerciseCommands::check()
{
    QFETCH(QString, exercise);
    QFETCH(QString, answer);
    QFETCH(QString, verdict);
    QFETCH(QString, feedbackPart);
    const Run r = run(runCheckCommand, {exercise, QStringLiteral("--learner"), QStringLiteral("Ada"), QStringLiteral("--answer"),
                                        answer, QStringLiteral("--pack"), kSamplePack});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    const QJsonObject j = r.json();
    QCOMPARE(j.value(QStringLiteral("verdict")).toString(), verdict);
    QCOMPARE(j.value(QStringLiteral("correct")).toBool(), verdict == QLatin1String("correct"));
    QVERIFY2(j.value(QStringLiteral("feedback")).toString().contains(feedbackPart), qPrintable(r.out));
    QVERIFY(j.contains(QStringLiteral("reading")));
    QVERIFY(!j.value(QStringLiteral("expected")).toString().isEmpty());
}

void TestExerciseCommands::checkWithTheLearnersNumbers()
{
    // The key says which numbers Grace got; her count, worked out here, is marked right.
    const Run key = run(runAnswerKeyCommand, {QStringLiteral("--learner"), QStringLiteral("Grace"), QStringLiteral("--pack"), kSamplePack,
                                              QStringLiteral("--lesson"), QStringLiteral("identifiability")});
    QCOMPARE(key.code, 0);
    QJsonObject layers;
    for (const QJsonValue& v : key.json().value(QStringLiteral("exercises")).toArray())
        if (v.toObject().value(QStringLiteral("id")).toString() == QLatin1String("identifiability.pack-count-layers")) layers = v.toObject();
    QVERIFY(!layers.isEmpty());
    const int n = layers.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("n")).toString().toInt();
    const int l = layers.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("l")).toString().toInt();
    qlonglong count = 1;
    for (int i = 0; i < l; ++i) count *= factorial(n);
    QCOMPARE(layers.value(QStringLiteral("expected")).toString(), QString::number(count));
    const Run r = run(runCheckCommand, {QStringLiteral("identifiability.pack-count-layers"), QStringLiteral("--learner"), QStringLiteral("Grace"),
                                        QStringLiteral("--answer"), QString::number(count), QStringLiteral("--pack"), kSamplePack});
    QCOMPARE(r.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("correct"));
    // Another learner with the same answer is usually wrong; the same learner's next variant too.
    const Run v1 = run(runCheckCommand, {QStringLiteral("identifiability.pack-count-layers"), QStringLiteral("--learner"), QStringLiteral("Grace"),
                                         QStringLiteral("--variant"), QStringLiteral("1"), QStringLiteral("--answer"), QString::number(count),
                                         QStringLiteral("--pack"), kSamplePack});
    QCOMPARE(v1.code, 0);
    QCOMPARE(v1.json().value(QStringLiteral("variant")).toInt(), 1);
}

void TestExerciseCommands::answerKey()
{
    const Run r = run(runAnswerKeyCommand, {QStringLiteral("--learner"), QStringLiteral("Ada"), QStringLiteral("--pack"), kSamplePack});
    QCOMPARE(r.code, 0);
    const QJsonObject j = r.json();
    QCOMPARE(j.value(QStringLiteral("learner")).toString(), QStringLiteral("Ada"));
    const QJsonArray list = j.value(QStringLiteral("exercises")).toArray();
    QCOMPARE(list.size(), 7);
    for (const QJsonValue& v : list) {
        const QJsonObject e = v.toObject();
        QVERIFY2(!e.value(QStringLiteral("expected")).toString().isEmpty(), qPrintable(e.value(QStringLiteral("id")).toString()));
        if (e.value(QStringLiteral("id")).toString() == QLatin1String("challenges.pack-best-rate")) {
            QCOMPARE(e.value(QStringLiteral("tolerance")).toObject().value(QStringLiteral("relative")).toDouble(), 0.01);
            const int lo = e.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("lo")).toString().toInt();
            const int hi = e.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("hi")).toString().toInt();
            // 2/(lo + hi), in lowest terms, is how the key starts.
            const int g = std::gcd(2, lo + hi);
            QVERIFY2(e.value(QStringLiteral("expected")).toString().startsWith(QStringLiteral("%1/%2").arg(2 / g).arg((lo + hi) / g)),
                     qPrintable(e.value(QStringLiteral("expected")).toString()));
        }
        if (e.value(QStringLiteral("id")).toString() == QLatin1String("identifiability.pack-formula"))
            QCOMPARE(e.value(QStringLiteral("expected")).toString(), QStringLiteral("(n!)^l"));
    }
    // Same learner, same key.
    QCOMPARE(run(runAnswerKeyCommand, {QStringLiteral("--learner"), QStringLiteral("Ada"), QStringLiteral("--pack"), kSamplePack}).out, r.out);
}

void TestExerciseCommands::badArguments_data()
{
    QTest::addColumn<bool>("check");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("check without learner") << true << QStringList{"identifiability.pack-formula", "--answer", "1"} << "--learner";
    QTest::newRow("check without answer") << true << QStringList{"identifiability.pack-formula", "--learner", "A"} << "--answer";
    QTest::newRow("check without exercise") << true << QStringList{"--learner", "A", "--answer", "1"} << "exercise id";
    QTest::newRow("option without value") << true << QStringList{"x.y", "--learner"} << "--learner needs a value";
    QTest::newRow("unknown option") << true << QStringList{"x.y", "--learner", "A", "--answer", "1", "--colour", "red"} << "unknown option";
    QTest::newRow("two exercise ids") << true << QStringList{"x.y", "x.z", "--learner", "A", "--answer", "1"} << "unexpected argument";
    QTest::newRow("bad variant") << true << QStringList{"x.y", "--learner", "A", "--answer", "1", "--variant", "-3"} << "--variant";
    QTest::newRow("unknown exercise") << true << QStringList{"x.y", "--learner", "A", "--answer", "1"} << "unknown exercise";
    QTest::newRow("key without learner") << false << QStringList{} << "--learner";
    QTest::newRow("key with answer") << false << QStringList{"--learner", "A", "--answer", "1"} << "unknown option";
}

void TestExerciseCommands::badArguments()
{
    QFETCH(bool, check);
    QFETCH(QStringList, args);
    QFETCH(QString, messagePart);
    const Run r = run(check ? runCheckCommand : runAnswerKeyCommand, args);
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(messagePart), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);   // one line
}

void TestExerciseCommands::brokenPack()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"exercises": [{"id": "challenges.x", "prompt": "p", "answer": {"kind": "integer", "expected": "1/0"}}]})");
    f.close();
    const Run r = run(runAnswerKeyCommand, {QStringLiteral("--learner"), QStringLiteral("A"), QStringLiteral("--pack"), path});
    QCOMPARE(r.code, 2);   // a bad pack is a bad argument (README)
    QVERIFY2(r.err.contains(QStringLiteral("broken.json: exercise \"challenges.x\": field \"answer\"")), qPrintable(r.err));
}


// JSON output is plain Unicode text: a mistake's rich-text feedback (entities, <sup>) and a
// title with an entity arrive decoded, with no markup.
void TestExerciseCommands::outputIsPlainUnicode()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("plain.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"json({"format": "minima-exercises", "version": 1, "exercises": [
      {"id": "convexity.plain", "title": "Minimum &minus; or saddle?",
       "prompt": "<p>[[{a}, {b}], [{b}, c]]: the threshold for c?</p>",
       "parameters": [{"name": "a", "kind": "integer", "min": 2, "max": 2}, {"name": "b", "kind": "integer", "min": 3, "max": 3}],
       "answer": {"kind": "number", "expected": "b^2/a"},
       "mistakes": [{"answer": "0", "feedback": "c &gt; 0 is not enough: the determinant {a}&middot;c &minus; {b}<sup>2</sup> decides, with &lambda;<sub>1</sub>."}]}]})json");
    f.close();
    const Run r = run(runCheckCommand, {QStringLiteral("convexity.plain"), QStringLiteral("--learner"), QStringLiteral("Ada"),
                                        QStringLiteral("--answer"), QStringLiteral("0"), QStringLiteral("--pack"), path});
    QCOMPARE(r.code, 0);
    const QString feedback = r.json().value(QStringLiteral("feedback")).toString();
    QCOMPARE(feedback, QStringLiteral("c > 0 is not enough: the determinant 2\u00B7c \u2212 3\u00B2 decides, with \u03BB\u2081."));
    const Run key = run(runAnswerKeyCommand, {QStringLiteral("--learner"), QStringLiteral("Ada"), QStringLiteral("--pack"), path});
    QVERIFY2(key.out.contains(QStringLiteral("Minimum \u2212 or saddle?")), qPrintable(key.out));
    static const QRegularExpression markup(QStringLiteral("&[A-Za-z#][A-Za-z0-9]*;|</?(sup|sub|b|i|p)>"));
    QVERIFY2(!markup.match(r.out).hasMatch(), qPrintable(r.out));
    QVERIFY2(!markup.match(key.out).hasMatch(), qPrintable(key.out));
}

QTEST_GUILESS_MAIN(TestExerciseCommands)
#include "tst_exercisecommands.moc"
