#pragma once
// File > Print lesson page to PDF: the lab on show, as the learner sees it (text beside
// its figure, drawn as vectors where Qt can), scaled onto an A4 landscape page under a
// heading; when the lab's text is longer than its pane, the whole text follows on the
// next pages.
class QString;
class QWidget;

namespace minima {

class LessonPage;

// The heading of a printed page, also the PDF's title: the lesson's title and the tab on show,
// e.g. "Local minima — Where gradient descent ends".
QString printHeading(const QString& lessonTitle, const LessonPage& page);

// heading: drawn at the top of the first page and set as the document's title. False with a
// sentence in *error.
bool printLabToPdf(const LessonPage& page, const QString& heading, const QString& path, QString* error);

// Asks for a file name and prints; tells the learner when there is no lesson page on show.
void printLabInteractively(QWidget* currentPage, const QString& lessonTitle, QWidget* dialogParent);

} // namespace minima
