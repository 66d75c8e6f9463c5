// Secrets never reach a diagnostic, not even through the source excerpt of a neighbouring field.
#include <gtest/gtest.h>

#include "diag/diagnostic.h"
#include "diag/redact.h"

namespace phonec {
namespace {

TEST(HostileSecrets, RedactsJsonPasswordValues) {
  EXPECT_EQ(redact_secrets(R"({"display_name": "Zoë", "password": "s3cr&t<pw>", "username": "1001"})"),
            R"({"display_name": "Zoë", "password": "**********", "username": "1001"})");
  EXPECT_EQ(redact_secrets(R"("admin_password":"Adm\"in"})"), R"("admin_password":"*******"})");
  // One star per code point keeps the caret columns of later fields aligned.
  EXPECT_EQ(redact_secrets(R"("password": "pässwörd", "x": 1)"), R"("password": "********", "x": 1)");
  // Unterminated string (the line did not parse): masked to the end of the line.
  EXPECT_EQ(redact_secrets(R"("password": "abc)"), R"("password": "***)");
  // Not a string: masked up to the delimiter.
  EXPECT_EQ(redact_secrets(R"({"password": 123456, "n": 1})"), R"({"password": ******, "n": 1})");
}

TEST(HostileSecrets, RedactsPhoneSyntaxAndLeavesOtherTextAlone) {
  EXPECT_EQ(redact_secrets(R"(line 1 { username = "1001"; password = "hunter2"; })"),
            R"(line 1 { username = "1001"; password = "*******"; })");
  EXPECT_EQ(redact_secrets("  password: secret;"), "  password: ******;");
  EXPECT_EQ(redact_secrets(R"(lines { number 1; display_name 12; password "s3cr&t<pw>"; admin_password  "x\"y"; })"),
            R"(lines { number 1; display_name 12; password "**********"; admin_password  "****"; })");
  EXPECT_EQ(redact_secrets("the password or ##2"), "the password or ##2");
  EXPECT_EQ(redact_secrets("the administrator password, or ##2 at boot"), "the administrator password, or ##2 at boot");
  EXPECT_EQ(redact_secrets(R"("password_hint": "x")"), R"("password_hint": "x")");
  EXPECT_EQ(redact_secrets(""), "");
  EXPECT_EQ(redact_secrets("password"), "password");
  EXPECT_EQ(redact_secrets("password ="), "password =");
}

TEST(HostileSecrets, ExcerptOfANeighbouringFieldHidesThePassword) {
  SourceManager sm;
  std::string text = R"({"display_name": "ab)" "\x01" R"(", "password": "s3cr&t<pw>"})";
  FileId f = sm.add("site.json", text);
  Diagnostics diags;
  diags.error(Range{f, 17, 22}, "control-character", "U+0001 is not allowed in 'lines[0].display_name'");
  std::string out = render_all_text(diags, sm);
  EXPECT_EQ(out.find("s3cr"), std::string::npos) << out;
  EXPECT_EQ(out,
            "site.json:1:18: error: U+0001 is not allowed in 'lines[0].display_name'\n"
            "{\"display_name\": \"ab \", \"password\": \"**********\"}\n"
            "                 ^~~~~\n");
}

}  // namespace
}  // namespace phonec
