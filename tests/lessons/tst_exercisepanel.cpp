// The exercise panel driven as a learner would: typing answers, pressing Enter, reading the
// verdict, unlocking hints, asking for another version and for the solution. Uses a test pack,
// with attempts going to an in-memory progress store.
#include <QtTest>

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QGroupBox>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTemporaryDir>
#include <QThreadPool>

#include <memory>

#include "common/exercisepack.h"
#include "common/memoryprogress.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/exercises/exercisepanel.h"
#include "lessons/common/lessoncontext.h"

using namespace minima;

namespace {

const QByteArray kPack = testpack::pack(QStringLiteral("Panel test pack"), {
    testpack::layersExercise(QStringLiteral("identifiability.layers"), QStringLiteral("Layers"),
                             QStringLiteral("<p>{l} layers of {n} units. How many equivalent networks?</p>"),
                             testpack::exercise(R"json({
      "hints": ["HINT-ONE: one layer of {n} units first.", "HINT-TWO: the layers multiply."],
      "mistakes": [{"answer": "(n*l)!", "feedback": "neurons can only be rearranged within their own layer"}],
      "solution": "<p>SOLUTION: ({n}!)^{l} = {answer}</p>"
    })json")),
    testpack::exercise(R"json({
      "id": "identifiability.statements",
      "title": "Statements",
      "prompt": "<p>Which are true?</p>",
      "answer": {"kind": "choice", "multiple": true, "expected": "a, c",
                 "options": [{"id": "a", "label": "A is true"}, {"id": "b", "label": "B is false"},
                             {"id": "c", "label": "C is true"}]}
    })json"),
    testpack::exercise(R"json({
      "id": "identifiability.valley",
      "title": "Which valley &minus; B or R&amp;D?",
      "prompt": "<p>Where does it end?</p>",
      "answer": {"kind": "choice", "expected": "m1",
                 "options": [{"id": "m1", "label": "A (3, 2)"}, {"id": "m2", "label": "B (&minus;2.81, 3.13)"},
                             {"id": "rd", "label": "R&amp;D <b>lab</b>"}]},
      "mistakes": [{"answer": "m2", "feedback": "&lambda;<sup>2</sup> &le; 1 there: not <b>this</b> one."}]
    })json"),
    testpack::exercise(R"json({
      "id": "identifiability.general",
      "title": "General",
      "prompt": "<p>A formula in n and l.</p>",
      "answer": {"kind": "expression", "expected": "n!^l",
                 "variables": [{"name": "n", "kind": "count", "min": 1, "max": 6}, {"name": "l", "kind": "count", "min": 1, "max": 3}]}
    })json"),
    testpack::exercise(R"json({
      "id": "relu-rescaling.k",
      "title": "Other lesson",
      "prompt": "<p>For which k?</p>",
      "answer": {"kind": "condition", "expected": "k > 0", "variables": [{"name": "k", "kind": "real"}]}
    })json")});

template <typename T>
T* child(QWidget* w, const char* name)
{
    T* c = w->findChild<T*>(QString::fromLatin1(name));
    if (!c) qFatal("no child %s", name);
    return c;
}

qlonglong factorial(int n)
{
    qlonglong f = 1;
    for (int i = 2; i <= n; ++i) f *= i;
    return f;
}

qlonglong power(qlonglong b, int e)
{
    qlonglong r = 1;
    while (e-- > 0) r *= b;
    return r;
}

} // namespace

class TestExercisePanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void listsTheLessonsExercises();
    void promptHasTheLearnersNumbers();
    void previewShowsTheReading();
    void previewTypesetsAFormula();
    void choiceLabelsArePlainText();
    void verdictsCarryColourAndIcon();
    void showMeAnotherStartsAFreshCount();
    void unreadableIsNotAnAttempt();
    void wrongAnswerGetsTargetedFeedbackAndUnlocksAHint();
    void hintsUnlockOneByOne();
    void correctAnswerMarksSolved();
    void showMeAnotherChangesTheNumbers();
    void solutionIsRecordedAndCanBeHidden();
    void choiceAnswers();
    void failedWriteIsShown();
    void everyControlHasAnAccessibleName();
    void fitsSmallScreensWithLargeFonts();
    void anotherSaysWhyItIsOff();
    void hintSaysWhyItIsOff();
    void usesTheWholePanel();
    void attemptsAreListedAsTyped();

