#pragma once
// Numbers as text: the exact rational a decimal literal stands for, a value as feedback quotes
// it (long ones described by their size), and the plain numbers a learner types (thousands
// separators dropped, a decimal comma refused with a sentence).
#include <string>
#include <string_view>

#include <ginac/ginac.h>

namespace minima::answers::detail {

using GiNaC::ex;
using GiNaC::numeric;

std::string toString(const ex& e);

// The exact rational a decimal literal stands for: "7.5e-1" -> 3/4.
numeric decimalValue(const std::string& text);

// The exact rational a double stands for, through its shortest decimal.
numeric rationalOf(double x);

// A value as feedback quotes it; a number too long to quote is described by its size.
std::string describeNumber(const ex& e);

// An exact value as shown: "13824", "3/4 (0.75)", or a float to 12 digits.
std::string numberText(const numeric& v);

// For feedback: numberText, or the size of a number too long to quote.
std::string shortNumberText(const numeric& v);

// True for "0,25" or "1,5": a comma that may be a decimal comma (see decimalCommaMessage).
bool looksLikeDecimalComma(std::string_view input);
extern const std::string decimalCommaMessage;

// A typed number with its thousands separators and underscores dropped.
std::string normaliseNumberInput(std::string_view input);

} // namespace minima::answers::detail
