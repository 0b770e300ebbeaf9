#include "lessons/convexity/chordlab.h"

#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <memory>

#include "engine/answers/evaluate.h"
#include "engine/landscape/contours.h"
#include "engine/landscape/grid.h"
#include "engine/surfaces/surface.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/steadytext.h"
#include "lessons/convexity/chartdrag.h"
#include "lessons/convexity/contourpoints.h"
#include "lessons/convexity/equalunits.h"

namespace minima {

namespace {

constexpr int kCurveSamples = 401;
constexpr int kSliceSamples = 201;
constexpr int kGridCells = 121;

QString num(double v)
{
    if (std::abs(v) < 5e-13) v = 0;
    return formatNumber(v, 3);
}

QString vectorText(const Eigen::VectorXd& p)
{
    if (p.size() == 1) return num(p(0));
    return formatPoint(p(0), p(1), 3);
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

void attach(QChart* chart, QXYSeries* s, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}

} // namespace

// What the job hands back: the graph or the map, and the verdict.
struct ChordView {
    int dimension = 1;
    QList<QPointF> curve;
    double yLo = -1, yHi = 1;
    HeatMapData heat;
    QImage heatImage;   // the heat map's image, drawn in the job
    std::vector<QList<QPointF>> contours;
    int finite = 0, total = 0;
    bool tested = false;
    ConvexityVerdict verdict;
};

QString typesetFunction(const QString& text)
{
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    auto sup = [](const QString& e, QString* out) {
        QString s;
        for (QChar c : e) {
            if (c.isDigit()) s += digits[c.digitValue()];
            else if (c == QLatin1Char('-') || c == QChar(0x2212)) s += QChar(0x207B);
            else if (c == QLatin1Char('x')) s += QChar(0x02E3);
            else if (c == QLatin1Char('y')) s += QChar(0x02B8);
            else if (c == QLatin1Char('n')) s += QChar(0x207F);
            else return false;
        }
        *out = s;
        return true;
    };
    QString t = text;
    t.replace(QStringLiteral("**"), QStringLiteral("^"));
    // x^4, x^-1, x^(12), e^x: written as superscripts when every character has one.
    static const QRegularExpression power(QStringLiteral("\\^\\s*(\\(([-0-9xyn]+)\\)|-?[0-9]+|[xyn](?![a-z(]))"));
    QString out;
    qsizetype last = 0;
    for (auto it = power.globalMatch(t); it.hasNext();) {
        const auto m = it.next();
        const QString e = m.captured(2).isEmpty() ? m.captured(1) : m.captured(2);
        QString s;
        out += t.mid(last, m.capturedStart() - last);
        out += sup(e, &s) ? s : m.captured(0);
        last = m.capturedEnd();
    }
    out += t.mid(last);
    out.replace(QLatin1Char('*'), QChar(0x00B7));
    out.replace(QLatin1Char('-'), QChar(0x2212));
    static const QRegularExpression pi(QStringLiteral("\\bpi\\b"));
    out.replace(pi, QStringLiteral("π"));
    static const QRegularExpression root(QStringLiteral("\\bsqrt\\("));
    out.replace(root, QStringLiteral("√("));
    return out;
}

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

ChordLab::~ChordLab() = default;

ChordLab::ChordLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      reading_(new QLabel),
      chart_(new FigureChart),
      slice_(new FigureChart),
      heatMap_(new HeatMapLayer(chart_->chart())),
      colourBar_(new ColourBar),
      axisX_(makeValueAxis()),
      axisY_(makeValueAxis()),
      sliceX_(makeValueAxis()),
      sliceY_(makeValueAxis()),
      curve_(new QLineSeries),
      chord_(new QLineSeries),
      ends_(new QScatterSeries),
      midpoints_(new QScatterSeries),
      curvaturePoint_(new QScatterSeries),
      sliceCurve_(new QLineSeries),
      sliceChord_(new QLineSeries),
      sliceEnds_(new QScatterSeries),
      sliceWorst_(new QScatterSeries),
      readout_(new QLabel),
      verdict_(new QLabel)
{
    setObjectName(QStringLiteral("chordLab"));
    ControlStrip* c = controls();

    // Which function.
    QList<ControlStrip::Choice> choices;
    for (const char* key : {"x2", "abs", "exp", "relu", "sin", "quartic", "saddle", "bowl", "himmelblau"})
        choices.append({listedChordFunction(QString::fromLatin1(key)).label, QString::fromLatin1(key)});
    choices.append({tr("typed: f(x) or f(x, y)"), QStringLiteral("typed")});
    function_ = c->addChoice(QStringLiteral("functionBox"), tr("&Function:"), choices, 4);   // sin x
    function_->setAccessibleName(tr("Function to test"));
    typed_ = c->addText(QStringLiteral("typedFunction"), QString(), QStringLiteral("x^4 - 3x^2 + y^2"),
                        tr("A function of x, or of x and y: read when you pause typing or press Enter"));
    typed_->setAccessibleName(tr("Typed function of x, or of x and y"));
    typed_->setPlaceholderText(tr("e.g. x^4 - 3x^2 + y^2, abs(x) + exp(y)"));
    typed_->setMinimumWidth(220);
    // The function is chosen at once (the chord needs it); a typed one is read after a pause
    // or on Enter.
    c->setRecomputes(QStringLiteral("functionBox"), false);
    c->setRecomputes(QStringLiteral("typedFunction"), false);

    // The chord's ends: spin boxes (the keyboard way) beside the drag handles. They move the
    // chord only: nothing is recomputed.
    c->newRow();
    const QString names[2] = {QStringLiteral("A"), QStringLiteral("B")};
    const QString coordinate[2] = {QStringLiteral("x"), QStringLiteral("y")};
    for (int p = 0; p < 2; ++p)
        for (int k = 0; k < 2; ++k) {
            const QString key = QStringLiteral("point%1%2").arg(names[p], coordinate[k]);
            QDoubleSpinBox* spin = c->addNumber(key, k == 0 ? tr("%1:").arg(names[p]) : QString(), -3, 3, 0, 2);
            spin->setAccessibleName(tr("%1 of point %2").arg(coordinate[k], names[p]));
            spin->setSingleStep(0.1);
            spin->setStepType(QAbstractSpinBox::DefaultStepType);
            spin->setPrefix(coordinate[k] + QStringLiteral(" = "));
            c->setRecomputes(key, false);
            spins_[p][k] = spin;
            connect(spin, &QDoubleSpinBox::valueChanged, this, [this] {
                if (!updating_) drawChord();
            });
        }
    counterexample_ = c->addAction(QStringLiteral("showCounterexample"), tr("Show the &counterexample"),
                                   tr("Move A and B to the counterexample chord"));
    counterexample_->setAccessibleName(tr("Move A and B to the counterexample chord"));
    counterexample_->setEnabled(false);

    // The graph or the heat map.
    QChart* chart = chart_->chart();
    chart_->setObjectName(QStringLiteral("graphChart"));
    chart_->setAccessibleName(tr("The function with the chord between A and B"));
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    units_ = new EqualUnits(chart, axisX_, axisY_, this);
    curve_->setObjectName(QStringLiteral("curve"));
    chord_->setObjectName(QStringLiteral("chord"));
    ends_->setObjectName(QStringLiteral("chordEnds"));
    midpoints_->setObjectName(QStringLiteral("midpoints"));
    curvaturePoint_->setObjectName(QStringLiteral("negativeCurvature"));
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
    curvaturePoint_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    curvaturePoint_->setColor(hueColor(Hue::ReddishPurple));
    curvaturePoint_->setBorderColor(Qt::white);
    curvaturePoint_->setMarkerSize(13);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{curve_, chord_, ends_, midpoints_, curvaturePoint_})
        attach(chart, s, axisX_, axisY_);

