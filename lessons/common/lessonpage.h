#pragma once
// A lesson's page: one tab per lab, each with the lab's text beside its live figure, so
// the learner never scrolls away from a figure to read what it shows; the lesson's
// exercises in the last tab.
#include <QWidget>

class QPalette;
class QSplitter;
class QTabWidget;
class QTextBrowser;
class QTextDocument;

namespace minima {

class Lab;
class LessonContext;

// Restyles the tables of a lab's text (Markdown draws them as a bordered grid): no grid,
// padded cells, a rule in the palette's mid tone under the header row.
void styleTables(QTextDocument* document, const QPalette& palette);

class LessonPage : public QWidget {
    Q_OBJECT
public:
    LessonPage(LessonContext& context, const QString& lessonId, QWidget* parent = nullptr);

    LessonContext& context() const { return context_; }
    QString lessonId() const { return lessonId_; }

    // Adds a lab: the Markdown text at `textResource` (e.g. ":/lessons/convexity/bowl.md")
    // on the left, `figure` (controls and charts) on the right. Returns the tab index. A Lab
    // gets its figure name, "<lesson>-<labId>" (the default name of an exported figure).
    int addLab(const QString& title, const QString& textResource, QWidget* figure, const QString& labId = {});
    // Adds the lesson's exercise panel as the last tab.
    int addExercises();

    QTabWidget* tabs() const { return tabs_; }
    int labCount() const;
    // The figure of the lab on show (nullptr on the exercises tab), for File > Export figure.
    QWidget* currentFigure() const;
    QTextBrowser* labText(int index) const;
    // Shows or hides every lab's text; hidden, the figure takes the whole width.
    void setTextShown(bool shown);
    bool textShown() const { return textShown_; }

    // The lab on tab `index` (nullptr on the exercises tab or for a figure that is no Lab).
    Lab* lab(int index) const;
    QWidget* figure(int index) const { return index >= 0 && index < figures_.size() ? figures_[index] : nullptr; }

    // Reads a Markdown resource; a missing resource reads as a sentence saying so.
    static QString readText(const QString& resource);

    // The share of a lab's width its text gets. In presentation mode the fonts are half as large
    // again and the figure is what the room looks at, so it keeps a little more of the width.
    static double textShare(bool presenting) { return presenting ? 0.30 : 1.0 / 3.0; }

protected:
    void changeEvent(QEvent* event) override;

private:
    // Gives every lab's text its share of the width again (after a font change: presentation
    // mode on or off, a larger or smaller text size).
    void balanceSplitters();

    LessonContext& context_;
    QString lessonId_;
    QTabWidget* tabs_;
    QList<QWidget*> figures_;
    QList<QTextBrowser*> texts_;
    QList<QSplitter*> splitters_;
    bool textShown_ = true;
};

} // namespace minima
