// Drives a real `phonec lsp` process through a scripted session over pipes: open a shipped
// model, edit it into an error, hover, go to definition, complete, fix, symbols, shutdown.
// (Its latency is a benchmark's question, not a test's: docs/performance.md.)
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace {
using nlohmann::json;

std::string read_file(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json pos_of(const std::string& text, const std::string& needle, std::size_t delta = 0) {
  std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  at += delta;
  std::size_t line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  std::size_t bol = text.rfind('\n', at == 0 ? 0 : at - 1);
  bol = bol == std::string::npos ? 0 : bol + 1;
  return {{"line", line}, {"character", at - bol}};
}

class Client {
 public:
  explicit Client(const std::string& data_dir = PHONEC_TEST_DIR "/..") {
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(to_child[0], 0);
      dup2(from_child[1], 1);
      close(to_child[1]);
      close(from_child[0]);
      setenv("PHONEC_DATA_DIR", data_dir.c_str(), 1);
      execl(PHONEC_BINARY, PHONEC_BINARY, "lsp", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    in_ = to_child[1];
    out_ = from_child[0];
    signal(SIGPIPE, SIG_IGN);
  }
  ~Client() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(in_);
    close(out_);
  }

  void send_raw(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = write(in_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) throw std::runtime_error("write");
      done += static_cast<std::size_t>(n);
    }
  }
  void send(const json& m) {
    std::string body = m.dump();
    send_raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  void notify(const std::string& method, const json& params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  // Sends a request, returns its response and the time it took.
  json request(const std::string& method, const json& params, double* ms = nullptr) {
    int id = ++next_id_;
    auto t0 = std::chrono::steady_clock::now();
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    for (;;) {
      json m = next();
      if (m.contains("id") && m["id"] == id) {
        if (ms) *ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        return m;
      }
      pending_.push_back(m);
    }
  }
  json diagnostics(double* ms = nullptr) {
    auto t0 = std::chrono::steady_clock::now();
    for (;;) {
      json m;
      if (!pending_.empty()) {
        m = pending_.front();
        pending_.erase(pending_.begin());
      } else {
        m = next();
      }
      if (m.value("method", "") == "textDocument/publishDiagnostics") {
        if (ms) *ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        return m["params"];
      }
    }
  }
  json next() {
    std::string head;
    while (head.find("\r\n\r\n") == std::string::npos) head += byte();
    std::size_t len = std::stoul(head.substr(head.find(':') + 1));
    std::string body;
    while (body.size() < len) body += byte();
    return json::parse(body);
  }
  int wait_exit() {
    for (int i = 0; i < 500; ++i) {
      int st = 0;
      if (waitpid(pid_, &st, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      }
      usleep(10000);
    }
    return -1;
  }

 private:
  char byte() {
    pollfd p{out_, POLLIN, 0};
    if (poll(&p, 1, 10000) <= 0) throw std::runtime_error("the server did not answer within 10 s");
    char c;
    if (read(out_, &c, 1) != 1) throw std::runtime_error("the server closed its output");
    return c;
  }
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, next_id_ = 0;
  std::vector<json> pending_;
};

const std::string kModels = PHONEC_TEST_DIR "/../models";
const std::string kStdlib = PHONEC_TEST_DIR "/../stdlib";
// The scripted session runs on a frozen copy of the Yealink T4x files (tests/lsp/fixture) so that
// its positions and symbols do not move when the shipped models evolve.
const std::string kFixture = PHONEC_TEST_DIR "/lsp/fixture";

std::string uri(const std::string& p) {
  char buf[4096];
  return "file://" + std::string(realpath(p.c_str(), buf) ? buf : p.c_str());
}

TEST(LspSession, ScriptedSessionOnAFrozenModel) {
  Client c(kFixture);
  json init = c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}});
  ASSERT_TRUE(init.contains("result")) << init.dump();
  EXPECT_EQ(init["result"]["capabilities"]["textDocumentSync"]["change"], 1);
  EXPECT_TRUE(init["result"]["capabilities"]["hoverProvider"].get<bool>());
  c.notify("initialized", json::object());

  const std::string path = kFixture + "/models" + "/yealink/t4x.phone";
  const std::string good = read_file(path);
  const std::string u = uri(path);
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", u}, {"languageId", "phone"}, {"version", 1}, {"text", good}}}});
  json d = c.diagnostics();
  EXPECT_EQ(d["uri"], u);
  EXPECT_EQ(d["diagnostics"], json::array()) << d.dump();

  // Edit into an error: an unknown field of the device record.
  std::string broken = good;
  std::size_t at = broken.find("= device.ntp;");
  ASSERT_NE(at, std::string::npos);
  broken.replace(at, 13, "= device.ntpp;");
  for (int i = 0; i < 5; ++i) {
    c.notify("textDocument/didChange", {{"textDocument", {{"uri", u}, {"version", 2 + i}}}, {"contentChanges", {{{"text", broken}}}}});
    d = c.diagnostics();
  }
  ASSERT_EQ(d["diagnostics"].size(), 1u) << d.dump();
  json diag = d["diagnostics"][0];
  EXPECT_EQ(diag["severity"], 1);
  EXPECT_NE(diag["message"].get<std::string>().find("ntpp"), std::string::npos) << diag.dump();
  EXPECT_EQ(diag["range"]["start"]["line"], pos_of(broken, "device.ntpp")["line"]);

  auto ask = [&](const std::string& method, const json& position) {
    json r = c.request(method, {{"textDocument", {{"uri", u}}}, {"position", position}});
    return r["result"];
  };

  // Hover: a record field (type and doc), a family's capacities, a model's, a function's doc.
  json h = ask("textDocument/hover", pos_of(broken, "line.display_name;", 6));
  std::string text = h["contents"]["value"];
  EXPECT_NE(text.find("**display_name**: `text`"), std::string::npos) << text;
  EXPECT_NE(text.find("the caller-ID name"), std::string::npos) << text;
  h = ask("textDocument/hover", pos_of(broken, "model yealink.T46S", 16));
  text = h["contents"]["value"];
  EXPECT_NE(text.find("**yealink.T46S** (model) — Yealink SIP-T46S"), std::string::npos) << text;
  EXPECT_NE(text.find("lines: 16, line keys: 27, expansion: 6 × 40 keys (267 keys in all)"), std::string::npos) << text;
  h = ask("textDocument/hover", pos_of(broken, "hex(device.mac)", 1));
  EXPECT_NE(h["contents"]["value"].get<std::string>().find("hex("), std::string::npos) << h.dump();

  // Definition: the parent family in another file; a stdlib record field.
  json def = ask("textDocument/definition", pos_of(broken, ": yealink.common", 5));
  EXPECT_EQ(def["uri"], uri(kFixture + "/models" + "/yealink/yealink.phone"));
  std::string ytext = read_file(kFixture + "/models" + "/yealink/yealink.phone");
  EXPECT_EQ(def["range"]["start"], pos_of(ytext, "yealink.common {"));
  def = ask("textDocument/definition", pos_of(broken, "line.display_name;", 6));
  EXPECT_EQ(def["uri"], uri(kFixture) + "/stdlib/inventory.phone");
  EXPECT_EQ(def["range"]["start"], pos_of(read_file(kStdlib + "/inventory.phone"), "display_name: text"));

  // Completion: fields after "device." and after a loop variable "line.".
  json comp = ask("textDocument/completion", pos_of(broken, "device.ntpp", 7));
  std::vector<std::string> labels;
  for (const json& item : comp["items"]) labels.push_back(item["label"]);
  for (const char* want : {"mac", "lines", "funckeys", "provisioning_url", "ntp"})
    EXPECT_NE(std::find(labels.begin(), labels.end(), want), labels.end()) << want;
  comp = ask("textDocument/completion", pos_of(broken, "line.username;", 5));
  labels.clear();
  for (const json& item : comp["items"]) labels.push_back(item["label"]);
  EXPECT_NE(std::find(labels.begin(), labels.end(), "auth_username"), labels.end());
  EXPECT_EQ(std::find(labels.begin(), labels.end(), "funckeys"), labels.end());

  json syms = c.request("textDocument/documentSymbol", {{"textDocument", {{"uri", u}}}})["result"];
  std::vector<std::string> names;
  for (const json& s : syms) names.push_back(s["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"yealink.t4x", "yealink.T41S", "yealink.T42S", "yealink.T46S", "yealink.T48S"}));

  // Half-typed input: a syntax diagnostic, and the server keeps answering.
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", u}, {"version", 20}}},
                                      {"contentChanges", {{{"text", good.substr(0, good.find("features {") + 12)}}}}});
  d = c.diagnostics();
  ASSERT_EQ(d["diagnostics"].size(), 1u) << d.dump();
  EXPECT_EQ(d["diagnostics"][0]["code"], "syntax");

  // Fixed: no diagnostics.
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", u}, {"version", 21}}}, {"contentChanges", {{{"text", good}}}}});
  d = c.diagnostics();
  EXPECT_EQ(d["diagnostics"], json::array()) << d.dump();

  json bye = c.request("shutdown", nullptr);
  EXPECT_TRUE(bye.contains("result") && bye["result"].is_null()) << bye.dump();
  c.notify("exit", nullptr);
  EXPECT_EQ(c.wait_exit(), 0);
}

TEST(LspSession, CompletesAndNavigatesASiteFile) {
  Client c;
  c.request("initialize", {{"capabilities", json::object()}});
  std::string text = "site office {\n  timezone \"Europe/\";\n  locale \"fr\";\n}\n";
  std::string u = "file:///tmp/phonec-lsp-test/site.phone";
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", u}, {"languageId", "phone"}, {"version", 1}, {"text", text}}}});
  c.diagnostics();
  json r = c.request("textDocument/completion", {{"textDocument", {{"uri", u}}}, {"position", pos_of(text, "Europe/", 7)}})["result"];
  std::vector<std::string> labels;
  for (const json& item : r["items"]) labels.push_back(item["label"]);
  EXPECT_NE(std::find(labels.begin(), labels.end(), "Europe/Paris"), labels.end());
  EXPECT_NE(std::find(labels.begin(), labels.end(), "America/Montreal"), labels.end()) << "the client filters, not the server";
  r = c.request("textDocument/completion", {{"textDocument", {{"uri", u}}}, {"position", pos_of(text, "\"fr\"", 3)}})["result"];
  labels.clear();
  for (const json& item : r["items"]) labels.push_back(item["label"]);
  EXPECT_NE(std::find(labels.begin(), labels.end(), "fr_FR"), labels.end());
  EXPECT_EQ(std::find(labels.begin(), labels.end(), "Europe/Paris"), labels.end());

  // A device's model after ":", an import's target, a model named in a string.
  text = "import \"yealink/yealink.phone\";\ndevice \"00:15:65:aa:bb:cc\" : \n";
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", u}}}, {"contentChanges", {{{"text", text}}}}});
  EXPECT_EQ(c.diagnostics()["diagnostics"][0]["code"], "syntax");
  r = c.request("textDocument/completion", {{"textDocument", {{"uri", u}}}, {"position", pos_of(text, " : ", 3)}})["result"];
  labels.clear();
  for (const json& item : r["items"]) labels.push_back(item["label"]);
  EXPECT_NE(std::find(labels.begin(), labels.end(), "yealink.T46S"), labels.end());
  EXPECT_NE(std::find(labels.begin(), labels.end(), "snom.D735"), labels.end());
  json def = c.request("textDocument/definition", {{"textDocument", {{"uri", u}}}, {"position", pos_of(text, "yealink/", 2)}})["result"];
  EXPECT_EQ(def["uri"], uri(kModels + "/yealink/yealink.phone"));
  EXPECT_EQ(def["range"]["start"], (json{{"line", 0}, {"character", 0}}));
  text = "site s { feature_codes \"wazo\"; }\nsite t { feature_codes \"w\"; }\n";
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", u}}}, {"contentChanges", {{{"text", text}}}}});
  c.diagnostics();
  r = c.request("textDocument/completion", {{"textDocument", {{"uri", u}}}, {"position", pos_of(text, "\"w\"", 2)}})["result"];
  ASSERT_EQ(r["items"].size(), 1u) << r.dump();
  EXPECT_EQ(r["items"][0]["label"], "wazo");
  json h = c.request("textDocument/hover", {{"textDocument", {{"uri", u}}}, {"position", pos_of(text, "feature_codes", 1)}})["result"];
  EXPECT_NE(h["contents"]["value"].get<std::string>().find("**feature_codes**: `text`"), std::string::npos) << h.dump();
  // A site named by a device, and a stdlib record used as a type.
  text = "site office { locale \"fr_FR\"; }\ndevice \"00:15:65:aa:bb:cc\" : yealink.T46S { site office; }\n";
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", u}}}, {"contentChanges", {{{"text", text}}}}});
  c.diagnostics();
  def = c.request("textDocument/definition", {{"textDocument", {{"uri", u}}}, {"position", pos_of(text, "site office;", 6)}})["result"];
  EXPECT_EQ(def["uri"], u);
  EXPECT_EQ(def["range"]["start"], (json{{"line", 0}, {"character", 5}}));
  h = c.request("textDocument/hover", {{"textDocument", {{"uri", u}}}, {"position", pos_of(text, "locale", 1)}})["result"];
  EXPECT_NE(h["contents"]["value"].get<std::string>().find("**locale**: `locale?`"), std::string::npos) << h.dump();
}

// Every shipped model opens, re-checks after each edit and answers a hover without an error.
// (How fast is a benchmark's question, not a test's: bench/run.sh times `phonec check` of the
// library, docs/performance.md keeps the numbers.)
TEST(LspSession, EveryShippedModelChecksClean) {
  Client c;
  c.request("initialize", {{"capabilities", json::object()}});
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(kModels))
    if (e.path().extension() == ".phone") files.push_back(e.path().string());
  ASSERT_GE(files.size(), 3u);
  for (const std::string& f : files) {
    std::string text = read_file(f), u = uri(f);
    c.notify("textDocument/didOpen", {{"textDocument", {{"uri", u}, {"version", 1}, {"text", text}}}});
    json d = c.diagnostics();
    for (const json& x : d["diagnostics"]) EXPECT_NE(x["severity"], 1) << f << ": " << x.dump();
    for (int i = 0; i < 2; ++i) {
      c.notify("textDocument/didChange", {{"textDocument", {{"uri", u}, {"version", 2 + i}}}, {"contentChanges", {{{"text", text}}}}});
      json again = c.diagnostics();
      EXPECT_EQ(again["diagnostics"], d["diagnostics"]) << f;
      json h = c.request("textDocument/hover", {{"textDocument", {{"uri", u}}}, {"position", pos_of(text, "{", 0)}});
      EXPECT_TRUE(h.contains("result")) << f << ": " << h.dump();
    }
  }
}

