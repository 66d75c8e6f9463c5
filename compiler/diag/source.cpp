#include "diag/source.h"

#include <algorithm>
#include <stdexcept>

#include <sys/mman.h>
#include <unistd.h>

#include "diag/mapped_guard.h"

namespace phonec {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)), view_(text_) {}

SourceFile::SourceFile(std::string path, const char* data, std::size_t size)
    : path_(std::move(path)), view_(data, size), mapped_(true) {}

std::unique_ptr<SourceFile> SourceFile::map(std::string path, int fd, std::size_t size) {
  if (size == 0) return nullptr;
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) return nullptr;
  ::madvise(p, size, MADV_SEQUENTIAL);
  auto file = std::unique_ptr<SourceFile>(new SourceFile(std::move(path), static_cast<const char*>(p), size));
  diag::guard_mapping(p, size, file->path_);
  return file;
}

SourceFile::~SourceFile() {
  if (!mapped_) return;
  diag::unguard_mapping(view_.data());
  ::munmap(const_cast<char*>(view_.data()), view_.size());
}

void SourceFile::release_pages(std::size_t end) const {
  if (!mapped_) return;
  const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  // Whole pages only: the page holding `end` may still be read.
  std::size_t n = std::min(end, view_.size()) / page * page;
  if (n) ::madvise(const_cast<char*>(view_.data()), n, MADV_DONTNEED);
}

const std::vector<std::uint32_t>& SourceFile::line_starts() const {
  std::call_once(lines_once_, [&] {
    std::string_view t = view_;
    line_starts_.push_back(0);
    // A mapped file is indexed a slice at a time, each slice's pages given back once counted.
    constexpr std::size_t kSlice = std::size_t{8} << 20;
    for (std::size_t from = 0; from < t.size(); from += kSlice) {
      std::size_t to = std::min(t.size(), from + kSlice);
      for (std::size_t nl = t.find('\n', from); nl < to; nl = t.find('\n', nl + 1))
        line_starts_.push_back(static_cast<std::uint32_t>(nl + 1));
      release_pages(to);
    }
    line_starts_.shrink_to_fit();
  });
  return line_starts_;
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  if (offset > view_.size()) offset = static_cast<std::uint32_t>(view_.size());
  const std::vector<std::uint32_t>& starts = line_starts();
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  std::uint32_t line = static_cast<std::uint32_t>(it - starts.begin());
  std::uint32_t start = starts[line - 1];
  std::uint32_t col = 1;
  for (std::uint32_t i = start; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(view_[i]);
    if (c == '\t') col = ((col - 1) / 8 + 1) * 8 + 1;
    else if ((c & 0xC0) != 0x80) ++col;  // count code points, not continuation bytes
  }
  return {line, col};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  const std::vector<std::uint32_t>& starts = line_starts();
  if (line == 0 || line > starts.size()) return {};
  std::uint32_t start = starts[line - 1];
  std::uint32_t end = line < starts.size() ? starts[line] - 1 : static_cast<std::uint32_t>(view_.size());
  if (end > start && view_[end - 1] == '\r') --end;
  return view_.substr(start, end - start);
}

FileId SourceManager::add(std::string path, std::string text) {
  return add(std::make_unique<SourceFile>(std::move(path), std::move(text)));
}

FileId SourceManager::add(std::unique_ptr<SourceFile> file) {
  std::lock_guard lock(mu_);
  files_.push_back(std::move(file));
  return static_cast<FileId>(files_.size() - 1);
}

const SourceFile& SourceManager::get(FileId id) const {
  std::lock_guard lock(mu_);
  if (id >= files_.size()) throw std::out_of_range("bad FileId");
  return *files_[id];
}

void SourceManager::add_secret(Range r) {
  if (!r.valid() || r.end <= r.begin) return;
  std::lock_guard lock(mu_);
  secrets_.push_back(r);
}

std::string SourceManager::masked_line(FileId file, std::uint32_t line) const {
  const SourceFile& f = get(file);
  std::string_view text = f.line_text(line);
  auto start = static_cast<std::uint32_t>(text.data() - f.text().data());
  auto end = start + static_cast<std::uint32_t>(text.size());
  std::vector<bool> masked(text.size(), false);
  {
    std::lock_guard lock(mu_);
    for (const Range& r : secrets_) {
      if (r.file != file || r.end <= start || r.begin >= end) continue;
      for (std::uint32_t i = std::max(r.begin, start); i < std::min(r.end, end); ++i) masked[i - start] = true;
    }
  }
  // One '*' per masked code point, so the caret below still lines up.
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!masked[i]) out += text[i];
    else if ((c & 0xC0) != 0x80) out += '*';
  }
  return out;
}

std::size_t SourceManager::size() const {
  std::lock_guard lock(mu_);
  return files_.size();
}

std::vector<std::string> SourceManager::paths() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (auto& f : files_) out.push_back(f->path());
  return out;
}

}  // namespace phonec
