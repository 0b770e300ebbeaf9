#include "app/classview.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QKeySequence>
#include <QLabel>
#include <QLegend>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include "app/commandline.h"
#include "app/commands.h"
#include "app/mainwindow.h"
#include "app/progressstore.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/exercises/exercisecatalog.h"

namespace minima {

namespace {

QLabel* plainLabel(const QString& objectName, QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setObjectName(objectName);
    l->setTextFormat(Qt::PlainText);   // snapshots are other people's files
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QTableWidgetItem* item(const QString& text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto* i = new QTableWidgetItem(text);
    i->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    i->setTextAlignment(align);
    return i;
}

QString number(double x)
{
    return x == std::floor(x) ? QString::number(qint64(x)) : QString::number(x, 'f', 1);
}

} // namespace

QString wrongAnswerText(const WrongAnswer& w, int learners, bool withFeedback)
{
    QString text = QObject::tr("%1 \u2014 %2 of %3 learners").arg(w.answer).arg(w.learners).arg(learners);
    if (w.times > w.learners) text += QObject::tr(" (%1 times)").arg(w.times);
    if (withFeedback && !w.feedback.isEmpty()) text += QStringLiteral(": ") + w.feedback;
    return text;
}

ClassView::ClassView(const QString& folder, LessonList lessons, const ExerciseCatalog* catalog, QWidget* parent)
    : QWidget(parent), folder_(folder), lessons_(std::move(lessons)), catalog_(catalog)
{
    setObjectName(QStringLiteral("classView"));
    setWindowTitle(tr("Class view \u2014 %1").arg(QDir::toNativeSeparators(folder_)));
    auto* layout = new QVBoxLayout(this);

    auto* top = new QHBoxLayout;
    status_ = plainLabel(QStringLiteral("classStatus"), this);
    top->addWidget(status_, 1);
    hideNames_ = new QCheckBox(tr("Hide learners' &names"), this);
    hideNames_->setObjectName(QStringLiteral("hideNamesBox"));
    top->addWidget(hideNames_);
    auto* rescanButton = new QPushButton(tr("&Read the folder again"), this);
    rescanButton->setObjectName(QStringLiteral("rescanButton"));
    top->addWidget(rescanButton);
    layout->addLayout(top);

    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("classTabs"));
    auto* scroll = new QScrollArea(tabs_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    summaryPage_ = new QWidget(scroll);
    summaryPage_->setObjectName(QStringLiteral("classSummaryPage"));
    summaryLayout_ = new QVBoxLayout(summaryPage_);
    scroll->setWidget(summaryPage_);
    tabs_->addTab(scroll, tr("&Summary"));

    table_ = new QTableWidget(tabs_);
    table_->setObjectName(QStringLiteral("classExerciseTable"));
    table_->setAccessibleName(tr("The class's progress per exercise"));
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(true);
    tabs_->addTab(table_, tr("&Exercises"));
    connect(table_->horizontalHeader(), &QHeaderView::sectionResized, table_,
            [this] { QTimer::singleShot(0, table_, [t = table_] { t->resizeRowsToContents(); }); });
    layout->addWidget(tabs_, 1);

    skipped_ = plainLabel(QStringLiteral("classSkipped"), this);
    layout->addWidget(skipped_);

    auto* bottom = new QHBoxLayout;
    bottom->addStretch(1);
    auto* close = new QPushButton(tr("&Close"), this);
    close->setObjectName(QStringLiteral("closeButton"));
    bottom->addWidget(close);
    layout->addLayout(bottom);

    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &QWidget::close);
    connect(close, &QPushButton::clicked, this, &QWidget::close);
    connect(rescanButton, &QPushButton::clicked, this, &ClassView::rescan);
    connect(hideNames_, &QCheckBox::toggled, this, [this] { rebuild(); });

