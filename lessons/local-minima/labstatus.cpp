#include "lessons/local-minima/labstatus.h"

#include "lessons/common/runstatus.h"

namespace minima {

QWidget* makeLabStatus(FigureJob* job, QWidget* parent)
{
    auto* status = new RunStatus(parent);
    status->setObjectName(QStringLiteral("runStatus"));
    status->follow(job);
    return status;
}

void setLabStatusMessage(QWidget* status, const QString& text, bool warning)
{
    static_cast<RunStatus*>(status)->setMessage(text, warning);
}

QString labStatusMessage(const QWidget* status) { return static_cast<const RunStatus*>(status)->message(); }

} // namespace minima
