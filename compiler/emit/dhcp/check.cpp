#include "emit/dhcp/check.h"

#include <array>
#include <cstring>
#include <map>
#include <set>
#include <string_view>
#include <type_traits>
#include <utility>

#include "emit/dhcp/catalogue.h"
#include "emit/dhcp/encode.h"

namespace phonec::dhcp {
namespace {

// Letters and digits by byte: one load per character (names and models are checked for every
// host on every check run); the rarer punctuation is looked up in `extra`.
constexpr std::array<bool, 256> kAlnum = [] {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  return t;
}();

bool all_of(std::string_view s, std::string_view extra, std::size_t max) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s)
    if (!kAlnum[static_cast<unsigned char>(c)] && extra.find(c) == std::string_view::npos) return false;
  return true;
}

// True when encode(def, v) would succeed, found without building the payload; false means "ask
// encode()", which then names the problem. Only the types phones send on every host are covered.
bool encodes(const OptionDef& def, const Value& v) {
  switch (def.type) {
    case OptionType::Text:
      return v.kind == Value::Kind::Text && v.text.size() <= 255 &&
             std::memchr(v.text.data(), 0, v.text.size()) == nullptr;
    case OptionType::IpAddress:
    case OptionType::IpAddressArray:
      if (v.kind != Value::Kind::Ips || v.ips.empty() || v.ips.size() > 63) return false;
      if (def.type == OptionType::IpAddress && v.ips.size() != 1) return false;
      for (const auto& ip : v.ips)
        if (!parse_ipv4(ip)) return false;
      return true;
    default: return false;
  }
}

// Which index first had each key: open addressing in one block sized for `n` keys up front (a
// node per host was most of what the duplicate checks cost). Keys are mixed by a multiplicative
// hash, so no run of similar MACs or addresses piles into one probe chain.
template <class Key>
class FirstSeen {
 public:
  explicit FirstSeen(std::size_t n) {
    while ((std::size_t{1} << bits_) < 2 * n) ++bits_;
    slots_.resize(std::size_t{1} << bits_);
  }
  // The index that first had `key` and false, or `index` and true when `key` is new.
  std::pair<std::size_t, bool> emplace(const Key& key, std::size_t index) {
    std::size_t mask = slots_.size() - 1;
    for (std::size_t at = spread(key); ; at = (at + 1) & mask) {
      Slot& s = slots_[at];
      if (!s.used) {
        s = Slot{key, index, true};
        return {index, true};
      }
      if (s.key == key) return {s.index, false};
    }
  }

 private:
  struct Slot {
    Key key{};
    std::size_t index = 0;
    bool used = false;
  };
  std::size_t spread(const Key& key) const {
    std::uint64_t h;
    if constexpr (std::is_integral_v<Key>)
      h = static_cast<std::uint64_t>(key);
    else
      h = std::hash<Key>{}(key);
    return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ull) >> (64 - bits_));
  }
  unsigned bits_ = 4;
  std::vector<Slot> slots_;
};

struct Checker {
  const Config& cfg;
  std::vector<Problem> out;

  void add(std::string code, std::string message, Location where, std::optional<Location> related = {}) {
    out.push_back(Problem{std::move(code), std::move(message), where, related});
  }