    // The folder is watched, and read again every few seconds anyway: a network file system
    // may never say that a file changed.
    watcher_ = new QFileSystemWatcher(this);
    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(250);
    periodic_ = new QTimer(this);
    periodic_->setInterval(rescanIntervalMs);
    connect(watcher_, &QFileSystemWatcher::directoryChanged, debounce_, qOverload<>(&QTimer::start));
    connect(watcher_, &QFileSystemWatcher::fileChanged, debounce_, qOverload<>(&QTimer::start));
    connect(debounce_, &QTimer::timeout, this, &ClassView::rescan);
    connect(periodic_, &QTimer::timeout, this, &ClassView::rescan);
    periodic_->start();
    if (QFileInfo(folder_).isDir()) watcher_->addPath(folder_);
    rescan();
}

bool ClassView::namesHidden() const { return hideNames_->isChecked(); }
void ClassView::setNamesHidden(bool hidden) { hideNames_->setChecked(hidden); }

void ClassView::rescan()
{
    scan_ = scanClassFolder(folder_, &cache_);
    summary_ = summarizeClass(scan_.snapshots, lessons_, catalog_);
    if (scan_.folderError.isEmpty() && !watcher_->directories().contains(folder_)) watcher_->addPath(folder_);
    watchFiles();
    rebuild();
}

void ClassView::watchFiles()
{
    // The snapshots themselves, so a file rewritten in place is seen too (a bounded number).
    const QStringList watched = watcher_->files();
    QStringList wanted;
    const QString suffix = QLatin1String(classsnapshot::suffix);
    for (const QString& name : QDir(folder_).entryList({QStringLiteral("*") + suffix}, QDir::Files, QDir::Name).mid(0, 500))
        wanted << QDir(folder_).filePath(name);
    for (const QString& f : watched)
        if (!wanted.contains(f)) watcher_->removePath(f);
    QStringList add;
    for (const QString& f : wanted)
        if (!watched.contains(f)) add << f;
    if (!add.isEmpty()) watcher_->addPaths(add);
}

void ClassView::rebuild()
{
    if (!scan_.folderError.isEmpty()) {
        status_->setText(tr("The class folder cannot be read: %1. Minima tries again every %2 s.")
                             .arg(scan_.folderError).arg(rescanIntervalMs / 1000));
    } else {
        status_->setText(tr("%1 learners in %2 \u00b7 read at %3")
                             .arg(summary_.learners)
                             .arg(QDir::toNativeSeparators(folder_), scan_.when.time().toString(QStringLiteral("HH:mm:ss"))));
    }
    if (scan_.skippedCount() == 0) {
        skipped_->hide();
    } else {
        QStringList lines{tr("Files skipped: %1.").arg(skippedText(scan_))};
        for (const auto& [name, why] : scan_.skipped.mid(0, 5)) lines << QStringLiteral("%1 %2").arg(name.left(120), why);
        if (scan_.skipped.size() > 5) lines << tr("\u2026 and %1 more").arg(scan_.skipped.size() - 5);
        skipped_->setText(lines.join(QLatin1Char('\n')));
        skipped_->show();
    }
    rebuildTable();
    rebuildSummary();
}

void ClassView::rebuildTable()
{
    const bool names = !namesHidden();
    QStringList headers{tr("Lesson"), tr("Exercise"), tr("Solved"), tr("Tried, not solved"), tr("Median attempts"),
                        tr("Most common wrong answers")};
    if (names) headers << tr("Still trying");
    int rows = 0;
    for (const LessonSummary& l : summary_.lessons) rows += int(l.exercises.size());
    table_->clear();
    table_->setColumnCount(int(headers.size()));
    table_->setHorizontalHeaderLabels(headers);
    table_->setRowCount(rows);
    const auto right = Qt::AlignRight | Qt::AlignVCenter;
    int row = 0;
    for (const LessonSummary& l : summary_.lessons) {
        for (const ExerciseSummary& e : l.exercises) {
            QStringList wrong;
            for (const WrongAnswer& w : e.wrongAnswers.mid(0, 3)) wrong << wrongAnswerText(w, summary_.learners, true);
            table_->setItem(row, 0, item(l.title));
            table_->setItem(row, 1, item(e.title));
            table_->setItem(row, 2, item(QString::number(e.solved), right));
            table_->setItem(row, 3, item(QString::number(e.triedNotSolved), right));
            table_->setItem(row, 4, item(e.solved + e.triedNotSolved > 0 ? number(e.medianAttempts) : QStringLiteral("\u2013"), right));
            table_->setItem(row, 5, item(wrong.join(QLatin1Char('\n'))));
            if (names) table_->setItem(row, 6, item(e.stuck.join(QStringLiteral(", "))));
            ++row;
        }
    }
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Stretch);
    // Row heights follow the wrapped text once the columns have their widths.
    QTimer::singleShot(0, table_, [t = table_] { t->resizeRowsToContents(); });
}