    // 2-D: the surface along the segment from A to B.
    QChart* slice = slice_->chart();
    slice_->setObjectName(QStringLiteral("sliceChart"));
    slice_->setAccessibleName(tr("The surface along the segment from A to B, with the chord"));
    slice->setTitle(tr("Along the segment A–B"));
    slice->addAxis(sliceX_, Qt::AlignBottom);
    slice->addAxis(sliceY_, Qt::AlignLeft);
    sliceX_->setTitleText(tr("t: A + t·(B − A)"));
    setNiceRange(sliceX_, 0, 1);
    sliceY_->setTitleText(tr("f"));
    setNiceRange(sliceY_, -1, 1);
    sliceCurve_->setObjectName(QStringLiteral("sliceCurve"));
    sliceChord_->setObjectName(QStringLiteral("sliceChord"));
    sliceEnds_->setObjectName(QStringLiteral("sliceEnds"));
    sliceWorst_->setObjectName(QStringLiteral("sliceWorst"));
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
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{sliceCurve_, sliceChord_, sliceEnds_, sliceWorst_})
        attach(slice, s, sliceX_, sliceY_);

    colourBar_->setObjectName(QStringLiteral("valueColourBar"));
    colourBar_->setLabel(tr("f"));
    auto* charts = new QWidget;
    charts->setObjectName(QStringLiteral("chordCharts"));
    auto* row = new QHBoxLayout(charts);
    row->setContentsMargins(0, 0, 0, 0);
    for (FigureChart* v : {chart_, slice_}) {
        v->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
        v->setMinimumEms(9, 8);
    }
    addFigureWidget(charts);
    row->addWidget(withKey(chart_), 3);
    colourBar_->setParent(charts);
    row->addWidget(colourBar_);
    sliceCell_ = withKey(slice_);
    row->addWidget(sliceCell_, 2);
    chart_->restyle();
    slice_->restyle();

