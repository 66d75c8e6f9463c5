// Yealink: local_time.* (admin guide: week 1..5 with 5 = last, weekday 1 = Monday ... 7 = Sunday,
// hour 0..23 whole hours, offset_time in minutes, dst_time_type 0 = by date, 1 = by week).
#include "tz/encode_common.h"
#include "tz/vendors.h"

namespace phonec::tz::detail {
namespace {

constexpr std::string_view kVendor = "yealink";

std::optional<std::string> when_text(const Rule& rule, const When& when, bool entering,
                                     bool by_week, std::string& error) {
  auto wall = wall_clock(rule, when, entering, error);
  if (!wall) return std::nullopt;
  auto hour = whole_hour(*wall, kVendor, "the hour field", error);
  if (!hour) return std::nullopt;
  if (!by_week)
    return std::to_string(wall->month) + "/" + std::to_string(wall->day_of_month) + "/" +
           std::to_string(*hour);
  const auto week = week_of(*wall);
  if (!week) {
    error = cannot(kVendor, *wall, "its week field takes 1..4 or 5 = last");
    return std::nullopt;
  }
  return std::to_string(wall->month) + "/" + std::to_string(*week == -1 ? 5 : *week) + "/" +
         std::to_string(monday_first(wall->weekday)) + "/" + std::to_string(*hour);
}

}  // namespace

std::optional<Fields> encode_yealink(const ZoneRule& zone, std::string& error) {
  if (!check_fixed_rule(zone, kVendor, error)) return std::nullopt;
  const Rule& r = zone.rule;
  Fields out{{"local_time.time_zone", hours_minutes(r.std_offset_seconds)}};
  if (!r.has_dst) {
    out.emplace_back("local_time.summer_time", "0");
    return out;
  }
  const bool start_dom = r.start.kind == DayKind::DayOfMonth;
  if (start_dom != (r.end.kind == DayKind::DayOfMonth)) {
    error = "yealink's dst_time_type applies to both ends, but \"" + describe(r.start) +
            "\" and \"" + describe(r.end) + "\" mix a fixed date and a weekday rule";
    return std::nullopt;
  }
  auto start = when_text(r, r.start, true, !start_dom, error);
  if (!start) return std::nullopt;
  auto end = when_text(r, r.end, false, !start_dom, error);
  if (!end) return std::nullopt;
  out.emplace_back("local_time.summer_time", "1");
  out.emplace_back("local_time.dst_time_type", start_dom ? "0" : "1");
  out.emplace_back("local_time.start_time", *start);
  out.emplace_back("local_time.end_time", *end);
  out.emplace_back("local_time.offset_time", std::to_string(r.dst_save_seconds / 60));
  return out;
}

}  // namespace phonec::tz::detail
