// Exact bytes for four reference zones in every vendor style, plus derivation, did-you-mean,
// tzdata version and independence from the host clock and time zone.
#include <gtest/gtest.h>

#include <unicode/timezone.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tz/encode.h"

namespace phonec::tz {
namespace {

std::string render(std::string_view zone_id, Style style) {
  std::string error;
  const auto zone = derive(zone_id, error);
  if (!zone) return "derive error: " + error;
  const auto fields = encode(*zone, style, error);
  if (!fields) return "error: " + error;
  std::string out;
  for (const auto& [k, v] : *fields) out += k + "=" + v + "\n";
  return out;
}

struct Expected {
  const char* zone;
  Style style;
  const char* text;
};

const Expected kExpected[] = {
  // America/Montreal
  {"America/Montreal", Style::Yealink, "local_time.time_zone=-5\nlocal_time.summer_time=1\nlocal_time.dst_time_type=1\nlocal_time.start_time=3/2/7/2\nlocal_time.end_time=11/1/7/2\nlocal_time.offset_time=60\n"},
  {"America/Montreal", Style::Polycom, "tcpIpApp.sntp.gmtOffset=-18000\ntcpIpApp.sntp.daylightSavings.enable=1\ntcpIpApp.sntp.daylightSavings.fixedDayEnable=0\ntcpIpApp.sntp.daylightSavings.start.month=3\ntcpIpApp.sntp.daylightSavings.start.date=8\ntcpIpApp.sntp.daylightSavings.start.time=2\ntcpIpApp.sntp.daylightSavings.start.dayOfWeek=1\ntcpIpApp.sntp.daylightSavings.start.dayOfWeek.lastInMonth=0\ntcpIpApp.sntp.daylightSavings.stop.month=11\ntcpIpApp.sntp.daylightSavings.stop.date=1\ntcpIpApp.sntp.daylightSavings.stop.time=2\ntcpIpApp.sntp.daylightSavings.stop.dayOfWeek=1\ntcpIpApp.sntp.daylightSavings.stop.dayOfWeek.lastInMonth=0\n"},
  {"America/Montreal", Style::Aastra, "time zone name=Custom\ntime zone minutes=300\ndst minutes=60\ndst [start|end] relative date=1\ndst start month=3\ndst start week=2\ndst start day=1\ndst start hour=2\ndst end month=11\ndst end week=1\ndst end day=1\ndst end hour=2\n"},
  {"America/Montreal", Style::Cisco, "Time_Zone=GMT-05:00\nDaylight_Saving_Time_Enable=Yes\nDaylight_Saving_Time_Rule=start=3/8/7/2;end=11/1/7/2;save=1\n"},
  {"America/Montreal", Style::Snom, "timezone=CAN-5\n"},
  {"America/Montreal", Style::Gigaset, "timezone=CAN-5\n"},
  {"America/Montreal", Style::Fanvil, "zone=-20\nzone_name=UTC-05\ndst=2\ndst_minutes=60\nstart_month=3\nstart_week=2\nstart_weekday=0\nstart_hour=2\nend_month=11\nend_week=1\nend_weekday=0\nend_hour=2\n"},
  {"America/Montreal", Style::Grandstream, "posix_tz=<-05>+5<-04>,M3.2.0,M11.1.0\n"},
  {"America/Montreal", Style::Htek, "posix_tz=<-05>+5<-04>,M3.2.0,M11.1.0\n"},
  {"America/Montreal", Style::Olson, "timezone=America/Montreal\n"},
  // Europe/Paris
  {"Europe/Paris", Style::Yealink, "local_time.time_zone=+1\nlocal_time.summer_time=1\nlocal_time.dst_time_type=1\nlocal_time.start_time=3/5/7/2\nlocal_time.end_time=10/5/7/3\nlocal_time.offset_time=60\n"},
  {"Europe/Paris", Style::Polycom, "tcpIpApp.sntp.gmtOffset=3600\ntcpIpApp.sntp.daylightSavings.enable=1\ntcpIpApp.sntp.daylightSavings.fixedDayEnable=0\ntcpIpApp.sntp.daylightSavings.start.month=3\ntcpIpApp.sntp.daylightSavings.start.time=2\ntcpIpApp.sntp.daylightSavings.start.dayOfWeek=1\ntcpIpApp.sntp.daylightSavings.start.dayOfWeek.lastInMonth=1\ntcpIpApp.sntp.daylightSavings.stop.month=10\ntcpIpApp.sntp.daylightSavings.stop.time=3\ntcpIpApp.sntp.daylightSavings.stop.dayOfWeek=1\ntcpIpApp.sntp.daylightSavings.stop.dayOfWeek.lastInMonth=1\n"},
  {"Europe/Paris", Style::Aastra, "time zone name=Custom\ntime zone minutes=-60\ndst minutes=60\ndst [start|end] relative date=1\ndst start month=3\ndst start week=-1\ndst start day=1\ndst start hour=2\ndst end month=10\ndst end week=-1\ndst end day=1\ndst end hour=3\n"},
  {"Europe/Paris", Style::Cisco, "Time_Zone=GMT+01:00\nDaylight_Saving_Time_Enable=Yes\nDaylight_Saving_Time_Rule=start=3/-1/7/2;end=10/-1/7/3;save=1\n"},
  {"Europe/Paris", Style::Snom, "timezone=FRA+1\n"},
  {"Europe/Paris", Style::Gigaset, "timezone=FRA+1\n"},
  {"Europe/Paris", Style::Fanvil, "zone=4\nzone_name=UTC+1\ndst=2\ndst_minutes=60\nstart_month=3\nstart_week=-1\nstart_weekday=0\nstart_hour=2\nend_month=10\nend_week=-1\nend_weekday=0\nend_hour=3\n"},
  {"Europe/Paris", Style::Grandstream, "posix_tz=<+01>-1<+02>,M3.5.0,M10.5.0/3\n"},
  {"Europe/Paris", Style::Htek, "posix_tz=<+01>-1<+02>,M3.5.0,M10.5.0/3\n"},
  {"Europe/Paris", Style::Olson, "timezone=Europe/Paris\n"},
  // Asia/Kolkata
  {"Asia/Kolkata", Style::Yealink, "local_time.time_zone=+5:30\nlocal_time.summer_time=0\n"},
  {"Asia/Kolkata", Style::Polycom, "tcpIpApp.sntp.gmtOffset=19800\ntcpIpApp.sntp.daylightSavings.enable=0\n"},
  {"Asia/Kolkata", Style::Aastra, "time zone name=Custom\ntime zone minutes=-330\ndst minutes=0\n"},
  {"Asia/Kolkata", Style::Cisco, "Time_Zone=GMT+05:30\nDaylight_Saving_Time_Enable=No\n"},
  {"Asia/Kolkata", Style::Snom, "timezone=IND+5.5\n"},
  {"Asia/Kolkata", Style::Gigaset, "timezone=IND+5.5\n"},
  {"Asia/Kolkata", Style::Fanvil, "zone=22\ndst=0\n"},
  {"Asia/Kolkata", Style::Grandstream, "posix_tz=IST-5:30\n"},
  {"Asia/Kolkata", Style::Htek, "posix_tz=IST-5:30\n"},
  {"Asia/Kolkata", Style::Olson, "timezone=Asia/Kolkata\n"},
  // Australia/Sydney
  {"Australia/Sydney", Style::Yealink, "local_time.time_zone=+10\nlocal_time.summer_time=1\nlocal_time.dst_time_type=1\nlocal_time.start_time=10/1/7/2\nlocal_time.end_time=4/1/7/3\nlocal_time.offset_time=60\n"},
  {"Australia/Sydney", Style::Polycom, "tcpIpApp.sntp.gmtOffset=36000\ntcpIpApp.sntp.daylightSavings.enable=1\ntcpIpApp.sntp.daylightSavings.fixedDayEnable=0\ntcpIpApp.sntp.daylightSavings.start.month=10\ntcpIpApp.sntp.daylightSavings.start.date=1\ntcpIpApp.sntp.daylightSavings.start.time=2\ntcpIpApp.sntp.daylightSavings.start.dayOfWeek=1\ntcpIpApp.sntp.daylightSavings.start.dayOfWeek.lastInMonth=0\ntcpIpApp.sntp.daylightSavings.stop.month=4\ntcpIpApp.sntp.daylightSavings.stop.date=1\ntcpIpApp.sntp.daylightSavings.stop.time=3\ntcpIpApp.sntp.daylightSavings.stop.dayOfWeek=1\ntcpIpApp.sntp.daylightSavings.stop.dayOfWeek.lastInMonth=0\n"},
  {"Australia/Sydney", Style::Aastra, "time zone name=Custom\ntime zone minutes=-600\ndst minutes=60\ndst [start|end] relative date=1\ndst start month=10\ndst start week=1\ndst start day=1\ndst start hour=2\ndst end month=4\ndst end week=1\ndst end day=1\ndst end hour=3\n"},
  {"Australia/Sydney", Style::Cisco, "Time_Zone=GMT+10:00\nDaylight_Saving_Time_Enable=Yes\nDaylight_Saving_Time_Rule=start=10/1/7/2;end=4/1/7/3;save=1\n"},
  {"Australia/Sydney", Style::Snom, "timezone=AUS+10\n"},
  {"Australia/Sydney", Style::Gigaset, "timezone=AUS+10\n"},
  {"Australia/Sydney", Style::Fanvil, "zone=40\nzone_name=UTC+10\ndst=2\ndst_minutes=60\nstart_month=10\nstart_week=1\nstart_weekday=0\nstart_hour=2\nend_month=4\nend_week=1\nend_weekday=0\nend_hour=3\n"},
  {"Australia/Sydney", Style::Grandstream, "posix_tz=AEST-10AEDT,M10.1.0,M4.1.0/3\n"},
  {"Australia/Sydney", Style::Htek, "posix_tz=AEST-10AEDT,M10.1.0,M4.1.0/3\n"},
  {"Australia/Sydney", Style::Olson, "timezone=Australia/Sydney\n"},
};

TEST(TzEncode, ExactFieldsForReferenceZonesInEveryStyle) {
  for (const auto& e : kExpected)
    EXPECT_EQ(render(e.zone, e.style), e.text) << e.zone << " " << style_name(e.style);
  // Every style is covered for every reference zone.
  EXPECT_EQ(std::size(kExpected), 4 * all_styles().size());
}

TEST(TzEncode, RefusalsSayWhatIsLost) {
  EXPECT_EQ(render("Asia/Jerusalem", Style::Yealink),
            "error: yealink cannot express \"Friday on or after the 23rd of March at 02:00 local "
            "time\": its week field takes 1..4 or 5 = last");
  EXPECT_EQ(render("Asia/Jerusalem", Style::Cisco),
            "Time_Zone=GMT+02:00\nDaylight_Saving_Time_Enable=Yes\n"
            "Daylight_Saving_Time_Rule=start=3/23/5/2;end=10/-1/7/2;save=1\n");
  EXPECT_EQ(render("Pacific/Chatham", Style::Polycom),
            "error: polycom cannot express \"last Sunday of September at 02:45 local time\": the "
            ".time field takes whole hours only");
  EXPECT_EQ(render("Pacific/Chatham", Style::Grandstream),
            "posix_tz=CHAST-12:45CHADT,M9.5.0/2:45,M4.1.0/3:45\n");
  EXPECT_EQ(render("Asia/Kathmandu", Style::Snom),
            "error: snom has no country time-zone identifier for Asia/Kathmandu (region NP, "
            "UTC+5:45)");
  EXPECT_EQ(render("America/St_Johns", Style::Yealink),
            "local_time.time_zone=-3:30\nlocal_time.summer_time=1\nlocal_time.dst_time_type=1\n"
            "local_time.start_time=3/2/7/2\nlocal_time.end_time=11/1/7/2\n"
            "local_time.offset_time=60\n");
  EXPECT_EQ(render("Africa/Casablanca", Style::Olson), "timezone=Africa/Casablanca\n");
}

TEST(TzDerive, KeepsLastWeekAndMinutesAndFlagsVaryingZones) {
  std::string error;
  const auto paris = derive("Europe/Paris", error);
  ASSERT_TRUE(paris);
  EXPECT_EQ(paris->rule.start.kind, DayKind::WeekdayInMonth);
  EXPECT_EQ(paris->rule.start.week, -1);  // "last", never "4th" in some years
  EXPECT_EQ(paris->rule.start.weekday, 1);
  EXPECT_EQ(paris->rule.start.ref, TimeRef::Utc);
  EXPECT_EQ(paris->rule.start.minutes, 60);
  EXPECT_FALSE(paris->varies);
  EXPECT_EQ(derive("Pacific/Chatham", error)->rule.std_offset_seconds, 12 * 3600 + 45 * 60);
  EXPECT_EQ(derive("America/St_Johns", error)->rule.std_offset_seconds, -(3 * 3600 + 30 * 60));
  const auto casablanca = derive("Africa/Casablanca", error);
  ASSERT_TRUE(casablanca);
  EXPECT_TRUE(casablanca->varies);
  EXPECT_EQ(casablanca->first_deviating_year, 2026);
  const auto montreal = derive("America/Montreal", error);
  ASSERT_TRUE(montreal);
  EXPECT_EQ(montreal->id, "America/Montreal");
  EXPECT_EQ(derive("Asia/Kolkata", error)->canonical, "Asia/Calcutta");
}

TEST(TzDerive, UnknownZoneSuggestsCanonicalNames) {
  std::string error;
  EXPECT_FALSE(derive("Europe/Pari", error));
  EXPECT_EQ(error, "unknown time zone \"Europe/Pari\"; did you mean \"Europe/Paris\", \"Europe/Madrid\"?");
  EXPECT_FALSE(derive("", error));
  EXPECT_FALSE(derive("GMT+5", error));  // a custom offset, not a zone
  EXPECT_FALSE(derive("Etc/Unknown", error));
  const auto close = suggest("America/Sao_Pualo");
  ASSERT_FALSE(close.empty());
  EXPECT_EQ(close.front(), "America/Sao_Paulo");
  EXPECT_TRUE(suggest("zzzzzzzzzzzzzzzzzzzzzz").empty());
}

TEST(TzVersion, ReportsIcuTzdataVersion) {
  const std::string v = tzdata_version();
  ASSERT_GE(v.size(), 5u);
  EXPECT_TRUE(v.substr(0, 2) == "20") << v;
}

std::string render_all() {
  std::string out;
  for (const char* zone : {"America/Montreal", "Europe/Paris", "Asia/Kolkata", "Australia/Sydney",
                           "Asia/Jerusalem", "Africa/Casablanca", "Pacific/Chatham"})
    for (Style style : all_styles()) out += render(zone, style);
  return out;
}

// The output must not depend on the host: the process TZ and ICU's default zone are changed
// and the bytes compared. The clock cannot be faked here, so the second half proves it
// structurally: no source of the module reads the current time.
TEST(TzDeterminism, OutputIgnoresHostZoneAndClock) {
  const std::string reference = render_all();
  const char* old_tz = std::getenv("TZ");
  const std::string saved = old_tz ? old_tz : "";
  for (const char* host : {"Pacific/Kiritimati", "America/Adak", "UTC"}) {
    setenv("TZ", host, 1);
    tzset();
    icu::TimeZone::adoptDefault(icu::TimeZone::createTimeZone(icu::UnicodeString(host)));
    EXPECT_EQ(render_all(), reference) << host;
  }
  if (old_tz) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
  tzset();
  icu::TimeZone::adoptDefault(icu::TimeZone::detectHostTimeZone());

  const std::filesystem::path dir = std::filesystem::path(PHONEC_SOURCE_DATA_DIR) / "compiler/tz";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string src = text.str();
    ++files;
    for (const char* clock : {"getNow", "time(nullptr)", "time(NULL)", "system_clock",
                              "steady_clock", "gettimeofday", "clock_gettime", "localtime",
                              "createDefault", "getDefault"})
      EXPECT_EQ(src.find(clock), std::string::npos) << entry.path() << " uses " << clock;
  }
  EXPECT_GE(files, 10);
}

}  // namespace
}  // namespace phonec::tz
