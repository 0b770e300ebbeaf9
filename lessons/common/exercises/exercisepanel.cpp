#include "lessons/common/exercises/exercisepanel.h"

#include <algorithm>

#include <QAbstractButton>
#include <QButtonGroup>
#include <QCheckBox>
#include <QDateTime>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include "lessons/common/charts/palette.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/progresssink.h"

namespace minima {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kSolvedRole = Qt::UserRole + 1;

QLabel* wrappingLabel(const QString& objectName, const QString& accessibleName, QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setObjectName(objectName);
    l->setAccessibleName(accessibleName);
    l->setWordWrap(true);
    l->setTextFormat(Qt::RichText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return l;
}

QString escaped(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }


// A verdict line: an icon and the verdict in the verdict's colour (Okabe-Ito, following the
// theme), then the feedback. Colour is never the only signal: the icon and words say it too.
QString verdictLine(const QString& icon, Hue hue, const QString& verdict, const QString& rest)
{
    return QStringLiteral("<p><span style=\"color:%1\"><b>%2 %3</b></span> %4</p>")
        .arg(hueColor(hue).name(), icon, verdict, rest);
}

// In presentation mode the class is watching: a solution needs a second, deliberate click.
bool presenting(const QWidget* w) { return w->window()->property("minimaPresenting").toBool(); }

} // namespace

ExercisePanel::ExercisePanel(LessonContext& context, const QString& lessonId, QWidget* parent)
    : QWidget(parent), context_(context), lessonId_(lessonId)
{
    setObjectName(QStringLiteral("exercisePanel"));
    auto* outer = new QHBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("exerciseSplitter"));
    outer->addWidget(splitter);

    list_ = new QListWidget(splitter);
    list_->setObjectName(QStringLiteral("exerciseList"));
    list_->setAccessibleName(tr("Exercises"));
    list_->setAccessibleDescription(tr("The lesson's exercises; a check mark means solved"));
    list_->setWordWrap(true);

    auto* scroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* page = new QWidget(scroll);
    scroll->setWidget(page);
    auto* pageLayout = new QVBoxLayout(page);

    empty_ = wrappingLabel(QStringLiteral("emptyLabel"), tr("No exercises"), page);
    empty_->setText(tr("<p>This lesson has no exercises yet. A teacher can add some with "
                       "<b>File &gt; Open exercise pack</b>.</p>"));
    pageLayout->addWidget(empty_);

    body_ = new QWidget(page);
    pageLayout->addWidget(body_);
    pageLayout->addStretch(1);
    auto* layout = new QVBoxLayout(body_);
    layout->setContentsMargins(0, 0, 0, 0);

    title_ = wrappingLabel(QStringLiteral("titleLabel"), tr("Exercise title"), body_);
    prompt_ = wrappingLabel(QStringLiteral("promptLabel"), tr("Exercise"), body_);
    layout->addWidget(title_);
    layout->addWidget(prompt_);

    auto* answerLabel = new QLabel(tr("&Your answer:"), body_);
    input_ = new QLineEdit(body_);
    input_->setObjectName(QStringLiteral("answerInput"));
    input_->setAccessibleName(tr("Your answer"));
    input_->setAccessibleDescription(tr("Type an answer, e.g. n!^l, 3/4, 0.75 or k > 0, then press Enter"));
    input_->setPlaceholderText(tr("Type your answer and press Enter"));
    input_->setMaxLength(2000);
    answerLabel->setBuddy(input_);
    layout->addWidget(answerLabel);
    layout->addWidget(input_);

    choiceBox_ = new QGroupBox(tr("Your answer"), body_);
    choiceBox_->setObjectName(QStringLiteral("choiceBox"));
    choiceBox_->setAccessibleName(tr("Options"));
    choiceLayout_ = new QVBoxLayout(choiceBox_);
    layout->addWidget(choiceBox_);

    // Rich text we build: the typeset reading (names and numbers escaped by the checker).
    preview_ = wrappingLabel(QStringLiteral("previewLabel"), tr("How your answer is read"), body_);
    layout->addWidget(preview_);

