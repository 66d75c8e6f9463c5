// Each escaper is checked three ways: exact output for hand-picked values; a few thousand
// generated values (every ASCII character plus multi-byte and line-breaking characters) decoded
// by a reader written here from the format's documentation, which must give the value back on
// one line; and, where the real reader is installed, that reader (xmllint, dhcpd -t, dnsmasq
// --test) on all generated values at once.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "text/escape.h"
#include "text/utf8.h"
#include "tests/unit/temp_dir.h"

using namespace phonec::text;

namespace {

std::vector<std::string> generated_values() {
  std::vector<std::string> pieces;
  for (int c = 0; c < 128; ++c) pieces.emplace_back(1, static_cast<char>(c));
  for (const char* m : {"\u00E9", "\u20AC", "\u5317", "\U0001F600", "\u0085", "\u2028", "\u2029", "\u200D",
                        "\uFEFF", "\uFFFE", "\u009B", "]]>", "\r\n", "\\\"", " ;", " #", "&#10;", "%NULL%"})
    pieces.emplace_back(m);
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<std::size_t> len(0, 10), pick(0, pieces.size() - 1);
  std::vector<std::string> out;
  for (int c = 0; c < 128; ++c) out.emplace_back(1, static_cast<char>(c));  // each byte alone too
  for (int i = 0; i < 3000; ++i) {
    std::string v;
    for (std::size_t n = len(rng); n > 0; --n) v += pieces[pick(rng)];
    out.push_back(v);
  }
  return out;
}

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

// Everything some reader takes as the end of a line (Unicode's mandatory breaks, and what
// Python's str.splitlines adds: FS, GS, RS), and NUL which ends a C string.
bool ends_a_line_somewhere(char32_t c) {
  return c == 0 || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E ||
         c == 0x85 || c == 0x2028 || c == 0x2029;
}
bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

bool line_safe(std::string_view v) {
  for (char32_t c : code_points(v))
    if (ends_a_line_somewhere(c) || (is_control(c) && c != '\t')) return false;
  return true;
}

bool xml_safe(std::string_view v) {
  for (char32_t c : code_points(v))
    if ((c < 0x20 && c != 9 && c != 10 && c != 13) || c == 0xFFFE || c == 0xFFFF) return false;
  return true;
}

// Runs `cmd` with its output in `dir`, which belongs to the calling test alone (ctest runs the
// tests that call real readers at the same time).
std::string run(const std::string& cmd, const phonec::testing::TempDir& dir) {
  const std::string out = (dir / "cmd.out").string();
  const int rc = std::system((cmd + " > " + out + " 2>&1").c_str());
  std::ifstream in(out, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return rc == 0 ? text : "FAILED(" + std::to_string(rc) + "): " + text;
}

bool have(const char* tool) { return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0; }

void write_file(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

// Reader for backslash-quoted tokens: '"', then \x means x, up to the closing quote, which must
// be the last character.
std::optional<std::string> read_backslash_quoted(std::string_view t) {
  if (t.size() < 2 || t.front() != '"') return std::nullopt;
  std::string out;
  std::size_t i = 1;
  for (; i < t.size() && t[i] != '"'; ++i) {
    if (t[i] == '\\' && i + 1 < t.size()) ++i;
    out += t[i];
  }
  if (i != t.size() - 1) return std::nullopt;
  return out;
}

// dhcp-eval(5): \t \r \n \b, \nnn octal, \xnn hex, any other escaped character stands for itself.
std::optional<std::string> read_dhcpd_string(std::string_view t) {
  if (t.size() < 2 || t.front() != '"') return std::nullopt;
  std::string out;
  std::size_t i = 1;
  for (; i < t.size() && t[i] != '"'; ++i) {
    if (t[i] != '\\') {
      out += t[i];
      continue;
    }
    const char c = t[++i];
    if (c >= '0' && c <= '3') {
      int v = 0, n = 0;
      while (n < 3 && t[i] >= '0' && t[i] <= '7') v = v * 8 + (t[i++] - '0'), ++n;
      --i;
      out += static_cast<char>(v);
    } else if (c == 't') out += '\t';
    else if (c == 'r') out += '\r';
    else if (c == 'n') out += '\n';
    else if (c == 'b') out += '\b';
    else out += c;
  }
  if (i != t.size() - 1) return std::nullopt;
  return out;
}

// dnsmasq(8) CONFIG FILE: inside quotes \\ \" \t \e \b \r \n are escapes, other backslashes stay.
std::optional<std::string> read_dnsmasq_quoted(std::string_view t) {
  if (t.size() < 2 || t.front() != '"') return std::nullopt;
  std::string out;
  std::size_t i = 1;
  for (; i < t.size() && t[i] != '"'; ++i) {
    if (t[i] == '\\' && i + 1 < t.size() && std::string_view("\"tnebr\\").find(t[i + 1]) != std::string_view::npos) {
      const char c = t[++i];
      out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'b' ? '\b' : c == 'r' ? '\r' : c == 'e' ? '\x1b' : c;
    } else {
      out += t[i];
    }
  }
  if (i != t.size() - 1) return std::nullopt;
  return out;
}

// Canonical XML (what xmllint --c14n prints) escapes only these.
std::string unescape_c14n(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    const std::string_view ent = s.substr(i, semi - i + 1);
    if (ent == "&amp;") out += '&';
    else if (ent == "&lt;") out += '<';
    else if (ent == "&gt;") out += '>';
    else if (ent == "&quot;") out += '"';
    else if (ent == "&#x9;") out += '\t';
    else if (ent == "&#xA;") out += '\n';
    else if (ent == "&#xD;") out += '\r';
    else out += "<?" + std::string(ent) + ">";
    i = semi;
  }
  return out;
}

}  // namespace

// The appending forms write what xml_text / xml_attr return after what the buffer holds, and
// leave it as it was when they reject a value, even one rejected after something was escaped.
TEST(TextEscape, AppendingFormsMatchAndRollBack) {
  for (const std::string v : {"a<b>&c \"'\t\n\r", "0123456789&0123456789\xC3\xA9", "x\"'", ""}) {
    std::string out = "head:";
    EXPECT_FALSE(append_xml_text(v, out));
    EXPECT_EQ(out, "head:" + xml_text(v).text);
    for (Quote q : {Quote::Double, Quote::Single}) {
      out = "head:";
      EXPECT_FALSE(append_xml_attr(v, q, out));
      EXPECT_EQ(out, "head:" + xml_attr(v, q).text);
    }
  }
  std::string out = "head:";
  auto r = append_xml_text("a & b <c\x01", out);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->offset, 8u);
  EXPECT_EQ(r->reason, xml_text("a & b <c\x01").rejected->reason);
  EXPECT_EQ(out, "head:");
  ASSERT_TRUE(append_xml_attr("\"q\"\xEF\xBF\xBF", Quote::Double, out));
  EXPECT_EQ(out, "head:");
}

