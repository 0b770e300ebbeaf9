// Moodle XML of the shipped exercises: well-formed, one <question> per exported exercise
// version, with the fields Moodle's XML format asks for per question type (name, questiontext
// with its format, answers with fraction, tolerance for numerical, single and shuffleanswers
// for multichoice, variables, input and answer test for STACK), numbers as plain decimals, and
// a pack's text escaped whatever it holds.
#include <QtTest>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <map>

#include "app/moodleexport.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/registry.h"

using namespace minima;

namespace {

// A question as read back: its type, the text of its direct fields, and its answers.
struct Question {
    QString type;
    QString name;
    QString questionTextFormat;
    QString questionText;
    std::map<QString, QString> fields;   // direct children with plain text (single, tolerance of the first answer...)
    QList<QPair<QString, QString>> answers;   // fraction, text
    QStringList tolerances;
    QStringList answerTests;
    bool hasInput = false;
    bool hasVariables = false;
    QString category;
};

bool parse(const QByteArray& xml, QList<Question>* out, QStringList* comments, QString* error)
{
    QXmlStreamReader r(xml);
    QList<QString> path;
    Question q;
    QString answerFraction;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isComment()) comments->append(r.text().toString());
        if (r.isStartElement()) {
            const QString n = r.name().toString();
            path << n;
            if (path.size() == 2 && n == QLatin1String("question")) {
                q = Question{};
                q.type = r.attributes().value(QStringLiteral("type")).toString();
            }
            if (path.size() == 3 && n == QLatin1String("questiontext"))
                q.questionTextFormat = r.attributes().value(QStringLiteral("format")).toString();
            if (path.size() == 3 && n == QLatin1String("answer")) {
                if (!r.attributes().hasAttribute(QStringLiteral("fraction"))) {
                    *error = QStringLiteral("an answer without fraction");
                    return false;
                }
                answerFraction = r.attributes().value(QStringLiteral("fraction")).toString();
                q.answers.append({answerFraction, QString()});
            }
            if (path.size() == 3 && n == QLatin1String("input")) q.hasInput = true;
            if (path.size() == 3 && n == QLatin1String("questionvariables")) q.hasVariables = true;
        } else if (r.isCharacters() && !r.isWhitespace()) {
            const QString t = r.text().toString();
            const QString parent = path.value(path.size() - 2);
            const QString leaf = path.value(path.size() - 1);
            if (path.size() == 4 && parent == QLatin1String("name") && leaf == QLatin1String("text")) q.name += t;
            if (path.size() == 4 && parent == QLatin1String("questiontext") && leaf == QLatin1String("text")) q.questionText += t;
            if (path.size() == 4 && parent == QLatin1String("category") && leaf == QLatin1String("text")) q.category += t;
            if (path.size() == 4 && parent == QLatin1String("answer") && leaf == QLatin1String("text")) q.answers.last().second += t;
            if (path.size() == 4 && parent == QLatin1String("answer") && leaf == QLatin1String("tolerance")) q.tolerances << t;
            if (path.size() == 5 && leaf == QLatin1String("answertest")) q.answerTests << t;
            if (path.size() == 3) q.fields[leaf] += t;
        } else if (r.isEndElement()) {
            if (path.size() == 2 && path.last() == QLatin1String("question")) out->append(q);
            path.removeLast();
        }
    }
    if (r.hasError()) {
        *error = r.errorString();
        return false;
    }
    return true;
}

const char* const kHostilePack = R"({"exercises": [{"id": "identifiability.hostile", "title": "<b>Bold</b> & ]]> title",
            "prompt": "<p>Type &lt;script&gt;alert(1)&lt;/script&gt; or ]]&gt; &amp; <b>2</b></p>",
            "answer": {"kind": "integer", "expected": "2"},
            "mistakes": [{"answer": "3", "feedback": "&lt;img src=x&gt; ]]&gt; is not it"}]}]})";