    auto* buttons = new QHBoxLayout;
    checkButton_ = new QPushButton(tr("&Check"), body_);
    checkButton_->setObjectName(QStringLiteral("checkButton"));
    checkButton_->setAccessibleName(tr("Check answer"));
    checkButton_->setDefault(true);
    hintButton_ = new QPushButton(body_);
    hintButton_->setObjectName(QStringLiteral("hintButton"));
    hintButton_->setAccessibleName(tr("Show hint"));
    anotherButton_ = new QPushButton(tr("Show me &another"), body_);
    anotherButton_->setObjectName(QStringLiteral("anotherButton"));
    anotherButton_->setAccessibleName(tr("Show me another version with new numbers"));
    solutionButton_ = new QPushButton(tr("Show &solution"), body_);
    solutionButton_->setObjectName(QStringLiteral("solutionButton"));
    solutionButton_->setAccessibleName(tr("Show solution"));
    for (QPushButton* b : {checkButton_, hintButton_, anotherButton_, solutionButton_}) buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    verdict_ = wrappingLabel(QStringLiteral("verdictLabel"), tr("Verdict"), body_);
    hints_ = wrappingLabel(QStringLiteral("hintsLabel"), tr("Hints"), body_);
    solution_ = wrappingLabel(QStringLiteral("solutionLabel"), tr("Solution"), body_);
    status_ = wrappingLabel(QStringLiteral("statusLabel"), tr("Attempts"), body_);
    for (QLabel* l : {verdict_, hints_, solution_, status_}) layout->addWidget(l);

    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    sizeList();

    connect(list_, &QListWidget::currentRowChanged, this, [this] { showCurrent(); });
    connect(input_, &QLineEdit::textChanged, this, [this] { updatePreview(); });
    connect(input_, &QLineEdit::returnPressed, this, &ExercisePanel::check);
    connect(checkButton_, &QPushButton::clicked, this, &ExercisePanel::check);
    connect(hintButton_, &QPushButton::clicked, this, &ExercisePanel::showHint);
    connect(anotherButton_, &QPushButton::clicked, this, &ExercisePanel::showAnother);
    connect(solutionButton_, &QPushButton::clicked, this, &ExercisePanel::showSolution);
    connect(&context_, &LessonContext::learnerChanged, this, [this] { updateMarks(); showCurrent(); });
    connect(&context_, &LessonContext::solutionsHiddenChanged, this, [this] { updateButtons(); });
    if (context_.exercises())
        connect(context_.exercises(), &ExerciseCatalog::changed, this, [this] { rebuildList(); });
    rebuildList();
}

void ExercisePanel::sizeList()
{
    const int ch = fontMetrics().averageCharWidth();
    list_->setMinimumWidth(ch * 18);
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("exerciseSplitter"))) {
        const int total = std::max(splitter->width(), ch * 108);
        splitter->setSizes({ch * 28, total - ch * 28});
    }
}

void ExercisePanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) sizeList();
}

int ExercisePanel::exerciseCount() const { return list_->count(); }

QString ExercisePanel::currentExerciseId() const { return exercise_ ? exercise_->id : QString(); }

bool ExercisePanel::selectExercise(const QString& exerciseId)
{
    for (int i = 0; i < list_->count(); ++i) {
        if (list_->item(i)->data(kIdRole).toString() == exerciseId) {
            list_->setCurrentRow(i);
            if (currentExerciseId() != exerciseId) showCurrent();
            return true;
        }
    }
    return false;
}

void ExercisePanel::rebuildList()
{
    const QString keep = currentExerciseId();
    QSignalBlocker block(list_);
    list_->clear();
    if (context_.exercises()) {
        for (const auto& e : context_.exercises()->exercisesFor(lessonId_)) {
            auto* item = new QListWidgetItem(e->title, list_);
            item->setData(kIdRole, e->id);
            item->setToolTip(e->id);
        }
    }
    int row = 0;
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->data(kIdRole).toString() == keep) row = i;
    if (list_->count() > 0) list_->setCurrentRow(row);
    updateMarks();
    showCurrent();
}

