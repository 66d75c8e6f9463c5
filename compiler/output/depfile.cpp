#include "output/depfile.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <unordered_set>

#include "output/fs_at.h"
#include "output/unique_fd.h"

namespace phonec::output {
namespace {

constexpr std::size_t kMaxColumns = 75;

}  // namespace

std::string escape_make_name(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 8);
  std::size_t backslashes = 0;  // length of the run of '\' just emitted
  for (char c : name) {
    if (c == ' ' || c == '#') {
      out.append(backslashes, '\\');
      out += '\\';
    } else if (c == '$') {
      out += '$';
    }
    out += c;
    backslashes = c == '\\' ? backslashes + 1 : 0;
  }
  return out;
}

bool representable_in_depfile(std::string_view name) {
  return !name.empty() && name.find_first_of(std::string_view("\n\r\0", 3)) == std::string_view::npos;
}

std::string render_depfile(const std::string& target, const std::vector<std::string>& prerequisites) {
  std::vector<std::string> names;
  std::unordered_set<std::string_view> seen;
  for (const auto& p : prerequisites)
    if (representable_in_depfile(p) && seen.insert(p).second) names.push_back(escape_make_name(p));

  std::string out = escape_make_name(target) + ":";
  std::size_t column = out.size();
  for (const auto& n : names) {
    if (column + 1 + n.size() + 2 > kMaxColumns && column > 1) {
      out += " \\\n ";
      column = 1;
    }
    out += ' ';
    out += n;
    column += 1 + n.size();
  }
  out += '\n';
  for (const auto& n : names) {
    out += '\n';
    out += n;
    out += ":\n";
  }
  return out;
}

std::optional<std::string> write_depfile(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  UniqueFd dirfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dirfd) return dir.string() + ": " + errno_text(errno);
  const std::string name = path.filename().string();
  if (name.empty() || name == "." || name == "..") return path.string() + ": not a file name";
  if (same_bytes_at(dirfd.get(), name, content)) return std::nullopt;
  if (int err = write_file_atomic(dirfd.get(), name, content, AtomicWrite{0644, process_umask(), false}, nullptr))
    return path.string() + ": " + errno_text(err);
  return std::nullopt;
}

}  // namespace phonec::output
