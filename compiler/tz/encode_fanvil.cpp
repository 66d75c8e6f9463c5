// Fanvil (sysConf <date> and VOIP_CONFIG_FILE settings): the zone is the offset from UTC in
// quarter hours (UTC-5 = -20, UTC+5:30 = 22) with the name the phone's own list gives a whole-hour
// offset ("UTC-05", "UCT", "UTC+1"); DST is 2 (on, by rule) or 0, its offset in minutes (at
// most 60), and per transition month, week (1..4, -1 = last), weekday (0 = Sunday) and hour.
// Facts: the Wazo provd fanvil plugins (zone table, DST writer, <date> templates); Fanvil
// publishes no parameter list, so these stay "unconfirmed" in docs/review/fanvil.md.
#include <cstdio>

#include "tz/encode_common.h"
#include "tz/vendors.h"

namespace phonec::tz::detail {
namespace {

constexpr std::string_view kVendor = "fanvil";

bool add_when(Fields& out, std::string_view part, const Rule& rule, const When& when, bool entering,
              std::string& error) {
  auto w = weekday_at_hour(rule, when, entering, kVendor, error);
  if (!w) return false;
  const std::string p(part);
  out.emplace_back(p + "_month", std::to_string(w->month));
  out.emplace_back(p + "_week", std::to_string(w->week));
  out.emplace_back(p + "_weekday", std::to_string(sunday_zero(w->weekday)));
  out.emplace_back(p + "_hour", std::to_string(w->hour));
  return true;
}

}  // namespace

std::optional<Fields> encode_fanvil(const ZoneRule& zone, std::string& error) {
  if (!check_fixed_rule(zone, kVendor, error)) return std::nullopt;
  const Rule& r = zone.rule;
  if (r.std_offset_seconds % 900 != 0) {
    error = "fanvil counts the zone in quarter hours, but " + zone.id + " is UTC" + hours_minutes(r.std_offset_seconds);
    return std::nullopt;
  }
  Fields out{{"zone", std::to_string(r.std_offset_seconds / 900)}};
  if (r.std_offset_seconds % 3600 == 0) {
    const int h = r.std_offset_seconds / 3600;
    char name[16];
    if (h < 0) std::snprintf(name, sizeof name, "UTC-%02d", -h);
    else if (h == 0) std::snprintf(name, sizeof name, "UCT");
    else std::snprintf(name, sizeof name, "UTC+%d", h);
    out.emplace_back("zone_name", name);
  }
  if (!r.has_dst) {
    out.emplace_back("dst", "0");
    return out;
  }
  if (r.dst_save_seconds > 3600 || r.dst_save_seconds % 60 != 0) {
    error = "fanvil's DST offset is whole minutes up to 60, but " + zone.id + " shifts by " +
            std::to_string(r.dst_save_seconds / 60) + " minutes";
    return std::nullopt;
  }
  out.emplace_back("dst", "2");
  out.emplace_back("dst_minutes", std::to_string(r.dst_save_seconds / 60));
  if (!add_when(out, "start", r, r.start, true, error)) return std::nullopt;
  if (!add_when(out, "end", r, r.end, false, error)) return std::nullopt;
  return out;
}

}  // namespace phonec::tz::detail
