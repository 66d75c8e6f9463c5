#include "emit/dhcp/tftpd.h"

namespace phonec::dhcp {

std::string sh_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

namespace {

bool only(std::string_view s, std::string_view extra) {
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              extra.find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool safe_path(std::string_view s) {
  return s.size() > 1 && s.front() == '/' && only(s, "/._+@%,=:-") && s.find("/../") == std::string_view::npos &&
         !s.ends_with("/..");
}

// A name part that needs no escaping in a remap replacement and only '.' escaped in the regex.
bool safe_name(std::string_view s) { return only(s, "._/-"); }

std::string regex_literal(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '.') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

Emitted emit_tftpd_defaults(const TftpdSettings& s) {
  Emitted e;
  auto bad = [&](std::size_t n, std::string code, std::string msg) {
    e.problems.push_back({std::move(code), std::move(msg), {Location::Kind::TftpdSetting, n}, {}});
  };
  if (s.username.empty() || !only(s.username, "_-") || s.username.front() == '-')
    bad(0, "invalid-tftp-user", "the TFTP user name may contain letters, digits, '_' and '-' only");
  if (!safe_path(s.directory))
    bad(1, "invalid-tftp-directory",
        "the TFTP directory must be an absolute path without blanks, quotes, '..' or glob characters");
  if (s.address.empty() || !only(s.address, ".:[]"))
    bad(2, "invalid-tftp-address", "the TFTP address must look like 10.34.1.6:69, :69 or [::]:69");
  if (s.map_file && !safe_path(*s.map_file))
    bad(3, "invalid-tftp-map-file",
        "the remap file must be an absolute path without blanks, quotes, '..' or glob characters");
  if (!e.ok()) return e;
  std::string options = "--secure";
  if (s.map_file) options += " --map-file " + *s.map_file;
  e.text = "# /etc/default/tftpd-hpa written by phonec\n"
           "TFTP_USERNAME=" + sh_quote(s.username) + "\n"
           "TFTP_DIRECTORY=" + sh_quote(s.directory) + "\n"
           "TFTP_ADDRESS=" + sh_quote(s.address) + "\n"
           "TFTP_OPTIONS=" + sh_quote(options) + "\n";
  return e;
}

Emitted emit_tftpd_remap(const std::vector<RemapRule>& rules) {
  Emitted e;
  std::string out = "# tftpd-hpa filename remapping written by phonec (tftpd --map-file)\n";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    Location at{Location::Kind::RemapRule, i};
    if (r.kind == RemapRule::Kind::MacCase) {
      if (!safe_name(r.prefix) || !safe_name(r.suffix)) {
        e.problems.push_back({"invalid-remap-name", "remap names may contain letters, digits, '.', '_', '/' and '-' only", at, {}});
        continue;
      }
      out += "re ^/?" + regex_literal(r.prefix) + "([0-9A-Fa-f]{12})" + regex_literal(r.suffix) + "$ " + r.prefix +
             (r.written == RemapRule::Case::Lower ? "\\L" : "\\U") + "\\1\\E" + r.suffix + "\n";
    } else {
      if (r.from.empty() || r.to.empty() || !safe_name(r.from) || !safe_name(r.to)) {
        e.problems.push_back({"invalid-remap-name", "remap names may contain letters, digits, '.', '_', '/' and '-' only", at, {}});
        continue;
      }
      out += "re ^/?" + regex_literal(r.from) + "$ " + r.to + "\n";
    }
  }
  if (e.ok()) e.text = std::move(out);
  return e;
}

}  // namespace phonec::dhcp
