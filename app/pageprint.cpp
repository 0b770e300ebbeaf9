#include "app/pageprint.h"

#include "lessons/common/plainwarning.h"
#include "lessons/common/richtext.h"

#include <QAbstractTextDocumentLayout>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QScrollBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextDocument>

#include <algorithm>
#include <memory>

#include "lessons/common/charts/surface3d.h"
#include "lessons/common/lessonpage.h"

namespace minima {

QString printHeading(const QString& lessonTitle, const LessonPage& page)
{
    const QString tab = page.tabs()->tabText(page.tabs()->currentIndex()).remove(QLatin1Char('&'));
    return tab.isEmpty() ? lessonTitle : QObject::tr("%1 \u2014 %2").arg(lessonTitle, tab);
}

bool printLabToPdf(const LessonPage& page, const QString& heading, const QString& path, QString* error)
{
    QWidget* lab = page.tabs()->currentWidget();
    if (!lab) {
        *error = QObject::tr("This lesson has no lab to print.");
        return false;
    }
    // QPdfWriter says nothing when it cannot write: try the file first.
    {
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly)) {
            *error = QObject::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), probe.errorString());
            return false;
        }
    }
    QPdfWriter pdf(path);
    pdf.setResolution(96);   // one widget pixel per PDF pixel before scaling
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageOrientation(QPageLayout::Landscape);
    pdf.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    pdf.setTitle(heading);
    pdf.setCreator(QStringLiteral("Minima"));

    QPainter painter;
    if (!painter.begin(&pdf)) {
        *error = QObject::tr("Could not write %1.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    const QRect area = painter.viewport();   // the printable area, in device pixels
    QFont headingFont = page.font();
    headingFont.setPointSizeF(14);
    headingFont.setBold(true);
    painter.setFont(headingFont);
    const QRect headingRect(area.left(), area.top(), area.width(), painter.fontMetrics().height() * 2);
    painter.drawText(headingRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, heading);

    // The lab as on screen, scaled to fit below the heading (never enlarged beyond 1.5x).
    const QRect room(area.left(), headingRect.bottom(), area.width(), area.bottom() - headingRect.bottom());
    const QSize size = lab->size();
    if (size.isEmpty()) {
        painter.end();
        *error = QObject::tr("The lab has not been laid out yet; open it once and print again.");
        return false;
    }
    const double scale = std::min({double(room.width()) / size.width(), double(room.height()) / size.height(), 1.5});
    painter.save();
    painter.translate(room.topLeft());
    painter.scale(scale, scale);
    lab->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    paintSurfaces(&painter, lab);   // the 3-D views, which render blank
    painter.restore();

    // The text in full when its pane scrolls.
    const QTextBrowser* text = page.labText(page.tabs()->currentIndex());
    if (text && text->verticalScrollBar()->maximum() > 0) {
        std::unique_ptr<QTextDocument> doc(text->document()->clone());
        QFont body = text->font();
        body.setPointSizeF(std::max(9.0, body.pointSizeF()));
        doc->setDefaultFont(body);
        // A readable column on a landscape page: about two thirds of its width.
        const double width = area.width() * 0.66;
        doc->setTextWidth(width);
        const double pageHeight = area.height();
        const double total = doc->documentLayout()->documentSize().height();
        for (double top = 0; top < total; top += pageHeight) {
            pdf.newPage();
            painter.save();
            painter.translate(area.left(), area.top() - top);
            QAbstractTextDocumentLayout::PaintContext context;
            context.clip = QRectF(0, top, width, pageHeight);
            context.palette.setColor(QPalette::Text, Qt::black);
            painter.setClipRect(context.clip);
            doc->documentLayout()->draw(&painter, context);
            painter.restore();
        }
    }
    painter.end();
    return true;
}

void printLabInteractively(QWidget* currentPage, const QString& lessonTitle, QWidget* dialogParent)
{
    auto* page = qobject_cast<LessonPage*>(currentPage);
    if (!page || !page->tabs()->currentWidget()) {
        QMessageBox::information(dialogParent, QObject::tr("Print lesson page"),
                                 QObject::tr("Open a lesson to print its page."));
        return;
    }
    const QString heading = printHeading(lessonTitle, *page);
    const QString path = QFileDialog::getSaveFileName(dialogParent, QObject::tr("Print lesson page to PDF"),
                                                      page->lessonId() + QStringLiteral(".pdf"),
                                                      QObject::tr("PDF documents (*.pdf)"));
    if (path.isEmpty()) return;
    QString error;
    if (!printLabToPdf(*page, heading, path, &error))
        showPlainWarning(dialogParent, QObject::tr("Print lesson page"), error);
}

} // namespace minima