    // Under the figures: how a typed function was read, what this chord shows, the verdict.
    reading_->setObjectName(QStringLiteral("reading"));
    reading_->setWordWrap(true);
    reading_->setTextFormat(Qt::PlainText);   // it quotes the learner's text
    reading_->setAccessibleName(tr("How the typed function was read"));
    addNote(reading_);
    readout_->setObjectName(QStringLiteral("chordReadout"));
    readout_->setWordWrap(true);
    readout_->setTextFormat(Qt::RichText);
    readout_->setAccessibleName(tr("What this chord shows"));
    addNote(readout_);
    verdict_->setObjectName(QStringLiteral("verdict"));
    verdict_->setWordWrap(true);
    verdict_->setTextFormat(Qt::RichText);
    verdict_->setAccessibleName(tr("The convexity test's verdict"));
    addNote(verdict_);

    drag_ = new ChartDrag(chart_, [this] { return handles(); }, this);
    connect(drag_, &ChartDrag::dragged, this, &ChordLab::dragged);
    connect(function_, &QComboBox::currentIndexChanged, this, &ChordLab::chooseFunction);
    connect(typed_, &QLineEdit::textChanged, this, [this] {
        if (function_->currentData().toString() == QLatin1String("typed")) recomputeLater();
    });
    connect(typed_, &QLineEdit::returnPressed, this, [this] {
        if (function_->currentData().toString() == QLatin1String("typed")) recompute();
    });
    connect(counterexample_, &QPushButton::clicked, this, [this] {
        if (!hasVerdict_ || !verdictData_.hasChord) return;
        const Eigen::VectorXd& a = verdictData_.chordA;
        const Eigen::VectorXd& b = verdictData_.chordB;
        setChord(QPointF(a(0), a.size() > 1 ? a(1) : 0.0), QPointF(b(0), b.size() > 1 ? b(1) : 0.0));
    });

    typed_->setEnabled(false);
    setBox(listedChordFunction(QStringLiteral("sin")));
    recompute();
}

void ChordLab::setBox(const ChordFunction& f)
{
    // A chord worth looking at: across the middle of the box.
    updating_ = true;
    for (int p = 0; p < 2; ++p) {
        spins_[p][0]->setRange(f.xMin, f.xMax);
        spins_[p][1]->setRange(f.yMin, f.yMax);
    }
    const double w = f.xMax - f.xMin, h = f.yMax - f.yMin;
    spins_[0][0]->setValue(f.xMin + 0.2 * w);
    spins_[1][0]->setValue(f.xMin + 0.75 * w);
    spins_[0][1]->setValue(f.yMin + 0.3 * h);
    spins_[1][1]->setValue(f.yMin + 0.8 * h);
    updating_ = false;
}

void ChordLab::chooseFunction()
{
    const QString key = function_->currentData().toString();
    typed_->setEnabled(key == QLatin1String("typed"));
    // A new box puts A and B across its middle; a typed function keeps them where they are.
    if (key != QLatin1String("typed")) setBox(listedChordFunction(key));
    else if (current_.key != QLatin1String("typed")) setBox(ChordFunction{});
    recompute();
}

