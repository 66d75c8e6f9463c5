// libFuzzer entry point; the body is phonec::fuzz::phone_parser in targets.h.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!phonec::fuzz::phone_parser(data, size)) __builtin_trap();
  return 0;
}
