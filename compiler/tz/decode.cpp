#include "tz/decode.h"

#include <cctype>
#include <charconv>
#include <map>
#include <vector>

#include "tz/country_ids.h"

namespace phonec::tz {
namespace {

constexpr int kMonthLength[12] = {31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr int kDaysBefore[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

struct Bad {
  std::string what;
};

using Map = std::map<std::string, std::string>;

const std::string& get(const Map& m, const std::string& key) {
  const auto it = m.find(key);
  if (it == m.end()) throw Bad{"missing field " + key};
  return it->second;
}

int to_int(std::string_view s) {
  int v = 0;
  const char* begin = s.data();
  if (!s.empty() && s.front() == '+') ++begin;
  const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || begin == s.data() + s.size())
    throw Bad{"not a number: \"" + std::string(s) + "\""};
  return v;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t from = 0;
  while (true) {
    const auto at = s.find(sep, from);
    out.emplace_back(s.substr(from, at == std::string_view::npos ? s.npos : at - from));
    if (at == std::string_view::npos) return out;
    from = at + 1;
  }
}

// "[+-]H[:MM]" -> signed minutes.
int hm_minutes(std::string_view s) {
  if (s == "0") return 0;
  const bool negative = !s.empty() && s.front() == '-';
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  const auto parts = split(s, ':');
  if (parts.size() > 2) throw Bad{"bad hours:minutes \"" + std::string(s) + "\""};
  const int minutes = to_int(parts[0]) * 60 + (parts.size() == 2 ? to_int(parts[1]) : 0);
  return negative ? -minutes : minutes;
}

When week_rule(int month, int week, int icu_weekday, int minutes) {
  When w;
  w.month = month;
  w.kind = DayKind::WeekdayInMonth;
  w.week = week;
  w.weekday = icu_weekday;
  w.minutes = minutes;
  return w;
}

When date_rule(int month, int day, int minutes) {
  When w;
  w.month = month;
  w.kind = DayKind::DayOfMonth;
  w.day_of_month = day;
  w.weekday = 0;
  w.minutes = minutes;
  return w;
}

int from_monday_first(int d) { return d == 7 ? 1 : d + 1; }

Rule yealink(const Map& m) {
  Rule r;
  r.std_offset_seconds = hm_minutes(get(m, "local_time.time_zone")) * 60;
  if (get(m, "local_time.summer_time") == "0") return r;
  r.has_dst = true;
  r.dst_save_seconds = to_int(get(m, "local_time.offset_time")) * 60;
  const bool by_week = get(m, "local_time.dst_time_type") == "1";
  auto when = [&](const std::string& key) {
    const auto p = split(get(m, key), '/');
    if (by_week) {
      if (p.size() != 4) throw Bad{key + " is not M/W/D/H"};
      const int week = to_int(p[1]);
      return week_rule(to_int(p[0]), week == 5 ? -1 : week, from_monday_first(to_int(p[2])),
                       to_int(p[3]) * 60);
    }
    if (p.size() != 3) throw Bad{key + " is not M/D/H"};
    return date_rule(to_int(p[0]), to_int(p[1]), to_int(p[2]) * 60);
  };
  r.start = when("local_time.start_time");
  r.end = when("local_time.end_time");
  return r;
}

Rule polycom(const Map& m) {
  Rule r;
  r.std_offset_seconds = to_int(get(m, "tcpIpApp.sntp.gmtOffset"));
  const std::string p = "tcpIpApp.sntp.daylightSavings.";
  if (get(m, p + "enable") == "0") return r;
  r.has_dst = true;
  r.dst_save_seconds = 3600;
  const bool fixed = get(m, p + "fixedDayEnable") == "1";
  auto when = [&](const std::string& part) {
    const std::string q = p + part + ".";
    const int month = to_int(get(m, q + "month")), minutes = to_int(get(m, q + "time")) * 60;
    if (fixed) return date_rule(month, to_int(get(m, q + "date")), minutes);
    const int weekday = to_int(get(m, q + "dayOfWeek"));
    if (get(m, q + "dayOfWeek.lastInMonth") == "1") return week_rule(month, -1, weekday, minutes);
    const int date = to_int(get(m, q + "date"));
    if ((date - 1) % 7 != 0 || date > 22) throw Bad{q + "date must be 1, 8, 15 or 22"};
    return week_rule(month, (date + 6) / 7, weekday, minutes);
  };
  r.start = when("start");
  r.end = when("stop");
  return r;
}

Rule aastra(const Map& m) {
  Rule r;
  r.std_offset_seconds = -to_int(get(m, "time zone minutes")) * 60;
  r.dst_save_seconds = to_int(get(m, "dst minutes")) * 60;
  if (r.dst_save_seconds == 0) return r;
  r.has_dst = true;
  auto when = [&](const std::string& part) {
    const std::string q = "dst " + part + " ";
    if (get(m, "dst [start|end] relative date") != "1") throw Bad{"absolute dates are not decoded"};
    return week_rule(to_int(get(m, q + "month")), to_int(get(m, q + "week")),
                     to_int(get(m, q + "day")), to_int(get(m, q + "hour")) * 60);
  };
  r.start = when("start");
  r.end = when("end");
  return r;
}

Rule fanvil(const Map& m) {
  Rule r;
  r.std_offset_seconds = to_int(get(m, "zone")) * 900;
  if (get(m, "dst") == "0") return r;
  if (get(m, "dst") != "2") throw Bad{"dst is 0 or 2"};
  r.has_dst = true;
  r.dst_save_seconds = to_int(get(m, "dst_minutes")) * 60;
  auto when = [&](const std::string& part) {
    return week_rule(to_int(get(m, part + "_month")), to_int(get(m, part + "_week")),
                     to_int(get(m, part + "_weekday")) + 1, to_int(get(m, part + "_hour")) * 60);
  };
  r.start = when("start");
  r.end = when("end");
  return r;
}

When cisco_when(std::string_view text) {
  const auto p = split(text, '/');
  if (p.size() != 4) throw Bad{"cisco date is not M/D/W/H: " + std::string(text)};
  const int month = to_int(p[0]), day = to_int(p[1]), weekday = to_int(p[2]);
  const int minutes = hm_minutes(p[3]);
  if (weekday == 0) return date_rule(month, day, minutes);
  When w;
  w.month = month;
  w.weekday = from_monday_first(weekday);
  w.minutes = minutes;
  if (day > 0) {
    w.kind = DayKind::WeekdayOnOrAfter;
    w.day_of_month = day;
  } else {
    if (month == 2) throw Bad{"negative day in February"};
    w.kind = DayKind::WeekdayOnOrBefore;
    w.day_of_month = kMonthLength[month - 1] + day + 1;
  }
  return w;
}

Rule cisco(const Map& m) {
  Rule r;
  const std::string& tz = get(m, "Time_Zone");
  if (tz.rfind("GMT", 0) != 0) throw Bad{"Time_Zone must start with GMT"};
  r.std_offset_seconds = tz == "GMT" ? 0 : hm_minutes(tz.substr(3)) * 60;
  if (get(m, "Daylight_Saving_Time_Enable") == "No") return r;
  r.has_dst = true;
  for (const auto& item : split(get(m, "Daylight_Saving_Time_Rule"), ';')) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) throw Bad{"rule item without '='"};
    const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "start") r.start = cisco_when(value);
    else if (key == "end") r.end = cisco_when(value);
    else if (key == "save") r.dst_save_seconds = hm_minutes(value) * 60;
    else throw Bad{"unknown rule item " + key};
  }
  return r;
}

