#include "lessons/convexity/chordlab.h"

#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <memory>

#include "engine/answers/evaluate.h"
#include "engine/landscape/contours.h"
#include "engine/landscape/grid.h"
#include "engine/surfaces/surface.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/jobstatus.h"
#include "lessons/convexity/chartdrag.h"

namespace minima {

namespace {

constexpr int kCurveSamples = 401;
constexpr int kSliceSamples = 201;
constexpr int kGridCells = 121;

QString number(double v)
{
    if (std::abs(v) < 5e-13) v = 0;
    return QString::number(v, 'g', 4).replace(QLatin1Char('-'), QChar(0x2212));
}

QString pointText(const Eigen::VectorXd& p)
{
    if (p.size() == 1) return number(p(0));
    return QStringLiteral("(%1, %2)").arg(number(p(0)), number(p(1)));
}

// Min and max of the finite values, trimmed to the 1st..99th percentile so one pole (1/x)
// does not flatten the rest; a flat function gets a band of 1 around its value.
std::pair<double, double> plotRange(std::vector<double> values)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
    if (values.empty()) return {-1, 1};
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    double lo = values[n / 100], hi = values[n - 1 - n / 100];
    if (hi - lo < 1e-9 * std::max(1.0, std::abs(hi))) {
        lo -= 1;
        hi += 1;
    }
    const double pad = 0.08 * (hi - lo);
    return {lo - pad, hi + pad};
}

// Ticks at multiples of 1, 2, 2.5 or 5 times a power of ten, about six of them, anchored at 0.
void setNiceTicks(QValueAxis* axis, double lo, double hi)
{
    axis->setRange(lo, hi);
    const double raw = (hi - lo) / 6.0;
    if (!(raw > 0) || !std::isfinite(raw)) return;
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    double step = decade;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * decade >= raw) {
            step = m * decade;
            break;
        }
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
}

} // namespace

ChordFunction listedChordFunction(const QString& key)
{
    ChordFunction c;
    c.key = key;
    c.dimension = 1;
    // The 1-D functions of the engine's convexity test, on its box [-3, 3].
    if (key == QLatin1String("x2")) {
        c.label = QStringLiteral("x²");
        c.f = [](double x, double) { return x * x; };
    } else if (key == QLatin1String("abs")) {
        c.label = QStringLiteral("|x|");
        c.f = [](double x, double) { return std::abs(x); };
    } else if (key == QLatin1String("exp")) {
        c.label = QStringLiteral("eˣ");
        c.f = [](double x, double) { return std::exp(x); };
    } else if (key == QLatin1String("relu")) {
        c.label = QStringLiteral("max(0, x)");
        c.f = [](double x, double) { return std::max(0.0, x); };
    } else if (key == QLatin1String("sin")) {
        c.label = QStringLiteral("sin x");
        c.f = [](double x, double) { return std::sin(x); };
    } else if (key == QLatin1String("quartic")) {
        c.label = QStringLiteral("x⁴ − x²");
        c.f = [](double x, double) { return x * x * x * x - x * x; };
    } else if (key == QLatin1String("saddle")) {
        // The engine tests x² − y² on [-2, 2]².
        c.label = QStringLiteral("x² − y²");
        c.dimension = 2;
        c.f = [](double x, double y) { return x * x - y * y; };
        c.xMin = c.yMin = -2;
        c.xMax = c.yMax = 2;
    } else {
        const std::shared_ptr<Surface> s = makeSurface(key.toStdString());   // default bowl: λ = 1, 10
        c.dimension = 2;
        c.label = key == QLatin1String("bowl") ? QStringLiteral("bowl ½ xᵀAx, λ = 1 and 10")
                                               : QString::fromStdString(s->name());
        if (key == QLatin1String("himmelblau")) c.label = QStringLiteral("Himmelblau");
        c.f = [s](double x, double y) { return s->value(Point2(x, y)); };
        const Domain d = s->domain();
        c.xMin = d.xMin;
        c.xMax = d.xMax;
        c.yMin = d.yMin;
        c.yMax = d.yMax;
        c.logColours = key == QLatin1String("himmelblau");
    }
    return c;
}

