#pragma once
// View > Theme: the application's colours (System, Light, Dark, High contrast), kept in
// the settings. Charts follow: FigureChart restyles itself on every palette change.
#include <QPalette>
#include <QString>

class QMenu;
class QSettings;

namespace minima {

enum class Theme { System, Light, Dark, HighContrast };

QString themeKey(Theme theme);                        // "system", "light", "dark", "high-contrast"
bool themeFromKey(const QString& key, Theme* theme);  // false for an unknown key

// The palette of a theme. System is the palette the application had before the first
// theme was applied (the platform's own).
QPalette themePalette(Theme theme);
void applyTheme(Theme theme);
Theme currentTheme();

// Adds the Theme submenu to `view`, applies the theme remembered in `settings` (key
// "theme"), and remembers each choice there.
QMenu* addThemeMenu(QMenu* view, QSettings& settings);

} // namespace minima
