#include "lessons/convexity/chordlab.h"

#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QDoubleSpinBox>
#include <QValueAxis>
#include <QVector3D>

#include <cmath>

#include "engine/landscape/contourmap.h"
#include "lessons/common/charts/niceaxis.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/charts/surface3d.h"
#include "lessons/common/steadytext.h"

// The chord lab's readings: the chord between A and B drawn against the function, with the
// sentence on whether the graph rises above it, and the convexity test's verdict in words.
namespace minima {

namespace {

constexpr int kSliceSamples = 201;

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

} // namespace

void ChordLab::drawChord()
{
    chord_->clear();
    ends_->clear();
    midpoints_->clear();
    sliceCurve_->clear();
    sliceChord_->clear();
    sliceEnds_->clear();
    sliceWorst_->clear();
    if (!current_.f) {
        if (view3d_) view3d_->clearChord();
        return;
    }
    const ChordFunction& f = current_;
    const bool twoD = f.dimension == 2;
    const QPointF a(spins_[0][0]->value(), twoD ? spins_[0][1]->value() : 0.0);
    const QPointF b(spins_[1][0]->value(), twoD ? spins_[1][1]->value() : 0.0);
    // g(t) = f(A + t (B - A)) against the chord c(t) = (1 - t) g(0) + t g(1): 201 values along
    // one segment, cheap enough to follow a drag.
    auto g = [&](double t) { return f.f(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y())); };
    const double g0 = g(0.0), g1 = g(1.0), gm = g(0.5);
    if (!std::isfinite(g0) || !std::isfinite(g1)) {
        if (view3d_) view3d_->clearChord();
        setSteadyText(readout_, tr("f is not defined at %1: move the point into the function's domain.")
                              .arg(std::isfinite(g0) ? tr("B") : tr("A")));
        return;
    }
    double worst = 0, worstT = 0;
    std::vector<double> sliceValues;
    QList<QPointF> slicePoints;
    QList<QVector3D> along;   // the surface over the segment, for the 3-D view
    for (int i = 0; i < kSliceSamples; ++i) {
        const double t = double(i) / (kSliceSamples - 1);
        const double v = g(t);
        const double above = v - ((1 - t) * g0 + t * g1);
        if (std::isfinite(v)) {
            slicePoints.append({t, v});
            along.append(QVector3D(float(a.x() + t * (b.x() - a.x())), float(a.y() + t * (b.y() - a.y())), float(v)));
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
        const ValueRange range = plotRange(sliceValues);
        setNiceRange(sliceY_, range.low, range.high);
        if (view3d_)
            view3d_->setChord(QVector3D(float(a.x()), float(a.y()), float(g0)), QVector3D(float(b.x()), float(b.y()), float(g1)), along);
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
