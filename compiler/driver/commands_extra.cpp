#include "driver/commands_extra.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

#include "driver/data_dir.h"
#include "fmt/format.h"
#include "lsp/server.h"
#include "sema/loader.h"
#include "sema/program.h"

namespace phonec {
namespace fs = std::filesystem;

namespace {

const char* kFmtUsage = R"(usage: phonec fmt [--check] FILE...

Rewrites .phone files in the canonical layout (only files whose layout changes are written).
  --check   write nothing; list the files that are not formatted and exit 1 if there are any
)";

// Same directory, then rename: a reader sees the old file or the new one, never half of one.
bool write_atomically(const fs::path& path, const std::string& text, std::string& error) {
  struct stat st {};
  mode_t mode = ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
  std::string tmp = path.string() + ".phonec-fmt-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0 || ::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    error = std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace

int run_fmt(const std::vector<std::string>& args) {
  bool check = false;
  std::vector<std::string> files;
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << kFmtUsage;
      return 0;
    }
    if (a == "--check") check = true;
    else if (a.size() > 1 && a[0] == '-') {
      std::cerr << "phonec: fmt: unknown option '" << a << "'\nTry 'phonec fmt --help'.\n";
      return 2;
    } else files.push_back(a);
  }
  if (files.empty()) {
    std::cerr << "phonec: fmt needs at least one file\nTry 'phonec fmt --help'.\n";
    return 2;
  }
  int status = 0;
  for (const std::string& path : files) {
    SourceManager sm;
    Diagnostics diags;
    sema::Program prog(sm, diags);
    std::optional<FileId> id = sema::read_source(prog, path, Range{});
    std::optional<std::string> out;
    if (id) out = fmt::format_file(sm, *id, diags);
    if (!out) {
      std::cerr << render_all_text(diags, sm);
      status = 1;
      continue;
    }
    if (*out == sm.get(*id).text()) continue;
    if (check) {
      std::cout << path << "\n";
      status = 1;
      continue;
    }
    std::string error;
    if (!write_atomically(path, *out, error)) {
      std::cerr << "phonec: error: cannot write '" << path << "': " << error << "\n";
      status = 1;
    }
  }
  return status;
}

int run_lsp(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << "usage: phonec lsp\n\nA Language Server Protocol server on stdin/stdout (JSON-RPC, full text sync).\n";
      return 0;
    }
    if (a == "--stdio") continue;  // what most editor clients pass
    std::cerr << "phonec: lsp: unknown argument '" << a << "'\n";
    return 2;
  }
  // Nothing else reads or writes the standard streams while serving: no need to sync with stdio.
  std::ios::sync_with_stdio(false);
  return lsp::serve(std::cin, std::cout, driver::data_dir());
}

}  // namespace phonec
