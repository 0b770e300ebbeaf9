#pragma once
// The Exercises tab of a lesson page: the lesson's exercises with solved marks, the prompt
// with this learner's numbers, an answer box with a live "Read as:" preview, Check, targeted
// feedback, hints unlocked by wrong attempts, "Show me another" and "Show solution".
// One call builds it:  new ExercisePanel(context, "identifiability", parent)
#include <QWidget>

#include <QStringList>

#include <memory>

#include "lessons/common/exercises/exercisedraw.h"

class QButtonGroup;
class QGridLayout;
class QGroupBox;
class QPlainTextEdit;
class QScrollArea;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace minima {

class LessonContext;
struct Exercise;

class ExercisePanel : public QWidget {
    Q_OBJECT
public:
    ExercisePanel(LessonContext& context, const QString& lessonId, QWidget* parent = nullptr);

    QString lessonId() const { return lessonId_; }
    // Shows the exercise with this id (false if the lesson has none of that id).
    bool selectExercise(const QString& exerciseId);
    QString currentExerciseId() const;
    // This learner's version of the current exercise (parameters, expected answer).
    const ExerciseInstance& currentInstance() const { return instance_; }
    int exerciseCount() const;
    // True while the question and the feedback stand side by side (a wide panel).
    bool columnsSideBySide() const;

public slots:
    void check();
    void showHint();
    void showAnother();
    void showSolution();

signals:
    // After every check: the verdict recorded ("could not read" included).
    void checked(const QString& exerciseId, int verdict);

protected:
    // The exercise list keeps room for its titles when the fonts change (presentation mode).
    void changeEvent(QEvent* event) override;
    // Side by side or one under the other, as the width allows (arrangeColumns).
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void sizeList();
    bool sideBySide() const;
    void arrangeColumns();
    void updateFeedback();
    void updateHistory();
    QString attemptLine(int number, int verdict, const QString& input) const;

    void rebuildList();
    void showCurrent();
    void buildAnswerInput();
    void updatePreview();
    void updateButtons();
    void updateMarks();
    QString currentInput() const;
    int wrongAttempts() const;
    bool record(int verdict, const QString& input);

    LessonContext& context_;
    QString lessonId_;
    std::shared_ptr<const Exercise> exercise_;
    ExerciseInstance instance_;
    int hintsShown_ = 0;
    bool solvedNow_ = false;
    int sessionWrong_ = 0;   // wrong attempts when there is no progress store
    QStringList sessionHistory_;   // the attempts shown when there is no progress store
    bool arrangedWide_ = false;

    QListWidget* list_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* prompt_ = nullptr;
    QLabel* answerLabel_ = nullptr;
    QLineEdit* input_ = nullptr;
    QGroupBox* choiceBox_ = nullptr;
    QVBoxLayout* choiceLayout_ = nullptr;
    QButtonGroup* choiceGroup_ = nullptr;
    QLabel* preview_ = nullptr;
    QPushButton* checkButton_ = nullptr;
    QPushButton* hintButton_ = nullptr;
    QPushButton* anotherButton_ = nullptr;
    QPushButton* solutionButton_ = nullptr;
    QLabel* verdict_ = nullptr;
    QLabel* hints_ = nullptr;
    QLabel* solution_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* empty_ = nullptr;
    QLabel* buttonNote_ = nullptr;
    QLabel* feedbackEmpty_ = nullptr;
    QGroupBox* feedbackBox_ = nullptr;
    QGroupBox* historyBox_ = nullptr;
    QPlainTextEdit* history_ = nullptr;
    QWidget* question_ = nullptr;
    QGridLayout* grid_ = nullptr;
    QScrollArea* scroll_ = nullptr;
    QWidget* body_ = nullptr;
};

} // namespace minima