TEST(TextEscape, ExactForms) {
  EXPECT_EQ(xml_text("a<b>&c ]]> \"'\r\n\t").text, "a&lt;b&gt;&amp;c ]]&gt; \"'&#13;\n\t");
  EXPECT_EQ(xml_attr("a<b>&c\"'\t\n\r", Quote::Double).text, "a&lt;b&gt;&amp;c&quot;'&#9;&#10;&#13;");
  EXPECT_EQ(xml_attr("a\"'", Quote::Single).text, "a\"&apos;");
  // Runs of plain characters are copied at once, up to the next character that needs a look.
  EXPECT_EQ(xml_text("plain text\x7F\xC3\xA9 & more plain text<").text, "plain text\x7F\xC3\xA9 &amp; more plain text&lt;");
  EXPECT_EQ(xml_attr("0123456789'\"", Quote::Single).text, "0123456789&apos;\"");
  EXPECT_EQ(xml_text("0123456789\x01").rejected->offset, 10u);
  EXPECT_FALSE(xml_text("bell\x07").ok());
  EXPECT_EQ(xml_attr("x\xEF\xBF\xBE", Quote::Double).rejected->offset, 1u);
  EXPECT_EQ(quoted_value("say \"hi\" C:\\x").text, "\"say \\\"hi\\\" C:\\\\x\"");
  EXPECT_EQ(cli_quote("pa\"ss\\").text, "\"pa\\\"ss\\\\\"");
  EXPECT_EQ(dhcpd_string("http://10.0.0.1/\"x\"\\ Zo\u00EB\n").text,
            "\"http://10.0.0.1/\\\"x\\\"\\\\ Zo\\303\\253\\012\"");
  EXPECT_EQ(dnsmasq_value("1.2.3.4,a:b #c \"q\" \\ \t\u00E9").text, "\"1.2.3.4,a:b #c \\\"q\\\" \\\\ \\t\u00E9\"");
  EXPECT_EQ(ini_value("a;b a#b").text, "a;b a#b");
  EXPECT_TRUE(ini_value("%NULL%").ok());
}