TEST(LspSession, AppliesRangedChanges) {
  Client c;
  c.request("initialize", {{"capabilities", json::object()}});
  std::string u = "file:///tmp/phonec-lsp-test/r.phone";
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", u}, {"text", "record r {\n  a: int;\n}\n"}}}});
  EXPECT_EQ(c.diagnostics()["diagnostics"], json::array());
  // "int" -> "intt": an unknown type at line 1, characters 5..9.
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", u}}},
                                      {"contentChanges", {{{"range", {{"start", {{"line", 1}, {"character", 8}}}, {"end", {{"line", 1}, {"character", 8}}}}},
                                                           {"text", "t"}}}}});
  json d = c.diagnostics()["diagnostics"];
  ASSERT_EQ(d.size(), 1u) << d.dump();
  EXPECT_EQ(d[0]["range"]["start"], (json{{"line", 1}, {"character", 5}}));
  EXPECT_EQ(d[0]["range"]["end"], (json{{"line", 1}, {"character", 9}}));
}

TEST(LspSession, SurvivesGarbageAndRequiresInitialize) {
  Client c;
  json early = c.request("textDocument/hover", {{"textDocument", {{"uri", "file:///x.phone"}}}, {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_EQ(early["error"]["code"], -32002);
  c.send_raw("Content-Length: 5\r\n\r\n{oops");
  json err = c.next();
  EXPECT_EQ(err["error"]["code"], -32700);
  c.request("initialize", {{"capabilities", json::object()}});
  json bad = c.request("textDocument/hover", {{"textDocument", 42}});
  EXPECT_EQ(bad["error"]["code"], -32602);
  json unknown = c.request("workspace/frobnicate", json::object());
  EXPECT_EQ(unknown["error"]["code"], -32601);
  // Binary junk as a document: diagnostics, no crash.
  std::string junk = "model \u00e9\U0001F600 { \"\\u{110000}\" ; } }}} ((( \"unterminated\n/* open comment";
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///tmp/junk.phone"}, {"text", junk}}}});
  EXPECT_FALSE(c.diagnostics()["diagnostics"].empty());
  c.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
          {"params", {{"textDocument", {{"uri", "file:///tmp/junk.phone"}}}, {"contentChanges", {{{"text", std::string("family a.b : ")}}}}}}});
  json d = c.diagnostics();
  EXPECT_FALSE(d["diagnostics"].empty());
  for (std::size_t cut = 0; cut < 200; cut += 7) {
    std::string half = read_file(kModels + "/snom/snom.phone").substr(0, 1500 + cut * 20);
    c.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///tmp/junk.phone"}}}, {"contentChanges", {{{"text", half}}}}});
    c.diagnostics();
    json h = c.request("textDocument/hover", {{"textDocument", {{"uri", "file:///tmp/junk.phone"}}}, {"position", {{"line", 40}, {"character", 10}}}});
    EXPECT_TRUE(h.contains("result"));
    json comp = c.request("textDocument/completion", {{"textDocument", {{"uri", "file:///tmp/junk.phone"}}}, {"position", {{"line", 45}, {"character", 12}}}});
    EXPECT_TRUE(comp.contains("result"));
  }
  // No shutdown before exit: status 1.
  c.notify("exit", nullptr);
  EXPECT_EQ(c.wait_exit(), 1);
}

}  // namespace