ChordLab::ChordLab(LessonContext& context, QWidget* parent)
    : QWidget(parent),
      context_(context),
      function_(new QComboBox(this)),
      typed_(new QLineEdit(this)),
      reading_(new QLabel(this)),
      chart_(new FigureChart(this)),
      slice_(new FigureChart(this)),
      heatMap_(new HeatMapLayer(chart_->chart())),
      colourBar_(new ColourBar(this)),
      axisX_(new QValueAxis),
      axisY_(new QValueAxis),
      sliceX_(new QValueAxis),
      sliceY_(new QValueAxis),
      curve_(new QLineSeries),
      chord_(new QLineSeries),
      ends_(new QScatterSeries),
      midpoints_(new QScatterSeries),
      curvaturePoint_(new QScatterSeries),
      sliceCurve_(new QLineSeries),
      sliceChord_(new QLineSeries),
      sliceEnds_(new QScatterSeries),
      sliceWorst_(new QScatterSeries),
      readout_(new QLabel(this)),
      verdict_(new QLabel(this)),
      counterexample_(new QPushButton(tr("Show the counterexample"), this)),
      job_(new FigureJob(context, this)),
      status_(new JobStatus(this))
{
    setObjectName(QStringLiteral("chordLab"));
    auto* layout = new QVBoxLayout(this);

    // Which function.
    auto* pick = new QHBoxLayout;
    auto* functionLabel = new QLabel(tr("&Function:"), this);
    functionLabel->setBuddy(function_);
    function_->setObjectName(QStringLiteral("functionBox"));
    function_->setAccessibleName(tr("Function to test"));
    for (const char* key : {"x2", "abs", "exp", "relu", "sin", "quartic", "saddle", "bowl", "himmelblau"})
        function_->addItem(listedChordFunction(QString::fromLatin1(key)).label, QString::fromLatin1(key));
    function_->addItem(tr("typed: f(x) or f(x, y)"), QStringLiteral("typed"));
    typed_->setObjectName(QStringLiteral("typedFunction"));
    typed_->setAccessibleName(tr("Typed function of x, or of x and y"));
    typed_->setPlaceholderText(tr("e.g. x^4 - 3x^2 + y^2, abs(x) + exp(y)"));
    typed_->setText(QStringLiteral("x^4 - 3x^2 + y^2"));
    pick->addWidget(functionLabel);
    pick->addWidget(function_);
    pick->addWidget(typed_, 1);
    layout->addLayout(pick);
    reading_->setObjectName(QStringLiteral("reading"));
    reading_->setWordWrap(true);
    reading_->setAccessibleName(tr("How the typed function was read"));
    layout->addWidget(reading_);

    // The chord's ends: spin boxes (the keyboard way) beside the drag handles.
    auto* ends = new QHBoxLayout;
    const QString names[2] = {QStringLiteral("A"), QStringLiteral("B")};
    const QString coordinate[2] = {QStringLiteral("x"), QStringLiteral("y")};
    for (int p = 0; p < 2; ++p) {
        auto* label = new QLabel(tr("%1:").arg(names[p]), this);
        ends->addWidget(label);
        for (int c = 0; c < 2; ++c) {
            auto* spin = new QDoubleSpinBox(this);
            spin->setObjectName(QStringLiteral("point%1%2").arg(names[p], coordinate[c]));
            spin->setAccessibleName(tr("%1 of point %2").arg(coordinate[c], names[p]));
            spin->setDecimals(2);
            spin->setSingleStep(0.1);
            spin->setPrefix(coordinate[c] + QStringLiteral(" = "));
            spin->setKeyboardTracking(false);
            spins_[p][c] = spin;
            ends->addWidget(spin);
            connect(spin, &QDoubleSpinBox::valueChanged, this, [this] {
                if (!updating_) drawChord();
            });
        }
        yLabels_[p] = label;
        ends->addSpacing(12);
    }
    ends->addStretch(1);
    layout->addLayout(ends);

    // The graph or the heat map.
    QChart* chart = chart_->chart();
    chart_->setObjectName(QStringLiteral("graphChart"));
    chart_->setAccessibleName(tr("The function with the chord between A and B"));
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    for (QValueAxis* a : {axisX_, axisY_}) a->setLabelFormat(QStringLiteral("%g"));
    curve_->setObjectName(QStringLiteral("curve"));
    chord_->setObjectName(QStringLiteral("chord"));
    ends_->setObjectName(QStringLiteral("chordEnds"));
    midpoints_->setObjectName(QStringLiteral("midpoints"));
    curvaturePoint_->setObjectName(QStringLiteral("negativeCurvature"));
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{curve_, chord_, ends_, midpoints_, curvaturePoint_}) {
        chart->addSeries(s);
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    curve_->setPen(QPen(hueColor(Hue::Blue), 3));
    chord_->setPen(QPen(hueColor(Hue::Vermillion), 3));
    ends_->setName(tr("A, B (drag)"));
    ends_->setColor(hueColor(Hue::Vermillion));
    ends_->setBorderColor(Qt::white);
    ends_->setMarkerSize(16);
    midpoints_->setName(tr("midpoints"));
    midpoints_->setColor(hueColor(Hue::Yellow));
    midpoints_->setBorderColor(Qt::black);
    midpoints_->setMarkerSize(11);
    curvaturePoint_->setName(tr("Hessian λ < 0"));
    curvaturePoint_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    curvaturePoint_->setColor(hueColor(Hue::ReddishPurple));
    curvaturePoint_->setBorderColor(Qt::white);
    curvaturePoint_->setMarkerSize(13);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart_->setMinimumHeight(260);

    // 2-D: the surface along the segment from A to B.
    QChart* slice = slice_->chart();
    slice_->setObjectName(QStringLiteral("sliceChart"));
    slice_->setAccessibleName(tr("The surface along the segment from A to B, with the chord"));
    slice->setTitle(tr("Along the segment from A to B"));
    slice->addAxis(sliceX_, Qt::AlignBottom);
    slice->addAxis(sliceY_, Qt::AlignLeft);
    sliceX_->setTitleText(tr("t: A + t·(B − A)"));
    sliceX_->setRange(0, 1);
    sliceX_->setTickCount(6);
    sliceY_->setTitleText(tr("f"));
    for (QValueAxis* a : {sliceX_, sliceY_}) a->setLabelFormat(QStringLiteral("%g"));
    sliceCurve_->setObjectName(QStringLiteral("sliceCurve"));
    sliceChord_->setObjectName(QStringLiteral("sliceChord"));
    sliceEnds_->setObjectName(QStringLiteral("sliceEnds"));
    sliceWorst_->setObjectName(QStringLiteral("sliceWorst"));
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{sliceCurve_, sliceChord_, sliceEnds_, sliceWorst_}) {
        slice->addSeries(s);
        s->attachAxis(sliceX_);
        s->attachAxis(sliceY_);
    }
    sliceCurve_->setName(tr("f"));
    sliceCurve_->setPen(QPen(hueColor(Hue::Blue), 3));
    sliceChord_->setName(tr("chord"));
    sliceChord_->setPen(QPen(hueColor(Hue::Vermillion), 3));
    sliceEnds_->setName(tr("A, B"));
    sliceEnds_->setColor(hueColor(Hue::Vermillion));
    sliceEnds_->setBorderColor(Qt::white);
    sliceEnds_->setMarkerSize(14);
    sliceWorst_->setName(tr("most above"));
    sliceWorst_->setColor(hueColor(Hue::Yellow));
    sliceWorst_->setBorderColor(Qt::black);
    sliceWorst_->setMarkerSize(11);
    slice->legend()->setAlignment(Qt::AlignBottom);
    slice_->restyle();

    colourBar_->setObjectName(QStringLiteral("valueColourBar"));
    colourBar_->setLabel(tr("f"));
    auto* charts = new QHBoxLayout;
    charts->addWidget(chart_, 3);
    charts->addWidget(colourBar_);
    charts->addWidget(slice_, 2);
    layout->addLayout(charts, 1);

    readout_->setObjectName(QStringLiteral("chordReadout"));
    readout_->setWordWrap(true);
    readout_->setTextFormat(Qt::RichText);
    readout_->setAccessibleName(tr("What this chord shows"));
    layout->addWidget(readout_);

    auto* verdictRow = new QHBoxLayout;
    verdict_->setObjectName(QStringLiteral("verdict"));
    verdict_->setWordWrap(true);
    verdict_->setTextFormat(Qt::RichText);
    verdict_->setAccessibleName(tr("The convexity test's verdict"));
    counterexample_->setObjectName(QStringLiteral("showCounterexample"));
    counterexample_->setAccessibleName(tr("Move A and B to the counterexample chord"));
    counterexample_->setEnabled(false);
    verdictRow->addWidget(verdict_, 1);
    verdictRow->addWidget(counterexample_);
    layout->addLayout(verdictRow);
    status_->setObjectName(QStringLiteral("runStatus"));
    status_->follow(job_);
    layout->addWidget(status_);

    drag_ = new ChartDrag(chart_, [this] { return handles(); }, this);
    connect(drag_, &ChartDrag::dragged, this, &ChordLab::dragged);
    connect(function_, &QComboBox::currentIndexChanged, this, &ChordLab::chooseFunction);
    connect(typed_, &QLineEdit::editingFinished, this, [this] {
        if (function_->currentData().toString() == QLatin1String("typed")) readTyped();
    });
    connect(counterexample_, &QPushButton::clicked, this, [this] {
        if (!hasVerdict_ || !verdictData_.hasChord) return;
        const Eigen::VectorXd& a = verdictData_.chordA;
        const Eigen::VectorXd& b = verdictData_.chordB;
        setChord(QPointF(a(0), a.size() > 1 ? a(1) : 0.0), QPointF(b(0), b.size() > 1 ? b(1) : 0.0));
    });

    function_->setCurrentIndex(function_->findData(QStringLiteral("sin")));   // emits: chooseFunction()
}