bool ChordLab::readFunction(ChordFunction* out)
{
    const QString key = function_->currentData().toString();
    if (key != QLatin1String("typed")) {
        *out = listedChordFunction(key);
        return true;
    }
    const answers::TypedFunction t = answers::readFunction(typed_->text().toStdString(), {"x", "y"});
    if (!t.ok) {
        QString why = QString::fromStdString(t.error);
        why.replace(QStringLiteral("this answer"), tr("the function"));
        why.replace(QStringLiteral("This answer"), tr("The function"));
        setSteadyText(reading_, tr("Could not read the function: %1").arg(why));
        return false;
    }
    ChordFunction c;
    c.key = QStringLiteral("typed");
    c.source = typed_->text();
    c.label = typesetFunction(QString::fromStdString(t.preview));
    c.dimension = t.uses[1] ? 2 : 1;
    const answers::RealFunction f = t.function;
    c.f = [f](double x, double y) { return f(x, y); };
    setSteadyText(reading_, tr("Read as f(%1) = %2, tested on [−3, 3]%3.")
                          .arg(c.dimension == 2 ? QStringLiteral("x, y") : QStringLiteral("x"), c.label,
                               c.dimension == 2 ? QStringLiteral("²") : QString()));
    *out = c;
    return true;
}

void ChordLab::clearFigure(const QString& why)
{
    job()->cancel();
    current_ = ChordFunction{};
    hasVerdict_ = false;
    counterexample_->setEnabled(false);
    QChart* chart = chart_->chart();
    setContours({});
    heatMap_->clear();
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{curve_, chord_, ends_, midpoints_, curvaturePoint_, sliceCurve_,
                                                         sliceChord_, sliceEnds_, sliceWorst_})
        s->clear();
    curve_->setName(QString());
    chart->setTitle(tr("No function to show"));
    readout_->clear();
    setSteadyText(verdict_, tr("Type a function of x (or of x and y), e.g. <code>x^4 - x^2</code> or <code>abs(x) + y^2</code>."));
    setReadout(why, true);
}

void ChordLab::run()
{
    ChordFunction f;
    if (!readFunction(&f)) {
        clearFigure(reading_->text());
        return;
    }
    reading_->setVisible(f.key == QLatin1String("typed"));
    const bool twoD = f.dimension == 2;
    const bool newView = current_.key != f.key || current_.source != f.source || current_.dimension != f.dimension;
    current_ = f;
    for (int p = 0; p < 2; ++p) spins_[p][1]->setVisible(twoD);
    sliceCell_->setVisible(twoD);
    colourBar_->setVisible(twoD);
    QChart* chart = chart_->chart();
    chart->setTitle(twoD ? tr("f(x, y) = %1").arg(f.label) : tr("f(x) = %1").arg(f.label));
    axisX_->setTitleText(tr("x"));
    axisY_->setTitleText(twoD ? tr("y") : tr("f(x)"));
    curve_->setName(twoD ? QString() : tr("f(x) = %1").arg(f.label));
    chord_->setName(twoD ? tr("segment A–B") : tr("chord A–B"));
    if (newView) {
        // The old figure must not stand under the new function's name while the new one is computed
        // (a map keeps its contour series, emptied, for the new lines).
        if (twoD) {
            for (QLineSeries* s : contours_) s->clear();
        } else {
            setContours({});
        }
        heatMap_->clear();
        curve_->clear();
        curvaturePoint_->clear();
        units_->setEqual(twoD);
        if (twoD) units_->setBox(QRectF(QPointF(f.xMin, f.yMin), QPointF(f.xMax, f.yMax)));
    }
    hasVerdict_ = false;
    counterexample_->setEnabled(false);
    setSteadyText(verdict_, tr("Testing %1 random chords…").arg(QLocale().toString(kChords)));
    drawChord();

    runJob<ChordView>(
        tr("Drawing f and testing %1 random chords…").arg(QLocale().toString(kChords)),
        [f](Progress& progress) {
            ChordView v;
            v.dimension = f.dimension;
            if (f.dimension == 1) {
                std::vector<double> values;
                for (int i = 0; i < kCurveSamples; ++i) {
                    const double x = f.xMin + (f.xMax - f.xMin) * i / (kCurveSamples - 1);
                    const double y = f.f(x, 0.0);
                    values.push_back(y);
                    ++v.total;
                    if (std::isfinite(y)) {
                        v.curve.append({x, y});   // never a NaN in a series
                        ++v.finite;
                    }
                }
                std::tie(v.yLo, v.yHi) = plotRange(values);
            } else {
                const Grid2D grid = evaluateGrid([&f](const Point2& p) { return f.f(p.x(), p.y()); },
                                                 Domain{f.xMin, f.xMax, f.yMin, f.yMax}, kGridCells, kGridCells);
                HeatMapData& d = v.heat;
                d.cols = grid.cols;
                d.rows = grid.rows;
                d.values = grid.values;
                d.domain = QRectF(QPointF(f.xMin, f.yMin), QPointF(f.xMax, f.yMax));
                d.logScale = f.logColours;
                fitRange(d);
                std::vector<double> finite;
                for (double x : d.values)
                    if (std::isfinite(x)) finite.push_back(x);
                v.finite = int(finite.size());
                v.total = int(d.values.size());
                if (!d.logScale && finite.size() > 20) {
                    // Colour the lower 95% of the values across the whole map, so a steep rim does
                    // not wash out the interesting middle; higher values get the top colour.
                    std::nth_element(finite.begin(), finite.begin() + long(finite.size() * 95 / 100), finite.end());
                    d.high = std::max(d.low + 1e-12, finite[finite.size() * 95 / 100]);
                }
                v.heatImage = heatMapImage(d);
                std::vector<double> levels;
                if (v.finite == v.total) levels = contourLevels(grid, 12);
                // Thinned to a thousandth of the box: a fraction of a pixel.
                v.contours = thinnedContours(contourLines(grid, levels), 1e-3 * std::max(f.xMax - f.xMin, f.yMax - f.yMin));
            }
            if (v.finite == 0 || progress.cancelled()) return v;
            v.tested = true;
            if (f.key != QLatin1String("typed")) {
                ConvexityParams p;
                p.function = f.key.toStdString();
                p.chords = kChords;
                v.verdict = runConvexity(p, progress).verdict;
                return v;
            }
            Eigen::VectorXd lo(f.dimension), hi(f.dimension);
            lo.setConstant(-3);
            hi.setConstant(3);
            const auto fn = f.f;
            v.verdict = checkConvexity([fn](const Eigen::VectorXd& x) { return fn(x(0), x.size() > 1 ? x(1) : 0.0); }, lo, hi,
                                       kChords, 1);
            return v;
        },
        [this](const ChordView& v) { showResult(v); });
}

