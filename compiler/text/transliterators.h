// Internal: ICU transliterators cached per thread.
#pragma once
#include <unicode/translit.h>

#include <string>

#include "text/encoding.h"

namespace phonec::text::detail {

struct CachedTransliterator {
  const icu::Transliterator* transliterator = nullptr;  // null when the id is not usable
  std::string error;                                     // ICU's complaint about the id
};

// `id` restricted to the characters `e` cannot carry. Creating a transliterator costs
// milliseconds, so each thread builds one per (id, encoding) on first use and keeps it;
// ICU transliterators keep mutable state and are not shared between threads.
CachedTransliterator thread_transliterator(const std::string& id, Encoding e);

}  // namespace phonec::text::detail
