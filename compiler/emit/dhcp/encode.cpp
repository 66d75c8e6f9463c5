#include "emit/dhcp/encode.h"

#include "emit/dhcp/catalogue.h"

namespace phonec::dhcp {

std::optional<Ipv4> parse_ipv4(std::string_view s) {
  Ipv4 out{};
  std::size_t part = 0, i = 0;
  while (true) {
    std::size_t start = i;
    unsigned value = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 3) value = value * 10 + (s[i++] - '0');
    std::size_t len = i - start;
    if (len == 0 || value > 255 || (len > 1 && s[start] == '0')) return std::nullopt;
    out[part++] = static_cast<std::uint8_t>(value);
    if (part == 4) break;
    if (i >= s.size() || s[i] != '.') return std::nullopt;
    ++i;
  }
  if (i != s.size()) return std::nullopt;
  return out;
}

std::string format_ipv4(const Ipv4& a) {
  std::string out;
  append_ipv4(out, a);
  return out;
}

void append_ipv4(std::string& out, const Ipv4& a) {
  char buf[16];
  char* p = buf;
  for (int i = 0; i < 4; ++i) {
    unsigned v = a[i];
    if (i) *p++ = '.';
    if (v >= 100) *p++ = static_cast<char>('0' + v / 100);
    if (v >= 10) *p++ = static_cast<char>('0' + v / 10 % 10);
    *p++ = static_cast<char>('0' + v % 10);
  }
  out.append(buf, p);
}

std::uint32_t to_u32(const Ipv4& a) {
  return (std::uint32_t{a[0]} << 24) | (std::uint32_t{a[1]} << 16) | (std::uint32_t{a[2]} << 8) | a[3];
}

std::string hex(const Bytes& b, std::string_view sep) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(b.size() * (2 + sep.size()));
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i) out += sep;
    out += digits[b[i] >> 4];
    out += digits[b[i] & 15];
  }
  return out;
}

namespace {

EncodeError kind_error(OptionType t) {
  return {"value-type-mismatch", std::string("value does not fit type ") + type_name(t), std::nullopt};
}

void put_be(Bytes& out, std::uint64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::variant<Bytes, EncodeError> integer(const Value& v, OptionType t, std::int64_t lo, std::int64_t hi,
                                         int width) {
  if (v.kind != Value::Kind::Integer) return kind_error(t);
  if (v.integer < lo || v.integer > hi)
    return EncodeError{"integer-out-of-range",
                       "integer " + std::to_string(v.integer) + " is out of range for " + type_name(t) +
                           " (" + std::to_string(lo) + ".." + std::to_string(hi) + ")",
                       std::nullopt};
  Bytes out;
  put_be(out, static_cast<std::uint64_t>(v.integer), width);
  return out;
}

}  // namespace

std::variant<Bytes, EncodeError> encode_scalar(OptionType t, const Value& v) {
  switch (t) {
    case OptionType::Text: {
      if (v.kind != Value::Kind::Text) return kind_error(t);
      if (v.text.find('\0') != std::string::npos)
        return EncodeError{"text-contains-nul", "text contains a NUL byte, which DHCP servers cut at",
                           std::nullopt};
      return Bytes(v.text.begin(), v.text.end());
    }
    case OptionType::IpAddress:
    case OptionType::IpAddressArray: {
      if (v.kind != Value::Kind::Ips) return kind_error(t);
      if (v.ips.empty() || (t == OptionType::IpAddress && v.ips.size() != 1))
        return EncodeError{"ip-count", t == OptionType::IpAddress ? "exactly one IPv4 address expected"
                                                                  : "at least one IPv4 address expected",
                           std::nullopt};
      Bytes out;
      for (const auto& s : v.ips) {
        auto a = parse_ipv4(s);
        if (!a) return EncodeError{"invalid-ipv4", "invalid IPv4 address", std::nullopt};
        out.insert(out.end(), a->begin(), a->end());
      }
      return out;
    }
    case OptionType::UInt8: return integer(v, t, 0, 255, 1);
    case OptionType::UInt16: return integer(v, t, 0, 65535, 2);
    case OptionType::UInt32: return integer(v, t, 0, 4294967295LL, 4);
    case OptionType::Int32: return integer(v, t, -2147483648LL, 2147483647LL, 4);
    case OptionType::Boolean:
      if (v.kind != Value::Kind::Boolean) return kind_error(t);
      return Bytes{static_cast<std::uint8_t>(v.boolean ? 1 : 0)};
    case OptionType::Binary:
      if (v.kind != Value::Kind::Bytes) return kind_error(t);
      return v.bytes;
    case OptionType::Encapsulated:
      return EncodeError{"nested-encapsulation", "a sub-option cannot itself be encapsulated", std::nullopt};
  }
  return kind_error(t);
}

std::variant<Bytes, EncodeError> encode(const OptionDef& def, const Value& v) {
  std::variant<Bytes, EncodeError> result;
  if (def.type != OptionType::Encapsulated) {
    result = encode_scalar(def.type, v);
  } else {
    if (v.kind != Value::Kind::SubOptions) return kind_error(def.type);
    Bytes out;
    for (std::size_t i = 0; i < v.sub_options.size(); ++i) {
      const auto& sv = v.sub_options[i];
      const SubOptionDef* sd = nullptr;
      for (const auto& d : def.sub_options)
        if (d.code == sv.code) sd = &d;
      if (!sd)
        return EncodeError{"unknown-sub-option",
                           "sub-option " + std::to_string(sv.code) + " is not defined for option " +
                               std::to_string(def.code),
                           i};
      if (sv.code == 0 || sv.code == 255)
        return EncodeError{"reserved-sub-option", "sub-option codes 0 (pad) and 255 (end) are reserved", i};
      auto b = encode_scalar(sd->type, sv.value);
      if (auto* e = std::get_if<EncodeError>(&b)) {
        e->sub_option = i;
        return *e;
      }
      auto& bytes = std::get<Bytes>(b);
      if (bytes.size() > 255)
        return EncodeError{"sub-option-too-long",
                           "sub-option " + std::to_string(sv.code) + " is " + std::to_string(bytes.size()) +
                               " bytes; at most 255 fit",
                           i};
      out.push_back(sv.code);
      out.push_back(static_cast<std::uint8_t>(bytes.size()));
      out.insert(out.end(), bytes.begin(), bytes.end());
    }
    result = std::move(out);
  }
  if (auto* b = std::get_if<Bytes>(&result); b && b->size() > 255)
    return EncodeError{def.type == OptionType::Text ? "text-too-long" : "option-too-long",
                       "option " + std::to_string(def.code) + " would be " + std::to_string(b->size()) +
                           " bytes; at most 255 fit",
                       std::nullopt};
  return result;
}

std::vector<std::pair<std::uint64_t, std::size_t>> hosts_by_mac(const Config& cfg) {
  std::vector<std::pair<std::uint64_t, std::size_t>> hosts;
  hosts.reserve(cfg.hosts.size());
  for (std::size_t i = 0; i < cfg.hosts.size(); ++i) hosts.emplace_back(mac_key(cfg.hosts[i].mac), i);
  if (!std::is_sorted(hosts.begin(), hosts.end())) std::sort(hosts.begin(), hosts.end());
  return hosts;
}

}  // namespace phonec::dhcp
