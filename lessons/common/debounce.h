#pragma once
// A single-shot timer that waits for the learner to stop changing a control before a lab
// recomputes. While it waits it counts as pending figure work, so `minima render` and the
// tests wait for the recomputation it leads to.
#include <QTimer>

#include "lessons/common/lessoncontext.h"

namespace minima {

class DebounceTimer : public QObject {
    Q_OBJECT
public:
    DebounceTimer(LessonContext& context, int milliseconds, QObject* parent = nullptr)
        : QObject(parent), context_(context)
    {
        timer_.setSingleShot(true);
        timer_.setInterval(milliseconds);
        connect(&timer_, &QTimer::timeout, this, [this] {
            release();
            emit timeout();
        });
    }
    ~DebounceTimer() override { release(); }

    void start()
    {
        if (!counted_) {
            counted_ = true;
            context_.beginWork();
        }
        timer_.start();
    }
    void stop()
    {
        timer_.stop();
        release();
    }
    bool isActive() const { return timer_.isActive(); }
    void setInterval(int milliseconds) { timer_.setInterval(milliseconds); }

signals:
    void timeout();

private:
    void release()
    {
        if (counted_) {
            counted_ = false;
            context_.endWork();
        }
    }

    LessonContext& context_;
    QTimer timer_;
    bool counted_ = false;
};

} // namespace minima
