#pragma once
// The control kit a lab builds its control strip from: a labelled number with its unit and
// range, a choice, a toggle, a slider with its value shown, a line of text, and actions.
// Each control is registered under a key (also its objectName), which is how the lab's state
// is saved and restored (Lab::saveState) and how tests reach it. The label is the control's
// buddy (Alt+letter moves focus to it) and its accessible name. The strip wraps into more
// rows when the width runs out, so it stays compact on a projector and at large fonts.
#include <QList>
#include <QMap>
#include <QString>
#include <QVariant>
#include <QWidget>

#include <functional>
#include <utility>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;

namespace minima {

class FlowLayout;

class ControlStrip : public QWidget {
    Q_OBJECT
public:
    explicit ControlStrip(QWidget* parent = nullptr);

    struct Choice {
        QString text;
        QVariant data;
    };

    // Every add* registers the control under `key`; changing it emits changed(key) unless
    // the control was added with setRecomputes(key, false).
    QSpinBox* addInteger(const QString& key, const QString& label, int min, int max, int value,
                         const QString& unit = {}, const QString& help = {});
    QDoubleSpinBox* addNumber(const QString& key, const QString& label, double min, double max, double value,
                              int decimals, const QString& unit = {}, const QString& help = {});
    QComboBox* addChoice(const QString& key, const QString& label, const QList<Choice>& choices, int current = 0,
                         const QString& help = {});
    QCheckBox* addToggle(const QString& key, const QString& label, bool on, const QString& help = {});
    // A slider whose value is shown beside it as valueText(value) ("32 samples").
    QSlider* addSlider(const QString& key, const QString& label, int min, int max, int value,
                       std::function<QString(int)> valueText, const QString& help = {});
    QLineEdit* addText(const QString& key, const QString& label, const QString& text, const QString& help = {});
    // A button; actions are not state and do not emit changed().
    QPushButton* addAction(const QString& key, const QString& label, const QString& help = {});
    // Any other control (it must be one labstate.h's controlValue() reads), registered for state.
    void addControl(const QString& key, const QString& label, QWidget* control, const QString& help = {});

    // Starts a new row of controls.
    void newRow();

    void setRecomputes(const QString& key, bool recomputes);
    QWidget* control(const QString& key) const { return controls_.value(key); }
    QStringList keys() const { return order_; }
    // The label beside a control (nullptr for an action).
    QLabel* labelOf(const QString& key) const { return labels_.value(key); }
    // Refreshes a slider's value text (after its valueText function would now say more).
    void refreshSliderText(const QString& key);

    // The registered controls' values, by key; restore sets the ones given (choices first,
    // since a choice may change the ranges of the rest).
    QVariantMap values() const;
    int setValues(const QVariantMap& values);

signals:
    void changed(const QString& key);

private:
    QWidget* addPair(const QString& key, const QString& label, QWidget* control, const QString& help);
    void watch(const QString& key, QWidget* control);

    QList<FlowLayout*> rows_;
    QMap<QString, QWidget*> controls_;
    QMap<QString, QLabel*> labels_;
    QMap<QString, std::function<QString(int)>> sliderTexts_;
    QMap<QString, QLabel*> sliderValues_;
    QStringList order_;
    QStringList quiet_;
};

} // namespace minima
