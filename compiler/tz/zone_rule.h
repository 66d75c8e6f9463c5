// The rule a zone follows "from now on", read from ICU's tz rule data at a fixed reference
// instant, never from the clock: the same inputs give the same fields whatever the build date.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phonec::tz {

// First and last year for which phonec promises its output is right.
inline constexpr int kFirstYear = 2026;
inline constexpr int kLastYear = 2045;

enum class DayKind {
  DayOfMonth,      // the day_of_month-th
  WeekdayInMonth,  // the week-th weekday (week 1..4, or -1 = last)
  WeekdayOnOrAfter,
  WeekdayOnOrBefore,
};

enum class TimeRef { Wall, Standard, Utc };

// One yearly transition. Weekday follows ICU: 1 = Sunday ... 7 = Saturday.
struct When {
  int month = 1;  // 1..12
  DayKind kind = DayKind::DayOfMonth;
  int day_of_month = 1;  // DayOfMonth, WeekdayOnOrAfter, WeekdayOnOrBefore
  int week = 1;          // WeekdayInMonth only
  int weekday = 1;
  int minutes = 0;  // time of day, in `ref`
  TimeRef ref = TimeRef::Wall;
  bool operator==(const When&) const = default;
};

struct Rule {
  int std_offset_seconds = 0;  // east of UTC is positive
  bool has_dst = false;
  int dst_save_seconds = 0;
  When start;  // entering DST
  When end;    // leaving DST
  bool operator==(const Rule&) const = default;
};

struct ZoneRule {
  std::string id;         // the IANA name as written (validated by ICU): what Olson phones take
  std::string canonical;  // ICU's canonical id (Asia/Kolkata -> Asia/Calcutta): used for lookups
  Rule rule;
  // The zone's transitions in [kFirstYear, kLastYear] do not all follow `rule` (tzdata lists
  // year-by-year dates, as for Morocco, or a change is already scheduled).
  bool varies = false;
  int first_deviating_year = 0;
};

// A UTC transition instant (seconds since the epoch) and the total UTC offset after it.
struct Transition {
  int64_t utc_seconds = 0;
  int offset_after_seconds = 0;
  bool operator==(const Transition&) const = default;
};

// Offset in force at the start of `year` (UTC) and the transitions within it.
struct YearTimeline {
  int offset_at_start_seconds = 0;
  std::vector<Transition> transitions;
  bool operator==(const YearTimeline&) const = default;
};

std::optional<ZoneRule> derive(std::string_view zone_id, std::string& error);

// Did-you-mean: ICU canonical ids closest to `bad` by edit distance (at most 3).
std::vector<std::string> suggest(std::string_view bad);

// What ICU's own transition data says for `year` (the truth phonec is tested against).
std::optional<YearTimeline> icu_timeline(std::string_view zone_id, int year);

// What a device that follows `rule` every year does in `year`.
YearTimeline rule_timeline(const Rule& rule, int year);

// ICU's tz data version ("2022e"), for `phonec --version`.
std::string tzdata_version();

// ISO 3166 region of a zone ("CA" for America/Toronto), empty when ICU has none ("001").
std::string region_of(std::string_view zone_id);

// "Friday on or after the 23rd of March at 02:00 wall time": for diagnostics.
std::string describe(const When& when);

}  // namespace phonec::tz
