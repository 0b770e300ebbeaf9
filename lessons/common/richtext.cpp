#include "lessons/common/richtext.h"

#include <QObject>

namespace minima {

namespace {

// Where Qt's parser ends a tag name (QTextHtmlParser::parseWord): '>', '/', '<', '=' or white space.
bool endsName(QChar c) { return c.isSpace() || c == QLatin1Char('/') || c == QLatin1Char('>') || c == QLatin1Char('<') || c == QLatin1Char('='); }

bool allowedName(const QString& lower)
{
    static const char* const allowed[] = {"p", "b", "i", "em", "strong", "code", "sub", "sup", "br"};
    for (const char* a : allowed)
        if (lower == QLatin1String(a)) return true;
    return false;
}

const char* const subset = "<p> <b> <i> <em> <strong> <code> <sub> <sup> <br>";

} // namespace

bool isAllowedRichText(const QString& html, QString* why)
{
    auto refuse = [&](const QString& reason) {
        if (why) *why = reason;
        return false;
    };
    // Qt's parser reads every '<' as the start of a tag (QTextHtmlParser::parse), skips white
    // space after it, and takes attributes up to the next '>': "a < b" is a tag <b ...>,
    // "k <= 1" a nameless tag with attributes, "< img src=x>" an image. So every '<' here must
    // open or close an allowed tag with nothing else in it; a less-than sign is written &lt;.
    const qsizetype n = html.size();
    for (qsizetype i = html.indexOf(QLatin1Char('<')); i >= 0 && i < n; i = html.indexOf(QLatin1Char('<'), i)) {
        qsizetype j = i + 1;
        while (j < n && html[j].isSpace()) ++j;
        if (j < n && (html[j] == QLatin1Char('!') || html[j] == QLatin1Char('?')))
            return refuse(QObject::tr("has a comment, declaration or processing instruction (<%1...)").arg(html[j]));
        if (j < n && html[j] == QLatin1Char('/')) {
            ++j;
            while (j < n && html[j].isSpace()) ++j;
        }
        qsizetype k = j;
        while (k < n && !endsName(html[k])) ++k;
        const QString name = html.mid(j, k - j).toLower();
        if (name.isEmpty() || !allowedName(name)) {
            const QString shown = html.mid(i, std::min<qsizetype>(k - i + 1, 40)).simplified();
            return refuse(QObject::tr("has \"%1\", which Qt reads as a tag other than %2 (write &lt; for a less-than sign)")
                              .arg(shown, QLatin1String(subset)));
        }
        while (k < n && html[k].isSpace()) ++k;
        if (k < n && html[k] == QLatin1Char('/')) {
            ++k;
            while (k < n && html[k].isSpace()) ++k;
        }
        if (k >= n) return refuse(QObject::tr("ends inside the tag <%1>").arg(name));
        if (html[k] != QLatin1Char('>')) return refuse(QObject::tr("gives the tag <%1> attributes; tags take none").arg(name));
        i = k + 1;
    }
    return true;
}

QString literalRichText(const QString& text)
{
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + text.toHtmlEscaped() + QStringLiteral("</p>");
}

} // namespace minima
