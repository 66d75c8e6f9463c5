#include "tz/encode_common.h"

#include <cstdlib>

namespace phonec::tz::detail {

std::string cannot(std::string_view vendor, const When& when, std::string_view why) {
  return std::string(vendor) + " cannot express \"" + describe(when) + "\": " + std::string(why);
}

std::optional<When> wall_clock(const Rule& rule, const When& when, bool entering_dst,
                               std::string& error) {
  When wall = when;
  int minutes = when.minutes;
  if (when.ref == TimeRef::Utc) minutes += rule.std_offset_seconds / 60;
  if (when.ref != TimeRef::Wall && !entering_dst) minutes += rule.dst_save_seconds / 60;
  if (minutes < 0 || minutes >= 24 * 60) {
    error = "the transition \"" + describe(when) +
            "\" falls on another local day; no phone format can shift a weekday rule";
    return std::nullopt;
  }
  wall.minutes = minutes;
  wall.ref = TimeRef::Wall;
  return wall;
}

bool check_fixed_rule(const ZoneRule& zone, std::string_view vendor, std::string& error) {
  if (zone.varies) {
    error = std::string(vendor) + " takes one fixed yearly rule, but the rules of " + zone.id +
            " change from year to year (first deviation in " +
            std::to_string(zone.first_deviating_year) + ")";
    return false;
  }
  if (zone.rule.std_offset_seconds % 60 != 0 || zone.rule.dst_save_seconds % 60 != 0) {
    error = std::string(vendor) + " cannot express a UTC offset with seconds";
    return false;
  }
  return true;
}

std::optional<int> week_of(const When& when) {
  if (when.kind != DayKind::WeekdayInMonth) return std::nullopt;
  if (when.week == -1 || (when.week >= 1 && when.week <= 4)) return when.week;
  return std::nullopt;
}

std::string hours_minutes(int seconds) {
  if (seconds == 0) return "0";
  const int total = std::abs(seconds) / 60;
  std::string out = seconds < 0 ? "-" : "+";
  out += std::to_string(total / 60);
  if (total % 60 != 0) {
    const int m = total % 60;
    out += (m < 10 ? ":0" : ":") + std::to_string(m);
  }
  return out;
}

std::optional<int> whole_hour(const When& wall, std::string_view vendor, std::string_view field,
                              std::string& error) {
  if (wall.minutes % 60 != 0) {
    error = cannot(vendor, wall, std::string(field) + " takes whole hours only");
    return std::nullopt;
  }
  return wall.minutes / 60;
}

std::optional<WeekdayAtHour> weekday_at_hour(const Rule& rule, const When& when, bool entering_dst,
                                             std::string_view vendor, std::string& error) {
  auto wall = wall_clock(rule, when, entering_dst, error);
  if (!wall) return std::nullopt;
  const auto week = week_of(*wall);
  if (!week) {
    // Absolute dates exist in these formats, but their field semantics are not documented well
    // enough to be sure; refusing is better than a wrong clock.
    error = cannot(vendor, *wall, "only weekday-in-month rules (week 1..4, -1 = last) are supported");
    return std::nullopt;
  }
  auto hour = whole_hour(*wall, vendor, "the hour field", error);
  if (!hour) return std::nullopt;
  return WeekdayAtHour{wall->month, *week, wall->weekday, *hour};
}

}  // namespace phonec::tz::detail
