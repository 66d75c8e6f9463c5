// Pieces every rule-carrying vendor format needs: local wall-clock times, weekday numberings,
// offset text. Internal to the tz module.
#pragma once
#include <optional>
#include <string>

#include "tz/zone_rule.h"

namespace phonec::tz::detail {

// The transition re-expressed in the local wall-clock time in force just before it, which is
// what every phone format here means by its "hour" (POSIX says so explicitly). Fails when that
// moves the transition to another local day, since no format can shift a weekday rule.
std::optional<When> wall_clock(const Rule& rule, const When& when, bool entering_dst,
                               std::string& error);

// The n-th weekday of a month at a whole local hour: what the "month / week / weekday / hour"
// formats (Aastra, Fanvil) can carry. Refuses other rules with a reason naming the vendor.
struct WeekdayAtHour {
  int month = 1;
  int week = 1;     // 1..4, -1 = last
  int weekday = 1;  // ICU numbering: 1 = Sunday ... 7 = Saturday
  int hour = 0;
};
std::optional<WeekdayAtHour> weekday_at_hour(const Rule& rule, const When& when, bool entering_dst,
                                             std::string_view vendor, std::string& error);

// Shared refusals: a zone whose dates change year to year, or an offset with seconds.
bool check_fixed_rule(const ZoneRule& zone, std::string_view vendor, std::string& error);

// 1..4, or -1 for "last"; nullopt when the rule is not an n-th-weekday rule.
std::optional<int> week_of(const When& when);

// Weekday numberings. `icu` is 1 = Sunday ... 7 = Saturday.
inline int monday_first(int icu) { return icu == 1 ? 7 : icu - 1; }  // 1 = Monday ... 7 = Sunday
inline int sunday_zero(int icu) { return icu - 1; }                  // 0 = Sunday ... 6 = Saturday

// "+5:30", "-3:30", "+1", "-5", "0".
std::string hours_minutes(int seconds);

// Whole hours of `minutes`, or an error naming the vendor's field when minutes are non-zero.
std::optional<int> whole_hour(const When& wall, std::string_view vendor, std::string_view field,
                              std::string& error);

std::string cannot(std::string_view vendor, const When& when, std::string_view why);

}  // namespace phonec::tz::detail
