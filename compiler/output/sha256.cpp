#include "output/sha256.h"

#include <openssl/evp.h>

#include "text/hex.h"

namespace phonec::output {
namespace {

// Fetched once: an implicit fetch per call would take a lock in the provider table for each of a
// million small files.
const EVP_MD* sha256_md() {
  static const EVP_MD* md = [] {
    const EVP_MD* m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return m ? m : EVP_sha256();
  }();
  return md;
}

}  // namespace

void Digest::hex_into(char* out) const {
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 0xf];
  }
}

std::string Digest::hex() const {
  std::string out(kHexSize, '0');
  hex_into(out.data());
  return out;
}

std::optional<Digest> Digest::from_hex(std::string_view hex) {
  if (hex.size() != kHexSize) return std::nullopt;
  Digest d;
  for (std::size_t i = 0; i < d.bytes.size(); ++i) {
    int hi = text::hex_digit(hex[2 * i]), lo = text::hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    d.bytes[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return d;
}

Digest sha256(std::string_view bytes) {
  Digest d;
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), d.bytes.data(), &len, sha256_md(), nullptr);
  return d;
}

std::string sha256_hex(std::string_view bytes) { return sha256(bytes).hex(); }

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, sha256_md(), nullptr); }
Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }
void Sha256::update(std::string_view bytes) { EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()); }
Digest Sha256::digest() {
  Digest d;
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx_, d.bytes.data(), &len);
  return d;
}
std::string Sha256::hex_digest() { return digest().hex(); }

}  // namespace phonec::output
