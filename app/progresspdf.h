#pragma once
// A learner's progress as a printable PDF page.
#include <QList>
#include <QString>

#include "app/progressreport.h"

namespace minima {

// A printable page (A4) with the learner's table, as PDF.
bool writeProgressPdf(const QList<ExerciseReport>& rows, const QString& path, QString* error);

} // namespace minima
