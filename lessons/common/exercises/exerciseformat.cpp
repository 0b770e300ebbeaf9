#include "lessons/common/exercises/exerciseformat.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

#include "engine/answers/checker.h"
#include "engine/exercises/computations.h"
#include "lessons/common/exercises/exercisedraw.h"
#include "lessons/common/boundedread.h"
#include "lessons/common/richtext.h"

namespace minima {

namespace {

struct FieldError {
    QString field;
    QString reason;
};

[[noreturn]] void fail(const QString& field, const QString& reason) { throw FieldError{field, reason}; }

// Variants per sample learner instantiated when an exercise is read (3 learners).
constexpr int kLoadVariants = 6;

const QRegularExpression& identifier()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,31}$"));
    return re;
}

void onlyKeys(const QJsonObject& o, const QString& path, std::initializer_list<const char*> allowed)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = false;
        for (const char* a : allowed) known = known || it.key() == QLatin1String(a);
        if (!known) fail(path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key(), QStringLiteral("unknown field"));
    }
}

QString join(const QString& path, const char* key) { return path.isEmpty() ? QString::fromLatin1(key) : path + QLatin1Char('.') + QLatin1String(key); }

// Packs are data only. Rich text may use the HTML subset of EXERCISES.md (<p> <b> <i> <code>
// <sub> <sup>, also <br> <em> <strong>) with no attributes, so nothing in a pack can name a
// file or a URL for a label to load: no <img src>, no <link> style sheet, no background, no
// style with url(). The text is tokenized as Qt's rich-text parser reads it (richtext.h), so
// "< img src=...>" is a tag too; a {param} value cannot complete a tag either.
void checkRichText(const QString& value, const QString& field)
{
    QString why;
    if (!isAllowedRichText(value, &why)) fail(field, QStringLiteral("uses HTML outside the allowed subset: ") + why);
}

QString text(const QJsonObject& o, const QString& path, const char* key, bool required, int maxLength)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required) fail(join(path, key), QStringLiteral("is missing"));
        return {};
    }
    if (!v.isString()) fail(join(path, key), QStringLiteral("must be a string"));
    const QString s = v.toString();
    if (required && s.trimmed().isEmpty()) fail(join(path, key), QStringLiteral("is empty"));
    if (s.size() > maxLength) fail(join(path, key), QStringLiteral("is longer than %1 characters").arg(maxLength));
    return s;
}

// A text shown as rich text: prompt, solution, hints, option labels, feedback, titles.
QString richText(const QJsonObject& o, const QString& path, const char* key, bool required, int maxLength)
{
    const QString s = text(o, path, key, required, maxLength);
    checkRichText(s, join(path, key));
    return s;
}

double number(const QJsonObject& o, const QString& path, const char* key, bool required, double fallback = 0.0)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required) fail(join(path, key), QStringLiteral("is missing"));
        return fallback;
    }
    if (!v.isDouble() || !std::isfinite(v.toDouble())) fail(join(path, key), QStringLiteral("must be a number"));
    return v.toDouble();
}

qint64 whole(const QJsonObject& o, const QString& path, const char* key)
{
    const double d = number(o, path, key, true);
    if (d != std::floor(d) || std::abs(d) > 1e9) fail(join(path, key), QStringLiteral("must be a whole number from -1e9 to 1e9"));
    return qint64(d);
}

QJsonArray array(const QJsonObject& o, const QString& path, const char* key, int maxSize)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) return {};
    if (!v.isArray()) fail(join(path, key), QStringLiteral("must be a list"));
    if (v.toArray().size() > maxSize) fail(join(path, key), QStringLiteral("has more than %1 entries").arg(maxSize));
    return v.toArray();
}

QJsonObject object(const QJsonValue& v, const QString& field)
{
    if (!v.isObject()) fail(field, QStringLiteral("must be an object"));
    return v.toObject();
}

QString name(const QJsonObject& o, const QString& path)
{
    const QString n = text(o, path, "name", true, 32);
    if (!identifier().match(n).hasMatch())
        fail(join(path, "name"), QStringLiteral("\"%1\" must be a name of letters, digits and _").arg(n));
    if (answers::isKnownFunction(n.toStdString()))
        fail(join(path, "name"), QStringLiteral("\"%1\" is a function name").arg(n));
    return n;
}