bool isMoodleDecimal(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^-?\\d+(\\.\\d+)?$"));
    return re.match(s).hasMatch();
}

bool isMoodleFraction(const QString& s)
{
    static const QStringList allowed = {QStringLiteral("100"), QStringLiteral("90"), QStringLiteral("83.33333"), QStringLiteral("80"),
                                        QStringLiteral("75"), QStringLiteral("70"), QStringLiteral("66.66667"), QStringLiteral("60"),
                                        QStringLiteral("50"), QStringLiteral("40"), QStringLiteral("33.33333"), QStringLiteral("30"),
                                        QStringLiteral("25"), QStringLiteral("20"), QStringLiteral("16.66667"), QStringLiteral("14.28571"),
                                        QStringLiteral("12.5"), QStringLiteral("11.11111"), QStringLiteral("10"), QStringLiteral("5"),
                                        QStringLiteral("0")};
    return allowed.contains(s.startsWith(QLatin1Char('-')) ? s.mid(1) : s);
}

} // namespace

class TestMoodleExport : public QObject {
    Q_OBJECT
private:
    ExerciseCatalog catalog;

    // Checks every question against Moodle's XML format; returns the questions (categories apart).
    QList<Question> checked(const MoodleExport& e, QStringList* comments = nullptr)
    {
        QList<Question> all;
        QStringList notes;
        QString error;
        [&] { QVERIFY2(parse(e.xml, &all, &notes, &error), qPrintable(error)); }();
        if (comments) *comments = notes;
        QList<Question> questions;
        for (const Question& q : all) {
            if (q.type == QLatin1String("category")) {
                [&] { QVERIFY(q.category.startsWith(QStringLiteral("$course$/top/Minima/"))); }();
                continue;
            }
            questions << q;
            [&] {
                QVERIFY2(!q.name.trimmed().isEmpty(), "a question needs a name");
                QCOMPARE(q.questionTextFormat, QStringLiteral("html"));
                QVERIFY(!q.questionText.isEmpty());
                QVERIFY(q.fields.count(QStringLiteral("defaultgrade")));
                if (q.type == QLatin1String("numerical")) {
                    QVERIFY(!q.answers.isEmpty());
                    QCOMPARE(q.answers.first().first, QStringLiteral("100"));
                    QCOMPARE(q.tolerances.size(), q.answers.size());
                    for (const auto& [fraction, text] : q.answers) {
                        QVERIFY2(isMoodleDecimal(text), qPrintable(q.name + QStringLiteral(": ") + text));
                        QCOMPARE(fraction == QLatin1String("100") ? 1 : 0, &text == &q.answers.first().second ? 1 : 0);
                    }
                    for (const QString& t : q.tolerances) QVERIFY2(isMoodleDecimal(t), qPrintable(t));
                } else if (q.type == QLatin1String("multichoice")) {
                    QVERIFY(q.fields.count(QStringLiteral("single")));
                    const QString single = q.fields.at(QStringLiteral("single"));
                    QVERIFY(single == QLatin1String("true") || single == QLatin1String("false"));
                    QVERIFY(q.fields.count(QStringLiteral("shuffleanswers")));
                    QVERIFY(q.fields.count(QStringLiteral("answernumbering")));
                    QVERIFY(q.answers.size() >= 2);
                    double right = 0;
                    for (const auto& [fraction, text] : q.answers) {
                        QVERIFY2(isMoodleFraction(fraction), qPrintable(fraction));
                        if (fraction.toDouble() > 0) right += fraction.toDouble();
                        QVERIFY(!text.isEmpty());
                    }
                    QVERIFY2(std::abs(right - 100) < 0.01, qPrintable(q.name));
                } else if (q.type == QLatin1String("stack")) {
                    QVERIFY(q.hasVariables);
                    QVERIFY(q.hasInput);
                    QVERIFY(!q.answerTests.isEmpty());
                    for (const QString& t : q.answerTests) QCOMPARE(t, QStringLiteral("AlgEquiv"));
                    QVERIFY(q.questionText.contains(QStringLiteral("[[input:ans1]]")));
                } else {
                    QFAIL(qPrintable(QStringLiteral("unexpected question type ") + q.type));
                }
            }();
        }
        return questions;
    }

private slots:
    void initTestCase()
    {
        QStringList errors;
        QVERIFY2(catalog.loadBuiltIn(&errors), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(catalog.exercises().size() > 20);
    }

    void shippedExercisesAsMoodleXml()
    {
        int plain = 0, symbolic = 0;
        for (const auto& e : catalog.exercises())
            (e->kind == answers::CheckKind::Expression || e->kind == answers::CheckKind::Condition ? symbolic : plain)++;
        QVERIFY(symbolic > 0);

        // Without STACK: the symbolic ones are left out, each with a note.
        QStringList comments;
        const MoodleExport without = exportMoodleXml(catalog, shippedLessons(), {});
        const QList<Question> plainQuestions = checked(without, &comments);
        QCOMPARE(plainQuestions.size(), plain);
        QCOMPARE(without.questions, plain);
        QCOMPARE(without.leftOut, symbolic);
        int notes = 0;
        for (const QString& c : comments) notes += c.contains(QStringLiteral("Left out")) ? 1 : 0;
        QCOMPARE(notes, symbolic);

        // With STACK: every exercise, in its lesson's category, in the catalog's order.
        MoodleExportOptions options;
        options.stack = true;
        const MoodleExport with = exportMoodleXml(catalog, shippedLessons(), options);
        const QList<Question> questions = checked(with);
        QCOMPARE(questions.size(), int(catalog.exercises().size()));
        QCOMPARE(with.leftOut, 0);
        int i = 0;
        for (const auto& lesson : shippedLessons())
            for (const auto& e : catalog.exercisesFor(lesson->id())) {
                const Question& q = questions[i++];
                QCOMPARE(q.name, e->title);
                const QString type = e->kind == answers::CheckKind::Choice ? QStringLiteral("multichoice")
                                     : e->kind == answers::CheckKind::Integer || e->kind == answers::CheckKind::Number
                                         ? QStringLiteral("numerical") : QStringLiteral("stack");
                QCOMPARE(q.type, type);
                if (type == QLatin1String("numerical")) {
                    // Each anticipated mistake is a 0 % answer.
                    QCOMPARE(q.answers.size(), e->mistakes.size() + 1);
                    for (int k = 1; k < q.answers.size(); ++k) QCOMPARE(q.answers[k].first, QStringLiteral("0"));
                }
                if (type == QLatin1String("stack")) QCOMPARE(q.answerTests.size(), e->mistakes.size() + 1);
                if (type == QLatin1String("multichoice"))
                    QCOMPARE(q.fields.at(QStringLiteral("single")), e->multiple ? QStringLiteral("false") : QStringLiteral("true"));
            }
        // One category per lesson.
        QList<Question> all;
        QStringList ignored;
        QString error;
        QVERIFY(parse(with.xml, &all, &ignored, &error));
        int categories = 0;
        for (const Question& q : all) categories += q.type == QLatin1String("category") ? 1 : 0;
        QCOMPARE(categories, int(shippedLessons().size()));
    }

    void aQuestionPerLearnerVariant()
    {
        MoodleExportOptions options;
        options.learners = {QStringLiteral("Ada"), QStringLiteral("Grace"), QStringLiteral("Alan")};
        options.stack = true;
        int expected = 0;
        for (const auto& e : catalog.exercises()) expected += e->parameters.isEmpty() ? 1 : 3;
        const QList<Question> questions = checked(exportMoodleXml(catalog, shippedLessons(), options));
        QCOMPARE(questions.size(), expected);
        // Ada's and Grace's versions of a drawn exercise are named for them.
        int named = 0;
        for (const Question& q : questions) named += q.name.endsWith(QStringLiteral(" (Ada)")) ? 1 : 0;
        int drawn = 0;
        for (const auto& e : catalog.exercises()) drawn += e->parameters.isEmpty() ? 0 : 1;
        QCOMPARE(named, drawn);
    }

    void decimalsAsMoodleReadsThem()
    {
        QCOMPARE(moodleDecimal(QStringLiteral("13824")), QStringLiteral("13824"));
        QCOMPARE(moodleDecimal(QStringLiteral("3715891200000000000000")), QStringLiteral("3715891200000000000000"));
        QCOMPARE(moodleDecimal(QStringLiteral("3/4")), QStringLiteral("0.75"));
        QCOMPARE(moodleDecimal(QStringLiteral("-1/3")), QStringLiteral("-0.333333333333333"));
        QCOMPARE(moodleDecimal(QStringLiteral("2.5e-07")), QStringLiteral("0.00000025"));
        QCOMPARE(moodleDecimal(QStringLiteral("1e+21")), QStringLiteral("1000000000000000000000"));
        QCOMPARE(moodleDecimal(QStringLiteral("0.1")), QStringLiteral("0.1"));
    }

    void aPacksTextIsEscaped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pack.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kHostilePack);
        f.close();
        ExerciseCatalog pack;
        QString error;
        QVERIFY2(pack.loadPack(path, &error), qPrintable(error));
        const MoodleExport e = exportMoodleXml(pack, shippedLessons(), {});
        const QList<Question> questions = checked(e);
        QCOMPARE(questions.size(), 1);
        const Question& q = questions[0];
        QCOMPARE(q.name, QStringLiteral("Bold & ]]> title"));   // the title as Minima shows it, as text
        QVERIFY2(q.questionText.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")), qPrintable(q.questionText));
        QVERIFY(!q.questionText.contains(QStringLiteral("<script")));
        QVERIFY(!q.questionText.contains(QStringLiteral("<b>")));
        QVERIFY(q.questionText.contains(QStringLiteral("]]&gt;")));
        QVERIFY(!e.xml.contains("<img"));
    }

