// Checks the caller runs before writing anything: every problem, with indexes into the Config so
// the front end can attach the source ranges it knows. The emitters run them too and refuse to
// emit anything when one fails.
#pragma once
#include <vector>

#include "emit/dhcp/dhcp_ir.h"

namespace phonec::dhcp {

std::vector<Problem> check(const Config& config);

// The definition of `code` in config.option_defs (the first one), or nullptr.
const OptionDef* find_def(const Config& config, std::uint8_t code);

// Identifier rules shared by checks and emitters.
bool is_option_name(std::string_view s);  // [A-Za-z][A-Za-z0-9_-]{0,62}
bool is_class_name(std::string_view s);   // [A-Za-z0-9._-]{1,63}

}  // namespace phonec::dhcp
