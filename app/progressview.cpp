#include "app/progressview.h"

#include "app/lessonprogress.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPageLayout>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>

#include "lessons/common/boundedread.h"
#include "lessons/common/plainwarning.h"
#include "lessons/common/richtext.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/progresssink.h"

namespace minima {

namespace {

const QStringList csvHeader = {
    QStringLiteral("learner"),  QStringLiteral("lesson"),   QStringLiteral("lesson_title"), QStringLiteral("exercise"),
    QStringLiteral("exercise_title"), QStringLiteral("solved"), QStringLiteral("attempts"), QStringLiteral("hints"),
    QStringLiteral("solution_shown"), QStringLiteral("seconds")};

// A class's files are small; anything far bigger is not one of ours.
constexpr qint64 maxCsvBytes = 16 * 1024 * 1024;

QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))
        && !s.contains(QLatin1Char('\r')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

// Splits RFC 4180 text into records of fields. Returns false with the 1-based line of an
// unterminated quote.
bool splitCsv(const QString& text, QList<QStringList>* records, QList<int>* lines, int* badLine)
{
    QStringList record;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int recordLine = 1;
    auto endRecord = [&] {
        record << field;
        if (!(record.size() == 1 && record.first().isEmpty() && !fieldStarted)) {
            *records << record;
            *lines << recordLine;
        }
        record.clear();
        field.clear();
        fieldStarted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n')) ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && field.isEmpty()) {
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
            fieldStarted = true;
        } else if (c == QLatin1Char('\r')) {
            // CRLF line ends: the \n ends the record.
        } else if (c == QLatin1Char('\n')) {
            endRecord();
            ++line;
            recordLine = line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) {
        *badLine = recordLine;
        return false;
    }
    endRecord();
    return true;
}

QString solvedText(const ExerciseReport& r)
{
    if (r.solved) return QObject::tr("\u2713 solved");
    if (r.solutionShown) return QObject::tr("solution shown");
    if (r.attempts > 0) return QObject::tr("not yet");
    return QObject::tr("not tried");
}

QTableWidgetItem* cellItem(const QString& text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(align);
    return item;
}

} // namespace

QList<ExerciseReport> progressReport(const ExerciseCatalog& catalog, const ProgressSink& progress,
                                     const LessonList& lessons, const QString& learner)
{
    // First and last timestamp per exercise, from every record (hints and solutions too).
    QMap<QString, QPair<QDateTime, QDateTime>> span;
    for (const AttemptRecord& a : progress.attempts(learner)) {
        if (!a.when.isValid()) continue;
        auto it = span.find(a.exerciseId);
        if (it == span.end()) {
            span.insert(a.exerciseId, {a.when, a.when});
        } else {
            it->first = std::min(it->first, a.when);
            it->second = std::max(it->second, a.when);
        }
    }
    QList<ExerciseReport> rows;
    for (const auto& lesson : lessons) {
        for (const auto& e : catalog.exercisesFor(lesson->id())) {
            const ExerciseProgress p = progress.progress(learner, e->id);
            ExerciseReport r;
            r.learner = learner;
            r.lessonId = lesson->id();
            r.lessonTitle = lesson->title();
            r.exerciseId = e->id;
            r.exerciseTitle = e->title;
            r.solved = p.solved;
            r.attempts = p.attempts;
            r.hintsShown = p.hintsShown;
            r.solutionShown = p.solutionShown;
            const auto it = span.constFind(e->id);
            if (it != span.constEnd()) r.seconds = std::max<qint64>(0, it->first.secsTo(it->second));
            rows << r;
        }
    }
    return rows;
}

QString durationText(qint64 seconds)
{
    if (seconds <= 0) return QStringLiteral("\u2013");
    if (seconds < 60) return QObject::tr("%1 s").arg(seconds);
    if (seconds < 3600) {
        const qint64 s = seconds % 60;
        return s == 0 ? QObject::tr("%1 min").arg(seconds / 60) : QObject::tr("%1 min %2 s").arg(seconds / 60).arg(s);
    }
    const qint64 m = (seconds % 3600) / 60;
    return m == 0 ? QObject::tr("%1 h").arg(seconds / 3600) : QObject::tr("%1 h %2 min").arg(seconds / 3600).arg(m);
}

