#include "driver/data_dir.h"

#include <cstdlib>

namespace phonec::driver {
namespace fs = std::filesystem;

fs::path data_dir() {
  if (const char* env = std::getenv("PHONEC_DATA_DIR"); env && *env) return fs::path(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "phonec";
    if (fs::is_directory(installed / "stdlib", ec)) return installed;
  }
  return fs::path(PHONEC_SOURCE_DATA_DIR);
}

}  // namespace phonec::driver
