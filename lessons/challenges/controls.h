#pragma once
// The controls the three labs share (which data, how long, which seed), added to a lab's
// control strip in the same order in each lab, so a learner finds them in the same place.
#include <QString>

#include "engine/experiments/depth.h"

class QComboBox;
class QSpinBox;

namespace minima {

class ControlStrip;

struct SharedControls {
    QComboBox* dataset = nullptr;   // key "datasetBox"
    QSpinBox* epochs = nullptr;     // key "epochsSpin"
    QSpinBox* seed = nullptr;       // key "seedSpin"
    // The data set and seed chosen.
    DeepTask task() const;
};

// Adds "Data", "Epochs" (labelled epochsLabel) and "Seed" to the strip's current row, then
// starts a new row for the lab's own controls.
SharedControls addSharedControls(ControlStrip* strip, const DeepTask& defaults, int epochs, const QString& epochsLabel);

// A depth in hidden layers, 1 to 8.
QSpinBox* addDepthControl(ControlStrip* strip, const QString& key, const QString& label, int value);

} // namespace minima
