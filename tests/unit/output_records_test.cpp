// The compact parts of a file record: a digest kept as its 32 bytes and printed as the hex that
// sha256sum prints, an owner kept as a MAC's six bytes and printed back as it was given, and the
// record's own size (a million of them live until the write).
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "output/owner.h"
#include "output/sha256.h"
#include "output/write_tree.h"

using namespace phonec::output;

namespace {

// sha256sum of "abc" and of "".
constexpr std::string_view kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr std::string_view kEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

}  // namespace

TEST(OutputRecords, DigestPrintsAsSha256sumAndParsesBack) {
  EXPECT_EQ(sha256("abc").hex(), kAbc);
  EXPECT_EQ(sha256("").hex(), kEmpty);
  EXPECT_EQ(sha256_hex("abc"), kAbc);
  Sha256 pieces;
  pieces.update("a");
  pieces.update("bc");
  EXPECT_EQ(pieces.digest(), sha256("abc"));
  EXPECT_EQ(Digest::from_hex(kAbc), sha256("abc"));
  std::string upper(kAbc);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) { return c >= 'a' ? c - 32 : c; });
  EXPECT_EQ(Digest::from_hex(upper), sha256("abc"));
  char buf[Digest::kHexSize];
  sha256("").hex_into(buf);
  EXPECT_EQ(std::string_view(buf, sizeof buf), kEmpty);
}

TEST(OutputRecords, DigestRejectsAnythingButSixtyFourHexDigits) {
  EXPECT_FALSE(Digest::from_hex(""));
  EXPECT_FALSE(Digest::from_hex(kAbc.substr(1)));
  EXPECT_FALSE(Digest::from_hex(std::string(kAbc) + "0"));
  std::string bad(kAbc);
  bad[10] = 'g';
  EXPECT_FALSE(Digest::from_hex(bad));
  bad[10] = ' ';
  EXPECT_FALSE(Digest::from_hex(bad));
}

TEST(OutputRecords, DigestOrderIsTheHexTextOrder) {
  std::vector<Digest> d;
  std::vector<std::string> hex;
  for (const char* s : {"a", "b", "c", "d", "e", "f", "g", "h", "abc", ""}) {
    d.push_back(sha256(s));
    hex.push_back(sha256_hex(s));
  }
  std::sort(d.begin(), d.end());
  std::sort(hex.begin(), hex.end());
  for (std::size_t i = 0; i < d.size(); ++i) EXPECT_EQ(d[i].hex(), hex[i]);
}

TEST(OutputRecords, OwnerPrintsBackWhatItWasGiven) {
  char buf[Owner::kMaxText];
  EXPECT_EQ(Owner("00:15:65:aa:bb:cc").text(buf), "00:15:65:aa:bb:cc");
  EXPECT_EQ(Owner("ff:00:09:9a:a0:0f").str(), "ff:00:09:9a:a0:0f");
  EXPECT_TRUE(Owner("00:15:65:aa:bb:cc").is_device());
  EXPECT_FALSE(Owner("00:15:65:aa:bb:cc").is_shared());
  EXPECT_EQ(Owner("shared").str(), "shared");
  EXPECT_TRUE(Owner::shared().is_shared());
  EXPECT_EQ(Owner::shared(), Owner("shared"));
  EXPECT_NE(Owner("00:15:65:aa:bb:cc"), Owner("00:15:65:aa:bb:cd"));
  EXPECT_EQ(Owner().str(), "");
}

TEST(OutputRecords, OwnerOtherThanANormalisedMacOrSharedIsNone) {
  // Upper case, another separator or a bare MAC would not print back the same: not taken.
  for (const char* s : {"", "Shared", "00:15:65:AA:BB:CC", "00-15-65-aa-bb-cc", "001565aabbcc", "00:15:65:aa:bb:c",
                        "00:15:65:aa:bb:cc:", "00:15:65:aa:bb:cg", "00:15:65:aa:bbxcc"}) {
    Owner o(s);
    EXPECT_FALSE(o.is_device()) << s;
    EXPECT_FALSE(o.is_shared()) << s;
    EXPECT_EQ(o.str(), "") << s;
  }
}

TEST(OutputRecords, SourcePathIsOutOfLineAndCopiesDeeply) {
  SourcePath none;
  EXPECT_TRUE(none.empty());
  EXPECT_STREQ(none.c_str(), "");
  SourcePath a(std::string("/srv/fw.rom"));
  SourcePath b = a;
  a = SourcePath(std::string("/srv/other.rom"));
  EXPECT_EQ(b.view(), "/srv/fw.rom");
  EXPECT_EQ(a.view(), "/srv/other.rom");
  EXPECT_TRUE(SourcePath(std::string()).empty());
  static_assert(sizeof(SourcePath) == sizeof(void*));
}

TEST(OutputRecords, RecordIsSmall) {
  // Was 272 bytes and three heap strings per file (hash, owner, model).
  static_assert(sizeof(Digest) == 32);
  static_assert(sizeof(Owner) <= 8);
  EXPECT_LE(sizeof(OutFile), 160u);
}

TEST(OutputRecords, SizeIsTheHeldSizeWhenTheBytesAreElsewhere) {
  OutFile f{"a", "abcd", false, "shared", ""};
  EXPECT_EQ(f.size(), 4u);
  f.spool_size = 9;
  EXPECT_EQ(f.size(), 4u);
  f.reuse = true;
  EXPECT_EQ(f.size(), 9u);
  f.reuse = false;
  f.source_path = std::string("/srv/fw.rom");
  EXPECT_EQ(f.size(), 9u);
}
