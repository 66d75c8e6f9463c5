#include <gtest/gtest.h>

#include <algorithm>

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

// Threads report in any order: past the limit, the errors kept are the first in source order.
TEST(Diag, CascadeLimitKeepsTheFirstErrorsInSourceOrderWhateverTheArrivalOrder) {
  SourceManager sm;
  FileId f = sm.add("a.phone", std::string(100, 'x'));
  std::vector<int> order(40);
  for (int i = 0; i < 40; ++i) order[i] = i;
  std::vector<std::string> kept_by_order;
  for (int round = 0; round < 3; ++round) {
    if (round == 1) std::reverse(order.begin(), order.end());
    if (round == 2) std::rotate(order.begin(), order.begin() + 17, order.end());
    Diagnostics d(5);
    for (int i : order) d.error(Range{f, static_cast<std::uint32_t>(2 * i), static_cast<std::uint32_t>(2 * i + 1)}, "e", "at " + std::to_string(i));
    d.warning(Range{f, 99, 100}, "w", "a warning is never dropped");
    EXPECT_EQ(d.error_count(), 5u);
    EXPECT_EQ(d.warning_count(), 1u);
    EXPECT_TRUE(d.limit_reached());
    kept_by_order.push_back(render_all_text(d, sm));
  }
  EXPECT_EQ(kept_by_order[0], kept_by_order[1]);
  EXPECT_EQ(kept_by_order[0], kept_by_order[2]);
  for (int i = 0; i < 5; ++i) EXPECT_NE(kept_by_order[0].find("error: at " + std::to_string(i) + "\n"), std::string::npos) << i;
  EXPECT_EQ(kept_by_order[0].find("error: at 5\n"), std::string::npos);
}