  void option_defs() {
    std::map<int, std::size_t> seen;
    for (std::size_t i = 0; i < cfg.option_defs.size(); ++i) {
      const auto& d = cfg.option_defs[i];
      Location at{Location::Kind::OptionDef, i};
      std::string what = "option " + std::to_string(d.code);
      if (auto [it, fresh] = seen.emplace(d.code, i); !fresh)
        add("duplicate-option-def", what + " is defined twice", at,
            Location{Location::Kind::OptionDef, it->second});
      if (d.code == 0 || d.code == 255)
        add("reserved-option-code", "option codes 0 (pad) and 255 (end) cannot be used", at);
      if (!is_option_name(d.name))
        add("invalid-option-name", what + " needs a name made of letters, digits, '-' and '_'", at);
      if (auto s = standard_option(d.code); s && s->type != d.type)
        add("builtin-type-conflict",
            what + " is " + type_name(d.type) + " here but the servers know it as " + type_name(s->type), at);
      if (d.type != OptionType::Encapsulated && !d.sub_options.empty())
        add("sub-options-not-encapsulated", what + " has sub-options but is not encapsulated", at);
      std::set<int> subs;
      for (const auto& s : d.sub_options) {
        if (!subs.insert(s.code).second)
          add("duplicate-sub-option-def", what + " defines sub-option " + std::to_string(s.code) + " twice", at);
        if (s.code == 0 || s.code == 255)
          add("reserved-sub-option", "sub-option codes 0 (pad) and 255 (end) are reserved", at);
        if (s.type == OptionType::Encapsulated)
          add("nested-encapsulation", "a sub-option cannot itself be encapsulated", at);
      }
    }
  }

  void option_values(const std::vector<OptionValue>& options, Location::Kind kind, std::size_t index) {
    // The first index + 1 of each code given so far (0: not given).
    std::array<std::uint32_t, 256> seen{};
    for (std::size_t j = 0; j < options.size(); ++j) {
      const auto& ov = options[j];
      Location at{kind, index, j};
      if (std::uint32_t& first = seen[ov.code]; first != 0)
        add("duplicate-option", "option " + std::to_string(ov.code) + " is given twice", at,
            Location{kind, index, first - 1});
      else
        first = static_cast<std::uint32_t>(j + 1);
      const OptionDef* def = find_def(cfg, ov.code);
      if (!def) {
        add("undefined-option", "option " + std::to_string(ov.code) + " has no definition", at);
        continue;
      }
      if (encodes(*def, ov.value)) continue;
      auto r = encode(*def, ov.value);
      if (auto* e = std::get_if<EncodeError>(&r)) {
        Location where = at;
        where.sub_option = e->sub_option;
        add(e->code, "option " + std::to_string(ov.code) + " (" + def->name + "): " + e->message, where);
      }
    }
  }

  void classes() {
    std::map<std::string, std::size_t> names;
    for (std::size_t i = 0; i < cfg.classes.size(); ++i) {
      const auto& c = cfg.classes[i];
      Location at{Location::Kind::Class, i};
      if (!is_class_name(c.name))
        add("invalid-class-name", "vendor class names are made of letters, digits, '.', '-' and '_'", at);
      else if (auto [it, fresh] = names.emplace(c.name, i); !fresh)
        add("duplicate-class", "vendor class " + c.name + " is defined twice", at,
            Location{Location::Kind::Class, it->second});
      if (c.vci_prefix.empty())
        add("empty-vci-prefix", "the vendor-class-identifier prefix is empty", at);
      else if (c.vci_prefix.size() > 255)
        add("vci-prefix-too-long", "the vendor-class-identifier prefix is longer than 255 bytes", at);
      else if (c.vci_prefix.find('\0') != std::string::npos)
        add("text-contains-nul", "the vendor-class-identifier prefix contains a NUL byte", at);
      option_values(c.options, Location::Kind::Class, i);
    }
  }

  std::optional<std::pair<std::uint32_t, std::uint32_t>> subnet_bounds() const {
    if (!cfg.subnet) return std::nullopt;
    auto n = parse_ipv4(cfg.subnet->network), m = parse_ipv4(cfg.subnet->netmask);
    if (!n || !m) return std::nullopt;
    return std::pair{to_u32(*n), to_u32(*m)};
  }

