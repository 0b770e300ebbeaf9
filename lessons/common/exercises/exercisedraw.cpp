#include "lessons/common/exercises/exercisedraw.h"

#include <QHash>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

#include "engine/common/random.h"
#include "engine/exercises/computations.h"

namespace minima {

namespace {

// A real parameter's value min + k * step, written with no more decimals than its step needs
// ("0.3", not "0.30000000000000004"), so the learner and the checker see the same exact number.
QString realValue(const ExerciseParameter& p, quint64 k)
{
    const double v = p.realMin + double(k) * p.step;
    int decimals = 0;
    while (decimals < 12 && std::abs(p.step * std::pow(10.0, decimals) - std::round(p.step * std::pow(10.0, decimals))) > 1e-9)
        ++decimals;
    const int minDecimals = [&] {
        int d = 0;
        while (d < 12 && std::abs(p.realMin * std::pow(10.0, d) - std::round(p.realMin * std::pow(10.0, d))) > 1e-9) ++d;
        return d;
    }();
    QString s = QString::number(v, 'f', std::max(decimals, minDecimals));
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0'))) s.chop(1);
        if (s.endsWith(QLatin1Char('.'))) s.chop(1);
    }
    if (s == QLatin1String("-0")) s = QStringLiteral("0");
    return s;
}

QList<QPair<QString, QString>> draw(const Exercise& e, Rng& rng)
{
    QList<QPair<QString, QString>> values;
    for (const ExerciseParameter& p : e.parameters) {
        QString v;
        switch (p.kind) {
        case ExerciseParameter::Kind::Integer:
            v = QString::number(p.min + qint64(uniformIndex(rng, quint64(p.max - p.min) + 1)));
            break;
        case ExerciseParameter::Kind::Real: {
            const quint64 steps = quint64(std::floor((p.realMax - p.realMin) / p.step + 1e-9));
            v = realValue(p, uniformIndex(rng, steps + 1));
            break;
        }
        case ExerciseParameter::Kind::Choice:
            v = p.values.at(qsizetype(uniformIndex(rng, quint64(p.values.size()))));
            break;
        }
        values.append({p.name, v});
    }
    return values;
}

std::vector<std::pair<std::string, std::string>> toStd(const QList<QPair<QString, QString>>& values)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [k, v] : values) out.emplace_back(k.toStdString(), v.toStdString());
    return out;
}

// "a < b", "n*l <= 12", "a != b": both sides evaluated exactly with the drawn values.
bool holds(const QString& constraint, const QList<QPair<QString, QString>>& values, QString* error)
{
    static const QRegularExpression relation(QStringLiteral("(<=|>=|!=|<|>|==|=)"));
    const QRegularExpressionMatch m = relation.match(constraint);
    if (!m.hasMatch()) {
        *error = QStringLiteral("constraint \"%1\" needs one of < <= > >= = !=").arg(constraint);
        return false;
    }
    const QString lhs = constraint.left(m.capturedStart());
    const QString rhs = constraint.mid(m.capturedEnd());
    std::string diff, why;
    if (!answers::exactValue(QStringLiteral("(%1) - (%2)").arg(lhs, rhs).toStdString(), toStd(values), &diff, &why)) {
        *error = QStringLiteral("constraint \"%1\": %2").arg(constraint, QString::fromStdString(why));
        return false;
    }
    const QString d = QString::fromStdString(diff);
    const int sign = d.startsWith(QLatin1Char('-')) ? -1 : (d == QLatin1String("0") ? 0 : 1);
    const QString op = m.captured(1);
    if (op == QLatin1String("<")) return sign < 0;
    if (op == QLatin1String("<=")) return sign <= 0;
    if (op == QLatin1String(">")) return sign > 0;
    if (op == QLatin1String(">=")) return sign >= 0;
    if (op == QLatin1String("!=")) return sign != 0;
    return sign == 0;
}

} // namespace

quint64 exerciseSeed(const QString& learner, const QString& exerciseId, int variant)
{
    const QByteArray bytes = (learner + QLatin1Char('\n') + exerciseId + QLatin1Char('\n') + QString::number(variant)).toUtf8();
    quint64 h = 0xcbf29ce484222325ull;   // FNV-1a 64 offset basis
    for (const char c : bytes) {
        h ^= quint64(static_cast<unsigned char>(c));
        h *= 0x100000001b3ull;           // FNV-1a 64 prime
    }
    return h;
}