void ChordLab::setContours(const std::vector<QList<QPointF>>& lines)
{
    QChart* chart = chart_->chart();
    if (lines.empty()) {
        // No map (a graph, or no function): no contour series at all.
        for (QLineSeries* s : contours_) {
            chart->removeSeries(s);
            delete s;
        }
        contours_.clear();
        return;
    }
    if (qsizetype(lines.size()) > contours_.size()) {
        while (contours_.size() < qsizetype(lines.size())) {
            auto* s = new QLineSeries;
            s->setObjectName(QStringLiteral("contour"));
            attach(chart, s, axisX_, axisY_);
            contours_.append(s);
        }
        // Keep the chord and its markers above the contour lines.
        for (QXYSeries* s : std::initializer_list<QXYSeries*>{chord_, ends_, midpoints_, curvaturePoint_}) {
            chart->removeSeries(s);
            attach(chart, s, axisX_, axisY_);
        }
    }
    // Contour lines in the palette's ink, which follows light, dark and high-contrast themes.
    QColor ink = hueColor(Hue::Ink);
    ink.setAlphaF(0.55f);
    const QPen pen(ink, 1);
    for (qsizetype i = 0; i < contours_.size(); ++i) {
        QLineSeries* s = contours_[i];
        if (i < qsizetype(lines.size())) s->replace(lines[std::size_t(i)]);
        else if (s->count() > 0) s->clear();
        if (s->pen() != pen) s->setPen(pen);
    }
}

