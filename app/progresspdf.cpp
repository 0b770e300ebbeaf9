#include "app/progresspdf.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QObject>
#include <QPageLayout>
#include <QPdfWriter>
#include <QTextDocument>

namespace minima {

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

} // namespace minima
