#include "app/progressview.h"

#include "app/lessonprogress.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <utility>

#include "lessons/common/plainwarning.h"
#include "lessons/common/richtext.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/progresssink.h"

namespace minima {

namespace {

QTableWidgetItem* cellItem(const QString& text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(align);
    return item;
}

} // namespace

ProgressView::ProgressView(const ExerciseCatalog& catalog, const ProgressSink& progress, LessonList lessons,
                           const QString& learner, QWidget* parent)
    : QWidget(parent), catalog_(catalog), progress_(progress), lessons_(std::move(lessons)), learner_(learner)
{
    setObjectName(QStringLiteral("progressView"));
    setWindowTitle(tr("Progress of %1").arg(learner));
    auto* layout = new QVBoxLayout(this);
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("progressTabs"));
    layout->addWidget(tabs_);

    auto* mine = new QWidget(tabs_);
    auto* mineLayout = new QVBoxLayout(mine);
    summary_ = new QLabel(mine);
    summary_->setObjectName(QStringLiteral("progressSummary"));
    summary_->setWordWrap(true);
    mineLayout->addWidget(summary_);
    lessonSummary_ = new LessonProgressSummary(mine);
    mineLayout->addWidget(lessonSummary_);
    learnerTable_ = new QTableWidget(mine);
    learnerTable_->setObjectName(QStringLiteral("learnerTable"));
    learnerTable_->setAccessibleName(tr("Progress per exercise"));
    learnerTable_->setColumnCount(6);
    learnerTable_->setHorizontalHeaderLabels(
        {tr("Lesson"), tr("Exercise"), tr("Solved"), tr("Attempts"), tr("Hints"), tr("Time")});
    learnerTable_->verticalHeader()->hide();
    learnerTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    learnerTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    learnerTable_->setAlternatingRowColors(true);
    learnerTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    learnerTable_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    mineLayout->addWidget(learnerTable_, 1);
    auto* mineButtons = new QHBoxLayout;
    auto* csv = new QPushButton(tr("Export as &CSV…"), mine);
    csv->setObjectName(QStringLiteral("exportCsvButton"));
    auto* pdf = new QPushButton(tr("Export as &PDF…"), mine);
    pdf->setObjectName(QStringLiteral("exportPdfButton"));
    mineButtons->addWidget(csv);
    mineButtons->addWidget(pdf);
    mineButtons->addStretch(1);
    mineLayout->addLayout(mineButtons);
    tabs_->addTab(mine, tr("&Learner"));

    auto* group = new QWidget(tabs_);
    auto* groupLayout = new QVBoxLayout(group);
    classSummary_ = new QLabel(tr("Open the CSV files your learners exported (Progress > Export as CSV) to see "
                                  "the whole class in one table."),
                               group);
    classSummary_->setObjectName(QStringLiteral("classSummary"));
    classSummary_->setWordWrap(true);
    groupLayout->addWidget(classSummary_);
    classTable_ = new QTableWidget(group);
    classTable_->setObjectName(QStringLiteral("classTable"));
    classTable_->setAccessibleName(tr("The class's progress"));
    classTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    classTable_->setAlternatingRowColors(true);
    groupLayout->addWidget(classTable_, 1);
    auto* groupButtons = new QHBoxLayout;
    auto* open = new QPushButton(tr("&Open learners' files…"), group);
    open->setObjectName(QStringLiteral("openClassFilesButton"));
    auto* clear = new QPushButton(tr("Cl&ear"), group);
    groupButtons->addWidget(open);
    groupButtons->addWidget(clear);
    groupButtons->addStretch(1);
    groupLayout->addLayout(groupButtons);
    tabs_->addTab(group, tr("Cl&ass"));

    // The window closes with its button or Escape.
    auto* closeRow = new QHBoxLayout;
    closeRow->addStretch(1);
    auto* close = new QPushButton(tr("Close"), this);
    close->setObjectName(QStringLiteral("closeButton"));
    closeRow->addWidget(close);
    layout->addLayout(closeRow);
    connect(close, &QPushButton::clicked, this, &QWidget::close);
    connect(new QShortcut(QKeySequence(Qt::Key_Escape), this), &QShortcut::activated, this, &QWidget::close);

    connect(csv, &QPushButton::clicked, this, &ProgressView::exportCsvInteractively);
    connect(pdf, &QPushButton::clicked, this, &ProgressView::exportPdfInteractively);
    connect(open, &QPushButton::clicked, this, &ProgressView::openClassFilesInteractively);
    connect(clear, &QPushButton::clicked, this, [this] {
        classRows_.clear();
        showClass();
    });
    connect(&progress_, &ProgressSink::attemptRecorded, this, &ProgressView::refresh);
    connect(&catalog_, &ExerciseCatalog::changed, this, &ProgressView::refresh);
    refresh();
}