void ChordLab::chooseFunction()
{
    const QString key = function_->currentData().toString();
    typed_->setEnabled(key == QLatin1String("typed"));
    if (key == QLatin1String("typed")) {
        readTyped();
        return;
    }
    reading_->setText(tr("Choose “typed” to enter your own f(x) or f(x, y)."));
    setFunction(listedChordFunction(key));
}

void ChordLab::readTyped()
{
    const answers::TypedFunction t = answers::readFunction(typed_->text().toStdString(), {"x", "y"});
    if (!t.ok) {
        reading_->setText(tr("Could not read it: %1").arg(QString::fromStdString(t.error)));
        job_->cancel();
        hasVerdict_ = false;
        verdict_->setText(tr("Type a function of x (or of x and y), e.g. <code>x^4 - x^2</code> or <code>abs(x) + y^2</code>."));
        counterexample_->setEnabled(false);
        return;
    }
    ChordFunction c;
    c.key = QStringLiteral("typed");
    c.label = QString::fromStdString(t.preview);
    c.dimension = t.uses[1] ? 2 : 1;
    const answers::RealFunction f = t.function;
    c.f = [f](double x, double y) { return f(x, y); };
    reading_->setText(tr("Read as f(%1) = %2, tested on [−3, 3]%3.")
                          .arg(c.dimension == 2 ? QStringLiteral("x, y") : QStringLiteral("x"), c.label,
                               c.dimension == 2 ? QStringLiteral("²") : QString()));
    setFunction(c);
}

