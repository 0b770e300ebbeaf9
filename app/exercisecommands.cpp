#include "app/exercisecommands.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/exercises/exercisedraw.h"

namespace minima {

namespace {

struct ExerciseOptions {
    QString exerciseId;
    QString learner;
    bool hasLearner = false;
    QString answer;
    bool hasAnswer = false;
    QString lesson;
    int variant = 0;
    QStringList packs;
};

// Reads the options both commands share; `positional` says whether an exercise id is expected.
bool parseOptions(const QString& command, const QStringList& args, bool positional, bool withAnswer,
                  ExerciseOptions* o, QString* error)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        auto value = [&](QString* into) {
            if (i + 1 >= args.size()) {
                *error = QStringLiteral("%1 needs a value").arg(a);
                return false;
            }
            *into = args[++i];
            return true;
        };
        if (a == QLatin1String("--learner")) {
            if (!value(&o->learner)) return false;
            o->hasLearner = true;
        } else if (a == QLatin1String("--answer") && withAnswer) {
            if (!value(&o->answer)) return false;
            o->hasAnswer = true;
        } else if (a == QLatin1String("--pack")) {
            QString p;
            if (!value(&p)) return false;
            o->packs << p;
        } else if (a == QLatin1String("--lesson") && !positional) {
            if (!value(&o->lesson)) return false;
        } else if (a == QLatin1String("--variant")) {
            QString v;
            if (!value(&v)) return false;
            bool ok = false;
            o->variant = v.toInt(&ok);
            if (!ok || o->variant < 0 || o->variant > 1000000) {
                *error = QStringLiteral("--variant must be a whole number from 0 to 1000000, got '%1'").arg(v);
                return false;
            }
        } else if (a == QLatin1String("--data-dir")) {
            QString ignored;   // progress is not read or written by these commands
            if (!value(&ignored)) return false;
        } else if (a.startsWith(QLatin1String("--"))) {
            *error = QStringLiteral("unknown option for %1: '%2'").arg(command, a);
            return false;
        } else if (positional && o->exerciseId.isEmpty()) {
            o->exerciseId = a;
        } else {
            *error = QStringLiteral("unexpected argument for %1: '%2'").arg(command, a);
            return false;
        }
    }
    if (positional && o->exerciseId.isEmpty()) {
        *error = QStringLiteral("%1 needs an exercise id, e.g. 'minima check identifiability.count ...'").arg(command);
        return false;
    }
    if (!o->hasLearner) {
        *error = QStringLiteral("%1 needs --learner NAME").arg(command);
        return false;
    }
    if (withAnswer && !o->hasAnswer) {
        *error = QStringLiteral("%1 needs --answer TEXT").arg(command);
        return false;
    }
    return true;
}

bool loadCatalog(const ExerciseOptions& o, const QStringList& knownLessons, ExerciseCatalog* catalog, QTextStream& err)
{
    QStringList errors;
    catalog->loadBuiltIn(&errors);
    catalog->setKnownLessons(knownLessons);
    for (const QString& e : errors) err << "minima: " << e << "\n";
    for (const QString& p : o.packs) {
        QString error;
        if (!catalog->loadPack(p, &error)) {
            err << "minima: " << error << "\n";
            return false;
        }
    }
    return true;
}

QString kindName(answers::CheckKind k)
{
    switch (k) {
    case answers::CheckKind::Integer: return QStringLiteral("integer");
    case answers::CheckKind::Number: return QStringLiteral("number");
    case answers::CheckKind::Expression: return QStringLiteral("expression");
    case answers::CheckKind::Choice: return QStringLiteral("choice");
    case answers::CheckKind::Condition: return QStringLiteral("condition");
    }
    return {};
}

QString verdictText(answers::Verdict v)
{
    switch (v) {
    case answers::Verdict::Correct: return QStringLiteral("correct");
    case answers::Verdict::Wrong: return QStringLiteral("wrong");
    case answers::Verdict::Unreadable: return QStringLiteral("unreadable");
    }
    return {};
}

