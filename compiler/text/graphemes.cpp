#include "text/graphemes.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "text/utf8.h"

namespace phonec::text {

namespace {

// A break iterator is stateful; each thread clones its own on first use.
icu::BreakIterator& thread_character_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it;
  if (!it) {
    UErrorCode status = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !it)
      throw std::runtime_error(std::string("ICU character break iterator: ") + u_errorName(status));
  }
  return *it;
}

}  // namespace

std::vector<std::size_t> grapheme_boundaries(std::string_view utf8) {
  std::vector<std::size_t> out;
  out.reserve(utf8.size() + 1);
  if (is_ascii(utf8)) {
    // Only CR LF joins two ASCII characters into one cluster.
    out.push_back(0);
    for (std::size_t i = 0; i < utf8.size(); ++i) {
      if (utf8[i] == '\r' && i + 1 < utf8.size() && utf8[i + 1] == '\n') continue;
      out.push_back(i + 1);
    }
    return out;
  }
  // Most non-ASCII text (accented Latin, Greek, Cyrillic...) has no code point that joins a
  // cluster: when every one has the Grapheme_Cluster_Break value Other, Control, CR or LF, UAX
  // #29 breaks between all of them but CR LF, and the break iterator is not needed.
  // (U+FFFD, which may stand for an ill-formed byte, is left to the iterator.)
  out.push_back(0);
  bool after_cr = false;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    const auto gcb = static_cast<UGraphemeClusterBreak>(
        u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_GRAPHEME_CLUSTER_BREAK));
    if (cp == 0xFFFD || (gcb != U_GCB_OTHER && gcb != U_GCB_CONTROL && gcb != U_GCB_CR && gcb != U_GCB_LF)) {
      out.clear();
      break;
    }
    if (after_cr && cp == U'\n') out.back() = i;
    else out.push_back(i);
    after_cr = cp == U'\r';
  }
  if (!out.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  // The UText reads the UTF-8 in place; its native indices are byte offsets.
  UText* text = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU utext: ") + u_errorName(status));
  std::unique_ptr<UText, decltype(&utext_close)> guard(text, &utext_close);
  icu::BreakIterator& it = thread_character_iterator();
  it.setText(text, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU break iterator: ") + u_errorName(status));
  for (int32_t b = it.first(); b != icu::BreakIterator::DONE; b = it.next()) out.push_back(static_cast<std::size_t>(b));
  // Detach from the UText before it is closed.
  it.setText(icu::UnicodeString());
  return out;
}

}  // namespace phonec::text