void ClassView::rebuildSummary()
{
    while (QLayoutItem* it = summaryLayout_->takeAt(0)) {
        delete it->widget();
        delete it;
    }
    charts_.clear();
    const bool names = !namesHidden();
    QFont heading = font();
    heading.setPointSizeF(heading.pointSizeF() * 1.4);
    heading.setBold(true);
    // The projector shows the lessons someone has worked on; the table has them all.
    QList<const LessonSummary*> active;
    for (const LessonSummary& l : summary_.lessons)
        for (const ExerciseSummary& e : l.exercises)
            if (e.solved + e.triedNotSolved > 0) {
                active << &l;
                break;
            }
    if (active.isEmpty()) {
        auto* empty = plainLabel(QStringLiteral("classEmpty"), summaryPage_);
        empty->setText(tr("No learner has written to this folder yet. Start Minima on the learners' computers with "
                          "--class-folder %1 (or a classroom profile naming it); their answers appear here as they work.")
                           .arg(QDir::toNativeSeparators(folder_)));
        summaryLayout_->addWidget(empty);
    }
    for (const LessonSummary* lesson : active) {
        const LessonSummary& l = *lesson;
        auto* title = plainLabel(QStringLiteral("lessonHeading"), summaryPage_);
        title->setFont(heading);
        title->setText(l.title);
        summaryLayout_->addWidget(title);

        auto* solved = new QBarSet(tr("Solved"));
        auto* stuck = new QBarSet(tr("Tried, not solved"));
        auto* untried = new QBarSet(tr("Not tried"));
        solved->setColor(hueColor(Hue::BluishGreen));
        stuck->setColor(hueColor(Hue::Vermillion));
        untried->setColor(QColor(0xBB, 0xBB, 0xBB));
        QStringList categories;
        // Bars go from the bottom up: reversed, the first exercise is on top.
        for (qsizetype i = l.exercises.size() - 1; i >= 0; --i) {
            const ExerciseSummary& e = l.exercises[i];
            *solved << e.solved;
            *stuck << e.triedNotSolved;
            *untried << std::max(0, summary_.learners - e.solved - e.triedNotSolved);
            // Axis labels are drawn as rich text: escaped, a title shows as written.
            categories << (e.title.size() > 60 ? e.title.left(59) + QStringLiteral("\u2026") : e.title).toHtmlEscaped();
        }
        auto* series = new QHorizontalStackedBarSeries;
        series->append(solved);
        series->append(stuck);
        series->append(untried);
        auto* chart = new FigureChart(summaryPage_);
        chart->setObjectName(QStringLiteral("lessonChart"));
        chart->setAccessibleName(tr("%1: learners per exercise").arg(l.title));
        chart->chart()->addSeries(series);
        auto* axisY = new QBarCategoryAxis;
        axisY->append(categories);
        chart->chart()->addAxis(axisY, Qt::AlignLeft);
        series->attachAxis(axisY);
        auto* axisX = new QValueAxis;
        // Whole learners: ticks at whole numbers from 0 (1-2-5 steps as the length allows).
        setNiceRange(axisX, 0, std::max(1, summary_.learners), std::max(2, std::min(summary_.learners, 12) + 1));
        axisX->setTitleText(tr("learners"));
        chart->chart()->addAxis(axisX, Qt::AlignBottom);
        series->attachAxis(axisX);
        chart->chart()->legend()->setVisible(true);
        chart->chart()->legend()->setAlignment(Qt::AlignBottom);
        chart->restyle();
        chart->setMinimumHeight(std::max(220, 90 + 46 * int(l.exercises.size())));
        summaryLayout_->addWidget(chart);
        charts_ << chart->chart();

        QStringList lines;
        for (const ExerciseSummary& e : l.exercises) {
            if (e.wrongAnswers.isEmpty() && (!names || e.stuck.isEmpty())) continue;
            QString line = e.title + QStringLiteral(": ");
            if (!e.wrongAnswers.isEmpty()) line += tr("most answered %1").arg(wrongAnswerText(e.wrongAnswers.first(), summary_.learners, true));
            if (names && !e.stuck.isEmpty()) {
                if (!e.wrongAnswers.isEmpty()) line += line.endsWith(QLatin1Char('.')) ? QStringLiteral(" ") : QStringLiteral(". ");
                line += tr("Still trying: %1").arg(e.stuck.join(QStringLiteral(", ")));
            }
            lines << line;
        }
        if (!lines.isEmpty()) {
            auto* mistakes = plainLabel(QStringLiteral("lessonMistakes"), summaryPage_);
            mistakes->setText(lines.join(QLatin1Char('\n')));
            summaryLayout_->addWidget(mistakes);
        }
    }
    summaryLayout_->addStretch(1);
}

