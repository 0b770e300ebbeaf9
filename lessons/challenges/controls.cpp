#include "lessons/challenges/controls.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QSpinBox>

#include "lessons/common/controlstrip.h"

namespace minima {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("minima::ChallengesControls", text); }
} // namespace

DeepTask SharedControls::task() const
{
    DeepTask t;
    t.dataset = dataset->currentData().toString().toStdString();
    t.seed = std::uint64_t(seed->value());
    return t;
}

SharedControls addSharedControls(ControlStrip* strip, const DeepTask& defaults, int epochs, const QString& epochsLabel)
{
    SharedControls c;
    const QList<ControlStrip::Choice> datasets = {{tr("two moons"), QStringLiteral("moons")},
                                                  {tr("two spirals"), QStringLiteral("spirals")},
                                                  {tr("circles"), QStringLiteral("circles")},
                                                  {tr("noisy XOR"), QStringLiteral("xor")}};
    int current = 0;
    for (int i = 0; i < datasets.size(); ++i)
        if (datasets[i].data.toString().toStdString() == defaults.dataset) current = i;
    c.dataset = strip->addChoice(QStringLiteral("datasetBox"), tr("&Data:"), datasets, current,
                                 tr("The two-class data set the networks learn"));
    c.epochs = strip->addInteger(QStringLiteral("epochsSpin"), epochsLabel, 1, 2000, epochs, {},
                                 tr("Passes over the data"));
    c.seed = strip->addInteger(QStringLiteral("seedSpin"), tr("&Seed:"), 1, 9999, int(defaults.seed), {},
                               tr("Seed of the data, the initial weights and the mini-batch order"));
    strip->newRow();
    return c;
}

QSpinBox* addDepthControl(ControlStrip* strip, const QString& key, const QString& label, int value)
{
    QSpinBox* spin = strip->addInteger(key, label, 1, 8, value, tr("hidden layers"));
    return spin;
}

} // namespace minima
