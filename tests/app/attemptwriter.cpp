// Records one attempt in the progress store at argv[1], says so on stdout, then waits to
// be killed. tst_durability kills it with SIGKILL the moment it has said so.
#include <QCoreApplication>
#include <QThread>

#include <cstdio>

#include "app/progressstore.h"

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) return 2;
    minima::ProgressStore store(QString::fromLocal8Bit(argv[1]));
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
    for (;;) QThread::sleep(1);
}