    void commandWritesTheFile()
    {
        QTemporaryDir dir;
        const QString names = dir.filePath(QStringLiteral("class.txt"));
        QFile f(names);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# class 4b\nAda\n\nGrace\n");
        f.close();
        QProcess minima;
        minima.start(QStringLiteral(MINIMA_EXECUTABLE), {QStringLiteral("export-moodle"), QStringLiteral("--learners"), names,
                                                          QStringLiteral("-o"), dir.filePath(QStringLiteral("quiz.xml"))});
        QVERIFY(minima.waitForFinished(60000));
        QVERIFY2(minima.exitCode() == 0, minima.readAllStandardError().constData());
        QFile quiz(dir.filePath(QStringLiteral("quiz.xml")));
        QVERIFY(quiz.open(QIODevice::ReadOnly));
        const QList<Question> questions = checked(MoodleExport{quiz.readAll(), 0, 0});
        int expected = 0;
        for (const auto& e : catalog.exercises())
            if (e->kind != answers::CheckKind::Expression && e->kind != answers::CheckKind::Condition)
                expected += e->parameters.isEmpty() ? 1 : 2;
        QCOMPARE(questions.size(), expected);
        for (const QStringList& args : {QStringList{QStringLiteral("export-moodle")},
                                        QStringList{QStringLiteral("export-moodle"), QStringLiteral("-o")},
                                        QStringList{QStringLiteral("export-moodle"), QStringLiteral("--learners"), dir.path(),
                                                    QStringLiteral("-o"), dir.filePath(QStringLiteral("x.xml"))}}) {
            minima.start(QStringLiteral(MINIMA_EXECUTABLE), args);
            QVERIFY(minima.waitForFinished(60000));
            QCOMPARE(minima.exitCode(), 2);
        }
    }
};

QTEST_GUILESS_MAIN(TestMoodleExport)
#include "tst_moodleexport.moc"