void ProgressView::refresh()
{
    report_ = progressReport(catalog_, progress_, lessons_, learner_);
    int solved = 0, attempts = 0, hints = 0;
    qint64 seconds = 0;
    learnerTable_->setRowCount(int(report_.size()));
    for (int i = 0; i < report_.size(); ++i) {
        const ExerciseReport& r = report_[i];
        solved += r.solved ? 1 : 0;
        attempts += r.attempts;
        hints += r.hintsShown;
        seconds += r.seconds;
        const auto right = Qt::AlignRight | Qt::AlignVCenter;
        learnerTable_->setItem(i, 0, cellItem(r.lessonTitle));
        auto* title = cellItem(r.exerciseTitle);
        title->setToolTip(literalRichText(r.exerciseId));
        learnerTable_->setItem(i, 1, title);
        learnerTable_->setItem(i, 2, cellItem(solvedText(r)));
        learnerTable_->setItem(i, 3, cellItem(QString::number(r.attempts), right));
        learnerTable_->setItem(i, 4, cellItem(QString::number(r.hintsShown), right));
        learnerTable_->setItem(i, 5, cellItem(durationText(r.seconds), right));
    }
    lessonSummary_->setReport(report_);
    summary_->setText(tr("<b>%1</b>: %2 of %3 exercises solved, %4 attempts, %5 hints used, %6 on exercises.")
                          .arg(learner_.toHtmlEscaped())
                          .arg(solved)
                          .arg(report_.size())
                          .arg(attempts)
                          .arg(hints)
                          .arg(durationText(seconds)));
}

bool ProgressView::openClassFiles(const QStringList& paths, QString* error)
{
    QStringList problems;
    for (const QString& path : paths) {
        QString e;
        if (!readProgressCsv(path, &classRows_, &e)) problems << e;
    }
    showClass();
    tabs_->setCurrentIndex(1);
    if (!problems.isEmpty()) {
        *error = problems.join(QLatin1Char('\n'));
        return false;
    }
    return true;
}

void ProgressView::showClass()
{
    const ClassTable t = classTable(classRows_);
    classTable_->clear();
    classTable_->setRowCount(int(t.learners.size()));
    classTable_->setColumnCount(int(t.exerciseIds.size()) + 1);
    QStringList headers{tr("Solved")};
    headers += t.exerciseTitles;
    classTable_->setHorizontalHeaderLabels(headers);
    classTable_->setVerticalHeaderLabels(t.learners);
    for (int c = 0; c < t.exerciseIds.size(); ++c)
        classTable_->horizontalHeaderItem(c + 1)->setToolTip(literalRichText(t.exerciseIds[c]));
    for (int row = 0; row < t.learners.size(); ++row) {
        const QString& learner = t.learners[row];
        classTable_->setItem(row, 0, cellItem(tr("%1 of %2").arg(t.solvedBy(learner)).arg(t.exerciseIds.size()),
                                              Qt::AlignCenter));
        for (int c = 0; c < t.exerciseIds.size(); ++c) {
            const ExerciseReport* r = t.cell(learner, t.exerciseIds[c]);
            QString text;
            if (!r) text = QString();
            else if (r->solved) text = tr("\u2713 %1").arg(r->attempts);
            else if (r->attempts > 0 || r->solutionShown) text = tr("\u2717 %1").arg(r->attempts);
            else text = QStringLiteral("\u2013");
            auto* item = cellItem(text, Qt::AlignCenter);
            if (r)
                item->setToolTip(literalRichText(tr("%1, %2: %3, %4 attempts, %5 hints, %6")
                                                     .arg(learner, r->exerciseTitle, solvedText(*r))
                                                     .arg(r->attempts)
                                                     .arg(r->hintsShown)
                                                     .arg(durationText(r->seconds))));
            classTable_->setItem(row, c + 1, item);
        }
    }
    classTable_->resizeColumnsToContents();
    if (t.learners.isEmpty())
        classSummary_->setText(tr("Open the CSV files your learners exported (Progress > Export as CSV) to see "
                                  "the whole class in one table."));
    else
        classSummary_->setText(tr("%1 learners, %2 exercises. Each cell: \u2713 solved or \u2717 not yet, and the "
                                  "number of attempts.")
                                   .arg(t.learners.size())
                                   .arg(t.exerciseIds.size()));
}

void ProgressView::exportCsvInteractively()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export progress as CSV"),
                                                      tr("progress-%1.csv").arg(learner_), tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!writeProgressCsv(report_, path, &error)) showPlainWarning(this, tr("Export progress"), error);
}

void ProgressView::exportPdfInteractively()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export progress as PDF"),
                                                      tr("progress-%1.pdf").arg(learner_), tr("PDF documents (*.pdf)"));
    if (path.isEmpty()) return;
    QString error;
    if (!writeProgressPdf(report_, path, &error)) showPlainWarning(this, tr("Export progress"), error);
}

void ProgressView::openClassFilesInteractively()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open learners' progress files"), QString(),
                                                            tr("CSV files (*.csv);;All files (*)"));
    if (paths.isEmpty()) return;
    QString error;
    if (!openClassFiles(paths, &error))
        showPlainWarning(this, tr("Open learners' progress files"), tr("Some files were not added:\n%1").arg(error));
}

ProgressView* openProgressWindow(const ExerciseCatalog& catalog, const ProgressSink& progress, LessonList lessons,
                                 const QString& learner, QWidget* parent)
{
    auto* view = new ProgressView(catalog, progress, std::move(lessons), learner, parent);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->resize(960, 620);
    view->show();
    return view;
}

} // namespace minima
