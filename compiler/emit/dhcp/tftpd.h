// tftpd-hpa output: the /etc/default/tftpd-hpa file (DIR/tftpd-hpa) and a filename remap file.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emit/dhcp/dhcp_ir.h"

namespace phonec::dhcp {

struct TftpdSettings {
  std::string username = "tftp";
  std::string directory;  // absolute path of the served tree (DIR/tftp)
  std::string address = ":69";
  std::optional<std::string> map_file;  // absolute path of the remap file, when there are rules
};

// The defaults file, sourced by /bin/sh in the init script, which then expands the variables
// unquoted: values are single-quoted, and paths with blanks, quotes or glob characters are
// refused (they would be split or globbed there even though sourcing them is safe). Problems
// are at Location{TftpdSetting, n}: n = 0 user, 1 directory, 2 address, 3 map file.
Emitted emit_tftpd_defaults(const TftpdSettings& settings);

// Phones that ask for a file name in another case than the one we wrote.
struct RemapRule {
  enum class Kind {
    MacCase,  // "<prefix><12 hex digits in any case><suffix>" -> the digits in `written` case
    Rename,   // exactly `from` -> `to`
  };
  enum class Case { Lower, Upper };
  Kind kind = Kind::MacCase;
  std::string prefix, suffix;  // MacCase; [A-Za-z0-9._/-]*
  Case written = Case::Lower;
  std::string from, to;  // Rename; [A-Za-z0-9._/-]+
};

// A tftpd-hpa --map-file: one `re` rule per entry (replace, then stop), anchored on the whole
// name, an optional leading '/' accepted. Rules keep the given order. Problems are at
// Location{RemapRule, index}.
Emitted emit_tftpd_remap(const std::vector<RemapRule>& rules);

// POSIX sh single quoting: the shell reads it back as exactly `s`.
std::string sh_quote(std::string_view s);

}  // namespace phonec::dhcp