ExerciseParameter readParameter(const QJsonObject& o, const QString& path)
{
    ExerciseParameter p;
    p.name = name(o, path);
    const QString kind = text(o, path, "kind", true, 16);
    if (kind == QLatin1String("integer")) {
        onlyKeys(o, path, {"name", "kind", "min", "max"});
        p.kind = ExerciseParameter::Kind::Integer;
        p.min = whole(o, path, "min");
        p.max = whole(o, path, "max");
        if (p.max < p.min) fail(join(path, "max"), QStringLiteral("is below min"));
    } else if (kind == QLatin1String("real")) {
        onlyKeys(o, path, {"name", "kind", "min", "max", "step"});
        p.kind = ExerciseParameter::Kind::Real;
        p.realMin = number(o, path, "min", true);
        p.realMax = number(o, path, "max", true);
        p.step = number(o, path, "step", true);
        if (std::abs(p.realMin) > 1e9 || std::abs(p.realMax) > 1e9) fail(join(path, "min"), QStringLiteral("must be within -1e9 to 1e9"));
        if (p.realMax < p.realMin) fail(join(path, "max"), QStringLiteral("is below min"));
        if (!(p.step > 0)) fail(join(path, "step"), QStringLiteral("must be above 0"));
        if ((p.realMax - p.realMin) / p.step > 1e6) fail(join(path, "step"), QStringLiteral("gives more than a million values"));
    } else if (kind == QLatin1String("choice")) {
        onlyKeys(o, path, {"name", "kind", "values"});
        p.kind = ExerciseParameter::Kind::Choice;
        const QJsonArray values = array(o, path, "values", 50);
        for (const QJsonValue& v : values) {
            if (!v.isString() || v.toString().isEmpty() || v.toString().size() > 200)
                fail(join(path, "values"), QStringLiteral("must be non-empty strings"));
            // A value is put into prompts as it is: no markup.
            if (v.toString().contains(QLatin1Char('<')) || v.toString().contains(QLatin1Char('>')))
                fail(join(path, "values"), QStringLiteral("must not contain < or >"));
            p.values.append(v.toString());
        }
        if (p.values.isEmpty()) fail(join(path, "values"), QStringLiteral("needs at least one value"));
    } else {
        fail(join(path, "kind"), QStringLiteral("must be integer, real or choice, not \"%1\"").arg(kind));
    }
    return p;
}

ExerciseVariable readVariable(const QJsonObject& o, const QString& path)
{
    onlyKeys(o, path, {"name", "kind", "min", "max"});
    ExerciseVariable v;
    v.name = name(o, path);
    const QString kind = text(o, path, "kind", false, 16);
    if (kind.isEmpty() || kind == QLatin1String("count") || kind == QLatin1String("integer")) v.integer = true;
    else if (kind == QLatin1String("real")) v.integer = false;
    else fail(join(path, "kind"), QStringLiteral("must be count, integer or real, not \"%1\"").arg(kind));
    v.min = number(o, path, "min", false, v.integer ? 1.0 : -10.0);
    v.max = number(o, path, "max", false, v.integer ? 8.0 : 10.0);
    if (std::abs(v.min) > 1e6 || std::abs(v.max) > 1e6) fail(join(path, "min"), QStringLiteral("must be within -1e6 to 1e6"));
    if (v.max < v.min) fail(join(path, "max"), QStringLiteral("is below min"));
    if (v.integer && std::floor(v.max) < std::ceil(v.min)) fail(join(path, "max"), QStringLiteral("leaves no whole number"));
    return v;
}

answers::CheckKind readKind(const QString& kind, const QString& field)
{
    if (kind == QLatin1String("integer")) return answers::CheckKind::Integer;
    if (kind == QLatin1String("number")) return answers::CheckKind::Number;
    if (kind == QLatin1String("expression")) return answers::CheckKind::Expression;
    if (kind == QLatin1String("choice")) return answers::CheckKind::Choice;
    if (kind == QLatin1String("condition")) return answers::CheckKind::Condition;
    fail(field, QStringLiteral("must be integer, number, expression, choice or condition, not \"%1\"").arg(kind));
}

