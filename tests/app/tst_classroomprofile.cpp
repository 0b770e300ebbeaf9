#include <QtTest>

#include <QTemporaryDir>

#include "app/classroomprofile.h"
#include "app/commands.h"
#include "testlesson.h"

using namespace minima;

class TestClassroomProfile : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> dir;
    QString write(const QByteArray& json)
    {
        const QString path = dir->filePath(QStringLiteral("class.json"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return {};
        f.write(json);
        return path;
    }

private slots:
    void init() { dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { dir.reset(); }

    void readsAProfile()
    {
        const QString path = write(R"({"format": "minima-profile", "version": 1, "lessons": ["b", "a"],
                                       "solutions": false, "packs": ["week3.json"], "present": true,
                                       "class_folder": "shared/4b"})");
        ClassroomProfile p;
        QString error;
        QVERIFY2(loadClassroomProfile(path, &p, &error), qPrintable(error));
        QCOMPARE(p.lessons, (QStringList{"b", "a"}));
        QVERIFY(p.hideSolutions);
        QVERIFY(p.present);
        // Packs are found beside the profile, wherever the app was started.
        QCOMPARE(p.packs, QStringList{dir->filePath(QStringLiteral("week3.json"))});
        // So is the class folder.
        QCOMPARE(p.classFolder, dir->filePath(QStringLiteral("shared/4b")));
    }

    void defaultsShowEverything()
    {
        ClassroomProfile p;
        QString error;
        QVERIFY(loadClassroomProfile(write(R"({"format": "minima-profile", "version": 1})"), &p, &error));
        QVERIFY(p.lessons.isEmpty());
        QVERIFY(!p.hideSolutions);
        QVERIFY(p.packs.isEmpty());
        QVERIFY(p.classFolder.isEmpty());
    }

    void refusesBadProfiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{") << "not JSON";
        QTest::newRow("wrong format") << QByteArray(R"({"format": "x", "version": 1})") << "format";
        QTest::newRow("wrong version") << QByteArray(R"({"format": "minima-profile", "version": 2})") << "version";
        QTest::newRow("lessons not a list") << QByteArray(R"({"format": "minima-profile", "version": 1, "lessons": "a"})") << "lessons";
        QTest::newRow("solutions not a bool") << QByteArray(R"({"format": "minima-profile", "version": 1, "solutions": "no"})") << "solutions";
        QTest::newRow("class folder not text") << QByteArray(R"({"format": "minima-profile", "version": 1, "class_folder": 3})") << "class_folder";
        QTest::newRow("class folder empty") << QByteArray(R"({"format": "minima-profile", "version": 1, "class_folder": " "})") << "class_folder";
        QTest::newRow("unknown field") << QByteArray(R"({"format": "minima-profile", "version": 1, "colour": 1})") << "colour";
    }
    void refusesBadProfiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        ClassroomProfile p;
        QString error;
        QVERIFY(!loadClassroomProfile(write(json), &p, &error));
        QVERIFY2(error.startsWith(QStringLiteral("class.json: ")), qPrintable(error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void selectsLessonsInTheGivenOrder()
    {
        const LessonList all = testLessons();
        LessonList chosen;
        QString error;
        QVERIFY(selectLessons(all, {"other-lesson", "test-lesson"}, &chosen, &error));
        QCOMPARE(int(chosen.size()), 2);
        QCOMPARE(chosen[0]->id(), QStringLiteral("other-lesson"));
        QVERIFY(selectLessons(all, {"other-lesson"}, &chosen, &error));
        QCOMPARE(int(chosen.size()), 1);
        QVERIFY(selectLessons(all, {}, &chosen, &error));
        QCOMPARE(int(chosen.size()), 2);
        QVERIFY(!selectLessons(all, {"nope"}, &chosen, &error));
        QVERIFY(error.contains(QStringLiteral("nope")));
    }
};

QTEST_MAIN(TestClassroomProfile)
#include "tst_classroomprofile.moc"
