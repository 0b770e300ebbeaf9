#include "app/classfolder.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QMap>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/exercises/exercisedraw.h"
#include "lessons/common/progresssink.h"

namespace minima {

// ---------------------------------------------------------------- writing

ClassFolderWriter::ClassFolderWriter(const QString& folder, const ProgressSink& progress, const ExerciseCatalog& catalog,
                                     const QString& seat, QObject* parent)
    : QObject(parent), folder_(folder), progress_(progress), catalog_(catalog), seat_(seat.isEmpty() ? defaultSeatName() : seat)
{
    connect(&progress_, &ProgressSink::attemptRecorded, this, [this](const QString& learner) { write(learner); });
}

QString ClassFolderWriter::filePath(const QString& learner) const
{
    return QDir(folder_).filePath(classSnapshotFileName(learner, seat_));
}

QString ClassFolderWriter::matchMistake(const QString& exerciseId, const QString& learner, int variant,
                                        const QString& input, QString* feedback) const
{
    const QString key = exerciseId + QChar(0x1f) + learner + QChar(0x1f) + QString::number(variant) + QChar(0x1f) + input;
    if (const auto it = matched_.constFind(key); it != matched_.constEnd()) {
        *feedback = it->second;
        return it->first;
    }
    QString mistake;
    feedback->clear();
    if (const auto exercise = catalog_.find(exerciseId)) {
        const ExerciseInstance inst = instantiate(*exercise, learner, variant);
        if (inst.ok) {
            // Marked as the panel marked it.
            const answers::CheckResult r =
                checkInstance(inst, exercise->kind == answers::CheckKind::Choice ? input : withLocaleDecimalPoint(input));
            if (r.verdict == answers::Verdict::Wrong) {
                *feedback = QString::fromStdString(r.feedback);
                // The checker gives a mistake's own feedback exactly when the answer matches it.
                for (std::size_t i = 0; i < inst.key.mistakes.size() && qsizetype(i) < exercise->mistakes.size(); ++i) {
                    if (inst.key.mistakes[i].feedback == r.feedback) {
                        mistake = exercise->mistakes[qsizetype(i)].answer;
                        break;
                    }
                }
            }
        }
    }
    matched_.insert(key, {mistake, *feedback});
    return mistake;
}

ClassSnapshot ClassFolderWriter::snapshot(const QString& learner) const
{
    ClassSnapshot s;
    s.learner = learner;
    s.seat = seat_;
    s.written = QDateTime::currentDateTimeUtc();
    QStringList order;
    QHash<QString, QList<AttemptRecord>> byExercise;
    for (const AttemptRecord& a : progress_.attempts(learner)) {
        if (!byExercise.contains(a.exerciseId)) order << a.exerciseId;
        byExercise[a.exerciseId].append(a);
    }
    for (const QString& id : order) {
        const QList<AttemptRecord>& records = byExercise[id];
        SnapshotExercise e;
        e.id = id;
        const auto exercise = catalog_.find(id);
        e.lesson = exercise ? exercise->lesson : id.section(QLatin1Char('.'), 0, 0);
        e.title = exercise ? exercise->title : id;
        const ExerciseProgress p = progress_.progress(learner, id);
        e.solved = p.solved;
        e.solutionShown = p.solutionShown;
        e.hints = p.hintsShown;
        e.attemptCount = p.attempts;
        QDateTime first, last;
        for (const AttemptRecord& a : records) {
            if (a.when.isValid()) {
                if (!first.isValid() || a.when < first) first = a.when;
                if (!last.isValid() || a.when > last) last = a.when;
            }
            if (a.verdict != AttemptRecord::Verdict::Correct && a.verdict != AttemptRecord::Verdict::Wrong) continue;
            SnapshotAttempt t;
            t.correct = a.verdict == AttemptRecord::Verdict::Correct;
            t.variant = a.variant;
            t.at = a.when;
            t.answer = a.input;
            if (!t.correct) t.mistake = matchMistake(id, learner, a.variant, a.input, &t.feedback);
            e.attempts.append(t);
        }
        if (e.attempts.size() > classsnapshot::maxAttemptsListed)
            e.attempts = e.attempts.mid(e.attempts.size() - classsnapshot::maxAttemptsListed);
        e.seconds = first.isValid() ? std::max<qint64>(0, first.secsTo(last)) : 0;
        s.exercises.append(e);
    }
    return s;
}

bool ClassFolderWriter::write(const QString& learner, QString* error)
{
    const QString shown = QDir::toNativeSeparators(folder_);
    QString why;
    const QFileInfo info(folder_);
    if (!info.exists()) why = tr("it does not exist");
    else if (!info.isDir()) why = tr("it is a file, not a folder");
    if (why.isEmpty()) {
        QSaveFile file(filePath(learner));
        if (!file.open(QIODevice::WriteOnly)) {
            why = file.errorString();
        } else {
            file.write(classSnapshotJson(snapshot(learner)));
            if (!file.commit()) why = file.errorString();
        }
    }
    if (why.isEmpty()) {
        reported_ = false;
        ++writes_;
        return true;
    }
    const QString message = tr("Minima cannot write to the class folder %1 (%2), so your teacher's class view will not "
                               "see your answers. Your progress is still saved on this computer.")
                                .arg(shown, why);
    if (error) *error = message;
    if (!reported_) {
        reported_ = true;
        emit problem(message);
    }
    return false;
}

// ---------------------------------------------------------------- reading

ClassFolderScan scanClassFolder(const QString& folder, ClassFolderCache* cache)
{
    ClassFolderScan scan;
    scan.folder = folder;
    scan.when = QDateTime::currentDateTime();
    const QFileInfo info(folder);
    if (!info.exists()) {
        scan.folderError = QObject::tr("the class folder %1 does not exist").arg(QDir::toNativeSeparators(folder));
        return scan;
    }
    if (!info.isDir()) {
        scan.folderError = QObject::tr("%1 is a file, not a folder").arg(QDir::toNativeSeparators(folder));
        return scan;
    }
    QDir dir(folder);
    if (!dir.isReadable()) {
        scan.folderError = QObject::tr("the class folder %1 cannot be read").arg(QDir::toNativeSeparators(folder));
        return scan;
    }
    const QString suffix = QLatin1String(classsnapshot::suffix);
    const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::System, QDir::Name);
    QSet<QString> seen;
    int looked = 0;
    int snapshots = 0;
    qint64 bytes = 0;
    for (const QFileInfo& f : entries) {
        const QString name = f.fileName();
        // The writers' own temporary files (QSaveFile's "<name>.XXXXXX") are not files yet.
        if (name.startsWith(QLatin1Char('.')) || name.contains(suffix + QLatin1Char('.'))) continue;
        if (++looked > maxClassFolderFiles) {
            ++scan.tooMany;
            continue;
        }
        auto skip = [&](SnapshotProblem p, const QString& why) {
            switch (p) {
            case SnapshotProblem::NotSnapshot: ++scan.notSnapshot; break;
            case SnapshotProblem::Damaged: ++scan.damaged; break;
            case SnapshotProblem::OtherVersion: ++scan.otherVersion; break;
            case SnapshotProblem::TooLarge: ++scan.tooLarge; break;
            case SnapshotProblem::Unreadable: ++scan.unreadable; break;
            case SnapshotProblem::None: break;
            }
            scan.skipped.append({name, why});
        };
        if (!name.endsWith(suffix)) {
            skip(SnapshotProblem::NotSnapshot, QObject::tr("is not a Minima class snapshot"));
            continue;
        }
        if (++snapshots > maxClassSnapshots || (bytes += std::max<qint64>(0, f.size())) > maxClassFolderBytes) {
            ++scan.tooMany;
            continue;
        }
        seen.insert(name);
        ClassFolderCache::Entry entry;
        bool fromCache = false;
        if (cache) {
            const auto it = cache->entries.constFind(name);
            if (it != cache->entries.constEnd() && it->size == f.size() && it->modified == f.lastModified()) {
                entry = *it;
                fromCache = true;
            }
        }
        if (!fromCache) {
            entry.size = f.size();
            entry.modified = f.lastModified();
            entry.problem = readClassSnapshot(f.filePath(), &entry.snapshot, &entry.why);
            if (cache) cache->entries.insert(name, entry);
        }
        if (entry.problem == SnapshotProblem::None) scan.snapshots.append(entry.snapshot);
        else skip(entry.problem, entry.why);
    }
    if (cache) cache->entries.removeIf([&](const auto& it) { return !seen.contains(it.key()); });
    return scan;
}