// POSIX TZ: std offset [dst [offset] , start[/time] , end[/time]].
struct PosixReader {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  void name() {
    if (!done() && s[i] == '<') {
      const auto close = s.find('>', i);
      if (close == std::string_view::npos) throw Bad{"unterminated <name>"};
      i = close + 1;
      return;
    }
    const size_t from = i;
    while (!done() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    if (i - from < 3) throw Bad{"POSIX zone name shorter than 3 letters"};
  }
  int offset() {  // hours WEST -> seconds east
    const size_t from = i;
    while (!done() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == ':' ||
                       s[i] == '+' || s[i] == '-'))
      ++i;
    return -hm_minutes(s.substr(from, i - from)) * 60;
  }
  When date() {
    const auto comma = s.find(',', i);
    const std::string_view item = s.substr(i, comma == std::string_view::npos ? s.npos : comma - i);
    i = comma == std::string_view::npos ? s.size() : comma + 1;
    const auto slash = item.find('/');
    const int minutes = slash == std::string_view::npos ? 120 : hm_minutes(item.substr(slash + 1));
    const std::string_view day = item.substr(0, slash);
    if (!day.empty() && day[0] == 'M') {
      const auto p = split(day.substr(1), '.');
      if (p.size() != 3) throw Bad{"bad Mm.n.d"};
      const int week = to_int(p[1]);
      return week_rule(to_int(p[0]), week == 5 ? -1 : week, to_int(p[2]) + 1, minutes);
    }
    if (!day.empty() && day[0] == 'J') {
      const int n = to_int(day.substr(1));
      int month = 12;
      while (month > 1 && kDaysBefore[month - 1] >= n) --month;
      return date_rule(month, n - kDaysBefore[month - 1], minutes);
    }
    throw Bad{"unsupported POSIX date " + std::string(day)};
  }
};

