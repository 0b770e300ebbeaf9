#pragma once
// How attempts add up to a learner's progress on one exercise: the one rule every
// ProgressSink follows. Pure: it reads no file and keeps no state.
#include "lessons/common/progresssink.h"

namespace minima {

// Adds one attempt's verdict, taken in the order the attempts were made, to *progress. A
// correct answer after "show solution" is not "solved"; "could not read" is not an attempt.
void foldVerdict(ExerciseProgress& progress, AttemptRecord::Verdict verdict);

} // namespace minima
