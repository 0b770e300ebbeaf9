#include "lessons/common/figurejob.h"

#ifdef __linux__
#include <pthread.h>
#include <sched.h>
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
    // On Linux every thread has its own scheduling policy, and the threads it starts (the
    // engine's parallel loops) inherit it. Under SCHED_IDLE a busy worker gives way to the GUI
    // thread the moment that has work: on two cores with both workers busy, the GUI thread was
    // otherwise pre-empted in the middle of drawing a figure, or waited a few milliseconds for
    // a core (at nice 10 a worker still runs out its time slice first). The workers still get
    // every core nobody else wants. Where the policy cannot be set, ten nice steps down.
    // (Elsewhere the pool's QThread::LowPriority does this.)
    sched_param none{};
    if (pthread_setschedparam(pthread_self(), SCHED_IDLE, &none) != 0)
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