void ExercisePanel::updateMarks()
{
    ProgressSink* progress = context_.progress();
    for (int i = 0; i < list_->count(); ++i) {
        QListWidgetItem* item = list_->item(i);
        const QString id = item->data(kIdRole).toString();
        const bool solved = progress && progress->progress(context_.learner(), id).solved;
        const auto e = context_.exercises() ? context_.exercises()->find(id) : nullptr;
        const QString title = e ? e->title : id;
        item->setData(kSolvedRole, solved);
        // The mark is in the text, so screen readers say it too.
        item->setText(solved ? QStringLiteral("\u2713 ") + title : title);
        item->setData(Qt::AccessibleTextRole, solved ? tr("%1, solved").arg(title) : title);
    }
}

void ExercisePanel::showCurrent()
{
    QListWidgetItem* item = list_->currentItem();
    exercise_ = (item && context_.exercises()) ? context_.exercises()->find(item->data(kIdRole).toString()) : nullptr;
    empty_->setVisible(!exercise_);
    body_->setVisible(bool(exercise_));
    if (!exercise_) {
        instance_ = {};
        return;
    }
    const QString learner = context_.learner();
    ExerciseProgress p;
    if (context_.progress()) p = context_.progress()->progress(learner, exercise_->id);
    instance_ = instantiate(*exercise_, learner, p.variant);
    hintsShown_ = std::min<int>(p.hintsShown, int(exercise_->hints.size()));
    solvedNow_ = false;
    sessionWrong_ = 0;
    solutionButton_->setProperty("armed", false);
    solutionButton_->setText(tr("Show &solution"));

    title_->setText(QStringLiteral("<h2>%1</h2>").arg(exercise_->title.toHtmlEscaped()));
    prompt_->setText(instance_.ok ? instance_.prompt
                                  : tr("<p>This exercise cannot be set up: %1</p>").arg(instance_.error.toHtmlEscaped()));
    verdict_->clear();
    solution_->clear();
    status_->clear();
    input_->clear();
    buildAnswerInput();
    QStringList shown;
    for (int i = 0; i < hintsShown_; ++i)
        shown << tr("<p><b>Hint %1:</b> %2</p>").arg(i + 1).arg(substitute(exercise_->hints[i], instance_.parameters));
    hints_->setText(shown.join(QString()));
    updatePreview();
    updateButtons();
}

void ExercisePanel::buildAnswerInput()
{
    delete choiceGroup_;
    choiceGroup_ = nullptr;
    while (QLayoutItem* it = choiceLayout_->takeAt(0)) {
        delete it->widget();
        delete it;
    }
    const bool choice = exercise_ && exercise_->kind == answers::CheckKind::Choice;
    input_->setVisible(!choice);
    choiceBox_->setVisible(choice);
    if (!choice) return;
    choiceGroup_ = new QButtonGroup(this);
    choiceGroup_->setExclusive(!exercise_->multiple);
    choiceBox_->setTitle(exercise_->multiple ? tr("Pick every right option") : tr("Pick one option"));
    for (const ExerciseOption& o : instance_.options) {
        QAbstractButton* b = exercise_->multiple ? static_cast<QAbstractButton*>(new QCheckBox(choiceBox_))
                                                 : static_cast<QAbstractButton*>(new QRadioButton(choiceBox_));
        // Labels are rich text in the file; buttons show plain text, entities decoded, and an
        // '&' doubled so that it is shown rather than taken for a keyboard mnemonic.
        const QString plain = plainText(o.label);
        b->setText(QString(plain).replace(QLatin1Char('&'), QStringLiteral("&&")));
        b->setObjectName(QStringLiteral("choice_") + o.id);
        b->setAccessibleName(plain);
        b->setProperty("optionId", o.id);
        choiceGroup_->addButton(b);
        choiceLayout_->addWidget(b);
        connect(b, &QAbstractButton::toggled, this, [this] { updatePreview(); });
    }
}

QString ExercisePanel::currentInput() const
{
    if (exercise_ && exercise_->kind == answers::CheckKind::Choice && choiceGroup_) {
        QStringList ids;
        for (QAbstractButton* b : choiceGroup_->buttons())
            if (b->isChecked()) ids << b->property("optionId").toString();
        return ids.join(QStringLiteral(", "));
    }
    return input_->text();
}

