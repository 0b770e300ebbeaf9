#pragma once
// The controls the three labs share: which data, how big, how long, which seed; built the
// same way in each lab so a learner finds them in the same place.
#include <QString>

#include "lessons/common/charts/numberformat.h"

class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QSpinBox;
class QWidget;

namespace minima {

// Adds "label [widget]" at (row, column pair) of grid; the label is the widget's buddy
// (Alt+letter moves focus to it) and its accessible name.
void addControl(QGridLayout* grid, int row, int pair, const QString& label, QWidget* control);

QComboBox* makeDatasetBox(const QString& objectName, QWidget* parent);
QSpinBox* makeSpin(const QString& objectName, int min, int max, int value, QWidget* parent);
QDoubleSpinBox* makeRateSpin(const QString& objectName, double min, double max, double value, int decimals,
                             QWidget* parent);

} // namespace minima
