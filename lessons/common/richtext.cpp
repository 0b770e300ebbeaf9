#include "lessons/common/richtext.h"

#include <QObject>

namespace minima {

namespace {

bool isAsciiLetter(QChar c) { return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')); }
bool isAsciiDigit(QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }

// Tag-name characters as Qt reads them (letters, digits, '-', ':', '_' ...): anything up to
// white space, '/', '>' or '<'.
bool endsName(QChar c) { return c.isSpace() || c == QLatin1Char('/') || c == QLatin1Char('>') || c == QLatin1Char('<') || c == QLatin1Char('='); }

bool allowedName(const QString& lower)
{
    static const char* const allowed[] = {"p", "b", "i", "em", "strong", "code", "sub", "sup", "br"};
    for (const char* a : allowed)
        if (lower == QLatin1String(a)) return true;
    return false;
}

} // namespace

bool isAllowedRichText(const QString& html, QString* why)
{
    auto refuse = [&](const QString& reason) {
        if (why) *why = reason;
        return false;
    };
    const qsizetype n = html.size();
    qsizetype i = 0;
    while (i < n) {
        if (html[i] != QLatin1Char('<')) {
            ++i;
            continue;
        }
        // Tag open state. Qt's parser skips white space (any, newlines included) here.
        qsizetype j = i + 1;
        while (j < n && html[j].isSpace()) ++j;
        if (j >= n) break;   // a trailing '<' is text
        const QChar c = html[j];
        if (c == QLatin1Char('!') || c == QLatin1Char('?'))
            return refuse(QObject::tr("has a comment, declaration or processing instruction (<%1...)").arg(c));
        bool closing = false;
        if (c == QLatin1Char('/')) {
            closing = true;
            ++j;
            while (j < n && html[j].isSpace()) ++j;
            if (j >= n) return refuse(QObject::tr("ends inside a tag"));
        }
        const QChar first = html[j];
        if (!closing && !isAsciiLetter(first) && !first.isLetter()) {
            // "a < 3", "k <= 1", "x < (y)": a '<' that starts no tag is text.
            if (isAsciiDigit(first) || first == QLatin1Char('=') || first == QLatin1Char('(') || first == QLatin1Char('-')
                || first == QLatin1Char('+') || first == QLatin1Char('.') || first == QLatin1Char('{') || first == QLatin1Char('<')
                || first == QLatin1Char('&') || first == QLatin1Char('\\') || first == QLatin1Char('|')) {
                i = j;
                continue;
            }
            return refuse(QObject::tr("has '<' followed by '%1', which may start a tag; write &lt; for a less-than sign").arg(first));
        }
        qsizetype k = j;
        while (k < n && !endsName(html[k])) ++k;
        const QString name = html.mid(j, k - j).toLower();
        if (name.isEmpty()) return refuse(QObject::tr("has an empty tag"));
        if (!allowedName(name))
            return refuse(QObject::tr("uses the tag <%1>; only <p> <b> <i> <em> <strong> <code> <sub> <sup> <br> are allowed")
                              .arg(name.left(40)));
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

} // namespace minima
