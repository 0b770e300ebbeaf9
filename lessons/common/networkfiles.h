#pragma once
// Networks saved as JSON and datasets as CSV (formats documented in README.md). Files
// are read here, on the Qt side, and handed to the engine as plain structs; every field
// is validated and a bad file is refused with the file and the field named.
#include <QString>

#include "engine/nn/datasets.h"
#include "engine/nn/network.h"

namespace minima {

// {"format": "minima-network", "version": 1, "widths": [2, 3, 1],
//  "hidden_activations": ["tanh"], "output": "linear", "parameters": [...]}
bool saveNetwork(const Network& net, const QString& path, QString* error);
bool loadNetwork(const QString& path, Network* net, QString* error);

// A header row "x1,...,xd,y" then one sample per row; numbers in C locale. Targets all 0 or
// 1 make a classification set; whole numbers 0..K-1 with K > 2 a multi-class set
// (classCount = K, the largest label plus one).
bool saveDataset(const Dataset& data, const QString& path, QString* error);
bool loadDataset(const QString& path, Dataset* data, QString* error);

} // namespace minima