void print(QTextStream& out, const QJsonObject& o)
{
    out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << "\n";
    out.flush();
}

} // namespace

int runCheckCommandFor(const QStringList& knownLessons, const QStringList& args, QTextStream& out, QTextStream& err)
{
    ExerciseOptions o;
    QString error;
    if (!parseOptions(QStringLiteral("check"), args, true, true, &o, &error)) {
        err << "minima: " << error << "\n";
        return 2;
    }
    ExerciseCatalog catalog;
    if (!loadCatalog(o, knownLessons, &catalog, err)) return 2;   // a bad pack is a bad argument
    const auto exercise = catalog.find(o.exerciseId);
    if (!exercise) {
        err << "minima: unknown exercise '" << o.exerciseId << "' (see 'minima answer-key')\n";
        return 2;
    }
    const ExerciseInstance inst = instantiate(*exercise, o.learner, o.variant);
    if (!inst.ok) {
        err << "minima: exercise '" << o.exerciseId << "' cannot be set up: " << inst.error << "\n";
        return 1;
    }
    const answers::CheckResult r = checkInstance(inst, o.answer);
    QJsonObject result;
    result[QStringLiteral("exercise")] = exercise->id;
    result[QStringLiteral("learner")] = o.learner;
    result[QStringLiteral("variant")] = o.variant;
    result[QStringLiteral("correct")] = r.verdict == answers::Verdict::Correct;
    result[QStringLiteral("verdict")] = verdictText(r.verdict);
    result[QStringLiteral("reading")] = QString::fromStdString(r.reading);
    result[QStringLiteral("feedback")] = QString::fromStdString(r.feedback);
    result[QStringLiteral("expected")] = inst.expected;
    print(out, result);
    return 0;
}

int runAnswerKeyCommandFor(const QStringList& knownLessons, const QStringList& args, QTextStream& out, QTextStream& err)
{
    ExerciseOptions o;
    QString error;
    if (!parseOptions(QStringLiteral("answer-key"), args, false, false, &o, &error)) {
        err << "minima: " << error << "\n";
        return 2;
    }
    ExerciseCatalog catalog;
    if (!loadCatalog(o, knownLessons, &catalog, err)) return 2;   // a bad pack is a bad argument
    QJsonArray list;
    bool allOk = true;
    for (const auto& e : catalog.exercises()) {
        if (!o.lesson.isEmpty() && e->lesson != o.lesson) continue;
        const ExerciseInstance inst = instantiate(*e, o.learner, o.variant);
        QJsonObject item;
        item[QStringLiteral("id")] = e->id;
        item[QStringLiteral("lesson")] = e->lesson;
        item[QStringLiteral("title")] = e->title;
        item[QStringLiteral("kind")] = kindName(e->kind);
        QJsonObject params;
        for (const auto& [k, v] : inst.parameters) params[k] = v;
        item[QStringLiteral("parameters")] = params;
        if (inst.ok) {
            item[QStringLiteral("expected")] = inst.expected;
        } else {
            item[QStringLiteral("error")] = inst.error;
            allOk = false;
        }
        if (e->kind == answers::CheckKind::Number && (e->relativeTolerance > 0 || e->absoluteTolerance > 0)) {
            QJsonObject tol;
            if (e->relativeTolerance > 0) tol[QStringLiteral("relative")] = e->relativeTolerance;
            if (e->absoluteTolerance > 0) tol[QStringLiteral("absolute")] = e->absoluteTolerance;
            item[QStringLiteral("tolerance")] = tol;
        }
        list.append(item);
    }
    QJsonObject result;
    result[QStringLiteral("learner")] = o.learner;
    result[QStringLiteral("variant")] = o.variant;
    result[QStringLiteral("exercises")] = list;
    print(out, result);
    return allOk ? 0 : 1;
}

int runCheckCommand(const QStringList& args, QTextStream& out, QTextStream& err) { return runCheckCommandFor({}, args, out, err); }

int runAnswerKeyCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    return runAnswerKeyCommandFor({}, args, out, err);
}

} // namespace minima
