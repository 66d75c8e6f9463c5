// SHA-256 through OpenSSL's EVP interface, as lower-case hex (the manifest's and sha256sum's form).
#pragma once
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace phonec::output {

std::string sha256_hex(std::string_view bytes);

// The same over bytes given in pieces.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  std::string hex_digest();  // once

 private:
  ::evp_md_ctx_st* ctx_;
};

}  // namespace phonec::output
