#include "lessons/convexity/chordlab.h"

#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "engine/landscape/contourmap.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/surface3d.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/steadytext.h"
#include "lessons/common/wrappedlabel.h"
#include "lessons/common/charts/chartdrag.h"
#include "lessons/convexity/contourpoints.h"
#include "lessons/common/charts/equalunits.h"

namespace minima {

namespace {

constexpr int kCurveSamples = 401;
constexpr int kGridCells = 121;

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
    Grid2D grid;        // the map's grid, for the 3-D view
    QImage heatImage;   // the heat map's image, drawn in the job
    std::vector<QList<QPointF>> contours;
    int finite = 0, total = 0;
    bool tested = false;
    ConvexityVerdict verdict;
};

ChordLab::~ChordLab() = default;

ChordLab::ChordLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      reading_(new WrappedLabel),
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
      readout_(new WrappedLabel),
      verdict_(new WrappedLabel)
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
    for (FigureChart* v : {chart_, slice_}) {
        v->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
        v->setMinimumEms(9, 8);
    }
    addFigureWidget(charts);
    QString no3d;
    if (surface3DAvailable(&no3d)) {
        // The map and the surface in 3-D side by side, each half the width, and the slice along
        // the segment under them.
        view3d_ = new SurfaceView3D;
        view3d_->setAccessibleName(tr("The function in 3-D, with the chord over it"));
        view3d_->setColourBarShown(false);   // the map's bar, beside it, is the key of both
        auto* grid = new QGridLayout(charts);
        grid->setContentsMargins(0, 0, 0, 0);
        auto* mapCell = new QWidget;
        mapCell->setObjectName(QStringLiteral("mapCell"));
        mapCell_ = mapCell;
        grid_ = grid;
        auto* mapRow = new QHBoxLayout(mapCell);
        mapRow->setContentsMargins(0, 0, 0, 0);
        mapRow->addWidget(withKey(chart_), 1);
        mapRow->addWidget(colourBar_);
        sliceCell_ = withKey(slice_);
        grid->addWidget(mapCell, 0, 0);
        grid->addWidget(view3d_, 0, 1);
        grid->addWidget(sliceCell_, 1, 0, 1, 2);
        grid->setColumnStretch(0, 1);
        grid->setColumnStretch(1, 1);
        grid->setRowStretch(0, 5);
        grid->setRowStretch(1, 3);
        c->newRow();
        only3d_ = view3d_->addControls(c);
        connect(only3d_, &QCheckBox::toggled, this, [this] { arrange3D(); });
        connect(view3d_, &SurfaceView3D::pointChosen, this, [this](const QPointF& at) {
            // A point picked on the surface moves the nearer end of the chord there.
            const QList<QPointF> ends = handles();
            const int k = std::hypot(at.x() - ends[0].x(), at.y() - ends[0].y()) <= std::hypot(at.x() - ends[1].x(), at.y() - ends[1].y()) ? 0 : 1;
            dragged(k, at);
        });
        note3d_ = new WrappedLabel;
        note3d_->setObjectName(QStringLiteral("surface3dNote"));
        note3d_->setTextFormat(Qt::PlainText);
        note3d_->hide();
        addNote(note3d_);
    } else {
        auto* row = new QHBoxLayout(charts);
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(withKey(chart_), 3);
        colourBar_->setParent(charts);
        row->addWidget(colourBar_);
        sliceCell_ = withKey(slice_);
        row->addWidget(sliceCell_, 2);
        if (!no3d.isEmpty()) {
            auto* why = new WrappedLabel(no3d);
            why->setObjectName(QStringLiteral("surface3dUnavailable"));
            addNote(why);
        }
    }
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

void ChordLab::clearFigure(const QString& why)
{
    job()->cancel();
    current_ = ChordFunction{};
    hasVerdict_ = false;
    counterexample_->setEnabled(false);
    QChart* chart = chart_->chart();
    setContours({});
    heatMap_->clear();
    if (view3d_) {
        // A function that cannot be read leaves no surface behind in 3-D either.
        view3d_->clearGrid();
        view3d_->clearChord();
        note3d_->hide();
    }
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
    arrange3D();
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
        if (view3d_) {
            view3d_->clearGrid();
            view3d_->clearChord();
        }
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
                const ValueRange range = plotRange(values);
                v.yLo = range.low;
                v.yHi = range.high;
            } else {
                const ContourMap map = trimmedContourMap([&f](const Point2& p) { return f.f(p.x(), p.y()); },
                                                         Domain{f.xMin, f.xMax, f.yMin, f.yMax}, kGridCells, 12, f.logColours);
                v.grid = map.grid;
                HeatMapData& d = v.heat;
                d.cols = map.grid.cols;
                d.rows = map.grid.rows;
                d.values = map.grid.values;
                d.domain = QRectF(QPointF(f.xMin, f.yMin), QPointF(f.xMax, f.yMax));
                d.logScale = f.logColours;
                d.low = map.low;
                d.high = map.high;
                v.finite = map.finite;
                v.total = int(d.values.size());
                v.heatImage = heatMapImage(d);
                // Thinned to a thousandth of the box: a fraction of a pixel.
                v.contours = thinnedContours(map.contours, 1e-3 * std::max(f.xMax - f.xMin, f.yMax - f.yMin));
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

void ChordLab::arrange3D()
{
    if (!view3d_) return;
    // A graph of f(x) has no surface: the 3-D view and its controls step aside, with a line why.
    const bool twoD = current_.dimension == 2;
    view3d_->setControlsEnabled(twoD);
    const bool only = twoD && only3d_->isChecked();
    view3d_->setVisible(twoD);
    view3d_->setColourBarShown(only);
    mapCell_->setVisible(!only);
    sliceCell_->setVisible(twoD && !only);
    grid_->setColumnStretch(0, only ? 0 : 1);
    grid_->setColumnStretch(1, twoD ? 1 : 0);
    grid_->setRowStretch(1, twoD && !only ? 3 : 0);
    if (!twoD) {
        view3d_->clearGrid();
        view3d_->clearChord();
        setSteadyText(note3d_, tr("No 3-D view: f(x) has a graph, not a surface; type or pick a function of x and y to see it in 3-D."));
    }
    note3d_->setVisible(!twoD);
}

void ChordLab::setContours(const std::vector<QList<QPointF>>& lines)
{
    QChart* chart = chart_->chart();
    if (lines.empty()) {
        // No map (a graph, or no function): the contour series are emptied, not removed, so
        // that the next map does not rebuild the chart's items and re-stack the chord above
        // them (that held the interface for longer than a frame).
        for (QLineSeries* s : std::as_const(contours_))
            if (s->count() > 0) s->clear();
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
    }
    // The contours, the chord and the verdict a turn after the map, the 3-D view a turn after
    // them: all at once held the interface for longer than a frame.
    showNext([this, v] { showChords(v); });
    if (view3d_ && v.dimension == 2) showNext([this, v] { show3D(v); });
}

void ChordLab::show3D(const ChordView& v)
{
    if (v.finite == 0) {
        view3d_->clearGrid();
        note3d_->hide();
        return;
    }
    // The map's grid in the map's colours: linear, or log for a function whose values span decades.
    view3d_->setGrid(v.grid, v.heat.low, v.heat.high, v.heat.logScale ? SurfaceColours::Log : SurfaceColours::Linear);
    if (v.finite < v.total)
        setSteadyText(note3d_, tr("Where f is undefined (grey on the map), the 3-D surface is drawn flat at the top of "
                                  "the colour scale."));
    note3d_->setVisible(v.finite < v.total);
}

void ChordLab::showChords(const ChordView& v)
{
    QChart* chart = chart_->chart();
    if (v.dimension != 1) {
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

} // namespace minima
