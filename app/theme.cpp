#include "app/theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QStyle>

#include "lessons/common/charts/figurechart.h"

namespace minima {

namespace {

Theme current = Theme::System;

// The platform's palette, captured once before any theme replaces it.
const QPalette& systemPalette()
{
    static const QPalette palette = QApplication::palette();
    return palette;
}

QPalette filled(const QColor& window, const QColor& text, const QColor& base, const QColor& alternate,
                const QColor& button, const QColor& highlight, const QColor& highlightedText, const QColor& link,
                const QColor& disabledText)
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xFF, 0x55, 0x55));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, highlightedText);
    p.setColor(QPalette::Link, link);
    p.setColor(QPalette::LinkVisited, link);
    p.setColor(QPalette::Light, button.lighter(150));
    p.setColor(QPalette::Midlight, button.lighter(125));
    p.setColor(QPalette::Mid, button.darker(130));
    p.setColor(QPalette::Dark, button.darker(160));
    p.setColor(QPalette::Shadow, Qt::black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    return p;
}

} // namespace

QString themeKey(Theme theme)
{
    switch (theme) {
    case Theme::System: return QStringLiteral("system");
    case Theme::Light: return QStringLiteral("light");
    case Theme::Dark: return QStringLiteral("dark");
    case Theme::HighContrast: return QStringLiteral("high-contrast");
    }
    return QStringLiteral("system");
}

bool themeFromKey(const QString& key, Theme* theme)
{
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark, Theme::HighContrast}) {
        if (themeKey(t) == key) {
            *theme = t;
            return true;
        }
    }
    return false;
}

QPalette themePalette(Theme theme)
{
    switch (theme) {
    case Theme::System: return systemPalette();
    case Theme::Light:
        return filled(QColor(0xEF, 0xEF, 0xEF), QColor(0x1A, 0x1A, 0x1A), Qt::white, QColor(0xF5, 0xF5, 0xF5),
                      QColor(0xE6, 0xE6, 0xE6), QColor(0x00, 0x72, 0xB2), Qt::white, QColor(0x00, 0x5A, 0x9C),
                      QColor(0x80, 0x80, 0x80));
    case Theme::Dark:
        return filled(QColor(0x2B, 0x2B, 0x2E), QColor(0xE8, 0xE8, 0xE8), QColor(0x1E, 0x1E, 0x20),
                      QColor(0x26, 0x26, 0x29), QColor(0x3A, 0x3A, 0x3E), QColor(0x56, 0xB4, 0xE9), Qt::black,
                      QColor(0x7F, 0xC8, 0xF0), QColor(0x8A, 0x8A, 0x8A));
    case Theme::HighContrast:
        // Black and white with yellow selection: contrast ratio 21:1 for text (WCAG 2.1, 1.4.6).
    {
        QPalette p = filled(Qt::black, Qt::white, Qt::black, QColor(0x1A, 0x1A, 0x1A), Qt::black, QColor(0xFF, 0xFF, 0x00),
                            Qt::black, QColor(0x00, 0xFF, 0xFF), QColor(0xB0, 0xB0, 0xB0));
        // Frames and bevels are drawn from these: white, so every control's edge shows on black.
        for (QPalette::ColorRole role : {QPalette::Light, QPalette::Midlight, QPalette::Mid, QPalette::Dark})
            p.setColor(role, Qt::white);
        return p;
    }
    }
    return systemPalette();
}

void applyTheme(Theme theme)
{
    systemPalette();   // capture the platform's palette before the first change
    current = theme;
    QApplication::setPalette(themePalette(theme));
    // Charts draw with colours taken from the application palette when styled; restyle
    // them now rather than rely on the order palette-change events arrive in. The charts are
    // gathered first: a restyle rebuilds a chart's key, deleting widgets the list would hold.
    QList<QPointer<FigureChart>> charts;
    for (QWidget* w : QApplication::allWidgets())
        if (auto* chart = qobject_cast<FigureChart*>(w)) charts << chart;
    for (const QPointer<FigureChart>& chart : charts)
        if (chart) chart->restyle();
}

Theme currentTheme() { return current; }

QMenu* addThemeMenu(QMenu* view, QSettings& settings)
{
    QMenu* menu = view->addMenu(QObject::tr("&Theme"));
    menu->setObjectName(QStringLiteral("themeMenu"));
    auto* group = new QActionGroup(menu);
    group->setExclusive(true);
    Theme remembered = Theme::System;
    if (!themeFromKey(settings.value(QStringLiteral("theme")).toString(), &remembered)) remembered = Theme::System;
    const std::pair<Theme, QString> entries[] = {{Theme::System, QObject::tr("&System")},
                                                 {Theme::Light, QObject::tr("&Light")},
                                                 {Theme::Dark, QObject::tr("&Dark")},
                                                 {Theme::HighContrast, QObject::tr("&High contrast")}};
    for (const auto& [theme, label] : entries) {
        QAction* action = menu->addAction(label);
        action->setObjectName(QStringLiteral("theme-") + themeKey(theme));
        action->setCheckable(true);
        action->setChecked(theme == remembered);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [theme, &settings] {
            applyTheme(theme);
            settings.setValue(QStringLiteral("theme"), themeKey(theme));
        });
    }
    if (remembered != Theme::System || currentTheme() != Theme::System) applyTheme(remembered);
    return menu;
}

} // namespace minima