QString progressCsv(const QList<ExerciseReport>& rows)
{
    QString out = csvHeader.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const ExerciseReport& r : rows) {
        const QStringList fields = {csvField(r.learner),
                                    csvField(r.lessonId),
                                    csvField(r.lessonTitle),
                                    csvField(r.exerciseId),
                                    csvField(r.exerciseTitle),
                                    r.solved ? QStringLiteral("1") : QStringLiteral("0"),
                                    QString::number(r.attempts),
                                    QString::number(r.hintsShown),
                                    r.solutionShown ? QStringLiteral("1") : QStringLiteral("0"),
                                    QString::number(r.seconds)};
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

bool writeProgressCsv(const QList<ExerciseReport>& rows, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QObject::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    file.write(progressCsv(rows).toUtf8());
    if (!file.commit()) {
        *error = QObject::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool readProgressCsv(const QString& path, QList<ExerciseReport>* rows, QString* error)
{
    const QString name = QFileInfo(path).fileName();
    QByteArray bytes;
    QString why;
    if (!readBoundedFile(path, maxCsvBytes, &bytes, &why)) {
        *error = QObject::tr("%1: %2.").arg(name, why);
        return false;
    }
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF))) text.remove(0, 1);
    QList<QStringList> records;
    QList<int> lines;
    int badLine = 0;
    if (!splitCsv(text, &records, &lines, &badLine)) {
        *error = QObject::tr("%1, line %2: a quoted field is never closed.").arg(name).arg(badLine);
        return false;
    }
    if (records.isEmpty() || records.first() != csvHeader) {
        *error = QObject::tr("%1: is not a Minima progress file (the first line should be \"%2\").")
                     .arg(name, csvHeader.join(QLatin1Char(',')));
        return false;
    }
    QList<ExerciseReport> read;
    for (qsizetype i = 1; i < records.size(); ++i) {
        const QStringList& f = records[i];
        const int line = lines[i];
        if (f.size() != csvHeader.size()) {
            *error = QObject::tr("%1, line %2: %3 fields where there should be %4.")
                         .arg(name).arg(line).arg(f.size()).arg(csvHeader.size());
            return false;
        }
        auto number = [&](int column, qint64 max, qint64* out) {
            bool ok = false;
            const qint64 v = f[column].trimmed().toLongLong(&ok);
            if (!ok || v < 0 || v > max) {
                *error = QObject::tr("%1, line %2: %3 should be a whole number from 0 to %4, not \"%5\".")
                             .arg(name).arg(line).arg(csvHeader[column]).arg(max).arg(f[column]);
                return false;
            }
            *out = v;
            return true;
        };
        qint64 solved = 0, attempts = 0, hints = 0, shown = 0, seconds = 0;
        if (!number(5, 1, &solved) || !number(6, 1000000000, &attempts) || !number(7, 1000000000, &hints)
            || !number(8, 1, &shown) || !number(9, qint64(100) * 365 * 24 * 3600, &seconds))
            return false;
        if (f[0].trimmed().isEmpty() || f[3].trimmed().isEmpty()) {
            *error = QObject::tr("%1, line %2: the learner and the exercise must not be empty.").arg(name).arg(line);
            return false;
        }
        ExerciseReport r;
        r.learner = f[0];
        r.lessonId = f[1];
        r.lessonTitle = f[2];
        r.exerciseId = f[3];
        r.exerciseTitle = f[4];
        r.solved = solved == 1;
        r.attempts = int(attempts);
        r.hintsShown = int(hints);
        r.solutionShown = shown == 1;
        r.seconds = seconds;
        read << r;
    }
    *rows += read;
    return true;
}

bool writeProgressPdf(const QList<ExerciseReport>& rows, const QString& path, QString* error)
{
    const QString learner = rows.isEmpty() ? QString() : rows.first().learner;
    int solved = 0, attempts = 0, hints = 0;
    for (const ExerciseReport& r : rows) {
        solved += r.solved ? 1 : 0;
        attempts += r.attempts;
        hints += r.hintsShown;
    }
    QString html = QStringLiteral("<h1>%1</h1><p>%2</p><p>%3</p>")
                       .arg(QObject::tr("Progress of %1").arg(learner.toHtmlEscaped()),
                            QObject::tr("Minima, %1").arg(QLocale().toString(QDateTime::currentDateTime(), QLocale::LongFormat)).toHtmlEscaped(),
                            QObject::tr("%1 of %2 exercises solved; %3 attempts; %4 hints used.")
                                .arg(solved).arg(rows.size()).arg(attempts).arg(hints));
    html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\"><tr>");
    for (const QString& h : {QObject::tr("Lesson"), QObject::tr("Exercise"), QObject::tr("Solved"), QObject::tr("Attempts"),
                             QObject::tr("Hints"), QObject::tr("Time")})
        html += QStringLiteral("<th>%1</th>").arg(h.toHtmlEscaped());
    html += QStringLiteral("</tr>");
    for (const ExerciseReport& r : rows) {
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td align=\"right\">%4</td><td align=\"right\">%5</td>"
                               "<td align=\"right\">%6</td></tr>")
                    .arg(r.lessonTitle.toHtmlEscaped(), r.exerciseTitle.toHtmlEscaped(), solvedText(r).toHtmlEscaped())
                    .arg(r.attempts)
                    .arg(r.hintsShown)
                    .arg(durationText(r.seconds).toHtmlEscaped());
    }
    html += QStringLiteral("</table>");

    // QPdfWriter reports no error of its own: check the file can be written first.
    {
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly)) {
            *error = QObject::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), probe.errorString());
            return false;
        }
    }
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    pdf.setTitle(QObject::tr("Progress of %1").arg(learner));
    pdf.setCreator(QStringLiteral("Minima"));
    QTextDocument doc;
    doc.setHtml(html);
    doc.print(&pdf);
    return true;
}

const ExerciseReport* ClassTable::cell(const QString& learner, const QString& exerciseId) const
{
    const auto l = cells.constFind(learner);
    if (l == cells.constEnd()) return nullptr;
    const auto e = l->constFind(exerciseId);
    return e == l->constEnd() ? nullptr : &*e;
}

int ClassTable::solvedBy(const QString& learner) const
{
    int n = 0;
    const auto l = cells.constFind(learner);
    if (l == cells.constEnd()) return 0;
    for (const ExerciseReport& r : *l) n += r.solved ? 1 : 0;
    return n;
}

ClassTable classTable(const QList<ExerciseReport>& rows)
{
    ClassTable t;
    for (const ExerciseReport& r : rows) {
        if (!t.learners.contains(r.learner)) t.learners << r.learner;
        if (!t.exerciseIds.contains(r.exerciseId)) {
            t.exerciseIds << r.exerciseId;
            t.exerciseTitles << (r.exerciseTitle.isEmpty() ? r.exerciseId : r.exerciseTitle);
        }
        t.cells[r.learner][r.exerciseId] = r;
    }
    return t;
}

// ---------------------------------------------------------------- the window

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
