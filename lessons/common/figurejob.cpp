#include "lessons/common/figurejob.h"

#include <QSemaphore>
#include <QThreadPool>

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

void keepPaintHelpersAtFullPriority()
{
    static bool done = false;
    if (done) return;
    done = true;
    // Qt's raster engine (Qt 6.4) splits a large fill, image conversion or smooth scaling into
    // segments on QThreadPool::globalInstance() and waits for them in the middle of a paint.
    // A pool thread inherits the scheduling policy of the thread that started it: started by
    // one of our workers, it is SCHED_IDLE like them, and the GUI thread then waits for a
    // thread that gets a core only when no worker wants one (the network diagram's paint took
    // 13 ms more in the brute-force lab). So the GUI thread starts every thread of that pool
    // itself, and they never expire. Each start waits on a gate until all have started, so no
    // thread is reused for the next start.
    QThreadPool* pool = QThreadPool::globalInstance();
    pool->setExpiryTimeout(-1);
    const int n = pool->maxThreadCount();
    auto arrived = std::make_shared<QSemaphore>();
    auto gate = std::make_shared<QSemaphore>();
    for (int i = 0; i < n; ++i)
        pool->start([arrived, gate] {
            arrived->release();
            gate->acquire();
        });
    // A pool already busy elsewhere is not waited for long: its threads were started then.
    arrived->tryAcquire(n, 2000);
    gate->release(n);
}

FigureJob::FigureJob(LessonContext& context, QObject* parent) : QObject(parent), context_(context)
{
    keepPaintHelpersAtFullPriority();
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
