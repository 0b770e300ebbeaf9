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
    void setFraction(double f) { fraction_.store(f < 0 ? 0 : (f > 1 ? 1 : f), std::memory_order_relaxed); }

    bool cancelled() const { return cancel_.load(std::memory_order_relaxed); }
    void cancel() { cancel_.store(true, std::memory_order_relaxed); }

    // A Progress nobody watches, for callers that do not care.
    static Progress& none()
    {
        thread_local Progress p;
        p.cancel_.store(false);
        return p;
    }

private:
    std::atomic<double> fraction_{0.0};
    std::atomic<bool> cancel_{false};
};

} // namespace minima
