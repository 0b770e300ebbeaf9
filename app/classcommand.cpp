// `minima class DIR`: the class folder summed up per lesson and exercise, as JSON.
#include <QJsonDocument>

#include "app/classfolder.h"
#include "app/commands.h"
#include "lessons/common/exercises/exercisecatalog.h"

namespace minima {

int runClassCommand(const QStringList& args, const LessonList& lessons, QTextStream& out, QTextStream& err)
{
    QString folder;
    bool names = true;
    for (const QString& a : args) {
        if (a == QLatin1String("--no-names")) {
            names = false;
        } else if (a.startsWith(QLatin1String("--"))) {
            err << "minima: unknown option for class: '" << a << "'\n" << usageText();
            return 2;
        } else if (folder.isEmpty()) {
            folder = a;
        } else {
            err << "minima: class takes one folder, got '" << folder << "' and '" << a << "'\n" << usageText();
            return 2;
        }
    }
    if (folder.isEmpty()) {
        err << "minima: class needs the class folder: minima class <dir>\n" << usageText();
        return 2;
    }
    const ClassFolderScan scan = scanClassFolder(folder);
    if (!scan.folderError.isEmpty()) {
        err << "minima: " << scan.folderError << "\n" << usageText();
        return 2;
    }
    ExerciseCatalog catalog;
    QStringList errors;
    if (!catalog.loadBuiltIn(&errors))
        for (const QString& e : errors) err << "minima: " << e << "\n";
    const ClassSummary summary = summarizeClass(scan.snapshots, lessons, &catalog);
    if (scan.skippedCount() > 0) err << "minima: skipped " << skippedText(scan) << "\n";
    out << QString::fromUtf8(QJsonDocument(classSummaryJson(scan, summary, names)).toJson(QJsonDocument::Compact)) << "\n";
    out.flush();
    return 0;
}

} // namespace minima