QString substitute(const QString& text, const QList<QPair<QString, QString>>& values)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([A-Za-z_][A-Za-z0-9_]*)\\}"));
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        QString replacement = m.captured(0);
        for (const auto& [k, v] : values)
            if (k == m.captured(1)) replacement = v;
        out += replacement;
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

bool hasOtherVersions(const Exercise& e)
{
    for (const ExerciseParameter& p : e.parameters) {
        switch (p.kind) {
        case ExerciseParameter::Kind::Integer:
            if (p.max > p.min) return true;
            break;
        case ExerciseParameter::Kind::Real:
            if (p.step > 0 && std::floor((p.realMax - p.realMin) / p.step + 1e-9) >= 1) return true;
            break;
        case ExerciseParameter::Kind::Choice:
            if (p.values.size() > 1) return true;
            break;
        }
    }
    return false;
}

ExerciseInstance instantiate(const Exercise& e, const QString& learner, int variant, bool strict)
{
    ExerciseInstance inst;
    inst.learner = learner;
    inst.variant = variant;
    Rng rng = makeRng(exerciseSeed(learner, e.id, variant));
    // Redraw until the constraints hold and no listed mistake is the answer; an exercise
    // whose draws (almost) never qualify is broken.
    bool satisfied = false;
    QString rejectedMistake;
    answers::AnswerKey key;
    for (int attempt = 0; attempt < 200 && !satisfied; ++attempt) {
        inst.parameters = draw(e, rng);
        satisfied = true;
        for (const QString& c : e.constraints) {
            QString error;
            if (!holds(c, inst.parameters, &error)) {
                if (!error.isEmpty()) { inst.error = error; return inst; }
                satisfied = false;
                break;
            }
        }
        if (!satisfied) continue;

        key = {};
        key.kind = e.kind;
        key.parameters = toStd(inst.parameters);
        key.relativeTolerance = e.relativeTolerance;
        key.absoluteTolerance = e.absoluteTolerance;
        key.multipleChoice = e.multiple;
        for (const ExerciseVariable& v : e.variables) key.variables.push_back({v.name.toStdString(), v.integer, v.min, v.max});
        inst.options.clear();
        for (const ExerciseOption& o : e.options) {
            key.choices.push_back(o.id.toStdString());
            inst.options.append({o.id, substitute(o.label, inst.parameters)});
        }
        // Feedback reaches the learner through the checker's plain-text results (panel and
        // command line alike): plain Unicode, not the file's rich text.
        for (const ExerciseMistake& m : e.mistakes)
            key.mistakes.push_back({substitute(m.answer, inst.parameters).toStdString(),
                                    plainText(substitute(m.feedback, inst.parameters)).toStdString()});
        if (!e.computation.isEmpty()) {
            exercises::Arguments args;
            for (auto it = e.computationArguments.begin(); it != e.computationArguments.end(); ++it)
                args[it.key().toStdString()] = substitute(it.value(), inst.parameters).toStdString();
            try {
                key.expected = exercises::compute(e.computation.toStdString(), args).answerText();
            } catch (const std::exception& ex) {
                inst.error = QStringLiteral("computation \"%1\": %2").arg(e.computation, QString::fromUtf8(ex.what()));
                return inst;
            }
        } else {
            key.expected = e.expected.toStdString();
        }
        if (!e.mistakes.isEmpty()) {
            const std::string accepted = answers::acceptedMistake(key);
            if (!accepted.empty()) {
                rejectedMistake = QString::fromStdString(accepted);
                if (strict) {
                    inst.error = QStringLiteral("mistake \"%1\" is accepted as the right answer (%2)")
                                     .arg(rejectedMistake, QString::fromStdString(answers::expectedAnswer(key)));
                    return inst;
                }
                satisfied = false;
            }
        }
    }
    if (!satisfied) {
        inst.error = rejectedMistake.isEmpty()
            ? QStringLiteral("the constraints %1 did not hold in 200 draws").arg(e.constraints.join(QStringLiteral(", ")))
            : QStringLiteral("mistake \"%1\" was accepted as the right answer in 200 draws").arg(rejectedMistake);
        return inst;
    }
    inst.key = key;
    const std::string problem = answers::validateKey(key);
    if (!problem.empty()) {
        inst.error = QString::fromStdString(problem);
        return inst;
    }
    inst.expected = QString::fromStdString(answers::expectedAnswer(key));
    auto withAnswer = inst.parameters;
    withAnswer.append({QStringLiteral("answer"), inst.expected.toHtmlEscaped()});
    inst.prompt = substitute(e.prompt, inst.parameters);
    inst.solution = substitute(e.solution, withAnswer);
    inst.ok = true;
    return inst;
}

