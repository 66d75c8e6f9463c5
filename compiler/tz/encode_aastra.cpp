// Aastra/Mitel 67xx/68xx "Custom" zone: time zone minutes are minutes WEST of UTC (EST = 300),
// dst minutes 0..60, "dst [start|end] relative date: 1" (both dates by weekday) with week 1..5 / -1 = last occurrence, day 1 = Sunday ...
// 7 = Saturday, hour 0..23.
#include "tz/encode_common.h"
#include "tz/vendors.h"

namespace phonec::tz::detail {
namespace {

constexpr std::string_view kVendor = "aastra";

bool add_when(Fields& out, std::string_view part, const Rule& rule, const When& when,
              bool entering, std::string& error) {
  auto w = weekday_at_hour(rule, when, entering, kVendor, error);
  if (!w) return false;
  const std::string p = "dst " + std::string(part) + " ";
  out.emplace_back(p + "month", std::to_string(w->month));
  out.emplace_back(p + "week", std::to_string(w->week));
  out.emplace_back(p + "day", std::to_string(w->weekday));
  out.emplace_back(p + "hour", std::to_string(w->hour));
  return true;
}

}  // namespace

std::optional<Fields> encode_aastra(const ZoneRule& zone, std::string& error) {
  if (!check_fixed_rule(zone, kVendor, error)) return std::nullopt;
  const Rule& r = zone.rule;
  Fields out{{"time zone name", "Custom"},
             {"time zone minutes", std::to_string(-r.std_offset_seconds / 60)}};
  if (!r.has_dst) {
    out.emplace_back("dst minutes", "0");
    return out;
  }
  if (r.dst_save_seconds > 3600) {
    error = "aastra's dst minutes go up to 60, but " + zone.id + " shifts by " +
            std::to_string(r.dst_save_seconds / 60) + " minutes";
    return std::nullopt;
  }
  out.emplace_back("dst minutes", std::to_string(r.dst_save_seconds / 60));
  // One setting for both dates, named with the brackets, as the admin guide writes it.
  out.emplace_back("dst [start|end] relative date", "1");
  if (!add_when(out, "start", r, r.start, true, error)) return std::nullopt;
  if (!add_when(out, "end", r, r.end, false, error)) return std::nullopt;
  return out;
}

}  // namespace phonec::tz::detail
