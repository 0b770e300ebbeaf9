// Every QtTest executable fails on a Qt warning it does not expect (linked into each test by
// minima_add_test in tests/CMakeLists.txt).
//
// QtTest installs its own message handler when qExec starts and does not chain to an earlier
// one, so a handler installed from the test cannot see the messages. Instead this file
// defines qInstallMessageHandler itself: the executable's definition takes precedence over
// Qt Core's for QtTest's call (ELF symbol interposition), so whatever handler QtTest (or a
// test) installs becomes the inner handler of unexpectedWarning(), which stays on top. Each
// warning is then registered with QTest::failOnWarning before QtTest sees it: QtTest fails the
// running test function unless the test expected the message with QTest::ignoreMessage (which
// takes precedence over failOnWarning). A critical message fails the test function outright.
//
// Allowed (harmless, from the offscreen platform or the environment, never from Minima):
// the offscreen plugin's "This plugin does not support propagateSizeHints()", and
// QStandardPaths' note that XDG_RUNTIME_DIR is not set (containers, CI).
#include <QtGlobal>
#include <QRegularExpression>
#include <QString>
#include <QTest>

#include <dlfcn.h>

#include <mutex>

namespace {

using InstallHandler = QtMessageHandler (*)(QtMessageHandler);

QtMessageHandler innerHandler = nullptr;   // QtTest's while a test runs, else nullptr
std::recursive_mutex handlerMutex;   // recursive: QtTest may reinstall its handler from inside it

bool allowed(const QString& message)
{
    return message == QLatin1String("This plugin does not support propagateSizeHints()")
        || message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set"));
}

void unexpectedWarning(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const std::lock_guard lock(handlerMutex);
    const QtMessageHandler inner = innerHandler;
    if (!inner) return;   // nobody to report to: innerHandler was cleared in between
    if (type == QtWarningMsg && !allowed(message))
        QTest::failOnWarning(QRegularExpression(QLatin1Char('^') + QRegularExpression::escape(message) + QLatin1Char('$')));
    inner(type, context, message);
    if (type == QtCriticalMsg) QTest::qFail(qPrintable(QStringLiteral("unexpected critical message: ") + message), context.file, context.line);
}

InstallHandler qtInstallHandler()
{
    static const InstallHandler real = reinterpret_cast<InstallHandler>(dlsym(RTLD_NEXT, "_Z22qInstallMessageHandlerPFv9QtMsgTypeRK18QMessageLogContextRK7QStringE"));
    return real;
}

} // namespace

// Replaces Qt Core's qInstallMessageHandler for this executable (see above). Returns what the
// caller would have got from Qt: the handler it replaces (nullptr for Qt's default).
QtMessageHandler qInstallMessageHandler(QtMessageHandler handler)
{
    const InstallHandler real = qtInstallHandler();
    if (!real) qFatal("unexpectedwarnings: Qt Core's qInstallMessageHandler not found");
    const std::lock_guard lock(handlerMutex);
    const QtMessageHandler previous = innerHandler;
    innerHandler = handler;
    real(handler ? &unexpectedWarning : nullptr);
    return previous;
}
