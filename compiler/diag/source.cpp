#include "diag/source.h"

#include <algorithm>
#include <stdexcept>

namespace phonec {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}

const std::vector<std::uint32_t>& SourceFile::line_starts() const {
  std::call_once(lines_once_, [&] {
    line_starts_.reserve(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1);
    line_starts_.push_back(0);
    for (std::size_t nl = text_.find('\n'); nl != std::string::npos; nl = text_.find('\n', nl + 1))
      line_starts_.push_back(static_cast<std::uint32_t>(nl + 1));
  });
  return line_starts_;
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  if (offset > text_.size()) offset = static_cast<std::uint32_t>(text_.size());
  const std::vector<std::uint32_t>& starts = line_starts();
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  std::uint32_t line = static_cast<std::uint32_t>(it - starts.begin());
  std::uint32_t start = starts[line - 1];
  std::uint32_t col = 1;
  for (std::uint32_t i = start; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text_[i]);
    if (c == '\t') col = ((col - 1) / 8 + 1) * 8 + 1;
    else if ((c & 0xC0) != 0x80) ++col;  // count code points, not continuation bytes
  }
  return {line, col};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  const std::vector<std::uint32_t>& starts = line_starts();
  if (line == 0 || line > starts.size()) return {};
  std::uint32_t start = starts[line - 1];
  std::uint32_t end = line < starts.size() ? starts[line] - 1 : static_cast<std::uint32_t>(text_.size());
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

FileId SourceManager::add(std::string path, std::string text) {
  std::lock_guard lock(mu_);
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
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
