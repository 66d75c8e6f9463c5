// SHA-256 through OpenSSL's EVP interface. A digest is kept as its 32 bytes (a million files'
// hashes as 64-hex strings would be a heap block of 80 bytes each) and written as lower-case hex
// (the manifest's and sha256sum's form) only where it is printed.
#pragma once
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace phonec::output {

struct Digest {
  static constexpr std::size_t kHexSize = 64;
  std::array<std::uint8_t, 32> bytes{};

  std::string hex() const;
  // The 64 hex digits into `out` (no terminator): for output written without an allocation.
  void hex_into(char* out) const;
  // From 64 hex digits (either case); nullopt for anything else.
  static std::optional<Digest> from_hex(std::string_view hex);

  // Byte order is the order of the hex text.
  friend auto operator<=>(const Digest&, const Digest&) = default;
  friend bool operator==(const Digest&, const Digest&) = default;
};

Digest sha256(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);

// The same over bytes given in pieces.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  Digest digest();           // once
  std::string hex_digest();  // once

 private:
  ::evp_md_ctx_st* ctx_;
};

}  // namespace phonec::output