private:
    QString typeAndCheck(const QString& text);
    int n() const { return panel_->currentInstance().parameters.at(0).second.toInt(); }
    int l() const { return panel_->currentInstance().parameters.at(1).second.toInt(); }

    QTemporaryDir dir_;
    QString packPath_;
    std::unique_ptr<MemoryProgress> progress_;
    std::unique_ptr<ExerciseCatalog> catalog_;
    std::unique_ptr<LessonContext> context_;
    std::unique_ptr<ExercisePanel> panel_;
};

void TestExercisePanel::initTestCase()
{
    QVERIFY(dir_.isValid());
    packPath_ = dir_.filePath(QStringLiteral("panel-pack.json"));
    QFile f(packPath_);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPack);
}

void TestExercisePanel::init()
{
    progress_ = std::make_unique<MemoryProgress>();
    catalog_ = std::make_unique<ExerciseCatalog>();
    QString error;
    QVERIFY2(catalog_->loadPack(packPath_, &error), qPrintable(error));
    context_ = std::make_unique<LessonContext>(progress_.get(), catalog_.get(), QThreadPool::globalInstance());
    context_->setLearner(QStringLiteral("Ada"));
    panel_ = std::make_unique<ExercisePanel>(*context_, QStringLiteral("identifiability"));
    panel_->resize(1000, 700);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
    QVERIFY(panel_->selectExercise(QStringLiteral("identifiability.layers")));
}

void TestExercisePanel::cleanup()
{
    panel_.reset();
    context_.reset();
    catalog_.reset();
    progress_.reset();
}

QString TestExercisePanel::typeAndCheck(const QString& text)
{
    auto* input = child<QLineEdit>(panel_.get(), "answerInput");
    input->clear();
    input->setFocus();
    QTest::keyClicks(input, text);
    QTest::keyClick(input, Qt::Key_Return);   // Enter checks
    return child<QLabel>(panel_.get(), "verdictLabel")->text();
}

void TestExercisePanel::listsTheLessonsExercises()
{
    auto* list = child<QListWidget>(panel_.get(), "exerciseList");
    QCOMPARE(list->count(), 4);   // not the relu-rescaling one
    QCOMPARE(list->item(0)->text(), QStringLiteral("Layers"));
    QCOMPARE(list->item(1)->text(), QStringLiteral("Statements"));
    QCOMPARE(panel_->currentExerciseId(), QStringLiteral("identifiability.layers"));
    QVERIFY(!panel_->selectExercise(QStringLiteral("relu-rescaling.k")));
}

void TestExercisePanel::promptHasTheLearnersNumbers()
{
    const QString prompt = child<QLabel>(panel_.get(), "promptLabel")->text();
    QCOMPARE(prompt, QStringLiteral("<p>%1 layers of %2 units. How many equivalent networks?</p>").arg(l()).arg(n()));
    QVERIFY(n() >= 3 && n() <= 6);
    QVERIFY(l() >= 2 && l() <= 3);
    // The same learner gets the same numbers in a new panel.
    const auto before = panel_->currentInstance().parameters;
    ExercisePanel again(*context_, QStringLiteral("identifiability"));
    QCOMPARE(again.currentInstance().parameters, before);
}

