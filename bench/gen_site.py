#!/usr/bin/env python3
"""Synthetic phonec sites for benchmarks and determinism tests.

  gen_site.py N [-o FILE] [--seed S] [--models DIR] [--zones] [--shuffle S2]

N devices spread round-robin over every model declared in the shipped library (found by reading
`model vendor.Name :` lines under --models), with non-ASCII display names and key labels, one
to three lines and up to three function keys each. The same arguments always give the same bytes.
--zones gives devices America/Montreal, Europe/Paris, Asia/Kolkata and Australia/Sydney time
zones in turn (on every model). --shuffle S2 emits the same devices in another order.
"""
import argparse
import json
import os
import random
import re
import sys

FIRST = ["Émilie", "Zoë", "Jürgen", "Åsa", "Núñez", "François", "Søren", "Łukasz", "İlker", "Chloé",
         "Björn", "Mårten", "Œdipe", "Ðorđe", "Renée", "Ana", "Paul", "Grégoire", "Inès", "Niño"]
LAST = ["Núñez", "Lefèvre", "Øster", "Müller", "Dvořák", "Çelik", "O'Hara", "Smith & Co", "Gómez",
        "Strauß", "Wiśniewska", "Ångström", "Brontë", "Saint-Exupéry", "Naïm", "Thérèse", "Kovač"]
LABELS = ["Réception", "Bureau Zoë", "Accueil", "Café", "Crèche", "Sécurité", "Dépôt", "Büro", "Salle B"]
ZONES = ["America/Montreal", "Europe/Paris", "Asia/Kolkata", "Australia/Sydney"]
OUI = {"yealink": (0x00, 0x15, 0x65), "snom": (0x00, 0x04, 0x13)}


def shipped_models(models_dir):
    names = []
    for root, _, files in os.walk(models_dir):
        for f in sorted(files):
            if f.endswith(".phone"):
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    names += re.findall(r"^model\s+([a-z0-9]+\.[A-Za-z0-9_-]+)\s*:", fh.read(), re.M)
    return sorted(set(names))


def capabilities(path):
    """Provisionable models and what each can hold, from `phonec doc --format json`."""
    with open(path, encoding="utf-8") as f:
        return {m["name"]: m for m in json.load(f)["models"] if m["provisionable"]}


def device(i, model, rng, zones, caps=None):
    vendor = model.split(".")[0]
    a, b, c = OUI.get(vendor, (0x02, 0x00, 0x00))
    mac = "%02x:%02x:%02x:%02x:%02x:%02x" % (a, b, c, (i >> 16) & 255, (i >> 8) & 255, i & 255)
    # 10.a.b.c with c in 1..250: unique for up to 4M devices, never a .0 or .255 host.
    ip = "10.%d.%d.%d" % (16 + i // (250 * 256), (i // 250) % 256, i % 250 + 1)
    ext = 100000 + i
    lines = []
    cap = caps.get(model) if caps else None
    nlines = rng.randint(1, 3)
    if cap:
        nlines = min(nlines, cap["lines"])
    for n in range(1, nlines + 1):
        first = rng.choice(FIRST)  # the key label: short enough for every model's display
        lines.append({"number": n,
                      "display_name": "%s %s" % (first, rng.choice(LAST)), "label": first,
                      "username": "%d%d" % (ext, n), "password": "pw&<%08x>" % rng.getrandbits(32),
                      "voicemail": "*98"})
    keys = []
    kinds = ["blf", "speeddial", "park"]
    nkeys = rng.randint(0, 3)
    if cap:
        kinds = [k for k in kinds if k in cap["key_types"]] or ["blf"]
        room = cap["line_keys"] + cap["expansion_modules"] * cap["expansion_keys"]
        if not set(kinds) & set(cap["key_types"]):
            room = 0
        nkeys = min(nkeys, room)
    for p in range(1, nkeys + 1):
        kind = rng.choice(kinds)
        keys.append({"position": p, "type": kind, "value": str(100000 + rng.randrange(1000000)),
                     "label": rng.choice(LABELS)})
    d = {"mac": mac, "model": model, "ip": ip, "lines": lines, "funckeys": keys}
    if zones:
        d["timezone"] = ZONES[(i // 2) % len(ZONES)]  # each zone on both vendors in turn
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--models", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models"))
    ap.add_argument("--zones", action="store_true")
    ap.add_argument("--shuffle", type=int)
    ap.add_argument("--vendors", help="comma-separated vendors to draw models from (default: all)")
    ap.add_argument("--capabilities", help="`phonec doc --format json` output: only provisionable models, "
                                           "lines and keys within each model's capacity")
    a = ap.parse_args()
    caps = capabilities(a.capabilities) if a.capabilities else None
    models = sorted(caps) if caps else shipped_models(a.models)
    if a.vendors:
        keep = set(a.vendors.split(","))
        models = [m for m in models if m.split(".")[0] in keep]
    if not models:
        sys.exit("gen_site.py: no models under " + a.models)
    rng = random.Random(a.seed)
    # Streamed unless shuffled: a million devices never sit in memory at once.
    devs = (device(i, models[i % len(models)], rng, a.zones, caps) for i in range(a.n))
    if a.shuffle is not None:
        devs = list(devs)
        random.Random(a.shuffle).shuffle(devs)
    site = {"format": "phonec-inventory/1",
            "site": {"provisioning_url": "http://10.34.1.6:8667/", "tftp_server": "10.34.1.6",
                     "timezone": "America/Montreal", "ntp": "10.34.1.6",
                     "admin_password": "Adm1n&<pw>", "feature_codes": "wazo",
                     # Names such as Łukasz reach phones whose files are ISO-8859-1.
                     "charset_policy": "transliterate",
                     "sip": {"registrar": "10.34.1.6", "proxy": "10.34.1.6", "port": 5060,
                             "backup_registrar": "10.34.1.7", "backup_proxy": "10.34.1.7",
                             "transport": "udp", "dtmf": "rfc2833", "srtp": "disabled", "mwi": True}},
            "devices": devs}
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    # One device per line: big files stay diffable and a one-device edit is a one-line edit.
    out.write('{"format": "phonec-inventory/1",\n "site": %s,\n "devices": [\n'
              % json.dumps(site["site"], ensure_ascii=False, sort_keys=True))
    for k, d in enumerate(devs):
        out.write("  " + json.dumps(d, ensure_ascii=False) + (",\n" if k + 1 < a.n else "\n"))
    out.write(" ]}\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
