#include "lessons/local-minima/localminimalesson.h"

#include <QCoreApplication>

#include "lessons/local-minima/antlab.h"
#include "lessons/local-minima/descentlab.h"
#include "lessons/local-minima/escapelab.h"

namespace minima {

LessonDescriptor LocalMinimaLesson::describe() const
{
    return {QStringLiteral("local-minima"),
            tr("Local minima"),
            tr("Gradient descent sees only where it stands: on a bowl it finds the bottom, on other surfaces the start "
              "picks the valley, and mini-batch noise escapes shallow minima but not deep ones."),
            {
                labOf<AntLab>(QStringLiteral("ant"), tr("The ant's view"), QStringLiteral("ant.md")),
                labOf<DescentLab>(QStringLiteral("descent"), tr("Where gradient descent ends"), QStringLiteral("descent.md")),
                labOf<EscapeLab>(QStringLiteral("escape"), tr("Figure 4-1, measured"), QStringLiteral("escape.md")),
            }};
}

} // namespace minima
