#include "app/commandline.h"

#include <QRegularExpression>

namespace minima {

QString usageText()
{
    return QStringLiteral(
        "Usage:\n"
        "  minima [--lesson <id>] [--present] [--lessons <id,id,...>] [--no-solutions]\n"
        "         [--profile <file>] [--pack <file>] [--open <lab-state>] [--class-folder <dir>]\n"
        "                                              open the app (on a lesson or a saved lab; for a class)\n"
        "  minima lessons                              one line per lesson: id<TAB>title\n"
        "  minima render <id> -o <file.png> [--size WxH] [--lab N | --exercises] [--present] [--3d]\n"
        "                                              render a lesson page without a display (a lab,\n"
        "                                              or the lesson's exercises; as presented to a class;\n"
        "                                              with --3d and a display with OpenGL, its 3-D views)\n"
        "  minima render progress -o <file.png> [--size WxH]\n"
        "                                              render the learner's progress view\n"
        "  minima render class <dir> -o <file.png> [--size WxH] [--no-names] [--lab 2] [--present]\n"
        "                                              render the class view of a class folder\n"
        "  minima class <dir> [--no-names]            the class folder summed up per exercise, as JSON\n"
        "  minima export-moodle -o <quiz.xml> [--learners <file>] [--stack] [--pack <file>]\n"
        "                                              the exercises as Moodle XML (one question per learner\n"
        "                                              with --learners; STACK questions with --stack)\n"
        "  minima count <n1,n2,...> [--activation relu|leaky-relu|tanh|sigmoid|linear]\n"
        "                                              exact count of equivalent networks\n"
        "  minima check <exercise-id> --learner <name> --answer <text> [--pack <file>]\n"
        "                                              check an answer, print the verdict as JSON\n"
        "  minima answer-key --learner <name> [--pack <file>]\n"
        "                                              parameters and expected answers as JSON\n"
        "  minima run <experiment> [--set key=value ...] [--seed N]\n"
        "                                              run an experiment, print its result as JSON\n"
        "  minima run <experiment> --help              the experiment's keys\n"
        "Options for every command:\n"
        "  --data-dir <dir>   keep progress and settings in <dir>\n"
        "  --help, -h         this text\n"
        "  --version, -v      the version of Minima and its libraries\n");
}

CommandLine parseCommandLine(const QStringList& arguments)
{
    CommandLine cl;
    QStringList args = arguments;

    // Options valid everywhere come out first, so commands see only their own.
    for (int i = 0; i < args.size();) {
        const QString a = args[i];
        if (a == QLatin1String("--data-dir") || a.startsWith(QLatin1String("--data-dir="))) {
            QString value;
            if (a.contains(QLatin1Char('='))) {
                value = a.section(QLatin1Char('='), 1);
                args.removeAt(i);
            } else {
                if (i + 1 >= args.size()) {
                    cl.error = QStringLiteral("--data-dir needs a directory");
                    return cl;
                }
                value = args[i + 1];
                args.remove(i, 2);
            }
            if (value.isEmpty()) {
                cl.error = QStringLiteral("--data-dir needs a directory");
                return cl;
            }
            cl.dataDir = value;
            continue;
        }
        ++i;
    }

    if (args.isEmpty()) return cl;
    const QString first = args.takeFirst();

    if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
        cl.command = CommandLine::Command::Help;
        return cl;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        cl.command = CommandLine::Command::Version;
        return cl;
    }
    if (first == QLatin1String("lessons")) {
        cl.command = CommandLine::Command::Lessons;
        if (!args.isEmpty()) cl.error = QStringLiteral("'lessons' takes no arguments, got '%1'").arg(args.first());
        return cl;
    }
    if (first == QLatin1String("count") || first == QLatin1String("check") || first == QLatin1String("answer-key")
        || first == QLatin1String("run") || first == QLatin1String("class") || first == QLatin1String("export-moodle")) {
        cl.command = first == QLatin1String("count")   ? CommandLine::Command::Count
                     : first == QLatin1String("check") ? CommandLine::Command::Check
                     : first == QLatin1String("run")   ? CommandLine::Command::Run
                     : first == QLatin1String("class") ? CommandLine::Command::Class
                     : first == QLatin1String("export-moodle") ? CommandLine::Command::ExportMoodle
                                                        : CommandLine::Command::AnswerKey;
        cl.rest = args;
        return cl;
    }
    if (first == QLatin1String("render")) {
        cl.command = CommandLine::Command::Render;
        bool labGiven = false;
        while (!args.isEmpty()) {
            const QString a = args.takeFirst();
            auto value = [&](const char* what) -> QString {
                if (args.isEmpty()) {
                    cl.error = QStringLiteral("%1 needs %2").arg(a, QString::fromLatin1(what));
                    return {};
                }
                return args.takeFirst();
            };
            if (a == QLatin1String("-o") || a == QLatin1String("--output")) {
                cl.output = value("a file name");
            } else if (a == QLatin1String("--size")) {
                const QString s = value("a size like 1366x768");
                static const QRegularExpression re(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
                const auto m = re.match(s);
                if (!cl.error.isEmpty()) return cl;
                if (!m.hasMatch()) {
                    cl.error = QStringLiteral("--size must look like 1366x768, got '%1'").arg(s);
                    return cl;
                }
                const int w = m.captured(1).toInt(), h = m.captured(2).toInt();
                if (w < 320 || h < 240 || w > 7680 || h > 4320) {
                    cl.error = QStringLiteral("--size must be between 320x240 and 7680x4320, got '%1'").arg(s);
                    return cl;
                }
                cl.size = QSize(w, h);
            } else if (a == QLatin1String("--lab")) {
                const QString s = value("a lab number");
                bool ok = false;
                const int n = s.toInt(&ok);
                if (!cl.error.isEmpty()) return cl;
                if (!ok || n < 1 || n > 20) {
                    cl.error = QStringLiteral("--lab must be a lab number from 1, got '%1'").arg(s);
                    return cl;
                }
                cl.lab = n - 1;
                labGiven = true;
            } else if (a == QLatin1String("--exercises")) {
                cl.exercises = true;
            } else if (a == QLatin1String("--present")) {
                cl.present = true;
            } else if (a == QLatin1String("--3d")) {
                cl.threeD = true;
            } else if (a == QLatin1String("--no-names") && cl.lesson == QLatin1String("class")) {
                cl.anonymous = true;
            } else if (a.startsWith(QLatin1Char('-'))) {
                cl.error = QStringLiteral("unknown option for render: '%1'").arg(a);
                return cl;
            } else if (cl.lesson.isEmpty()) {
                cl.lesson = a;
            } else if (cl.lesson == QLatin1String("class") && cl.classFolder.isEmpty()) {
                cl.classFolder = a;
            } else {
                cl.error = QStringLiteral("render takes one lesson id, got '%1' and '%2'").arg(cl.lesson, a);
                return cl;
            }
            if (!cl.error.isEmpty()) return cl;
        }
        if (cl.lesson.isEmpty()) cl.error = QStringLiteral("render needs a lesson id (see 'minima lessons')");
        else if (cl.lesson == QLatin1String("class") && cl.classFolder.isEmpty())
            cl.error = QStringLiteral("render class needs the class folder: minima render class <dir> -o <file.png>");
        else if (cl.output.isEmpty()) cl.error = QStringLiteral("render needs -o <file.png>");
        else if (labGiven && cl.exercises) cl.error = QStringLiteral("render shows one tab: give --lab N or --exercises, not both");
        else if (cl.exercises && cl.lesson == QLatin1String("progress"))
            cl.error = QStringLiteral("--exercises is for a lesson page, not the progress view");
        return cl;
    }

    // Otherwise: open the app, with options.
    args.prepend(first);
    while (!args.isEmpty()) {
        const QString a = args.takeFirst();
        if (a == QLatin1String("--lesson")) {
            if (args.isEmpty()) {
                cl.error = QStringLiteral("--lesson needs a lesson id (see 'minima lessons')");
                return cl;
            }
            cl.lesson = args.takeFirst();
        } else if (a == QLatin1String("--present")) {
            cl.present = true;
        } else if (a == QLatin1String("--no-solutions")) {
            cl.noSolutions = true;
        } else if (a == QLatin1String("--lessons")) {
            if (args.isEmpty()) {
                cl.error = QStringLiteral("--lessons needs lesson ids separated by commas (see 'minima lessons')");
                return cl;
            }
            for (const QString& id : args.takeFirst().split(QLatin1Char(','), Qt::SkipEmptyParts))
                cl.onlyLessons << id.trimmed();
            if (cl.onlyLessons.isEmpty()) {
                cl.error = QStringLiteral("--lessons needs at least one lesson id");
                return cl;
            }
        } else if (a == QLatin1String("--open")) {
            if (args.isEmpty()) {
                cl.error = QStringLiteral("--open needs a lab state file");
                return cl;
            }
            cl.openState = args.takeFirst();
        } else if (a == QLatin1String("--class-folder")) {
            if (args.isEmpty() || args.first().isEmpty()) {
                cl.error = QStringLiteral("--class-folder needs a folder");
                return cl;
            }
            cl.classFolder = args.takeFirst();
        } else if (a == QLatin1String("--profile") || a == QLatin1String("--pack")) {
            if (args.isEmpty()) {
                cl.error = QStringLiteral("%1 needs a file").arg(a);
                return cl;
            }
            if (a == QLatin1String("--profile")) cl.profile = args.takeFirst();
            else cl.packs << args.takeFirst();
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            cl.command = CommandLine::Command::Help;
        } else if (a == QLatin1String("--version") || a == QLatin1String("-v")) {
            cl.command = CommandLine::Command::Version;
        } else if (a.startsWith(QLatin1Char('-'))) {
            cl.error = QStringLiteral("unknown option '%1'").arg(a);
            return cl;
        } else {
            cl.error = QStringLiteral("unknown command '%1'").arg(a);
            return cl;
        }
    }
    return cl;
}

} // namespace minima
