#include "tests/fuzz/packinput.h"

#include <QByteArray>
#include <QString>

#include "lessons/common/exercises/exerciseformat.h"

namespace minima::fuzz {

std::string runPackInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString fileName = QStringLiteral("fuzz.json");
    ExerciseFile file;
    QString error;
    if (!readExerciseFile(json, fileName, &file, &error)) {
        if (!error.startsWith(fileName + QStringLiteral(": "))) return "refused without naming the file: " + error.toStdString();
        if (error.contains(QLatin1Char('\n'))) return "refused with more than one line: " + error.toStdString();
        if (!file.exercises.isEmpty()) return "refused but filled the pack";
        return {};
    }
    const ExerciseFileLimits limits;
    if (file.exercises.size() > limits.maxExercises) return "accepted more exercises than the limit";
    for (const auto& e : file.exercises) {
        if (!e) return "accepted a null exercise";
        if (e->id.isEmpty() || e->lesson.isEmpty() || !e->id.startsWith(e->lesson + QLatin1Char('.')))
            return "accepted an exercise without a <lesson>.<name> id";
        if (e->source != fileName) return "an exercise does not name its file";
        if (e->expected.isEmpty() == e->computation.isEmpty())
            return "accepted an exercise without exactly one of expected and computation";
        if (e->parameters.size() > limits.maxParameters || e->hints.size() > limits.maxHints
            || e->mistakes.size() > limits.maxMistakes || e->options.size() > limits.maxOptions
            || e->variables.size() > limits.maxVariables)
            return "accepted more entries than a limit";
        if (e->prompt.size() > limits.maxPromptLength || e->solution.size() > limits.maxPromptLength)
            return "accepted a prompt longer than the limit";
    }
    return {};
}

} // namespace minima::fuzz
