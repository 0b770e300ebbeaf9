#include "lessons/common/controlstrip.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

#include "lessons/common/flowlayout.h"
#include "lessons/common/labstate.h"

namespace minima {

ControlStrip::ControlStrip(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("controlStrip"));
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(4);
    // Preferred, not Maximum: a maximum is the one-line size hint, which would cut off the rows
    // the controls wrap onto in a narrow lab. The lab gives its spare height to the figures.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    newRow();
}

void ControlStrip::newRow()
{
    if (!rows_.isEmpty() && rows_.back()->count() == 0) return;
    auto* row = new FlowLayout;
    static_cast<QVBoxLayout*>(layout())->addLayout(row);
    rows_.append(row);
}

QWidget* ControlStrip::addPair(const QString& key, const QString& label, QWidget* control, const QString& help)
{
    control->setObjectName(key);
    if (!help.isEmpty()) control->setToolTip(help);
    auto* pair = new QWidget(this);
    pair->setObjectName(key + QStringLiteral("Pair"));
    auto* h = new QHBoxLayout(pair);
    h->setContentsMargins(0, 0, 0, 0);
    h->setSpacing(4);
    if (!label.isEmpty()) {
        // Labels are the app's own words; '&' marks the mnemonic that focuses the buddy.
        auto* l = new QLabel(label, pair);
        l->setBuddy(control);
        QString plain = label;
        plain.remove(QLatin1Char('&'));
        plain = plain.trimmed();
        if (plain.endsWith(QLatin1Char(':'))) plain.chop(1);
        control->setAccessibleName(plain);
        h->addWidget(l);
        labels_.insert(key, l);
    }
    control->setParent(pair);
    h->addWidget(control);
    rows_.back()->addWidget(pair);
    return pair;
}

void ControlStrip::watch(const QString& key, QWidget* control)
{
    controls_.insert(key, control);
    order_.append(key);
    auto notify = [this, key] {
        if (!quiet_.contains(key)) emit changed(key);
    };
    if (auto* s = qobject_cast<QSpinBox*>(control)) connect(s, &QSpinBox::valueChanged, this, notify);
    else if (auto* d = qobject_cast<QDoubleSpinBox*>(control)) connect(d, &QDoubleSpinBox::valueChanged, this, notify);
    else if (auto* c = qobject_cast<QComboBox*>(control)) connect(c, &QComboBox::currentIndexChanged, this, notify);
    else if (auto* b = qobject_cast<QAbstractButton*>(control)) connect(b, &QAbstractButton::toggled, this, notify);
    else if (auto* a = qobject_cast<QAbstractSlider*>(control)) connect(a, &QAbstractSlider::valueChanged, this, notify);
    else if (auto* e = qobject_cast<QLineEdit*>(control)) connect(e, &QLineEdit::editingFinished, this, notify);
}

QSpinBox* ControlStrip::addInteger(const QString& key, const QString& label, int min, int max, int value,
                                   const QString& unit, const QString& help)
{
    auto* spin = new QSpinBox;
    spin->setRange(min, max);
    spin->setValue(value);
    spin->setKeyboardTracking(false);
    spin->setAccelerated(true);
    if (!unit.isEmpty()) spin->setSuffix(QLatin1Char(' ') + unit);
    addPair(key, label, spin, help);
    watch(key, spin);
    return spin;
}

QDoubleSpinBox* ControlStrip::addNumber(const QString& key, const QString& label, double min, double max, double value,
                                        int decimals, const QString& unit, const QString& help)
{
    auto* spin = new QDoubleSpinBox;
    spin->setDecimals(decimals);
    spin->setRange(min, max);
    spin->setValue(value);
    spin->setKeyboardTracking(false);
    spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    if (!unit.isEmpty()) spin->setSuffix(QLatin1Char(' ') + unit);
    addPair(key, label, spin, help);
    watch(key, spin);
    return spin;
}

QComboBox* ControlStrip::addChoice(const QString& key, const QString& label, const QList<Choice>& choices, int current,
                                   const QString& help)
{
    auto* box = new QComboBox;
    for (const Choice& c : choices) box->addItem(c.text, c.data);
    box->setCurrentIndex(std::clamp(current, 0, std::max(0, int(choices.size()) - 1)));
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    addPair(key, label, box, help);
    watch(key, box);
    return box;
}

QCheckBox* ControlStrip::addToggle(const QString& key, const QString& label, bool on, const QString& help)
{
    auto* box = new QCheckBox(label);
    box->setChecked(on);
    addPair(key, QString(), box, help);
    QString plain = label;
    box->setAccessibleName(plain.remove(QLatin1Char('&')));
    watch(key, box);
    return box;
}

QSlider* ControlStrip::addSlider(const QString& key, const QString& label, int min, int max, int value,
                                 std::function<QString(int)> valueText, const QString& help)
{
    auto* slider = new QSlider(Qt::Horizontal);
    slider->setRange(min, max);
    slider->setValue(value);
    slider->setPageStep(std::max(1, (max - min) / 10));
    slider->setMinimumWidth(110);
    QWidget* pair = addPair(key, label, slider, help);
    auto* shown = new QLabel(pair);
    shown->setObjectName(key + QStringLiteral("Value"));
    shown->setTextFormat(Qt::PlainText);
    pair->layout()->addWidget(shown);
    sliderTexts_.insert(key, std::move(valueText));
    sliderValues_.insert(key, shown);
    watch(key, slider);
    refreshSliderText(key);
    connect(slider, &QSlider::valueChanged, this, [this, key] { refreshSliderText(key); });
    return slider;
}

void ControlStrip::refreshSliderText(const QString& key)
{
    auto* slider = qobject_cast<QSlider*>(controls_.value(key));
    if (!slider || !sliderValues_.contains(key)) return;
    const auto& text = sliderTexts_[key];
    sliderValues_[key]->setText(text ? text(slider->value()) : QString::number(slider->value()));
}

QLineEdit* ControlStrip::addText(const QString& key, const QString& label, const QString& text, const QString& help)
{
    auto* edit = new QLineEdit(text);
    edit->setMinimumWidth(180);
    addPair(key, label, edit, help);
    watch(key, edit);
    return edit;
}

QPushButton* ControlStrip::addAction(const QString& key, const QString& label, const QString& help)
{
    auto* button = new QPushButton(label);
    addPair(key, QString(), button, help);
    QString plain = label;
    button->setAccessibleName(plain.remove(QLatin1Char('&')));
    return button;
}

void ControlStrip::addControl(const QString& key, const QString& label, QWidget* control, const QString& help)
{
    addPair(key, label, control, help);
    watch(key, control);
}

void ControlStrip::setRecomputes(const QString& key, bool recomputes)
{
    quiet_.removeAll(key);
    if (!recomputes) quiet_.append(key);
}

QVariantMap ControlStrip::values() const
{
    QVariantMap out;
    for (const QString& key : order_) {
        const QVariant v = controlValue(controls_.value(key));
        if (v.isValid()) out.insert(key, v);
    }
    return out;
}

int ControlStrip::setValues(const QVariantMap& values)
{
    QStringList keys;
    for (const QString& k : order_)
        if (values.contains(k)) keys.append(k);
    std::stable_sort(keys.begin(), keys.end(), [this](const QString& a, const QString& b) {
        return qobject_cast<QComboBox*>(controls_.value(a)) && !qobject_cast<QComboBox*>(controls_.value(b));
    });
    int set = 0;
    for (const QString& k : keys)
        if (setControlValue(controls_.value(k), values.value(k))) ++set;
    return set;
}

} // namespace minima
