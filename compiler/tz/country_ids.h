// Snom's documented country time-zone identifiers ("CAN-5", "GBR-0", "FRA+1"), also taken by
// Gigaset Pro phones. Vendor data: each identifier, the ISO 3166 regions it serves and the IANA
// zone whose rules phonec assumes the phone's built-in table applies for it.
#pragma once
#include <span>
#include <string_view>

namespace phonec::tz {

struct CountryId {
  std::string_view id;
  std::string_view regions;  // space-separated ISO 3166 codes
  int offset_minutes;        // the offset the identifier names
  std::string_view representative;
};

std::span<const CountryId> country_ids();

}  // namespace phonec::tz
