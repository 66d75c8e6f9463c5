// Phase 8: evaluating a model's file declarations for one device (or one model/site): the file's
// path and its content as a settings tree. Runs in parallel over devices; reads only.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "emit/doc.h"
#include "sema/inventory.h"

namespace phonec::sema {

// What every file of one model sees besides the device: model info, tables, feature codes.
struct ModelEnv {
  const Model* model = nullptr;
  Value model_info;
  std::vector<std::pair<std::string, Value>> tables;
  std::vector<int> table_ids;  // each table's name as interned by sema/name_slots.h
  // The `firmware` and `language_packs` values by firmware version and provisioning URL, built
  // by the first file (on any thread) that reads them: most devices of a model share them.
  mutable std::mutex assets_mutex;
  mutable std::map<std::string, std::pair<Value, Value>, std::less<>> assets_by_key;
};
std::shared_ptr<const ModelEnv> make_model_env(Program& prog, const Model& model);

struct RenderedFile {
  const FileSpec* spec = nullptr;
  std::string path;  // relative to the served tree, as the phone requests it
  Range path_origin;
  emit::Doc doc;
};

// Evaluates one file for one device (device != nullptr) or for a model/site scope with the
// list of devices. Returns false (with diagnostics) on an evaluation error.
bool eval_file(const Program& prog, const ModelEnv& env, const FileSpec& spec, const Device* device, const Value& site,
               const Value& devices, const Value& codes, Diagnostics& diags, RenderedFile& out);

// Gives a rendered file's nodes back to this thread's evaluator, which writes its next files
// into them (their strings' buffers and lists' capacity) instead of allocating anew.
void recycle(emit::Doc&& doc);

// Evaluates a DHCP option value for a device; None when the data it needs is absent.
Value eval_expr_for_device(const Program& prog, const ModelEnv& env, const ast::Expr& e, const Device& device,
                           const Value& codes, Diagnostics& diags);

// The feature-code table of a device's profile as a map value (codes.enablednd → "*25").
Value profile_codes(const Program& prog, const std::string& profile);

}  // namespace phonec::sema
