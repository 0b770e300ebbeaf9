#include "lessons/common/jobstatus.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

#include "lessons/common/exercises/exercisedraw.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/wrappedlabel.h"

namespace minima {

JobStatus::JobStatus(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    message_ = new WrappedLabel(this);
    message_->setObjectName(QStringLiteral("statusMessage"));
    message_->setTextFormat(Qt::PlainText);   // messages may quote a file the learner opened
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar_ = new QProgressBar(this);
    bar_->setRange(0, 1000);
    bar_->setTextVisible(false);
    bar_->setMaximumWidth(180);
    bar_->setAccessibleName(tr("Computation progress"));
    // The bar and the button keep their room while hidden: the sentence beside them keeps
    // its width, so it is not wrapped (and the figures above it moved) as each run starts and ends.
    QSizePolicy kept = bar_->sizePolicy();
    kept.setRetainSizeWhenHidden(true);
    bar_->setSizePolicy(kept);
    bar_->hide();
    stop_ = new QPushButton(tr("Stop"), this);
    stop_->setObjectName(QStringLiteral("stopButton"));
    stop_->setAccessibleName(tr("Stop the computation"));
    kept = stop_->sizePolicy();
    kept.setRetainSizeWhenHidden(true);
    stop_->setSizePolicy(kept);
    stop_->hide();
    layout->addWidget(message_, 1);
    layout->addWidget(bar_);
    layout->addWidget(stop_);
}

void JobStatus::follow(FigureJob* job)
{
    // Quick figures never flash a bar: progress shows once work has lasted 70 ms, so that with
    // the time a busy event loop takes to get to it, it is on screen within 100 ms.
    auto* reveal = new QTimer(this);
    reveal->setSingleShot(true);
    reveal->setTimerType(Qt::PreciseTimer);
    reveal->setInterval(70);
    connect(reveal, &QTimer::timeout, this, [this, job] {
        if (!job->isRunning()) return;
        bar_->setValue(int(job->fraction() * 1000));
        bar_->show();
        stop_->show();
    });
    connect(job, &FigureJob::started, this, [this, reveal] {
        bar_->setValue(0);
        reveal->start();
    });
    connect(job, &FigureJob::progressChanged, this, [this](double f) { bar_->setValue(int(f * 1000)); });
    auto done = [this, reveal] {
        reveal->stop();
        bar_->hide();
        stop_->hide();
    };
    connect(job, &FigureJob::finished, this, done);
    connect(job, &FigureJob::cancelled, this, done);
    connect(job, &FigureJob::failed, this, [this](const QString& m) { setMessage(tr("The computation failed: %1").arg(m), true); });
    connect(stop_, &QPushButton::clicked, job, [this, job] {
        job->cancel();
        setMessage(tr("Stopped."));
    });
}

void JobStatus::setMessage(const QString& text, bool warning)
{
    // The labs' sentences use a little markup (<b>, <br>, &lt;); it is read as plain text, so a
    // sentence that quotes a file or a typed function can never load or show anything else.
    message_->setText(plainText(text));
    QFont f = message_->font();
    f.setBold(warning);
    message_->setFont(f);
}

QString JobStatus::message() const { return message_->text(); }

} // namespace minima