void ExercisePanel::updatePreview()
{
    const QString text = currentInput();
    if (!exercise_ || text.trimmed().isEmpty() || exercise_->kind == answers::CheckKind::Choice) {
        preview_->clear();
        return;
    }
    // As STACK does: the reading typeset as a teacher writes it, (n!)ˡ with a real superscript.
    const answers::Preview p = previewInstance(instance_, withLocaleDecimalPoint(text));
    const QString typeset = QString::fromStdString(p.html.empty() ? escaped(p.text).toStdString() : p.html);
    preview_->setText(p.ok ? tr("Read as: %1").arg(typeset) : tr("Cannot read this yet: %1").arg(escaped(p.text)));
    preview_->setAccessibleDescription(p.ok ? tr("Read as: %1").arg(QString::fromStdString(p.text))
                                            : tr("Cannot read this yet: %1").arg(QString::fromStdString(p.text)));
}

int ExercisePanel::wrongAttempts() const
{
    if (!exercise_) return 0;
    if (!context_.progress()) return sessionWrong_;
    int wrong = 0;
    for (const AttemptRecord& a : context_.progress()->attempts(context_.learner()))
        if (a.exerciseId == exercise_->id && a.verdict == AttemptRecord::Verdict::Wrong) ++wrong;
    return wrong;
}

void ExercisePanel::updateButtons()
{
    if (!exercise_) return;
    const int total = int(exercise_->hints.size());
    hintButton_->setVisible(total > 0);
    const int unlocked = std::min(total, wrongAttempts());
    if (hintsShown_ < total) {
        hintButton_->setText(tr("Show &hint (%1 of %2)").arg(hintsShown_ + 1).arg(total));
        hintButton_->setEnabled(hintsShown_ < unlocked);
        hintButton_->setToolTip(hintsShown_ < unlocked ? QString() : tr("The next hint unlocks after a wrong attempt"));
    } else {
        hintButton_->setText(tr("All %1 hints shown").arg(total));
        hintButton_->setEnabled(false);
        hintButton_->setToolTip(QString());
    }
    hintButton_->setAccessibleName(hintButton_->text().remove(QLatin1Char('&')));
    solutionButton_->setVisible(!context_.solutionsHidden());
    checkButton_->setEnabled(instance_.ok);
    anotherButton_->setEnabled(!exercise_->parameters.isEmpty());
    anotherButton_->setToolTip(exercise_->parameters.isEmpty() ? tr("This exercise has no numbers to change") : QString());
    if (context_.progress()) {
        // The attempts of the version shown: after "Show me another" a new version starts at 0.
        const ExerciseProgress p = context_.progress()->progress(context_.learner(), exercise_->id);
        int attempts = 0;
        bool solvedHere = false;
        for (const AttemptRecord& a : context_.progress()->attempts(context_.learner())) {
            if (a.exerciseId != exercise_->id || a.variant != instance_.variant) continue;
            if (a.verdict == AttemptRecord::Verdict::Correct || a.verdict == AttemptRecord::Verdict::Wrong) ++attempts;
            if (a.verdict == AttemptRecord::Verdict::Correct) solvedHere = true;
        }
        status_->setText(tr("Attempts: %1%2").arg(attempts).arg(solvedHere ? tr(" \u2014 solved")
                                                               : p.solved  ? tr(" (solved in an earlier version)")
                                                                           : QString()));
    }
}

bool ExercisePanel::record(int verdict, const QString& input)
{
    ProgressSink* progress = context_.progress();
    if (!progress || !exercise_) return true;
    AttemptRecord a;
    a.learner = context_.learner();
    a.exerciseId = exercise_->id;
    a.variant = instance_.variant;
    a.input = input;
    a.verdict = AttemptRecord::Verdict(verdict);
    a.when = QDateTime::currentDateTimeUtc();
    QString error;
    if (!progress->recordAttempt(a, &error)) {
        status_->setText(error.toHtmlEscaped());   // the store says what and why
        return false;
    }
    return true;
}