namespace {

// Entities: numeric ones and the named ones of HTML that exercise texts use (math, Greek,
// typography). An unknown name stays as written, as a rich-text label would show it.
QString decodeEntities(const QString& text)
{
    static const QHash<QString, QString> named = [] {
        QHash<QString, QString> h;
        const std::pair<const char*, char16_t> table[] = {
            {"amp", u'&'}, {"lt", u'<'}, {"gt", u'>'}, {"quot", u'"'}, {"apos", u'\''}, {"nbsp", u' '},
            {"minus", u'\u2212'}, {"middot", u'\u00B7'}, {"times", u'\u00D7'}, {"divide", u'\u00F7'},
            {"plusmn", u'\u00B1'}, {"le", u'\u2264'}, {"ge", u'\u2265'}, {"ne", u'\u2260'}, {"asymp", u'\u2248'},
            {"approx", u'\u2248'}, {"infin", u'\u221E'}, {"part", u'\u2202'}, {"nabla", u'\u2207'}, {"sum", u'\u2211'},
            {"prod", u'\u220F'}, {"radic", u'\u221A'}, {"isin", u'\u2208'}, {"cup", u'\u222A'}, {"cap", u'\u2229'},
            {"empty", u'\u2205'}, {"prime", u'\u2032'}, {"Prime", u'\u2033'}, {"deg", u'\u00B0'},
            {"sup1", u'\u00B9'}, {"sup2", u'\u00B2'}, {"sup3", u'\u00B3'}, {"frac12", u'\u00BD'}, {"frac14", u'\u00BC'},
            {"frac34", u'\u00BE'}, {"larr", u'\u2190'}, {"rarr", u'\u2192'}, {"uarr", u'\u2191'}, {"darr", u'\u2193'},
            {"harr", u'\u2194'}, {"rArr", u'\u21D2'}, {"hArr", u'\u21D4'}, {"ndash", u'\u2013'}, {"mdash", u'\u2014'},
            {"hellip", u'\u2026'}, {"lsquo", u'\u2018'}, {"rsquo", u'\u2019'}, {"ldquo", u'\u201C'}, {"rdquo", u'\u201D'},
            {"alpha", u'\u03B1'}, {"beta", u'\u03B2'}, {"gamma", u'\u03B3'}, {"delta", u'\u03B4'}, {"epsilon", u'\u03B5'},
            {"zeta", u'\u03B6'}, {"eta", u'\u03B7'}, {"theta", u'\u03B8'}, {"iota", u'\u03B9'}, {"kappa", u'\u03BA'},
            {"lambda", u'\u03BB'}, {"mu", u'\u03BC'}, {"nu", u'\u03BD'}, {"xi", u'\u03BE'}, {"pi", u'\u03C0'},
            {"rho", u'\u03C1'}, {"sigma", u'\u03C3'}, {"tau", u'\u03C4'}, {"phi", u'\u03C6'}, {"chi", u'\u03C7'},
            {"psi", u'\u03C8'}, {"omega", u'\u03C9'}, {"Gamma", u'\u0393'}, {"Delta", u'\u0394'}, {"Theta", u'\u0398'},
            {"Lambda", u'\u039B'}, {"Sigma", u'\u03A3'}, {"Phi", u'\u03A6'}, {"Omega", u'\u03A9'},
        };
        for (const auto& [name, c] : table) h.insert(QString::fromLatin1(name), QString(QChar(c)));
        return h;
    }();
    static const QRegularExpression entity(QStringLiteral("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,15});"));
    QString out;
    qsizetype last = 0;
    auto it = entity.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        const QString body = m.captured(1);
        QString replacement = m.captured(0);
        if (body.startsWith(QLatin1Char('#'))) {
            bool ok = false;
            const uint code = body.size() > 1 && (body[1] == QLatin1Char('x') || body[1] == QLatin1Char('X'))
                ? body.mid(2).toUInt(&ok, 16) : body.mid(1).toUInt(&ok, 10);
            if (ok && code > 0 && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF)) {
                const char32_t c = char32_t(code);
                replacement = QString::fromUcs4(&c, 1);
            }
        } else if (const auto found = named.constFind(body); found != named.constEnd()) {
            replacement = *found;
        }
        out += replacement;
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

QString stripTags(const QString& text)
{
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    return QString(text).remove(tag);
}

} // namespace

