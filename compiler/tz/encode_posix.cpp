// POSIX TZ strings ("EST+5EDT,M3.2.0,M11.1.0", "IST-5:30"): offsets are hours WEST of UTC,
// Mm.n.d with n = 5 for the last week and d = 0 for Sunday, Jn for a fixed date, "/time" in
// the local time in force before the change (2:00 when omitted).
#include <unicode/locid.h>
#include <unicode/tznames.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "tz/encode_common.h"
#include "tz/vendors.h"

namespace phonec::tz::detail {
namespace {

constexpr int kDaysBefore[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

// Abbreviations from ICU's English names when they are plain letters ("EST", "CET"); otherwise
// the numeric form tzdata itself uses ("<+0530>"). ICU's data is fixed, so this is deterministic.
std::string numeric_name(int offset_seconds);

std::string name_of(const ZoneRule& zone, UTimeZoneNameType type, int offset_seconds) {
  const std::string region = region_of(zone.canonical);
  for (const icu::Locale& locale : {icu::Locale("en"), icu::Locale("en", region.c_str())}) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZoneNames> names(icu::TimeZoneNames::createInstance(locale, status));
    if (U_FAILURE(status)) continue;
    icu::UnicodeString text;
    // 2026-01-01T00:00Z: a fixed instant, never the clock.
    names->getDisplayName(icu::UnicodeString::fromUTF8(zone.canonical), type, 1767225600000.0, text);
    std::string utf8;
    text.toUTF8String(utf8);
    bool letters = utf8.size() >= 3 && utf8.size() <= 6;
    for (char c : utf8) letters = letters && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    if (letters) return utf8;
  }
  return numeric_name(offset_seconds);
}

std::string numeric_name(int offset_seconds) {
  const int m = std::abs(offset_seconds) / 60;
  char buf[16];
  if (m % 60 == 0)
    std::snprintf(buf, sizeof buf, "<%c%02d>", offset_seconds < 0 ? '-' : '+', m / 60);
  else
    std::snprintf(buf, sizeof buf, "<%c%02d%02d>", offset_seconds < 0 ? '-' : '+', m / 60, m % 60);
  return buf;
}

std::string posix_offset(int east_seconds) {
  const std::string hm = hours_minutes(-east_seconds);
  return hm == "0" ? "+0" : hm;
}

std::optional<std::string> when_text(const Rule& rule, const When& when, bool entering,
                                     std::string_view vendor, std::string& error) {
  auto wall = wall_clock(rule, when, entering, error);
  if (!wall) return std::nullopt;
  std::string out;
  if (wall->kind == DayKind::DayOfMonth) {
    if (wall->month == 2 && wall->day_of_month == 29) {
      error = cannot(vendor, *wall, "POSIX Jn dates never count February 29");
      return std::nullopt;
    }
    out = "J" + std::to_string(kDaysBefore[wall->month - 1] + wall->day_of_month);
  } else if (const auto week = week_of(*wall)) {
    out = "M" + std::to_string(wall->month) + "." + std::to_string(*week == -1 ? 5 : *week) + "." +
          std::to_string(sunday_zero(wall->weekday));
  } else {
    error = cannot(vendor, *wall, "POSIX TZ dates are Mm.n.d (n-th or last weekday) or Jn");
    return std::nullopt;
  }
  if (wall->minutes != 120) {
    out += "/" + std::to_string(wall->minutes / 60);
    if (wall->minutes % 60 != 0)
      out += (wall->minutes % 60 < 10 ? ":0" : ":") + std::to_string(wall->minutes % 60);
  }
  return out;
}

}  // namespace

std::optional<std::string> posix_tz(const ZoneRule& zone, std::string_view vendor,
                                    std::string& error) {
  if (!check_fixed_rule(zone, vendor, error)) return std::nullopt;
  const Rule& r = zone.rule;
  std::string out = name_of(zone, UTZNM_SHORT_STANDARD, r.std_offset_seconds) +
                    posix_offset(r.std_offset_seconds);
  if (!r.has_dst) return out;
  const int dst_offset = r.std_offset_seconds + r.dst_save_seconds;
  std::string dst_name = name_of(zone, UTZNM_SHORT_DAYLIGHT, dst_offset);
  if (dst_name.front() == '<' || out.front() == '<') {
    // Keep the pair consistent: both numeric when either lacks a letter abbreviation.
    out = numeric_name(r.std_offset_seconds) + posix_offset(r.std_offset_seconds);
    dst_name = numeric_name(dst_offset);
  }
  out += dst_name;
  if (r.dst_save_seconds != 3600) out += posix_offset(dst_offset);
  auto start = when_text(r, r.start, true, vendor, error);
  if (!start) return std::nullopt;
  auto end = when_text(r, r.end, false, vendor, error);
  if (!end) return std::nullopt;
  return out + "," + *start + "," + *end;
}

}  // namespace phonec::tz::detail
