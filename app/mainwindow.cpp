#include "app/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QThread>
#include <QThreadPool>
#include <QVBoxLayout>

#include "app/classview.h"
#include "app/moodleexport.h"
#include "app/progressstore.h"
#include "app/pageprint.h"
#include "app/presentation.h"
#include "app/progressview.h"
#include "app/theme.h"
#include "app/welcomepage.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "engine/version.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/common/lab.h"

namespace minima {

namespace {
constexpr double minTextScale = 0.7;
constexpr double maxTextScale = 2.5;
constexpr double presentationScale = 1.5;
} // namespace

MainWindow::MainWindow(LessonList lessons, const QString& dataDir, QWidget* parent)
    : QMainWindow(parent),
      lessons_(std::move(lessons)),
      dataDir_(dataDir),
      settings_(std::make_unique<QSettings>(QDir(dataDir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)),
      store_(new ProgressStore(dataDir, this)),
      catalog_(new ExerciseCatalog(this)),
      pool_(new QThreadPool(this)),
      context_(new LessonContext(store_, catalog_, pool_, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Minima"));
    // Figures are computed below the GUI thread's priority (see yieldToTheInterface).
    pool_->setThreadPriority(QThread::LowPriority);
    baseFontPoints_ = QApplication::font().pointSizeF() > 0 ? QApplication::font().pointSizeF() : 10.0;

    auto* central = new QWidget(this);
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    banner_ = new QLabel(central);
    banner_->setObjectName(QStringLiteral("noticeBanner"));
    // Notices quote files and the command line (a pack's keys and ids, a lab state's lesson):
    // shown as plain text, so nothing quoted can name an image or a style sheet to load.
    banner_->setTextFormat(Qt::PlainText);
    banner_->setWordWrap(true);
    banner_->setMargin(8);
    banner_->setStyleSheet(QStringLiteral("QLabel { background: #FFF3C4; color: #3A2E00; }"));
    banner_->hide();
    column->addWidget(banner_);

    auto* splitter = new QSplitter(Qt::Horizontal, central);
    splitter->setChildrenCollapsible(false);
    list_ = new QListWidget(splitter);
    list_->setObjectName(QStringLiteral("lessonList"));
    list_->setAccessibleName(tr("Lessons"));
    list_->setMinimumWidth(200);
    list_->setWordWrap(true);
    list_->setSpacing(2);
    stack_ = new QStackedWidget(splitter);
    stack_->setObjectName(QStringLiteral("pageStack"));
    splitter->addWidget(list_);
    splitter->addWidget(stack_);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 1100});
    column->addWidget(splitter, 1);
    setCentralWidget(central);

    welcome_ = new WelcomePage(lessons_, stack_);
    stack_->addWidget(welcome_);
    new QListWidgetItem(tr("Welcome"), list_);
    for (std::size_t i = 0; i < lessons_.size(); ++i) {
        auto* item = new QListWidgetItem(lessons_[i]->title(), list_);
        item->setData(Qt::UserRole, lessons_[i]->id());
        item->setToolTip(lessons_[i]->summary());
        pages_.append(nullptr);
    }

    QString learner = settings_->value(QStringLiteral("learner")).toString();
    if (learner.isEmpty()) learner = QStringLiteral("Guest");
    context_->setLearner(learner);
    welcome_->setLearner(learner == QLatin1String("Guest") ? QString() : learner);
    connect(welcome_, &WelcomePage::learnerChosen, this, [this](const QString& name) {
        context_->setLearner(name);
        settings_->setValue(QStringLiteral("learner"), name);
        QString error;
        if (!store_->addLearner(name, &error)) showNotice(error);
        refreshProgress();
    });
    connect(welcome_, &WelcomePage::lessonChosen, this, [this](const QString& id) { openLesson(id); });
    connect(list_, &QListWidget::currentRowChanged, this, &MainWindow::showIndex);
    connect(store_, &ProgressSink::attemptRecorded, this, &MainWindow::refreshProgress);

    connect(catalog_, &ExerciseCatalog::changed, this, &MainWindow::refreshProgress);

    buildMenus();

    QStringList notices;
    if (!store_->recoveryMessage().isEmpty()) notices << store_->recoveryMessage();
    QStringList packErrors;
    if (!catalog_->loadBuiltIn(&packErrors))
        notices << tr("Some built-in exercises could not be loaded: %1").arg(packErrors.join(QStringLiteral("; ")));
    if (!notices.isEmpty()) showNotice(notices.join(QLatin1Char(' ')));

    textScale_ = std::clamp(settings_->value(QStringLiteral("textScale"), 1.0).toDouble(), minTextScale, maxTextScale);
    applyFonts();

    const QByteArray geometry = settings_->value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) resize(1366, 768);

