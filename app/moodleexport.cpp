#include "app/moodleexport.h"

#include <QRegularExpression>
#include <QXmlStreamWriter>

#include <cmath>

#include "engine/answers/checker.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/exercises/exercisedraw.h"

namespace minima {

namespace {

QString decimalOf(double v, int significant = 15)
{
    if (v == 0 || !std::isfinite(v)) return QStringLiteral("0");
    const int magnitude = int(std::floor(std::log10(std::abs(v))));
    const int decimals = std::clamp(significant - 1 - magnitude, 0, 60);
    QString s = QString::number(v, 'f', decimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0'))) s.chop(1);
        if (s.endsWith(QLatin1Char('.'))) s.chop(1);
    }
    return s == QLatin1String("-0") ? QStringLiteral("0") : s;
}

// Whether an exact value ends as a decimal (an integer, a decimal, or p/q with q = 2^a 5^b).
bool terminates(const QString& exact)
{
    if (!exact.contains(QLatin1Char('/'))) return true;
    bool ok = false;
    qint64 q = exact.section(QLatin1Char('/'), 1).toLongLong(&ok);
    if (!ok || q == 0) return false;
    while (q % 2 == 0) q /= 2;
    while (q % 5 == 0) q /= 5;
    return q == 1;
}

// Moodle's fractions are percentages from its own list; a share of 100 is rounded to the nearest.
QString moodleFraction(double percent)
{
    static const double allowed[] = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                                     16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0};
    double best = 0;
    for (double a : allowed)
        if (std::abs(std::abs(percent) - a) < std::abs(std::abs(percent) - best)) best = a;
    return QString::number(percent < 0 ? -best : best, 'f', 7).remove(QRegularExpression(QStringLiteral("\\.?0+$")));
}

// Plain text as HTML paragraphs, every character escaped.
QString htmlParagraphs(const QString& plain)
{
    QStringList out;
    for (const QString& line : plain.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty()) out << QStringLiteral("<p>%1</p>").arg(line.trimmed().toHtmlEscaped());
    return out.join(QString());
}

void textElement(QXmlStreamWriter& w, const QString& element, const QString& plain)
{
    w.writeStartElement(element);
    w.writeAttribute(QStringLiteral("format"), QStringLiteral("html"));
    w.writeStartElement(QStringLiteral("text"));
    const QString html = htmlParagraphs(plain);
    if (!html.isEmpty()) w.writeCDATA(html);
    w.writeEndElement();
    w.writeEndElement();
}

void comment(QXmlStreamWriter& w, QString text)
{
    // A comment may not hold "--".
    while (text.contains(QStringLiteral("--"))) text.replace(QStringLiteral("--"), QStringLiteral("- -"));
    w.writeComment(QLatin1Char(' ') + text + QLatin1Char(' '));
}

// The Maxima form of a reading: the checker writes products, powers and factorials as
// Maxima does; only its typographic signs are replaced.
QString maxima(QString reading)
{
    reading.replace(QChar(0x2212), QLatin1Char('-'));
    reading.replace(QChar(0x00B7), QLatin1Char('*'));
    reading.replace(QChar(0x00D7), QLatin1Char('*'));
    reading.replace(QChar(0x221E), QStringLiteral("inf"));
    return reading;
}

// "k ∈ [0, ∞) ∪ {3}" -> "(k >= 0) or (k = 3)"; empty when it cannot be written so.
QString maximaCondition(const QString& expected, const QString& variable)
{
    const QString prefix = variable + QStringLiteral(" \u2208 ");
    if (!expected.startsWith(prefix)) return {};
    const QString set = expected.mid(prefix.size()).trimmed();
    if (set == QLatin1String("all real numbers")) return QStringLiteral("true");
    if (set.startsWith(QStringLiteral("no value"))) return QStringLiteral("false");
    QStringList parts;
    for (QString piece : set.split(QStringLiteral(" \u222A "))) {
        piece = maxima(piece.trimmed());
        if (piece.startsWith(QLatin1Char('{')) && piece.endsWith(QLatin1Char('}'))) {
            parts << QStringLiteral("(%1 = %2)").arg(variable, piece.mid(1, piece.size() - 2).trimmed());
            continue;
        }
        if (piece.size() < 5) return {};
        const QChar open = piece.front(), close = piece.back();
        const QStringList ends = piece.mid(1, piece.size() - 2).split(QStringLiteral(", "));
        if (ends.size() != 2 || (open != QLatin1Char('(') && open != QLatin1Char('[')) || (close != QLatin1Char(')') && close != QLatin1Char(']')))
            return {};
        QStringList sides;
        if (ends[0] != QLatin1String("-inf")) sides << QStringLiteral("%1 %2 %3").arg(variable, open == QLatin1Char('[') ? QStringLiteral(">=") : QStringLiteral(">"), ends[0]);
        if (ends[1] != QLatin1String("inf")) sides << QStringLiteral("%1 %2 %3").arg(variable, close == QLatin1Char(']') ? QStringLiteral("<=") : QStringLiteral("<"), ends[1]);
        if (sides.isEmpty()) return QStringLiteral("true");
        parts << QStringLiteral("(%1)").arg(sides.join(QStringLiteral(" and ")));
    }
    return parts.join(QStringLiteral(" or "));
}

void questionStart(QXmlStreamWriter& w, const QString& type, const QString& name, const ExerciseInstance& inst)
{
    w.writeStartElement(QStringLiteral("question"));
    w.writeAttribute(QStringLiteral("type"), type);
    w.writeStartElement(QStringLiteral("name"));
    w.writeTextElement(QStringLiteral("text"), name);
    w.writeEndElement();
    textElement(w, QStringLiteral("questiontext"), plainText(inst.prompt));
}

void questionEnd(QXmlStreamWriter& w, const Exercise& e, const ExerciseInstance& inst)
{
    textElement(w, QStringLiteral("generalfeedback"), plainText(inst.solution));
    w.writeTextElement(QStringLiteral("defaultgrade"), QStringLiteral("1"));
    w.writeTextElement(QStringLiteral("penalty"), QStringLiteral("0.3333333"));
    w.writeTextElement(QStringLiteral("hidden"), QStringLiteral("0"));
    for (const QString& hint : e.hints) textElement(w, QStringLiteral("hint"), plainText(substitute(hint, inst.parameters)));
    w.writeEndElement();
}

void feedbackAnswer(QXmlStreamWriter& w, const QString& fraction, const QString& format, const QString& text,
                    const QString& feedback, const QString& tolerance = {})
{
    w.writeStartElement(QStringLiteral("answer"));
    w.writeAttribute(QStringLiteral("fraction"), fraction);
    w.writeAttribute(QStringLiteral("format"), format);
    w.writeStartElement(QStringLiteral("text"));
    if (format == QLatin1String("html")) w.writeCDATA(htmlParagraphs(text));
    else w.writeCharacters(text);
    w.writeEndElement();
    textElement(w, QStringLiteral("feedback"), feedback);
    if (!tolerance.isNull()) w.writeTextElement(QStringLiteral("tolerance"), tolerance);
    w.writeEndElement();
}

bool numerical(QXmlStreamWriter& w, const Exercise& e, const ExerciseInstance& inst, const QString& name)
{
    std::string value, error;
    if (!answers::exactValue(inst.key.expected, inst.key.parameters, &value, &error)) return false;
    const QString exact = QString::fromStdString(value);
    const QString decimal = moodleDecimal(exact);
    const double v = decimal.toDouble();
    double tolerance = std::max(e.absoluteTolerance, e.relativeTolerance * std::abs(v));
    QString note;
    if (tolerance == 0 && !terminates(exact)) {
        // Minima marks it exactly; a Moodle learner types decimals: six significant digits.
        tolerance = 0.5 * std::pow(10.0, std::floor(std::log10(std::abs(v))) - 5);
        note = QStringLiteral("Minima marks %1 exactly; this question accepts it to six significant digits.").arg(exact);
    }
    if (!note.isEmpty()) comment(w, note);
    questionStart(w, QStringLiteral("numerical"), name, inst);
    const QString tol = tolerance == 0 ? QStringLiteral("0") : decimalOf(tolerance, 6);
    feedbackAnswer(w, QStringLiteral("100"), QStringLiteral("moodle_auto_format"), decimal, {}, tol);
    for (std::size_t i = 0; i < inst.key.mistakes.size(); ++i) {
        std::string m;
        if (!answers::exactValue(inst.key.mistakes[i].answer, inst.key.parameters, &m, &error)) continue;
        feedbackAnswer(w, QStringLiteral("0"), QStringLiteral("moodle_auto_format"), moodleDecimal(QString::fromStdString(m)),
                       QString::fromStdString(inst.key.mistakes[i].feedback), tol);
    }
    w.writeTextElement(QStringLiteral("unitgradingtype"), QStringLiteral("0"));
    w.writeTextElement(QStringLiteral("unitpenalty"), QStringLiteral("0.1000000"));
    w.writeTextElement(QStringLiteral("showunits"), QStringLiteral("3"));
    w.writeTextElement(QStringLiteral("unitsleft"), QStringLiteral("0"));
    questionEnd(w, e, inst);
    return true;
}

bool multichoice(QXmlStreamWriter& w, const Exercise& e, const ExerciseInstance& inst, const QString& name)
{
    QStringList right;
    for (const QString& id : QString::fromStdString(inst.key.expected).split(QLatin1Char(','), Qt::SkipEmptyParts))
        right << id.trimmed().toLower();
    if (right.isEmpty()) return false;
    const int wrong = int(inst.options.size()) - int(right.size());
    questionStart(w, QStringLiteral("multichoice"), name, inst);
    for (const ExerciseOption& o : inst.options) {
        const bool isRight = right.contains(o.id.toLower());
        QString feedback;
        for (const answers::Mistake& m : inst.key.mistakes)
            if (QString::fromStdString(m.answer).trimmed().toLower() == o.id.toLower()) feedback = QString::fromStdString(m.feedback);
        const double percent = isRight ? 100.0 / double(right.size()) : (e.multiple && wrong > 0 ? -100.0 / wrong : 0.0);
        feedbackAnswer(w, moodleFraction(percent), QStringLiteral("html"), plainText(o.label), feedback);
    }
    w.writeTextElement(QStringLiteral("single"), e.multiple ? QStringLiteral("false") : QStringLiteral("true"));
    w.writeTextElement(QStringLiteral("shuffleanswers"), QStringLiteral("1"));
    w.writeTextElement(QStringLiteral("answernumbering"), QStringLiteral("abc"));
    for (const char* f : {"correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"})
        textElement(w, QString::fromLatin1(f), {});
    questionEnd(w, e, inst);
    return true;
}

// The Maxima form of an answer written like the expected one ("" if it has none).
QString maximaAnswer(const answers::AnswerKey& key, const std::string& answer)
{
    answers::AnswerKey k = key;
    k.expected = answer;
    const QString reading = QString::fromStdString(answers::expectedAnswer(k));
    if (reading.isEmpty()) return {};
    if (key.kind == answers::CheckKind::Condition)
        return key.variables.empty() ? QString() : maximaCondition(reading, QString::fromStdString(key.variables[0].name));
    return maxima(reading);
}

void prtNode(QXmlStreamWriter& w, int index, const QString& against, int falseNext, const QString& trueFeedback, bool right)
{
    w.writeStartElement(QStringLiteral("node"));
    w.writeTextElement(QStringLiteral("name"), QString::number(index));
    w.writeTextElement(QStringLiteral("answertest"), QStringLiteral("AlgEquiv"));
    w.writeTextElement(QStringLiteral("sans"), QStringLiteral("ans1"));
    w.writeTextElement(QStringLiteral("tans"), against);
    w.writeTextElement(QStringLiteral("testoptions"), QString());
    w.writeTextElement(QStringLiteral("quiet"), QStringLiteral("0"));
    w.writeTextElement(QStringLiteral("truescoremode"), QStringLiteral("="));
    w.writeTextElement(QStringLiteral("truescore"), right ? QStringLiteral("1") : QStringLiteral("0"));
    w.writeTextElement(QStringLiteral("truepenalty"), QString());
    w.writeTextElement(QStringLiteral("truenextnode"), QStringLiteral("-1"));
    w.writeTextElement(QStringLiteral("trueanswernote"), QStringLiteral("prt1-%1-T").arg(index + 1));
    textElement(w, QStringLiteral("truefeedback"), trueFeedback);
    w.writeTextElement(QStringLiteral("falsescoremode"), QStringLiteral("="));
    w.writeTextElement(QStringLiteral("falsescore"), QStringLiteral("0"));
    w.writeTextElement(QStringLiteral("falsepenalty"), QString());
    w.writeTextElement(QStringLiteral("falsenextnode"), QString::number(falseNext));
    w.writeTextElement(QStringLiteral("falseanswernote"), QStringLiteral("prt1-%1-F").arg(index + 1));
    textElement(w, QStringLiteral("falsefeedback"), {});
    w.writeEndElement();
}

bool stack(QXmlStreamWriter& w, const Exercise& e, const ExerciseInstance& inst, const QString& name)
{
    const QString expected = maximaAnswer(inst.key, inst.key.expected);
    if (expected.isEmpty()) return false;
    QStringList variables;
    static const QRegularExpression number(QStringLiteral("^-?\\d+(/\\d+)?$"));
    for (const auto& [p, v] : inst.key.parameters) {
        std::string exact, error;
        if (!answers::exactValue(v, {}, &exact, &error) || !number.match(QString::fromStdString(exact)).hasMatch()) continue;
        variables << QStringLiteral("%1: %2;").arg(QString::fromStdString(p), QString::fromStdString(exact));
    }
    variables << QStringLiteral("ta: %1;").arg(expected);
    QList<QPair<QString, QString>> mistakes;   // Maxima form, feedback
    for (const answers::Mistake& m : inst.key.mistakes) {
        const QString form = maximaAnswer(inst.key, m.answer);
        if (form.isEmpty()) continue;
        variables << QStringLiteral("m%1: %2;").arg(mistakes.size() + 1).arg(form);
        mistakes.append({QStringLiteral("m%1").arg(mistakes.size() + 1), QString::fromStdString(m.feedback)});
    }
    w.writeStartElement(QStringLiteral("question"));
    w.writeAttribute(QStringLiteral("type"), QStringLiteral("stack"));
    w.writeStartElement(QStringLiteral("name"));
    w.writeTextElement(QStringLiteral("text"), name);
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("questiontext"));
    w.writeAttribute(QStringLiteral("format"), QStringLiteral("html"));
    w.writeStartElement(QStringLiteral("text"));
    w.writeCDATA(htmlParagraphs(plainText(inst.prompt)) + QStringLiteral("<p>[[input:ans1]] [[validation:ans1]]</p>"));
    w.writeEndElement();
    w.writeEndElement();
    textElement(w, QStringLiteral("generalfeedback"), plainText(inst.solution));
    w.writeTextElement(QStringLiteral("defaultgrade"), QStringLiteral("1"));
    w.writeTextElement(QStringLiteral("penalty"), QStringLiteral("0.3333333"));
    w.writeTextElement(QStringLiteral("hidden"), QStringLiteral("0"));
    w.writeStartElement(QStringLiteral("questionvariables"));
    w.writeTextElement(QStringLiteral("text"), variables.join(QLatin1Char('\n')));
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("specificfeedback"));
    w.writeAttribute(QStringLiteral("format"), QStringLiteral("html"));
    w.writeTextElement(QStringLiteral("text"), QStringLiteral("[[feedback:prt1]]"));
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("questionnote"));
    w.writeTextElement(QStringLiteral("text"), QStringLiteral("{@ta@}"));
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("input"));
    w.writeTextElement(QStringLiteral("name"), QStringLiteral("ans1"));
    w.writeTextElement(QStringLiteral("type"), QStringLiteral("algebraic"));
    w.writeTextElement(QStringLiteral("tans"), QStringLiteral("ta"));
    w.writeTextElement(QStringLiteral("boxsize"), QStringLiteral("20"));
    w.writeTextElement(QStringLiteral("forbidfloats"), QStringLiteral("1"));
    w.writeTextElement(QStringLiteral("requirelowestterms"), QStringLiteral("0"));
    w.writeTextElement(QStringLiteral("checkanswertype"), QStringLiteral("0"));
    w.writeTextElement(QStringLiteral("mustverify"), QStringLiteral("1"));
    w.writeTextElement(QStringLiteral("showvalidation"), QStringLiteral("1"));
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("prt"));
    w.writeTextElement(QStringLiteral("name"), QStringLiteral("prt1"));
    w.writeTextElement(QStringLiteral("value"), QStringLiteral("1.0000000"));
    w.writeTextElement(QStringLiteral("autosimplify"), QStringLiteral("1"));
    w.writeTextElement(QStringLiteral("feedbackstyle"), QStringLiteral("1"));
    w.writeStartElement(QStringLiteral("feedbackvariables"));
    w.writeTextElement(QStringLiteral("text"), QString());
    w.writeEndElement();
    // Node 0 is the answer; each later node one anticipated mistake, with its feedback.
    prtNode(w, 0, QStringLiteral("ta"), mistakes.isEmpty() ? -1 : 1, {}, true);
    for (qsizetype i = 0; i < mistakes.size(); ++i)
        prtNode(w, int(i) + 1, mistakes[i].first, i + 1 < mistakes.size() ? int(i) + 2 : -1, mistakes[i].second, false);
    w.writeEndElement();
    for (const QString& hint : e.hints) textElement(w, QStringLiteral("hint"), plainText(substitute(hint, inst.parameters)));
    w.writeEndElement();
    return true;
}

} // namespace