// ---------------------------------------------------------------- summing up

namespace {

QString normalizedAnswer(const QString& answer)
{
    QString out;
    for (const QChar c : answer)
        if (!c.isSpace()) out += c;
    return out;
}

double median(QList<int> values)
{
    if (values.isEmpty()) return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

} // namespace

ClassSummary summarizeClass(const QList<ClassSnapshot>& snapshots, const LessonList& lessons, const ExerciseCatalog* catalog)
{
    ClassSummary summary;
    summary.learners = int(snapshots.size());

    // Names: a learner's name, with the seat when two files share it.
    QHash<QString, int> nameCount;
    for (const ClassSnapshot& s : snapshots) ++nameCount[s.learner];
    QStringList names;
    for (const ClassSnapshot& s : snapshots)
        names << (nameCount[s.learner] > 1 ? QStringLiteral("%1 (%2)").arg(s.learner, s.seat) : s.learner);

    // Exercises: the catalog's, then any others the snapshots name.
    struct Known {
        QString id, lesson, title;
    };
    QList<Known> exercises;
    QSet<QString> known;
    QStringList lessonIds;
    for (const auto& l : lessons) lessonIds << l->id();
    if (catalog) {
        for (const QString& lesson : lessonIds)
            for (const auto& e : catalog->exercisesFor(lesson)) {
                exercises.append({e->id, e->lesson, e->title});
                known.insert(e->id);
            }
    }
    int unknown = 0;
    for (const ClassSnapshot& s : snapshots)
        for (const SnapshotExercise& e : s.exercises)
            if (!known.contains(e.id) && unknown < maxUnknownExercises) {
                ++unknown;
                exercises.append({e.id, e.lesson, e.title});
                known.insert(e.id);
                if (!lessonIds.contains(e.lesson)) lessonIds << e.lesson;
            }
    // Each snapshot's exercises by id (a later entry of the same id was already merged on reading).
    QList<QHash<QString, const SnapshotExercise*>> byId;
    for (const ClassSnapshot& s : snapshots) {
        QHash<QString, const SnapshotExercise*> index;
        for (const SnapshotExercise& e : s.exercises) index.insert(e.id, &e);
        byId << index;
    }

    for (const QString& lessonId : lessonIds) {
        LessonSummary lesson;
        lesson.id = lessonId;
        lesson.title = lessonId;
        for (const auto& l : lessons)
            if (l->id() == lessonId) lesson.title = l->title();
        for (const Known& k : exercises) {
            if (k.lesson != lessonId) continue;
            ExerciseSummary x;
            x.id = k.id;
            x.title = k.title;
            QList<int> attempts;
            struct Group {
                WrongAnswer answer;
                QSet<int> learners;
                QMap<QString, int> feedback;
                int firstSeen = 0;
            };
            QHash<QString, Group> groups;
            for (qsizetype p = 0; p < snapshots.size(); ++p) {
                const SnapshotExercise* e = byId[p].value(k.id, nullptr);
                if (!e) continue;
                if (e->solved) {
                    ++x.solved;
                    x.solvedBy << names[p];
                } else if (e->attemptCount > 0 || e->solutionShown) {
                    ++x.triedNotSolved;
                    x.stuck << names[p];
                }
                if (e->attemptCount > 0) attempts << e->attemptCount;
                for (const SnapshotAttempt& a : e->attempts) {
                    if (a.correct) continue;
                    const bool anticipated = !a.mistake.trimmed().isEmpty();
                    const QString shown = anticipated ? a.mistake : a.answer.trimmed();
                    const QString key = (anticipated ? QStringLiteral("m:") : QStringLiteral("a:")) + normalizedAnswer(shown);
                    auto it = groups.find(key);
                    if (it == groups.end()) {
                        it = groups.insert(key, Group{});
                        it->answer.answer = shown;
                        it->answer.anticipated = anticipated;
                        it->firstSeen = int(groups.size());
                    }
                    ++it->answer.times;
                    it->learners.insert(int(p));
                    if (!a.feedback.isEmpty()) ++it->feedback[a.feedback];
                }
            }
            x.medianAttempts = median(attempts);
            QList<Group> ranked;
            for (Group& g : groups) {
                g.answer.learners = int(g.learners.size());
                int best = 0;
                for (auto f = g.feedback.cbegin(); f != g.feedback.cend(); ++f)
                    if (f.value() > best) {
                        best = f.value();
                        g.answer.feedback = f.key();
                    }
                ranked.append(g);
            }
            std::sort(ranked.begin(), ranked.end(), [](const Group& a, const Group& b) {
                if (a.answer.learners != b.answer.learners) return a.answer.learners > b.answer.learners;
                if (a.answer.times != b.answer.times) return a.answer.times > b.answer.times;
                if (a.answer.anticipated != b.answer.anticipated) return a.answer.anticipated;
                return a.firstSeen < b.firstSeen;
            });
            for (const Group& g : ranked) x.wrongAnswers.append(g.answer);
            lesson.exercises.append(x);
        }
        if (!lesson.exercises.isEmpty()) summary.lessons.append(lesson);
    }
    return summary;
}

QJsonObject classSummaryJson(const ClassFolderScan& scan, const ClassSummary& summary, bool names)
{
    QJsonObject skipped;
    skipped[QStringLiteral("not_snapshot")] = scan.notSnapshot;
    skipped[QStringLiteral("damaged")] = scan.damaged;
    skipped[QStringLiteral("other_version")] = scan.otherVersion;
    skipped[QStringLiteral("too_large")] = scan.tooLarge;
    skipped[QStringLiteral("unreadable")] = scan.unreadable;
    skipped[QStringLiteral("too_many")] = scan.tooMany;
    QJsonArray lessons;
    for (const LessonSummary& l : summary.lessons) {
        QJsonArray exercises;
        for (const ExerciseSummary& e : l.exercises) {
            QJsonObject o;
            o[QStringLiteral("id")] = e.id;
            o[QStringLiteral("title")] = e.title;
            o[QStringLiteral("solved")] = e.solved;
            o[QStringLiteral("tried_not_solved")] = e.triedNotSolved;
            o[QStringLiteral("median_attempts")] = e.medianAttempts;
            if (names) {
                o[QStringLiteral("solved_by")] = QJsonArray::fromStringList(e.solvedBy);
                o[QStringLiteral("stuck")] = QJsonArray::fromStringList(e.stuck);
            }
            QJsonArray wrong;
            for (const WrongAnswer& w : e.wrongAnswers.mid(0, 10)) {
                QJsonObject a;
                a[QStringLiteral("answer")] = w.answer;
                a[QStringLiteral("anticipated")] = w.anticipated;
                a[QStringLiteral("feedback")] = w.feedback;
                a[QStringLiteral("learners")] = w.learners;
                a[QStringLiteral("times")] = w.times;
                wrong.append(a);
            }
            o[QStringLiteral("wrong_answers")] = wrong;
            exercises.append(o);
        }
        QJsonObject o;
        o[QStringLiteral("id")] = l.id;
        o[QStringLiteral("title")] = l.title;
        o[QStringLiteral("exercises")] = exercises;
        lessons.append(o);
    }
    QJsonObject top;
    top[QStringLiteral("folder")] = QDir::toNativeSeparators(scan.folder);
    top[QStringLiteral("learners")] = summary.learners;
    top[QStringLiteral("skipped")] = skipped;
    top[QStringLiteral("lessons")] = lessons;
    return top;
}

QString skippedText(const ClassFolderScan& scan)
{
    QStringList parts;
    auto add = [&](int n, const QString& one, const QString& many) {
        if (n > 0) parts << (n == 1 ? one : many.arg(n));
    };
    add(scan.damaged, QObject::tr("1 damaged"), QObject::tr("%1 damaged"));
    add(scan.tooLarge, QObject::tr("1 too large"), QObject::tr("%1 too large"));
    add(scan.otherVersion, QObject::tr("1 from another version"), QObject::tr("%1 from another version"));
    add(scan.notSnapshot, QObject::tr("1 not a snapshot"), QObject::tr("%1 not snapshots"));
    add(scan.unreadable, QObject::tr("1 unreadable"), QObject::tr("%1 unreadable"));
    add(scan.tooMany, QObject::tr("1 beyond the limit of files"), QObject::tr("%1 beyond the limit of files"));
    return parts.join(QStringLiteral(", "));
}

} // namespace minima