TEST(TextEscape, RejectionsNameTheCharacter) {
  const auto kv = keyvalue_ok("abc\ndef");
  ASSERT_TRUE(kv.has_value());
  EXPECT_EQ(kv->offset, 3u);
  EXPECT_EQ(kv->reason, "U+000A LINE FEED would end the line");
  EXPECT_EQ(keyvalue_ok("x\u2028")->code_point, 0x2028u);
  EXPECT_EQ(keyvalue_ok("x\u0085")->code_point, 0x85u);
  EXPECT_EQ(keyvalue_ok("x\x0B")->code_point, 0x0Bu);
  EXPECT_EQ(keyvalue_ok(std::string("x\0", 2))->code_point, 0u);
  EXPECT_FALSE(keyvalue_ok("tab\there \u00E9 %NULL% = ; #").has_value());
  EXPECT_EQ(ini_value("; comment").rejected->offset, 0u);
  EXPECT_EQ(ini_value("  # c").rejected->offset, 2u);
  EXPECT_EQ(ini_value("value ;c").rejected->offset, 6u);
  EXPECT_EQ(ini_value("value\t#c").rejected->offset, 6u);
  EXPECT_EQ(ini_value("a\rb").rejected->code_point, U'\r');
  EXPECT_FALSE(quoted_value("a\nb").ok());
  EXPECT_FALSE(cli_quote("a\u2029b").ok());
  EXPECT_FALSE(dnsmasq_value("a\x1e").ok()) << "0x1E is dnsmasq's hidden ','";
  EXPECT_FALSE(dnsmasq_value(std::string(256, 'a')).ok());
  EXPECT_TRUE(dnsmasq_value(std::string(255, 'a')).ok());
}

TEST(TextEscape, GeneratedValuesStayInTheirField) {
  const std::vector<std::string> values = generated_values();
  std::size_t xml_ok = 0, line_ok = 0, ini_ok = 0;
  for (const std::string& v : values) {
    SCOPED_TRACE("value bytes: " + std::to_string(v.size()));
    // XML: accepted exactly when XML can hold it; no raw delimiter, no "]]>".
    const Escaped t = xml_text(v), ad = xml_attr(v, Quote::Double), as = xml_attr(v, Quote::Single);
    EXPECT_EQ(t.ok(), xml_safe(v));
    EXPECT_EQ(ad.ok(), xml_safe(v));
    EXPECT_EQ(as.ok(), xml_safe(v));
    if (t.ok()) {
      ++xml_ok;
      EXPECT_EQ(t.text.find_first_of("<&>"), t.text.find_first_of("&"));  // only entity starts
      EXPECT_EQ(t.text.find("]]>"), std::string::npos);
      EXPECT_EQ(ad.text.find_first_of("\"<\t\n\r"), std::string::npos);
      EXPECT_EQ(as.text.find_first_of("'<\t\n\r"), std::string::npos);
    }
    // key = value: accepted exactly when no reader would see a line end; then one line.
    EXPECT_EQ(!keyvalue_ok(v).has_value(), line_safe(v));
    if (!keyvalue_ok(v)) ++line_ok;
    // INI: the reader model strips a comment starting at the value or after a blank and trims.
    const Escaped ini = ini_value(v);
    if (ini.ok()) {
      ++ini_ok;
      EXPECT_TRUE(line_safe(v));
      std::string parsed = ini.text;
      for (std::size_t i = 0; i < parsed.size(); ++i)
        if ((parsed[i] == ';' || parsed[i] == '#') && (i == 0 || parsed[i - 1] == ' ' || parsed[i - 1] == '\t'))
          parsed.resize(i);
      EXPECT_EQ(parsed, v) << "no comment may start inside the value";
    } else {
      EXPECT_TRUE(!line_safe(v) || v.find_first_of(";#") != std::string::npos);
    }
    // KEY="value" and CLI: read back with the backslash reader, one line.
    for (const Escaped& q : {quoted_value(v), cli_quote(v)}) {
      EXPECT_EQ(q.ok(), line_safe(v));
      if (q.ok()) {
        EXPECT_EQ(read_backslash_quoted(q.text), v);
      }
    }
    // dhcpd: everything is carried, the token is printable ASCII.
    const Escaped d = dhcpd_string(v);
    ASSERT_TRUE(d.ok());
    for (unsigned char c : d.text) EXPECT_TRUE(c >= 0x20 && c < 0x7F);
    EXPECT_EQ(read_dhcpd_string(d.text), v);
    // dnsmasq: accepted unless a raw C0 byte dnsmasq cannot keep apart from its own markers.
    const Escaped m = dnsmasq_value(v);
    bool carriable = true;
    for (unsigned char c : v)
      if (c < 0x20 && std::string_view("\t\n\r\b\x1b").find(static_cast<char>(c)) == std::string_view::npos) carriable = false;
    EXPECT_EQ(m.ok(), carriable);
    if (m.ok()) {
      EXPECT_EQ(m.text.find_first_of("\n\r"), std::string::npos);
      EXPECT_EQ(read_dnsmasq_quoted(m.text), v);
    }
  }
  // The generator must exercise both outcomes of every check.
  EXPECT_GT(xml_ok, 300u);
  EXPECT_LT(xml_ok, values.size());
  EXPECT_GT(line_ok, 300u);
  EXPECT_GT(ini_ok, 200u);
}