void TestExercisePanel::previewShowsTheReading()
{
    auto* input = child<QLineEdit>(panel_.get(), "answerInput");
    auto* preview = child<QLabel>(panel_.get(), "previewLabel");
    QTest::keyClicks(input, QStringLiteral("4!^3"));
    // Typeset as a teacher writes it: a real superscript, and the brackets of the reading.
    QCOMPARE(preview->text(), QStringLiteral("Read as: (4!)<sup>3</sup>"));
    QCOMPARE(preview->textFormat(), Qt::RichText);
    input->clear();
    QTest::keyClicks(input, QStringLiteral("3/4"));
    QCOMPARE(preview->text(), QStringLiteral("Read as: <sup>3</sup>\u2044<sub>4</sub>"));
    input->clear();
    QTest::keyClicks(input, QStringLiteral("(4*3"));
    QVERIFY2(preview->text().startsWith(QStringLiteral("Cannot read this yet")), qPrintable(preview->text()));
    input->clear();
    QVERIFY(preview->text().isEmpty());
}

// The reading of a formula in the variables, typeset: (n!)ˡ with n and l in italics.
void TestExercisePanel::previewTypesetsAFormula()
{
    QVERIFY(panel_->selectExercise(QStringLiteral("identifiability.general")));
    auto* input = child<QLineEdit>(panel_.get(), "answerInput");
    auto* preview = child<QLabel>(panel_.get(), "previewLabel");
    QTest::keyClicks(input, QStringLiteral("n!^l"));
    QCOMPARE(preview->text(), QStringLiteral("Read as: (<i>n</i>!)<sup><i>l</i></sup>"));
    input->clear();
    QTest::keyClicks(input, QStringLiteral("(n^l)!"));
    QCOMPARE(preview->text(), QStringLiteral("Read as: (<i>n</i><sup><i>l</i></sup>)!"));
    input->clear();
    QTest::keyClicks(input, QStringLiteral("2^n*n!-1"));
    QCOMPARE(preview->text(), QStringLiteral("Read as: 2<sup><i>n</i></sup>\u00B7<i>n</i>! \u2212 1"));
}

// Labels with entities are shown decoded, and an entity's '&' is never a keyboard mnemonic
// ("B (&minus;2.81, …)" once showed "B (minus;2.81" with the m underlined).
void TestExercisePanel::choiceLabelsArePlainText()
{
    QVERIFY(panel_->selectExercise(QStringLiteral("identifiability.valley")));
    auto* b = child<QAbstractButton>(panel_.get(), "choice_m2");
    QCOMPARE(b->text(), QStringLiteral("B (\u22122.81, 3.13)"));
    QVERIFY(QKeySequence::mnemonic(b->text()).isEmpty());
    auto* rd = child<QAbstractButton>(panel_.get(), "choice_rd");
    QCOMPARE(rd->text(), QStringLiteral("R&&D lab"));   // shows "R&D lab"
    QVERIFY(QKeySequence::mnemonic(rd->text()).isEmpty());
    QCOMPARE(rd->accessibleName(), QStringLiteral("R&D lab"));
    auto* list = child<QListWidget>(panel_.get(), "exerciseList");
    QCOMPARE(list->currentItem()->text(), QStringLiteral("Which valley \u2212 B or R&D?"));
    // A mistake's feedback arrives as plain Unicode: λ², ≤, no tags or entities.
    QTest::mouseClick(b, Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(panel_.get(), "checkButton"), Qt::LeftButton);
    const QString verdict = child<QLabel>(panel_.get(), "verdictLabel")->text();
    QVERIFY2(verdict.contains(QStringLiteral("\u03BB\u00B2 \u2264 1 there: not this one.")), qPrintable(verdict));
    QVERIFY(!verdict.contains(QStringLiteral("&lambda;")) && !verdict.contains(QStringLiteral("&amp;")));
}

// Each verdict has its icon and its colour (Okabe-Ito, from the palette), not only words.
void TestExercisePanel::verdictsCarryColourAndIcon()
{
    QString v = typeAndCheck(QStringLiteral("1"));
    QVERIFY2(v.contains(QStringLiteral("\u2717")) && v.contains(hueColor(Hue::Vermillion).name()), qPrintable(v));
    v = typeAndCheck(QStringLiteral("n!^l"));
    QVERIFY2(v.contains(QStringLiteral("?")) && v.contains(hueColor(Hue::Orange).name()), qPrintable(v));
    v = typeAndCheck(QString::number(power(factorial(n()), l())));
    QVERIFY2(v.contains(QStringLiteral("\u2713")) && v.contains(hueColor(Hue::BluishGreen).name()), qPrintable(v));
}

