#pragma once
// Lab 3, "Check the count by brute force": for a small network the engine builds every
// arrangement of its hidden neurons (and sign flips for tanh), counts the distinct parameter
// vectors among them and the largest output difference from the original; the count is
// compared with the formula prod n_i! (times 2^n_i with sign flips).
#include "lessons/common/lab.h"

#include <cstdint>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace minima {

class NetworkDiagram;

// Brute force here stops at a few tens of thousands of arrangements.
inline constexpr std::uint64_t kBruteForceLimit = 50'000;

class BruteForceLab : public Lab {
    Q_OBJECT
public:
    explicit BruteForceLab(LessonContext& context, QWidget* parent = nullptr);

    QLineEdit* widthsEdit() const { return widths_; }
    QComboBox* activationChoice() const { return activation_; }
    QCheckBox* signFlipsBox() const { return flips_; }
    QPushButton* runButton() const { return run_; }
    QLabel* enumeratedLabel() const { return enumerated_; }
    QLabel* distinctLabel() const { return distinct_; }
    QLabel* differenceLabel() const { return difference_; }
    QLabel* formulaLabel() const { return formula_; }
    QLabel* verdictLabel() const { return verdict_; }

    void run() override;

private:
    QLineEdit* widths_;
    QComboBox* activation_;
    QCheckBox* flips_;
    QPushButton* run_;
    NetworkDiagram* diagram_;
    QLabel* enumerated_;
    QLabel* distinct_;
    QLabel* difference_;
    QLabel* formula_;
    QLabel* verdict_;
};

} // namespace minima
