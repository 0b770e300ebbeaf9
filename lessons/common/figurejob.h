#pragma once
// Runs a lab's engine computation off the GUI thread (the Lab contract, docs/ARCHITECTURE.md).
//
// start() copies its inputs into the work function, runs it on the context's thread pool
// and hands the result back on the GUI thread. Starting again supersedes the run in
// flight: it is cancelled through its Progress and its result is dropped. While a run is
// in flight the context counts it as pending work, so `minima render` waits for it.
#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <functional>
#include <memory>
#include <optional>

#include "engine/common/progress.h"
#include "lessons/common/lessoncontext.h"

namespace minima {

// Lowers the calling worker thread's priority below the GUI thread's, once per thread.
void yieldToTheInterface();

// Starts the threads Qt paints with from the GUI thread, at its priority, and keeps them
// (once per process; every FigureJob calls it).
void keepPaintHelpersAtFullPriority();

class FigureJob : public QObject {
    Q_OBJECT
public:
    explicit FigureJob(LessonContext& context, QObject* parent = nullptr);
    ~FigureJob() override;

    template <typename Result>
    void start(std::function<Result(Progress&)> work, std::function<void(const Result&)> onDone,
               std::function<void(const QString&)> onError = {})
    {
        cancel();
        const quint64 generation = ++generation_;
        auto progress = std::make_shared<Progress>();
        progress_ = progress;
        running_ = true;
        context_.beginWork();
        emit started();
        pollTimer_.start();

        struct Outcome {
            std::optional<Result> value;
            QString error;
            bool cancelled = false;
        };
        auto future = QtConcurrent::run(context_.pool(), [work = std::move(work), progress]() {
            yieldToTheInterface();
            Outcome out;
            try {
                out.value.emplace(work(*progress));
            } catch (const std::exception& e) {
                out.error = QString::fromUtf8(e.what());
            } catch (...) {
                out.error = QStringLiteral("unknown error");
            }
            out.cancelled = progress->cancelled();
            return out;
        });
        // Always delivered from the event loop, never inside start(): a quick computation may have
        // finished before the continuation is attached, and Qt then runs it at once.
        future.then(this, [this, generation, onDone = std::move(onDone), onError = std::move(onError)](const Outcome& result) {
            QTimer::singleShot(0, this, [this, generation, onDone, onError, out = result] {
            if (generation != generation_) return;   // superseded: its endWork() already happened
            finish();
            if (out.cancelled) {
                emit cancelled();
            } else if (out.value) {
                onDone(*out.value);
            } else {
                if (onError) onError(out.error);
                emit failed(out.error);
            }
            emit finished();
            });
        });
    }

    // Cancels the run in flight, if any; its result will be dropped.
    void cancel();
    bool isRunning() const { return running_; }
    double fraction() const { return progress_ ? progress_->fraction() : 0.0; }

signals:
    void started();
    void progressChanged(double fraction);
    void finished();
    void cancelled();
    void failed(const QString& message);

private:
    void finish();

    LessonContext& context_;
    std::shared_ptr<Progress> progress_;
    quint64 generation_ = 0;
    bool running_ = false;
    QTimer pollTimer_;
};

} // namespace minima