  void hosts() {
    // Keyed by the addresses' bits: nothing is formatted unless it is reported.
    FirstSeen<std::uint64_t> macs(cfg.hosts.size());
    FirstSeen<std::uint32_t> ips(cfg.hosts.size());
    auto bounds = subnet_bounds();
    for (std::size_t i = 0; i < cfg.hosts.size(); ++i) {
      const auto& h = cfg.hosts[i];
      Location at{Location::Kind::Host, i};
      if (!h.mac_valid) {
        add("invalid-mac", "invalid MAC address", at);
      } else if (auto [first, fresh] = macs.emplace(mac_key(h.mac), i); !fresh) {
        // The name is made of the MAC: a repeated MAC repeats the name.
        add("duplicate-host-name", "host name " + h.name() + " is used twice", at,
            Location{Location::Kind::Host, first});
        add("duplicate-mac", "MAC address " + format_mac(h.mac) + " is used by two devices", at,
            Location{Location::Kind::Host, first});
      }
      if (!h.model().empty() && !all_of(h.model(), "._-", 100))
        add("invalid-model-name", "model names are made of letters, digits, '.', '-' and '_'", at);
      if (h.ip == Host::Ip::Invalid) {
        add("invalid-ipv4", "invalid fixed IPv4 address", at);
      } else if (h.ip == Host::Ip::Fixed) {
        const std::uint32_t ip = to_u32(h.fixed_ip);
        if (auto [first, fresh] = ips.emplace(ip, i); !fresh)
          add("duplicate-ip", "fixed address " + format_ipv4(h.fixed_ip) + " is given to two devices", at,
              Location{Location::Kind::Host, first});
        if (bounds && (ip & bounds->second) != bounds->first)
          add("ip-outside-subnet",
              "fixed address " + format_ipv4(h.fixed_ip) + " is outside the subnet " + cfg.subnet->network + "/" +
                  cfg.subnet->netmask,
              at);
      }
      option_values(h.options(), Location::Kind::Host, i);
    }
  }

  void subnet() {
    if (!cfg.subnet) return;
    const auto& s = *cfg.subnet;
    Location at{Location::Kind::Subnet, 0};
    auto n = parse_ipv4(s.network), m = parse_ipv4(s.netmask);
    if (!n) add("invalid-ipv4", "invalid subnet address", at);
    if (!m) add("invalid-ipv4", "invalid netmask", at);
    if (!n || !m) return;
    std::uint32_t mask = to_u32(*m);
    if ((~mask & (~mask + 1)) != 0 || mask == 0)
      add("invalid-netmask", "the netmask " + s.netmask + " is not a contiguous prefix", at);
    if ((to_u32(*n) & ~mask) != 0)
      add("subnet-host-bits", "the subnet address " + s.network + " has host bits set", at);
    auto in_subnet = [&](const std::string& ip, const char* what) -> std::optional<std::uint32_t> {
      auto a = parse_ipv4(ip);
      if (!a) {
        add("invalid-ipv4", std::string("invalid ") + what + " address", at);
        return std::nullopt;
      }
      if ((to_u32(*a) & mask) != (to_u32(*n) & mask)) {
        add("ip-outside-subnet", std::string("the ") + what + " address " + ip + " is outside the subnet", at);
        return std::nullopt;
      }
      return to_u32(*a);
    };
    auto lo = in_subnet(s.range_start, "range start"), hi = in_subnet(s.range_end, "range end");
    if (lo && hi && *lo > *hi) add("empty-range", "the range starts after it ends", at);
    for (const auto& r : s.routers) in_subnet(r, "router");
    for (const auto* list : {&s.ntp_servers, &s.dns_servers})
      for (const auto& ip : *list)
        if (!parse_ipv4(ip)) add("invalid-ipv4", "invalid server address", at);
    if (!s.domain_name.empty() && !all_of(s.domain_name, ".-", 253))
      add("invalid-domain-name", "the domain name may contain letters, digits, '.' and '-' only", at);
  }
};

}  // namespace

bool is_option_name(std::string_view s) {
  return all_of(s, "_-", 63) && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'));
}
bool is_class_name(std::string_view s) { return all_of(s, "._-", 63); }

const OptionDef* find_def(const Config& config, std::uint8_t code) {
  for (const auto& d : config.option_defs)
    if (d.code == code) return &d;
  return nullptr;
}

std::vector<Problem> check(const Config& config) {
  Checker c{config, {}};
  c.option_defs();
  c.classes();
  c.hosts();
  c.subnet();
  return std::move(c.out);
}

}  // namespace phonec::dhcp
