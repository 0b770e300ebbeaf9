#include "lessons/common/exercises/exercisedraw.h"

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

ExerciseInstance instantiate(const Exercise& e, const QString& learner, int variant)
{
    ExerciseInstance inst;
    inst.learner = learner;
    inst.variant = variant;
    Rng rng = makeRng(exerciseSeed(learner, e.id, variant));
    // Redraw until the constraints hold; an exercise whose constraints (almost) never hold is broken.
    bool satisfied = false;
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
    }
    if (!satisfied) {
        inst.error = QStringLiteral("the constraints %1 did not hold in 200 draws").arg(e.constraints.join(QStringLiteral(", ")));
        return inst;
    }

    answers::AnswerKey& key = inst.key;
    key.kind = e.kind;
    key.parameters = toStd(inst.parameters);
    key.relativeTolerance = e.relativeTolerance;
    key.absoluteTolerance = e.absoluteTolerance;
    key.multipleChoice = e.multiple;
    for (const ExerciseVariable& v : e.variables) key.variables.push_back({v.name.toStdString(), v.integer, v.min, v.max});
    for (const ExerciseOption& o : e.options) {
        key.choices.push_back(o.id.toStdString());
        inst.options.append({o.id, substitute(o.label, inst.parameters)});
    }
    for (const ExerciseMistake& m : e.mistakes)
        key.mistakes.push_back({substitute(m.answer, inst.parameters).toStdString(),
                                substitute(m.feedback, inst.parameters).toStdString()});
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
    if (!instance.ok) return {false, instance.error.toStdString()};
    return answers::previewAnswer(instance.key, input.toStdString());
}

} // namespace minima
