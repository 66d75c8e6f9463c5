#include "sema/check_devices.h"

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "sema/content_check.h"
#include "sema/models.h"
#include "syntax/suggest.h"
#include "text/mac.h"

namespace phonec::sema {

struct Slots {
  int lines, funckeys, sip, feature_codes, admin_password, timezone;
  int l_number, l_sip;
  int k_position, k_type, k_value, k_label, k_service, k_line, k_pickup;
  int s_registrar;
};

// The model properties check_one() reads, looked up once per model (the checks depend on the
// model, not on the device).
struct ModelFacts {
  bool timezone_manual = false;   // timezone_style = manual
  bool timezone_warning = false;  // timezone_fallback = warning
  const std::map<std::string, const ast::Property*>* key_codes = nullptr;
  explicit ModelFacts(const Model& m) {
    timezone_manual = m.prop_text("timezone_style") == "manual";
    timezone_warning = m.prop_text("timezone_fallback") == "warning";
    if (auto it = m.maps.find("key_codes"); it != m.maps.end()) key_codes = &it->second;
  }
  // Model::has_key_code without looking the map up again.
  bool has_key_code(const std::string& type) const { return key_codes && key_codes->count(type); }
};

struct ModelCache {
  // Models a device name resolved to with nothing to report: the same name resolves to the same
  // model again, and its contents are checked already. Only resolve() uses it (one thread).
  std::mutex resolve_mu;
  std::unordered_map<std::string, const Model*> resolved;
  // By model, for check() on any thread; nodes stay where they are when the map grows.
  std::shared_mutex facts_mu;
  std::unordered_map<const Model*, ModelFacts> facts;

  const ModelFacts& facts_of(const Model& m) {
    {
      std::shared_lock lock(facts_mu);
      if (auto it = facts.find(&m); it != facts.end()) return it->second;
    }
    std::unique_lock lock(facts_mu);
    return facts.try_emplace(&m, m).first->second;
  }
};

namespace {

// Numbers (lines, key positions) already seen in one device, with where: a device has a few,
// kept in place and looked through; past kLinear they go into a map (a hostile inventory may
// have many).
class SeenNumbers {
 public:
  // Records `n` at `r` unless it was seen: then returns where it was first.
  const Range* add(std::int64_t n, Range r) {
    if (const Range* first = find(n)) return first;
    if (map_.empty() && used_ < kLinear) {
      small_[used_++] = {n, r};
      return nullptr;
    }
    if (map_.empty()) map_.insert(small_.begin(), small_.end());
    map_.emplace(n, r);
    return nullptr;
  }
  bool contains(std::int64_t n) const { return find(n) != nullptr; }
  std::size_t size() const { return map_.empty() ? used_ : map_.size(); }

