#pragma once
// A file-open hook for tests: the kernel reports (inotify) every file opened in a folder, so
// a test can show that text quoting "<img src=...>" made nothing open a sentinel file there.
#include <QByteArray>
#include <QString>
#include <QStringList>

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>

namespace minima::test {

class FileOpenWatch {
public:
    explicit FileOpenWatch(const QString& folder)
    {
        fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd_ >= 0) watch_ = inotify_add_watch(fd_, folder.toLocal8Bit().constData(), IN_OPEN | IN_ACCESS);
    }
    ~FileOpenWatch()
    {
        if (fd_ >= 0) ::close(fd_);
    }
    FileOpenWatch(const FileOpenWatch&) = delete;
    FileOpenWatch& operator=(const FileOpenWatch&) = delete;

    bool isValid() const { return fd_ >= 0 && watch_ >= 0; }

    // The names of files in the folder opened or read since the last call.
    QStringList opened()
    {
        QStringList names;
        alignas(inotify_event) char buffer[8192];
        for (;;) {
            const ssize_t n = ::read(fd_, buffer, sizeof buffer);
            if (n <= 0) break;
            for (ssize_t at = 0; at < n;) {
                const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
                if (e->len > 0) names << QString::fromLocal8Bit(e->name);
                at += ssize_t(sizeof(inotify_event) + e->len);
            }
        }
        names.removeDuplicates();
        return names;
    }

private:
    int fd_ = -1;
    int watch_ = -1;
};

} // namespace minima::test
