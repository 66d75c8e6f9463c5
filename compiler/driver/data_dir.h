#pragma once
#include <filesystem>

namespace phonec::driver {
// Where stdlib/ and models/ are: $PHONEC_DATA_DIR, else <exe>/../share/phonec when installed,
// else the source tree the binary was built from.
std::filesystem::path data_dir();
}  // namespace phonec::driver