void ChordLab::showResult(const ChordView& v)
{
    QChart* chart = chart_->chart();
    const ChordFunction& f = current_;
    if (v.dimension == 1) {
        setContours({});
        heatMap_->clear();
        curve_->replace(v.curve);
        yLo_ = v.yLo;
        yHi_ = v.yHi;
        units_->setEqual(false);
        units_->setBox(QRectF(QPointF(f.xMin, yLo_), QPointF(f.xMax, yHi_)));
    } else {
        curve_->clear();
        if (v.heatImage.isNull()) heatMap_->clear();
        else heatMap_->setImage(v.heatImage, v.heat.domain);
        colourBar_->setRange(v.heat.low, v.heat.high, v.heat.logScale);
        setContours(v.contours);
        chord_->setPen(QPen(hueColor(Hue::Vermillion), 3));
    }
    chart_->restyle();
    for (QLegendMarker* m : chart->legend()->markers(midpoints_)) m->setVisible(v.dimension == 1);
    drawChord();
    if (!v.tested) {
        hasVerdict_ = false;
        setSteadyText(verdict_, tr("<b>f is not defined anywhere</b> on the box (every value is undefined or infinite): "
                             "there is nothing to test."));
        setReadout(tr("Nothing to test."), true);
        return;
    }
    showVerdict(v.verdict);
    if (v.finite < v.total && v.verdict.convex)
        setSteadyText(verdict_, verdict_->text() + tr(" f is undefined on part of the box: only chords where it is defined were tested."));
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
    chord_->clear();
    ends_->clear();
    midpoints_->clear();
    sliceCurve_->clear();
    sliceChord_->clear();
    sliceEnds_->clear();
    sliceWorst_->clear();
    if (!current_.f) return;
    const ChordFunction& f = current_;
    const bool twoD = f.dimension == 2;
    const QPointF a(spins_[0][0]->value(), twoD ? spins_[0][1]->value() : 0.0);
    const QPointF b(spins_[1][0]->value(), twoD ? spins_[1][1]->value() : 0.0);
    // g(t) = f(A + t (B - A)) against the chord c(t) = (1 - t) g(0) + t g(1): 201 values along
    // one segment, cheap enough to follow a drag.
    auto g = [&](double t) { return f.f(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y())); };
    const double g0 = g(0.0), g1 = g(1.0), gm = g(0.5);
    if (!std::isfinite(g0) || !std::isfinite(g1)) {
        setSteadyText(readout_, tr("f is not defined at %1: move the point into the function's domain.")
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
        sliceWorst_->setName(below ? tr("most above") : QString());
        sliceValues.push_back(g0);
        sliceValues.push_back(g1);
        const auto [lo, hi] = plotRange(sliceValues);
        setNiceRange(sliceY_, lo, hi);
    }
    const QString where = twoD ? tr("t = %1").arg(num(worstT)) : tr("x = %1").arg(num(a.x() + worstT * (b.x() - a.x())));
    const QString mid = std::isfinite(gm)
        ? tr("At the midpoint the graph is at %1 and the chord at %2.").arg(num(gm), num(chordMid))
        : QString();
    if (below)
        setSteadyText(readout_, tr("<b>The graph rises above this chord</b> (by %1 at %2). %3 This one chord already shows "
                             "that f is not convex.").arg(num(worst), where, mid));
    else
        setSteadyText(readout_, tr("This chord lies on or above the graph everywhere between A and B. %1 "
                             "A convex function passes this test for <i>every</i> chord.").arg(mid));
}

void ChordLab::showVerdict(const ConvexityVerdict& v)
{
    verdictData_ = v;
    hasVerdict_ = true;
    const ChordFunction& f = current_;
    curvaturePoint_->clear();
    curvaturePoint_->setName(QString());
    const QString box = f.dimension == 1
        ? QStringLiteral("[%1, %2]").arg(num(f.xMin), num(f.xMax))
        : QStringLiteral("[%1, %2] × [%3, %4]").arg(num(f.xMin), num(f.xMax), num(f.yMin), num(f.yMax));
    if (v.convex) {
        setSteadyText(verdict_, tr("<b>Convex</b> on %1, as far as %2 random chords can tell: every chord lay on or above the "
                             "graph%3.")
                              .arg(box, QLocale().toString(v.chordsTested),
                                   f.dimension == 2 && f.key != QLatin1String("typed")
                                       ? tr(", and the Hessian had no negative eigenvalue") : QString()));
        counterexample_->setEnabled(false);
        setReadout(tr("No counterexample found. Sampling is evidence, not a proof."));
        return;
    }
    QStringList parts;
    if (v.hasChord)
        parts << tr("the chord from A = %1 to B = %2 passes below the graph: at its midpoint the graph is %3 above it")
                     .arg(vectorText(v.chordA), vectorText(v.chordB), num(v.midpointGap));
    if (v.hasNegativeCurvature) {
        parts << tr("the Hessian has the eigenvalue %1 &lt; 0 at %2").arg(num(v.eigenvalue), vectorText(v.curvatureAt));
        if (f.dimension == 2) curvaturePoint_->append(v.curvatureAt(0), v.curvatureAt(1));
    }
    curvaturePoint_->setName(curvaturePoint_->count() > 0 ? tr("Hessian λ < 0") : QString());
    setSteadyText(verdict_, tr("<b>Not convex</b> on %1: %2.").arg(box, parts.join(tr("; and "))));
    counterexample_->setEnabled(v.hasChord);
    setReadout(v.hasChord ? tr("Press “Show the counterexample” to move A and B onto it.") : QString());
}

} // namespace minima
