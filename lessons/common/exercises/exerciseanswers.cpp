#include "lessons/common/exercises/exercisepanel.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QDateTime>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>

#include "lessons/common/charts/palette.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/progresssink.h"

// The exercise panel's answer handling: reading the answer, checking it, recording the attempt,
// and the feedback, hints, history and solution that follow.
namespace minima {

namespace {

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

void ExercisePanel::updateFeedback()
{
    for (QLabel* l : {verdict_, hints_, solution_, status_}) l->setVisible(!l->text().isEmpty());
    const bool nothing = verdict_->text().isEmpty() && hints_->text().isEmpty() && solution_->text().isEmpty();
    feedbackEmpty_->setVisible(nothing);
    if (!nothing || !exercise_) return;
    QString text = exercise_->kind == answers::CheckKind::Choice
        ? tr("Pick your answer and press Check: whether it is right, and what to look at again, shows here.")
        : tr("Type your answer and press Check: whether it is right, and what to look at again, shows here.");
    if (!exercise_->hints.isEmpty()) text += QLatin1Char(' ') + tr("Hints unlock one by one after wrong attempts.");
    feedbackEmpty_->setText(text);
}

QString ExercisePanel::attemptLine(int number, int verdict, const QString& input) const
{
    QString shown = input.simplified();
    if (shown.isEmpty()) shown = tr("(nothing)");
    switch (AttemptRecord::Verdict(verdict)) {
    case AttemptRecord::Verdict::Correct: return tr("%1. \u2713 %2 \u2014 correct").arg(number).arg(shown);
    case AttemptRecord::Verdict::Wrong: return tr("%1. \u2717 %2 \u2014 not right").arg(number).arg(shown);
    case AttemptRecord::Verdict::Unreadable: return tr("%1. ? %2 \u2014 could not be read, not counted").arg(number).arg(shown);
    default: return {};
    }
}

void ExercisePanel::updateHistory()
{
    QStringList lines;
    if (exercise_ && context_.progress()) {
        for (const AttemptRecord& a : context_.progress()->attempts(context_.learner())) {
            if (a.exerciseId != exercise_->id || a.variant != instance_.variant) continue;
            const QString line = attemptLine(int(lines.size()) + 1, int(a.verdict), a.input);
            if (!line.isEmpty()) lines << line;
        }
    } else {
        lines = sessionHistory_;
    }
    history_->setPlainText(lines.isEmpty() ? tr("None yet.") : lines.join(QLatin1Char('\n')));
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
        status_->setVisible(true);
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
    if (!context_.progress()) sessionHistory_ << attemptLine(int(sessionHistory_.size()) + 1, int(v), input);
    verdict_->setText(text);
    verdict_->setAccessibleDescription(QString(text).remove(QRegularExpression(QStringLiteral("<[^>]*>"))));
    if (v == AttemptRecord::Verdict::Correct) {
        solvedNow_ = true;
        // After a right answer the worked solution is shown (it does not count as "shown").
        if (!context_.solutionsHidden() && !instance_.solution.isEmpty()) solution_->setText(instance_.solution);
    }
    updateMarks();
    if (saved) updateButtons();
    else updateFeedback();
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
            status_->setVisible(true);
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
        sessionWrong_ = 0;
        sessionHistory_.clear();
        buildAnswerInput();
        updateButtons();
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
