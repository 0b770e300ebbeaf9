#include <QtTest>

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QScrollBar>
#include <QSlider>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>

#include "app/mainwindow.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/registry.h"
#include "common/testbudget.h"

using namespace minima;

// Every control of every lab can be reached with Tab alone, and has an accessible name.
class TestKeyboard : public QObject {
    Q_OBJECT
private:
    static QList<QWidget*> controls(QWidget* lab)
    {
        QList<QWidget*> out;
        for (QWidget* w : lab->findChildren<QWidget*>()) {
            if (!w->isVisible() || !w->isEnabled()) continue;
            const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QComboBox*>(w)
                                 || (qobject_cast<QAbstractSlider*>(w) && !qobject_cast<QScrollBar*>(w))
                                 || (qobject_cast<QLineEdit*>(w) && !qobject_cast<QAbstractSpinBox*>(w->parentWidget())
                                     && !qobject_cast<QComboBox*>(w->parentWidget()));
            if (control && !w->objectName().startsWith(QLatin1String("qt_"))) out << w;
        }
        return out;
    }

private slots:
    void tabReachesEveryControl_data()
    {
        QTest::addColumn<QString>("lesson");
        for (const auto& l : shippedLessons()) QTest::newRow(qPrintable(l->id())) << l->id();
    }
    void tabReachesEveryControl()
    {
        QFETCH(QString, lesson);
        QTemporaryDir dir;
        MainWindow w(shippedLessons(), dir.path());
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QApplication::setActiveWindow(&w);
        QVERIFY(w.openLesson(lesson));
        auto* page = qobject_cast<LessonPage*>(w.currentPage());
        QVERIFY(page);
        for (int tab = 0; tab < page->labCount(); ++tab) {
            page->tabs()->setCurrentIndex(tab);
            QVERIFY(QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, test::waitMs(60000)));
            QWidget* lab = page->tabs()->widget(tab);
            const QList<QWidget*> wanted = controls(lab);
            QVERIFY(!wanted.isEmpty());
            page->tabs()->tabBar()->setFocus(Qt::TabFocusReason);
            QSet<QWidget*> reached;
            for (int i = 0; i < 400; ++i) {
                QWidget* focus = QApplication::focusWidget();
                if (!focus) break;
                reached.insert(focus);
                if (focus->focusProxy()) reached.insert(focus->focusProxy());
                for (QWidget* p = focus->parentWidget(); p; p = p->parentWidget())
                    if (p->focusProxy() == focus) reached.insert(p);
                QTest::keyClick(focus, Qt::Key_Tab);
            }
            for (QWidget* c : wanted) {
                bool ok = reached.contains(c);
                // A spin box's or combo box's line edit stands for it.
                for (QWidget* r : reached) ok = ok || r->parentWidget() == c;
                const QString what = QStringLiteral("%1 lab %2: %3 \"%4\" (%5)")
                                         .arg(lesson).arg(tab + 1)
                                         .arg(QString::fromLatin1(c->metaObject()->className()), c->objectName(),
                                              qobject_cast<QAbstractButton*>(c) ? static_cast<QAbstractButton*>(c)->text() : QString());
                QVERIFY2(ok, qPrintable(what + QStringLiteral(" is not reached with Tab")));
                const bool named = !c->accessibleName().isEmpty()
                                   || (qobject_cast<QAbstractButton*>(c) && !static_cast<QAbstractButton*>(c)->text().isEmpty());
                QVERIFY2(named, qPrintable(what + QStringLiteral(" has no accessible name")));
            }
        }
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
