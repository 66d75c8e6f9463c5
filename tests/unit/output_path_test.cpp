#include <gtest/gtest.h>

#include "output/path_check.h"

using phonec::output::check_relative_path;

TEST(OutputPath, AcceptsOrdinaryOutputPaths) {
  for (const char* p : {"tftp/001565aabbcc.cfg", "dhcp/dhcpd.conf", "tftpd-hpa", "tftp/y000000000044.cfg",
                        "tftp/lang/Français.xml", "tftp/.hidden", "tftp/a..b", "sub/manifest.json"})
    EXPECT_EQ(check_relative_path(p), std::nullopt) << p;
}

TEST(OutputPath, RejectsEverythingThatCouldLeaveTheRoot) {
  EXPECT_EQ(check_relative_path("../x"), "has a '..' component");
  EXPECT_EQ(check_relative_path("a/../../b"), "has a '..' component");
  EXPECT_EQ(check_relative_path("a/.."), "has a '..' component");
  EXPECT_EQ(check_relative_path("/etc/x"), "is absolute");
  EXPECT_EQ(check_relative_path("a//b"), "has an empty component (\"//\", or a leading or trailing '/')");
  EXPECT_EQ(check_relative_path("a/"), "has an empty component (\"//\", or a leading or trailing '/')");
  EXPECT_EQ(check_relative_path("./a"), "has a '.' component");
  EXPECT_EQ(check_relative_path(""), "is empty");
  EXPECT_EQ(check_relative_path(std::string("a\0b", 3)), "contains a NUL byte");
  EXPECT_EQ(check_relative_path("a\\b"), "contains a backslash");
  EXPECT_EQ(check_relative_path("a\nb"), "contains a control character");
  EXPECT_EQ(check_relative_path("a\x7f"), "contains a control character");
  EXPECT_EQ(check_relative_path("a\xc2\x85"), "contains a control character");  // U+0085 NEL
  EXPECT_EQ(check_relative_path("a\xff"), "is not valid UTF-8");
  EXPECT_EQ(check_relative_path("manifest.json"), "is the manifest itself");
  EXPECT_EQ(check_relative_path("tftp/.phonec-tmp-1"),
            "has a component starting with \".phonec-\", which phonec reserves for itself");
}

TEST(OutputPath, EnforcesNameAndPathLengths) {
  EXPECT_EQ(check_relative_path(std::string(255, 'a')), std::nullopt);
  EXPECT_EQ(check_relative_path(std::string(256, 'a')), "has a component longer than 255 bytes");
  std::string long_path;
  while (long_path.size() < 4000) long_path += std::string(99, 'b') + "/";
  long_path += std::string(95, 'c');
  EXPECT_EQ(long_path.size(), 4095u);
  EXPECT_EQ(check_relative_path(long_path), std::nullopt);
  EXPECT_EQ(check_relative_path(long_path + "c"), "is longer than 4095 bytes");
}
