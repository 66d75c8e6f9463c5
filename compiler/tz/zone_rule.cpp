#include "tz/zone_rule.h"

#include <unicode/basictz.h>
#include <unicode/dtrule.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tzrule.h>
#include <unicode/tztrans.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>

namespace phonec::tz {
namespace {

constexpr int64_t kMsPerSecond = 1000;

icu::UnicodeString to_icu(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's civil-days formula).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int64_t year_start_utc(int year) { return days_from_civil(year, 1, 1) * 86400; }

// Only February's length depends on the year; the normaliser below never uses February.
int fixed_month_length(int month) {
  static constexpr int kLengths[12] = {31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kLengths[month - 1];
}

std::unique_ptr<icu::BasicTimeZone> open_zone(std::string_view id) {
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(to_icu(id)));
  auto* basic = dynamic_cast<icu::BasicTimeZone*>(zone.get());
  if (basic == nullptr) return nullptr;
  zone.release();
  return std::unique_ptr<icu::BasicTimeZone>(basic);
}

// ICU rule -> When, rewriting "Sunday on or after the 8th" as "2nd Sunday" and "Sunday on or
// after the 25th of March" as "last Sunday" when they agree in every year, so that vendors
// with only a week field can still take the rule.
When to_when(const icu::DateTimeRule& r) {
  When w;
  w.month = r.getRuleMonth() + 1;
  w.minutes = r.getRuleMillisInDay() / 60000;
  switch (r.getTimeRuleType()) {
    case icu::DateTimeRule::WALL_TIME: w.ref = TimeRef::Wall; break;
    case icu::DateTimeRule::STANDARD_TIME: w.ref = TimeRef::Standard; break;
    case icu::DateTimeRule::UTC_TIME: w.ref = TimeRef::Utc; break;
  }
  w.weekday = r.getRuleDayOfWeek();
  const int dom = r.getRuleDayOfMonth();
  switch (r.getDateRuleType()) {
    case icu::DateTimeRule::DOM:
      w.kind = DayKind::DayOfMonth;
      w.day_of_month = dom;
      w.weekday = 0;
      break;
    case icu::DateTimeRule::DOW:
      w.kind = DayKind::WeekdayInMonth;
      w.week = r.getRuleWeekInMonth();
      break;
    case icu::DateTimeRule::DOW_GEQ_DOM:
      if ((dom - 1) % 7 == 0 && dom <= 22) {
        w.kind = DayKind::WeekdayInMonth;
        w.week = (dom + 6) / 7;
      } else if (w.month != 2 && dom == fixed_month_length(w.month) - 6) {
        w.kind = DayKind::WeekdayInMonth;
        w.week = -1;
      } else {
        w.kind = DayKind::WeekdayOnOrAfter;
        w.day_of_month = dom;
      }
      break;
    case icu::DateTimeRule::DOW_LEQ_DOM:
      if (dom % 7 == 0 && dom <= 28) {
        w.kind = DayKind::WeekdayInMonth;
        w.week = dom / 7;
      } else if (w.month != 2 && dom == fixed_month_length(w.month)) {
        w.kind = DayKind::WeekdayInMonth;
        w.week = -1;
      } else {
        w.kind = DayKind::WeekdayOnOrBefore;
        w.day_of_month = dom;
      }
      break;
  }
  return w;
}

icu::DateTimeRule to_icu_rule(const When& w) {
  const int32_t millis = w.minutes * 60000;
  const auto type = w.ref == TimeRef::Wall       ? icu::DateTimeRule::WALL_TIME
                    : w.ref == TimeRef::Standard ? icu::DateTimeRule::STANDARD_TIME
                                                 : icu::DateTimeRule::UTC_TIME;
  switch (w.kind) {
    case DayKind::DayOfMonth: return icu::DateTimeRule(w.month - 1, w.day_of_month, millis, type);
    case DayKind::WeekdayInMonth:
      return icu::DateTimeRule(w.month - 1, w.week, w.weekday, millis, type);
    case DayKind::WeekdayOnOrAfter:
      return icu::DateTimeRule(w.month - 1, w.day_of_month, w.weekday, true, millis, type);
    case DayKind::WeekdayOnOrBefore:
      return icu::DateTimeRule(w.month - 1, w.day_of_month, w.weekday, false, millis, type);
  }
  return icu::DateTimeRule(0, 1, 0, type);
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

const char* kWeekdays[] = {"", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                           "Saturday"};
const char* kMonths[] = {"",     "January", "February",  "March",   "April",    "May",
                         "June", "July",    "August",    "September", "October", "November",
                         "December"};

std::string ordinal(int n) {
  const char* suffix = (n % 10 == 1 && n != 11)   ? "st"
                       : (n % 10 == 2 && n != 12) ? "nd"
                       : (n % 10 == 3 && n != 13) ? "rd"
                                                  : "th";
  return std::to_string(n) + suffix;
}

}  // namespace

std::string describe(const When& w) {
  const std::string month = (w.month >= 1 && w.month <= 12) ? kMonths[w.month] : "?";
  const std::string day = (w.weekday >= 1 && w.weekday <= 7) ? kWeekdays[w.weekday] : "?";
  std::string out;
  switch (w.kind) {
    case DayKind::DayOfMonth: out = month + " " + std::to_string(w.day_of_month); break;
    case DayKind::WeekdayInMonth:
      out = (w.week < 0 ? std::string("last") : ordinal(w.week)) + " " + day + " of " + month;
      break;
    case DayKind::WeekdayOnOrAfter:
      out = day + " on or after the " + ordinal(w.day_of_month) + " of " + month;
      break;
    case DayKind::WeekdayOnOrBefore:
      out = day + " on or before the " + ordinal(w.day_of_month) + " of " + month;
      break;
  }
  char time[16];
  std::snprintf(time, sizeof time, "%02d:%02d", w.minutes / 60, w.minutes % 60);
  const char* ref = w.ref == TimeRef::Wall ? "local time" : w.ref == TimeRef::Standard
                                                                ? "standard time"
                                                                : "UTC";
  return out + " at " + time + " " + ref;
}

std::vector<std::string> suggest(std::string_view bad) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::StringEnumeration> ids(
      icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL, nullptr, nullptr, status));
  if (U_FAILURE(status) || !ids) return {};
  const bool bare_city = bad.find('/') == std::string_view::npos;
  std::vector<std::pair<size_t, std::string>> scored;
  while (const icu::UnicodeString* id = ids->snext(status)) {
    if (U_FAILURE(status)) break;
    std::string name = to_utf8(*id);
    size_t d = edit_distance(bad, name);
    if (bare_city) {
      const auto slash = name.rfind('/');
      if (slash != std::string::npos) d = std::min(d, edit_distance(bad, name.substr(slash + 1)));
    }
    const size_t limit = std::max<size_t>(2, bad.size() / 3);
    if (d <= limit) scored.emplace_back(d, std::move(name));
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
  return out;
}

std::string tzdata_version() {
  UErrorCode status = U_ZERO_ERROR;
  const char* version = icu::TimeZone::getTZDataVersion(status);
  return U_SUCCESS(status) && version ? version : "unknown";
}

std::string region_of(std::string_view zone_id) {
  char region[8] = {};
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getRegion(to_icu(zone_id), region, sizeof region, status);
  if (U_FAILURE(status) || std::string_view(region) == "001") return {};
  return region;
}

std::optional<YearTimeline> icu_timeline(std::string_view zone_id, int year) {
  auto zone = open_zone(zone_id);
  if (!zone) return std::nullopt;
  const int64_t begin = year_start_utc(year), end = year_start_utc(year + 1);
  YearTimeline out;
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone->getOffset(static_cast<UDate>(begin * kMsPerSecond), false, raw, dst, status);
  if (U_FAILURE(status)) return std::nullopt;
  out.offset_at_start_seconds = (raw + dst) / 1000;
  icu::TimeZoneTransition tr;
  UDate at = static_cast<UDate>(begin * kMsPerSecond);
  bool inclusive = true;
  while (zone->getNextTransition(at, inclusive, tr) && tr.getTime() < end * kMsPerSecond) {
    at = tr.getTime();
    inclusive = false;
    const icu::TimeZoneRule* to = tr.getTo();
    out.transitions.push_back({static_cast<int64_t>(at) / kMsPerSecond,
                               (to->getRawOffset() + to->getDSTSavings()) / 1000});
  }
  return out;
}

YearTimeline rule_timeline(const Rule& rule, int year) {
  YearTimeline out;
  out.offset_at_start_seconds = rule.std_offset_seconds;
  if (!rule.has_dst) return out;
  const int raw_ms = rule.std_offset_seconds * 1000, save_ms = rule.dst_save_seconds * 1000;
  const icu::AnnualTimeZoneRule start("dst", raw_ms, save_ms, to_icu_rule(rule.start), 1970,
                                      icu::AnnualTimeZoneRule::MAX_YEAR);
  const icu::AnnualTimeZoneRule end("std", raw_ms, 0, to_icu_rule(rule.end), 1970,
                                    icu::AnnualTimeZoneRule::MAX_YEAR);
  std::vector<Transition> all;
  for (int y = year - 1; y <= year + 1; ++y) {
    UDate t = 0;
    if (start.getStartInYear(y, raw_ms, 0, t))
      all.push_back({static_cast<int64_t>(t) / kMsPerSecond,
                     rule.std_offset_seconds + rule.dst_save_seconds});
    if (end.getStartInYear(y, raw_ms, save_ms, t))
      all.push_back({static_cast<int64_t>(t) / kMsPerSecond, rule.std_offset_seconds});
  }
  std::sort(all.begin(), all.end(),
            [](const Transition& a, const Transition& b) { return a.utc_seconds < b.utc_seconds; });
  const int64_t begin = year_start_utc(year), finish = year_start_utc(year + 1);
  for (const auto& t : all) {
    if (t.utc_seconds <= begin) out.offset_at_start_seconds = t.offset_after_seconds;
    if (t.utc_seconds >= begin && t.utc_seconds < finish) out.transitions.push_back(t);
  }
  return out;
}

std::optional<ZoneRule> derive(std::string_view zone_id, std::string& error) {
  icu::UnicodeString canonical;
  UBool is_system = false;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(to_icu(zone_id), canonical, is_system, status);
  if (U_FAILURE(status) || !is_system || canonical == icu::UnicodeString("Etc/Unknown")) {
    error = "unknown time zone \"" + std::string(zone_id) + "\"";
    const auto close = suggest(zone_id);
    for (size_t i = 0; i < close.size(); ++i)
      error += (i == 0 ? "; did you mean \"" : ", \"") + close[i] + "\"";
    if (!close.empty()) error += "?";
    return std::nullopt;
  }
  ZoneRule out;
  out.id = std::string(zone_id);
  out.canonical = to_utf8(canonical);
  auto zone = open_zone(out.canonical);
  if (!zone) {
    error = "ICU has no rule data for time zone \"" + out.id + "\"";
    return std::nullopt;
  }
  const int32_t count = zone->countTransitionRules(status);
  std::vector<const icu::TimeZoneRule*> rules(static_cast<size_t>(std::max(count, 0)));
  const icu::InitialTimeZoneRule* initial = nullptr;
  int32_t filled = count;
  zone->getTimeZoneRules(initial, rules.data(), filled, status);
  if (U_FAILURE(status)) {
    error = "ICU could not read the rules of time zone \"" + out.id + "\"";
    return std::nullopt;
  }
  // The rule in force is tzdata's final, open-ended rule pair (ICU's AnnualTimeZoneRules that
  // end at MAX_YEAR). Zones without one keep the offset in force at the reference instant.
  const icu::AnnualTimeZoneRule *std_rule = nullptr, *dst_rule = nullptr;
  for (int32_t i = 0; i < filled; ++i) {
    const auto* annual = dynamic_cast<const icu::AnnualTimeZoneRule*>(rules[static_cast<size_t>(i)]);
    if (annual == nullptr || annual->getEndYear() != icu::AnnualTimeZoneRule::MAX_YEAR) continue;
    (annual->getDSTSavings() != 0 ? dst_rule : std_rule) = annual;
  }
  if (std_rule != nullptr && dst_rule != nullptr) {
    out.rule.std_offset_seconds = std_rule->getRawOffset() / 1000;
    out.rule.has_dst = true;
    out.rule.dst_save_seconds = dst_rule->getDSTSavings() / 1000;
    out.rule.start = to_when(*dst_rule->getRule());
    out.rule.end = to_when(*std_rule->getRule());
  } else {
    int32_t raw = 0, dst = 0;
    zone->getOffset(static_cast<UDate>(year_start_utc(kFirstYear) * kMsPerSecond), false, raw, dst,
                    status);
    out.rule.std_offset_seconds = raw / 1000;
  }
  for (int year = kFirstYear; year <= kLastYear; ++year) {
    if (icu_timeline(out.canonical, year) != rule_timeline(out.rule, year)) {
      out.varies = true;
      out.first_deviating_year = year;
      break;
    }
  }
  return out;
}

}  // namespace phonec::tz