Rule posix(const std::string& text) {
  PosixReader p{text};
  Rule r;
  p.name();
  r.std_offset_seconds = p.offset();
  if (p.done()) return r;
  r.has_dst = true;
  p.name();
  r.dst_save_seconds = 3600;
  if (!p.done() && p.s[p.i] != ',') r.dst_save_seconds = p.offset() - r.std_offset_seconds;
  if (p.done() || p.s[p.i] != ',') throw Bad{"POSIX TZ without transition dates"};
  ++p.i;
  r.start = p.date();
  r.end = p.date();
  if (!p.done()) throw Bad{"trailing text in POSIX TZ"};
  return r;
}

Rule country_id(const Map& m) {
  const std::string& id = get(m, "timezone");
  for (const CountryId& c : country_ids()) {
    if (c.id != id) continue;
    std::string error;
    const auto zone = derive(c.representative, error);
    if (!zone) throw Bad{error};
    return zone->rule;
  }
  throw Bad{"unknown country identifier " + id};
}

}  // namespace

std::optional<Decoded> decode(Style style, const Fields& fields, std::string& error) {
  Map m;
  for (const auto& [k, v] : fields) m[k] = v;
  try {
    switch (style) {
      case Style::Yealink: return Decoded{yealink(m), {}};
      case Style::Polycom: return Decoded{polycom(m), {}};
      case Style::Aastra: return Decoded{aastra(m), {}};
      case Style::Cisco: return Decoded{cisco(m), {}};
      case Style::Snom:
      case Style::Gigaset: return Decoded{country_id(m), {}};
      case Style::Fanvil: return Decoded{fanvil(m), {}};
      case Style::Grandstream:
      case Style::Htek: return Decoded{posix(get(m, "posix_tz")), {}};
      case Style::Olson: return Decoded{std::nullopt, get(m, "timezone")};
    }
  } catch (const Bad& bad) {
    error = bad.what;
  }
  return std::nullopt;
}

std::optional<YearTimeline> decoded_timeline(const Decoded& decoded, int year) {
  if (decoded.rule) return rule_timeline(*decoded.rule, year);
  std::string error;
  const auto zone = derive(decoded.zone_id, error);
  if (!zone) return std::nullopt;
  return icu_timeline(zone->canonical, year);
}

}  // namespace phonec::tz