// "Show me another" starts the count of the new version at 0: the previous version's
// "Attempts: 3 — solved" does not stay on screen.
void TestExercisePanel::showMeAnotherStartsAFreshCount()
{
    auto* status = child<QLabel>(panel_.get(), "statusLabel");
    typeAndCheck(QStringLiteral("1"));
    typeAndCheck(QStringLiteral("2"));
    typeAndCheck(QString::number(power(factorial(n()), l())));
    QCOMPARE(status->text(), QStringLiteral("Attempts: 3 \u2014 solved"));
    QTest::mouseClick(child<QPushButton>(panel_.get(), "anotherButton"), Qt::LeftButton);
    QCOMPARE(status->text(), QStringLiteral("Attempts: 0 (solved in an earlier version)"));
    typeAndCheck(QStringLiteral("1"));
    QCOMPARE(status->text(), QStringLiteral("Attempts: 1 (solved in an earlier version)"));
}

void TestExercisePanel::unreadableIsNotAnAttempt()
{
    const QString verdict = typeAndCheck(QStringLiteral("n!^l"));
    QVERIFY2(verdict.contains(QStringLiteral("Could not read")), qPrintable(verdict));
    QVERIFY2(verdict.contains(QStringLiteral("does not count")), qPrintable(verdict));
    const QList<AttemptRecord> attempts = progress_->attempts(QStringLiteral("Ada"));
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts[0].verdict, AttemptRecord::Verdict::Unreadable);
    QCOMPARE(attempts[0].input, QStringLiteral("n!^l"));
    QCOMPARE(progress_->progress(QStringLiteral("Ada"), QStringLiteral("identifiability.layers")).attempts, 0);
    QVERIFY(!child<QPushButton>(panel_.get(), "hintButton")->isEnabled());
}

void TestExercisePanel::wrongAnswerGetsTargetedFeedbackAndUnlocksAHint()
{
    auto* hint = child<QPushButton>(panel_.get(), "hintButton");
    QCOMPARE(hint->text().remove(QLatin1Char('&')), QStringLiteral("Show hint (1 of 2)"));
    QVERIFY(!hint->isEnabled());
    const QString verdict = typeAndCheck(QStringLiteral("(%1*%2)!").arg(n()).arg(l()));
    QVERIFY2(verdict.contains(QStringLiteral("Not right")), qPrintable(verdict));
    QVERIFY2(verdict.contains(QStringLiteral("within their own layer")), qPrintable(verdict));
    const ExerciseProgress p = progress_->progress(QStringLiteral("Ada"), QStringLiteral("identifiability.layers"));
    QCOMPARE(p.attempts, 1);
    QVERIFY(!p.solved);
    QVERIFY(hint->isEnabled());
}

void TestExercisePanel::hintsUnlockOneByOne()
{
    auto* hint = child<QPushButton>(panel_.get(), "hintButton");
    auto* hints = child<QLabel>(panel_.get(), "hintsLabel");
    typeAndCheck(QStringLiteral("1"));
    QTest::mouseClick(hint, Qt::LeftButton);
    QVERIFY2(hints->text().contains(QStringLiteral("HINT-ONE: one layer of %1 units first.").arg(n())), qPrintable(hints->text()));
    QVERIFY(!hints->text().contains(QStringLiteral("HINT-TWO")));
    QCOMPARE(hint->text().remove(QLatin1Char('&')), QStringLiteral("Show hint (2 of 2)"));
    QVERIFY(!hint->isEnabled());   // the second needs a second wrong attempt
    typeAndCheck(QStringLiteral("2"));
    QVERIFY(hint->isEnabled());
    hint->setFocus();
    QTest::keyClick(hint, Qt::Key_Space);   // keyboard operable
    QVERIFY(hints->text().contains(QStringLiteral("HINT-TWO")));
    QVERIFY(!hint->isEnabled());
    QCOMPARE(progress_->progress(QStringLiteral("Ada"), QStringLiteral("identifiability.layers")).hintsShown, 2);
    int recorded = 0;
    for (const AttemptRecord& a : progress_->attempts(QStringLiteral("Ada")))
        recorded += a.verdict == AttemptRecord::Verdict::HintShown;
    QCOMPARE(recorded, 2);
}

