// Internal: ICU converters and charset tables shared by encoding, fit and limits.
#pragma once
#include <unicode/ucnv.h>
#include <unicode/uniset.h>

#include "text/encoding.h"

namespace phonec::text::detail {

// ICU's name for the charset of an 8-bit encoding; nullptr for the Unicode encodings.
const char* icu_charset(Encoding e);

// The code points `e` carries, frozen (so it may be read from any thread), built once.
const icu::UnicodeSet& encodable_set(Encoding e);

// A converter for `e` owned by the calling thread (ICU converters keep state and must not be
// shared), opened on first use with callbacks that stop at the first unmappable character.
UConverter* thread_converter(Encoding e);

}  // namespace phonec::text::detail
