#include "lsp/server.h"

#include <algorithm>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>

#include "lsp/analysis.h"
#include "lsp/features.h"
#include "lsp/jsonrpc.h"
#include "lsp/position.h"

namespace phonec::lsp {

namespace {

struct Document {
  std::string path;
  std::string text;
  std::unique_ptr<Analysis> current;
  std::unique_ptr<Analysis> last_good;  // the last analysis whose buffer parsed
  Analysis& semantic() { return current->module || !last_good ? *current : *last_good; }
};

json diagnostic_json(const Diagnostic& d, const Analysis& a, const LineIndex& li) {
  Range r = d.range.file == a.file ? d.range : Range{a.file, 0, 0};
  json out = {{"range", li.range(r.begin, r.end)},
              {"severity", d.severity == Severity::Error ? 1 : d.severity == Severity::Warning ? 2 : 3},
              {"code", d.code}, {"source", "phonec"}, {"message", d.message}};
  json related = json::array();
  for (const Note& n : d.notes) {
    if (!n.range.valid() || n.range.file >= a.sm.size()) continue;
    const SourceFile& f = a.sm.get(n.range.file);
    LineIndex nli(f.text());
    related.push_back({{"location", {{"uri", path_to_uri(f.path())}, {"range", nli.range(n.range.begin, n.range.end)}}},
                       {"message", n.message}});
  }
  if (!related.empty()) out["relatedInformation"] = related;
  return out;
}

class Server {
 public:
  Server(std::ostream& out, std::filesystem::path data) : out_(out), data_(std::move(data)) {}

  // Returns the exit status once the client says "exit".
  std::optional<int> handle(const json& msg) {
    if (!msg.is_object() || !msg.contains("method") || !msg["method"].is_string()) {
      if (msg.is_object() && msg.contains("id")) error(msg["id"], -32600, "not a request");
      return std::nullopt;
    }
    std::string method = msg["method"];
    json params = msg.value("params", json::object());
    bool request = msg.contains("id");
    json id = request ? msg["id"] : json(nullptr);
    if (method == "exit") return shutdown_ ? 0 : 1;
    if (!initialized_ && method != "initialize") {
      if (request) error(id, -32002, "the server is not initialized");
      return std::nullopt;
    }
    try {
      if (method == "initialize") {
        initialized_ = true;
        reply(id, {{"capabilities",
                    {{"textDocumentSync", {{"openClose", true}, {"change", 1}}},
                     {"hoverProvider", true},
                     {"definitionProvider", true},
                     {"documentSymbolProvider", true},
                     {"completionProvider", {{"triggerCharacters", {".", "\"", ":"}}}}}},
                   {"serverInfo", {{"name", "phonec"}, {"version", PHONEC_VERSION}}}});
      } else if (method == "shutdown") {
        shutdown_ = true;
        reply(id, nullptr);
      } else if (method == "textDocument/didOpen") {
        const json& td = params.at("textDocument");
        update(td.at("uri").get<std::string>(), td.at("text").get<std::string>());
      } else if (method == "textDocument/didChange") {
        std::string uri = params.at("textDocument").at("uri");
        auto it = docs_.find(uri);
        std::string text = it == docs_.end() ? std::string() : it->second.text;
        // Full sync is what the server asks for; a client sending ranges anyway is served too.
        for (const json& change : params.at("contentChanges")) {
          if (!change.contains("range")) {
            text = change.at("text").get<std::string>();
            continue;
          }
          LineIndex li(text);
          const json& r = change["range"];
          std::uint32_t b = li.offset(r.at("start").at("line").get<std::int64_t>(), r.at("start").at("character").get<std::int64_t>());
          std::uint32_t e = li.offset(r.at("end").at("line").get<std::int64_t>(), r.at("end").at("character").get<std::int64_t>());
          text.replace(b, std::max(b, e) - b, change.at("text").get<std::string>());
        }
        update(uri, std::move(text));
      } else if (method == "textDocument/didClose") {
        std::string uri = params.at("textDocument").at("uri");
        docs_.erase(uri);
        notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
      } else if (method == "textDocument/hover" || method == "textDocument/definition" ||
                 method == "textDocument/completion") {
        Document* d = find(params);
        if (!d) return reply(id, nullptr), std::nullopt;
        LineIndex li(d->text);
        const json& pos = params.at("position");
        std::uint32_t off = li.offset(pos.at("line").get<std::int64_t>(), pos.at("character").get<std::int64_t>());
        if (method == "textDocument/hover") reply(id, hover(d->semantic(), d->text, off));
        else if (method == "textDocument/definition") reply(id, definition(d->semantic(), d->text, off));
        else {
          if (!library_) library_ = load_library(data_);
          reply(id, completion(d->semantic(), *library_, d->text, off));
        }
      } else if (method == "textDocument/documentSymbol") {
        Document* d = find(params);
        reply(id, d ? document_symbols(d->semantic()) : json::array());
      } else if (request) {
        error(id, -32601, "method not supported: " + method);
      }
    } catch (const std::exception& e) {
      // Malformed parameters: the client gets an error, the server keeps serving.
      if (request) error(id, -32602, std::string("invalid parameters: ") + e.what());
    }
    return std::nullopt;
  }

  void error(const json& id, int code, const std::string& message) {
    write_message(out_, {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }

 private:
  Document* find(const json& params) {
    auto it = docs_.find(params.at("textDocument").at("uri").get<std::string>());
    return it == docs_.end() ? nullptr : &it->second;
  }

  void update(const std::string& uri, std::string text) {
    Document& d = docs_[uri];
    d.path = uri_to_path(uri);
    d.text = std::move(text);
    if (d.current && d.current->module) d.last_good = std::move(d.current);
    d.current = analyze(d.path, d.text, data_);
    json diags = json::array();
    LineIndex li(d.text);
    for (const Diagnostic& x : d.current->diags.sorted(d.current->sm))
      if (x.range.file == d.current->file || !x.range.valid()) diags.push_back(diagnostic_json(x, *d.current, li));
    notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", diags}});
  }

  void reply(const json& id, const json& result) {
    write_message(out_, {{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
  }
  void notify(const std::string& method, const json& params) {
    write_message(out_, {{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }

  std::ostream& out_;
  std::filesystem::path data_;
  std::map<std::string, Document> docs_;
  std::optional<Library> library_;
  bool initialized_ = false, shutdown_ = false;
};

}  // namespace

int serve(std::istream& in, std::ostream& out, const std::filesystem::path& data_dir) {
  Server server(out, data_dir);
  for (;;) {
    Incoming m = read_message(in);
    if (m.status == ReadStatus::End) return 1;
    if (m.status != ReadStatus::Ok) {
      server.error(nullptr, -32700, m.status == ReadStatus::BadJson ? "parse error" : "bad frame");
      continue;
    }
    if (std::optional<int> status = server.handle(m.message)) return *status;
  }
}

}  // namespace phonec::lsp