void TestExercisePanel::correctAnswerMarksSolved()
{
    typeAndCheck(QStringLiteral("5"));
    const qlonglong answer = power(factorial(n()), l());
    // Typed with thousands separators, as people do.
    const QString typed = QLocale(QLocale::English).toString(answer);
    const QString verdict = typeAndCheck(typed);
    QVERIFY2(verdict.contains(QStringLiteral("Correct")), qPrintable(verdict + " for " + typed));
    const ExerciseProgress p = progress_->progress(QStringLiteral("Ada"), QStringLiteral("identifiability.layers"));
    QVERIFY(p.solved);
    QCOMPARE(p.attempts, 2);
    auto* list = child<QListWidget>(panel_.get(), "exerciseList");
    QVERIFY2(list->item(0)->text().startsWith(QStringLiteral("\u2713")), qPrintable(list->item(0)->text()));
    QVERIFY(!list->item(1)->text().startsWith(QStringLiteral("\u2713")));
    // The worked solution follows a right answer.
    QVERIFY(child<QLabel>(panel_.get(), "solutionLabel")->text().contains(QStringLiteral("SOLUTION")));
    QVERIFY(child<QLabel>(panel_.get(), "statusLabel")->text().contains(QStringLiteral("solved")));
}

void TestExercisePanel::showMeAnotherChangesTheNumbers()
{
    const auto first = panel_->currentInstance().parameters;
    typeAndCheck(QStringLiteral("7"));
    auto* another = child<QPushButton>(panel_.get(), "anotherButton");
    // Several variants: at least one of them must change the numbers (a repeat has chance 1/8).
    bool changed = false;
    for (int v = 1; v <= 4; ++v) {
        QTest::mouseClick(another, Qt::LeftButton);
        QCOMPARE(panel_->currentInstance().variant, v);
        QCOMPARE(progress_->progress(QStringLiteral("Ada"), QStringLiteral("identifiability.layers")).variant, v);
        changed = changed || panel_->currentInstance().parameters != first;
        QVERIFY(child<QLabel>(panel_.get(), "verdictLabel")->text().isEmpty());
        QVERIFY(child<QLineEdit>(panel_.get(), "answerInput")->text().isEmpty());
    }
    QVERIFY(changed);
    // The prompt follows the new numbers, and the right answer is the new one.
    QCOMPARE(child<QLabel>(panel_.get(), "promptLabel")->text(),
             QStringLiteral("<p>%1 layers of %2 units. How many equivalent networks?</p>").arg(l()).arg(n()));
    QVERIFY(typeAndCheck(QStringLiteral("(%1!)^%2").arg(n()).arg(l())).contains(QStringLiteral("Correct")));
    QCOMPARE(progress_->attempts(QStringLiteral("Ada")).last().variant, 4);
}

void TestExercisePanel::solutionIsRecordedAndCanBeHidden()
{
    auto* solutionButton = child<QPushButton>(panel_.get(), "solutionButton");
    QVERIFY(solutionButton->isVisible());
    QTest::mouseClick(solutionButton, Qt::LeftButton);
    const QString solution = child<QLabel>(panel_.get(), "solutionLabel")->text();
    QVERIFY2(solution.contains(QString::number(power(factorial(n()), l()))), qPrintable(solution));
    QCOMPARE(progress_->attempts(QStringLiteral("Ada")).last().verdict, AttemptRecord::Verdict::SolutionShown);
    // A right answer after seeing the solution is not "solved".
    typeAndCheck(QStringLiteral("(%1!)^%2").arg(n()).arg(l()));
    QVERIFY(!progress_->progress(QStringLiteral("Ada"), QStringLiteral("identifiability.layers")).solved);

    context_->setSolutionsHidden(true);
    QVERIFY(!solutionButton->isVisible());
    const int before = int(progress_->attempts(QStringLiteral("Ada")).size());
    panel_->showSolution();
    QCOMPARE(int(progress_->attempts(QStringLiteral("Ada")).size()), before);
}

