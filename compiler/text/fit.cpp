#include "text/fit.h"

#include <algorithm>

#include "text/graphemes.h"
#include "text/transliterators.h"
#include "text/utf8.h"

namespace phonec::text {

namespace {

bool all_encodable(std::string_view utf8, Encoding e) {
  for (std::size_t i = 0; i < utf8.size();) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {
      ++i;  // every target charset carries ASCII
      continue;
    }
    if (!can_encode(next_code_point(utf8, i), e)) return false;
  }
  return true;
}

std::vector<char32_t> unencodable_code_points(std::string_view utf8, Encoding e) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    if (!can_encode(cp, e) && std::find(out.begin(), out.end(), cp) == out.end()) out.push_back(cp);
  }
  return out;
}

// Whole clusters go: replacing only the unencodable code points of "👩‍👩‍👧" would leave a
// row of replacement characters, and of "q̃" a bare "q?".
std::string replace_clusters(std::string_view utf8, Encoding e, const std::string& replacement) {
  std::string out;
  const std::vector<std::size_t> b = grapheme_boundaries(utf8);
  for (std::size_t k = 0; k + 1 < b.size(); ++k) {
    const std::string_view cluster = utf8.substr(b[k], b[k + 1] - b[k]);
    out += all_encodable(cluster, e) ? std::string(cluster) : replacement;
  }
  return out;
}

bool transliterate(const std::string& id, Encoding e, std::string& text, std::string& error) {
  const detail::CachedTransliterator t = detail::thread_transliterator(id, e);
  if (t.transliterator == nullptr) {
    error = t.error;
    return false;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  t.transliterator->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  // Transliterators may emit decomposed marks (Latin-ASCII leaves some); keep the NFC promise.
  text = to_nfc(out);
  return true;
}

}  // namespace

FitResult fit(std::string_view utf8, Encoding e, const Policy& policy) {
  FitResult r;
  if (auto bad = find_invalid_utf8(utf8)) {
    r.error = "ill-formed UTF-8 at byte " + std::to_string(*bad);
    r.text = std::string(utf8);
    return r;
  }
  const std::string input = to_nfc(utf8);
  r.text = input;
  // A bad transliterator id is reported for every value, not only for the first value that
  // happens to need it, so a model's mistake does not depend on its devices' names.
  if (policy.kind == Policy::Kind::Transliterate || policy.kind == Policy::Kind::TransliterateOrReplace) {
    const detail::CachedTransliterator t = detail::thread_transliterator(policy.transliterator, e);
    if (t.transliterator == nullptr) {
      r.error = t.error;
      return r;
    }
  }
  if (all_encodable(input, e)) {
    r.ok = true;
    return r;
  }
  r.unencodable = unencodable_code_points(input, e);

  const bool may_replace =
      policy.kind == Policy::Kind::Replace || policy.kind == Policy::Kind::TransliterateOrReplace;
  if (may_replace && !all_encodable(policy.replacement, e)) {
    r.error = "the replacement \"" + policy.replacement + "\" cannot itself be written in " +
              std::string(encoding_name(e));
    return r;
  }
  switch (policy.kind) {
    case Policy::Kind::Error:
      return r;
    case Policy::Kind::Transliterate:
    case Policy::Kind::TransliterateOrReplace:
      if (!transliterate(policy.transliterator, e, r.text, r.error)) return r;
      if (policy.kind == Policy::Kind::TransliterateOrReplace && !all_encodable(r.text, e))
        r.text = replace_clusters(r.text, e, policy.replacement);
      break;
    case Policy::Kind::Replace:
      r.text = replace_clusters(r.text, e, policy.replacement);
      break;
  }
  r.changed = r.text != input;
  r.ok = all_encodable(r.text, e);
  return r;
}

}  // namespace phonec::text