void readAnswer(const QJsonObject& o, Exercise& e, const ExerciseFileLimits& limits)
{
    const QString path = QStringLiteral("answer");
    onlyKeys(o, path, {"kind", "expected", "computation", "tolerance", "variables", "options", "multiple"});
    e.kind = readKind(text(o, path, "kind", true, 16), QStringLiteral("answer.kind"));
    const QJsonValue expected = o.value(QLatin1String("expected"));
    const QJsonValue computation = o.value(QLatin1String("computation"));
    if (expected.isUndefined() == computation.isUndefined())
        fail(path, QStringLiteral("needs exactly one of \"expected\" and \"computation\""));
    if (!expected.isUndefined()) {
        if (expected.isDouble() && std::isfinite(expected.toDouble()))
            e.expected = QString::fromStdString(answers::shortestDecimal(expected.toDouble()));
        else if (expected.isString() && !expected.toString().trimmed().isEmpty() && expected.toString().size() <= limits.maxTextLength)
            e.expected = expected.toString();
        else
            fail(QStringLiteral("answer.expected"), QStringLiteral("must be a non-empty string or a number"));
    } else {
        const QJsonObject c = object(computation, QStringLiteral("answer.computation"));
        onlyKeys(c, QStringLiteral("answer.computation"), {"name", "arguments"});
        e.computation = text(c, QStringLiteral("answer.computation"), "name", true, 64);
        if (!exercises::findComputation(e.computation.toStdString()))
            fail(QStringLiteral("answer.computation.name"), QStringLiteral("there is no computation \"%1\"").arg(e.computation));
        const QJsonValue args = c.value(QLatin1String("arguments"));
        if (!args.isUndefined()) {
            const QJsonObject a = object(args, QStringLiteral("answer.computation.arguments"));
            if (a.size() > 20) fail(QStringLiteral("answer.computation.arguments"), QStringLiteral("has more than 20 entries"));
            for (auto it = a.begin(); it != a.end(); ++it) {
                const QString field = QStringLiteral("answer.computation.arguments.") + it.key();
                if (it.value().isString() && it.value().toString().size() <= limits.maxTextLength)
                    e.computationArguments.insert(it.key(), it.value().toString());
                else if (it.value().isDouble() && std::isfinite(it.value().toDouble()))
                    e.computationArguments.insert(it.key(), QString::fromStdString(answers::shortestDecimal(it.value().toDouble())));
                else
                    fail(field, QStringLiteral("must be a string or a number"));
            }
        }
    }
    const QJsonValue tolerance = o.value(QLatin1String("tolerance"));
    if (!tolerance.isUndefined()) {
        if (e.kind != answers::CheckKind::Number) fail(QStringLiteral("answer.tolerance"), QStringLiteral("is only for kind \"number\""));
        const QJsonObject t = object(tolerance, QStringLiteral("answer.tolerance"));
        onlyKeys(t, QStringLiteral("answer.tolerance"), {"relative", "absolute"});
        e.relativeTolerance = number(t, QStringLiteral("answer.tolerance"), "relative", false);
        e.absoluteTolerance = number(t, QStringLiteral("answer.tolerance"), "absolute", false);
        if (e.relativeTolerance < 0 || e.relativeTolerance > 1)
            fail(QStringLiteral("answer.tolerance.relative"), QStringLiteral("must be from 0 to 1"));
        if (e.absoluteTolerance < 0) fail(QStringLiteral("answer.tolerance.absolute"), QStringLiteral("must be 0 or more"));
    }
    const QJsonArray variables = array(o, path, "variables", limits.maxVariables);
    for (qsizetype i = 0; i < variables.size(); ++i) {
        const QString vp = QStringLiteral("answer.variables[%1]").arg(i);
        e.variables.append(readVariable(object(variables[i], vp), vp));
    }
    const bool needsVariables = e.kind == answers::CheckKind::Expression || e.kind == answers::CheckKind::Condition;
    if (needsVariables && e.variables.isEmpty()) fail(QStringLiteral("answer.variables"), QStringLiteral("is needed for this kind"));
    if (!needsVariables && !e.variables.isEmpty()) fail(QStringLiteral("answer.variables"), QStringLiteral("is only for expression and condition answers"));
    if (e.kind == answers::CheckKind::Condition && e.variables.size() != 1)
        fail(QStringLiteral("answer.variables"), QStringLiteral("a condition is about exactly one variable"));

    const QJsonArray options = array(o, path, "options", limits.maxOptions);
    QSet<QString> ids;
    static const QRegularExpression optionId(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    for (qsizetype i = 0; i < options.size(); ++i) {
        const QString op = QStringLiteral("answer.options[%1]").arg(i);
        const QJsonObject oo = object(options[i], op);
        onlyKeys(oo, op, {"id", "label"});
        ExerciseOption option;
        option.id = text(oo, op, "id", true, 32);
        if (!optionId.match(option.id).hasMatch()) fail(op + QStringLiteral(".id"), QStringLiteral("must be letters, digits, - or _"));
        if (ids.contains(option.id.toLower())) fail(op + QStringLiteral(".id"), QStringLiteral("\"%1\" is used twice").arg(option.id));
        ids.insert(option.id.toLower());
        option.label = richText(oo, op, "label", true, limits.maxTextLength);
        e.options.append(option);
    }
    if (e.kind == answers::CheckKind::Choice && e.options.size() < 2)
        fail(QStringLiteral("answer.options"), QStringLiteral("a choice needs at least two options"));
    if (e.kind != answers::CheckKind::Choice && !e.options.isEmpty())
        fail(QStringLiteral("answer.options"), QStringLiteral("is only for choice answers"));
    const QJsonValue multiple = o.value(QLatin1String("multiple"));
    if (!multiple.isUndefined()) {
        if (!multiple.isBool()) fail(QStringLiteral("answer.multiple"), QStringLiteral("must be true or false"));
        e.multiple = multiple.toBool();
    }
}

void checkPlaceholders(const QString& textValue, const QSet<QString>& known, const QString& field)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([A-Za-z_][A-Za-z0-9_]*)\\}"));
    auto it = placeholder.globalMatch(textValue);
    while (it.hasNext()) {
        const QString n = it.next().captured(1);
        if (!known.contains(n)) fail(field, QStringLiteral("uses {%1}, which is not a parameter").arg(n));
    }
}

