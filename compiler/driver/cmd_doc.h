#pragma once
#include <string>
#include <vector>

namespace phonec::driver {
// phonec doc [--format md|html|json] [-I DIR] [MODEL...]: the feature matrix of the new-phone
// guide for the given models (all shipped models by default).
int run_doc(const std::vector<std::string>& args);
}  // namespace phonec::driver
