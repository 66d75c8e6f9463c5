// Cisco SPA/MPP: Time_Zone "GMT-05:00" and Daylight_Saving_Time_Rule
// "start=M/D/W/H[:mm];end=...;save=H[:mm]". Weekday W: 1 = Monday ... 7 = Sunday, 0 = the exact
// date D. With W != 0, a positive D means "W on or after day D", a negative D "W on or before",
// counted from the end of the month (-1 = the last day, so -1 = last W).
#include <cstdio>
#include <cstdlib>

#include "tz/encode_common.h"
#include "tz/vendors.h"

namespace phonec::tz::detail {
namespace {

constexpr std::string_view kVendor = "cisco";
constexpr int kMonthLength[12] = {31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

std::string clock(int minutes) {
  std::string out = std::to_string(minutes / 60);
  if (minutes % 60 != 0) out += (minutes % 60 < 10 ? ":0" : ":") + std::to_string(minutes % 60);
  return out;
}

std::optional<std::string> when_text(const Rule& rule, const When& when, bool entering,
                                     std::string& error) {
  auto wall = wall_clock(rule, when, entering, error);
  if (!wall) return std::nullopt;
  int day = 0, weekday = monday_first(wall->weekday);
  switch (wall->kind) {
    case DayKind::DayOfMonth:
      day = wall->day_of_month;
      weekday = 0;
      break;
    case DayKind::WeekdayInMonth: day = wall->week == -1 ? -1 : 1 + 7 * (wall->week - 1); break;
    case DayKind::WeekdayOnOrAfter: day = wall->day_of_month; break;
    case DayKind::WeekdayOnOrBefore:
      if (wall->month == 2) {
        error = cannot(kVendor, *wall, "its negative days count from a month end that moves in February");
        return std::nullopt;
      }
      day = -(kMonthLength[wall->month - 1] - wall->day_of_month + 1);
      break;
  }
  return std::to_string(wall->month) + "/" + std::to_string(day) + "/" + std::to_string(weekday) +
         "/" + clock(wall->minutes);
}

}  // namespace

std::optional<Fields> encode_cisco(const ZoneRule& zone, std::string& error) {
  if (!check_fixed_rule(zone, kVendor, error)) return std::nullopt;
  const Rule& r = zone.rule;
  const int off = std::abs(r.std_offset_seconds) / 60;
  char tz[16];
  std::snprintf(tz, sizeof tz, "GMT%c%02d:%02d", r.std_offset_seconds < 0 ? '-' : '+', off / 60,
                off % 60);
  Fields out{{"Time_Zone", r.std_offset_seconds == 0 ? "GMT" : tz}};
  if (!r.has_dst) {
    out.emplace_back("Daylight_Saving_Time_Enable", "No");
    return out;
  }
  auto start = when_text(r, r.start, true, error);
  if (!start) return std::nullopt;
  auto end = when_text(r, r.end, false, error);
  if (!end) return std::nullopt;
  out.emplace_back("Daylight_Saving_Time_Enable", "Yes");
  out.emplace_back("Daylight_Saving_Time_Rule", "start=" + *start + ";end=" + *end +
                                                    ";save=" + clock(r.dst_save_seconds / 60));
  return out;
}

}  // namespace phonec::tz::detail