QString plainText(const QString& richText)
{
    // Superscripts and subscripts first, while their tags are still there.
    static const QRegularExpression script(QStringLiteral("<(sup|sub)\\s*>(.*?)</\\1\\s*>"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QString supFrom = QStringLiteral("0123456789+-=()ni\u2212");
    static const QString supTo = QStringLiteral("\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079\u207A\u207B\u207C\u207D\u207E\u207F\u2071\u207B");
    static const QString subFrom = QStringLiteral("0123456789+-=()\u2212");
    static const QString subTo = QStringLiteral("\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089\u208A\u208B\u208C\u208D\u208E\u208B");
    static const QRegularExpression paragraphBreak(QStringLiteral("</p>\\s*<p>|<br\\s*/?>"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression spaces(QStringLiteral("[ \\t\\r]+"));
    QString text;
    qsizetype last = 0;
    auto it = script.globalMatch(richText);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        text += richText.mid(last, m.capturedStart() - last);
        const bool sup = m.captured(1).compare(QLatin1String("sup"), Qt::CaseInsensitive) == 0;
        const QString inner = decodeEntities(stripTags(m.captured(2)));
        const QString& from = sup ? supFrom : subFrom;
        const QString& to = sup ? supTo : subTo;
        QString mapped;
        bool all = !inner.isEmpty();
        for (const QChar c : inner) {
            const qsizetype k = from.indexOf(c);
            if (k < 0) { all = false; break; }
            mapped += to[k];
        }
        // What Unicode has no script letter for is written as ^(...) or _(...); kept escaped
        // until the entities of the whole text are decoded.
        text += all ? mapped : (sup ? QStringLiteral("^(") : QStringLiteral("_(")) + inner.toHtmlEscaped() + QLatin1Char(')');
        last = m.capturedEnd();
    }
    text += richText.mid(last);
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));   // as HTML reads a line break: a space
    text.replace(paragraphBreak, QStringLiteral("\n"));
    text = decodeEntities(stripTags(text));
    text.replace(QChar::Nbsp, QLatin1Char(' '));
    text.replace(spaces, QStringLiteral(" "));
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString& l : lines) l = l.trimmed();
    return lines.join(QLatin1Char('\n')).trimmed();
}

answers::CheckResult checkInstance(const ExerciseInstance& instance, const QString& input)
{
    if (!instance.ok) {
        answers::CheckResult r;
        r.feedback = "This exercise cannot be checked: " + instance.error.toStdString();
        return r;
    }
    return answers::checkAnswer(instance.key, input.toStdString());
}

answers::Preview previewInstance(const ExerciseInstance& instance, const QString& input)
{
    if (!instance.ok) return {false, instance.error.toStdString(), {}};
    return answers::previewAnswer(instance.key, input.toStdString());
}

// Where the locale writes decimals with a comma (de: 0,75), an answer that reads as such a
// number is read with a decimal point. Only one comma between two digits, outside any
// brackets: "(0,5)" stays an interval and "3,715,891,200" keeps its thousands separators.
QString withLocaleDecimalPoint(const QString& input)
{
    if (QLocale().decimalPoint() != QLatin1String(",")) return input;
    static const QRegularExpression decimalComma(
        QStringLiteral("^\\s*[-+\u2212]?\\d*,\\d+(?:[eE][-+]?\\d+)?\\s*$"));
    static const QRegularExpression inExpression(QStringLiteral("(\\d),(\\d)"));
    static const QRegularExpression brackets(QStringLiteral("[()\\[\\]{}]"));
    if (decimalComma.match(input).hasMatch()) return QString(input).replace(QLatin1Char(','), QLatin1Char('.'));
    if (input.count(QLatin1Char(',')) == 1 && !input.contains(brackets))
        return QString(input).replace(inExpression, QStringLiteral("\\1.\\2"));
    return input;
}

} // namespace minima
