#include "app/commands.h"

namespace minima {
// PENDING-COUNT: replaced once the engine's symmetry counts are in.
int runCountCommand(const QStringList&, QTextStream&, QTextStream& err)
{
    err << "minima: count is not in this build yet\n";
    return 1;
}
} // namespace minima
