"""Write a phonec inventory of N devices spread over every shipped model.

    gen_site.py MODELS_DIR N OUT.json

Models are the `model vendor.Name` declarations of MODELS_DIR/*/*.phone; a device's MAC starts
with its vendor's first `oui` (locally administered 02:00:00 when the vendor declares none).
Devices live in 10.34.0.0/16 from 10.34.2.1 on; every 7th one gets its own TFTP provisioning
URL, so both URL kinds reach the servers.
"""

import glob
import json
import os
import re
import sys

MODEL = re.compile(r"^\s*model\s+([a-z0-9_]+)\.([A-Za-z0-9_-]+)\b", re.M)
VENDOR = re.compile(r"^\s*vendor\s+([a-z0-9_]+)\s*\{", re.M)
OUI = re.compile(r'\boui\s+"([0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2})"')


def shipped(models_dir):
    models, ouis = [], {}
    for path in sorted(glob.glob(os.path.join(models_dir, "*", "*.phone"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for vendor in VENDOR.findall(text):
            m = OUI.search(text)
            if m:
                ouis.setdefault(vendor, m.group(1).lower())
        models += ["%s.%s" % m for m in MODEL.findall(text)]
    return sorted(set(models)), ouis


def main():
    doc_json, models_dir, count, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    _, ouis = shipped(models_dir)
    # The models and their capabilities from `phonec doc --format json`: only models a device can
    # be, and a BLF key only where the model has one.
    with open(doc_json, encoding="utf-8") as f:
        caps = {m["name"]: m for m in json.load(f)["models"] if m["provisionable"]}
    models = sorted(caps)
    if not models:
        sys.exit("gen_site.py: no model declarations under %s" % models_dir)
    devices = []
    for i in range(count):
        model = models[i % len(models)]
        oui = ouis.get(model.split(".")[0], "02:00:00")
        mac = "%s:%02x:%02x:%02x" % (oui, (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF)
        ext = str(2000 + i)
        device = {"mac": mac, "model": model, "ip": "10.34.%d.%d" % (2 + i // 250, 1 + i % 250),
                  "lines": [{"number": 1, "display_name": "Poste %s" % ext, "username": ext,
                             "password": "pw-%s" % ext, "voicemail": "*98"}],
                  "funckeys": []}
        if "blf" in caps[model]["key_types"] and caps[model]["line_keys"] > 0:
            device["funckeys"].append({"position": 1, "type": "blf", "value": str(2000 + (i + 1) % count),
                                       "label": "BLF"})
        if i % 7 == 3:
            device["provisioning_url"] = "tftp://10.34.1.6/"
        devices.append(device)
    site = {"format": "phonec-inventory/1",
            "site": {"provisioning_url": "http://10.34.1.6:8667/", "tftp_server": "10.34.1.6",
                     "timezone": "Europe/Paris", "ntp": "10.34.1.6",
                     "admin_password": "gen-Adm1n", "feature_codes": "wazo",
                     "sip": {"registrar": "10.34.1.6", "proxy": "10.34.1.6", "port": 5060,
                             "transport": "udp", "dtmf": "rfc2833", "srtp": "disabled", "mwi": True}},
            "devices": devices}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(site, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%d devices over %d models: %s" % (count, len(models), " ".join(models)))


if __name__ == "__main__":
    main()