void TestExercisePanel::choiceAnswers()
{
    QVERIFY(panel_->selectExercise(QStringLiteral("identifiability.statements")));
    QVERIFY(!child<QLineEdit>(panel_.get(), "answerInput")->isVisible());
    // No "Your answer:" over the options: their box says what to do.
    for (QLabel* l : panel_->findChildren<QLabel*>())
        QVERIFY2(!(l->isVisible() && l->text() == QStringLiteral("&Your answer:")), "answer label over the options");
    QCOMPARE(child<QGroupBox>(panel_.get(), "choiceBox")->title(), QStringLiteral("Pick every right option"));
    auto* a = child<QCheckBox>(panel_.get(), "choice_a");
    auto* c = child<QCheckBox>(panel_.get(), "choice_c");
    QCOMPARE(a->text(), QStringLiteral("A is true"));
    QTest::mouseClick(a, Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(panel_.get(), "checkButton"), Qt::LeftButton);
    QVERIFY(child<QLabel>(panel_.get(), "verdictLabel")->text().contains(QStringLiteral("missing")));
    c->setFocus();
    QTest::keyClick(c, Qt::Key_Space);
    QVERIFY(c->isChecked());
    QTest::mouseClick(child<QPushButton>(panel_.get(), "checkButton"), Qt::LeftButton);
    QVERIFY(child<QLabel>(panel_.get(), "verdictLabel")->text().contains(QStringLiteral("Correct")));
    QCOMPARE(progress_->attempts(QStringLiteral("Ada")).last().input, QStringLiteral("a, c"));
    QVERIFY(!child<QPushButton>(panel_.get(), "anotherButton")->isEnabled());   // no numbers to change
}

void TestExercisePanel::failedWriteIsShown()
{
    progress_->failNextWrite(QStringLiteral("The disk is full."));
    typeAndCheck(QStringLiteral("3"));
    QVERIFY(child<QLabel>(panel_.get(), "statusLabel")->text().contains(QStringLiteral("The disk is full.")));
    QCOMPARE(progress_->attempts(QStringLiteral("Ada")).size(), 0);
}

void TestExercisePanel::everyControlHasAnAccessibleName()
{
    for (const char* name : {"exerciseList", "answerInput", "checkButton", "hintButton", "anotherButton",
                             "solutionButton", "verdictLabel", "previewLabel", "promptLabel"}) {
        QWidget* w = child<QWidget>(panel_.get(), name);
        QVERIFY2(!w->accessibleName().isEmpty(), name);
    }
    QVERIFY(panel_->selectExercise(QStringLiteral("identifiability.statements")));
    for (QAbstractButton* b : panel_->findChildren<QAbstractButton*>())
        QVERIFY2(!b->accessibleName().isEmpty() || !b->isVisible(), qPrintable(b->objectName()));
}

void TestExercisePanel::fitsSmallScreensWithLargeFonts()
{
    QFont big = panel_->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    panel_->setFont(big);
    // It must fit in a 1366x768 window beside nothing else, with large fonts.
    QVERIFY2(panel_->minimumSizeHint().width() <= 1366, qPrintable(QString::number(panel_->minimumSizeHint().width())));
    QVERIFY2(panel_->minimumSizeHint().height() <= 768, qPrintable(QString::number(panel_->minimumSizeHint().height())));
    panel_->resize(1366, 768);
    QTest::qWait(10);
    QVERIFY(child<QLineEdit>(panel_.get(), "answerInput")->width() > 200);
}

