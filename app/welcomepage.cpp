#include "app/welcomepage.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace minima {

WelcomePage::WelcomePage(const LessonList& lessons, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);

    auto* body = new QWidget(scroll);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->setSpacing(14);
    scroll->setWidget(body);

    auto* heading = new QLabel(tr("<h1>Minima</h1>"), body);
    heading->setObjectName(QStringLiteral("welcomeHeading"));
    layout->addWidget(heading);

    auto paragraph = [&](const QString& html) {
        auto* label = new QLabel(html, body);
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        label->setMaximumWidth(900);
        layout->addWidget(label);
        return label;
    };
    paragraph(tr("<p><b>Why is training a deep network hard?</b> Minima is a lab for the opening of "
                 "<i>Beyond Gradient Descent</i>: the challenges of gradient descent, local minima in error "
                 "surfaces, convex and nonconvex surfaces, why a network's weights are never identifiable, and how "
                 "ReLU neurons can be rescaled without changing the network.</p>"));
    paragraph(tr("<p><b>Lessons.</b> Each lesson is a set of labs. A lab puts a short text beside a live figure: "
                 "change a control and the engine recomputes the figure, so every claim in the text is one you can "
                 "check. Long computations run in the background and can be stopped.</p>"
                 "<p><b>Exercises.</b> The last tab of each lesson holds its exercises. Type an answer the way you "
                 "would write it (<code>n!^l</code>, <code>3/4</code>, <code>7.5e-1</code>); Minima shows how it read "
                 "your input, checks it exactly, and explains a wrong answer. Hints open after a wrong attempt, and "
                 "<i>Show me another</i> gives new numbers.</p>"));

    auto* nameBox = new QWidget(body);
    auto* nameRow = new QHBoxLayout(nameBox);
    nameRow->setContentsMargins(0, 0, 0, 0);
    auto* nameLabel = new QLabel(tr("Your &name:"), nameBox);
    name_ = new QLineEdit(nameBox);
    name_->setObjectName(QStringLiteral("learnerName"));
    name_->setAccessibleName(tr("Learner's name"));
    name_->setPlaceholderText(tr("e.g. Ada"));
    name_->setMaxLength(80);
    name_->setMinimumWidth(240);
    nameLabel->setBuddy(name_);
    auto* use = new QPushButton(tr("Use this name"), nameBox);
    use->setObjectName(QStringLiteral("useNameButton"));
    nameRow->addWidget(nameLabel);
    nameRow->addWidget(name_);
    nameRow->addWidget(use);
    nameRow->addStretch(1);
    layout->addWidget(nameBox);
    nameStatus_ = paragraph(QString());
    nameStatus_->setObjectName(QStringLiteral("learnerStatus"));
    paragraph(tr("<p>Your name seeds the numbers in your exercises, so classmates get different numbers and a "
                 "teacher can print each learner's answer key. Change it here at any time; your progress is kept "
                 "per name.</p>"));
    connect(name_, &QLineEdit::returnPressed, this, &WelcomePage::commitName);
    connect(use, &QPushButton::clicked, this, &WelcomePage::commitName);

    if (!lessons.empty()) {
        layout->addWidget(new QLabel(tr("<h2>Lessons</h2>"), body));
        for (const auto& lesson : lessons) {
            auto* row = new QWidget(body);
            auto* h = new QHBoxLayout(row);
            h->setContentsMargins(0, 0, 0, 0);
            auto* open = new QPushButton(tr("Open"), row);
            open->setAccessibleName(tr("Open the lesson %1").arg(lesson->title()));
            const QString id = lesson->id();
            connect(open, &QPushButton::clicked, this, [this, id] { emit lessonChosen(id); });
            auto* text = new QLabel(QStringLiteral("<b>%1</b> — %2").arg(lesson->title().toHtmlEscaped(),
                                                                          lesson->summary().toHtmlEscaped()), row);
            text->setWordWrap(true);
            h->addWidget(open);
            h->addWidget(text, 1);
            row->setMaximumWidth(900);
            layout->addWidget(row);
        }
    }
    layout->addStretch(1);
}

void WelcomePage::setLearner(const QString& name)
{
    name_->setText(name);
    nameStatus_->setText(name.isEmpty() ? tr("<p>No name yet: exercises use the numbers of a learner called "
                                             "<i>Guest</i>.</p>")
                                        : tr("<p>Working as <b>%1</b>.</p>").arg(name.toHtmlEscaped()));
}

void WelcomePage::commitName()
{
    const QString name = name_->text().simplified();
    if (name.isEmpty()) {
        nameStatus_->setText(tr("<p>Type a name first (any name you will use again).</p>"));
        return;
    }
    setLearner(name);
    emit learnerChosen(name);
}

} // namespace minima
