#include "syntax/suggest.h"

#include <gtest/gtest.h>

using phonec::did_you_mean;
using phonec::edit_distance;

namespace {

const std::vector<std::string> kSiteKeys = {"provisioning_url", "tftp_server", "timezone", "locale", "ntp",
                                            "admin_password", "feature_codes", "sip"};
const std::vector<std::string> kDeviceKeys = {"mac", "model", "ip", "lines", "funckeys", "timezone", "locale", "sip"};

TEST(SuggestDistance, CountsEditsOnCodePoints) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);            // one adjacent swap
  EXPECT_EQ(edit_distance("lcoale", "locale"), 1u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);           // restricted: no edit inside a swapped pair
  EXPECT_EQ(edit_distance("Zoë", "Zoe"), 1u);          // one code point, two bytes
  EXPECT_EQ(edit_distance("日本", "日木"), 1u);
  EXPECT_EQ(edit_distance("MAC", "mac"), 3u);
  EXPECT_EQ(edit_distance("MAC", "mac", true), 0u);
  EXPECT_EQ(edit_distance("ÉMILIE", "émilie", true), 0u);
  EXPECT_EQ(edit_distance("a\xFF", "a\xFF"), 0u);      // ill-formed bytes compare as themselves
  EXPECT_EQ(edit_distance("a\xFF", "a\xFE"), 1u);
}

TEST(SuggestDidYouMean, FindsTyposOfKnownKeys) {
  EXPECT_EQ(did_you_mean("funckey", kDeviceKeys), "funckeys");
  EXPECT_EQ(did_you_mean("funkceys", kDeviceKeys), "funckeys");
  EXPECT_EQ(did_you_mean("timezon", kSiteKeys), "timezone");
  EXPECT_EQ(did_you_mean("lcoale", kSiteKeys), "locale");
  EXPECT_EQ(did_you_mean("tftp-server", kSiteKeys), "tftp_server");
  EXPECT_EQ(did_you_mean("provisioning", kSiteKeys), "provisioning_url");  // 4 edits, 12 letters
  EXPECT_EQ(did_you_mean("ntpd", kSiteKeys), "ntp");
  EXPECT_EQ(did_you_mean("MAC", kDeviceKeys), "mac");
  EXPECT_EQ(did_you_mean("Model", kDeviceKeys), "model");
  EXPECT_EQ(did_you_mean("réception", {"reception", "receptionist"}), "reception");
}

TEST(SuggestDidYouMean, StaysQuietWhenNothingIsClose) {
  EXPECT_EQ(did_you_mean("vlan", kDeviceKeys), std::nullopt);
  EXPECT_EQ(did_you_mean("vlan_id", kSiteKeys), std::nullopt);
  EXPECT_EQ(did_you_mean("abcdef", {"uvwxyz"}), std::nullopt);
  EXPECT_EQ(did_you_mean("x", {"y", "xy"}), std::nullopt);  // one edit would rewrite the whole word
  EXPECT_EQ(did_you_mean("timezone_name", kSiteKeys), std::nullopt);  // 5 edits > 13 / 3
  EXPECT_EQ(did_you_mean("anything", {}), std::nullopt);
  EXPECT_EQ(did_you_mean("", kSiteKeys), std::nullopt);
}

TEST(SuggestDidYouMean, ThresholdIsAThirdOfTheLength) {
  // 9 code points: up to 3 edits.
  EXPECT_EQ(did_you_mean("abcdefghi", {"abcdefXYZ"}), "abcdefXYZ");
  EXPECT_EQ(did_you_mean("abcdefghi", {"abcdeWXYZ"}), std::nullopt);
  // Short words still get one edit.
  EXPECT_EQ(did_you_mean("ip", {"id"}), "id");
  EXPECT_EQ(did_you_mean("if", {"ip", "ipv6"}), "ip");
}

TEST(SuggestDidYouMean, TiesAreBrokenIndependentlyOfOrder) {
  EXPECT_EQ(did_you_mean("ab", {"ad", "ac"}), "ac");
  EXPECT_EQ(did_you_mean("ab", {"ac", "ad"}), "ac");
  // Same folded distance: the one with fewer case-sensitive edits wins, whatever the order.
  EXPECT_EQ(did_you_mean("Tftp_server", {"TFTP_SERVER", "tftp_server"}), "tftp_server");
  EXPECT_EQ(did_you_mean("Tftp_server", {"tftp_server", "TFTP_SERVER"}), "tftp_server");
  // A swap and a deletion both cost one: bytewise order decides.
  EXPECT_EQ(did_you_mean("modle", {"model", "mode"}), "mode");
  // Closer wins over earlier.
  EXPECT_EQ(did_you_mean("modell", {"mode", "model"}), "model");
  EXPECT_EQ(did_you_mean("modell", {"model", "mode"}), "model");
}

TEST(SuggestDidYouMean, ExactMatchIsReturnedAsIs) {
  EXPECT_EQ(did_you_mean("sip", kSiteKeys), "sip");
}

}  // namespace
