#pragma once
// The rich text a pack may carry, checked by tokenizing it as HTML the way Qt's rich-text
// parser reads it, which is more lenient than HTML: every '<' starts a tag, white space after
// it is skipped ("< img src=x>" is an image), and a tag runs to the next '>'. Only the tags
// of resources/EXERCISES.md, with no attributes, pass; comments, processing instructions,
// doctype, CDATA, every other tag and a bare '<' ("a < b", "k <= 1") are refused.
#include <QString>

namespace minima {

// True when `html` uses only <p> <b> <i> <em> <strong> <code> <sub> <sup> <br> (opening,
// closing or self-closing, no attributes). Otherwise false, with *why naming the first
// offending tag.
bool isAllowedRichText(const QString& html, QString* why = nullptr);

// For places Qt would guess the format of (tool tips, message boxes): the text as rich text
// that shows it literally, whatever it holds.
QString literalRichText(const QString& text);

} // namespace minima