TEST(TextEscape, XmllintReadsBackEveryAcceptedValue) {
  if (!have("xmllint")) FAIL() << "xmllint not installed (tools/install-deps.sh installs it)";
  std::vector<std::string> accepted;
  std::string doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>";
  for (const std::string& v : generated_values()) {
    const Escaped t = xml_text(v), ad = xml_attr(v, Quote::Double), as = xml_attr(v, Quote::Single);
    if (!t.ok()) continue;
    accepted.push_back(v);
    doc += "<v a=\"" + ad.text + "\" b='" + as.text + "'>" + t.text + "</v>\n";
  }
  doc += "</r>\n";
  const phonec::testing::TempDir dir;
  const std::string path = (dir / "fuzz.xml").string();
  write_file(path, doc);
  const std::string c14n = run("xmllint --c14n " + path, dir);
  ASSERT_EQ(c14n.rfind("FAILED", 0), std::string::npos) << c14n.substr(0, 400);
  // c14n output: <r><v a="..." b="...">text</v>\n...</r>
  std::size_t pos = c14n.find("<v ");
  for (const std::string& v : accepted) {
    ASSERT_NE(pos, std::string::npos);
    const std::size_t a0 = pos + 6, a1 = c14n.find('"', a0);
    const std::size_t b0 = a1 + 5, b1 = c14n.find('"', b0);
    const std::size_t t0 = b1 + 2, t1 = c14n.find("</v>", t0);
    EXPECT_EQ(unescape_c14n(c14n.substr(a0, a1 - a0)), v);
    EXPECT_EQ(unescape_c14n(c14n.substr(b0, b1 - b0)), v);
    EXPECT_EQ(unescape_c14n(c14n.substr(t0, t1 - t0)), v);
    pos = c14n.find("<v ", t1);
  }
  EXPECT_EQ(pos, std::string::npos);
}

TEST(TextEscape, DhcpdAcceptsEveryValue) {
  if (!have("dhcpd")) FAIL() << "isc-dhcp-server not installed (tools/install-deps.sh installs it)";
  const phonec::testing::TempDir dir;
  const std::string path = (dir / "dhcpd.conf").string();
  write_file(path, "class \"broken\" { match if option vendor-class-identifier = \"a\"b\"; }\n");
  ASSERT_NE(run("dhcpd -t -cf " + path, dir).rfind("FAILED", 0), std::string::npos) << "dhcpd -t must catch a bad string";
  std::string conf;
  int n = 0;
  for (const std::string& v : generated_values())
    conf += "class \"c" + std::to_string(n++) + "\" { match if option vendor-class-identifier = " + dhcpd_string(v).text +
            "; }\n";
  write_file(path, conf);
  const std::string out = run("dhcpd -t -cf " + path, dir);
  EXPECT_EQ(out.rfind("FAILED", 0), std::string::npos) << out.substr(0, 2000);
}

TEST(TextEscape, DnsmasqAcceptsEveryAcceptedValue) {
  if (!have("dnsmasq")) FAIL() << "dnsmasq not installed (tools/install-deps.sh installs it)";
  const phonec::testing::TempDir dir;
  const std::string path = (dir / "dnsmasq.conf").string();
  write_file(path, "dhcp-option=tag:t,224,\"open\n");
  ASSERT_NE(run("dnsmasq --test -C " + path, dir).rfind("FAILED", 0), std::string::npos) << "--test must catch a bad quote";
  std::string conf;
  int n = 0;
  for (const std::string& v : generated_values()) {
    const Escaped m = dnsmasq_value(v);
    if (m.ok()) conf += "dhcp-option=tag:t" + std::to_string(n++) + ",224," + m.text + "\n";
  }
  write_file(path, conf);
  const std::string out = run("dnsmasq --test -C " + path, dir);
  EXPECT_NE(out.find("syntax check OK"), std::string::npos) << out.substr(0, 2000);
}
