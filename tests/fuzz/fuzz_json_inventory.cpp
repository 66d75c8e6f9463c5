// libFuzzer entry point; the body is phonec::fuzz::json_inventory in targets.h.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!phonec::fuzz::json_inventory(data, size)) __builtin_trap();
  return 0;
}
