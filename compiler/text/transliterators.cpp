#include "text/transliterators.h"

#include <unicode/parseerr.h>

#include <memory>
#include <unordered_map>

#include "text/icu_converters.h"

namespace phonec::text::detail {

namespace {

struct Entry {
  std::unique_ptr<icu::Transliterator> transliterator;
  std::string error;
};

Entry create(const std::string& id, Encoding e) {
  Entry entry;
  UParseError parse_error{};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
      icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, parse_error, status));
  if (U_FAILURE(status) || !t) {
    entry.error = "unknown or invalid ICU transliterator \"" + id + "\" (" + u_errorName(status) + ")";
    return entry;
  }
  // Characters the encoding carries pass through untouched; an id that already has a global
  // filter ("[:Greek:] Any-Latin") keeps it, narrowed to what must change.
  // cloneAsThawed: a plain copy of the frozen table stays frozen and would ignore complement().
  std::unique_ptr<icu::UnicodeSet> filter(encodable_set(e).cloneAsThawed());
  filter->complement();
  if (const icu::UnicodeFilter* own = t->getFilter()) {
    if (const auto* own_set = dynamic_cast<const icu::UnicodeSet*>(own)) filter->retainAll(*own_set);
  }
  t->adoptFilter(filter.release());
  entry.transliterator = std::move(t);
  return entry;
}

}  // namespace

CachedTransliterator thread_transliterator(const std::string& id, Encoding e) {
  thread_local std::unordered_map<std::string, Entry> cache;
  // Every value of a file asks for the same one: remember the last answer.
  thread_local const Entry* last = nullptr;
  thread_local std::string last_id;
  thread_local Encoding last_encoding = Encoding::Utf8;
  if (last && last_encoding == e && last_id == id) return CachedTransliterator{last->transliterator.get(), last->error};
  std::string key = id;
  key += '\x1f';
  key += static_cast<char>('0' + static_cast<int>(e));
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(std::move(key), create(id, e)).first;
  last = &it->second;  // unordered_map nodes do not move
  last_id = id;
  last_encoding = e;
  return CachedTransliterator{it->second.transliterator.get(), it->second.error};
}

}  // namespace phonec::text::detail