std::shared_ptr<Exercise> readExercise(const QJsonObject& o, const ExerciseFileLimits& limits, QString* id, long long* packWork)
{
    auto e = std::make_shared<Exercise>();
    e->id = text(o, {}, "id", true, 100);
    *id = e->id;
    onlyKeys(o, {}, {"id", "title", "prompt", "parameters", "constraints", "answer", "hints", "mistakes", "solution"});
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9][a-z0-9.-]*$"));
    if (!idPattern.match(e->id).hasMatch())
        fail(QStringLiteral("id"), QStringLiteral("must be <lesson>.<name> in lower case, e.g. identifiability.count"));
    e->lesson = e->id.section(QLatin1Char('.'), 0, 0);
    // Titles are shown as plain text (lists, headings, JSON): entities decoded, tags dropped.
    e->title = plainText(richText(o, {}, "title", false, limits.maxTextLength));
    if (e->title.isEmpty()) e->title = e->id.section(QLatin1Char('.'), 1);
    e->prompt = richText(o, {}, "prompt", true, limits.maxPromptLength);
    e->solution = richText(o, {}, "solution", false, limits.maxPromptLength);

    QSet<QString> names;
    const QJsonArray params = array(o, {}, "parameters", limits.maxParameters);
    for (qsizetype i = 0; i < params.size(); ++i) {
        const QString pp = QStringLiteral("parameters[%1]").arg(i);
        ExerciseParameter p = readParameter(object(params[i], pp), pp);
        if (names.contains(p.name)) fail(pp + QStringLiteral(".name"), QStringLiteral("\"%1\" is used twice").arg(p.name));
        names.insert(p.name);
        e->parameters.append(p);
    }
    const QJsonArray constraints = array(o, {}, "constraints", 10);
    for (qsizetype i = 0; i < constraints.size(); ++i) {
        if (!constraints[i].isString() || constraints[i].toString().size() > 200)
            fail(QStringLiteral("constraints[%1]").arg(i), QStringLiteral("must be a string such as \"a < b\""));
        e->constraints.append(constraints[i].toString());
    }
    if (!o.contains(QLatin1String("answer"))) fail(QStringLiteral("answer"), QStringLiteral("is missing"));
    readAnswer(object(o.value(QLatin1String("answer")), QStringLiteral("answer")), *e, limits);
    for (const ExerciseVariable& v : e->variables)
        if (names.contains(v.name)) fail(QStringLiteral("answer.variables"), QStringLiteral("\"%1\" is also a parameter").arg(v.name));

    const QJsonArray hints = array(o, {}, "hints", limits.maxHints);
    for (qsizetype i = 0; i < hints.size(); ++i) {
        const QString hp = QStringLiteral("hints[%1]").arg(i);
        if (!hints[i].isString() || hints[i].toString().trimmed().isEmpty() || hints[i].toString().size() > limits.maxTextLength)
            fail(hp, QStringLiteral("must be a non-empty string of at most %1 characters").arg(limits.maxTextLength));
        e->hints.append(hints[i].toString());
        checkRichText(e->hints.last(), hp);
        checkPlaceholders(e->hints.last(), names, hp);
    }
    const QJsonArray mistakes = array(o, {}, "mistakes", limits.maxMistakes);
    for (qsizetype i = 0; i < mistakes.size(); ++i) {
        const QString mp = QStringLiteral("mistakes[%1]").arg(i);
        const QJsonObject m = object(mistakes[i], mp);
        onlyKeys(m, mp, {"answer", "feedback"});
        e->mistakes.append({text(m, mp, "answer", true, limits.maxTextLength), richText(m, mp, "feedback", true, limits.maxTextLength)});
        checkPlaceholders(e->mistakes.last().feedback, names, mp + QStringLiteral(".feedback"));
    }
    checkPlaceholders(e->prompt, names, QStringLiteral("prompt"));
    QSet<QString> withAnswer = names;
    withAnswer.insert(QStringLiteral("answer"));
    checkPlaceholders(e->solution, withAnswer, QStringLiteral("solution"));
    for (const ExerciseOption& op : e->options) checkPlaceholders(op.label, names, QStringLiteral("answer.options"));

    const long long workBefore = answers::evaluationWork();
    // One check first: an exercise whose every check is too heavy is refused for that.
    if (e->kind != answers::CheckKind::Choice) {
        const ExerciseInstance inst = instantiate(*e, QString(), 0);
        const long long before = answers::evaluationWork();
        checkInstance(inst, e->kind == answers::CheckKind::Condition ? QStringLiteral("none") : QStringLiteral("0"));
        const long long perCheck = answers::evaluationWork() - before;
        if (perCheck > limits.maxCheckWork)
            fail(e->mistakes.isEmpty() ? QStringLiteral("answer") : QStringLiteral("mistakes"),
                 QStringLiteral("checking one answer would take %1 units of work, more than the %2 Minima allows: use fewer "
                                "or lighter mistakes and answers").arg(perCheck).arg(limits.maxCheckWork));
    }
    // The answer must work for real draws: try a few learners and variants, strictly and
    // within the pack's work budget, so that a listed mistake that equals the answer (or passes
    // its tolerance) in some draw is reported here rather than silently redrawn for a learner.
    auto overBudget = [&] { return *packWork + (answers::evaluationWork() - workBefore) > limits.maxPackWork; };
    const QString samples[] = {QString(), QStringLiteral("Ada"), QStringLiteral("Grace")};
    for (const QString& learner : samples) {
        for (int variant = 0; variant < kLoadVariants; ++variant) {
            if (overBudget())
                fail(QStringLiteral("answer"), QStringLiteral("the pack needs more work to check than Minima allows (%1 units "
                                                              "in all); this exercise goes past it: use fewer or lighter answers")
                                                   .arg(limits.maxPackWork));
            const ExerciseInstance inst = instantiate(*e, learner, variant, true);
            if (!inst.ok) {
                QString values;
                for (const auto& [k, v] : inst.parameters) values += (values.isEmpty() ? "" : ", ") + k + " = " + v;
                fail(QStringLiteral("answer"), inst.error + (values.isEmpty() ? QString() : QStringLiteral(" (with %1)").arg(values)));
            }
        }
    }
    if (overBudget())
        fail(QStringLiteral("answer"), QStringLiteral("the pack needs more work to check than Minima allows (%1 units in all); "
                                                      "this exercise goes past it: use fewer or lighter answers")
                                           .arg(limits.maxPackWork));
    *packWork += answers::evaluationWork() - workBefore;
    return e;
}

} // namespace

