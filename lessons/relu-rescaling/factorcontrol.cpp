#include "lessons/relu-rescaling/factorcontrol.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace minima {

namespace {
constexpr int kStepsPerDoubling = 4;
}

RescalingFactorControl::RescalingFactorControl(double maxMagnitude, bool allowNegative, QWidget* parent)
    : QWidget(parent), slider_(new QSlider(Qt::Horizontal, this)), spin_(new QDoubleSpinBox(this))
{
    const int J = int(std::lround(std::log2(maxMagnitude) * kStepsPerDoubling));
    std::vector<double> positive;
    for (int j = -J; j <= J; ++j) positive.push_back(std::exp2(double(j) / kStepsPerDoubling));
    if (allowNegative) {
        for (auto it = positive.rbegin(); it != positive.rend(); ++it) steps_.push_back(-*it);
        steps_.push_back(0.0);
    }
    steps_.insert(steps_.end(), positive.begin(), positive.end());

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("Factor &k:"), this);
    label->setBuddy(spin_);
    slider_->setObjectName(QStringLiteral("factorSlider"));
    slider_->setAccessibleName(tr("Rescaling factor k, in steps of a quarter doubling"));
    slider_->setRange(0, int(steps_.size()) - 1);
    slider_->setPageStep(kStepsPerDoubling);
    slider_->setTickPosition(QSlider::TicksBelow);
    slider_->setTickInterval(kStepsPerDoubling);
    slider_->setMinimumWidth(160);
    spin_->setObjectName(QStringLiteral("factorSpin"));
    spin_->setAccessibleName(tr("Rescaling factor k"));
    spin_->setDecimals(3);
    spin_->setSingleStep(0.25);
    spin_->setRange(steps_.front(), steps_.back());
    spin_->setKeyboardTracking(false);
    layout->addWidget(label);
    layout->addWidget(slider_, 1);
    layout->addWidget(spin_);

    connect(slider_, &QSlider::valueChanged, this, [this](int i) { spin_->setValue(steps_[std::size_t(i)]); });
    connect(spin_, &QDoubleSpinBox::valueChanged, this, [this](double k) {
        moveSliderTo(k);
        emit valueChanged(k);
    });
    setValue(1.0);
}

double RescalingFactorControl::value() const { return spin_->value(); }

void RescalingFactorControl::setValue(double k) { spin_->setValue(k); }

void RescalingFactorControl::moveSliderTo(double k)
{
    // The nearest step (in k itself: the slider is a guide, the spin box holds the value).
    std::size_t best = 0;
    for (std::size_t i = 1; i < steps_.size(); ++i)
        if (std::fabs(steps_[i] - k) < std::fabs(steps_[best] - k)) best = i;
    const QSignalBlocker block(slider_);
    slider_->setValue(int(best));
}

} // namespace minima
