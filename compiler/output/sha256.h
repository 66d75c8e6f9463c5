// SHA-256 through OpenSSL's EVP interface, as lower-case hex (the manifest's and sha256sum's form).
#pragma once
#include <string>
#include <string_view>

namespace phonec::output {

std::string sha256_hex(std::string_view bytes);

}  // namespace phonec::output
