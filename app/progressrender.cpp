// `minima render progress`: the Progress window drawn without a display, for a screenshot
// or a teacher's record.
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QSettings>
#include <QTextStream>

#include <cstdio>

#include "app/commandline.h"
#include "app/commands.h"
#include "app/progressstore.h"
#include "app/progressview.h"
#include "lessons/common/exercises/exercisecatalog.h"

namespace minima {

int runRenderProgressCommand(int& argc, char** argv, const CommandLine& cl, const LessonList& lessons)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Minima"));
    QCoreApplication::setApplicationName(QStringLiteral("minima"));
    QTextStream err(stderr);

    const QString dataDir = resolveDataDir(cl.dataDir);
    QSettings settings(QDir(dataDir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    QString learner = settings.value(QStringLiteral("learner")).toString();
    if (learner.isEmpty()) learner = QStringLiteral("Guest");

    ProgressStore store(dataDir);
    if (!store.recoveryMessage().isEmpty()) err << "minima: " << store.recoveryMessage() << '\n';
    ExerciseCatalog catalog;
    QStringList errors;
    if (!catalog.loadBuiltIn(&errors)) err << "minima: " << errors.join(QStringLiteral("; ")) << '\n';

    ProgressView view(catalog, store, lessons, learner);
    view.setAttribute(Qt::WA_DontShowOnScreen, QGuiApplication::platformName() != QLatin1String("offscreen"));
    view.resize(cl.size);
    view.show();
    QApplication::processEvents();
    return writeRender(view.grab().toImage(), cl, err);
}

} // namespace minima
