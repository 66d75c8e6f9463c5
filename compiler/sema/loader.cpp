#include "sema/loader.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output/unique_fd.h"

#include "sema/symbols.h"
#include "syntax/parser.h"

namespace phonec::sema {
namespace fs = std::filesystem;

std::optional<FileId> read_source(Program& prog, const fs::path& path, Range from, std::uintmax_t limit, bool map_large) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec || !fs::is_regular_file(path, ec)) {
    prog.diags.error(from, "cannot-read", "cannot read '" + path.string() + "': " +
                                              (ec ? ec.message() : std::string("not a regular file")));
    return std::nullopt;
  }
  if (size > limit) {
    prog.diags.error(from, "input-too-large", "'" + path.string() + "' is larger than " + std::to_string(limit >> 20) + " MiB");
    return std::nullopt;
  }
  if (map_large && size >= kMapFromBytes) {
    output::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat st {};
    if (fd.get() >= 0 && ::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::uintmax_t>(st.st_size) <= limit)
      if (auto file = SourceFile::map(path.string(), fd.get(), static_cast<std::size_t>(st.st_size)))
        return prog.sm.add(std::move(file));
    // Not mappable: read it like any other file.
  }
  // Read in place: a large inventory is held once, not copied through a stream buffer.
  std::string text;
  std::ifstream in(path, std::ios::binary);
  if (in) {
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    // A file that grew since it was measured: the rest as well.
    if (in) text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (text.size() > limit) {
      prog.diags.error(from, "input-too-large", "'" + path.string() + "' is larger than " + std::to_string(limit >> 20) + " MiB");
      return std::nullopt;
    }
  }
  if (!in && !in.eof()) {
    prog.diags.error(from, "cannot-read", "cannot read '" + path.string() + "'");
    return std::nullopt;
  }
  return prog.sm.add(path.string(), std::move(text));
}

namespace {

struct ImportStack {
  std::vector<std::string> paths;
  std::vector<Range> sites;
};

void load_rec(Program& prog, const fs::path& path, Range from, ImportStack& stack) {
  std::error_code ec;
  fs::path canon = fs::weakly_canonical(path, ec);
  std::string key = ec ? path.string() : canon.string();
  auto on_stack = std::find(stack.paths.begin(), stack.paths.end(), key);
  if (on_stack != stack.paths.end()) {
    std::vector<Note> notes;
    for (auto it = on_stack; it != stack.paths.end(); ++it) {
      std::size_t i = static_cast<std::size_t>(it - stack.paths.begin());
      if (i + 1 < stack.sites.size()) notes.push_back(Note{stack.sites[i + 1], "'" + *it + "' imports the next file here"});
    }
    std::string chain;
    for (auto it = on_stack; it != stack.paths.end(); ++it) chain += *it + " -> ";
    chain += key;
    prog.diags.error(from, "import-cycle", "import cycle: " + chain, notes);
    return;
  }
  if (prog.loaded_paths.count(key)) return;
  if (stack.paths.size() >= kMaxImportDepth) {
    prog.diags.error(from, "import-depth", "imports nested deeper than " + std::to_string(kMaxImportDepth) + " files");
    return;
  }
  prog.loaded_paths.insert(key);
  auto file = read_source(prog, path, from);
  if (!file) return;
  auto module = syntax::parse_module(prog.sm, *file, prog.diags);
  if (!module) return;
  prog.modules.push_back(std::move(*module));
  const ast::Module& m = prog.modules.back();
  stack.paths.push_back(key);
  stack.sites.push_back(from);
  for (const ast::Import& imp : m.imports) {
    fs::path target = fs::path(imp.path);
    if (target.is_relative()) {
      fs::path local = path.parent_path() / target;
      if (fs::exists(local, ec)) {
        target = local;
      } else {
        for (const fs::path& dir : prog.model_paths)
          if (fs::exists(dir / imp.path, ec)) {
            target = dir / imp.path;
            break;
          }
        if (target.is_relative()) target = local;
      }
    }
    load_rec(prog, target, imp.range, stack);
  }
  stack.paths.pop_back();
  stack.sites.pop_back();
  collect_declarations(prog, m);
}

std::vector<fs::path> phone_files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".phone") out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void load_phone_file(Program& prog, const fs::path& path, Range from) {
  ImportStack stack;
  load_rec(prog, path, from, stack);
}

void load_stdlib(Program& prog) {
  auto files = phone_files_under(prog.stdlib_dir);
  if (files.empty()) {
    prog.diags.error(Range{}, "no-stdlib", "the standard library was not found in '" + prog.stdlib_dir.string() + "'");
    return;
  }
  for (const fs::path& f : files) load_phone_file(prog, f, Range{});
}

void load_vendor(Program& prog, const std::string& vendor) {
  if (vendor.empty() || !prog.loaded_vendors.insert(vendor).second) return;
  // The vendor name comes from user input: only a plain identifier may name a folder.
  for (char c : vendor)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return;
  for (const fs::path& dir : prog.model_paths)
    for (const fs::path& f : phone_files_under(dir / vendor)) load_phone_file(prog, f, Range{});
}

void load_all_models(Program& prog) {
  std::set<std::string> vendors;
  std::error_code ec;
  for (const fs::path& dir : prog.model_paths) {
    if (!fs::is_directory(dir, ec)) continue;
    for (auto& e : fs::directory_iterator(dir, ec))
      if (e.is_directory(ec)) vendors.insert(e.path().filename().string());
  }
  for (const std::string& v : vendors) load_vendor(prog, v);
}

}  // namespace phonec::sema