void ChordLab::setFunction(const ChordFunction& f)
{
    current_ = f;
    updating_ = true;
    const bool twoD = f.dimension == 2;
    for (int p = 0; p < 2; ++p) {
        spins_[p][0]->setRange(f.xMin, f.xMax);
        spins_[p][1]->setRange(f.yMin, f.yMax);
        spins_[p][1]->setVisible(twoD);
    }
    // A chord worth looking at: across the middle of the box.
    const double w = f.xMax - f.xMin, h = f.yMax - f.yMin;
    spins_[0][0]->setValue(f.xMin + 0.2 * w);
    spins_[1][0]->setValue(f.xMin + 0.75 * w);
    spins_[0][1]->setValue(f.yMin + 0.3 * h);
    spins_[1][1]->setValue(f.yMin + 0.8 * h);
    updating_ = false;
    slice_->setVisible(twoD);
    colourBar_->setVisible(twoD);
    drawFunction();
    drawChord();
    testConvexity();
}

void ChordLab::drawFunction()
{
    QChart* chart = chart_->chart();
    for (QLineSeries* s : contours_) {
        chart->removeSeries(s);
        delete s;
    }
    contours_.clear();
    curve_->clear();
    curvaturePoint_->clear();
    const ChordFunction& f = current_;
    finiteSamples_ = totalSamples_ = 0;
    setNiceTicks(axisX_, f.xMin, f.xMax);
    axisX_->setTitleText(tr("x"));
    if (f.dimension == 1) {
        heatMap_->clear();
        QList<QPointF> points;
        std::vector<double> values;
        for (int i = 0; i < kCurveSamples; ++i) {
            const double x = f.xMin + (f.xMax - f.xMin) * i / (kCurveSamples - 1);
            const double y = f.f(x, 0.0);
            values.push_back(y);
            ++totalSamples_;
            if (std::isfinite(y)) {
                points.append({x, y});   // never a NaN in a series
                ++finiteSamples_;
            }
        }
        curve_->replace(points);
        curve_->setName(tr("f(x) = %1").arg(f.label));
        const auto [lo, hi] = plotRange(values);
        setNiceTicks(axisY_, lo, hi);
        axisY_->setTitleText(tr("f(x)"));
        chart->setTitle(tr("f(x) = %1 and a chord").arg(f.label));
        curve_->setVisible(true);
        for (QLegendMarker* m : chart->legend()->markers(curve_)) m->setVisible(true);
    } else {
        setNiceTicks(axisY_, f.yMin, f.yMax);
        axisY_->setTitleText(tr("y"));
        chart->setTitle(tr("f(x, y) = %1 and the segment A–B").arg(f.label));
        const Grid2D grid = evaluateGrid([&f](const Point2& p) { return f.f(p.x(), p.y()); },
                                         Domain{f.xMin, f.xMax, f.yMin, f.yMax}, kGridCells, kGridCells);
        HeatMapData d;
        d.cols = grid.cols;
        d.rows = grid.rows;
        d.values = grid.values;
        d.domain = QRectF(QPointF(f.xMin, f.yMin), QPointF(f.xMax, f.yMax));
        d.logScale = f.logColours;
        fitRange(d);
        if (!d.logScale) {
            // Colour the lower 95% of the values across the whole map, so a steep rim does not
            // wash out the interesting middle; higher values get the top colour.
            std::vector<double> finite;
            for (double v : d.values)
                if (std::isfinite(v)) finite.push_back(v);
            if (finite.size() > 20) {
                std::nth_element(finite.begin(), finite.begin() + long(finite.size() * 95 / 100), finite.end());
                d.high = std::max(d.low + 1e-12, finite[finite.size() * 95 / 100]);
            }
        }
        heatMap_->setData(d);
        colourBar_->setRange(d.low, d.high, d.logScale);
        std::vector<double> levels;
        for (double v : grid.values) finiteSamples_ += std::isfinite(v) ? 1 : 0;
        totalSamples_ = int(grid.values.size());
        if (finiteSamples_ == totalSamples_) levels = contourLevels(grid, 12);
        const QColor line = QColor(255, 255, 255, 150);
        for (const ContourLevel& level : contourLines(grid, levels))
            for (const Polyline& poly : level.lines) {
                auto* s = new QLineSeries;
                QList<QPointF> pts;
                for (const Point2& p : poly.points) pts.append({p.x(), p.y()});
                s->replace(pts);
                s->setPen(QPen(line, 1));
                chart->addSeries(s);
                s->attachAxis(axisX_);
                s->attachAxis(axisY_);
                for (QLegendMarker* m : chart->legend()->markers(s)) m->setVisible(false);
                contours_.append(s);
            }
        curve_->setVisible(false);
        for (QLegendMarker* m : chart->legend()->markers(curve_)) m->setVisible(false);
    }
    // Keep the chord and its markers above the contour lines.
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{chord_, ends_, midpoints_, curvaturePoint_}) {
        chart->removeSeries(s);
        chart->addSeries(s);
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    chord_->setPen(QPen(hueColor(Hue::Vermillion), 3));
    chart_->restyle();
    for (QLegendMarker* m : chart->legend()->markers(curvaturePoint_)) m->setVisible(false);
    for (QLegendMarker* m : chart->legend()->markers(midpoints_)) m->setVisible(f.dimension == 1);
    for (QLegendMarker* m : chart->legend()->markers(curve_)) m->setVisible(f.dimension == 1);
}

