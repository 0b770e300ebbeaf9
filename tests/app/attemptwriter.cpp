// Records one attempt in the progress store at argv[1], says so on stdout, then waits to
// be killed. tst_durability kills it with SIGKILL the moment it has said so.
// With a third argument "exit" it exits instead (0 when the attempt was saved and the store
// had nothing to report), after printing the store's message, if any, on stderr:
// tst_progressstore starts several at once on an empty folder.
#include <QCoreApplication>
#include <QThread>

#include <cstdio>

#include "app/progressstore.h"

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) return 2;
    const bool exitAfter = argc > 3 && QByteArray(argv[3]) == "exit";
    minima::ProgressStore store(QString::fromLocal8Bit(argv[1]));
    if (exitAfter && !store.recoveryMessage().isEmpty()) std::fprintf(stderr, "%s\n", qPrintable(store.recoveryMessage()));
    minima::AttemptRecord a;
    a.learner = QStringLiteral("Ada");
    a.exerciseId = QString::fromLocal8Bit(argv[2]);
    a.input = QStringLiteral("n!^l");
    a.verdict = minima::AttemptRecord::Verdict::Correct;
    QString error;
    if (!store.recordAttempt(a, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::fputs("recorded\n", stdout);
    std::fflush(stdout);
    if (exitAfter) return store.recoveryMessage().isEmpty() ? 0 : 3;
    for (;;) QThread::sleep(1);
}
