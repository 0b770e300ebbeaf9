#include "lessons/relu-rescaling/factorcontrol.h"

#include <QDoubleSpinBox>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

#include "lessons/common/controlstrip.h"

namespace minima {

namespace {
constexpr int kStepsPerDoubling = 4;
}

RescalingFactorControl::RescalingFactorControl(ControlStrip* strip, double maxMagnitude, bool allowNegative,
                                               double initial)
    : QObject(strip), slider_(new QSlider(Qt::Horizontal)), spin_(new QDoubleSpinBox)
{
    const int J = int(std::lround(std::log2(maxMagnitude) * kStepsPerDoubling));
    std::vector<double> positive;
    for (int j = -J; j <= J; ++j) positive.push_back(std::exp2(double(j) / kStepsPerDoubling));
    if (allowNegative) {
        for (auto it = positive.rbegin(); it != positive.rend(); ++it) steps_.push_back(-*it);
        steps_.push_back(0.0);
    }
    steps_.insert(steps_.end(), positive.begin(), positive.end());

    slider_->setRange(0, int(steps_.size()) - 1);
    slider_->setPageStep(kStepsPerDoubling);
    slider_->setTickPosition(QSlider::TicksBelow);
    slider_->setTickInterval(kStepsPerDoubling);
    slider_->setMinimumWidth(160);
    spin_->setDecimals(3);
    spin_->setSingleStep(0.25);
    spin_->setRange(steps_.front(), steps_.back());
    spin_->setKeyboardTracking(false);
    spin_->setValue(initial);
    moveSliderTo(initial);
    strip->addControl(QStringLiteral("factorSlider"), tr("Factor &k:"), slider_,
                      tr("k in steps of a quarter doubling (×2^¼)"));
    strip->addControl(QStringLiteral("factorSpin"), QString(), spin_, tr("Type any k"));
    // The slider only moves the spin box, whose change recomputes.
    strip->setRecomputes(QStringLiteral("factorSlider"), false);
    slider_->setAccessibleName(tr("Rescaling factor k, in steps of a quarter doubling"));
    spin_->setAccessibleName(tr("Rescaling factor k"));

    connect(slider_, &QSlider::valueChanged, this, [this](int i) { spin_->setValue(steps_[std::size_t(i)]); });
    connect(spin_, &QDoubleSpinBox::valueChanged, this, [this](double k) {
        moveSliderTo(k);
        emit valueChanged(k);
    });
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
