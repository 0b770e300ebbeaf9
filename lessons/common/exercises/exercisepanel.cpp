#include "lessons/common/exercises/exercisepanel.h"

#include <algorithm>

#include <QAbstractButton>
#include <QButtonGroup>
#include <QCheckBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QGridLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/flowlayout.h"
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

    scroll_ = new QScrollArea(splitter);
    scroll_->setObjectName(QStringLiteral("exerciseScroll"));
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    auto* page = new QWidget(scroll_);
    scroll_->setWidget(page);
    scroll_->viewport()->installEventFilter(this);   // the splitter's handle resizes it alone
    auto* pageLayout = new QVBoxLayout(page);

    empty_ = wrappingLabel(QStringLiteral("emptyLabel"), tr("No exercises"), page);
    empty_->setText(tr("<p>This lesson has no exercises yet. A teacher can add some with "
                       "<b>File &gt; Open exercise pack</b>.</p>"));
    pageLayout->addWidget(empty_);

    // The exercise in three parts: the question with its answer and buttons, the feedback
    // (verdict, hints, solution) and the learner's attempts. Side by side when the panel is
    // wide (question and attempts left, feedback right, both down to the bottom), one under
    // the other when it is narrow (arrangeColumns).
    body_ = new QWidget(page);
    body_->setObjectName(QStringLiteral("exerciseBody"));
    pageLayout->addWidget(body_, 1);
    pageLayout->addStretch(0);
    grid_ = new QGridLayout(body_);
    grid_->setContentsMargins(0, 0, 0, 0);

    question_ = new QWidget(body_);
    question_->setObjectName(QStringLiteral("questionPart"));
    auto* layout = new QVBoxLayout(question_);
    layout->setContentsMargins(0, 0, 0, 0);

    title_ = wrappingLabel(QStringLiteral("titleLabel"), tr("Exercise title"), question_);
    prompt_ = wrappingLabel(QStringLiteral("promptLabel"), tr("Exercise"), question_);
    layout->addWidget(title_);
    layout->addWidget(prompt_);

    answerLabel_ = new QLabel(tr("&Your answer:"), question_);
    auto* answerLabel = answerLabel_;
    input_ = new QLineEdit(question_);
    input_->setObjectName(QStringLiteral("answerInput"));
    input_->setAccessibleName(tr("Your answer"));
    input_->setAccessibleDescription(tr("Type an answer, e.g. n!^l, 3/4, 0.75 or k > 0, then press Enter"));
    input_->setPlaceholderText(tr("Type your answer and press Enter"));
    input_->setMaxLength(2000);
    answerLabel->setBuddy(input_);
    layout->addWidget(answerLabel);
    layout->addWidget(input_);

    choiceBox_ = new QGroupBox(tr("Your answer"), question_);
    choiceBox_->setObjectName(QStringLiteral("choiceBox"));
    choiceBox_->setAccessibleName(tr("Options"));
    choiceLayout_ = new QVBoxLayout(choiceBox_);
    layout->addWidget(choiceBox_);

    // Rich text we build: the typeset reading (names and numbers escaped by the checker).
    preview_ = wrappingLabel(QStringLiteral("previewLabel"), tr("How your answer is read"), question_);
    layout->addWidget(preview_);

    // The buttons wrap onto a second row rather than widen the panel.
    auto* buttonRow = new QWidget(question_);
    auto* buttons = new FlowLayout(buttonRow);
    buttons->setContentsMargins(0, 0, 0, 0);
    checkButton_ = new QPushButton(tr("&Check"), buttonRow);
    checkButton_->setObjectName(QStringLiteral("checkButton"));
    checkButton_->setAccessibleName(tr("Check answer"));
    checkButton_->setDefault(true);
    hintButton_ = new QPushButton(buttonRow);
    hintButton_->setObjectName(QStringLiteral("hintButton"));
    hintButton_->setAccessibleName(tr("Show hint"));
    anotherButton_ = new QPushButton(tr("Show me &another"), buttonRow);
    anotherButton_->setObjectName(QStringLiteral("anotherButton"));
    anotherButton_->setAccessibleName(tr("Show me another version with new numbers"));
    solutionButton_ = new QPushButton(tr("Show &solution"), buttonRow);
    solutionButton_->setObjectName(QStringLiteral("solutionButton"));
    solutionButton_->setAccessibleName(tr("Show solution"));
    for (QPushButton* b : {checkButton_, hintButton_, anotherButton_, solutionButton_}) buttons->addWidget(b);
    layout->addWidget(buttonRow);

    // Why a button is greyed out, in words the whole class can read (plain text).
    buttonNote_ = new QLabel(question_);
    buttonNote_->setObjectName(QStringLiteral("buttonNote"));
    buttonNote_->setAccessibleName(tr("Why a button is off"));
    buttonNote_->setTextFormat(Qt::PlainText);
    buttonNote_->setWordWrap(true);
    layout->addWidget(buttonNote_);
    status_ = wrappingLabel(QStringLiteral("statusLabel"), tr("Attempts"), question_);
    layout->addWidget(status_);

    feedbackBox_ = new QGroupBox(tr("Feedback"), body_);
    feedbackBox_->setObjectName(QStringLiteral("feedbackBox"));
    auto* feedback = new QVBoxLayout(feedbackBox_);
    feedbackEmpty_ = new QLabel(feedbackBox_);
    feedbackEmpty_->setObjectName(QStringLiteral("feedbackEmptyLabel"));
    feedbackEmpty_->setTextFormat(Qt::PlainText);
    feedbackEmpty_->setWordWrap(true);
    feedback->addWidget(feedbackEmpty_);
    verdict_ = wrappingLabel(QStringLiteral("verdictLabel"), tr("Verdict"), feedbackBox_);
    hints_ = wrappingLabel(QStringLiteral("hintsLabel"), tr("Hints"), feedbackBox_);
    solution_ = wrappingLabel(QStringLiteral("solutionLabel"), tr("Solution"), feedbackBox_);
    for (QLabel* l : {verdict_, hints_, solution_}) feedback->addWidget(l);
    feedback->addStretch(1);

    historyBox_ = new QGroupBox(tr("Your attempts at these numbers"), body_);
    historyBox_->setObjectName(QStringLiteral("historyBox"));
    auto* historyLayout = new QVBoxLayout(historyBox_);
    // What the learner typed, as plain text, wrapped anywhere (an answer may have no spaces).
    history_ = new QPlainTextEdit(historyBox_);
    history_->setObjectName(QStringLiteral("attemptHistory"));
    history_->setAccessibleName(tr("Your attempts at these numbers"));
    history_->setReadOnly(true);
    history_->setFrameShape(QFrame::NoFrame);
    history_->viewport()->setBackgroundRole(QPalette::Window);   // the box's own colour, in every theme
    history_->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    history_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    history_->setFocusPolicy(Qt::ClickFocus);
    historyLayout->addWidget(history_);
    arrangeColumns();

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
    if (event->type() == QEvent::FontChange) {
        sizeList();
        arrangeColumns();
    }
}

void ExercisePanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    arrangeColumns();
}

bool ExercisePanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == scroll_->viewport() && event->type() == QEvent::Resize) arrangeColumns();
    return QWidget::eventFilter(watched, event);
}

bool ExercisePanel::sideBySide() const
{
    // Two columns when each keeps a readable measure: about 50 characters or more.
    return scroll_->viewport()->width() >= fontMetrics().averageCharWidth() * 100;
}

void ExercisePanel::arrangeColumns()
{
    const bool wide = sideBySide();
    const int lines = fontMetrics().lineSpacing();
    // The question keeps a readable measure, at most about 100 characters a line; a very wide
    // panel gives the rest to the feedback.
    const int measure = fontMetrics().averageCharWidth() * 100;
    question_->setMaximumWidth(wide ? measure : QWIDGETSIZE_MAX);
    historyBox_->setMaximumWidth(wide ? measure : QWIDGETSIZE_MAX);
    history_->setMinimumHeight(lines * 3 + 2 * history_->frameWidth() + int(history_->document()->documentMargin() * 2));
    if (grid_->count() == 3 && wide == arrangedWide_) return;
    arrangedWide_ = wide;
    for (QWidget* w : std::initializer_list<QWidget*>{question_, feedbackBox_, historyBox_}) grid_->removeWidget(w);
    for (int i = 0; i < 3; ++i) {
        grid_->setRowStretch(i, 0);
        grid_->setColumnStretch(i, 0);
    }
    if (wide) {
        // Question above the attempts on the left; the feedback beside them, both to the bottom.
        grid_->addWidget(question_, 0, 0);
        grid_->addWidget(historyBox_, 1, 0);
        grid_->addWidget(feedbackBox_, 0, 1, 2, 1);
        grid_->setRowStretch(1, 1);
        grid_->setColumnStretch(0, 3);
        grid_->setColumnStretch(1, 2);
    } else {
        grid_->addWidget(question_, 0, 0);
        grid_->addWidget(feedbackBox_, 1, 0);
        grid_->addWidget(historyBox_, 2, 0);
        grid_->setRowStretch(2, 1);
        grid_->setColumnStretch(0, 1);
    }
    grid_->setHorizontalSpacing(wide ? lines : -1);
}

bool ExercisePanel::columnsSideBySide() const { return arrangedWide_; }

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
    sessionHistory_.clear();
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
    answerLabel_->setVisible(!choice);   // the options' box has its own title
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
    // A greyed-out button says why, on the panel for all to read and in its tooltip.
    QStringList notes;
    if (hintButton_->isVisibleTo(this) && !hintButton_->isEnabled() && hintsShown_ < total)
        notes << tr("\u201CShow hint\u201D is off: the next hint unlocks after a wrong attempt.");
    const bool another = hasOtherVersions(*exercise_);
    const QString anotherWhy = exercise_->parameters.isEmpty()
        ? tr("\u201CShow me another\u201D is off: this exercise has no numbers to change.")
        : tr("\u201CShow me another\u201D is off: each of this exercise\u2019s numbers can take only one value.");
    anotherButton_->setEnabled(another);
    anotherButton_->setToolTip(another ? tr("New numbers for the same exercise; the attempts start again at 0") : anotherWhy);
    anotherButton_->setAccessibleDescription(another ? QString() : anotherWhy);
    if (!another) notes << anotherWhy;
    buttonNote_->setText(notes.join(QLatin1Char('\n')));
    buttonNote_->setVisible(!notes.isEmpty());
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
    updateFeedback();
    updateHistory();
}

} // namespace minima
