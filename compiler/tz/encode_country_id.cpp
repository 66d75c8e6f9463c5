// Snom / Gigaset Pro: one identifier names a country and an offset; the phone applies its own
// DST table for it. An identifier is chosen only when its representative zone gives exactly the
// zone's transitions in every year phonec covers.
#include <string>

#include "tz/country_ids.h"
#include "tz/encode_common.h"
#include "tz/vendors.h"

namespace phonec::tz::detail {
namespace {

bool serves(const CountryId& c, std::string_view region) {
  std::string_view rest = c.regions;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    if (rest.substr(0, space) == region) return true;
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return false;
}

bool same_clock(const std::string& a, const std::string& b) {
  for (int year = kFirstYear; year <= kLastYear; ++year)
    if (icu_timeline(a, year) != icu_timeline(b, year)) return false;
  return true;
}

}  // namespace

std::optional<Fields> encode_country_id(const ZoneRule& zone, std::string_view vendor,
                                        std::string& error) {
  if (!check_fixed_rule(zone, vendor, error)) return std::nullopt;
  const std::string region = region_of(zone.canonical);
  const int offset = zone.rule.std_offset_seconds / 60;
  std::string near_miss;
  for (const CountryId& c : country_ids()) {
    if (!serves(c, region) || c.offset_minutes != offset) continue;
    std::string ignored;
    const auto rep = derive(c.representative, ignored);
    if (!rep) continue;
    if (same_clock(rep->canonical, zone.canonical)) return Fields{{"timezone", std::string(c.id)}};
    if (near_miss.empty()) near_miss = std::string(c.id) + " (which follows " + rep->id + ")";
  }
  error = std::string(vendor) + " has no country time-zone identifier for " + zone.id +
          " (region " + (region.empty() ? "none" : region) + ", UTC" +
          hours_minutes(zone.rule.std_offset_seconds) + ")";
  if (!near_miss.empty()) error += "; the closest, " + near_miss + ", has other DST dates";
  return std::nullopt;
}

}  // namespace phonec::tz::detail
