#include "driver/device_reuse.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "output/fs_at.h"
#include "output/path_check.h"
#include "output/sha256.h"
#include "output/text_fields.h"
#include "tz/zone_rule.h"

namespace phonec::driver {

std::string binary_digest() {
  static const std::string digest = [] {
    std::ifstream in("/proc/self/exe", std::ios::binary);
    std::ostringstream self;
    self << in.rdbuf();
    return in ? output::sha256_hex(self.str()) : std::string("unknown");
  }();
  return digest;
}

namespace {

constexpr std::string_view kMagic = "phonec-devices/1";

// A range inside the device's or the site's text is stored relative to it ("@d", "@s"), others
// by path (a model file: the key covers its exact text).
nlohmann::json range_json(const SourceManager& sm, Range r, const Anchor& at) {
  auto inside = [&](Range a) { return r.valid() && a.valid() && r.file == a.file && r.begin >= a.begin && r.end <= a.end; };
  if (inside(at.device)) return {"@d", r.begin - at.device.begin, r.end - at.device.begin};
  if (inside(at.site)) return {"@s", r.begin - at.site.begin, r.end - at.site.begin};
  std::string path = r.valid() && r.file < sm.size() ? sm.get(r.file).path() : std::string();
  return {path, r.begin, r.end};
}

bool range_from(const nlohmann::json& j, const std::unordered_map<std::string, FileId>& ids, const Anchor& at, Range& r) {
  if (!j.is_array() || j.size() != 3 || !j[0].is_string() || !j[1].is_number_unsigned() || !j[2].is_number_unsigned())
    return false;
  const std::string& path = j[0].get_ref<const std::string&>();
  const auto b = j[1].get<std::uint32_t>(), e = j[2].get<std::uint32_t>();
  r = Range{};
  if (path.empty()) return true;
  if (path == "@d" || path == "@s") {
    const Range& a = path == "@d" ? at.device : at.site;
    if (!a.valid() || b > e || e > a.end - a.begin) return false;
    r = Range{a.file, a.begin + b, a.begin + e};
    return true;
  }
  auto it = ids.find(path);
  if (it == ids.end()) return false;
  r = Range{it->second, b, e};
  return true;
}

std::string encode(const SourceManager& sm, const Diagnostic& d, const Anchor& at) {
  nlohmann::json notes = nlohmann::json::array();
  for (const Note& n : d.notes) notes.push_back({range_json(sm, n.range, at), n.message});
  nlohmann::json j = {{"s", static_cast<int>(d.severity)}, {"c", d.code}, {"r", range_json(sm, d.range, at)},
                      {"m", d.message}, {"n", notes}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<Diagnostic> decode(std::string_view line, const std::unordered_map<std::string, FileId>& ids,
                                 const Anchor& at) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object() || !j.contains("s") || !j["s"].is_number_integer() || !j.contains("c") || !j["c"].is_string() ||
      !j.contains("m") || !j["m"].is_string() || !j.contains("n") || !j["n"].is_array() || !j.contains("r"))
    return std::nullopt;
  Diagnostic d;
  int s = j["s"].get<int>();
  if (s < 0 || s > 2) return std::nullopt;
  d.severity = static_cast<Severity>(s);
  d.code = j["c"].get<std::string>();
  d.message = j["m"].get<std::string>();
  if (!range_from(j["r"], ids, at, d.range)) return std::nullopt;
  for (const auto& n : j["n"]) {
    Note note;
    if (!n.is_array() || n.size() != 2 || !n[1].is_string() || !range_from(n[0], ids, at, note.range)) return std::nullopt;
    note.message = n[1].get<std::string>();
    d.notes.push_back(std::move(note));
  }
  return d;
}

// The previous list, indexed in place: key -> its block (the entry's file and diagnostic lines).
// A list that does not parse from some entry on keeps the entries before it (the rest only cost
// a re-evaluation).
std::unordered_map<std::string_view, std::string_view> index_list(std::string_view text) {
  std::unordered_map<std::string_view, std::string_view> out;
  std::string_view rest(text);
  auto next_line = [&](std::string_view& line) {
    auto nl = rest.find('\n');
    if (nl == std::string_view::npos) return false;
    line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    return true;
  };
  std::string_view line;
  if (!next_line(line) || line != kMagic) return out;
  while (next_line(line)) {
    // "<key> <files> <diagnostics>", then one line per file and per diagnostic.
    std::string_view key = line.substr(0, line.find(' '));
    line.remove_prefix(std::min(line.size(), key.size() + 1));
    std::size_t nfiles = 0, ndiags = 0;
    std::string tail(line);
    tail += ' ';
    std::string_view t(tail);
    if (key.size() != 64 || !output::take_number(t, nfiles) || !output::take_number(t, ndiags) || !t.empty()) return out;
    const char* begin = rest.data();
    for (std::size_t i = 0; i < nfiles + ndiags; ++i)
      if (!next_line(line)) return out;
    out.emplace(key, std::string_view(begin, static_cast<std::size_t>(rest.data() - begin)));
  }
  return out;
}

// An entry's block back into files and diagnostic lines; false when a file line is malformed.
bool parse_block(std::string_view block, std::size_t nfiles, std::vector<ReusedFile>& files,
                 std::vector<std::string_view>& diags) {
  std::size_t i = 0;
  while (!block.empty()) {
    auto nl = block.find('\n');
    std::string_view line = block.substr(0, nl);
    block.remove_prefix(nl + 1);
    if (i++ < nfiles) {
      // "<sha256> <0|1> <path>"
      if (line.size() < 68 || line[64] != ' ' || (line[65] != '0' && line[65] != '1') || line[66] != ' ') return false;
      auto sha = output::Digest::from_hex(line.substr(0, 64));
      if (!sha) return false;
      ReusedFile f{std::string(line.substr(67)), *sha, line[65] == '1'};
      if (output::check_relative_path(f.path)) return false;
      files.push_back(std::move(f));
    } else {
      diags.push_back(line);
    }
  }
  return true;
}


}  // namespace

namespace {

// DIR/.phonec-devices mapped read-only (a SourceFile: guarded against shrinking under the mapping,
// its pages given back on demand); nullptr when it is missing, empty or not a regular file.
std::unique_ptr<SourceFile> map_list(int dir, const std::string& name, std::string shown_as) {
  output::UniqueFd fd(::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  struct stat st;
  if (!fd || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) return nullptr;
  return SourceFile::map(std::move(shown_as), fd.get(), static_cast<std::size_t>(st.st_size));
}

}  // namespace

DeviceReuse::DeviceReuse(const std::string& out_dir, const SourceManager& sm, const std::vector<FileId>& inventories,
                         output::Spool* spool)
    : sm_(sm), inventories_(inventories), spool_(spool) {
  sources_ = "phonec-device-key/1\n" + binary_digest() + "\nICU " + U_ICU_VERSION + " " + tz::tzdata_version() + "\n";
  sources_loaded();
  root_ = output::UniqueFd(::open(out_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW));
  if (!root_) return;
  state_ = output::read_state(root_.get());
  if (state_ && (previous_map_ = map_list(root_.get(), std::string(kDevicesName),
                                          (std::filesystem::path(out_dir) / kDevicesName).string()))) {
    previous_text_ = previous_map_->text();
    previous_ = index_list(previous_text_);
    previous_map_->release_pages();
  }
}

void DeviceReuse::sources_loaded() {
  if (previous_map_) previous_map_->release_pages();  // what the last batch's lookups read
  if (hashed_ == sm_.size() && !global_.empty()) return;
  for (; hashed_ < sm_.size(); ++hashed_) {
    const FileId id = static_cast<FileId>(hashed_);
    const SourceFile& f = sm_.get(id);
    file_ids_.emplace(f.path(), id);
    if (std::find(inventories_.begin(), inventories_.end(), id) != inventories_.end()) continue;
    sources_ += f.path() + "\n" + std::to_string(f.text().size()) + "\n";
    sources_ += f.text();
  }
  global_ = output::sha256_hex(sources_);
}

DeviceKey DeviceReuse::key(const Anchor& at) const {
  if (!at.device.valid()) return std::nullopt;
  auto text = [&](Range r) {
    return r.valid() ? std::string_view(sm_.get(r.file).text()).substr(r.begin, r.end - r.begin) : std::string_view();
  };
  std::string_view site_json = text(at.site), device_json = text(at.device);
  std::string all = global_;
  all += '\n';
  all += std::to_string(site_json.size());
  all += '\n';
  all += site_json;
  all += device_json;
  return output::sha256(all);
}

std::optional<DeviceRecord> DeviceReuse::lookup(const DeviceKey& key, const Anchor& at) const {
  if (!key || !state_) return std::nullopt;
  char hex[kKeySize];
  key->hex_into(hex);
  auto it = previous_.find(std::string_view(hex, kKeySize));
  if (it == previous_.end()) return std::nullopt;
  // The entry's header says how many of its lines are files; the index kept only the block.
  const std::string_view block = it->second;
  const std::string_view header(it->first.data(), static_cast<std::size_t>(block.data() - it->first.data()));
  std::string tail(header.substr(65));
  tail.back() = ' ';
  std::string_view t(tail);
  std::size_t nfiles = 0;
  if (!output::take_number(t, nfiles)) return std::nullopt;
  std::vector<ReusedFile> files;
  std::vector<std::string_view> lines;
  if (!parse_block(block, nfiles, files, lines)) return std::nullopt;
  DeviceRecord rec;
  for (std::string_view line : lines) {
    auto d = decode(line, file_ids_, at);
    if (!d) return std::nullopt;
    rec.diags.push_back(std::move(*d));
  }
  for (ReusedFile& f : files) {
    auto c = state_->files.find(f.path);
    char sha[kKeySize];
    f.sha256.hex_into(sha);
    if (c == state_->files.end() || !c->second.trusted || c->second.sha256 != std::string_view(sha, kKeySize))
      return std::nullopt;
    struct stat st;
    if (::fstatat(root_.get(), f.path.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
        !(output::stamp_of(st) == c->second.stamp) || (st.st_mode & 07777) != (f.secret ? 0640u : 0644u))
      return std::nullopt;
    f.size = static_cast<std::uint64_t>(st.st_size);
    rec.files.push_back(std::move(f));
  }
  return rec;
}

void DeviceReuse::record(const DeviceKey& key, const DeviceRecord& rec, const Anchor& at) {
  if (!key) return;
  // Stored as the list's own text: one allocation per device, and none at all once it is in
  // the spool (a few hundred bytes per device, tens of MB at a large site).
  std::string entry(kKeySize, ' ');
  key->hex_into(entry.data());
  entry += ' ' + std::to_string(rec.files.size()) + ' ' + std::to_string(rec.diags.size()) + '\n';
  for (const ReusedFile& f : rec.files) {
    const std::size_t at_sha = entry.size();
    entry.resize(at_sha + kKeySize);
    f.sha256.hex_into(entry.data() + at_sha);
    entry += f.secret ? " 1 " : " 0 ";
    entry += f.path;
    entry += '\n';
  }
  for (const Diagnostic& d : rec.diags) entry += encode(sm_, d, at) + '\n';
  Current c;
  c.key = *key;
  c.size = static_cast<std::uint32_t>(entry.size());
  const bool spooled = spool_ && entry.size() <= UINT32_MAX && spool_->append(entry, c.offset) == 0;
  std::lock_guard lock(mu_);
  if (!spooled) {
    c.text = static_cast<std::uint32_t>(texts_.size());
    texts_.push_back(std::move(entry));
  }
  current_.push_back(std::move(c));
}

void DeviceReuse::keep(const DeviceKey& key) {
  if (!key) return;
  char hex[kKeySize];
  key->hex_into(hex);
  auto it = previous_.find(std::string_view(hex, kKeySize));
  if (it == previous_.end()) return;
  const char* begin = it->first.data();
  std::string_view entry(begin, static_cast<std::size_t>(it->second.data() + it->second.size() - begin));
  std::lock_guard lock(mu_);
  kept_.push_back(entry);
}

void DeviceReuse::lookups_done() {
  std::lock_guard lock(mu_);
  std::unordered_map<std::string_view, std::string_view>().swap(previous_);
  std::unordered_map<std::string, FileId>().swap(file_ids_);
  state_.reset();
  // The entries kept join the evaluated ones in the spool, a megabyte at a time, so that the
  // previous list's text need not stay in memory until save(). Should the spool fail, what did
  // not reach it stays where it is (save() writes each key once).
  if (!spool_ || kept_.empty()) return;
  constexpr std::size_t kPiece = 1 << 20;
  std::string piece;
  piece.reserve(kPiece);
  std::vector<Current> in_piece;
  std::size_t moved = 0;
  auto flush = [&] {
    std::uint64_t at = 0;
    if (!piece.empty() && spool_->append(piece, at) != 0) return false;
    for (Current& c : in_piece) {
      c.offset += at;
      current_.push_back(c);
    }
    moved += in_piece.size();
    piece.clear();
    in_piece.clear();
    return true;
  };
  for (std::string_view e : kept_) {
    Current c;
    // keep() found the entry by a real key's hex: it parses back.
    c.key = output::Digest::from_hex(e.substr(0, kKeySize)).value_or(output::Digest{});
    c.offset = piece.size();
    c.size = static_cast<std::uint32_t>(e.size());
    piece += e;
    in_piece.push_back(c);
    if (piece.size() >= kPiece && !flush()) break;
  }
  if (moved + in_piece.size() == kept_.size() && flush()) {
    std::vector<std::string_view>().swap(kept_);
    previous_text_ = {};
    previous_map_.reset();
  }
}

int DeviceReuse::save(const std::string& out_dir, mode_t umask_bits) const {
  std::lock_guard lock(mu_);
  // Sorted by key (an entry starts with its key), each key once: the same list whatever order
  // the threads recorded the devices in. An entry is kept_[i] or current_[i - kept_.size()].
  // (A digest's byte order is its hex text's order.)
  std::vector<std::pair<output::Digest, std::size_t>> order;
  order.reserve(kept_.size() + current_.size());
  for (std::size_t i = 0; i < kept_.size(); ++i)
    order.push_back({output::Digest::from_hex(kept_[i].substr(0, kKeySize)).value_or(output::Digest{}), i});
  for (std::size_t i = 0; i < current_.size(); ++i) order.push_back({current_[i].key, kept_.size() + i});
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
              order.end());
  auto fill = [&](const output::Put& put) {
    std::string head(kMagic);
    head += '\n';
    if (int err = put(head)) return err;
    std::string spooled;
    for (const auto& [key, i] : order) {
      if (i < kept_.size()) {
        if (int err = put(kept_[i])) return err;
        continue;
      }
      const Current& c = current_[i - kept_.size()];
      if (c.text != kSpooled) {
        if (int err = put(texts_[c.text])) return err;
      } else if (int err = spool_->read(c.offset, c.size, spooled); err || (err = put(spooled))) {
        return err;
      }
    }
    return 0;
  };
  output::UniqueFd root(::open(out_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW));
  if (!root) return errno;
  return output::write_file_atomic_by(root.get(), std::string(kDevicesName), fill,
                                      output::AtomicWrite{0640, umask_bits, false}, nullptr);
}

}  // namespace phonec::driver
