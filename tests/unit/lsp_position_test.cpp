// LSP positions count UTF-16 code units; frames carry a byte length.
#include <gtest/gtest.h>

#include <sstream>

#include "lsp/jsonrpc.h"
#include "lsp/position.h"

namespace phonec::lsp {
namespace {

TEST(LspPosition, Utf16Columns) {
  std::string text = "ab\n\xC3\xA9\xF0\x9F\x98\x80x\n";  // "é😀x": 1 + 2 UTF-16 units before x
  LineIndex li(text);
  EXPECT_EQ(li.position(0), (json{{"line", 0}, {"character", 0}}));
  EXPECT_EQ(li.position(3), (json{{"line", 1}, {"character", 0}}));
  std::uint32_t x = static_cast<std::uint32_t>(text.find('x'));
  EXPECT_EQ(li.position(x), (json{{"line", 1}, {"character", 3}}));
  EXPECT_EQ(li.offset(1, 3), x);
  EXPECT_EQ(li.offset(1, 99), x + 1);                       // clamped to the line's end
  EXPECT_EQ(li.offset(7, 0), text.size());                 // past the last line
  EXPECT_EQ(li.offset(-1, 0), 0u);
  EXPECT_EQ(li.position(1000), (json{{"line", 2}, {"character", 0}}));
}

TEST(LspPosition, Uris) {
  EXPECT_EQ(path_to_uri("/a b/é.phone"), "file:///a%20b/%C3%A9.phone");
  EXPECT_EQ(uri_to_path("file:///a%20b/%C3%A9.phone"), "/a b/é.phone");
  EXPECT_EQ(uri_to_path("file:///x%2"), "/x%2");
}

TEST(LspJsonRpc, FramesRoundTripAndBadFramesAreReported) {
  std::stringstream s;
  write_message(s, {{"id", 1}, {"x", "é"}});
  s << "content-length: 2\r\nContent-Type: x\r\n\r\n{]";
  s << "Content-Length: zz\r\n\r\n";
  s << "Content-Length: 999999999999\r\n\r\n";
  Incoming a = read_message(s);
  ASSERT_EQ(a.status, ReadStatus::Ok);
  EXPECT_EQ(a.message["x"], "é");
  EXPECT_EQ(read_message(s).status, ReadStatus::BadJson);
  EXPECT_EQ(read_message(s).status, ReadStatus::BadFrame);
  EXPECT_EQ(read_message(s).status, ReadStatus::BadFrame);
  EXPECT_EQ(read_message(s).status, ReadStatus::End);
}

}  // namespace
}  // namespace phonec::lsp
