#include "text/icu_converters.h"

#include <array>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace phonec::text::detail {

namespace {

constexpr std::size_t kEncodings = static_cast<std::size_t>(Encoding::Utf16le) + 1;

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

const char* icu_converter_name(Encoding e) {
  if (e == Encoding::Utf16le) return "UTF-16LE";
  if (const char* cs = icu_charset(e)) return cs;
  return "UTF-8";
}

ConverterPtr open_converter(Encoding e) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr c(ucnv_open(icu_converter_name(e), &status));
  if (U_FAILURE(status) || !c)
    throw std::runtime_error(std::string("ICU has no converter for ") + icu_converter_name(e) + ": " +
                             u_errorName(status));
  ucnv_setFromUCallBack(c.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  ucnv_setToUCallBack(c.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU converter setup: ") + u_errorName(status));
  return c;
}

std::unique_ptr<icu::UnicodeSet> build_set(Encoding e) {
  auto set = std::make_unique<icu::UnicodeSet>();
  if (icu_charset(e) == nullptr) {
    // Every Unicode scalar value; surrogates never reach here from valid UTF-8.
    set->add(0, 0x10FFFF);
    set->remove(0xD800, 0xDFFF);
  } else {
    ConverterPtr c = open_converter(e);
    UErrorCode status = U_ZERO_ERROR;
    ucnv_getUnicodeSet(c.get(), set->toUSet(), UCNV_ROUNDTRIP_SET, &status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU charset table: ") + u_errorName(status));
  }
  set->freeze();
  return set;
}

}  // namespace

const char* icu_charset(Encoding e) {
  switch (e) {
    case Encoding::Latin1: return "ISO-8859-1";
    case Encoding::Windows1252: return "windows-1252";
    case Encoding::Latin9: return "ISO-8859-15";
    case Encoding::Ascii: return "US-ASCII";
    case Encoding::Utf8:
    case Encoding::Utf8Bom:
    case Encoding::Utf16le: return nullptr;
  }
  return nullptr;
}

const icu::UnicodeSet& encodable_set(Encoding e) {
  static std::array<std::unique_ptr<icu::UnicodeSet>, kEncodings> sets;
  static std::once_flag once;
  std::call_once(once, [] {
    for (std::size_t i = 0; i < kEncodings; ++i) sets[i] = build_set(static_cast<Encoding>(i));
  });
  return *sets[static_cast<std::size_t>(e)];
}

UConverter* thread_converter(Encoding e) {
  thread_local std::array<ConverterPtr, kEncodings> converters;
  ConverterPtr& slot = converters[static_cast<std::size_t>(e)];
  if (!slot) slot = open_converter(e);
  ucnv_reset(slot.get());
  return slot.get();
}

}  // namespace phonec::text::detail
