#include "lsp/jsonrpc.h"

#include <istream>
#include <ostream>

namespace phonec::lsp {

Incoming read_message(std::istream& in) {
  std::optional<std::size_t> length;
  bool any_header = false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (any_header) break;
      continue;  // stray blank lines between frames
    }
    any_header = true;
    static const std::string kLen = "content-length:";
    if (line.size() > kLen.size()) {
      std::string head = line.substr(0, kLen.size());
      for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (head == kLen) {
        std::size_t n = 0;
        bool digits = false, ok = true;
        for (char c : line.substr(kLen.size())) {
          if (c == ' ' || c == '\t') continue;
          if (c < '0' || c > '9' || n > kMaxFrame) {
            ok = false;
            break;
          }
          n = n * 10 + static_cast<std::size_t>(c - '0');
          digits = true;
        }
        if (ok && digits) length = n;
        else length = kMaxFrame + 1;
      }
    }
  }
  if (!any_header) return {ReadStatus::End, {}};
  if (!length || *length > kMaxFrame) {
    if (length && *length != kMaxFrame + 1) in.ignore(static_cast<std::streamsize>(*length));
    return {ReadStatus::BadFrame, {}};
  }
  std::string body(*length, '\0');
  in.read(body.data(), static_cast<std::streamsize>(*length));
  if (static_cast<std::size_t>(in.gcount()) != *length) return {ReadStatus::End, {}};
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return {ReadStatus::BadJson, {}};
  return {ReadStatus::Ok, std::move(j)};
}

void write_message(std::ostream& out, const json& message) {
  std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace phonec::lsp
