#include "lessons/common/progresssink.h"

namespace minima {

QString verdictName(AttemptRecord::Verdict v)
{
    switch (v) {
    case AttemptRecord::Verdict::Correct: return QStringLiteral("correct");
    case AttemptRecord::Verdict::Wrong: return QStringLiteral("wrong");
    case AttemptRecord::Verdict::Unreadable: return QStringLiteral("unreadable");
    case AttemptRecord::Verdict::SolutionShown: return QStringLiteral("solution-shown");
    case AttemptRecord::Verdict::HintShown: return QStringLiteral("hint-shown");
    }
    return QStringLiteral("wrong");
}

bool verdictFromName(const QString& name, AttemptRecord::Verdict* out)
{
    using V = AttemptRecord::Verdict;
    for (V v : {V::Correct, V::Wrong, V::Unreadable, V::SolutionShown, V::HintShown}) {
        if (verdictName(v) == name) {
            *out = v;
            return true;
        }
    }
    return false;
}

} // namespace minima