void ClassView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    table_->resizeRowsToContents();
}

ClassFolderWriter* attachClassFolder(MainWindow& window, const QString& folder, const QString& seat)
{
    auto* writer = new ClassFolderWriter(folder, window.store(), window.catalog(), seat, &window);
    QObject::connect(writer, &ClassFolderWriter::problem, &window, &MainWindow::showNotice);
    window.setProperty("minimaClassFolder", folder);
    return writer;
}

ClassView* openClassWindow(const QString& folder, LessonList lessons, const ExerciseCatalog* catalog, QWidget* parent)
{
    auto* view = new ClassView(folder, std::move(lessons), catalog, parent);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->resize(1100, 760);
    view->show();
    return view;
}

void openClassWindowInteractively(const QString& suggested, LessonList lessons, const ExerciseCatalog* catalog, QWidget* parent)
{
    const QString folder = QFileDialog::getExistingDirectory(parent, QObject::tr("Open the class folder"), suggested);
    if (!folder.isEmpty()) openClassWindow(folder, std::move(lessons), catalog, parent);
}

int runRenderClassCommand(int& argc, char** argv, const CommandLine& cl, const LessonList& lessons)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream err(stderr);
    if (!QFileInfo(cl.classFolder).isDir()) {
        err << "minima: " << cl.classFolder << " is not a folder\n" << usageText();
        return 2;
    }
    if (cl.present) {
        // As the app's presentation mode: text half as large again, for the back row.
        QFont f = QApplication::font();
        f.setPointSizeF(f.pointSizeF() * 1.5);
        QApplication::setFont(f);
    }
    ExerciseCatalog catalog;
    QStringList errors;
    if (!catalog.loadBuiltIn(&errors)) err << "minima: " << errors.join(QStringLiteral("; ")) << '\n';
    ClassView view(cl.classFolder, lessons, &catalog);
    view.setNamesHidden(cl.anonymous);
    view.tabs()->setCurrentIndex(std::min(cl.lab, view.tabs()->count() - 1));
    view.setAttribute(Qt::WA_DontShowOnScreen, QGuiApplication::platformName() != QLatin1String("offscreen"));
    view.resize(cl.size);
    view.show();
    for (int i = 0; i < 5; ++i) QApplication::processEvents();
    view.exerciseTable()->resizeRowsToContents();
    QApplication::processEvents();
    return writeRender(view.grab().toImage(), cl, err);
}

} // namespace minima
