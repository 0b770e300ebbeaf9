#include "lessons/convexity/chordlab.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <memory>

#include "engine/answers/evaluate.h"
#include "engine/surfaces/surface.h"
#include "lessons/common/steadytext.h"

// The chord lab's functions: the listed ones, and a typed one as the answer checker's parser
// reads it, typeset for display.
namespace minima {

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

} // namespace minima
