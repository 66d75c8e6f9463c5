// One encoder per vendor syntax; encode() dispatches. Internal to the tz module.
#pragma once
#include <optional>
#include <string>

#include "tz/encode.h"

namespace phonec::tz::detail {

std::optional<Fields> encode_yealink(const ZoneRule& zone, std::string& error);
std::optional<Fields> encode_polycom(const ZoneRule& zone, std::string& error);
std::optional<Fields> encode_aastra(const ZoneRule& zone, std::string& error);
std::optional<Fields> encode_fanvil(const ZoneRule& zone, std::string& error);
std::optional<Fields> encode_cisco(const ZoneRule& zone, std::string& error);
// Snom and Gigaset Pro share the country identifiers ("FRA+1").
std::optional<Fields> encode_country_id(const ZoneRule& zone, std::string_view vendor,
                                        std::string& error);
// POSIX TZ string ("EST+5EDT,M3.2.0,M11.1.0") for Grandstream, Fanvil and Htek.
std::optional<std::string> posix_tz(const ZoneRule& zone, std::string_view vendor,
                                    std::string& error);

}  // namespace phonec::tz::detail
