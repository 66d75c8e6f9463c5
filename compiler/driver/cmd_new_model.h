#pragma once
#include <string>
#include <vector>

namespace phonec::driver {
// phonec new-model VENDOR.MODEL [-o FILE]: a model file whose properties are the questions of
// the new-phone checklist, each `todo` until answered (`phonec check` warns for each).
int run_new_model(const std::vector<std::string>& args);
}  // namespace phonec::driver