namespace {

// A label shows all of its text: wrapped, never cut at its edges.
bool showsAll(const QLabel* label)
{
    return label->isVisible() && label->heightForWidth(label->width()) <= label->height()
           && label->sizeHint().width() <= std::max(label->width(), label->minimumSizeHint().width());
}

const QString kAnotherNoNumbers = QStringLiteral("\u201CShow me another\u201D is off: this exercise has no numbers to change.");
const QString kAnotherOneVersion =
    QStringLiteral("\u201CShow me another\u201D is off: each of this exercise\u2019s numbers can take only one value.");
const QString kHintLocked = QStringLiteral("\u201CShow hint\u201D is off: the next hint unlocks after a wrong attempt.");

} // namespace

// A greyed-out "Show me another" says why on the panel (a line the class can read) and in its
// tooltip, and the reason is the true one: no numbers, or numbers with one value each.
void TestExercisePanel::anotherSaysWhyItIsOff()
{
    auto* another = child<QPushButton>(panel_.get(), "anotherButton");
    auto* note = child<QLabel>(panel_.get(), "buttonNote");
    // With numbers that vary: on, and no note about it.
    QVERIFY(another->isEnabled());
    QVERIFY(!note->text().contains(QStringLiteral("Show me another")));
    QVERIFY(!another->toolTip().contains(QStringLiteral("off")));

    // No numbers at all.
    QVERIFY(panel_->selectExercise(QStringLiteral("identifiability.statements")));
    QVERIFY(!another->isEnabled());
    QCOMPARE(note->text(), kAnotherNoNumbers);
    QTRY_VERIFY(showsAll(note));
    QCOMPARE(another->toolTip(), kAnotherNoNumbers);
    QCOMPARE(another->text(), QStringLiteral("Show me &another"));

    // Numbers, but each can take one value only: another version would be the same one.
    const QString single = dir_.filePath(QStringLiteral("single-pack.json"));
    QFile f(single);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"json({"format": "minima-exercises", "version": 1, "title": "Single", "exercises": [{
      "id": "identifiability.single", "title": "Fixed numbers", "prompt": "<p>{n} units: how many orders?</p>",
      "parameters": [{"name": "n", "kind": "integer", "min": 4, "max": 4},
                     {"name": "f", "kind": "choice", "values": ["relu"]}],
      "answer": {"kind": "integer", "expected": "n!"}}]})json");
    f.close();
    QString error;
    QVERIFY2(catalog_->loadPack(single, &error), qPrintable(error));
    QVERIFY(panel_->selectExercise(QStringLiteral("identifiability.single")));
    QVERIFY(!another->isEnabled());
    QCOMPARE(note->text(), kAnotherOneVersion);
    QTRY_VERIFY(showsAll(note));
    QCOMPARE(another->toolTip(), kAnotherOneVersion);

    // Back to one whose numbers vary: the note goes.
    QVERIFY(panel_->selectExercise(QStringLiteral("identifiability.layers")));
    QVERIFY(another->isEnabled());
    QVERIFY(!note->text().contains(QStringLiteral("Show me another")));
}

// The locked hint says so on the panel too, until a wrong attempt unlocks it.
void TestExercisePanel::hintSaysWhyItIsOff()
{
    auto* hint = child<QPushButton>(panel_.get(), "hintButton");
    auto* note = child<QLabel>(panel_.get(), "buttonNote");
    QVERIFY(!hint->isEnabled());
    QCOMPARE(note->text(), kHintLocked);
    QTRY_VERIFY(showsAll(note));
    typeAndCheck(QStringLiteral("1"));
    QVERIFY(hint->isEnabled());
    QVERIFY(note->text().isEmpty());
    QVERIFY(!note->isVisible());
}

