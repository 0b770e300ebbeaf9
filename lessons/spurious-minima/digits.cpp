#include "lessons/spurious-minima/digits.h"

#include <stdexcept>

#include "engine/experiments/spuriousline.h"
#include "lessons/common/networkfiles.h"

namespace minima {

DigitsData readDigits(const QString& path)
{
    DigitsData d;
    Dataset data;
    QString error;
    if (!loadDataset(path, &data, &error)) {
        d.error = error;
        return d;
    }
    if (data.inputs.rows() != 64 || data.classCount != 10) {
        d.error = QStringLiteral("%1: expected 64 pixel columns and the labels 0 to 9, found %2 columns and %3 classes")
                      .arg(path)
                      .arg(data.inputs.rows())
                      .arg(data.classCount);
        return d;
    }
    if (data.inputs.minCoeff() < 0 || data.inputs.maxCoeff() > 16) {
        d.error = QStringLiteral("%1: a pixel lies outside 0..16").arg(path);
        return d;
    }
    data.inputs /= 16.0;
    data.name = "digits";
    d.data = std::move(data);
    d.ok = true;
    return d;
}

const DigitsData& digitsData()
{
    static const DigitsData digits = readDigits(QStringLiteral(":/datasets/digits.csv"));
    return digits;
}

namespace {
// `minima run start-to-solution` reads the digits from here.
[[maybe_unused]] const bool registered = [] {
    setStartToSolutionDataset([] {
        const DigitsData& d = digitsData();
        if (!d.ok) throw std::runtime_error(d.error.toStdString());
        return d.data;
    });
    return true;
}();
} // namespace

} // namespace minima
