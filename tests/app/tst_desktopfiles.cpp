// Desktop integration: the launcher and the AppStream metadata pass the freedesktop.org
// validators, name the same application id as the icon, and `cmake --install` puts all
// of them, and the program, where desktops look.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>

namespace {

const QString appId = QStringLiteral("io.github.minima.Minima");
QString source(const QString& suffix) { return QStringLiteral(MINIMA_DESKTOP_DIR "/") + appId + suffix; }

struct Run {
    int code = -1;
    QString output;
};

Run run(const QString& program, const QStringList& arguments)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, arguments);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.output = QStringLiteral("%1 did not finish: %2").arg(program, p.errorString());
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromLocal8Bit(p.readAll());
    return r;
}

QString desktopValue(const QString& key)
{
    QFile f(source(QStringLiteral(".desktop")));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) return {};
    for (const QString& line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n')))
        if (line.startsWith(key + QLatin1Char('='))) return line.mid(key.size() + 1);
    return {};
}

} // namespace

class TestDesktopFiles : public QObject {
    Q_OBJECT
private slots:
    void desktopFileIsValid()
    {
        const QString tool = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        if (tool.isEmpty()) QSKIP("desktop-file-validate is not installed (scripts/setup installs desktop-file-utils)");
        const Run r = run(tool, {source(QStringLiteral(".desktop"))});
        QVERIFY2(r.code == 0, qPrintable(r.output));
        // Hints are not errors, but this file should need none.
        QVERIFY2(r.output.trimmed().isEmpty(), qPrintable(r.output));
    }

    void metainfoIsValid()
    {
        const QString tool = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
        if (tool.isEmpty()) QSKIP("appstreamcli is not installed (scripts/setup installs appstream)");
        const Run r = run(tool, {QStringLiteral("validate"), QStringLiteral("--no-net"), source(QStringLiteral(".metainfo.xml"))});
        QVERIFY2(r.code == 0, qPrintable(r.output));
        QVERIFY2(!r.output.contains(QLatin1String("E:")) && !r.output.contains(QLatin1String("W:")), qPrintable(r.output));
    }

    void filesNameOneApplication()
    {
        QCOMPARE(desktopValue(QStringLiteral("Icon")), appId);
        QCOMPARE(desktopValue(QStringLiteral("Exec")).section(QLatin1Char(' '), 0, 0), QStringLiteral("minima"));
        QCOMPARE(desktopValue(QStringLiteral("Type")), QStringLiteral("Application"));

        QFile meta(source(QStringLiteral(".metainfo.xml")));
        QVERIFY(meta.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&meta);
        QString id, launchable, binary, license;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement) continue;
            if (xml.name() == QLatin1String("id")) id = xml.readElementText();
            else if (xml.name() == QLatin1String("launchable")) launchable = xml.readElementText();
            else if (xml.name() == QLatin1String("binary")) binary = xml.readElementText();
            else if (xml.name() == QLatin1String("project_license")) license = xml.readElementText();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(id, appId);
        QCOMPARE(launchable, appId + QStringLiteral(".desktop"));
        QCOMPARE(binary, QStringLiteral("minima"));
        QCOMPARE(license, QStringLiteral("GPL-3.0-or-later"));

        QSvgRenderer icon(source(QStringLiteral(".svg")));
        QVERIFY(icon.isValid());
        QCOMPARE(icon.defaultSize(), QSize(128, 128));
    }

    void installPutsEverythingInPlace()
    {
        const QString cmake = QStandardPaths::findExecutable(QStringLiteral("cmake"));
        if (cmake.isEmpty()) QSKIP("cmake is not on the PATH");
        QTemporaryDir prefix;
        QVERIFY(prefix.isValid());
        const Run r = run(cmake, {QStringLiteral("--install"), QStringLiteral(MINIMA_BUILD_DIR), QStringLiteral("--prefix"),
                                  prefix.path()});
        QVERIFY2(r.code == 0, qPrintable(r.output));
        const QDir root(prefix.path());
        const QStringList expected = {
            QStringLiteral("bin/minima"),
            QStringLiteral("share/applications/") + appId + QStringLiteral(".desktop"),
            QStringLiteral("share/metainfo/") + appId + QStringLiteral(".metainfo.xml"),
            QStringLiteral("share/icons/hicolor/scalable/apps/") + appId + QStringLiteral(".svg"),
        };
        for (const QString& file : expected) QVERIFY2(QFile::exists(root.filePath(file)), qPrintable(file));
        QVERIFY(QFileInfo(root.filePath(QStringLiteral("bin/minima"))).isExecutable());
        // The installed program runs.
        const Run version = run(root.filePath(QStringLiteral("bin/minima")), {QStringLiteral("--version")});
        QVERIFY2(version.code == 0 && version.output.startsWith(QLatin1String("minima ")), qPrintable(version.output));
    }
};

QTEST_MAIN(TestDesktopFiles)
#include "tst_desktopfiles.moc"
