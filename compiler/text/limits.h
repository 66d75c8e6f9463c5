// Display limits: how long a label is in the unit its phone counts, and cutting it to fit.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "text/encoding.h"

namespace phonec::text {

enum class LimitUnit {
  Graphemes,  // user-perceived characters (ICU grapheme clusters)
  Columns,    // terminal-style cells: East Asian Wide/Fullwidth and emoji 2, marks 0, others 1
  Bytes,      // bytes in the file's encoding, BOM excluded
};

// Precondition: well-formed UTF-8 (NFC recommended; it is what the emitters pass).
// Columns are counted per grapheme cluster: the widest code point of the cluster decides, so
// "e" + U+0301 is 1, a flag or a ZWJ family is 2, and East Asian Ambiguous counts 1.
std::size_t measure(std::string_view utf8, LimitUnit unit, Encoding e);

// The longest prefix whose measure is at most `limit`, cut only at a grapheme cluster boundary.
// Bytes in an 8-bit charset count one byte per character (fit the value first).
std::string truncate(std::string_view utf8, std::size_t limit, LimitUnit unit, Encoding e);

}  // namespace phonec::text
