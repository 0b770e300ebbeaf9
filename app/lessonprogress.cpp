#include "app/lessonprogress.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>

#include "app/progressreport.h"

namespace minima {

QList<LessonProgress> lessonProgress(const QList<ExerciseReport>& report)
{
    QList<LessonProgress> out;
    for (const ExerciseReport& r : report) {
        if (out.isEmpty() || out.last().lessonId != r.lessonId) {
            LessonProgress l;
            l.lessonId = r.lessonId;
            l.title = r.lessonTitle;
            out << l;
        }
        LessonProgress& l = out.last();
        ++l.exercises;
        l.solved += r.solved ? 1 : 0;
        l.attempts += r.attempts;
        l.hints += r.hintsShown;
        l.seconds += r.seconds;
    }
    return out;
}

LessonProgressSummary::LessonProgressSummary(QWidget* parent) : QWidget(parent), grid_(new QGridLayout(this))
{
    setObjectName(QStringLiteral("lessonProgressSummary"));
    grid_->setContentsMargins(0, 4, 0, 4);
    grid_->setColumnStretch(1, 1);
}

void LessonProgressSummary::setReport(const QList<ExerciseReport>& report)
{
    lessons_ = lessonProgress(report);
    while (QLayoutItem* it = grid_->takeAt(0)) {
        delete it->widget();
        delete it;
    }
    int row = 0;
    for (const LessonProgress& l : lessons_) {
        auto* title = new QLabel(l.title, this);
        title->setTextFormat(Qt::PlainText);
        title->setObjectName(QStringLiteral("lessonTitle"));
        auto* bar = new QProgressBar(this);
        bar->setObjectName(QStringLiteral("lessonBar"));
        bar->setRange(0, std::max(1, l.exercises));
        bar->setValue(l.solved);
        bar->setTextVisible(false);
        bar->setMaximumHeight(title->sizeHint().height());
        const QString text = tr("%1 of %2 solved \u00b7 %3 attempts \u00b7 %4 hints \u00b7 %5")
                                 .arg(l.solved).arg(l.exercises).arg(l.attempts).arg(l.hints).arg(durationText(l.seconds));
        bar->setAccessibleName(tr("%1: %2").arg(l.title, text));
        auto* numbers = new QLabel(text, this);
        numbers->setTextFormat(Qt::PlainText);
        numbers->setObjectName(QStringLiteral("lessonNumbers"));
        grid_->addWidget(title, row, 0);
        grid_->addWidget(bar, row, 1);
        grid_->addWidget(numbers, row, 2);
        ++row;
    }
}

} // namespace minima
