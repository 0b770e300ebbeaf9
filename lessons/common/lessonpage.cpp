#include "lessons/common/lessonpage.h"

#include <algorithm>
#include <cmath>

#include <QEvent>
#include <QFile>
#include <QTimer>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QVBoxLayout>

#include "lessons/common/exercises/exercisepanel.h"
#include "lessons/common/lab.h"
#include "lessons/common/lessoncontext.h"

namespace minima {

namespace {

// A lab's splitter keeps its text's share of the width as the window changes size (full
// screen, a projector's resolution). Dragging the handle sets a new share, which stands until
// the fonts change (presentation mode, text size) and the default share comes back.
class LabSplitter : public QSplitter {
public:
    explicit LabSplitter(QWidget* parent) : QSplitter(Qt::Horizontal, parent)
    {
        connect(this, &QSplitter::splitterMoved, this, [this] {
            const QList<int> s = sizes();
            if (s.size() == 2 && s[0] + s[1] > 0) share_ = double(s[0]) / double(s[0] + s[1]);
        });
    }

    void setTextShare(double share)
    {
        share_ = share;
        apply();
    }

protected:
    void resizeEvent(QResizeEvent* event) override
    {
        QSplitter::resizeEvent(event);
        apply();
    }

private:
    void apply()
    {
        const int total = width() - handleWidth();
        if (total <= 0) return;
        const int text = int(std::lround(total * share_));
        setSizes({text, total - text});
    }

    double share_ = LessonPage::textShare(false);
};

} // namespace

LessonPage::LessonPage(LessonContext& context, const QString& lessonId, QWidget* parent)
    : QWidget(parent), context_(context), lessonId_(lessonId), tabs_(new QTabWidget(this))
{
    setObjectName(QStringLiteral("lessonPage-") + lessonId);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    tabs_->setObjectName(QStringLiteral("labTabs"));
    tabs_->setDocumentMode(true);
    tabs_->setAccessibleName(tr("Labs of this lesson"));
    layout->addWidget(tabs_);
}

QString LessonPage::readText(const QString& resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly)) return tr("*The text of this lab (%1) is missing from this build.*").arg(resource);
    return QString::fromUtf8(file.readAll());
}

void styleTables(QTextDocument* document, const QPalette& palette)
{
    // Markdown tables come with a grid of borders; a lesson's table is a plain one: no grid,
    // room around each cell, one rule in the palette's mid tone under the header row.
    QList<QTextFrame*> frames{document->rootFrame()};
    while (!frames.isEmpty()) {
        QTextFrame* frame = frames.takeFirst();
        frames.append(frame->childFrames());
        auto* table = qobject_cast<QTextTable*>(frame);
        if (!table) continue;
        QTextTableFormat format = table->format();
        format.setBorder(0);
        format.setBorderStyle(QTextFrameFormat::BorderStyle_None);
        format.setCellSpacing(0);
        format.setCellPadding(5);
        format.setBorderCollapse(true);
        table->setFormat(format);
        for (int column = 0; column < table->columns(); ++column) {
            QTextTableCell cell = table->cellAt(0, column);
            QTextTableCellFormat f = cell.format().toTableCellFormat();
            f.setBottomBorder(1);
            f.setBottomBorderStyle(QTextFrameFormat::BorderStyle_Solid);
            f.setBottomBorderBrush(palette.color(QPalette::Mid));
            cell.setFormat(f);
        }
    }
}

int LessonPage::addLab(const QString& title, const QString& textResource, QWidget* figure, const QString& labId)
{
    if (auto* lab = qobject_cast<Lab*>(figure))
        lab->setFigureName(lessonId_ + QLatin1Char('-') + (labId.isEmpty() ? QString::number(figures_.size() + 1) : labId));
    auto* splitter = new LabSplitter(tabs_);
    splitter->setChildrenCollapsible(false);
    auto* text = new QTextBrowser(splitter);
    text->setObjectName(QStringLiteral("labText"));
    text->setOpenExternalLinks(true);
    text->setMarkdown(readText(textResource));
    styleTables(text->document(), text->palette());
    text->setAccessibleName(tr("%1: explanation").arg(title));
    text->setMinimumWidth(240);
    figure->setParent(splitter);
    figure->setProperty("minimaFigure", true);
    figure->setAccessibleName(tr("%1: figure").arg(title));
    splitter->addWidget(text);
    splitter->addWidget(figure);
    // Text about a third, the figure the rest (LessonPage::textShare).
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setTextShare(textShare(window()->property("minimaPresenting").toBool()));
    text->setVisible(textShown_);
    figures_.append(figure);
    texts_.append(text);
    splitters_.append(splitter);
    return tabs_->addTab(splitter, title);
}

int LessonPage::addExercises()
{
    auto* panel = new ExercisePanel(context_, lessonId_, tabs_);
    panel->setObjectName(QStringLiteral("exercisePanel"));
    return tabs_->addTab(panel, tr("Exercises"));
}

void LessonPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // The fonts change when presentation mode turns on or off, or the text size changes:
    // share the width out again once the new fonts have reached the layouts.
    if (event->type() == QEvent::FontChange) QTimer::singleShot(0, this, &LessonPage::balanceSplitters);
}

void LessonPage::balanceSplitters()
{
    const QWidget* w = window();
    const double share = textShare(w && w->property("minimaPresenting").toBool());
    for (QSplitter* s : splitters_) static_cast<LabSplitter*>(s)->setTextShare(share);
}

void LessonPage::setTextShown(bool shown)
{
    textShown_ = shown;
    for (QTextBrowser* t : texts_) t->setVisible(shown);
}

int LessonPage::labCount() const { return int(figures_.size()); }

QWidget* LessonPage::currentFigure() const
{
    const int i = tabs_->currentIndex();
    return i >= 0 && i < figures_.size() ? figures_[i] : nullptr;
}

Lab* LessonPage::lab(int index) const { return qobject_cast<Lab*>(figure(index)); }

QTextBrowser* LessonPage::labText(int index) const
{
    return index >= 0 && index < texts_.size() ? texts_[index] : nullptr;
}

} // namespace minima
