// Fitting a value into the charset of the file it goes to: keep what the charset carries,
// transliterate or replace the rest according to the model's policy, or report it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "text/encoding.h"

namespace phonec::text {

struct Policy {
  enum class Kind {
    Error,                   // nothing is changed; any unencodable character makes the value not ok
    Transliterate,           // unencodable characters are transliterated; leftovers make it not ok
    TransliterateOrReplace,  // transliterate, then replace what is still unencodable
    Replace,                 // each grapheme holding an unencodable character becomes `replacement`
  };
  Kind kind = Kind::Error;
  std::string transliterator = "Any-Latin; Latin-ASCII";  // an ICU transform id, e.g. "de-ASCII"
  std::string replacement = "?";

  // Secrets (passwords, PINs, keys) must reach the phone byte for byte: never transliterated.
  static Policy strict() { return Policy{}; }
};

struct FitResult {
  std::string text;                    // NFC UTF-8, every character encodable when ok
  bool changed = false;                // text differs from the (NFC) input
  bool ok = false;
  std::vector<char32_t> unencodable;   // distinct input code points the charset cannot carry, in order
  std::string error;                   // set when the policy itself is unusable (bad transliterator id,
                                       // unencodable replacement, ill-formed UTF-8)
};

// Thread-safe: transliterators are created once per thread and id, lazily.
// Only the characters the encoding cannot carry are given to the transliterator, so "é" stays
// "é" in ISO-8859-1 while "Ω" becomes "O"; the transliterator still sees its neighbours as
// context (de-ASCII writes "Ä" as "AE" before capitals and "Ae" otherwise).
FitResult fit(std::string_view utf8, Encoding e, const Policy& policy);

}  // namespace phonec::text
