#pragma once
// The 8x8 handwritten digits (resources/datasets/digits.csv, source and licence in
// resources/datasets/README.md), read once through the dataset loader (loadDataset) from the
// build's resources and kept: 1,797 samples, 64 pixels divided by 16 (inputs in [0, 1]),
// labels 0..9 (classCount 10).
#include <QString>

#include "engine/nn/datasets.h"

namespace minima {

struct DigitsData {
    bool ok = false;
    Dataset data;    // when ok
    QString error;   // when not: one sentence naming the file and what is wrong
};

// Read on the first call (any thread; later calls wait for it), the same object after.
const DigitsData& digitsData();

// Reads and checks a digits file at `path` (64 pixel columns 0..16, labels 0..9): what
// digitsData() does with the resource, for any file.
DigitsData readDigits(const QString& path);

} // namespace minima
