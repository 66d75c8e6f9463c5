// JSON-RPC 2.0 messages framed as LSP frames them: "Content-Length: N\r\n\r\n" then N bytes.
#pragma once
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace phonec::lsp {

using nlohmann::json;

enum class ReadStatus { Ok, End, BadFrame, BadJson };

struct Incoming {
  ReadStatus status = ReadStatus::End;
  json message;
};

// Reads one frame. A frame larger than kMaxFrame is skipped and reported as BadFrame.
Incoming read_message(std::istream& in);
void write_message(std::ostream& out, const json& message);

inline constexpr std::size_t kMaxFrame = 64u << 20;

}  // namespace phonec::lsp
