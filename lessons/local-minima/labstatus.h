#pragma once
// The shared progress bar, Stop button and message (lessons/common/runstatus.h), reached
// through functions: that widget's class minima::RunStatus has the same name as the
// engine's enum minima::RunStatus (engine/optim/run.h), so a file cannot include both.
class QString;
class QWidget;

namespace minima {

class FigureJob;

QWidget* makeLabStatus(FigureJob* job, QWidget* parent);
void setLabStatusMessage(QWidget* status, const QString& text, bool warning = false);
QString labStatusMessage(const QWidget* status);

} // namespace minima