// At a desktop size the question (with the attempts under it) and the feedback stand side by
// side, both reaching the bottom of the panel; when narrow they stand one under the other. The
// feedback says what will show there before the first check.
void TestExercisePanel::usesTheWholePanel()
{
    panel_->resize(1100, 700);
    QTest::qWait(20);
    QVERIFY(panel_->columnsSideBySide());
    auto* question = child<QWidget>(panel_.get(), "questionPart");
    auto* feedback = child<QGroupBox>(panel_.get(), "feedbackBox");
    auto* history = child<QGroupBox>(panel_.get(), "historyBox");
    auto* scroll = child<QWidget>(panel_.get(), "exerciseScroll");
    const auto inScroll = [&](QWidget* w) { return QRect(w->mapTo(scroll, QPoint(0, 0)), w->size()); };
    const QRect q = inScroll(question), fb = inScroll(feedback), h = inScroll(history);
    QVERIFY2(fb.left() > q.right() && fb.left() > h.right(), "feedback beside the question");
    QVERIFY(h.top() > q.bottom());
    // Down to the bottom of the visible area, together wider than 90 % of it.
    const int bottom = scroll->height();
    QVERIFY2(fb.bottom() > bottom - 30 && h.bottom() > bottom - 30, qPrintable(QStringLiteral("%1 %2 of %3").arg(fb.bottom()).arg(h.bottom()).arg(bottom)));
    QVERIFY(fb.right() - q.left() > scroll->width() * 0.9);
    auto* empty = child<QLabel>(panel_.get(), "feedbackEmptyLabel");
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("press Check")));
    QTRY_VERIFY(showsAll(empty));
    QVERIFY(!child<QLabel>(panel_.get(), "verdictLabel")->isVisible());
    // The first verdict replaces the explanation.
    typeAndCheck(QStringLiteral("1"));
    QVERIFY(!empty->isVisible());
    QVERIFY(child<QLabel>(panel_.get(), "verdictLabel")->isVisible());

    // Dragging the splitter's handle narrows the exercise alone: it stacks too, and back.
    auto* splitter = child<QSplitter>(panel_.get(), "exerciseSplitter");
    const QList<int> sizes = splitter->sizes();
    splitter->setSizes({sizes[0] + sizes[1] - 400, 400});
    QTest::qWait(20);
    QVERIFY(!panel_->columnsSideBySide());
    splitter->setSizes(sizes);
    QTest::qWait(20);
    QVERIFY(panel_->columnsSideBySide());

    panel_->resize(560, 700);
    QTest::qWait(20);
    QVERIFY(!panel_->columnsSideBySide());
    const QRect q2 = inScroll(question), fb2 = inScroll(feedback), h2 = inScroll(history);
    QVERIFY(fb2.top() > q2.bottom() && h2.top() > fb2.bottom());
    QVERIFY(child<QLineEdit>(panel_.get(), "answerInput")->width() > 200);
}

// Each attempt at these numbers is listed with its verdict, as typed (plain text: markup a
// learner types is shown, never read), and the list starts again with new numbers.
void TestExercisePanel::attemptsAreListedAsTyped()
{
    auto* history = child<QPlainTextEdit>(panel_.get(), "attemptHistory");
    QCOMPARE(history->toPlainText(), QStringLiteral("None yet."));
    typeAndCheck(QStringLiteral("1"));
    typeAndCheck(QStringLiteral("<b>2</b>"));
    typeAndCheck(QString::number(power(factorial(n()), l())));
    const QStringList lines = history->toPlainText().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QStringLiteral("1. \u2717 1 \u2014 not right"));
    QVERIFY2(lines[1].startsWith(QStringLiteral("2. ? <b>2</b> \u2014 could not be read")), qPrintable(lines[1]));
    QCOMPARE(lines[2], QStringLiteral("3. \u2713 %1 \u2014 correct").arg(power(factorial(n()), l())));
    QTest::mouseClick(child<QPushButton>(panel_.get(), "anotherButton"), Qt::LeftButton);
    QCOMPARE(history->toPlainText(), QStringLiteral("None yet."));
    // It grows with the application's font, as presentation mode sets it, like the rest.
    const QFont before = QApplication::font();
    QFont big = before;
    big.setPointSizeF(before.pointSizeF() * 1.5);
    QApplication::setFont(big);
    QTest::qWait(10);
    const double shown = history->font().pointSizeF(), label = child<QLabel>(panel_.get(), "statusLabel")->font().pointSizeF();
    QApplication::setFont(before);
    QCOMPARE(shown, big.pointSizeF());
    QCOMPARE(label, big.pointSizeF());
}

QTEST_MAIN(TestExercisePanel)
#include "tst_exercisepanel.moc"
