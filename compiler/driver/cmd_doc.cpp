#include "driver/cmd_doc.h"

#include <boost/program_options.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "driver/options.h"
#include "driver/session.h"
#include "sema/models.h"
#include "sema/symbols.h"
#include "syntax/suggest.h"

namespace phonec::driver {
namespace po = boost::program_options;

namespace {

struct Column {
  const sema::Model* model;
  std::map<std::string, std::string> status;  // feature id -> Y, N, ..., or a number
};

// A model's status for a feature; "NT" (not tested) when the model does not say.
std::string status_of(const sema::Model& m, const std::string& feature) {
  auto t = m.maps.find("features");
  if (t != m.maps.end())
    if (auto it = t->second.find(feature); it != t->second.end()) {
      std::string s;
      sema::literal_text(*it->second->values.at(0), s);
      return s;
    }
  if (feature == "funckeys") return std::to_string(m.max_keys());
  return "NT";
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

void markdown(const sema::Program& prog, const std::vector<Column>& cols) {
  std::cout << "| |";
  for (auto& c : cols) std::cout << " " << md_cell(c.model->name) << " |";
  std::cout << "\n|---|";
  for (std::size_t i = 0; i < cols.size(); ++i) std::cout << "---|";
  std::cout << "\n";
  std::string group;
  for (const sema::FeatureDef& f : prog.features) {
    if (f.group != group) {
      group = f.group;
      if (!f.group_title.empty()) {
        std::cout << "| **" << md_cell(f.group_title) << "** |";
        for (std::size_t i = 0; i < cols.size(); ++i) std::cout << " |";
        std::cout << "\n";
      }
    }
    std::cout << "| " << md_cell(f.title) << " |";
    for (auto& c : cols) std::cout << " " << c.status.at(f.id) << " |";
    std::cout << "\n";
  }
}

void json(const sema::Program& prog, const std::vector<Column>& cols) {
  nlohmann::ordered_json doc;
  doc["format"] = "phonec-doc/1";
  nlohmann::ordered_json features = nlohmann::ordered_json::array();
  for (const sema::FeatureDef& f : prog.features)
    features.push_back({{"id", f.id}, {"title", f.title}, {"group", f.group}, {"group_title", f.group_title}});
  doc["features"] = features;
  std::set<std::string> families;
  nlohmann::ordered_json models = nlohmann::ordered_json::array();
  for (auto& c : cols) {
    const sema::Model& m = *c.model;
    nlohmann::ordered_json o;
    o["name"] = m.name;
    o["vendor"] = m.vendor;
    o["family"] = m.parent ? m.parent->name : "";
    if (m.parent) families.insert(m.parent->name);
    o["title"] = m.prop_text("title");
    o["firmware"] = m.prop_text("firmware");
    o["provisionable"] = m.prop("unsupported") == nullptr;
    // "manual": its files cannot carry a time zone (a device's zone is then a diagnostic).
    o["timezone_style"] = m.prop_text("timezone_style");
    o["lines"] = m.lines;
    o["line_keys"] = m.line_keys;
    o["expansion_modules"] = m.expansion_modules;
    o["expansion_keys"] = m.expansion_keys;
    nlohmann::ordered_json keys = nlohmann::ordered_json::array();
    if (auto kc = m.maps.find("key_codes"); kc != m.maps.end())
      for (auto& [k, _] : kc->second) keys.push_back(k);
    o["key_types"] = keys;
    nlohmann::ordered_json st;
    for (const sema::FeatureDef& f : prog.features) st[f.id] = c.status.at(f.id);
    o["features"] = st;
    models.push_back(o);
  }
  doc["families"] = families;
  doc["models"] = models;
  std::cout << doc.dump(2) << "\n";
}

void html(const sema::Program& prog, const std::vector<Column>& cols) {
  std::cout << R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>phonec: feature matrix</title>
<style>
body{font-family:system-ui,sans-serif;margin:1em}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #ccc;padding:2px 6px;text-align:center;white-space:nowrap}
thead th{position:sticky;top:0;background:#f4f4f4;writing-mode:vertical-rl;transform:rotate(180deg)}
th.feature,td.feature{text-align:left;position:sticky;left:0;background:#fff}
tr.group td{background:#e8e8e8;font-weight:bold;text-align:left}
.Y{background:#c8e6c9}.N{background:#ffcdd2}.NT,.NYT{background:#fff9c4}
.FK,.HK,.SK,.MN{background:#bbdefb}.num{background:#eeeeee}
</style></head><body>
<h1>Feature matrix</h1>
<p>Y supported, N not supported, NT not tested, NYT not yet tested, FK function key, HK hard key, SK soft key, MN menu.</p>
<table><thead><tr><th class="feature"></th>)";
  for (auto& c : cols) std::cout << "<th>" << html_escape(c.model->name) << "</th>";
  std::cout << "</tr></thead><tbody>\n";
  std::string group;
  for (const sema::FeatureDef& f : prog.features) {
    if (f.group != group) {
      group = f.group;
      if (!f.group_title.empty())
        std::cout << "<tr class=\"group\"><td class=\"feature\">" << html_escape(f.group_title) << "</td><td colspan=\""
                  << cols.size() << "\"></td></tr>\n";
    }
    std::cout << "<tr><td class=\"feature\">" << html_escape(f.title) << "</td>";
    for (auto& c : cols) {
      const std::string& s = c.status.at(f.id);
      bool number = !s.empty() && std::isdigit(static_cast<unsigned char>(s[0]));
      std::cout << "<td class=\"" << (number ? "num" : s) << "\">" << html_escape(s) << "</td>";
    }
    std::cout << "</tr>\n";
  }
  std::cout << "</tbody></table></body></html>\n";
}

}  // namespace

int run_doc(const std::vector<std::string>& args) {
  po::options_description opts("options");
  opts.add_options()("help,h", "print this help")("format", po::value<std::string>()->default_value("md"), "md, html or json")(
      "include,I", po::value<std::vector<std::string>>()->composing(), "extra model search path");
  po::variables_map vm;
  if (auto err = parse_options(args, opts, "model", vm)) {
    std::cerr << "phonec: " << *err << "\nTry 'phonec doc --help'.\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << "usage: phonec doc [--format md|html|json] [MODEL...]\n\n" << opts;
    return 0;
  }
  std::string format = vm["format"].as<std::string>();
  if (format != "md" && format != "html" && format != "json") {
    std::cerr << "phonec: --format takes md, html or json\n";
    return 2;
  }
  Session s(vm.count("include") ? vm["include"].as<std::vector<std::string>>() : std::vector<std::string>{});
  s.load_library();
  std::vector<std::string> names = vm.count("model") ? vm["model"].as<std::vector<std::string>>() : sema::model_names(s.prog);
  std::vector<Column> cols;
  for (const std::string& n : names) {
    const sema::Model* m = sema::find_model(s.prog, n);
    if (!m || m->abstract) {
      std::string msg = "phonec: error: unknown model '" + n + "'";
      msg += suggestion(n, sema::model_names(s.prog));
      std::cerr << msg << "\n";
      return 1;
    }
    Column c{m, {}};
    for (const sema::FeatureDef& f : s.prog.features) c.status[f.id] = status_of(*m, f.id);
    cols.push_back(std::move(c));
  }
  if (s.diags.has_errors()) {
    std::cerr << render_all_text(s.diags, s.sm);
    return 1;
  }
  if (format == "md") markdown(s.prog, cols);
  else if (format == "json") json(s.prog, cols);
  else html(s.prog, cols);
  return 0;
}

}  // namespace phonec::driver
