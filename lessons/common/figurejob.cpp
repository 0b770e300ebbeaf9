#include "lessons/common/figurejob.h"

namespace minima {

FigureJob::FigureJob(LessonContext& context, QObject* parent) : QObject(parent), context_(context)
{
    pollTimer_.setInterval(100);
    connect(&pollTimer_, &QTimer::timeout, this, [this] {
        if (progress_) emit progressChanged(progress_->fraction());
    });
}

FigureJob::~FigureJob()
{
    if (progress_) progress_->cancel();
    if (running_) context_.endWork();
}

void FigureJob::cancel()
{
    if (!running_) return;
    if (progress_) progress_->cancel();
    ++generation_;   // drop whatever the cancelled run returns
    finish();
    emit cancelled();
}

void FigureJob::finish()
{
    pollTimer_.stop();
    if (running_) {
        running_ = false;
        context_.endWork();
    }
}

} // namespace minima
