// Polycom UC software: tcpIpApp.sntp.* (gmtOffset in seconds; dayOfWeek 1 = Sunday ... 7 =
// Saturday; with fixedDayEnable 0, .date 1/8/15/22 picks the 1st..4th dayOfWeek and
// .dayOfWeek.lastInMonth 1 the last; .time in whole hours). The shift is always one hour.
#include "tz/encode_common.h"
#include "tz/vendors.h"

namespace phonec::tz::detail {
namespace {

constexpr std::string_view kVendor = "polycom";
constexpr std::string_view kPrefix = "tcpIpApp.sntp.daylightSavings.";

bool add_when(Fields& out, std::string_view part, const Rule& rule, const When& when,
              bool entering, bool fixed_day, std::string& error) {
  auto wall = wall_clock(rule, when, entering, error);
  if (!wall) return false;
  auto hour = whole_hour(*wall, kVendor, "the .time field", error);
  if (!hour) return false;
  const std::string p = std::string(kPrefix) + std::string(part) + ".";
  out.emplace_back(p + "month", std::to_string(wall->month));
  if (fixed_day) {
    out.emplace_back(p + "date", std::to_string(wall->day_of_month));
    out.emplace_back(p + "time", std::to_string(*hour));
    return true;
  }
  const auto week = week_of(*wall);
  if (!week) {
    error = cannot(kVendor, *wall, "its .date field takes the 1st..4th weekday, .lastInMonth the last");
    return false;
  }
  if (*week > 0) out.emplace_back(p + "date", std::to_string(1 + 7 * (*week - 1)));
  out.emplace_back(p + "time", std::to_string(*hour));
  out.emplace_back(p + "dayOfWeek", std::to_string(wall->weekday));
  out.emplace_back(p + "dayOfWeek.lastInMonth", *week == -1 ? "1" : "0");
  return true;
}

}  // namespace

std::optional<Fields> encode_polycom(const ZoneRule& zone, std::string& error) {
  if (!check_fixed_rule(zone, kVendor, error)) return std::nullopt;
  const Rule& r = zone.rule;
  Fields out{{"tcpIpApp.sntp.gmtOffset", std::to_string(r.std_offset_seconds)}};
  if (!r.has_dst) {
    out.emplace_back(std::string(kPrefix) + "enable", "0");
    return out;
  }
  if (r.dst_save_seconds != 3600) {
    error = "polycom always shifts by one hour, but " + zone.id + " shifts by " +
            std::to_string(r.dst_save_seconds / 60) + " minutes";
    return std::nullopt;
  }
  const bool fixed = r.start.kind == DayKind::DayOfMonth;
  if (fixed != (r.end.kind == DayKind::DayOfMonth)) {
    error = "polycom's fixedDayEnable applies to both ends, but \"" + describe(r.start) +
            "\" and \"" + describe(r.end) + "\" mix a fixed date and a weekday rule";
    return std::nullopt;
  }
  out.emplace_back(std::string(kPrefix) + "enable", "1");
  out.emplace_back(std::string(kPrefix) + "fixedDayEnable", fixed ? "1" : "0");
  if (!add_when(out, "start", r, r.start, true, fixed, error)) return std::nullopt;
  if (!add_when(out, "stop", r, r.end, false, fixed, error)) return std::nullopt;
  return out;
}

}  // namespace phonec::tz::detail
