// THE acceptance test of the time-zone layer: for every zone, vendor style and year 2026-2045,
// what a phone would do with the emitted fields (decoded independently of the encoder) must
// give exactly ICU's transition instants and offsets, or the encoder must have refused.
#include <gtest/gtest.h>

#include <map>

#include "tz/decode.h"
#include "tz/encode.h"

namespace phonec::tz {
namespace {

const char* const kZones[] = {
    // North America (incl. -3:30 and the America/Montreal link)
    "America/Montreal", "America/Toronto", "America/New_York", "America/Chicago",
    "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
    "Pacific/Honolulu", "America/Halifax", "America/St_Johns", "America/Regina",
    "America/Havana", "America/Mexico_City", "America/Vancouver", "America/Winnipeg",
    // South America (southern-hemisphere and on-or-after rules)
    "America/Santiago", "America/Asuncion", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
    "America/Bogota", "America/Caracas", "Pacific/Easter", "Atlantic/Stanley",
    // Europe (last-week rules at 01:00 UTC)
    "Europe/Paris", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Atlantic/Azores",
    "Europe/Berlin", "Europe/Madrid", "Atlantic/Canary", "Europe/Athens", "Europe/Helsinki",
    "Europe/Moscow", "Europe/Istanbul", "Europe/Chisinau", "Europe/Kiev", "Europe/Minsk",
    // Africa and the Middle East
    "Africa/Casablanca", "Africa/Cairo", "Africa/Lagos", "Africa/Johannesburg", "Africa/Nairobi",
    "Africa/Windhoek", "Asia/Jerusalem", "Asia/Gaza", "Asia/Beirut", "Asia/Amman",
    "Asia/Damascus", "Asia/Tehran", "Asia/Dubai",
    // Asia (+5:30, +5:45, +6:30, +8:45)
    "Asia/Kolkata", "Asia/Kathmandu", "Asia/Yangon", "Asia/Kabul", "Asia/Karachi",
    "Asia/Dhaka", "Asia/Shanghai", "Asia/Tokyo", "Asia/Singapore", "Australia/Eucla",
    // Oceania (+12:45, 30-minute DST, date-line zones)
    "Australia/Sydney", "Australia/Adelaide", "Australia/Brisbane", "Australia/Darwin",
    "Australia/Perth", "Australia/Hobart", "Australia/Lord_Howe", "Pacific/Auckland",
    "Pacific/Chatham", "Pacific/Fiji", "Pacific/Tongatapu", "Pacific/Kiritimati",
    "Pacific/Pago_Pago", "Pacific/Norfolk",
    // Odd ones
    "Antarctica/Troll", "UTC", "Etc/GMT+12",
};

struct Tally {
  int encoded = 0;
  int refused = 0;
};

TEST(TzRoundtrip, EveryZoneStyleAndYearMatchesIcuOrIsRefused) {
  ASSERT_GE(std::size(kZones), 60u);
  std::map<Style, Tally> tally;
  std::map<std::string, std::string> refusals;  // "zone style" -> reason
  for (const char* id : kZones) {
    std::string error;
    const auto zone = derive(id, error);
    ASSERT_TRUE(zone) << id << ": " << error;
    for (Style style : all_styles()) {
      const std::string where = std::string(id) + " " + std::string(style_name(style));
      std::string why;
      const auto fields = encode(*zone, style, why);
      if (!fields) {
        EXPECT_FALSE(why.empty()) << where << ": refused without saying why";
        ++tally[style].refused;
        refusals[where] = why;
        continue;
      }
      ++tally[style].encoded;
      std::string decode_error;
      const auto decoded = decode(style, *fields, decode_error);
      ASSERT_TRUE(decoded) << where << ": " << decode_error;
      for (int year = kFirstYear; year <= kLastYear; ++year) {
        const auto truth = icu_timeline(zone->canonical, year);
        const auto phone = decoded_timeline(*decoded, year);
        ASSERT_TRUE(truth && phone) << where << " " << year;
        ASSERT_EQ(truth->offset_at_start_seconds, phone->offset_at_start_seconds)
            << where << " " << year;
        ASSERT_EQ(truth->transitions.size(), phone->transitions.size()) << where << " " << year;
        for (size_t i = 0; i < truth->transitions.size(); ++i) {
          EXPECT_EQ(truth->transitions[i].utc_seconds, phone->transitions[i].utc_seconds)
              << where << " " << year << " transition " << i;
          EXPECT_EQ(truth->transitions[i].offset_after_seconds,
                    phone->transitions[i].offset_after_seconds)
              << where << " " << year << " transition " << i;
        }
      }
    }
  }
  // The test must not pass by refusing everything: each style carries most zones.
  for (Style style : all_styles()) {
    EXPECT_GE(tally[style].encoded, 45) << style_name(style) << " encoded only "
                                        << tally[style].encoded;
  }
  EXPECT_EQ(tally[Style::Olson].refused, 0);

  // Refusals that must happen, with the reason a person can act on.
  EXPECT_NE(refusals["Asia/Jerusalem yealink"].find("Friday on or after the 23rd of March"),
            std::string::npos)
      << refusals["Asia/Jerusalem yealink"];
  EXPECT_EQ(refusals.count("Asia/Jerusalem cisco"), 0u) << refusals["Asia/Jerusalem cisco"];
  for (Style style : all_styles()) {
    if (style == Style::Olson) continue;
    const std::string key = "Africa/Casablanca " + std::string(style_name(style));
    EXPECT_NE(refusals[key].find("change from year to year (first deviation in 2026)"),
              std::string::npos)
        << key << ": " << refusals[key];
  }
  EXPECT_NE(refusals["Australia/Lord_Howe polycom"].find("shifts by 30 minutes"), std::string::npos);
  EXPECT_NE(refusals["America/Santiago yealink"].find("Sunday on or after the 2nd"),
            std::string::npos)
      << refusals["America/Santiago yealink"];
}

}  // namespace
}  // namespace phonec::tz
