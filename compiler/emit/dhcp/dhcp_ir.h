// The DHCP/TFTP intermediate representation: what the front end hands to the DHCP and tftpd-hpa
// emitters. It is plain data, server-neutral; each emitter owns its own quoting and refuses what
// its server cannot carry.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/mac.h"

namespace phonec::dhcp {

using Ipv4 = std::array<std::uint8_t, 4>;
using text::Mac;

enum class OptionType {
  Text,            // bytes sent as-is (no NUL); at most 255 of them
  IpAddress,       // one dotted-quad IPv4 address
  IpAddressArray,  // one or more IPv4 addresses
  UInt8,
  UInt16,
  UInt32,
  Int32,
  Boolean,
  Binary,        // raw bytes
  Encapsulated,  // sub-option TLVs (option 43 vendor sub-options): code, length, data
};

// A sub-option of an encapsulated option (e.g. Yealink's 43.1 = URL). Its type is a scalar type:
// never Encapsulated.
struct SubOptionDef {
  std::uint8_t code = 0;
  std::string name;
  OptionType type = OptionType::Text;
};

// An option definition. The *_name fields say under which name each server already knows the
// code; an empty name means the emitter must declare it (dhcpd `option NAME code N = T;`, Kea
// `option-def`). dnsmasq needs no name: it is always given the number, which also keeps it from
// re-typing a value by its own idea of the option. `standard_option(code)` in catalogue.h fills
// the names for the codes phones use.
struct OptionDef {
  std::uint8_t code = 0;
  std::string name;  // used when the option must be declared: [a-z0-9-]+, starting with a letter
  OptionType type = OptionType::Text;
  std::vector<SubOptionDef> sub_options;  // Encapsulated only
  std::string dhcpd_name;
  std::string kea_name;
};

struct SubOptionValue;

// A value given to an option; which member is read depends on the option's (or sub-option's)
// type: Text -> text; IpAddress/IpAddressArray -> ips; integers -> integer; Boolean -> boolean;
// Binary -> bytes; Encapsulated -> sub_options.
struct Value {
  enum class Kind { Text, Ips, Integer, Boolean, Bytes, SubOptions };
  Kind kind = Kind::Text;
  std::string text;
  std::vector<std::string> ips;  // dotted quads; validated by check()
  std::int64_t integer = 0;
  bool boolean = false;
  std::vector<std::uint8_t> bytes;
  std::vector<SubOptionValue> sub_options;

  static Value of_text(std::string s);
  static Value of_ips(std::vector<std::string> ips);
  static Value of_integer(std::int64_t v);
  static Value of_boolean(bool b);
  static Value of_bytes(std::vector<std::uint8_t> b);
  static Value of_sub_options(std::vector<SubOptionValue> subs);
  bool operator==(const Value&) const;
};

struct SubOptionValue {
  std::uint8_t code = 0;
  Value value;
  bool operator==(const SubOptionValue&) const = default;
};

struct OptionValue {
  std::uint8_t code = 0;
  Value value;
  // The phone does not put this code in its parameter request list: send it anyway.
  bool force = false;
  bool operator==(const OptionValue&) const = default;
};

// Phones whose vendor-class-identifier (option 60) starts with `vci_prefix` get `options`.
struct VendorClass {
  std::string name;  // [A-Za-z0-9._-]+, unique
  std::string vci_prefix;
  std::vector<OptionValue> options;
};

// What the hosts of one model mostly have in common: a site's devices of a model (and site) get
// the same option values, so hosts point at one immutable profile instead of each holding a copy.
struct HostProfile {
  std::string model;  // e.g. yealink.T46S; informative (a comment), [A-Za-z0-9._-]*
  std::vector<OptionValue> options;
};

// A device: 32 bytes, its MAC and address as bytes (a site has a million); its name is its MAC's.
struct Host {
  enum class Ip : std::uint8_t { None, Fixed, Invalid };
  Mac mac{};
  bool mac_valid = true;  // false: set_mac() was given something else (check() reports it)
  Ip ip = Ip::None;
  Ipv4 fixed_ip{};                             // with Ip::Fixed
  std::shared_ptr<const HostProfile> profile;  // may be shared with other hosts; null: none

  // 001565aabbcc, 00:15:65:AA:BB:CC or 00-15-65-aa-bb-cc (one separator style throughout).
  void set_mac(std::string_view text);
  // A strict dotted quad; anything else is kept as Ip::Invalid, for check() to report.
  void set_fixed_ip(std::string_view text);
  // The dhcpd host identifier: "phone-" and the MAC's 12 hex digits (unique as the MAC is).
  void append_name(std::string& out) const;
  std::string name() const;

  const std::string& model() const;
  const std::vector<OptionValue>& options() const;
  // The profile to change, copied first unless this host is its only user (for configurations
  // built by hand; a shared profile is never changed under its other hosts).
  HostProfile& own_profile();
};

// The test LAN of `phonec lab`.
struct Subnet {
  std::string network;  // 10.34.1.0
  std::string netmask;  // 255.255.255.0
  std::string range_start, range_end;
  std::vector<std::string> routers;
  std::vector<std::string> ntp_servers;
  std::string domain_name;  // may be empty
  std::vector<std::string> dns_servers;
};

struct Config {
  std::vector<OptionDef> option_defs;  // every code used by a class or a host
  std::vector<VendorClass> classes;
  std::vector<Host> hosts;
  std::optional<Subnet> subnet;
};

// Where a problem is, by index into Config, so the caller can attach its own source ranges.
struct Location {
  enum class Kind { OptionDef, Class, Host, Subnet, TftpdSetting, RemapRule };
  Kind kind = Kind::Host;
  // into option_defs / classes / hosts / remap rules; 0 for Subnet; for TftpdSetting 0 = user,
  // 1 = directory, 2 = address, 3 = map file
  std::size_t index = 0;
  std::optional<std::size_t> option;      // index into that element's options
  std::optional<std::size_t> sub_option;  // index into that option value's sub_options
  Location() = default;
  Location(Kind k, std::size_t i, std::optional<std::size_t> opt = std::nullopt,
           std::optional<std::size_t> sub = std::nullopt)
      : kind(k), index(i), option(opt), sub_option(sub) {}
  bool operator==(const Location&) const = default;
};

struct Problem {
  std::string code;  // stable: "duplicate-mac", "text-too-long", ...
  std::string message;
  Location where;
  std::optional<Location> related;  // e.g. the first host with the same MAC
  bool operator==(const Problem&) const = default;
};

// What an emitter returns: the file's text, or the problems that stopped it (then text is empty).
// Takes an emitter's text in pieces of about a megabyte as it is produced (a site's server files
// are tens of megabytes); the text left in Emitted::text at the end is the last piece.
using Flush = std::function<void(std::string_view)>;
inline constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
inline void maybe_flush(std::string& out, const Flush& flush) {
  if (flush && out.size() >= kFlushBytes) {
    flush(out);
    out.clear();
  }
}

struct Emitted {
  std::string text;
  std::vector<Problem> problems;
  bool ok() const { return problems.empty(); }
};

}  // namespace phonec::dhcp