QList<QPointF> ChordLab::handles() const
{
    QList<QPointF> out;
    for (int p = 0; p < 2; ++p) {
        const double x = spins_[p][0]->value();
        if (current_.dimension == 1) {
            const double y = current_.f ? current_.f(x, 0.0) : 0.0;
            out.append({x, std::isfinite(y) ? y : 0.0});
        } else {
            out.append({x, spins_[p][1]->value()});
        }
    }
    return out;
}

void ChordLab::dragged(int handle, QPointF value)
{
    if (handle < 0 || handle > 1) return;
    spins_[handle][0]->setValue(value.x());
    if (current_.dimension == 2) spins_[handle][1]->setValue(value.y());
}

void ChordLab::setChord(const QPointF& a, const QPointF& b)
{
    updating_ = true;
    spins_[0][0]->setValue(a.x());
    spins_[1][0]->setValue(b.x());
    spins_[0][1]->setValue(a.y());
    spins_[1][1]->setValue(b.y());
    updating_ = false;
    drawChord();
}

void ChordLab::drawChord()
{
    if (!current_.f) return;
    const ChordFunction& f = current_;
    const bool twoD = f.dimension == 2;
    const QPointF a(spins_[0][0]->value(), twoD ? spins_[0][1]->value() : 0.0);
    const QPointF b(spins_[1][0]->value(), twoD ? spins_[1][1]->value() : 0.0);
    // g(t) = f(A + t (B - A)) against the chord c(t) = (1 - t) g(0) + t g(1).
    auto g = [&](double t) { return f.f(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y())); };
    const double g0 = g(0.0), g1 = g(1.0), gm = g(0.5);
    chord_->clear();
    ends_->clear();
    midpoints_->clear();
    sliceCurve_->clear();
    sliceChord_->clear();
    sliceEnds_->clear();
    sliceWorst_->clear();
    if (!std::isfinite(g0) || !std::isfinite(g1)) {
        readout_->setText(tr("f is not defined at %1: move the point into the function's domain.")
                              .arg(std::isfinite(g0) ? tr("B") : tr("A")));
        return;
    }
    double worst = 0, worstT = 0;
    std::vector<double> sliceValues;
    QList<QPointF> slicePoints;
    for (int i = 0; i < kSliceSamples; ++i) {
        const double t = double(i) / (kSliceSamples - 1);
        const double v = g(t);
        const double above = v - ((1 - t) * g0 + t * g1);
        if (std::isfinite(v)) {
            slicePoints.append({t, v});
            sliceValues.push_back(v);
            if (above > worst) {
                worst = above;
                worstT = t;
            }
        }
    }
    const bool below = worst > 1e-9 * (std::abs(g0) + std::abs(g1) + 1.0);
    const double chordMid = 0.5 * (g0 + g1);
    if (!twoD) {
        chord_->append(a.x(), g0);
        chord_->append(b.x(), g1);
        ends_->append(a.x(), g0);
        ends_->append(b.x(), g1);
        if (std::isfinite(gm)) midpoints_->append(0.5 * (a.x() + b.x()), gm);
        midpoints_->append(0.5 * (a.x() + b.x()), chordMid);
    } else {
        chord_->append(a);
        chord_->append(b);
        ends_->append(a);
        ends_->append(b);
        sliceCurve_->replace(slicePoints);
        sliceChord_->append(0, g0);
        sliceChord_->append(1, g1);
        sliceEnds_->append(0, g0);
        sliceEnds_->append(1, g1);
        if (below) sliceWorst_->append(worstT, g(worstT));
        for (QLegendMarker* m : slice_->chart()->legend()->markers(sliceWorst_)) m->setVisible(below);
        sliceValues.push_back(g0);
        sliceValues.push_back(g1);
        const auto [lo, hi] = plotRange(sliceValues);
        setNiceTicks(sliceY_, lo, hi);
    }
    chord_->setName(twoD ? tr("segment A–B") : tr("chord A–B"));
    const QString where = twoD ? tr("t = %1").arg(number(worstT)) : tr("x = %1").arg(number(a.x() + worstT * (b.x() - a.x())));
    const QString mid = std::isfinite(gm)
        ? tr("At the midpoint the graph is at %1 and the chord at %2.").arg(number(gm), number(chordMid))
        : QString();
    if (below)
        readout_->setText(tr("<b>The graph rises above this chord</b> (by %1 at %2). %3 This one chord already shows "
                             "that f is not convex.").arg(number(worst), where, mid));
    else
        readout_->setText(tr("This chord lies on or above the graph everywhere between A and B. %1 "
                             "A convex function passes this test for <i>every</i> chord.").arg(mid));
}