 private:
  static constexpr std::size_t kLinear = 16;
  const Range* find(std::int64_t n) const {
    if (!map_.empty()) {
      auto it = map_.find(n);
      return it == map_.end() ? nullptr : &it->second;
    }
    for (std::size_t i = 0; i < used_; ++i)
      if (small_[i].first == n) return &small_[i].second;
    return nullptr;
  }
  std::array<std::pair<std::int64_t, Range>, kLinear> small_{};
  std::size_t used_ = 0;
  std::map<std::int64_t, Range> map_;
};

Slots slots(const Program& prog) {
  const RecordDef* d = prog.record("device");
  const RecordDef* l = prog.record("line");
  const RecordDef* k = prog.record("funckey");
  const RecordDef* s = prog.record("sip");
  return Slots{d->slot("lines"), d->slot("funckeys"), d->slot("sip"), d->slot("feature_codes"), d->slot("admin_password"), d->slot("timezone"),
               l->slot("number"), l->slot("sip"),
               k->slot("position"), k->slot("type"), k->slot("value"), k->slot("label"), k->slot("service"), k->slot("line"),
               k->slot("pickup"), s->slot("registrar")};
}

const Value& field(const Value& rec, int slot) {
  static const Value none;
  const Value* v = rec.field(slot);
  return v ? *v : none;
}

// `v`'s record, to be changed: its own when `v` is the only owner, else a copy `v` then owns.
RecordValue& writable(Value& v) {
  if (v.rec.use_count() != 1) v.rec = std::make_shared<RecordValue>(*v.rec);
  return const_cast<RecordValue&>(*v.rec);
}

Range model_note_range(const Model& m, const char* prop) {
  const ast::Property* p = m.prop(prop);
  return p ? p->range : m.decl->name_range;
}

const Model* resolve_one(Program& prog, Device& d, Diagnostics& diags) {
  const Model* m = find_model(prog, d.model_name);
  if (!m) {
    if (d.model_name.empty()) return nullptr;  // already reported as a missing field
    std::vector<std::string> names = model_names(prog);
    std::string msg = "unknown model '" + d.model_name + "'";
    msg += suggestion(d.model_name, names);
    diags.error(d.model_range, "unknown-model", msg);
    return nullptr;
  }
  if (m->abstract) {
    diags.error(d.model_range, "family-not-model", "'" + m->name + "' is a family, not a model a device can be",
                {Note{m->decl->name_range, "declared as a family here"}});
    return nullptr;
  }
  if (const ast::Property* u = m->prop("unsupported")) {
    diags.error(d.model_range, "unsupported-model", m->name + " cannot be provisioned: " + m->prop_text("unsupported"),
                {Note{u->range, "declared here"}});
    return nullptr;
  }
  check_model_contents(prog, *m);
  return m;
}

void check_one(const Program& prog, Device& d, const Slots& S, const ModelFacts& facts, Diagnostics& diags) {
  const Model* m = d.model;
  if (facts.timezone_manual)
    if (const Value* tz = d.value.field(S.timezone); tz && !tz->is_none()) {
      std::string msg = "time zone " + tz->s + " cannot be written for " + m->name +
                        ": its files have no verified time-zone setting, so the phone keeps the zone set on it";
      std::vector<Note> notes;
      if (const ast::Property* p = m->prop("timezone_style")) notes.push_back(Note{p->range, "declared here"});
      if (facts.timezone_warning) diags.warning(tz->range, "timezone-not-written", msg, notes);
      else diags.error(tz->range, "timezone-not-written", msg, notes);
    }
  // Named in messages only: not built per device.
  auto who = [&d] { return "device " + d.mac; };

  // SIP registrar: required once site, device and line values are merged.
  const Value& dsip = field(d.value, S.sip);
  const Value& lines = field(d.value, S.lines);
  if (lines.list && lines.list->empty())
    diags.error(d.range, "no-line", who() + " has no SIP line");
  SeenNumbers numbers;
  if (lines.list) {
    for (const Value& l : *lines.list) {
      const Value& num = field(l, S.l_number);
      const Value& lsip = field(l, S.l_sip);
      if (field(lsip, S.s_registrar).is_none())
        diags.error(l.range, "missing-field", who() + " line " + num.to_text() +
                                                       " has no SIP registrar (set site.sip.registrar, the device's sip or the line's sip)");
      if (num.is_none()) continue;
      if (num.i > m->lines)
        diags.error(num.range, "line-out-of-range",
                         "line " + std::to_string(num.i) + " is out of range: " + m->name + " has " + std::to_string(m->lines) +
                             " line" + (m->lines == 1 ? "" : "s"),
                         {Note{model_note_range(*m, "lines"), "lines declared here"}});
      if (const Range* first = numbers.add(num.i, num.range))
        diags.error(num.range, "duplicate-line", who() + " declares line " + std::to_string(num.i) + " twice",
                         {Note{*first, "first declared here"}});
    }
    if (static_cast<std::int64_t>(lines.list->size()) > m->lines && numbers.size() == lines.list->size())
      diags.error(d.range, "too-many-lines", who() + " has " + std::to_string(lines.list->size()) + " lines; " + m->name +
                                                       " has " + std::to_string(m->lines));
  }
  (void)dsip;

  // Function keys: position, type, service; lowering.
  const Value& keys = field(d.value, S.funckeys);
  if (!keys.list) return;
  const Value& fc = field(d.value, S.feature_codes);
  auto prof_it = prog.profiles.find(fc.s);
  if (!fc.is_none() && prof_it == prog.profiles.end()) {
    std::vector<std::string> names;
    for (auto& [n, _] : prog.profiles) names.push_back(n);
    std::string msg = "unknown feature-code profile '" + fc.s + "'";
    msg += suggestion(fc.s, names);
    diags.error(fc.range, "unknown-profile", msg);
  }
  const Profile* prof = prof_it == prog.profiles.end() ? nullptr : &prof_it->second;
  auto code = [&](const char* service) -> std::string {
    if (!prof) return {};
    auto it = prof->codes.find(service);
    return it == prof->codes.end() ? std::string() : it->second.code;
  };
  SeenNumbers positions;
  // The device's record, its keys and their records are its own once completed: keys are lowered
  // in place, and whatever is still shared is copied first. `keys` and what was read from a
  // record before its copy stay valid: the other owner keeps the original.
  Value& kv = writable(d.value).fields[static_cast<std::size_t>(S.funckeys)];
  if (kv.list.use_count() != 1) kv.list = std::make_shared<ValueList>(*kv.list);
  auto& list = const_cast<ValueList&>(*kv.list);
  // Elements that are no record (a null written in the list) are not keys: dropped.
  list.erase(std::remove_if(list.begin(), list.end(), [](const Value& k) { return k.kind != Value::Kind::Record; }), list.end());
  for (Value& k : list) {
    RecordValue* rec = nullptr;
    // Each new value is built before the slot it replaces (and the values read above) change.
    auto set = [&](int slot, Value v) {
      if (!rec) rec = &writable(k);
      rec->fields[static_cast<std::size_t>(slot)] = std::move(v);
      rec->present[static_cast<std::size_t>(slot)] = true;
    };
    const Value& pos = field(k, S.k_position);
    const Value& type = field(k, S.k_type);
    const Value& value = field(k, S.k_value);
    const Value& line = field(k, S.k_line);
    if (!pos.is_none()) {
      if (pos.i > m->max_keys()) {
        std::string cap = m->name + " has " + std::to_string(m->line_keys) + " line keys";
        if (m->expansion_modules > 0)
          cap += " and " + std::to_string(m->expansion_modules) + " expansion modules of " + std::to_string(m->expansion_keys) + " keys";
        diags.error(pos.range, "key-out-of-range", "function key " + std::to_string(pos.i) + " is out of range: " + cap,
                         {Note{model_note_range(*m, "line_keys"), "line keys declared here"}});
      }
      if (const Range* first = positions.add(pos.i, pos.range))
        diags.error(pos.range, "duplicate-key", who() + " has two keys at position " + std::to_string(pos.i),
                         {Note{*first, "first key at this position here"}});
    }
    if (!line.is_none() && !numbers.contains(line.i))
      diags.error(line.range, "unknown-line", "function key uses line " + std::to_string(line.i) + ", which " + who() + " does not have");
    if (type.is_none()) continue;
    std::string t = type.s;
    std::string written;  // the type as written, once lowering replaced it in the record
    const KeyTypeDef& kt = prog.key_types.at(t);
    if (kt.requires_value && value.is_none())
      diags.error(type.range, "missing-field", "a '" + t + "' key needs a \"value\"");
    if (t == "service") {
      const Value& svc = field(k, S.k_service);
      if (svc.is_none()) {
        diags.error(type.range, "missing-field", "a 'service' key needs a \"service\" (a feature name of the '" + fc.s + "' profile)");
      } else if (prof) {
        auto it = prof->codes.find(svc.s);
        if (it == prof->codes.end()) {
          std::vector<std::string> names;
          for (auto& [n, _] : prof->codes) names.push_back(n);
          std::string msg = "unknown service '" + svc.s + "' in profile '" + fc.s + "'";
          msg += suggestion(svc.s, names);
          diags.error(svc.range, "unknown-service", msg);
          continue;
        } else if (!facts.has_key_code("service")) {
          const ServiceCode& sc = it->second;
          if (sc.takes_number && value.is_none())
            diags.error(type.range, "missing-field", "service '" + svc.s + "' needs a \"value\" (its code is " + sc.code + "N)");
          set(S.k_value, Value::str(sc.code + (sc.takes_number ? value.to_text() : std::string()), svc.range));
          written = std::move(t);
          t = sc.supervised ? "blf" : "speeddial";
          set(S.k_type, Value::str(t, type.range));
        }
      }
    } else if (t == "pickup" && !facts.has_key_code("pickup")) {
      set(S.k_value, Value::str(code("pickup") + value.to_text(), value.range));
      written = std::move(t);
      t = "speeddial";
      set(S.k_type, Value::str(t, type.range));
    } else if (t == "park" && value.is_none()) {
      set(S.k_value, Value::str(code("parkext"), type.range));
    }
    if (t == "blf" || t == "pickup") set(S.k_pickup, Value::str(code("pickup"), type.range));
    if (!facts.has_key_code(t)) {
      std::string have;
      if (auto it = m->maps.find("key_codes"); it != m->maps.end())
        for (auto& [n, _] : it->second) have += (have.empty() ? "" : ", ") + n;
      diags.error(type.range, "unsupported-key-type",
                       m->name + " has no '" + (written.empty() ? type.s : written) + "' key" + (have.empty() ? std::string(" type") : " (it has: " + have + ")"));
    }
  }
}

}  // namespace

DeviceChecker::DeviceChecker(Program& prog) : prog_(prog), models_(std::make_unique<ModelCache>()) {
  ok_ = prog.record("device") && prog.record("line") && prog.record("funckey") && prog.record("sip");
  if (ok_) slots_ = std::make_unique<Slots>(slots(prog));
}

DeviceChecker::~DeviceChecker() = default;

void DeviceChecker::resolve(Device& d, Diagnostics& diags) const {
  if (!ok_) return;
  std::lock_guard lock(models_->resolve_mu);
  if (auto it = models_->resolved.find(d.model_name); it != models_->resolved.end()) {
    d.model = it->second;
    return;
  }
  // resolve_one() reports only when it finds no model.
  d.model = resolve_one(prog_, d, diags);
  if (d.model) models_->resolved.emplace(d.model_name, d.model);
}

void DeviceChecker::check(Device& d, Diagnostics& diags) const {
  if (ok_ && d.model) check_one(prog_, d, *slots_, models_->facts_of(*d.model), diags);
}

bool DeviceChecker::has_admin_password(const Device& d) const {
  if (!ok_) return true;
  const Value* a = d.value.field(slots_->admin_password);
  return a && !a->is_none();
}

std::vector<std::size_t> check_site(const std::vector<const DeviceSummary*>& devices, std::vector<char>& duplicate,
                                    Diagnostics& diags) {
  // A phone without an administrator password keeps its factory credentials: say so once per
  // inventory file (where the site is written), naming how many devices it concerns.
  std::map<FileId, std::pair<const DeviceSummary*, std::size_t>> no_admin;
  for (const DeviceSummary* d : devices)
    if (!d->admin_password) {
      auto& e = no_admin[d->range.file];
      if (!e.first) e.first = d;
      ++e.second;
    }
  for (auto& [file, e] : no_admin)
    diags.warning(e.first->range, "no-admin-password",
                  std::to_string(e.second) + (e.second == 1 ? " device has" : " devices have") +
                      " no admin_password: the phone keeps its factory credentials (set site.admin_password)");
  // Deterministic: devices are checked and emitted in MAC order, whatever the input order.
  std::vector<std::size_t> order(devices.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return devices[a]->mac < devices[b]->mac; });
  duplicate.assign(devices.size(), 0);
  for (std::size_t k = 1; k < order.size(); ++k) {
    const DeviceSummary& d = *devices[order[k]];
    const DeviceSummary& prev = *devices[order[k - 1]];
    if (!d.mac || d.mac != prev.mac) continue;
    // The first device with this MAC is the one the others are compared with.
    std::size_t first = k - 1;
    while (duplicate[order[first]]) --first;
    diags.error(d.mac_range, "duplicate-mac", "two devices have MAC " + text::unpack_mac(d.mac),
                {Note{devices[order[first]]->mac_range, "the other device is declared here"}});
    duplicate[order[k]] = 1;
  }
  return order;
}

void check_devices(Program& prog, Inventory& inv) {
  DeviceChecker checker(prog);
  if (!checker.ok()) return;
  std::vector<DeviceSummary> summaries;
  summaries.reserve(inv.devices.size());
  std::vector<const DeviceSummary*> site;
  for (const Device& d : inv.devices) {
    summaries.push_back(summary_of(d));
    summaries.back().admin_password = checker.has_admin_password(d);
    site.push_back(&summaries.back());
  }
  std::vector<char> duplicate;
  std::vector<std::size_t> order = check_site(site, duplicate, prog.diags);
  std::vector<Device> sorted;
  sorted.reserve(inv.devices.size());
  for (std::size_t i : order) {
    Device& d = inv.devices[i];
    if (!duplicate[i]) {
      checker.resolve(d, prog.diags);
      checker.check(d, prog.diags);
    }
    sorted.push_back(std::move(d));
  }
  inv.devices = std::move(sorted);
}

}  // namespace phonec::sema
