// Source files, positions and ranges. Every AST node and every inventory value carries a Range
// (file id + byte offsets); line and column are computed only when a diagnostic is rendered.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace phonec {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xffffffffu;

struct Range {
  FileId file = kNoFile;
  std::uint32_t begin = 0;  // byte offset
  std::uint32_t end = 0;    // byte offset, exclusive
  bool valid() const { return file != kNoFile; }
};

struct LineCol {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, counted in code points, tabs expanded to 8
};

// A file's text, held in memory or, for a large input read once front to back (an inventory of a
// million devices is hundreds of MB), mapped read-only from the file: the kernel then reads its
// pages on demand and release_pages() gives back the ones read so far, so the text costs no
// memory beyond the part being read.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  // Maps `size` bytes of the open regular file `fd` (not kept open); nullptr when it cannot.
  static std::unique_ptr<SourceFile> map(std::string path, int fd, std::size_t size);
  ~SourceFile();
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  const std::string& path() const { return path_; }
  std::string_view text() const { return view_; }
  bool mapped() const { return mapped_; }
  // Drops the mapped pages of [0, end) from memory (they are read again if used); no-op for text
  // held in memory. Safe while other threads read the text.
  void release_pages(std::size_t end = static_cast<std::size_t>(-1)) const;
  LineCol line_col(std::uint32_t offset) const;
  std::string_view line_text(std::uint32_t line) const;  // without the newline

 private:
  SourceFile(std::string path, const char* data, std::size_t size);

  // Where each line starts, built on first use: most files never get a diagnostic, and a
  // pretty-printed inventory of a million devices has tens of millions of lines.
  const std::vector<std::uint32_t>& line_starts() const;

  std::string path_;
  std::string text_;       // the text when held in memory
  std::string_view view_;  // text_, or the mapping
  bool mapped_ = false;
  mutable std::once_flag lines_once_;
  mutable std::vector<std::uint32_t> line_starts_;
};

// Owns every file read during one compilation. Adding is thread-safe; a file's address is stable.
class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  FileId add(std::unique_ptr<SourceFile> file);
  const SourceFile& get(FileId id) const;
  std::size_t size() const;
  // Every path added, in the order added (the depfile's prerequisites).
  std::vector<std::string> paths() const;
  // Marks where a secret (a password) is written: source lines shown in diagnostics mask it.
  void add_secret(Range r);
  // The line's text with every secret in it replaced by '*' (one per code point).
  std::string masked_line(FileId file, std::uint32_t line) const;

 private:
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<SourceFile>> files_;
  std::vector<Range> secrets_;
};

}  // namespace phonec
