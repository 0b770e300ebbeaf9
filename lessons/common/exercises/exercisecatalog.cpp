#include "lessons/common/exercises/exercisecatalog.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include "lessons/common/progresssink.h"

namespace minima {

ExerciseCatalog::ExerciseCatalog(QObject* parent) : QObject(parent) {}

bool ExerciseCatalog::loadBuiltIn(QStringList* errors)
{
    bool allLoaded = true;
    const QDir root(QStringLiteral(":/lessons"));
    for (const QString& lesson : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString path = QStringLiteral(":/lessons/%1/exercises.json").arg(lesson);
        if (!QFileInfo::exists(path)) continue;
        ExerciseFile file;
        QString error;
        if (!readExerciseFile(path, &file, &error) || !addFile(path, file, &error)) {
            allLoaded = false;
            if (errors) errors->append(error);
        }
    }
    emit changed();
    return allLoaded;
}

bool ExerciseCatalog::addFile(const QString& origin, const ExerciseFile& file, QString* error)
{
    // Ids already taken, except by an earlier load of this same file.
    QSet<QString> taken;
    for (const Source& s : sources_)
        if (s.origin != origin)
            for (const auto& e : s.file.exercises) taken.insert(e->id);
    for (const auto& e : file.exercises) {
        if (taken.contains(e->id)) {
            if (error)
                *error = QStringLiteral("%1: exercise \"%2\": field \"id\": is already used by another exercise")
                             .arg(origin.startsWith(QLatin1Char(':')) ? origin : QFileInfo(origin).fileName(), e->id);
            return false;
        }
    }
    Source source{origin, !origin.startsWith(QLatin1Char(':')), file};
    for (Source& s : sources_) {
        if (s.origin == origin) {
            s = source;
            return true;
        }
    }
    sources_.append(source);
    return true;
}

bool ExerciseCatalog::loadPack(const QString& path, QString* error, const ExerciseFileLimits& limits)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    ExerciseFile file;
    if (!readExerciseFile(absolute, &file, error, limits)) return false;
    if (!knownLessons_.isEmpty()) {
        for (const auto& e : file.exercises) {
            if (knownLessons_.contains(e->lesson)) continue;
            if (error)
                *error = QStringLiteral("%1: exercise \"%2\": field \"id\": names the lesson \"%3\", which is not in this app "
                                        "(lessons: %4)")
                             .arg(QFileInfo(absolute).fileName(), e->id, e->lesson, knownLessons_.join(QStringLiteral(", ")));
            return false;
        }
    }
    if (!addFile(absolute, file, error)) return false;
    emit changed();
    return true;
}

void ExerciseCatalog::unloadPack(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const auto removed = sources_.removeIf([&](const Source& s) { return s.pack && s.origin == absolute; });
    if (removed) emit changed();
}

QStringList ExerciseCatalog::packs() const
{
    QStringList out;
    for (const Source& s : sources_)
        if (s.pack) out.append(s.origin);
    return out;
}

QString ExerciseCatalog::packTitle(const QString& path) const
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (const Source& s : sources_)
        if (s.origin == absolute) return s.file.title.isEmpty() ? QFileInfo(absolute).fileName() : s.file.title;
    return {};
}

std::shared_ptr<const Exercise> ExerciseCatalog::find(const QString& id) const
{
    for (const Source& s : sources_)
        for (const auto& e : s.file.exercises)
            if (e->id == id) return e;
    return nullptr;
}

QList<std::shared_ptr<const Exercise>> ExerciseCatalog::exercises() const
{
    QList<std::shared_ptr<const Exercise>> out;
    for (bool pack : {false, true})
        for (const Source& s : sources_)
            if (s.pack == pack) out.append(s.file.exercises);
    return out;
}

QList<std::shared_ptr<const Exercise>> ExerciseCatalog::exercisesFor(const QString& lessonId) const
{
    QList<std::shared_ptr<const Exercise>> out;
    for (const auto& e : exercises())
        if (e->lesson == lessonId) out.append(e);
    return out;
}

LessonScore lessonScore(const ExerciseCatalog& catalog, const ProgressSink& progress, const QString& learner,
                        const QString& lessonId)
{
    LessonScore score;
    for (const auto& e : catalog.exercisesFor(lessonId)) {
        ++score.total;
        if (progress.progress(learner, e->id).solved) ++score.solved;
    }
    return score;
}

} // namespace minima
