#include "lessons/common/boundedread.h"

#include <QFile>
#include <QObject>

#include <zlib.h>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <QFileInfo>
#endif

namespace minima {

qint64 maxFileBytes(UntrustedFile kind)
{
    switch (kind) {
    case UntrustedFile::ExercisePack: return qint64(1) << 20;
    case UntrustedFile::LabState: return qint64(256) << 10;
    case UntrustedFile::ClassroomProfile: return qint64(1) << 20;
    case UntrustedFile::Network: return qint64(64) << 20;
    case UntrustedFile::Dataset: return qint64(64) << 20;
    case UntrustedFile::ProgressCsv: return qint64(16) << 20;
    }
    return qint64(1) << 20;
}

QString untrustedFileNoun(UntrustedFile kind)
{
    switch (kind) {
    case UntrustedFile::ExercisePack: return QObject::tr("exercise pack");
    case UntrustedFile::LabState: return QObject::tr("lab state");
    case UntrustedFile::ClassroomProfile: return QObject::tr("classroom profile");
    case UntrustedFile::Network: return QObject::tr("network");
    case UntrustedFile::Dataset: return QObject::tr("data set");
    case UntrustedFile::ProgressCsv: return QObject::tr("progress file");
    }
    return QObject::tr("file");
}

QString byteCapText(qint64 bytes)
{
    if (bytes >= (qint64(1) << 20) && bytes % (qint64(1) << 20) == 0) return QStringLiteral("%1 MiB").arg(bytes >> 20);
    if (bytes >= 1024 && bytes % 1024 == 0) return QStringLiteral("%1 KiB").arg(bytes >> 10);
    return QStringLiteral("%1 bytes").arg(bytes);
}

namespace {

bool tooLarge(qint64 maxBytes, QString* error)
{
    if (error) *error = QObject::tr("is larger than %1").arg(byteCapText(maxBytes));
    return false;
}

bool readResource(const QString& path, qint64 maxBytes, QByteArray* bytes, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = QObject::tr("cannot be opened (%1)").arg(file.errorString());
        return false;
    }
    QByteArray data = file.read(maxBytes + 1);
    if (data.size() > maxBytes) return tooLarge(maxBytes, error);
    *bytes = std::move(data);
    return true;
}

} // namespace

bool readBoundedFile(const QString& path, qint64 maxBytes, QByteArray* bytes, QString* error)
{
    if (path.startsWith(QLatin1Char(':')) || path.startsWith(QLatin1String("qrc:"))) return readResource(path, maxBytes, bytes, error);
    if (path.isEmpty()) {
        if (error) *error = QObject::tr("no file was named");
        return false;
    }
#ifdef Q_OS_UNIX
    const QByteArray native = QFile::encodeName(path);
    // O_NONBLOCK: opening a FIFO that has no writer returns at once instead of waiting for one.
    // O_NOCTTY: a terminal device never becomes the controlling terminal.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        if (error) {
            if (e == ENOENT) *error = QObject::tr("does not exist");
            else if (e == EACCES || e == EPERM) *error = QObject::tr("cannot be read (permission denied)");
            else *error = QObject::tr("cannot be opened (%1)").arg(QString::fromLocal8Bit(std::strerror(e)));
        }
        return false;
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        if (error) *error = QObject::tr("cannot be read (%1)").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        if (error) {
            if (S_ISDIR(st.st_mode)) *error = QObject::tr("is a folder, not a file");
            else if (S_ISFIFO(st.st_mode)) *error = QObject::tr("is a pipe (FIFO), not a file; Minima reads only regular files");
            else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) *error = QObject::tr("is a device, not a file; Minima reads only regular files");
            else if (S_ISSOCK(st.st_mode)) *error = QObject::tr("is a socket, not a file; Minima reads only regular files");
            else *error = QObject::tr("is not a regular file");
        }
        return false;
    }
    if (st.st_size > maxBytes) return tooLarge(maxBytes, error);
    // A regular file: reads block normally again.
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    QByteArray data;
    data.resize(qsizetype(std::min<qint64>(qint64(st.st_size), maxBytes)) + 1);
    qint64 have = 0;
    for (;;) {
        if (have == data.size()) {
            if (have > maxBytes) return tooLarge(maxBytes, error);
            data.resize(qsizetype(std::min<qint64>(std::max<qint64>(have * 2, 4096), maxBytes + 1)));
        }
        const ssize_t n = ::read(fd, data.data() + have, size_t(data.size() - have));
        if (n < 0) {
            if (errno == EINTR) continue;
            if (error) *error = QObject::tr("could not be read (%1)").arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        if (n == 0) break;
        have += n;
        if (have > maxBytes) return tooLarge(maxBytes, error);
    }
    data.resize(qsizetype(have));
    *bytes = std::move(data);
    return true;
#else
    const QFileInfo info(path);
    if (!info.exists()) {
        if (error) *error = QObject::tr("does not exist");
        return false;
    }
    if (info.isDir()) {
        if (error) *error = QObject::tr("is a folder, not a file");
        return false;
    }
    if (!info.isFile()) {
        if (error) *error = QObject::tr("is not a regular file");
        return false;
    }
    return readResource(path, maxBytes, bytes, error);
#endif
}

bool boundedUncompress(const QByteArray& packed, qint64 maxBytes, QByteArray* out, bool* tooLargeOut)
{
    if (tooLargeOut) *tooLargeOut = false;
    if (packed.size() < 5) return false;
    const quint32 claimed = (quint32(uchar(packed[0])) << 24) | (quint32(uchar(packed[1])) << 16) | (quint32(uchar(packed[2])) << 8)
                            | quint32(uchar(packed[3]));
    if (qint64(claimed) > maxBytes) {
        if (tooLargeOut) *tooLargeOut = true;
        return false;
    }
    z_stream z {};
    if (inflateInit(&z) != Z_OK) return false;
    QByteArray result;
    // The header is only a hint for the first allocation; the real output is what is capped.
    result.resize(qsizetype(std::min<qint64>(std::max<quint32>(claimed, 64u), maxBytes)) + 1);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.constData() + 4));
    z.avail_in = uInt(packed.size() - 4);
    qint64 have = 0;
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (have == result.size()) {
            if (have > maxBytes) break;
            result.resize(qsizetype(std::min<qint64>(have * 2, maxBytes + 1)));
        }
        z.next_out = reinterpret_cast<Bytef*>(result.data() + have);
        z.avail_out = uInt(result.size() - have);
        rc = inflate(&z, Z_NO_FLUSH);
        have = qint64(result.size()) - qint64(z.avail_out);
        if (rc == Z_BUF_ERROR && z.avail_in == 0) break;   // the stream ends early
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) break;
        if (have > maxBytes) break;
    }
    inflateEnd(&z);
    if (have > maxBytes) {
        if (tooLargeOut) *tooLargeOut = true;
        return false;
    }
    if (rc != Z_STREAM_END) return false;
    result.resize(qsizetype(have));
    *out = std::move(result);
    return true;
}

} // namespace minima
