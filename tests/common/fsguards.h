#pragma once
// Test guards for the file system a learner may meet: a full disk and a folder they cannot
// write to. Tests run in CI as root, who may write anywhere; these make the kernel refuse as
// it would refuse a learner.
#include <csignal>

#include <sys/resource.h>
#include <unistd.h>

namespace minima::test {

// While alive, no file of this process can grow past `bytes`: a write beyond fails with
// EFBIG, as a write on a full disk fails with ENOSPC (SIGXFSZ, which would kill the process,
// is ignored meanwhile).
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        previousHandler_ = std::signal(SIGXFSZ, SIG_IGN);
        ok_ = getrlimit(RLIMIT_FSIZE, &previous_) == 0;
        if (ok_) {
            rlimit limit = previous_;
            limit.rlim_cur = bytes;
            ok_ = setrlimit(RLIMIT_FSIZE, &limit) == 0;
        }
    }
    ~FileSizeLimit()
    {
        if (ok_) setrlimit(RLIMIT_FSIZE, &previous_);
        std::signal(SIGXFSZ, previousHandler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    bool ok() const { return ok_; }

private:
    rlimit previous_{};
    void (*previousHandler_)(int) = SIG_DFL;
    bool ok_ = false;
};

// While alive, the process runs as the unprivileged user "nobody" (real and effective ids,
// so permission checks apply as they do to a learner); root again afterwards. ok() is false
// unless the tests run as root (an ordinary user needs no guard: permissions apply already).
class AsUnprivilegedUser {
public:
    AsUnprivilegedUser()
    {
        if (geteuid() != 0) return;
        ok_ = setresgid(kNobody, kNobody, 0) == 0 && setresuid(kNobody, kNobody, 0) == 0;
    }
    ~AsUnprivilegedUser()
    {
        if (!ok_) return;
        // The saved id is root: the user id first, then the group (which needs root).
        [[maybe_unused]] const int u = setresuid(0, 0, 0);
        [[maybe_unused]] const int g = setresgid(0, 0, 0);
    }
    AsUnprivilegedUser(const AsUnprivilegedUser&) = delete;
    AsUnprivilegedUser& operator=(const AsUnprivilegedUser&) = delete;
    bool ok() const { return ok_; }

private:
    static constexpr uid_t kNobody = 65534;
    bool ok_ = false;
};

} // namespace minima::test
