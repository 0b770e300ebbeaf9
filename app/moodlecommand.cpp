// The Moodle export's ways in: `minima export-moodle`, File > Export exercises for Moodle,
// and the list of learners both read.
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTextStream>

#include "app/commandline.h"
#include "app/moodleexport.h"
#include "lessons/common/boundedread.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/plainwarning.h"

namespace minima {

bool readLearnerList(const QString& path, QStringList* learners, QString* error)
{
    QByteArray bytes;
    QString why;
    if (!readBoundedFile(path, qint64(1) << 20, &bytes, &why)) {
        *error = QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), why);
        return false;
    }
    QStringList names;
    for (QString line : QString::fromUtf8(bytes).split(QLatin1Char('\n'))) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
        if (line.size() > 200) {
            *error = QStringLiteral("%1: a name is longer than 200 characters").arg(QFileInfo(path).fileName());
            return false;
        }
        if (!names.contains(line)) names << line;
    }
    if (names.size() > 1000) {
        *error = QStringLiteral("%1: more than 1000 names").arg(QFileInfo(path).fileName());
        return false;
    }
    *learners = names;
    return true;
}

int runExportMoodleCommand(const QStringList& args, const LessonList& lessons, QTextStream& out, QTextStream& err)
{
    MoodleExportOptions options;
    QString output;
    QStringList packs;
    auto bad = [&](const QString& why) {
        err << "minima: " << why << "\n" << usageText();
        return 2;
    };
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        const bool takesValue = a == QLatin1String("-o") || a == QLatin1String("--output") || a == QLatin1String("--learners")
                                || a == QLatin1String("--pack");
        if (takesValue && i + 1 >= args.size()) return bad(QStringLiteral("%1 needs a file").arg(a));
        if (a == QLatin1String("-o") || a == QLatin1String("--output")) output = args[++i];
        else if (a == QLatin1String("--learners")) {
            QString error;
            if (!readLearnerList(args[++i], &options.learners, &error)) return bad(error);
        } else if (a == QLatin1String("--pack")) packs << args[++i];
        else if (a == QLatin1String("--stack")) options.stack = true;
        else return bad(QStringLiteral("unknown argument for export-moodle: '%1'").arg(a));
    }
    if (output.isEmpty()) return bad(QStringLiteral("export-moodle needs -o <quiz.xml>"));
    ExerciseCatalog catalog;
    QStringList errors;
    if (!catalog.loadBuiltIn(&errors))
        for (const QString& e : errors) err << "minima: " << e << "\n";
    QStringList ids;
    for (const auto& l : lessons) ids << l->id();
    catalog.setKnownLessons(ids);
    for (const QString& p : packs) {
        QString error;
        if (!catalog.loadPack(p, &error)) return bad(error);
    }
    const MoodleExport result = exportMoodleXml(catalog, lessons, options);
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(result.xml) != result.xml.size() || !file.commit()) {
        err << "minima: could not write " << output << ": " << file.errorString() << "\n";
        return 1;
    }
    out << QStringLiteral("{\"file\":\"%1\",\"questions\":%2,\"left_out\":%3}\n")
               .arg(QString(QDir::toNativeSeparators(QFileInfo(output).absoluteFilePath())).replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\"")))
               .arg(result.questions)
               .arg(result.leftOut);
    return 0;
}

void exportMoodleInteractively(const ExerciseCatalog& catalog, const LessonList& lessons, QWidget* parent)
{
    QMessageBox ask(QMessageBox::Question, QObject::tr("Export exercises for Moodle"),
                    QObject::tr("Expression and condition exercises have no plain Moodle question type. Export them as "
                                "STACK questions (Moodle needs the STACK plugin), or leave them out?"),
                    QMessageBox::NoButton, parent);
    ask.setTextFormat(Qt::PlainText);
    QPushButton* withStack = ask.addButton(QObject::tr("As &STACK questions"), QMessageBox::AcceptRole);
    ask.addButton(QObject::tr("&Leave them out"), QMessageBox::RejectRole);
    QPushButton* cancel = ask.addButton(QMessageBox::Cancel);
    ask.exec();
    if (ask.clickedButton() == cancel) return;
    MoodleExportOptions options;
    options.stack = ask.clickedButton() == withStack;
    const QString names = QFileDialog::getOpenFileName(parent, QObject::tr("Learners for per-learner versions (cancel for one version)"),
                                                       QString(), QObject::tr("Text files (*.txt);;All files (*)"));
    if (!names.isEmpty()) {
        QString error;
        if (!readLearnerList(names, &options.learners, &error)) {
            showPlainWarning(parent, QObject::tr("Export exercises for Moodle"), error);
            return;
        }
    }
    const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export exercises for Moodle"), QStringLiteral("minima-quiz.xml"),
                                                      QObject::tr("Moodle XML (*.xml)"));
    if (path.isEmpty()) return;
    const MoodleExport result = exportMoodleXml(catalog, lessons, options);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(result.xml) != result.xml.size() || !file.commit()) {
        showPlainWarning(parent, QObject::tr("Export exercises for Moodle"),
                         QObject::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    QMessageBox done(QMessageBox::Information, QObject::tr("Export exercises for Moodle"),
                     QObject::tr("%1 questions written to %2%3.")
                         .arg(result.questions)
                         .arg(QDir::toNativeSeparators(path),
                              result.leftOut ? QObject::tr(" (%1 left out, each with a note in the file)").arg(result.leftOut) : QString()),
                     QMessageBox::Ok, parent);
    done.setTextFormat(Qt::PlainText);
    done.exec();
}

} // namespace minima