void ExercisePanel::check()
{
    if (!exercise_ || !instance_.ok) return;
    const QString input = currentInput();
    const answers::CheckResult r = checkInstance(instance_, exercise_->kind == answers::CheckKind::Choice ? input : withLocaleDecimalPoint(input));
    AttemptRecord::Verdict v = AttemptRecord::Verdict::Unreadable;
    QString text;
    switch (r.verdict) {
    case answers::Verdict::Correct:
        v = AttemptRecord::Verdict::Correct;
        text = verdictLine(QStringLiteral("\u2713"), Hue::BluishGreen, tr("Correct."), escaped(r.feedback));
        break;
    case answers::Verdict::Wrong:
        v = AttemptRecord::Verdict::Wrong;
        ++sessionWrong_;
        text = verdictLine(QStringLiteral("\u2717"), Hue::Vermillion, tr("Not right yet."), escaped(r.feedback));
        break;
    case answers::Verdict::Unreadable:
        text = verdictLine(QStringLiteral("?"), Hue::Orange, tr("Could not read this answer."),
                           tr("%1 This does not count as an attempt.").arg(escaped(r.feedback)));
        break;
    }
    const bool saved = record(int(v), input);
    verdict_->setText(text);
    verdict_->setAccessibleDescription(QString(text).remove(QRegularExpression(QStringLiteral("<[^>]*>"))));
    if (v == AttemptRecord::Verdict::Correct) {
        solvedNow_ = true;
        // After a right answer the worked solution is shown (it does not count as "shown").
        if (!context_.solutionsHidden() && !instance_.solution.isEmpty()) solution_->setText(instance_.solution);
    }
    updateMarks();
    if (saved) updateButtons();
    emit checked(exercise_->id, int(v));
}

void ExercisePanel::showHint()
{
    if (!exercise_ || hintsShown_ >= exercise_->hints.size() || hintsShown_ >= wrongAttempts()) return;
    record(int(AttemptRecord::Verdict::HintShown), QString());
    ++hintsShown_;
    QStringList shown;
    for (int i = 0; i < hintsShown_; ++i)
        shown << tr("<p><b>Hint %1:</b> %2</p>").arg(i + 1).arg(substitute(exercise_->hints[i], instance_.parameters));
    hints_->setText(shown.join(QString()));
    updateButtons();
}

void ExercisePanel::showAnother()
{
    if (!exercise_ || exercise_->parameters.isEmpty()) return;
    const int next = instance_.variant + 1;
    if (context_.progress()) {
        QString error;
        if (!context_.progress()->setVariant(context_.learner(), exercise_->id, next, &error)) {
            status_->setText(error.toHtmlEscaped());   // the store says what and why
            return;
        }
        showCurrent();
    } else {
        instance_ = instantiate(*exercise_, context_.learner(), next);
        prompt_->setText(instance_.prompt);
        verdict_->clear();
        solution_->clear();
        status_->clear();
        input_->clear();
        solvedNow_ = false;
        buildAnswerInput();
    }
    input_->setFocus();
}

void ExercisePanel::showSolution()
{
    if (!exercise_ || context_.solutionsHidden() || !instance_.ok) return;
    if (presenting(this) && !solutionButton_->property("armed").toBool() && solution_->text().isEmpty()) {
        solutionButton_->setProperty("armed", true);
        solutionButton_->setText(tr("Click again to show the &solution to everyone"));
        solutionButton_->setAccessibleName(tr("Click again to show the solution to everyone"));
        return;
    }
    solutionButton_->setProperty("armed", false);
    solutionButton_->setText(tr("Show &solution"));
    solutionButton_->setAccessibleName(tr("Show solution"));
    if (!solvedNow_) record(int(AttemptRecord::Verdict::SolutionShown), QString());
    const QString answer = tr("<p><b>Answer:</b> %1</p>").arg(instance_.expected.toHtmlEscaped());
    solution_->setText(instance_.solution.isEmpty() ? answer : answer + instance_.solution);
    updateMarks();
    updateButtons();
}

} // namespace minima
