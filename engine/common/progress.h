#pragma once
// Progress and cancellation shared between an engine computation and whoever runs it.
// The engine writes the fraction done and polls the cancel flag; the caller (a GUI
// thread, a test, the command line) reads the one and may set the other.
#include <atomic>

namespace minima {

class Progress {
public:
    // Fraction of the work done, in [0, 1].
    double fraction() const { return fraction_.load(std::memory_order_relaxed); }
    // Sets the fraction done of the current part (the whole, unless setPart() said otherwise).
    void setFraction(double f)
    {
        f = f < 0 ? 0 : (f > 1 ? 1 : f);
        fraction_.store(from_ + span_ * f, std::memory_order_relaxed);
    }
    // A computation made of parts gives each its share of the bar: until the next call,
    // setFraction(f) reports from + f (to - from) of the whole, so the bar fills once, not
    // once per part. Call it between parts, while no worker reports.
    void setPart(double from, double to)
    {
        from_ = from < 0 ? 0 : (from > 1 ? 1 : from);
        span_ = (to > 1 ? 1 : to) - from_;
        if (span_ < 0) span_ = 0;
        fraction_.store(from_, std::memory_order_relaxed);
    }

    bool cancelled() const { return cancel_.load(std::memory_order_relaxed); }
    void cancel() { cancel_.store(true, std::memory_order_relaxed); }

    // A Progress nobody watches, for callers that do not care.
    static Progress& none()
    {
        thread_local Progress p;
        p.cancel_.store(false);
        p.from_ = 0.0;
        p.span_ = 1.0;
        return p;
    }

private:
    std::atomic<double> fraction_{0.0};
    double from_ = 0.0, span_ = 1.0;   // the current part (setPart)
    std::atomic<bool> cancel_{false};
};

} // namespace minima