void ChordLab::testConvexity()
{
    hasVerdict_ = false;
    counterexample_->setEnabled(false);
    if (finiteSamples_ == 0) {
        job_->cancel();
        verdict_->setText(tr("<b>f is not defined anywhere</b> on the box (every value is undefined or infinite): "
                             "there is nothing to test."));
        status_->setMessage(tr("Nothing to test."), true);
        return;
    }
    verdict_->setText(tr("Testing %1 random chords…").arg(kChords));
    const ChordFunction f = current_;
    job_->start<ConvexityVerdict>(
        [f](Progress& progress) {
            if (f.key != QLatin1String("typed")) {
                ConvexityParams p;
                p.function = f.key.toStdString();
                p.chords = kChords;
                return runConvexity(p, progress).verdict;
            }
            Eigen::VectorXd lo(f.dimension), hi(f.dimension);
            lo.setConstant(-3);
            hi.setConstant(3);
            const auto fn = f.f;
            return checkConvexity([fn](const Eigen::VectorXd& x) { return fn(x(0), x.size() > 1 ? x(1) : 0.0); }, lo, hi,
                                  kChords, 1);
        },
        [this](const ConvexityVerdict& v) { showVerdict(v); });
}

void ChordLab::showVerdict(const ConvexityVerdict& v)
{
    verdictData_ = v;
    hasVerdict_ = true;
    const ChordFunction& f = current_;
    curvaturePoint_->clear();
    for (QLegendMarker* m : chart_->chart()->legend()->markers(curvaturePoint_)) m->setVisible(false);
    const QString box = f.dimension == 1
        ? QStringLiteral("[%1, %2]").arg(number(f.xMin), number(f.xMax))
        : QStringLiteral("[%1, %2] × [%3, %4]").arg(number(f.xMin), number(f.xMax), number(f.yMin), number(f.yMax));
    if (v.convex) {
        verdict_->setText(tr("<b>Convex</b> on %1, as far as %2 random chords can tell: every chord lay on or above the "
                             "graph%3.")
                              .arg(box, QLocale().toString(v.chordsTested),
                                   f.dimension == 2 && f.key != QLatin1String("typed")
                                       ? tr(", and the Hessian had no negative eigenvalue") : QString()));
        counterexample_->setEnabled(false);
        status_->setMessage(tr("No counterexample found. Sampling is evidence, not a proof."));
        if (finiteSamples_ < totalSamples_)
            verdict_->setText(verdict_->text()
                              + tr(" f is undefined on part of the box: only chords where it is defined were tested."));
        return;
    }
    QStringList parts;
    if (v.hasChord)
        parts << tr("the chord from A = %1 to B = %2 passes below the graph: at its midpoint the graph is %3 above it")
                     .arg(pointText(v.chordA), pointText(v.chordB), number(v.midpointGap));
    if (v.hasNegativeCurvature) {
        parts << tr("the Hessian has the eigenvalue %1 &lt; 0 at %2").arg(number(v.eigenvalue), pointText(v.curvatureAt));
        if (f.dimension == 2) {
            curvaturePoint_->append(v.curvatureAt(0), v.curvatureAt(1));
            for (QLegendMarker* m : chart_->chart()->legend()->markers(curvaturePoint_)) m->setVisible(true);
        }
    }
    verdict_->setText(tr("<b>Not convex</b> on %1: %2.").arg(box, parts.join(tr("; and "))));
    counterexample_->setEnabled(v.hasChord);
    status_->setMessage(v.hasChord ? tr("Press “Show the counterexample” to move A and B onto it.") : QString());
}

} // namespace minima
