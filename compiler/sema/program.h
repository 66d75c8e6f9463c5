// Everything the front end knows after loading and resolving: parsed modules, the symbol tables
// built from declarations (stdlib, models, sites) and the resolved models.
#pragma once
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "sema/types.h"
#include "sema/value.h"
#include "syntax/ast.h"

namespace phonec::sema {

struct KeyTypeDef {
  const ast::Decl* decl = nullptr;
  std::string name, title;
  bool requires_value = false;  // blf, speeddial: the key needs a value
  bool requires_service = false;
  std::string lowers_to;  // service/pickup keys become this vendor-facing type if the model lacks them
};

struct FeatureDef {
  std::string id, title, group, group_title;
  Range range;
};

struct ServiceCode {
  std::string code;
  bool supervised = false;  // BLF: the phone subscribes to the hint
  bool takes_number = false;
  Range range;
};

struct Profile {
  const ast::Decl* decl = nullptr;
  std::map<std::string, ServiceCode> codes;
};

struct DhcpOptionDef {
  const ast::Decl* decl = nullptr;
  std::string name;      // catalogue name (tftp_server_name)
  int code = 0;
  std::string type;      // text, ip, ip_list, uint8, uint16, uint32, int32, bool, hex, encapsulated
  std::string dhcpd, kea, dnsmasq;  // the server's own name, empty when it must be declared
};

struct FileSpec {
  const ast::FileDecl* decl = nullptr;
  std::string format = "keyvalue";  // keyvalue | xml | ini | quoted
  std::string encoding = "utf-8";
  std::string newline = "lf";
  std::string separator = " = ";
  std::string empty_value;          // how an empty string is written (Yealink "%NULL%")
  std::string header, footer;
  bool xml_declaration = true;
  std::string xml_quote = "\"";
};

// A firmware image or language pack a model's phones download (see sema/assets.h).
struct Asset {
  std::string id;       // the declaration's name (fw_66_86)
  std::string kind;     // firmware | language | other
  std::string version;  // the firmware version it is (firmware) or belongs to (language packs)
  std::vector<std::string> versions;  // a language pack may serve several; `version` joins them
  std::string path;     // where the phone requests it, relative to the served tree
  std::string url;      // the vendor's download page or file
  bool login = false;   // the vendor's URL needs an account
  std::string sha256;   // lower-case hex; empty when the vendor publishes none ("unknown")
  std::int64_t size = -1;  // bytes; -1 unknown
  std::vector<std::string> models;  // restricts the asset to these models (empty: all that inherit it)
  Range range, sha_range;
  std::string declared_in;  // the family or model that declares it
};

struct Model {
  std::string name;    // yealink.T46S
  std::string vendor;  // yealink
  bool abstract = false;  // a family
  const ast::Decl* decl = nullptr;
  const Model* parent = nullptr;
  // Properties, the leaf's overriding its ancestors'.
  std::map<std::string, const ast::Property*> props;
  // Assign blocks (key_codes { blf = 16; }, features { ... }), merged key by key.
  std::map<std::string, std::map<std::string, const ast::Property*>> maps;
  std::vector<FileSpec> files;  // by file id, the leaf's overriding
  std::vector<const ast::OptionUse*> dhcp;  // merged by (code/name, sub)
  std::vector<Asset> assets;  // by id, the leaf's overriding

  // Capacities (checked integers).
  std::int64_t lines = 1, line_keys = 0, expansion_modules = 0, expansion_keys = 0;
  std::int64_t label_max = 0;
  const ast::Property* prop(const std::string& name) const;
  std::string prop_text(const std::string& name) const;  // plain string/ident value, or ""
  std::int64_t max_keys() const { return line_keys + expansion_modules * expansion_keys; }
  bool has_key_code(const std::string& type) const;
  ValueMap map_values(const std::string& map) const;
};

struct Program {
  SourceManager& sm;
  Diagnostics& diags;
  std::vector<std::filesystem::path> model_paths;  // -I dirs first, then shipped models
  std::filesystem::path stdlib_dir;

  std::deque<ast::Module> modules;
  std::set<std::string> loaded_paths;  // canonical paths of every .phone file loaded
  std::set<std::string> loaded_vendors;

  // Symbol tables.
  std::map<std::string, const ast::Decl*> decls_by_kind_name;  // "kind name" → first definition
  std::map<std::string, std::unique_ptr<RecordDef>> records;
  std::map<std::string, std::unique_ptr<EnumDef>> enums;
  std::map<std::string, TypePtr> aliases;
  std::map<std::string, KeyTypeDef> key_types;
  std::vector<FeatureDef> features;  // in catalogue order
  std::map<std::string, Profile> profiles;
  std::map<std::string, DhcpOptionDef> dhcp_options;
  std::map<std::string, const ast::Decl*> vendors;
  std::map<std::string, const ast::Decl*> model_decls;  // families and models
  std::map<std::string, std::unique_ptr<Model>> models;  // resolved
  std::vector<const ast::Decl*> site_decls, device_decls;
  std::set<const void*> checked;  // file and option declarations already type-checked

  Program(SourceManager& s, Diagnostics& d) : sm(s), diags(d) {}
  const RecordDef* record(const std::string& name) const;
  TypePtr resolve_type(const ast::TypeRef& ref);
};

}  // namespace phonec::sema
