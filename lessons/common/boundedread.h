#pragma once
// The one way Minima reads a file that came from someone else (an exercise pack, a lab state,
// a classroom profile, a network, a data set, a learner's progress CSV).
//
// Only a regular file is read: a device (/dev/zero), a FIFO, a socket or a folder is refused
// at once with a message saying what it is, without reading from it or waiting on it. The
// read stops at the cap of its kind even when the file's reported size is wrong (a file
// that grows while it is read, a file system that reports 0). Compressed text is inflated
// with a cap on the bytes it really produces, never on what its header claims.
#include <QByteArray>
#include <QString>

namespace minima {

enum class UntrustedFile { ExercisePack, LabState, ClassroomProfile, Network, Dataset, ProgressCsv };

// The most bytes read for a kind of file.
qint64 maxFileBytes(UntrustedFile kind);
// "exercise pack", "lab state", ... (for messages).
QString untrustedFileNoun(UntrustedFile kind);

// Reads at most `maxBytes` of the regular file at `path` into *bytes. On failure returns
// false and sets *error to one sentence without the file's name (callers prefix it), e.g.
// "is a device, not a file", "is larger than 1 MiB". Qt resource paths (":/...") are read
// through QFile, with the same cap.
bool readBoundedFile(const QString& path, qint64 maxBytes, QByteArray* bytes, QString* error);
inline bool readBoundedFile(const QString& path, UntrustedFile kind, QByteArray* bytes, QString* error)
{
    return readBoundedFile(path, maxFileBytes(kind), bytes, error);
}

// Inflates qCompress() output (a 4-byte size header, then a zlib stream) into at most
// `maxBytes` bytes, whatever the header says. Returns false for damaged data, a stream that
// would produce more than maxBytes (then *tooLarge is set, when given) or one that ends early.
bool boundedUncompress(const QByteArray& packed, qint64 maxBytes, QByteArray* out, bool* tooLarge = nullptr);

// "1 MiB", "256 KiB", "64 MiB": a byte cap as a person reads it.
QString byteCapText(qint64 bytes);

} // namespace minima
