// A mapped source file reads like one held in memory, gives its pages back on request and still
// reads afterwards; a file that shrinks under its mapping ends phonec with a message, not a crash.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <fcntl.h>
#include <unistd.h>

#include "diag/source.h"

namespace phonec {
namespace {

namespace fs = std::filesystem;

struct TempFile {
  fs::path path;
  explicit TempFile(const std::string& text) {
    path = fs::temp_directory_path() / ("phonec-mapped-" + std::to_string(::getpid()) + "-" + std::to_string(++serial()));
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { fs::remove(path); }
  static int& serial() {
    static int n = 0;
    return n;
  }
};

std::string held_line(const std::string& text, std::uint32_t line) {
  SourceFile f("held", text);
  return std::string(f.line_text(line));
}

std::unique_ptr<SourceFile> map_file(const fs::path& p) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  auto f = SourceFile::map(p.string(), fd, static_cast<std::size_t>(fs::file_size(p)));
  ::close(fd);
  return f;
}

// Several pages of lines of varied lengths, with a tab and multi-byte characters.
std::string sample() {
  std::string text;
  for (int i = 0; i < 4000; ++i) text += "line " + std::to_string(i) + (i % 7 ? "\tZoë" : "") + std::string(i % 13, 'x') + "\n";
  text += "last line without newline";
  return text;
}

TEST(MappedSource, ReadsLikeTextInMemory) {
  const std::string text = sample();
  TempFile t(text);
  auto mapped = map_file(t.path);
  ASSERT_TRUE(mapped);
  SourceFile held(t.path.string(), text);
  EXPECT_TRUE(mapped->mapped());
  EXPECT_FALSE(held.mapped());
  EXPECT_EQ(mapped->text(), held.text());
  for (std::uint32_t off : {0u, 5u, 100u, 4096u, 50000u, static_cast<std::uint32_t>(text.size() - 1), static_cast<std::uint32_t>(text.size())}) {
    LineCol a = mapped->line_col(off), b = held.line_col(off);
    EXPECT_EQ(a.line, b.line) << off;
    EXPECT_EQ(a.column, b.column) << off;
    EXPECT_EQ(mapped->line_text(a.line), held.line_text(b.line)) << off;
  }
  EXPECT_EQ(mapped->line_text(4001), "last line without newline");
}

TEST(MappedSource, ReleasedPagesReadBackTheSameBytes) {
  const std::string text = sample();
  TempFile t(text);
  auto mapped = map_file(t.path);
  ASSERT_TRUE(mapped);
  ASSERT_EQ(mapped->text(), text);
  mapped->release_pages(text.size() / 2);
  EXPECT_EQ(mapped->text(), text);
  mapped->release_pages();
  EXPECT_EQ(mapped->text(), text);
  EXPECT_EQ(mapped->line_text(2), held_line(text, 2));
}

TEST(MappedSource, AnEmptyFileIsNotMapped) {
  TempFile t("");
  EXPECT_FALSE(map_file(t.path));
}

TEST(MappedSourceDeathTest, AFileTruncatedUnderItsMappingEndsWithAMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const std::string text = sample();
  TempFile t(text);
  EXPECT_EXIT(
      {
        auto mapped = map_file(t.path);
        if (!mapped) std::_Exit(3);
        mapped->release_pages();
        fs::resize_file(t.path, 0);
        volatile char c = mapped->text()[text.size() - 2];  // a page that is gone
        (void)c;
        std::_Exit(4);
      },
      ::testing::ExitedWithCode(1), "changed while it was being read \\(it is shorter now\\)");
}

}  // namespace
}  // namespace phonec
