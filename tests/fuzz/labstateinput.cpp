#include "tests/fuzz/labstateinput.h"

#include <QByteArray>
#include <QString>

#include "lessons/common/labstate.h"

namespace minima::fuzz {

namespace {

std::string checkOutcome(bool ok, const LabState& state, const QString& error)
{
    if (!ok) {
        if (error.isEmpty()) return "refused without saying why";
        if (error.contains(QLatin1Char('\n'))) return "refused with more than one line: " + error.toStdString();
        return {};
    }
    if (state.lesson.isEmpty()) return "accepted a state without a lesson";
    if (state.lab < 0 || state.lab > 50) return "accepted a lab out of range";
    return {};
}

} // namespace

std::string runLabStateInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    {
        LabState state;
        QString error;
        const bool ok = readLabState(bytes, &state, &error);
        if (std::string broken = checkOutcome(ok, state, error); !broken.empty()) return "as a file: " + broken;
    }
    {
        LabState state;
        QString error;
        const bool ok = decodeLabState(QString::fromUtf8(bytes), &state, &error);
        if (std::string broken = checkOutcome(ok, state, error); !broken.empty()) return "as a pasted text: " + broken;
        // What was accepted encodes and decodes to the same state.
        if (ok) {
            LabState again;
            QString why;
            if (!decodeLabState(encodeLabState(state), &again, &why)) return "a decoded state does not decode again: " + why.toStdString();
            if (again.lesson != state.lesson || again.lab != state.lab) return "a decoded state changed on a round trip";
        }
    }
    return {};
}

} // namespace minima::fuzz
