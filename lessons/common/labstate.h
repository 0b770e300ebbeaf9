#pragma once
// A lab's state (its lesson, which lab, and the value of every control, seeds included),
// saved to a file or copied as a short text, so that opening it restores the same figure.
//
// Controls are found by their objectName inside the lab's widget: spin boxes, sliders,
// combo boxes, check boxes and radio buttons, and editable line edits. A lab with state
// that is not in a control (e.g. points the learner clicked) may add it by declaring
//   Q_INVOKABLE QVariantMap labExtraState() const;
//   Q_INVOKABLE void restoreLabExtraState(const QVariantMap& state);
// on its widget; both are found at run time.
#include <QByteArray>
#include <QString>
#include <QVariantMap>

class QWidget;

namespace minima {

struct LabState {
    QString lesson;        // lesson id
    int lab = 0;           // tab index
    QVariantMap controls;  // objectName (#n for the n-th of a name) -> value
    QVariantMap extra;     // the lab's own extra state, if it has any
};

QVariantMap captureControls(QWidget* lab);
// Restores the controls that exist; returns how many were set.
int restoreControls(QWidget* lab, const QVariantMap& controls);

LabState captureLabState(const QString& lesson, int labIndex, QWidget* lab);
void restoreLabState(QWidget* lab, const LabState& state);

// "minima-lab:1:<base64url of compressed JSON>": short enough to paste in a chat.
QString encodeLabState(const LabState& state);
bool decodeLabState(const QString& text, LabState* state, QString* error);

// The bytes of a lab-state file: its JSON, or the short text.
bool readLabState(const QByteArray& bytes, LabState* state, QString* error);

bool saveLabStateFile(const LabState& state, const QString& path, QString* error);
bool loadLabStateFile(const QString& path, LabState* state, QString* error);

} // namespace minima
