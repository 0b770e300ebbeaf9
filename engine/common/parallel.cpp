#include "engine/common/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace minima {

unsigned workerCount()
{
    if (const char* env = std::getenv("MINIMA_THREADS")) {
        const int n = std::atoi(env);
        if (n > 0) return unsigned(std::min(n, 256));
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

bool parallelFor(std::size_t count, const std::function<void(std::size_t)>& body,
                 Progress& progress, unsigned threads)
{
    if (count == 0) return !progress.cancelled();
    if (threads == 0) threads = workerCount();
    threads = unsigned(std::min<std::size_t>(threads, count));

    // Small chunks balance load; the chunk size never changes the result.
    const std::size_t chunk = std::max<std::size_t>(1, count / (std::size_t(threads) * 16));
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::exception_ptr error;
    std::mutex errorMutex;

    auto worker = [&] {
        while (!progress.cancelled()) {
            const std::size_t begin = next.fetch_add(chunk);
            if (begin >= count) break;
            const std::size_t end = std::min(count, begin + chunk);
            try {
                for (std::size_t i = begin; i < end; ++i) body(i);
            } catch (...) {
                std::lock_guard lock(errorMutex);
                if (!error) error = std::current_exception();
                progress.cancel();
                break;
            }
            const std::size_t d = done.fetch_add(end - begin) + (end - begin);
            progress.setFraction(double(d) / double(count));
        }
    };

    if (threads == 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        pool.reserve(threads - 1);
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
        worker();
        for (auto& th : pool) th.join();
    }
    if (error) std::rethrow_exception(error);
    return done.load() == count;
}

} // namespace minima
