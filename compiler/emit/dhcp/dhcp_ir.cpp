#include "emit/dhcp/dhcp_ir.h"

#include "emit/dhcp/encode.h"

namespace phonec::dhcp {

Value Value::of_text(std::string s) {
  Value v;
  v.kind = Kind::Text;
  v.text = std::move(s);
  return v;
}
Value Value::of_ips(std::vector<std::string> ips) {
  Value v;
  v.kind = Kind::Ips;
  v.ips = std::move(ips);
  return v;
}
Value Value::of_integer(std::int64_t i) {
  Value v;
  v.kind = Kind::Integer;
  v.integer = i;
  return v;
}
Value Value::of_boolean(bool b) {
  Value v;
  v.kind = Kind::Boolean;
  v.boolean = b;
  return v;
}
Value Value::of_bytes(std::vector<std::uint8_t> b) {
  Value v;
  v.kind = Kind::Bytes;
  v.bytes = std::move(b);
  return v;
}
Value Value::of_sub_options(std::vector<SubOptionValue> subs) {
  Value v;
  v.kind = Kind::SubOptions;
  v.sub_options = std::move(subs);
  return v;
}

// Spelled out: a defaulted comparison would need SubOptionValue complete where Value is defined.
bool Value::operator==(const Value& o) const {
  return kind == o.kind && text == o.text && ips == o.ips && integer == o.integer && boolean == o.boolean &&
         bytes == o.bytes && sub_options == o.sub_options;
}

namespace {
const HostProfile kNoProfile;
}

const std::string& Host::model() const { return (profile ? *profile : kNoProfile).model; }
const std::vector<OptionValue>& Host::options() const { return (profile ? *profile : kNoProfile).options; }

void Host::set_mac(std::string_view text) {
  auto m = parse_mac(text);
  mac_valid = m.has_value();
  mac = m.value_or(Mac{});
}

void Host::set_fixed_ip(std::string_view text) {
  auto a = parse_ipv4(text);
  ip = a ? Ip::Fixed : Ip::Invalid;
  fixed_ip = a.value_or(Ipv4{});
}

void Host::append_name(std::string& out) const {
  out += "phone-";
  append_mac(out, mac, 0);
}

std::string Host::name() const {
  std::string out;
  append_name(out);
  return out;
}

HostProfile& Host::own_profile() {
  if (!profile || profile.use_count() > 1) profile = std::make_shared<HostProfile>(profile ? *profile : HostProfile{});
  // Made here (or by its creator) as a non-const HostProfile that no other host shares.
  return const_cast<HostProfile&>(*profile);
}

}  // namespace phonec::dhcp