QString moodleDecimal(const QString& exactText)
{
    const QString exact = exactText.trimmed();
    static const QRegularExpression integer(QStringLiteral("^-?\\d+$"));
    if (integer.match(exact).hasMatch()) return exact;   // every digit, however many
    if (exact.contains(QLatin1Char('/'))) {
        const double p = exact.section(QLatin1Char('/'), 0, 0).toDouble();
        const double q = exact.section(QLatin1Char('/'), 1).toDouble();
        return q == 0 ? QStringLiteral("0") : decimalOf(p / q);
    }
    return decimalOf(exact.toDouble());
}

MoodleExport exportMoodleXml(const ExerciseCatalog& catalog, const LessonList& lessons, const MoodleExportOptions& options)
{
    MoodleExport out;
    QXmlStreamWriter w(&out.xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("quiz"));
    comment(w, QStringLiteral("Exercises exported from Minima %1 for Moodle's question bank (Import, Moodle XML format).")
                   .arg(QStringLiteral(MINIMA_VERSION)));
    for (const auto& lesson : lessons) {
        const auto exercises = catalog.exercisesFor(lesson->id());
        if (exercises.isEmpty()) continue;
        w.writeStartElement(QStringLiteral("question"));
        w.writeAttribute(QStringLiteral("type"), QStringLiteral("category"));
        w.writeStartElement(QStringLiteral("category"));
        w.writeTextElement(QStringLiteral("text"), QStringLiteral("$course$/top/Minima/%1").arg(QString(lesson->title()).replace(QLatin1Char('/'), QLatin1Char('-'))));
        w.writeEndElement();
        w.writeEndElement();
        for (const auto& e : exercises) {
            const QStringList versions = options.learners.isEmpty() || e->parameters.isEmpty() ? QStringList{QString()} : options.learners;
            for (const QString& learner : versions) {
                const ExerciseInstance inst = instantiate(*e, learner, 0);
                const QString name = learner.isEmpty() ? e->title : QStringLiteral("%1 (%2)").arg(e->title, learner);
                bool written = false;
                QString why;
                if (!inst.ok) {
                    why = QStringLiteral("cannot be set up: %1").arg(inst.error);
                } else {
                    switch (e->kind) {
                    case answers::CheckKind::Integer:
                    case answers::CheckKind::Number: written = numerical(w, *e, inst, name); break;
                    case answers::CheckKind::Choice: written = multichoice(w, *e, inst, name); break;
                    case answers::CheckKind::Expression:
                    case answers::CheckKind::Condition:
                        if (options.stack) written = stack(w, *e, inst, name);
                        else why = QStringLiteral("is an expression or condition, which Moodle has no plain question type for; "
                                                  "export with STACK questions to include it");
                        break;
                    }
                    if (!written && why.isEmpty()) why = QStringLiteral("its answer has no Moodle form");
                }
                if (written) {
                    ++out.questions;
                } else {
                    ++out.leftOut;
                    comment(w, QStringLiteral("Left out: \"%1\" (%2) %3.").arg(name, e->id, why));
                }
            }
        }
    }
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

} // namespace minima
