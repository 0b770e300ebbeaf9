#pragma once
// Exercise packs the tests load, and the exercise several of them share: {l} layers of {n}
// units, with n from 3 to 6 and l from 2 to 3, answered by n!^l.
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace minima::testpack {

// One exercise written as JSON text.
inline QJsonObject exercise(const char* json)
{
    return QJsonDocument::fromJson(json).object();
}

// The layers exercise under `id`, `title` and `prompt`; `more` adds fields such as hints,
// mistakes and a solution.
inline QJsonObject layersExercise(const QString& id, const QString& title, const QString& prompt,
                                  QJsonObject more = {})
{
    more.insert(QStringLiteral("id"), id);
    more.insert(QStringLiteral("title"), title);
    more.insert(QStringLiteral("prompt"), prompt);
    more.insert(QStringLiteral("parameters"), QJsonDocument::fromJson(R"([
        {"name": "n", "kind": "integer", "min": 3, "max": 6},
        {"name": "l", "kind": "integer", "min": 2, "max": 3}])").array());
    more.insert(QStringLiteral("answer"), exercise(R"({"kind": "integer", "expected": "n!^l"})"));
    return more;
}

// A pack file's text: the exercises in order, under `title` (none when it is empty).
inline QByteArray pack(const QString& title, const QList<QJsonObject>& exercises)
{
    QJsonObject root{{QStringLiteral("format"), QStringLiteral("minima-exercises")}, {QStringLiteral("version"), 1}};
    if (!title.isEmpty()) root.insert(QStringLiteral("title"), title);
    QJsonArray list;
    for (const QJsonObject& e : exercises) list.append(e);
    root.insert(QStringLiteral("exercises"), list);
    return QJsonDocument(root).toJson();
}

} // namespace minima::testpack
