#include "lessons/common/figurejob.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace minima {

void yieldToTheInterface()
{
    thread_local bool lowered = false;
    if (lowered) return;
    lowered = true;
#ifdef __linux__
    // On Linux every thread has its own nice value, and the threads it starts (the engine's
    // parallel loops) inherit it. Ten steps down, a busy worker gives way to the GUI thread as
    // soon as that has work: on two cores with both workers busy, the GUI thread was
    // otherwise pre-empted in the middle of drawing a figure. (Elsewhere the pool's
    // QThread::LowPriority does this.)
    setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 10);
#endif
}

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
