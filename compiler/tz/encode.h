// Vendor encoders: a ZoneRule becomes the ordered (field, value) pairs a phone family takes, or
// an error naming exactly what that family's syntax cannot express. The caller turns an error
// into a diagnostic naming the zone and the model; nothing is ever silently approximated.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tz/zone_rule.h"

namespace phonec::tz {

enum class Style { Yealink, Polycom, Aastra, Cisco, Snom, Gigaset, Fanvil, Grandstream, Htek, Olson };

using Fields = std::vector<std::pair<std::string, std::string>>;

const std::vector<Style>& all_styles();
std::string_view style_name(Style style);
std::optional<Style> parse_style(std::string_view name);

std::optional<Fields> encode(const ZoneRule& zone, Style style, std::string& error);

}  // namespace phonec::tz
