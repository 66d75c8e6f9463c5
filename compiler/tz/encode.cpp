#include "tz/encode.h"

#include "tz/vendors.h"

namespace phonec::tz {
namespace {

struct StyleName {
  Style style;
  std::string_view name;
};
constexpr StyleName kStyles[] = {
    {Style::Yealink, "yealink"}, {Style::Polycom, "polycom"},         {Style::Aastra, "aastra"},
    {Style::Cisco, "cisco"},     {Style::Snom, "snom"},               {Style::Gigaset, "gigaset"},
    {Style::Fanvil, "fanvil"},   {Style::Grandstream, "grandstream"}, {Style::Htek, "htek"},
    {Style::Olson, "olson"},
};

}  // namespace

const std::vector<Style>& all_styles() {
  static const std::vector<Style> styles = [] {
    std::vector<Style> out;
    for (const auto& s : kStyles) out.push_back(s.style);
    return out;
  }();
  return styles;
}

std::string_view style_name(Style style) {
  for (const auto& s : kStyles)
    if (s.style == style) return s.name;
  return "?";
}

std::optional<Style> parse_style(std::string_view name) {
  for (const auto& s : kStyles)
    if (s.name == name) return s.style;
  return std::nullopt;
}

std::optional<Fields> encode(const ZoneRule& zone, Style style, std::string& error) {
  switch (style) {
    case Style::Yealink: return detail::encode_yealink(zone, error);
    case Style::Polycom: return detail::encode_polycom(zone, error);
    case Style::Aastra: return detail::encode_aastra(zone, error);
    case Style::Cisco: return detail::encode_cisco(zone, error);
    case Style::Snom: return detail::encode_country_id(zone, "snom", error);
    case Style::Gigaset: return detail::encode_country_id(zone, "gigaset", error);
    case Style::Fanvil: return detail::encode_fanvil(zone, error);
    case Style::Grandstream:
    case Style::Htek: {
      auto tz = detail::posix_tz(zone, style_name(style), error);
      if (!tz) return std::nullopt;
      return Fields{{"posix_tz", *tz}};
    }
    case Style::Olson:
      // The phone carries its own tz database: the name is the whole rule, varying zones included.
      return Fields{{"timezone", zone.id}};
  }
  error = "unknown time-zone style";
  return std::nullopt;
}

}  // namespace phonec::tz
