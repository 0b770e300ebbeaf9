#pragma once
// Lab 2, "Count": the exact number of equivalent arrangements of a network's hidden layers,
// prod n_i! (times 2^n_i per tanh layer, for sign flips), all digits, and a chart of how
// fast log10 n!^l grows with the width n for l = 1..5 layers.
#include "lessons/common/lab.h"

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QScatterSeries;
class QSpinBox;
class QValueAxis;

namespace minima {

class FigureChart;
struct CountResult;

class CountLab : public Lab {
    Q_OBJECT
public:
    explicit CountLab(LessonContext& context, QWidget* parent = nullptr);

    QLineEdit* widthsEdit() const { return widths_; }
    QComboBox* activationChoice() const { return activation_; }
    QSpinBox* widthSpin() const { return n_; }
    QSpinBox* layerSpin() const { return l_; }
    QPlainTextEdit* countField() const { return count_; }
    QLabel* digitsLabel() const { return digits_; }
    FigureChart* growthChart() const { return chart_; }

    // Hidden widths read from text like "3, 3" or "100 100 100"; empty with *error set if unreadable.
    static std::vector<int> parseWidths(const QString& text, QString* error);

protected:
    void run() override;

private:
    void showResult(const CountResult& r);
    void fillFromSpins();
    bool signFlips() const;

    QLineEdit* widths_;
    QComboBox* activation_;
    QSpinBox* n_;
    QSpinBox* l_;
    QLabel* formula_;
    QPlainTextEdit* count_;
    QLabel* digits_;
    FigureChart* chart_;
    QScatterSeries* here_;
    QValueAxis* axisY_;
    bool filling_ = false;
    int curvesFor_ = -1;   // the curves on show: 0 without sign flips, 1 with, -1 none yet
};

} // namespace minima
