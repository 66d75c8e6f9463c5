#include "output/manifest.h"

#include <cstdio>

#include "output/path_check.h"

namespace phonec::output {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void render_manifest_to(std::size_t n, const std::function<ManifestEntry(std::size_t)>& entry,
                        const std::map<std::string, nlohmann::json>& extra,
                        const std::function<void(std::string_view)>& sink) {
  constexpr std::size_t kPiece = 64 << 10;
  std::string out;
  out.reserve(kPiece + 4096);
  auto flush = [&](bool always) {
    if (always || out.size() >= kPiece) {
      sink(out);
      out.clear();
    }
  };
  out += "{\n  \"format\": ";
  append_json_string(out, kManifestFormat);
  out += ",\n  \"files\": [";
  for (std::size_t i = 0; i < n; ++i) {
    const ManifestEntry e = entry(i);
    out += i ? ",\n    " : "\n    ";
    out += "{\"path\": ";
    append_json_string(out, e.path);
    out += ", \"size\": ";
    out += std::to_string(e.size);
    out += ", \"sha256\": \"";
    out += e.sha256;
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", e.mode & 07777);
    out += "\", \"mode\": \"";
    out += mode;
    out += "\", \"device\": ";
    append_json_string(out, e.device);
    out += ", \"model\": ";
    append_json_string(out, e.model);
    out += '}';
    flush(false);
  }
  out += n == 0 ? "]" : "\n  ]";
  for (const auto& [key, value] : extra) {
    out += ",\n  ";
    append_json_string(out, key);
    out += ": ";
    // Re-indent nlohmann's two-space dump by one level so the section nests under the top object.
    std::string body = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    for (char c : body) {
      out += c;
      if (c == '\n') out += "  ";
    }
    flush(false);
  }
  out += "\n}\n";
  flush(true);
}

std::string render_manifest(const std::vector<ManifestEntry>& entries,
                            const std::map<std::string, nlohmann::json>& extra) {
  std::string text;
  text.reserve(64 + entries.size() * 200);
  render_manifest_to(entries.size(), [&](std::size_t i) { return entries[i]; }, extra,
                     [&](std::string_view piece) { text += piece; });
  return text;
}

std::optional<std::vector<std::string>> manifest_paths(std::string_view text, std::string& why) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    why = "is not valid JSON";
    return std::nullopt;
  }
  auto format = j.is_object() ? j.find("format") : j.end();
  if (!j.is_object() || format == j.end() || *format != kManifestFormat) {
    why = "is not a phonec-manifest/1 file";
    return std::nullopt;
  }
  auto files = j.find("files");
  if (files == j.end() || !files->is_array()) {
    why = "has no \"files\" array";
    return std::nullopt;
  }
  std::vector<std::string> paths;
  paths.reserve(files->size());
  for (const auto& f : *files) {
    if (!f.is_object()) continue;
    auto p = f.find("path");
    if (p == f.end() || !p->is_string()) continue;
    const auto& s = p->get_ref<const std::string&>();
    if (!check_relative_path(s)) paths.push_back(s);
  }
  return paths;
}

}  // namespace phonec::output
