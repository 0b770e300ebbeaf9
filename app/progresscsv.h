#pragma once
// A learner's progress as CSV: written for export, read back for the class table.
#include <QList>
#include <QString>

#include "app/progressreport.h"

namespace minima {

// CSV with a header row; fields holding a comma, quote or line break are quoted (RFC 4180).
QString progressCsv(const QList<ExerciseReport>& rows);
bool writeProgressCsv(const QList<ExerciseReport>& rows, const QString& path, QString* error);
// Reads a file written by writeProgressCsv. A file that is not one is refused with its name,
// the line and what is wrong; rows are appended to *rows only when the whole file reads.
bool readProgressCsv(const QString& path, QList<ExerciseReport>* rows, QString* error);

} // namespace minima
