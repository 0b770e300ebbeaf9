#pragma once
// A warning box whose text is shown as plain text: QMessageBox guesses rich text otherwise,
// and its text often quotes a file (a name, a line of a learner's CSV).
#include <QMessageBox>
#include <QString>

namespace minima {

inline void showPlainWarning(QWidget* parent, const QString& title, const QString& text)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

} // namespace minima
