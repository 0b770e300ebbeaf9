#pragma once
// A reading typeset as a teacher writes it, as rich text (HTML with <i>, <sup>, <sub>; names
// and numbers escaped): powers as superscripts, fractions as numerator over denominator,
// Greek names by their letter, <= as ≤.
#include <string>
#include <string_view>

#include "engine/answers/reading.h"

namespace minima::answers::detail {

std::string htmlEscape(std::string_view s);

// A name in italics, Greek letters by their symbol.
std::string typesetName(const std::string& name);

// How a teacher writes the tree: powers as superscripts, (n!)^l with its brackets, a/b as a
// fraction, products with a middle dot (or side by side, as typed: 2n), minus signs.
std::string typeset(const Node& n);

// A condition as typed, typeset: "0 < k ≤ 1", "[0, ∞) or k > 5".
std::string typesetCondition(const Condition& c);

} // namespace minima::answers::detail
