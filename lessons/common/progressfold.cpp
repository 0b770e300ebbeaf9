#include "lessons/common/progressfold.h"

namespace minima {

void foldVerdict(ExerciseProgress& progress, AttemptRecord::Verdict verdict)
{
    switch (verdict) {
    case AttemptRecord::Verdict::Correct:
        ++progress.attempts;
        if (!progress.solutionShown) progress.solved = true;
        break;
    case AttemptRecord::Verdict::Wrong: ++progress.attempts; break;
    case AttemptRecord::Verdict::Unreadable: break;
    case AttemptRecord::Verdict::SolutionShown: progress.solutionShown = true; break;
    case AttemptRecord::Verdict::HintShown: ++progress.hintsShown; break;
    }
}

} // namespace minima
