#include "engine/optim/optimizer.h"

#include <stdexcept>

namespace minima {

void OptimizerSettings::validate() const
{
    if (!(std::isfinite(learningRate) && learningRate > 0.0))
        throw std::invalid_argument("learning rate must be a positive finite number");
    if (!(momentum >= 0.0 && momentum < 1.0)) throw std::invalid_argument("momentum must be in [0, 1)");
    if (!(rho >= 0.0 && rho < 1.0)) throw std::invalid_argument("rho must be in [0, 1)");
    if (!(beta1 >= 0.0 && beta1 < 1.0)) throw std::invalid_argument("beta1 must be in [0, 1)");
    if (!(beta2 >= 0.0 && beta2 < 1.0)) throw std::invalid_argument("beta2 must be in [0, 1)");
    if (!(std::isfinite(epsilon) && epsilon > 0.0)) throw std::invalid_argument("epsilon must be positive");
}

OptimizerSettings adamDefaults()
{
    OptimizerSettings s;
    s.kind = OptimizerKind::Adam;
    s.learningRate = 0.001;
    s.beta1 = 0.9;
    s.beta2 = 0.999;
    s.epsilon = 1e-8;
    return s;
}

const std::vector<std::string>& optimizerKeys()
{
    static const std::vector<std::string> keys = {"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"};
    return keys;
}

OptimizerKind optimizerFromKey(const std::string& key)
{
    if (key == "gd" || key == "sgd") return OptimizerKind::GradientDescent;
    if (key == "momentum") return OptimizerKind::Momentum;
    if (key == "nesterov") return OptimizerKind::Nesterov;
    if (key == "adagrad") return OptimizerKind::AdaGrad;
    if (key == "rmsprop") return OptimizerKind::RMSProp;
    if (key == "adam") return OptimizerKind::Adam;
    throw std::invalid_argument("unknown optimizer '" + key + "'");
}

std::string optimizerKey(OptimizerKind kind)
{
    switch (kind) {
    case OptimizerKind::GradientDescent: return "gd";
    case OptimizerKind::Momentum: return "momentum";
    case OptimizerKind::Nesterov: return "nesterov";
    case OptimizerKind::AdaGrad: return "adagrad";
    case OptimizerKind::RMSProp: return "rmsprop";
    case OptimizerKind::Adam: return "adam";
    }
    return "gd";
}

} // namespace minima
