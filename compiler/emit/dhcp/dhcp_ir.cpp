#include "emit/dhcp/dhcp_ir.h"

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

}  // namespace phonec::dhcp
