#pragma once
// Lab 2, "Count": the exact number of equivalent arrangements of a network's hidden layers,
// prod n_i! (times 2^n_i per tanh layer, for sign flips), all digits, and a chart of how
// fast log10 n!^l grows with the width n for l = 1..5 layers.
#include <QWidget>

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
class FigureJob;
class LessonContext;
class JobStatus;

class CountLab : public QWidget {
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
    JobStatus* status() const { return status_; }

    // Hidden widths read from text like "3, 3" or "100 100 100"; empty with *error set if unreadable.
    static std::vector<int> parseWidths(const QString& text, QString* error);

private:
    void recount();
    void redrawChart();
    void fillFromSpins();
    bool signFlips() const;

    LessonContext& context_;
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
    JobStatus* status_;
    FigureJob* countJob_;
    FigureJob* chartJob_;
    bool filling_ = false;
};

} // namespace minima
