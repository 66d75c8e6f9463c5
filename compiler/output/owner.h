// The owner of an output file, as the manifest and the collision messages name it.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace phonec::output {

// Who a file belongs to: one device, or the site ("shared"). Kept as the MAC's six bytes rather
// than its text (a heap string per file at a million files); printed where it is shown.
class Owner {
 public:
  static constexpr std::size_t kMaxText = 17;  // "00:15:65:aa:bb:cc"
  Owner() = default;  // no owner: printed as ""
  // From "shared" or a normalised MAC ("00:15:65:aa:bb:cc"); anything else is no owner (a device
  // always has a normalised MAC once checked). Implicit: `f.device = d.mac` reads as it did.
  Owner(std::string_view text);
  Owner(const std::string& text) : Owner(std::string_view(text)) {}
  Owner(const char* text) : Owner(std::string_view(text)) {}
  static Owner shared() { return Owner("shared"); }

  bool is_shared() const { return kind_ == Kind::Shared; }
  bool is_device() const { return kind_ == Kind::Mac; }
  // The text into `buf` (at least kMaxText bytes); the view is of `buf` or a literal.
  std::string_view text(char* buf) const;
  std::string str() const;
  bool operator==(const Owner&) const = default;

 private:
  enum class Kind : std::uint8_t { None, Shared, Mac };
  std::array<std::uint8_t, 6> mac_{};
  Kind kind_ = Kind::None;
};

}  // namespace phonec::output
