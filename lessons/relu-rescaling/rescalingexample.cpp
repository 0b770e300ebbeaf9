#include "lessons/relu-rescaling/rescalingexample.h"

#include <QComboBox>
#include <QCoreApplication>

#include "engine/nn/training.h"

namespace minima {

RescaleParams rescalingExampleParams()
{
    RescaleParams p;
    p.widths = {1, 4, 4, 1};
    p.activation = Activation::ReLU;
    p.dataset = "sine";
    p.samples = 64;
    p.noise = 0.1;
    p.epochs = 3000;
    p.learningRate = 0.01;
    p.seed = 1;
    return p;
}

const RescalingExample& rescalingExample()
{
    static const RescalingExample example = [] {
        const RescaleParams p = rescalingExampleParams();
        RescalingExample e;
        e.data = makeDataset(p.dataset, p.samples, p.noise, p.seed);
        TrainingRecord record;
        e.net = trainedNetwork(p.widths, p.activation, e.data, p.epochs, p.learningRate, p.seed, &record);
        e.loss = record.finalLoss();
        return e;
    }();
    return example;
}

QList<ControlStrip::Choice> neuronChoices(const std::vector<int>& widths)
{
    QList<ControlStrip::Choice> out;
    for (std::size_t h = 0; h + 2 < widths.size(); ++h)
        for (int i = 0; i < widths[h + 1]; ++i) {
            const NeuronChoice c{int(h), i};
            out.append({neuronName(c), QVariant::fromValue(QPoint(int(h), i))});
        }
    return out;
}

NeuronChoice neuronChoiceAt(const QComboBox* box, int index)
{
    const QPoint p = box->itemData(index).toPoint();
    return {p.x(), p.y()};
}

QString neuronName(const NeuronChoice& choice)
{
    return QCoreApplication::translate("minima::RescalingExample", "Layer %1, neuron %2")
        .arg(choice.hidden + 1)
        .arg(choice.neuron + 1);
}

Eigen::MatrixXd sampleInputs(double xMin, double xMax, int count)
{
    Eigen::MatrixXd X(1, count);
    for (int i = 0; i < count; ++i) X(0, i) = xMin + (xMax - xMin) * i / (count - 1);
    return X;
}

} // namespace minima
