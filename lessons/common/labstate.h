#pragma once
// A lab's state (its lesson, which lab, and the value of every control, seeds included),
// saved to a file or copied as a short text, so that opening it restores the same figure.
//
// The state comes from Lab::saveState(): the value of every control the lab registered in
// its control strip, by key, and what the lab adds of its own (points the learner clicked).
#include <QByteArray>
#include <QString>
#include <QVariant>
#include <QVariantMap>

class QWidget;

namespace minima {

class Lab;

struct LabState {
    QString lesson;        // lesson id
    int lab = 0;           // tab index
    QVariantMap controls;  // objectName (#n for the n-th of a name) -> value
    QVariantMap extra;     // the lab's own extra state, if it has any
};

// A control's value as a lab state holds it: a spin box's or slider's number, a choice's
// text, a toggle's state, a line's text; invalid for what is not a control.
QVariant controlValue(const QWidget* control);
// Sets a control from a lab state's value; false when the value does not fit the control.
bool setControlValue(QWidget* control, const QVariant& value);

LabState captureLabState(const QString& lesson, int labIndex, const Lab* lab);
void restoreLabState(Lab* lab, const LabState& state);

// "minima-lab:1:<base64url of compressed JSON>": short enough to paste in a chat.
QString encodeLabState(const LabState& state);
bool decodeLabState(const QString& text, LabState* state, QString* error);

// The bytes of a lab-state file: its JSON, or the short text.
bool readLabState(const QByteArray& bytes, LabState* state, QString* error);

bool saveLabStateFile(const LabState& state, const QString& path, QString* error);
bool loadLabStateFile(const QString& path, LabState* state, QString* error);

} // namespace minima