    const QString last = settings_->value(QStringLiteral("lastLesson")).toString();
    if (last.isEmpty() || !openLesson(last)) openWelcome();
    refreshProgress();
}

MainWindow::~MainWindow()
{
    // Pages may have work in flight on the pool: stop handing it out, and wait for it,
    // before the pages and the context they report to go away.
    pool_->clear();
    pool_->waitForDone();
    // The pages hold references to the context, the store and the catalog, which were made
    // first and so would be deleted first among the window's children: delete the pages now.
    delete takeCentralWidget();
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openPackAction = file->addAction(tr("&Open exercise pack…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open exercise pack"), QString(),
                                                          tr("Exercise packs (*.json);;All files (*)"));
        if (!path.isEmpty() && !openPack(path)) {
            QMessageBox box(QMessageBox::Warning, tr("Open exercise pack"), notice(), QMessageBox::Ok, this);
            box.setTextFormat(Qt::PlainText);
            box.exec();
        }
    });
    openPackAction->setObjectName(QStringLiteral("openPackAction"));
    openPackAction->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction* copyState = file->addAction(tr("&Copy lab state"), this, [this] {
        const LabState state = currentLabState();
        if (state.lesson.isEmpty()) {
            showNotice(tr("Open a lesson's lab to copy its state."));
            return;
        }
        QGuiApplication::clipboard()->setText(encodeLabState(state));
        showNotice(tr("The lab's state is on the clipboard: paste it to a classmate, who opens it with File > Paste lab state."));
    });
    copyState->setObjectName(QStringLiteral("copyLabStateAction"));
    copyState->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QAction* pasteState = file->addAction(tr("&Paste lab state"), this, [this] {
        LabState state;
        QString error;
        if (!decodeLabState(QGuiApplication::clipboard()->text(), &state, &error) || !openLabState(state, &error))
            showNotice(tr("The clipboard's lab state was not opened: %1.").arg(error));
    });
    pasteState->setObjectName(QStringLiteral("pasteLabStateAction"));
    pasteState->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    file->addAction(tr("&Save lab state…"), this, [this] {
        const LabState state = currentLabState();
        if (state.lesson.isEmpty()) {
            showNotice(tr("Open a lesson's lab to save its state."));
            return;
        }
        const QString path = QFileDialog::getSaveFileName(this, tr("Save lab state"), state.lesson + QStringLiteral(".minima-lab"),
                                                          tr("Minima lab states (*.minima-lab)"));
        QString error;
        if (!path.isEmpty() && !saveLabStateFile(state, path, &error)) showNotice(error);
    });
    file->addAction(tr("Open lab s&tate…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open lab state"), QString(),
                                                          tr("Minima lab states (*.minima-lab);;All files (*)"));
        if (!path.isEmpty()) openLabStateFile(path);
    });
    file->addSeparator();
    QAction* exportAction = file->addAction(tr("&Export figure…"), this, &MainWindow::exportFigure);
    exportAction->setObjectName(QStringLiteral("exportFigureAction"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction* printAction = file->addAction(tr("&Print lesson page to PDF…"), this, [this] {
        printLabInteractively(stack_->currentWidget(), currentLessonTitle(), this);
    });
    printAction->setObjectName(QStringLiteral("printPageAction"));
    printAction->setShortcut(QKeySequence::Print);
    file->addSeparator();
    QAction* classAction = file->addAction(tr("C&lass view…"), this, [this] {
        openClassWindowInteractively(property("minimaClassFolder").toString(), lessons_, catalog_, this);
    });
    classAction->setObjectName(QStringLiteral("classViewAction"));
    QAction* moodleAction = file->addAction(tr("Export exercises for &Moodle…"), this,
                                            [this] { exportMoodleInteractively(*catalog_, lessons_, this); });
    moodleAction->setObjectName(QStringLiteral("exportMoodleAction"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* present = view->addAction(tr("&Presentation mode"));
    present->setObjectName(QStringLiteral("presentationAction"));
    present->setCheckable(true);
    present->setShortcut(QKeySequence(Qt::Key_F11));
    connect(present, &QAction::toggled, this, &MainWindow::setPresenting);
    // One key shows or hides every lab's text, so at a projector the figure can take the screen.
    QAction* text = view->addAction(tr("Lesson &text"));
    text->setObjectName(QStringLiteral("lessonTextAction"));
    text->setCheckable(true);
    text->setChecked(true);
    text->setShortcut(QKeySequence(Qt::Key_F9));
    connect(text, &QAction::toggled, this, &MainWindow::setLessonTextShown);
    view->addSeparator();
    QAction* larger = view->addAction(tr("&Larger text"), this, [this] { setTextScale(textScale_ * 1.15); });
    larger->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    QAction* smaller = view->addAction(tr("&Smaller text"), this, [this] { setTextScale(textScale_ / 1.15); });
    smaller->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    QAction* normal = view->addAction(tr("&Normal text size"), this, [this] { setTextScale(1.0); });
    normal->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    view->addSeparator();
    QAction* next = view->addAction(tr("Ne&xt lesson"), this, [this] {
        list_->setCurrentRow(std::min(list_->currentRow() + 1, list_->count() - 1));
    });
    next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    QAction* previous = view->addAction(tr("P&revious lesson"), this, [this] {
        list_->setCurrentRow(std::max(list_->currentRow() - 1, 0));
    });
    previous->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    addPresentationActions(*this, view);
    view->addSeparator();
    addThemeMenu(view, *settings_);
    QAction* progressAction = view->addAction(tr("Pro&gress…"), this, [this] {
        openProgressWindow(*catalog_, *store_, lessons_, context_->learner(), this);
    });
    progressAction->setObjectName(QStringLiteral("progressAction"));
    progressAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Minima"), this, &MainWindow::about);
}

void MainWindow::showIndex(int row)
{
    if (row <= 0) {
        stack_->setCurrentWidget(welcome_);
        setWindowTitle(tr("Minima"));
        return;
    }
    const std::size_t i = std::size_t(row - 1);
    if (i >= lessons_.size()) return;
    if (!pages_[qsizetype(i)]) {
        QWidget* page = lessons_[i]->createPage(*context_, stack_);
        pages_[qsizetype(i)] = page;
        if (auto* lessonPage = qobject_cast<LessonPage*>(page)) lessonPage->setTextShown(lessonTextShown_);
        stack_->addWidget(page);
    }
    stack_->setCurrentWidget(pages_[qsizetype(i)]);
    setWindowTitle(tr("%1 — Minima").arg(lessons_[i]->title()));
    settings_->setValue(QStringLiteral("lastLesson"), lessons_[i]->id());
}

bool MainWindow::openLesson(const QString& id)
{
    for (std::size_t i = 0; i < lessons_.size(); ++i) {
        if (lessons_[i]->id() == id) {
            list_->setCurrentRow(int(i) + 1);
            return true;
        }
    }
    return false;
}

void MainWindow::openWelcome()
{
    list_->setCurrentRow(0);
    settings_->setValue(QStringLiteral("lastLesson"), QString());
}

QString MainWindow::currentLessonId() const
{
    const int row = list_->currentRow();
    return row >= 1 && std::size_t(row - 1) < lessons_.size() ? lessons_[std::size_t(row - 1)]->id() : QString();
}

QWidget* MainWindow::currentPage() const { return stack_->currentWidget(); }

QString MainWindow::currentLessonTitle() const
{
    const int row = list_->currentRow();
    return row >= 1 && std::size_t(row - 1) < lessons_.size() ? lessons_[std::size_t(row - 1)]->title() : QString();
}

bool MainWindow::printPage(const QString& path, QString* error) const
{
    auto* page = qobject_cast<LessonPage*>(currentPage());
    if (!page) {
        *error = tr("Open a lesson to print its page.");
        return false;
    }
    return printLabToPdf(*page, printHeading(currentLessonTitle(), *page), path, error);
}

void MainWindow::refreshProgress()
{
    // Each lesson's line: its title, and how many of its exercises this learner solved.
    for (std::size_t i = 0; i < lessons_.size(); ++i) {
        QListWidgetItem* item = list_->item(int(i) + 1);
        const LessonScore score = lessonScore(*catalog_, *store_, context_->learner(), lessons_[i]->id());
        QString text = lessons_[i]->title();
        if (score.total > 0) {
            const bool complete = score.solved == score.total;
            text += QStringLiteral("\n") + tr("%1 of %2 solved").arg(score.solved).arg(score.total);
            if (complete) text += QStringLiteral("  ✓");
            item->setData(Qt::AccessibleTextRole,
                          tr("%1, %2 of %3 exercises solved%4").arg(lessons_[i]->title()).arg(score.solved).arg(score.total)
                              .arg(complete ? tr(", complete") : QString()));
        }
        item->setText(text);
    }
}

bool MainWindow::openPack(const QString& path)
{
    QString error;
    if (!catalog_->loadPack(path, &error)) {
        showNotice(tr("The exercise pack was not opened: %1").arg(error));
        return false;
    }
    showNotice(QString());
    refreshProgress();
    return true;
}

LabState MainWindow::currentLabState() const
{
    auto* page = qobject_cast<LessonPage*>(stack_->currentWidget());
    if (!page) return {};
    const int tab = page->tabs()->currentIndex();
    return captureLabState(page->lessonId(), tab, page->lab(tab));
}

bool MainWindow::openLabState(const LabState& state, QString* error)
{
    if (!openLesson(state.lesson)) {
        *error = tr("the lesson \"%1\" is not in this app")
                     .arg(state.lesson.size() > 80 ? state.lesson.left(80) + QStringLiteral("…") : state.lesson);
        return false;
    }
    auto* page = qobject_cast<LessonPage*>(stack_->currentWidget());
    if (!page || state.lab >= page->tabs()->count()) {
        *error = tr("the lesson has no lab %1").arg(state.lab + 1);
        return false;
    }
    page->tabs()->setCurrentIndex(state.lab);
    restoreLabState(page->lab(state.lab), state);
    return true;
}

bool MainWindow::openLabStateFile(const QString& path)
{
    LabState state;
    QString error;
    if (!loadLabStateFile(path, &state, &error) || !openLabState(state, &error)) {
        showNotice(tr("The lab state was not opened: %1").arg(error));
        return false;
    }
    return true;
}

void MainWindow::exportFigure()
{
    auto* page = qobject_cast<LessonPage*>(stack_->currentWidget());
    QWidget* figure = page ? page->currentFigure() : nullptr;
    // A lab's figure is its charts alone, without the controls (Lab::figureArea).
    if (const Lab* lab = page ? page->lab(page->tabs()->currentIndex()) : nullptr) figure = lab->figureArea();
    if (!figure) {
        QMessageBox::information(this, tr("Export figure"), tr("Open a lesson's lab to export its figure."));
        return;
    }
    exportFigureInteractively(figure, this);
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Minima"),
                       tr("<h3>Minima %1</h3><p>A lab for why training deep networks is hard.</p>"
                          "<p>Qt %2 · Eigen %3 · GiNaC %4</p><p>Licensed under the GNU GPL, version 3 or later.</p>")
                           .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                                QString::fromStdString(eigenVersion()), QString::fromStdString(ginacVersion())));
}

void MainWindow::setPresenting(bool on)
{
    if (on == presenting_) return;
    presenting_ = on;
    setProperty("minimaPresenting", on);   // presentation keys and the exercise panel follow it
    list_->setVisible(!on);
    if (on) showFullScreen();
    else showNormal();
    applyFonts();
    if (auto* action = findChild<QAction*>(QStringLiteral("presentationAction"))) {
        const QSignalBlocker block(action);
        action->setChecked(on);
    }
}

void MainWindow::setLessonTextShown(bool shown)
{
    lessonTextShown_ = shown;
    for (const QPointer<QWidget>& p : pages_)
        if (auto* page = qobject_cast<LessonPage*>(p.data())) page->setTextShown(shown);
    if (auto* action = findChild<QAction*>(QStringLiteral("lessonTextAction"))) {
        const QSignalBlocker block(action);
        action->setChecked(shown);
    }
}

void MainWindow::setTextScale(double scale)
{
    textScale_ = std::clamp(scale, minTextScale, maxTextScale);
    settings_->setValue(QStringLiteral("textScale"), textScale_);
    applyFonts();
}

void MainWindow::applyFonts()
{
    QFont f = QApplication::font();
    f.setPointSizeF(baseFontPoints_ * textScale_ * (presenting_ ? presentationScale : 1.0));
    QApplication::setFont(f);
}

QString MainWindow::notice() const { return banner_->isVisible() ? banner_->text() : QString(); }

void MainWindow::showNotice(const QString& text)
{
    banner_->setText(text);
    banner_->setVisible(!text.isEmpty());
}

void MainWindow::saveState()
{
    if (!presenting_) settings_->setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings_->setValue(QStringLiteral("lastLesson"), currentLessonId());
    settings_->sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveState();
    QMainWindow::closeEvent(event);
}

} // namespace minima