bool readExerciseFile(const QByteArray& json, const QString& fileName, ExerciseFile* out, QString* error,
                      const ExerciseFileLimits& limits)
{
    auto report = [&](const QString& message) {
        // One line, whatever the pack holds: its ids, keys and values are quoted in messages.
        QString line = fileName + QStringLiteral(": ") + message;
        for (QChar& c : line)
            if (c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line
                || c.category() == QChar::Separator_Paragraph)
                c = QLatin1Char(' ');
        if (error) *error = line;
        return false;
    };
    if (json.size() > limits.maxBytes)
        return report(QStringLiteral("the file is larger than %1 KiB").arg(limits.maxBytes / 1024));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return report(QStringLiteral("not valid JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject()) return report(QStringLiteral("the file must hold a JSON object with an \"exercises\" list"));
    const QJsonObject root = doc.object();
    ExerciseFile file;
    try {
        onlyKeys(root, {}, {"format", "version", "title", "author", "exercises"});
        const QString format = text(root, {}, "format", false, 64);
        if (!format.isEmpty() && format != QLatin1String("minima-exercises"))
            fail(QStringLiteral("format"), QStringLiteral("must be \"minima-exercises\""));
        if (root.contains(QLatin1String("version")) && number(root, {}, "version", true) != 1)
            fail(QStringLiteral("version"), QStringLiteral("this Minima reads version 1"));
        file.title = richText(root, {}, "title", false, limits.maxTextLength);
        file.author = richText(root, {}, "author", false, limits.maxTextLength);
        if (!root.value(QLatin1String("exercises")).isArray()) fail(QStringLiteral("exercises"), QStringLiteral("must be a list"));
        array(root, {}, "exercises", limits.maxExercises);
    } catch (const FieldError& e) {
        return report(QStringLiteral("field \"%1\": %2").arg(e.field, e.reason));
    }
    const QJsonArray list = root.value(QLatin1String("exercises")).toArray();
    QSet<QString> ids;
    long long packWork = 0;
    for (qsizetype i = 0; i < list.size(); ++i) {
        QString id;
        try {
            if (!list[i].isObject()) fail(QStringLiteral("exercises[%1]").arg(i), QStringLiteral("must be an object"));
            auto e = readExercise(list[i].toObject(), limits, &id, &packWork);
            if (ids.contains(e->id)) fail(QStringLiteral("id"), QStringLiteral("is used twice in this file"));
            ids.insert(e->id);
            e->source = fileName;
            file.exercises.append(e);
        } catch (const FieldError& e) {
            const QString who = id.isEmpty() ? QStringLiteral("exercise %1").arg(i + 1) : QStringLiteral("exercise \"%1\"").arg(id);
            return report(QStringLiteral("%1: field \"%2\": %3").arg(who, e.field, e.reason));
        }
    }
    *out = file;
    return true;
}

bool readExerciseFile(const QString& path, ExerciseFile* out, QString* error, const ExerciseFileLimits& limits)
{
    const QString shown = path.startsWith(QLatin1Char(':')) ? path : QFileInfo(path).fileName();
    QByteArray data;
    QString why;
    if (!readBoundedFile(path, limits.maxBytes, &data, &why)) {
        if (error) *error = shown + QStringLiteral(": ") + why;
        return false;
    }
    return readExerciseFile(data, shown, out, error, limits);
}

} // namespace minima
