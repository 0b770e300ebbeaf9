#include "lessons/convexity/bowllab.h"

#include <QChart>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QCategoryAxis>
#include <QTimer>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "engine/experiments/contraction.h"
#include "engine/landscape/contourmap.h"
#include "engine/landscape/contours.h"
#include "engine/landscape/grid.h"
#include "engine/optim/run.h"
#include "engine/surfaces/analytic.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/surface3d.h"
#include "lessons/common/charts/thinline.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/wrappedlabel.h"
#include "lessons/common/charts/chartdrag.h"
#include "lessons/convexity/contourpoints.h"
#include "lessons/common/charts/equalunits.h"

namespace minima {

namespace {

constexpr double kBox = 3.0;          // the contour plot shows at least [-3, 3]²
constexpr int kGridCells = 161;
constexpr int kSweepRates = 36;        // measured points on the contraction chart
constexpr int kSweepSteps = 3000;
constexpr double kContractionTop = 1.6;
constexpr double kGradientTolerance = 1e-8;
constexpr double kContourTolerance = 2 * kBox / 1000;   // a contour point may be dropped within this (a third of a pixel)

void addTo(QChart* chart, QXYSeries* s, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
}

QString n3(double v) { return formatNumber(v, 3); }

} // namespace

// What the job hands back: everything the three charts and the readout show.
struct BowlResult {
    std::vector<QList<QPointF>> contours;
    Eigen::Vector2d eigen[2];
    QList<QPointF> theory, measured;
    double rateTop = 1;               // the contraction chart's lr range is [0, rateTop]
    LearningRateThresholds t;
    DescentRun run;
    double measuredAtRate = 0, theoryAtRate = 0;
    double l1 = 1, l2 = 1, lr = 0.1;
    Grid2D box;                       // the bowl on [-kBox, kBox]², for the 3-D view
};

BowlLab::~BowlLab() = default;

BowlLab::BowlLab(LessonContext& context, QWidget* parent)
    : Lab(context, parent),
      contours_(new FigureChart),
      loss_(new FigureChart),
      contraction_(new FigureChart),
      contourX_(makeValueAxis()),
      contourY_(makeValueAxis()),
      lossX_(makeValueAxis()),
      lossY_(makeValueAxis()),
      rateX_(makeValueAxis()),
      rateY_(makeValueAxis()),
      path_(new QLineSeries),
      start_(new QScatterSeries),
      end_(new QScatterSeries),
      minimum_(new QScatterSeries),
      lossCurve_(new QLineSeries),
      theory_(new QLineSeries),
      measured_(new QScatterSeries),
      unitLine_(new QLineSeries),
      current_(new QScatterSeries)
{
    setObjectName(QStringLiteral("bowlLab"));
    ControlStrip* c = controls();
    lambda1_ = c->addNumber(QStringLiteral("lambda1"), tr("&Eigenvalues:"), 0.1, 50, 1, 2);
    lambda1_->setAccessibleName(tr("Eigenvalue λ1"));
    lambda1_->setPrefix(QStringLiteral("λ₁ = "));
    lambda2_ = c->addNumber(QStringLiteral("lambda2"), QString(), 0.1, 50, 10, 2);
    lambda2_->setAccessibleName(tr("Eigenvalue λ2"));
    lambda2_->setPrefix(QStringLiteral("λ₂ = "));
    angle_ = c->addNumber(QStringLiteral("angle"), tr("&Rotation:"), -90, 90, 30, 0);
    angle_->setAccessibleName(tr("Rotation of the bowl in degrees"));
    angle_->setSuffix(QStringLiteral("°"));
    angle_->setSingleStep(5);
    c->newRow();
    rate_ = c->addNumber(QStringLiteral("learningRate"), tr("&Learning rate:"), 0.0001, 50, 0.1, 4);
    rate_->setAccessibleName(tr("Learning rate"));
    rate_->setPrefix(tr("lr = "));
    rate_->setSingleStep(0.005);
    rate_->setStepType(QAbstractSpinBox::DefaultStepType);
    steps_ = c->addInteger(QStringLiteral("steps"), tr("&Steps:"), 1, 2000, 100);
    steps_->setAccessibleName(tr("Number of steps"));
    startX_ = c->addNumber(QStringLiteral("startX"), tr("S&tart:"), -kBox, kBox, -2.5, 2);
    startX_->setAccessibleName(tr("Start x"));
    startX_->setPrefix(QStringLiteral("x = "));
    startX_->setSingleStep(0.1);
    startY_ = c->addNumber(QStringLiteral("startY"), QString(), -kBox, kBox, 2.0, 2);
    startY_->setAccessibleName(tr("Start y"));
    startY_->setPrefix(QStringLiteral("y = "));
    startY_->setSingleStep(0.1);
    c->newRow();
    const QString names[4] = {QStringLiteral("exact1"), QStringLiteral("exact2"), QStringLiteral("best"),
                              QStringLiteral("divergence")};
    const QString texts[4] = {tr("lr = 1/λ₁"), tr("1/λ₂"), tr("2/(λmin + λmax)"), tr("2/λmax")};
    const QString help[4] = {tr("Set the learning rate to 1/λ1: exact in one step along the first eigenvector"),
                             tr("Set the learning rate to 1/λ2: exact in one step along the second eigenvector"),
                             tr("Set the learning rate to the best fixed rate 2/(λmin + λmax)"),
                             tr("Set the learning rate to the divergence bound 2/λmax")};
    for (int i = 0; i < 4; ++i) {
        thresholdButtons_[i] = c->addAction(QStringLiteral("setRate_") + names[i], texts[i], help[i]);
        thresholdButtons_[i]->setAccessibleName(help[i]);
        connect(thresholdButtons_[i], &QPushButton::clicked, this, [this, i] {
            const LearningRateThresholds t = learningRateThresholds(lambda1_->value(), lambda2_->value());
            const double rates[4] = {t.exact1, t.exact2, t.best, t.divergence};
            rate_->setValue(rates[i]);
        });
    }

    // Contours and the trajectory, with equal units on both axes so the eigenvectors look
    // perpendicular and the ellipses true.
    QChart* cc = contours_->chart();
    contours_->setObjectName(QStringLiteral("contourChart"));
    contours_->setAccessibleName(tr("Gradient descent on the bowl's contours"));
    cc->setTitle(tr("GD on ½ xᵀAx"));   // the text names the dashed eigenvectors
    contourX_->setTitleText(tr("x"));
    contourY_->setTitleText(tr("y"));
    cc->addAxis(contourX_, Qt::AlignBottom);
    cc->addAxis(contourY_, Qt::AlignLeft);
    for (int i = 0; i < 2; ++i) {
        eigenAxes_[i] = new QLineSeries;
        eigenAxes_[i]->setObjectName(QStringLiteral("eigenvector%1").arg(i + 1));
        eigenAxes_[i]->setPen(QPen(hueColor(i == 0 ? Hue::BluishGreen : Hue::ReddishPurple), 2, Qt::DashLine));
    }
    path_->setObjectName(QStringLiteral("trajectory"));
    path_->setName(tr("GD path"));
    path_->setPen(QPen(hueColor(Hue::Vermillion), 2.5));
    path_->setPointsVisible(true);
    start_->setObjectName(QStringLiteral("start"));
    start_->setName(tr("start (drag)"));
    start_->setColor(hueColor(Hue::Orange));
    start_->setBorderColor(hueColor(Hue::Ink));
    start_->setMarkerSize(15);
    end_->setObjectName(QStringLiteral("end"));
    end_->setName(tr("end"));
    end_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    end_->setColor(hueColor(Hue::Vermillion));
    end_->setBorderColor(Qt::white);
    end_->setMarkerSize(12);
    minimum_->setObjectName(QStringLiteral("minimum"));
    minimum_->setName(tr("minimum"));
    minimum_->setColor(hueColor(Hue::SkyBlue));
    minimum_->setBorderColor(hueColor(Hue::Ink));
    minimum_->setMarkerSize(13);
    minimum_->append(0, 0);
    equal_ = new EqualUnits(cc, contourX_, contourY_, this);
    equal_->setBox(QRectF(QPointF(-kBox, -kBox), QPointF(kBox, kBox)));

    // Loss per step.
    QChart* l = loss_->chart();
    loss_->setObjectName(QStringLiteral("lossChart"));
    loss_->setAccessibleName(tr("Loss per step on a log scale"));
    l->setTitle(tr("Loss per step (log scale)"));
    lossX_->setTitleText(tr("step"));
    lossY_->setTitleText(tr("loss"));
    // The loss is drawn as log₁₀ on a linear axis whose ticks read 1, 10⁻⁵, 10⁻¹⁰: a log axis
    // would print "1e-10" or nothing at all where its labels do not fit.
    l->addAxis(lossX_, Qt::AlignBottom);
    l->addAxis(lossY_, Qt::AlignLeft);
    lossCurve_->setObjectName(QStringLiteral("loss"));
    lossCurve_->setPen(QPen(hueColor(Hue::Vermillion), 2.5));   // no name: the title says what it is
    addTo(l, lossCurve_, lossX_, lossY_);
    setNiceRange(lossX_, 0, 100);
    labelDecades();
    connect(l, &QChart::plotAreaChanged, this, [this] { QTimer::singleShot(0, this, &BowlLab::labelDecades); });

    // Contraction per step against the learning rate: the data (measured, theory) first, the
    // reference lines over them, the current rate on top.
    QChart* r = contraction_->chart();
    contraction_->setObjectName(QStringLiteral("contractionChart"));
    contraction_->setAccessibleName(tr("Contraction per step against the learning rate"));
    r->setTitle(tr("Error factor per step"));
    rateX_->setTitleText(tr("learning rate lr"));
    rateY_->setTitleText(tr("factor"));   // the title says of what: the error, per step
    r->addAxis(rateX_, Qt::AlignBottom);
    r->addAxis(rateY_, Qt::AlignLeft);
    setNiceRange(rateY_, 0, kContractionTop, 5);
    setNiceRange(rateX_, 0, 0.25);
    measured_->setObjectName(QStringLiteral("measured"));
    measured_->setName(tr("measured"));
    measured_->setColor(hueColor(Hue::Yellow));
    measured_->setBorderColor(hueColor(Hue::Ink));
    measured_->setMarkerSize(9);
    theory_->setObjectName(QStringLiteral("theory"));
    theory_->setName(tr("theory"));
    theory_->setPen(QPen(hueColor(Hue::Blue), 2.5));
    unitLine_->setObjectName(QStringLiteral("noProgress"));   // factor 1: no progress (a helper line)
    unitLine_->setPen(QPen(hueColor(Hue::Ink), 1, Qt::DotLine));
    addTo(r, measured_, rateX_, rateY_);
    addTo(r, theory_, rateX_, rateY_);   // the formula drawn over the measured dots
    addTo(r, unitLine_, rateX_, rateY_);
    // 1/λ₁ and 1/λ₂ share one colour and one key entry; the best rate and the divergence
    // bound each have theirs, in hues far from each other and from the current rate's.
    const Hue hues[4] = {Hue::BluishGreen, Hue::BluishGreen, Hue::ReddishPurple, Hue::Vermillion};
    const Qt::PenStyle styles[4] = {Qt::DashLine, Qt::DashLine, Qt::DashDotLine, Qt::DotLine};
    const QString keyNames[4] = {tr("1/λ₁, 1/λ₂"), QString(), tr("best rate"), tr("2/λmax")};
    for (int i = 0; i < 4; ++i) {
        thresholdLines_[i] = new QLineSeries;
        thresholdLines_[i]->setObjectName(QStringLiteral("threshold_") + names[i]);
        thresholdLines_[i]->setName(keyNames[i]);
        thresholdLines_[i]->setPen(QPen(hueColor(hues[i]), i == 3 ? 2.5 : 2, styles[i]));
        addTo(r, thresholdLines_[i], rateX_, rateY_);
    }
    current_->setObjectName(QStringLiteral("currentRate"));
    current_->setName(tr("this lr"));
    current_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    current_->setColor(hueColor(Hue::Ink));
    current_->setBorderColor(hueColor(Hue::Yellow));
    current_->setMarkerSize(14);
    addTo(r, current_, rateX_, rateY_);

    // The contours on the left, the loss and the contraction on the right.
    auto* charts = new QWidget;
    charts->setObjectName(QStringLiteral("bowlCharts"));
    auto* grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    for (FigureChart* v : {contours_, loss_, contraction_}) v->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
    contours_->setMinimumEms(9, 9);
    loss_->setMinimumEms(10, 10);
    contraction_->setMinimumEms(10, 10);
    addFigureWidget(charts);
    QWidget* contourCell = withKey(contours_);
    grid->addWidget(contourCell, 0, 0, 2, 1);
    // The bowl in 3-D beside the contours where OpenGL can draw it (the loss and contraction
    // then share the row under it); otherwise the contours alone and one sentence why.
    QString no3d;
    if (surface3DAvailable(&no3d)) {
        view3d_ = new SurfaceView3D;
        view3d_->setAccessibleName(tr("The bowl in 3-D, with the run on it"));
        // The contours and the bowl on top, the loss and the contraction under them: each chart
        // keeps half the width, so no axis is squeezed.
        grid->removeWidget(contourCell);
        grid->addWidget(contourCell, 0, 0);
        grid->addWidget(view3d_, 0, 1);
        QWidget* lossCell = withKey(loss_);
        QWidget* contractionCell = withKey(contraction_);
        grid->addWidget(lossCell, 1, 0);
        grid->addWidget(contractionCell, 1, 1);
        grid->setColumnStretch(0, 1);
        grid->setColumnStretch(1, 1);
        grid->setRowStretch(0, 5);
        grid->setRowStretch(1, 4);
        c->newRow();
        QCheckBox* only = view3d_->addControls(c);
        connect(only, &QCheckBox::toggled, this, [grid, contourCell, lossCell, contractionCell](bool on) {
            for (QWidget* w : {contourCell, lossCell, contractionCell}) w->setVisible(!on);
            grid->setColumnStretch(0, on ? 0 : 1);
            grid->setRowStretch(1, on ? 0 : 4);
        });
        connect(view3d_, &SurfaceView3D::pointChosen, this, [this](const QPointF& at) {
            startX_->setValue(std::clamp(at.x(), startX_->minimum(), startX_->maximum()));
            startY_->setValue(std::clamp(at.y(), startY_->minimum(), startY_->maximum()));
        });
    } else {
        if (!no3d.isEmpty()) {
            auto* why = new WrappedLabel(no3d);
            why->setObjectName(QStringLiteral("surface3dUnavailable"));
            addNote(why);
        }
        grid->addWidget(withKey(loss_), 0, 1);
        grid->addWidget(withKey(contraction_), 1, 1);
        grid->setColumnStretch(0, 4);
        grid->setColumnStretch(1, 5);
        grid->setRowStretch(0, 4);
        grid->setRowStretch(1, 5);
    }
    for (FigureChart* v : {contours_, loss_, contraction_}) {
        v->restyle();
        // Room on the right for the last tick label, centred on the plot's edge.
        QMargins m = v->chart()->margins();
        m.setRight(std::max(m.right(), v->fontMetrics().horizontalAdvance(QStringLiteral("0.25")) * 3 / 4 + 4));
        v->chart()->setMargins(m);
    }

    drag_ = new ChartDrag(contours_, [this] { return QList<QPointF>{QPointF(startX_->value(), startY_->value())}; }, this);
    connect(drag_, &ChartDrag::dragged, this, [this](int, QPointF p) {
        startX_->setValue(p.x());
        startY_->setValue(p.y());
        start_->replace({QPointF(startX_->value(), startY_->value())});   // at once; the run follows the debounce
    });
    recompute();
}

void BowlLab::labelDecades()
{
    // A label every k decades, k from 1, 2, 5, 10, ... so that the labels have room.
    auto* axis = static_cast<QCategoryAxis*>(lossY_);
    const double pixels = loss_->chart()->plotArea().height();
    const double line = QFontMetricsF(axis->labelsFont()).height();
    const int room = pixels > 20 ? std::max(2, int(pixels / (1.6 * line)) + 1) : 6;
    const int span = decadeHi_ - decadeLo_;
    int k = 1;
    for (int step : {1, 2, 5, 10, 20, 50, 100, 200}) {
        k = step;
        if (span / k + 1 <= room) break;
    }
    QStringList wanted;
    for (int e = decadeLo_; e <= decadeHi_; ++e)
        if (e % k == 0) wanted << powerOfTen(e);
    if (axis->categoriesLabels() == wanted && axis->min() == decadeLo_ && axis->max() == decadeHi_) return;
    for (const QString& label : axis->categoriesLabels()) axis->remove(label);
    axis->setStartValue(decadeLo_);
    for (int e = decadeLo_; e <= decadeHi_; ++e)
        if (e % k == 0) axis->append(powerOfTen(e), e);
    axis->setRange(decadeLo_, decadeHi_);
}

void BowlLab::run()
{
    const double l1 = lambda1_->value(), l2 = lambda2_->value(), lr = rate_->value();
    const double theta = angle_->value() * std::numbers::pi / 180.0;
    const int steps = steps_->value();
    const Eigen::Vector2d start(startX_->value(), startY_->value());
    runJob<BowlResult>(
        tr("Running gradient descent…"),
        [l1, l2, lr, theta, steps, start](Progress&) {
            BowlResult out;
            out.l1 = l1;
            out.l2 = l2;
            out.lr = lr;
            const QuadraticBowl bowl(l1, l2, theta);
            // Twice the box: the equal-unit axes may show more than [-3, 3] along one side.
            const Grid2D grid = evaluateGrid(bowl, Domain{-2 * kBox, 2 * kBox, -2 * kBox, 2 * kBox}, kGridCells, kGridCells);
            // Levels at f = λmin·r²/2 for r = 0.25, 0.5, ...: ellipses evenly spaced along the shallow axis.
            std::vector<double> levels;
            const double lmin = std::min(l1, l2);
            for (int k = 1; k <= 32; ++k) levels.push_back(0.5 * lmin * std::pow(0.25 * k, 2));
            out.contours = thinnedContours(contourLines(grid, levels), kContourTolerance);
            // The middle of the grid, [-kBox, kBox]², for the 3-D view: the same values, copied.
            const int from = (kGridCells - 1) / 4, cells = (kGridCells - 1) / 2 + 1;
            out.box.domain = Domain{-kBox, kBox, -kBox, kBox};
            out.box.rows = out.box.cols = cells;
            out.box.values.reserve(std::size_t(cells) * std::size_t(cells));
            for (int r = 0; r < cells; ++r)
                for (int col = 0; col < cells; ++col) out.box.values.push_back(grid.at(from + r, from + col));
            out.eigen[0] = Eigen::Vector2d(std::cos(theta), std::sin(theta));
            out.eigen[1] = Eigen::Vector2d(-std::sin(theta), std::cos(theta));

            // The contraction chart: 0 < lr < 2/λmax is the interesting part; 1/λmin may lie
            // far beyond it (then its line is off the chart).
            out.t = learningRateThresholds(l1, l2);
            out.rateTop = 1.25 * std::max(out.t.divergence, lr);
            // The axis may end a little beyond rateTop (nice ticks): the theory goes further.
            const double theoryTop = niceTicks(0, out.rateTop, 2).to;
            std::vector<double> xs;
            for (int i = 0; i <= 300; ++i) xs.push_back(theoryTop * i / 300.0);
            for (double k : {out.t.exact1, out.t.exact2, out.t.best})
                if (k < theoryTop) xs.push_back(k);
            std::sort(xs.begin(), xs.end());
            for (double x : xs) out.theory.append({x, contractionBound(l1, l2, x)});
            for (const ContractionSample& s :
                 contractionSweep(bowl, out.rateTop / kSweepRates, out.rateTop, kSweepRates, kSweepSteps))
                if (std::isfinite(s.measured)) out.measured.append({s.learningRate, s.measured});
            out.measuredAtRate = measuredContraction(bowl, lr);
            out.theoryAtRate = contractionBound(l1, l2, lr);

            OptimizerSettings os;
            os.kind = OptimizerKind::GradientDescent;
            os.learningRate = lr;
            Optimizer<Eigen::Vector2d> gd(os, 2);
            RunSettings rs;
            rs.maxSteps = steps;
            rs.gradientTolerance = kGradientTolerance;
            const RunResult<Eigen::Vector2d> result =
                runOptimizer(gd, [&bowl](const Eigen::Vector2d& x) { return bowl.value(x); },
                             [&bowl](const Eigen::Vector2d& x, Eigen::Vector2d& g) { g = bowl.gradient(x); }, start, rs);
            out.run.points = result.points;
            out.run.losses = result.losses;
            out.run.steps = result.steps;
            out.run.converged = result.status == RunStatus::Converged;
            out.run.diverged = result.status == RunStatus::Diverged;
            out.run.divergedAtStep = result.divergedAtStep;
            out.run.finalLoss = result.finalLoss;
            return out;
        },
        [this](const BowlResult& r) { showResult(r); });
}

void BowlLab::showResult(const BowlResult& r)
{
    run_ = r.run;
    QChart* cc = contours_->chart();
    // The contours under everything, then the eigenvectors, the path and its markers. The contour
    // series are kept and refilled; only when more lines are needed than ever before are series
    // added (and the ones drawn over them put back on top).
    const QList<QXYSeries*> over = {eigenAxes_[0], eigenAxes_[1], path_, start_, end_, minimum_};
    const bool first = !cc->series().contains(path_);
    if (first || qsizetype(r.contours.size()) > contourLines_.size()) {
        for (QXYSeries* s : over)
            if (cc->series().contains(s)) cc->removeSeries(s);
        while (contourLines_.size() < qsizetype(r.contours.size())) {
            auto* s = new QLineSeries;
            addTo(cc, s, contourX_, contourY_);
            contourLines_.append(s);
        }
        for (QXYSeries* s : over) addTo(cc, s, contourX_, contourY_);   // no names for the eigenvectors: the text names them
    }
    QColor faint = hueColor(Hue::Ink);
    faint.setAlphaF(0.45);   // 3:1 or more on light, dark and high-contrast backgrounds
    const QPen contourPen(faint, 1);
    for (qsizetype i = 0; i < contourLines_.size(); ++i) {
        QLineSeries* s = contourLines_[i];
        if (i < qsizetype(r.contours.size())) replaceIfChanged(s, r.contours[std::size_t(i)]);
        else if (s->count() > 0) s->clear();
        if (s->pen() != contourPen) s->setPen(contourPen);
    }
    for (int i = 0; i < 2; ++i) {
        const Eigen::Vector2d a = -2 * kBox * r.eigen[i], b = 2 * kBox * r.eigen[i];
        replaceIfChanged(eigenAxes_[i], {QPointF(a.x(), a.y()), QPointF(b.x(), b.y())});
    }
    QList<QPointF> pts;
    for (const Eigen::Vector2d& p : run_.points) pts.append({p.x(), p.y()});
    replaceIfChanged(path_, pts);
    replaceIfChanged(start_, {pts.front()});
    replaceIfChanged(end_, {pts.back()});
    contours_->restyle();
    // The loss and contraction charts and the readout a turn later: one result's three figures
    // at once held the interface for longer than a frame.
    showNext([this, r] { showRates(r); });
    if (view3d_) showNext([this, r] { show3D(r); });
}

void BowlLab::show3D(const BowlResult& r)
{
    const ValueRange range = finiteRange(r.box.values);
    view3d_->setGrid(r.box, range.low, range.high);
    view3d_->setMinima({{0, 0, 0, tr("min"), true}});
    QList<QVector3D> xyf;
    for (std::size_t i = 0; i < run_.points.size() && i < run_.losses.size(); ++i)
        xyf.append(QVector3D(float(run_.points[i].x()), float(run_.points[i].y()), float(run_.losses[i])));
    view3d_->setPath(xyf, !xyf.isEmpty());
}

void BowlLab::showRates(const BowlResult& r)
{

    // Loss per step, on whole decades.
    QList<QPointF> losses;
    double lo = INFINITY, hi = 0;
    for (std::size_t i = 0; i < run_.losses.size(); ++i) {
        const double v = run_.losses[i];
        if (v > 0 && std::isfinite(v)) {   // a log axis shows positive values only
            losses.append({double(i), std::log10(v)});
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    replaceIfChanged(lossCurve_, losses);
    setNiceRange(lossX_, 0, std::max(1, int(run_.losses.size()) - 1));
    if (losses.isEmpty()) {
        lo = 1e-3;
        hi = 1;
    }
    decadeLo_ = int(std::floor(std::log10(lo) + 1e-9));
    decadeHi_ = std::max(int(std::ceil(std::log10(hi) - 1e-9)), decadeLo_ + 1);
    labelDecades();

    // Contraction against the rate.
    setNiceRange(rateX_, 0, r.rateTop);
    replaceIfChanged(theory_, r.theory);
    replaceIfChanged(measured_, r.measured);
    const double lineTop = niceTicks(0, r.rateTop, 2).to;
    replaceIfChanged(unitLine_, {QPointF(0, 1), QPointF(lineTop, 1)});
    const double rates[4] = {r.t.exact1, r.t.exact2, r.t.best, r.t.divergence};
    for (int i = 0; i < 4; ++i) replaceIfChanged(thresholdLines_[i], {QPointF(rates[i], 0), QPointF(rates[i], kContractionTop)});
    replaceIfChanged(current_, {QPointF(r.lr, std::isfinite(r.measuredAtRate) ? r.measuredAtRate : r.theoryAtRate)});
    for (FigureChart* v : {loss_, contraction_}) v->restyle();

    // The readout: how the run ended, then what the rate does per step.
    const double lmax = std::max(r.l1, r.l2), lmin = std::min(r.l1, r.l2);
    const double steep = std::abs(1 - r.lr * lmax);
    QString ended;
    bool warning = false;
    if (run_.diverged) {
        ended = tr("Diverged at step %1: lr = %2 is above 2/λmax = %3, so the error along the steep eigenvector grows %4 "
                   "times per step.")
                    .arg(run_.divergedAtStep)
                    .arg(n3(r.lr), n3(r.t.divergence), n3(steep));
        warning = true;
    } else if (run_.converged) {
        ended = tr("Converged in %1 steps (‖gradient‖ < 10⁻⁸).").arg(run_.steps);
    } else if (r.theoryAtRate >= 1.0 - 1e-12) {
        ended = tr("%1 steps, loss %2: at lr = %3 the error along the steep eigenvector never shrinks (|1 − lr·λmax| = %4), "
                   "so GD bounces without converging.")
                    .arg(run_.steps)
                    .arg(n3(run_.finalLoss), n3(r.lr), n3(steep));
        warning = true;
    } else {
        ended = tr("%1 steps taken, loss now %2; not yet below the tolerance.").arg(run_.steps).arg(n3(run_.finalLoss));
    }
    const QString factor = tr("Each step multiplies the error by %1 (measured; theory max(|1 − lr·λ₁|, |1 − lr·λ₂|) = %2). "
                              "Best rate 2/(λmin + λmax) = %3 with factor (κ − 1)/(κ + 1) = %4 (κ = %5); divergence above "
                              "2/λmax = %6.")
                               .arg(n3(r.measuredAtRate), n3(r.theoryAtRate), n3(r.t.best), n3(r.t.bestContraction),
                                    n3(lmax / lmin), n3(r.t.divergence));
    setReadout(ended + QLatin1Char(' ') + factor, warning);
}

} // namespace minima
