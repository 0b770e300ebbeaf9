#include "lessons/challenges/controls.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>

#include <cmath>

namespace minima {

void addControl(QGridLayout* grid, int row, int pair, const QString& label, QWidget* control)
{
    auto* l = new QLabel(label, grid->parentWidget());
    l->setBuddy(control);
    QString plain = label;
    plain.remove(QLatin1Char('&'));
    control->setAccessibleName(plain);
    grid->addWidget(l, row, 2 * pair, Qt::AlignRight);
    grid->addWidget(control, row, 2 * pair + 1);
}

QComboBox* makeDatasetBox(const QString& objectName, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    box->setObjectName(objectName);
    box->addItem(QObject::tr("two moons"), QStringLiteral("moons"));
    box->addItem(QObject::tr("two spirals"), QStringLiteral("spirals"));
    box->addItem(QObject::tr("circles"), QStringLiteral("circles"));
    box->addItem(QObject::tr("noisy XOR"), QStringLiteral("xor"));
    return box;
}

QSpinBox* makeSpin(const QString& objectName, int min, int max, int value, QWidget* parent)
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(min, max);
    spin->setValue(value);
    spin->setKeyboardTracking(false);
    return spin;
}

QDoubleSpinBox* makeRateSpin(const QString& objectName, double min, double max, double value, int decimals,
                             QWidget* parent)
{
    auto* spin = new QDoubleSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setDecimals(decimals);
    spin->setRange(min, max);
    spin->setValue(value);
    spin->setKeyboardTracking(false);
    spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    return spin;
}

} // namespace minima
