// Grapheme clusters (what a reader sees as one character) from ICU's character break rules.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace phonec::text {

// Byte offsets of every cluster boundary in well-formed UTF-8, from 0 to utf8.size()
// inclusive: {0} for the empty string. A combining sequence, an emoji ZWJ sequence, a flag and
// an emoji with its skin-tone modifier are each one cluster.
std::vector<std::size_t> grapheme_boundaries(std::string_view utf8);

}  // namespace phonec::text
