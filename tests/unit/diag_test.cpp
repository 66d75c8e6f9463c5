#include <gtest/gtest.h>

#include "diag/diagnostic.h"

using namespace phonec;

TEST(Diag, RendersGccStyleWithCaret) {
  SourceManager sm;
  FileId f = sm.add("site.json", "{\n    \"funckeys\": [{\"position\": 31}]\n}\n");
  Diagnostics d;
  std::uint32_t off = static_cast<std::uint32_t>(sm.get(f).text().find("31"));
  d.error(Range{f, off, off + 2}, "key-position", "function key 31 is out of range",
          {Note{Range{f, 2, 3}, "declared here"}});
  EXPECT_EQ(render_all_text(d, sm),
            "site.json:2:31: error: function key 31 is out of range\n"
            "    \"funckeys\": [{\"position\": 31}]\n"
            "                              ^~\n"
            "site.json:2:1: note: declared here\n");
}

TEST(Diag, ColumnsCountCodePointsAndTabs) {
  SourceManager sm;
  FileId f = sm.add("a.phone", "\t\"Zoë\" x\n");
  std::uint32_t off = static_cast<std::uint32_t>(sm.get(f).text().find('x'));
  EXPECT_EQ(sm.get(f).line_col(off).column, 15u);  // tab to 9, "Zoë" is 5 code points, space
}

TEST(Diag, WarningsCarryTheirNameAndWerrorPromotes) {
  SourceManager sm;
  FileId f = sm.add("m.phone", "label x;\n");
  Diagnostics d;
  d.warning(Range{f, 0, 5}, "label-too-long", "label truncated");
  EXPECT_FALSE(d.has_errors());
  EXPECT_NE(render_all_text(d, sm).find("warning: label truncated [-Wlabel-too-long]"), std::string::npos);
  Diagnostics w;
  w.set_werror(true);
  w.warning(Range{f, 0, 5}, "label-too-long", "label truncated");
  EXPECT_TRUE(w.has_errors());
  EXPECT_NE(render_all_text(w, sm).find("error: label truncated [-Werror=label-too-long]"), std::string::npos);
}

TEST(Diag, JsonHasTheContractFields) {
  SourceManager sm;
  FileId f = sm.add("a.phone", "abc\n");
  Diagnostics d;
  d.error(Range{f, 1, 2}, "x", "bad");
  EXPECT_EQ(render_all_json(d, sm),
            "[\n  {\n    \"file\": \"a.phone\",\n    \"line\": 1,\n    \"column\": 2,\n    \"end_line\": 1,\n"
            "    \"end_column\": 3,\n    \"severity\": \"error\",\n    \"code\": \"x\",\n    \"message\": \"bad\",\n"
            "    \"notes\": []\n  }\n]\n");
}

TEST(Diag, CascadeLimitStopsCollecting) {
  Diagnostics d(3);
  for (int i = 0; i < 10; ++i) d.error(Range{}, "e", "error " + std::to_string(i));
  EXPECT_EQ(d.error_count(), 3u);
  EXPECT_TRUE(d.limit_reached());
}
