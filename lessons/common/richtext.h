#pragma once
// The rich text a pack may carry, checked by tokenizing it as HTML the way Qt's rich-text
// parser reads it (which is more lenient than HTML: it skips white space after '<', so
// "< img src=x>" is an img tag to Qt). Only the tags of resources/EXERCISES.md, with no
// attributes, pass; comments, processing instructions, doctype, CDATA and every other tag
// are refused. A '<' that Qt would read as text ("a < 3", "k <= 1", "x <") stays text.
#include <QString>

namespace minima {

// True when `html` uses only <p> <b> <i> <em> <strong> <code> <sub> <sup> <br> (opening,
// closing or self-closing, no attributes). Otherwise false, with *why naming the first
// offending tag.
bool isAllowedRichText(const QString& html, QString* why = nullptr);

} // namespace minima
