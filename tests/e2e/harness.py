"""End-to-end check of a phonec output tree with real servers in network namespaces.

Called by harness.sh, which owns the state directory and the cleanup trap. This
program builds the namespaces, runs ISC dhcpd (then Kea), in.tftpd and nginx in a
server namespace, plays every phone with busybox udhcpc (its MAC, vendor class and
request list), decodes what the servers sent from a packet capture and fetches each
file the phone would fetch, comparing the bytes with the output tree; a phone with
fetch_firmware then fetches the image its configuration points at and compares it with
the file given to phonec build --assets.

Every process it starts and every namespace it creates is recorded under
STATE/pids and STATE/netns so that harness.sh can remove them even if this
program is killed. Output: one line per phone and check, then "N passed, M failed".
"""

import argparse
import hashlib
import ipaddress
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse

import dhcppcap
import kea_config

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_IP = "10.34.1.6"
SUBNET = ipaddress.IPv4Network("10.34.1.0/24")
BRIDGE = "br0"
DEFAULT_URL_OPTIONS = [66, 160, 43]
DEFAULT_TFTP_SOURCES = [150, 66, "siaddr"]
# How a phone writes its own MAC into a file name or a URL macro: {mac} / {MAC} in "files",
# the values of "url_macros".
MAC_FORMS = {"mac": lambda m: m.replace(":", ""), "MAC": lambda m: m.replace(":", "").upper()}
DHCP_WAIT = 15.0           # seconds for every phone's ACK to appear in the capture
FETCH_TIMEOUT = 8          # seconds for one transfer
IMAGE_TIMEOUT = 30         # seconds for one firmware transfer (a 23 MB image in 512-byte TFTP blocks)
IMAGE_BLKSIZE = 1468       # the busybox firmware transfer's TFTP block size: 1500-byte MTU less headers
DHCPD_BOILERPLATE = re.compile(r"^(Internet Systems Consortium|Copyright|All rights reserved|For info, please|"
                               r"If you think|than a configuration|bugs on either|before submitting|"
                               r"process and the|exiting\.)")


class Stop(Exception):
    """A signal asked us to stop: unwind through the cleanup."""


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.lines = []

    def check(self, ok, pass_, phone, check, detail):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        line = "%s %s %s %s: %s" % ("PASS" if ok else "FAIL", pass_, phone, check, detail)
        self.lines.append(line)
        print(line, flush=True)
        return ok

    def info(self, text):
        print("# " + text, flush=True)


def run(argv, timeout=10, **kw):
    return subprocess.run(argv, capture_output=True, timeout=timeout, **kw)


def netns_exec(ns, argv):
    return ["ip", "netns", "exec", ns] + argv


def start_time(pid):
    """Field 22 of /proc/PID/stat: with the PID it identifies a process for sure."""
    with open("/proc/%d/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()[19]


class Lab:
    """The namespaces and the processes of one run. Everything is registered on disk."""

    def __init__(self, state, report):
        self.state = state
        self.report = report
        self.procs = {}
        self.netns = []
        self.tag = "pce2e%d" % os.getpid()
        self.server_ns = self.tag + "s"
        for sub in ("pids", "logs"):
            os.makedirs(os.path.join(state, sub), exist_ok=True)

    # -- processes -----------------------------------------------------------------
    def start(self, name, argv, env=None, cwd=None):
        out = open(os.path.join(self.state, "logs", name + ".out"), "wb")
        err = open(os.path.join(self.state, "logs", name + ".err"), "wb")
        # No signal between the start and the registration: a Stop raised there would leave
        # a process that neither close() nor harness.sh knows about (seen with in.tftpd).
        stops = {signal.SIGTERM, signal.SIGINT, signal.SIGHUP}
        signal.pthread_sigmask(signal.SIG_BLOCK, stops)
        try:
            # A new session makes the process group id equal to the saved PID, so the
            # cleanup can end the daemon and its children by that id, never by name.
            # The child inherits the mask: unblock in it before exec, or it would ignore SIGTERM.
            proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                    env=env, cwd=cwd, start_new_session=True,
                                    preexec_fn=lambda: signal.pthread_sigmask(signal.SIG_UNBLOCK, stops))
            self.procs[name] = proc
            with open(os.path.join(self.state, "pids", name), "w") as f:
                f.write("%d %s\n" % (proc.pid, start_time(proc.pid)))
        finally:
            out.close()
            err.close()
            signal.pthread_sigmask(signal.SIG_UNBLOCK, stops)
        return proc

    def stderr(self, name):
        with open(os.path.join(self.state, "logs", name + ".err"), "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self, name, grace=3.0):
        proc = self.procs.pop(name, None)
        if proc is None:
            return None
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        # Whether the leader obeyed or not, its group may still have children: an in.tftpd
        # transfer child catches SIGTERM and goes on retransmitting to a phone that is gone
        # (an interrupted firmware transfer left one running for a minute).
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(5)
        os.unlink(os.path.join(self.state, "pids", name))
        return proc.returncode

    # -- namespaces ----------------------------------------------------------------
    def add_netns(self, name):
        with open(os.path.join(self.state, "netns"), "a") as f:
            f.write(name + "\n")
        ip(["netns", "add", name])
        self.netns.append(name)
        ip(["-n", name, "link", "set", "lo", "up"])

    def build(self, phones):
        self.add_netns(self.server_ns)
        ip(["-n", self.server_ns, "link", "add", BRIDGE, "type", "bridge",
            "forward_delay", "0", "stp_state", "0"])
        ip(["-n", self.server_ns, "addr", "add", SERVER_IP + "/24", "dev", BRIDGE])
        ip(["-n", self.server_ns, "link", "set", BRIDGE, "up"])
        for i, phone in enumerate(phones):
            phone["ns"] = "%sp%d" % (self.tag, i)
            self.add_netns(phone["ns"])
            port = "vp%d" % i
            # Both ends are created directly inside the test namespaces: the host's
            # own interfaces are never touched.
            ip(["link", "add", port, "netns", self.server_ns, "type", "veth", "peer", "name", "eth0",
                "netns", phone["ns"], "address", phone["mac"]])
            ip(["-n", self.server_ns, "link", "set", port, "master", BRIDGE, "up"])
            ip(["-n", phone["ns"], "link", "set", "eth0", "up"])

    def close(self):
        for name in list(reversed(list(self.procs))):
            self.stop(name, grace=2.0)
        for name in reversed(self.netns):
            subprocess.run(["ip", "netns", "del", name], capture_output=True)
        self.netns = []
        try:
            os.unlink(os.path.join(self.state, "netns"))
        except FileNotFoundError:
            pass

    def listening(self, proto, port):
        out = run(netns_exec(self.server_ns, ["ss", "-Hln" + proto])).stdout.decode()
        return any(line.split()[3].endswith(":%d" % port) for line in out.splitlines() if len(line.split()) > 3)

    def wait_listening(self, name, proto, ports, timeout=5.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.procs[name].poll() is not None:
                return "exited with status %d: %s" % (self.procs[name].returncode, self.stderr(name).strip()[-400:])
            if all(self.listening(proto, p) for p in ports):
                return None
            time.sleep(0.02)
        return "not listening on %s port(s) %s after %.0f s" % (proto, ports, timeout)


def ip(args):
    result = run(["ip"] + args)
    if result.returncode != 0:
        raise RuntimeError("ip %s: %s" % (" ".join(args), result.stderr.decode().strip()))


# -- inputs ----------------------------------------------------------------------------
def normalise_mac(text):
    digits = re.sub(r"[:\-.]", "", text.strip().lower())
    if not re.fullmatch(r"[0-9a-f]{12}", digits):
        raise ValueError("not a MAC address: %r" % text)
    return ":".join(digits[i:i + 2] for i in range(0, 12, 2))


def inventory_phones(path, doc):
    """The devices of the phonec inventory named by "inventory" (relative to phones.json), as
    phone entries, followed by the descriptor's own "phones" (which override by MAC)."""
    entries = {}
    if "inventory" in doc:
        with open(os.path.join(os.path.dirname(os.path.abspath(path)), doc["inventory"]), encoding="utf-8") as f:
            inventory = json.load(f)
        for device in inventory["devices"]:
            entry = {"mac": device["mac"], "model": device["model"]}
            if "ip" in device:
                entry["ip"] = device["ip"]
            entries[normalise_mac(device["mac"])] = entry
    for entry in doc.get("phones", []):
        key = normalise_mac(entry["mac"])
        if key in entries:
            entries[key].update(entry)
        else:
            entries[key] = dict(entry)
    return list(entries.values())


def load_phones(path):
    """phones.json: {"format": "phonec-e2e-phones/1", "models": {model: defaults},
    "inventory": "site.json" (its devices are phones), "phones": [{"mac", "model", ...overrides}]}.
    Every phone's model must have an entry in "models": a new family is one entry."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("format") != "phonec-e2e-phones/1":
        raise ValueError("%s: format must be phonec-e2e-phones/1" % path)
    unknown = set(doc) - {"format", "comment", "models", "phones", "inventory"}
    if unknown:
        raise ValueError("%s: unknown top-level keys %s" % (path, sorted(unknown)))
    allowed = {"mac", "model", "vendor_class", "request_list", "fetch", "files", "ip",
               "url_options", "tftp_sources", "user_agent", "client", "comment", "url_macros",
               "firmware_url", "fetch_firmware"}
    phones = []
    for entry in inventory_phones(path, doc):
        if entry["model"] not in doc.get("models", {}):
            raise ValueError("%s: phone %s: model %s has no entry in \"models\"" % (path, entry["mac"], entry["model"]))
        phone = dict(doc.get("models", {}).get(entry["model"], {}))
        phone.update(entry)
        unknown = set(phone) - allowed
        if unknown:
            raise ValueError("%s: phone %s: unknown keys %s" % (path, entry.get("mac"), sorted(unknown)))
        for key in ("vendor_class", "request_list", "fetch"):
            if key not in phone:
                raise ValueError("%s: phone %s has no %s" % (path, entry["mac"], key))
        phone["mac"] = normalise_mac(phone["mac"])
        fetch = phone["fetch"]
        phone["fetch"] = ["http", "tftp"] if fetch == "both" else [fetch] if isinstance(fetch, str) else fetch
        if not (set(phone["fetch"]) <= {"http", "tftp"} or phone["fetch"] == ["auto"]) or not phone["fetch"]:
            raise ValueError("%s: phone %s: fetch must be tftp, http, both or auto" % (path, phone["mac"]))
        phone.setdefault("client", "udhcpc")
        if phone["client"] not in ("udhcpc", "dhclient"):
            raise ValueError("%s: phone %s: client must be udhcpc or dhclient" % (path, phone["mac"]))
        phone.setdefault("url_options", DEFAULT_URL_OPTIONS)
        for code in phone["url_options"]:
            if not (isinstance(code, int) or re.fullmatch(r"43\.\d+", str(code))):
                raise ValueError("%s: phone %s: url_options holds option codes or \"43.N\" (vendor sub-option N), not %r"
                                 % (path, phone["mac"], code))
        for macro, form in phone.get("url_macros", {}).items():
            if form not in MAC_FORMS:
                raise ValueError("%s: phone %s: url_macros %s must be one of %s" % (path, phone["mac"], macro, sorted(MAC_FORMS)))
        phone.setdefault("tftp_sources", DEFAULT_TFTP_SOURCES)
        if phone.get("fetch_firmware"):
            spec = phone.get("firmware_url")
            if not (isinstance(spec, dict) and set(spec) == {"file", "pattern"}):
                raise ValueError("%s: phone %s: fetch_firmware needs firmware_url {\"file\", \"pattern\"}" % (path, phone["mac"]))
            if re.compile(spec["pattern"]).groups != 1:
                raise ValueError("%s: phone %s: the firmware_url pattern needs exactly one group (the URL)" % (path, phone["mac"]))
        phones.append(phone)
    macs = [p["mac"] for p in phones]
    if len(set(macs)) != len(macs):
        raise ValueError("%s: a MAC appears twice" % path)
    return phones


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def check_manifest(report, tree):
    """Every listed file exists with its size and hash; every served file is listed."""
    with open(os.path.join(tree, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest.get("format") != "phonec-manifest/1":
        report.check(False, "-", "-", "manifest", "format is %r, expected phonec-manifest/1" % manifest.get("format"))
    problems, listed = [], set()
    for entry in manifest["files"]:
        path = entry["path"]
        listed.add(path)
        full = os.path.join(tree, path)
        if os.path.isabs(path) or ".." in path.split("/"):
            problems.append("%s: path leaves the tree" % path)
        elif not os.path.isfile(full):
            problems.append("%s: listed but missing" % path)
        elif os.path.getsize(full) != entry["size"]:
            problems.append("%s: size %d, manifest says %d" % (path, os.path.getsize(full), entry["size"]))
        elif sha256_file(full) != entry["sha256"]:
            problems.append("%s: sha256 differs from the manifest" % path)
    for root, _, files in os.walk(os.path.join(tree, "tftp")):
        for name in files:
            rel = os.path.relpath(os.path.join(root, name), tree)
            if rel not in listed:
                problems.append("%s: served but not in the manifest" % rel)
    report.check(not problems, "-", "-", "manifest",
                 "; ".join(problems) if problems else "%d files, sizes and sha256 match" % len(listed))
    return manifest


def expand_mac(template, mac):
    """{mac} / {MAC} in a descriptor's file name: the phone's MAC as it writes it."""
    for name, form in MAC_FORMS.items():
        template = template.replace("{%s}" % name, form(mac))
    return template


def device_files(phone, manifest):
    """The manifest's files of this very device (not the shared ones)."""
    return sorted(e["path"] for e in manifest["files"] if e["path"].startswith("tftp/") and e.get("device")
                  and e["device"] != "shared" and normalise_mac(e["device"]) == phone["mac"])


def asset_files(manifest):
    """The manifest paths of the firmware images and language packs (`assets`)."""
    return {"tftp/" + a["path"] for a in manifest.get("assets", [])}


def phone_files(phone, manifest):
    """The manifest paths the phone requests: explicit, or its own files plus the
    shared files of its model. Only files under tftp/ are served. Assets are left out:
    a phone fetches an image only where its configuration points (check_firmware)."""
    if "files" in phone:
        return [expand_mac(f, phone["mac"]) for f in phone["files"]]
    result = []
    assets = asset_files(manifest)
    for entry in manifest["files"]:
        if not entry["path"].startswith("tftp/") or entry["path"] in assets:
            continue
        device = entry.get("device")
        if device == "shared":
            if entry.get("model") == phone["model"]:
                result.append(entry["path"])
        elif device and normalise_mac(device) == phone["mac"]:
            result.append(entry["path"])
    return sorted(result)


# -- server configuration ----------------------------------------------------------------
def served_copy(report, tree, state):
    """in.tftpd runs as tftp and nginx workers as nobody: serve a world-readable copy."""
    served = os.path.join(state, "served")
    shutil.copytree(tree, served, symlinks=False)
    for root, dirs, files in os.walk(served):
        os.chmod(root, 0o755)
        for name in files:
            path = os.path.join(root, name)
            os.chmod(path, os.stat(path).st_mode | 0o444)
    probe = None
    for root, _, files in os.walk(os.path.join(served, "tftp")):
        if files:
            probe = os.path.join(root, files[0])
            break
    if probe:
        for user in ("nobody", "tftp"):
            result = run(["setpriv", "--reuid=" + user, "--regid=nogroup", "--clear-groups", "test", "-r", probe])
            if result.returncode != 0:
                report.check(False, "-", "-", "served-copy", "%s cannot read %s: the state path is not world-traversable" % (user, probe))
                return None
    return served


def http_ports(texts):
    ports = {80}
    for text in texts:
        for m in re.finditer(r"http://" + re.escape(SERVER_IP) + r"(?::(\d+))?(?=[/\"'\s])", text):
            ports.add(int(m.group(1) or 80))
    return sorted(ports)


def start_nginx(report, lab, served, ports):
    conf_dir = os.path.join(lab.state, "nginx")
    os.makedirs(conf_dir)
    temps = "\n".join("    %s_temp_path %s/%s;" % (t, conf_dir, t) for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    listens = "\n".join("    listen %s:%d;" % (SERVER_IP, p) for p in ports)
    conf = os.path.join(conf_dir, "nginx.conf")
    with open(conf, "w") as f:
        f.write("""worker_processes 1;
user nobody nogroup;
pid %(dir)s/nginx.pid;
error_log %(logs)s/nginx-error.log;
events { worker_connections 64; }
http {
  access_log %(logs)s/nginx-access.log;
  default_type application/octet-stream;
%(temps)s
  server {
%(listens)s
    root %(root)s;
    autoindex off;
  }
}
""" % {"dir": conf_dir, "logs": os.path.join(lab.state, "logs"), "temps": temps,
            "listens": listens, "root": os.path.join(served, "tftp")})
    # -e: otherwise nginx opens /var/log/nginx/error.log before it reads -c.
    lab.start("nginx", netns_exec(lab.server_ns, ["nginx", "-c", conf, "-e", os.path.join(lab.state, "logs", "nginx-stderr.log"),
                                                  "-g", "daemon off;"]))
    problem = lab.wait_listening("nginx", "t", ports)
    return report.check(problem is None, "-", "-", "http-server",
                        problem or "nginx serves %s/tftp on port(s) %s" % ("<served copy>", ",".join(map(str, ports))))


def read_tftpd_defaults(path):
    """Source the file with /bin/sh, as /etc/init.d/tftpd-hpa does."""
    script = ('set -e; . "$1"; printf "%s\\0%s\\0%s\\0%s\\0%s\\0%s\\0%s\\0%s\\0" '
              '"${TFTP_USERNAME+set}" "${TFTP_USERNAME-}" "${TFTP_DIRECTORY+set}" "${TFTP_DIRECTORY-}" '
              '"${TFTP_ADDRESS+set}" "${TFTP_ADDRESS-}" "${TFTP_OPTIONS+set}" "${TFTP_OPTIONS-}"')
    result = run(["env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "/bin/sh", "-c", script, "sh", path])
    if result.returncode != 0 or result.stderr:
        raise ValueError("sourcing it with /bin/sh failed: %s" % result.stderr.decode().strip())
    fields = result.stdout.decode().split("\0")
    values = {}
    for i, key in enumerate(("TFTP_USERNAME", "TFTP_DIRECTORY", "TFTP_ADDRESS", "TFTP_OPTIONS")):
        if fields[2 * i] == "set":
            values[key] = fields[2 * i + 1]
    return values


def start_tftpd(report, lab, served):
    try:
        values = read_tftpd_defaults(os.path.join(served, "tftpd-hpa"))
        for key in ("TFTP_USERNAME", "TFTP_DIRECTORY", "TFTP_ADDRESS", "TFTP_OPTIONS"):
            if not values.get(key):
                raise ValueError("%s is not set" % key)
        options = values["TFTP_OPTIONS"].split()
        directories = values["TFTP_DIRECTORY"].split()
        if not any(o in ("--secure", "-s") for o in options):
            raise ValueError("TFTP_OPTIONS lacks --secure: phones request paths relative to the root")
        if len(directories) != 1:
            raise ValueError("with --secure exactly one directory may be given, not %r" % values["TFTP_DIRECTORY"])
        if not directories[0].startswith("/"):
            raise ValueError("TFTP_DIRECTORY %r is not absolute" % directories[0])
        pwd.getpwnam(values["TFTP_USERNAME"])
    except (ValueError, KeyError) as e:
        return report.check(False, "-", "-", "tftp-server", "tftpd-hpa file: %s" % e)
    # TFTP_DIRECTORY names the production path; the served copy stands in for it.
    argv = ["in.tftpd", "--foreground", "--user", values["TFTP_USERNAME"],
            "--address", values["TFTP_ADDRESS"]] + options + [os.path.join(served, "tftp")]
    lab.start("tftpd", netns_exec(lab.server_ns, argv))
    problem = lab.wait_listening("tftpd", "u", [69])
    if problem is None and lab.stderr("tftpd"):
        problem = "in.tftpd warned: %s" % lab.stderr("tftpd").strip()   # e.g. unrecognized option
    return report.check(problem is None, "-", "-", "tftp-server",
                        problem or "in.tftpd --address %s %s (from the tftpd-hpa file)" % (values["TFTP_ADDRESS"], values["TFTP_OPTIONS"]))


def start_dhcpd(report, lab, served):
    include = os.path.join(served, "dhcp", "dhcpd.conf")
    with open(include, encoding="utf-8") as f:
        text = f.read()
    absolute = re.findall(r'^\s*include\s+"(/[^"]*)"', text, re.M)
    if absolute:    # it would read the host's files (pitfall 4)
        return report.check(False, "isc", "-", "dhcpd-config", "the include file includes absolute paths %s" % absolute)
    work = os.path.join(lab.state, "isc")
    os.makedirs(work)
    conf = os.path.join(work, "dhcpd.conf")
    with open(conf, "w") as f:
        f.write("""# e2e wrapper: the test subnet around phonec's include file
authoritative;
ping-check false;
default-lease-time 600;
max-lease-time 600;
include "%s";
subnet 10.34.1.0 netmask 255.255.255.0 {
  range 10.34.1.100 10.34.1.199;
}
""" % include)
    leases = os.path.join(work, "dhcpd.leases")
    open(leases, "w").close()           # pitfall 1: dhcpd wants an existing lease file
    checked = run(netns_exec(lab.server_ns, ["dhcpd", "-4", "-t", "-cf", conf]), cwd=served)
    if not report.check(checked.returncode == 0, "isc", "-", "dhcpd-config",
                        "dhcpd -t accepts the wrapper and the include" if checked.returncode == 0 else
                        "dhcpd -t: " + " | ".join(l for l in checked.stderr.decode().splitlines()
                                                  if l.strip() and not DHCPD_BOILERPLATE.search(l))[-1500:]):
        return False
    lab.start("dhcpd", netns_exec(lab.server_ns, ["dhcpd", "-4", "-f", "-d", "-cf", conf, "-lf", leases,
                                                  "-pf", os.path.join(work, "dhcpd.pid"), BRIDGE]), cwd=served)
    problem = lab.wait_listening("dhcpd", "u", [67])
    return report.check(problem is None, "isc", "-", "dhcp-server", problem or "dhcpd runs on %s" % BRIDGE)


def start_kea(report, lab, served):
    work = os.path.join(lab.state, "kea")
    os.makedirs(work)
    try:
        with open(os.path.join(served, "dhcp", "kea-dhcp4.json"), encoding="utf-8") as f:
            config = kea_config.build(json.load(f), BRIDGE, work)
    except ValueError as e:
        return report.check(False, "kea", "-", "kea-config", str(e))
    os.makedirs(os.path.join(work, "logs"))
    conf = os.path.join(work, "kea-dhcp4.conf")
    with open(conf, "w") as f:
        json.dump(config, f, indent=2)
    env = dict(os.environ, KEA_PIDFILE_DIR=work, KEA_LOCKFILE_DIR=work)
    # pitfall 6: the interface only exists inside the namespace, so check there.
    checked = run(netns_exec(lab.server_ns, ["kea-dhcp4", "-t", conf]), env=env)
    if not report.check(checked.returncode == 0, "kea", "-", "kea-config",
                        "kea-dhcp4 -t accepts the config built from the fragment" if checked.returncode == 0 else
                        "kea-dhcp4 -t: " + (checked.stdout + checked.stderr).decode().strip()[-1500:]):
        return False
    lab.start("kea", netns_exec(lab.server_ns, ["kea-dhcp4", "-c", conf]), env=env)
    problem = lab.wait_listening("kea", "u", [67])
    return report.check(problem is None, "kea", "-", "dhcp-server", problem or "kea-dhcp4 runs on %s" % BRIDGE)


# -- one DHCP pass -----------------------------------------------------------------------
def capture(lab, pcap):
    # --immediate-mode: without it libpcap's ring hands packets over up to ~1 s late and a
    # SIGTERM loses them (pitfall 12). -U flushes the file after every packet.
    lab.start("tcpdump", netns_exec(lab.server_ns, ["tcpdump", "-i", BRIDGE, "-n", "-U", "--immediate-mode", "-Z", "root",
                                                    "-w", pcap, "udp port 67 or udp port 68"]))
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if "listening on" in lab.stderr("tcpdump"):
            return None
        if lab.procs["tcpdump"].poll() is not None:
            break
        time.sleep(0.02)
    return "tcpdump did not start: " + lab.stderr("tcpdump").strip()


def client_name(pass_, phone):
    return "%s-%s-%s" % (phone["client"], pass_, phone["mac"].replace(":", ""))


def dhclient_argv(phone, out):
    conf = out + ".dhclient.conf"
    with open(conf, "w") as f:
        # "request;" empties dhclient's own list; the phone's list is sent as is, in order.
        f.write('send vendor-class-identifier "%s";\nrequest;\nsend dhcp-parameter-request-list %s;\n'
                % (phone["vendor_class"].replace("\\", "\\\\").replace('"', '\\"'),
                   ", ".join(map(str, phone["request_list"]))))
    # -d -1 in the background: without -d it forks and writes its pid file after -1
    # returned, a race that left a dhclient running (pitfall 13).
    return ["dhclient", "-4", "-d", "-1", "-cf", conf, "-lf", out + ".leases", "-pf", out + ".pid",
            "-sf", os.path.join(HERE, "dhclient-hook.sh"), "-e", "E2E_CLIENT_OUT=" + out, "eth0"]


def run_clients(lab, phones, pass_, work):
    for phone in phones:
        ip(["-n", phone["ns"], "addr", "flush", "dev", "eth0"])
        out = os.path.join(work, phone["mac"].replace(":", ""))
        phone["client_out"] = out
        if phone["client"] == "dhclient":
            argv = dhclient_argv(phone, out)
        else:
            argv = ["busybox", "udhcpc", "-f", "-q", "-n", "-t", "5", "-T", "1", "-A", "1", "-i", "eth0",
                    "-V", phone["vendor_class"], "-o", "-s", os.path.join(HERE, "udhcpc-hook.sh")]
            for code in phone["request_list"]:
                argv += ["-O", str(code)]
        env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "E2E_CLIENT_OUT": out}
        lab.start(client_name(pass_, phone), netns_exec(phone["ns"], argv), env=env)


def wait_for_acks(lab, phones, pass_, pcap):
    """Poll the capture until every phone's ACK (or NAK) is in it, or time runs out."""
    deadline = time.monotonic() + DHCP_WAIT
    clients = [client_name(pass_, p) for p in phones]
    exited_at = None
    while True:
        packets = dhcppcap.read_pcap(pcap) if os.path.exists(pcap) else []
        done = {p.chaddr for p in packets if p.op == 2 and p.message_type in ("ACK", "NAK")}
        if all(phone["mac"] in done for phone in phones):
            break
        if all(lab.procs[c].poll() is not None for c in clients):
            exited_at = exited_at or time.monotonic()
            if time.monotonic() - exited_at > 0.5:
                break   # every client gave up; the reply is not coming
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    return packets


def decoded_options(packet):
    return " ".join("%d=%s" % (c, dhcppcap.describe(c, v)) for c, v in sorted(packet.options.items())
                    if c not in (53, 54, 51, 58, 59, 255))


def check_dhcp(report, pass_, phone, packets):
    mac, label = phone["mac"], phone["mac"] + " " + phone["model"]
    sent = [p for p in packets if p.op == 1 and p.chaddr == mac and p.message_type in ("DISCOVER", "REQUEST")]
    replies = [p for p in packets if p.op == 2 and p.chaddr == mac and p.message_type in ("ACK", "NAK")]
    if not sent:
        report.check(False, pass_, label, "dhcp", "no DISCOVER/REQUEST from the phone in the capture")
        return None
    problems = []
    for p in sent:
        if p.text(60) != phone["vendor_class"]:
            problems.append("sent vendor class %r, expected %r" % (p.text(60), phone["vendor_class"]))
        # busybox sends its list sorted by code; dhclient keeps the phone's order.
        if (p.request_list() != phone["request_list"] if phone["client"] == "dhclient"
                else sorted(set(p.request_list())) != sorted(set(phone["request_list"]))):
            problems.append("sent request list %s, expected %s" % (p.request_list(), phone["request_list"]))
    ack = replies[-1] if replies else None
    if ack is None:
        problems.append("no ACK within %.0f s" % DHCP_WAIT)
    elif ack.message_type == "NAK":
        problems.append("NAK: %s" % (ack.text(56) or ""))
    elif "ip" in phone and ack.yiaddr != phone["ip"]:
        problems.append("got %s, expected the reservation %s" % (ack.yiaddr, phone["ip"]))
    ok = report.check(not problems, pass_, label, "dhcp", "; ".join(sorted(set(problems))) if problems else
                      "ACK %s/%s from %s (vendor class %s, request list %s)" %
                      (ack.yiaddr, ack.prefix_length(), ack.text(54) and ack.ips(54)[0], phone["vendor_class"],
                       ",".join(map(str, phone["request_list"]))))
    if ack is not None and ack.message_type == "ACK":
        report.info("%s %s ACK options: %s siaddr=%s" % (pass_, mac, decoded_options(ack), ack.siaddr))
    return ack if ok else None


def read_env(path):
    values = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            values[key] = value
    return values


def udhcpc_view(ack):
    """What busybox udhcpc 1.35 reports for the options in the ACK: the names it knows
    are reformatted, the others arrive as optNN lower-case hex (pitfall 8)."""
    expected = {"ip": ack.yiaddr}
    for code in (43, 114, 150, 160):
        if code in ack.options:
            expected["opt%d" % code] = ack.options[code].hex()
    if 42 in ack.options:
        expected["ntpsrv"] = " ".join(ack.ips(42) or [])
    if 2 in ack.options:    # busybox 1.35 prints this signed option as unsigned 32-bit
        expected["timezone"] = (dhcppcap.describe(2, ack.options[2]), str(int.from_bytes(ack.options[2], "big")))
    if 66 in ack.options:   # validated as a host name: a URL becomes "bad"
        value = ack.text(66)
        expected["tftp"] = value if re.fullmatch(r"[A-Za-z0-9.\-]+", value) else "bad"
    return expected


def dhclient_text(value):
    """ISC dhclient's pretty_escape of a text option for its script: shell-special characters
    get a backslash (Fanvil's "$mac" arrives as "\\$mac"), unprintable bytes become \\ooo."""
    out = []
    for ch in value:
        if ch in "\"'$`\\|&":
            out.append("\\" + ch)
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def dhclient_view(ack):
    """What ISC dhclient hands its script: option 66 unchanged, option 43 as colon hex
    without leading zeros."""
    expected = {"new_ip_address": ack.yiaddr}
    if 66 in ack.options:
        expected["new_tftp_server_name"] = dhclient_text(ack.text(66))
    if 43 in ack.options:
        expected["new_vendor_encapsulated_options"] = ":".join("%x" % b for b in ack.options[43])
    if 150 in ack.options:
        expected["new_tftp_server_address"] = " ".join(ack.ips(150) or [])
    if 160 in ack.options:
        expected["new_v4_captive_portal"] = dhclient_text(ack.text(160))
    if 114 in ack.options:
        expected["new_default_url"] = dhclient_text(ack.text(114))
    if 42 in ack.options:
        expected["new_ntp_servers"] = " ".join(ack.ips(42) or [])
    if 2 in ack.options:
        expected["new_time_offset"] = dhcppcap.describe(2, ack.options[2])
    return expected


def check_client_view(report, pass_, phone, ack, rc):
    """The DHCP client's own report must agree with the capture."""
    label = phone["mac"] + " " + phone["model"]
    path = phone["client_out"] + ".bound"
    if not os.path.exists(path) or (phone["client"] == "udhcpc" and rc != 0):
        return report.check(False, pass_, label, "client", "%s exited %s without a bound event" % (phone["client"], rc))
    env = read_env(path)
    expected = dhclient_view(ack) if phone["client"] == "dhclient" else udhcpc_view(ack)
    wrong = ["%s=%r, capture says %r" % (k, env.get(k), v) for k, v in expected.items()
             if env.get(k) not in (v if isinstance(v, tuple) else (v,))]
    return report.check(not wrong, pass_, label, "client", "; ".join(wrong) if wrong else
                        "%s bound; its view agrees with the capture (%s)" % (phone["client"], ",".join(sorted(expected))))


def url_candidates(ack, code):
    """The values an option offers as a server or URL: 43 = every sub-option, "43.N" = sub-option N."""
    if code == 43 or str(code).startswith("43."):
        items = dhcppcap.decode_tlv(ack.options.get(43, b"")) or []
        wanted = None if code == 43 else int(str(code).split(".")[1])
        return [v.decode("utf-8", "replace") for sub, v in items if wanted is None or sub == wanted]
    return [ack.text(code)] if code in ack.options else []


def expand_url(phone, value):
    """Macros the phone replaces in the URL it got (Fanvil's $mac), per "url_macros"."""
    for macro, form in sorted(phone.get("url_macros", {}).items(), key=lambda kv: -len(kv[0])):
        value = value.replace(macro, MAC_FORMS[form](phone["mac"]))
    return value


def auto_transport(phone, ack):
    """fetch "auto": the phone takes the first of its url_options that holds a server and uses
    the transport it names: an http(s):// URL, or TFTP for a tftp:// URL or a bare address."""
    for code in phone["url_options"]:
        for value in url_candidates(ack, code):
            if re.match(r"https?://", value, re.I):
                return "http", "option %s holds %s" % (code, value)
            if re.match(r"tftp://", value, re.I) or re.fullmatch(r"\d+\.\d+\.\d+\.\d+", value):
                return "tftp", "option %s holds %s" % (code, value)
    return None, "no server in option(s) %s" % ",".join(map(str, phone["url_options"]))


def provisioning_url(phone, ack):
    """The HTTP URL the phone follows: the first of its url_options that holds one."""
    for code in phone["url_options"]:
        for value in url_candidates(ack, code):
            if re.match(r"https?://", value, re.I):
                url = expand_url(phone, value)
                return url, "option %s%s" % (code, "" if url == value else ", %s as the phone expands it" % value)
    return None, "no HTTP URL in option(s) %s" % ",".join(map(str, phone["url_options"]))


def tftp_server(phone, ack):
    """(server, path prefix, source) from the first of the phone's tftp_sources that holds one."""
    for source in phone["tftp_sources"]:
        if source == "siaddr":
            if ack.siaddr != "0.0.0.0":
                return ack.siaddr, "", "siaddr"
        elif source == 150 and ack.ips(150):
            return ack.ips(150)[0], "", "option 150"
        elif source == 66 and 66 in ack.options:
            value = ack.text(66)
            m = re.fullmatch(r"tftp://([^/:]+)(?::69)?(/.*)?", value, re.I)
            if m:
                return m.group(1), (m.group(2) or "/").lstrip("/"), "option 66"
            if re.fullmatch(r"\d+\.\d+\.\d+\.\d+", value):
                return value, "", "option 66"
    return None, "", "no TFTP server in %s" % ",".join(map(str, phone["tftp_sources"]))


def inside_test_subnet(host):
    try:
        return ipaddress.IPv4Address(host) in SUBNET
    except ValueError:
        return False


def same_bytes(got, want):
    with open(got, "rb") as f:
        a = f.read()
    with open(want, "rb") as f:
        b = f.read()
    if a == b:
        return None
    n, at = min(len(a), len(b)), 0
    while at < n and a[at:at + 65536] == b[at:at + 65536]:
        at += 65536
    at = next((i for i in range(at, min(n, at + 65536)) if a[i] != b[i]), n)
    return "%d bytes received, %d expected, first difference at byte %d" % (len(a), len(b), at)


def curl_get(phone, target, dest, timeout=FETCH_TIMEOUT):
    argv = ["curl", "-sS", "--fail", "--globoff", "--noproxy", "*", "--max-time", str(timeout), "--path-as-is", "-o", dest]
    if phone.get("user_agent"):
        argv += ["-A", phone["user_agent"].replace("{mac}", phone["mac"])]
    result = run(netns_exec(phone["ns"], argv + [target]), timeout=timeout + 2)
    if result.returncode != 0 or result.stderr:
        return "curl %s: rc %d %s" % (target, result.returncode, result.stderr.decode().strip())
    return None


def fetch_http(phone, url, rel, tree, dest):
    parts = urllib.parse.urlsplit(url)
    prefix = parts.path.rsplit("/", 1)[0].lstrip("/")
    if parts.scheme.lower() != "http":
        return "the harness serves http only, the phone got %s" % url
    if not inside_test_subnet(parts.hostname or ""):
        return "URL host %s is not in the test subnet: not contacted" % parts.hostname
    if prefix and not rel.startswith(prefix + "/"):
        return "%s is outside the URL's directory /%s/" % (rel, prefix)
    target = "%s://%s/%s" % (parts.scheme, parts.netloc, urllib.parse.quote(rel))
    problem = curl_get(phone, target, dest) or same_bytes(dest, os.path.join(tree, "tftp", rel))
    return problem and "%s: %s" % (target, problem)


def fetch_tftp(phone, server, prefix, rel, tree, dest, want=None, timeout=FETCH_TIMEOUT, blksize=None):
    """tftp-hpa (512-byte blocks, RFC 1350) then busybox (blksize option if given): both must
    receive the bytes of `want` (default: the tree's copy)."""
    if not inside_test_subnet(server):
        return "TFTP server %s is not in the test subnet: not contacted" % server
    if prefix and not rel.startswith(prefix.rstrip("/") + "/"):
        return "%s is outside the TFTP URL's directory /%s" % (rel, prefix)
    want = want or os.path.join(tree, "tftp", rel)
    # tftp-hpa defaults to netascii and exits 0 on errors, leaving an empty file: use
    # octet mode, treat any stderr as failure, and cross-check with busybox (pitfall 10).
    try:
        result = run(netns_exec(phone["ns"], ["tftp", "-m", "binary", server, "-c", "get", rel, dest]), timeout=timeout)
    except subprocess.TimeoutExpired:
        return "tftp-hpa get %s: no complete transfer within %d s" % (rel, timeout)
    if result.returncode != 0 or result.stderr or result.stdout.strip():
        return "tftp-hpa get %s: rc %d %s" % (rel, result.returncode, (result.stderr + result.stdout).decode().strip())
    problem = same_bytes(dest, want)
    if problem:
        return "tftp-hpa: " + problem
    dest2 = dest + ".busybox"
    argv = ["busybox", "tftp"] + (["-b", str(blksize)] if blksize else []) + ["-g", "-r", rel, "-l", dest2, server]
    try:
        result = run(netns_exec(phone["ns"], argv), timeout=timeout)
    except subprocess.TimeoutExpired:
        return "busybox tftp -g %s: no complete transfer within %d s" % (rel, timeout)
    if result.returncode != 0:
        return "busybox tftp -g %s: rc %d %s" % (rel, result.returncode, result.stderr.decode().strip()[-300:])
    problem = same_bytes(dest2, want)
    return problem and "busybox tftp: " + problem


def fetch_files(report, pass_, phone, ack, manifest, tree, work):
    label = phone["mac"] + " " + phone["model"]
    files = phone_files(phone, manifest)
    listed = {e["path"] for e in manifest["files"]}
    # An explicit list must name manifest files and cover every file of the device itself:
    # a descriptor that forgets one would let a file go untested.
    problems = ["%s is not in the manifest" % f for f in files if f not in listed]
    problems += ["the device's own %s is not requested" % f for f in device_files(phone, manifest) if f not in files]
    if not files:
        problems.append("the manifest lists no file for this phone")
    if not report.check(not problems, pass_, label, "files", "; ".join(problems) if problems else
                        "%d file(s) to fetch: %s" % (len(files), " ".join(files))):
        return {}
    bad = [f for f in files if not f.startswith("tftp/")]
    for f in bad:
        report.check(False, pass_, label, "file " + f, "not under tftp/: not served")
    files = [f[len("tftp/"):] for f in files if f.startswith("tftp/")]
    dest_dir = os.path.join(work, phone["mac"].replace(":", "") + ".files")
    os.makedirs(dest_dir, exist_ok=True)
    fetch = phone["fetch"]
    if fetch == ["auto"]:
        transport, why = auto_transport(phone, ack)
        if not report.check(transport is not None, pass_, label, "transport", "%s: %s" % (transport, why) if transport else why):
            return {}
        fetch = [transport]
    got = {}    # manifest path -> the copy the phone received over its own transport
    if "http" in fetch:
        url, source = provisioning_url(phone, ack)
        named = url and urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
        if named and not named.endswith("/") and named not in files:
            # A URL naming a file (Snom, Cisco SPA, Fanvil's $mac) must name one the phone needs.
            source = "%s (%s): it names %s, which is none of the phone's files" % (url, source, named)
            url = None
        if report.check(url is not None, pass_, label, "http-url", "%s (%s)" % (url, source) if url else source):
            for i, rel in enumerate(files):
                problem = fetch_http(phone, url, rel, tree, os.path.join(dest_dir, "http.%d" % i))
                if report.check(problem is None, pass_, label, "http " + rel, problem or "bytes identical"):
                    got.setdefault("tftp/" + rel, os.path.join(dest_dir, "http.%d" % i))
    if "tftp" in fetch:
        server, prefix, source = tftp_server(phone, ack)
        if report.check(server is not None, pass_, label, "tftp-server", "%s (%s)" % (server, source) if server else source):
            for i, rel in enumerate(files):
                problem = fetch_tftp(phone, server, prefix, rel, tree, os.path.join(dest_dir, "tftp.%d" % i))
                if report.check(problem is None, pass_, label, "tftp " + rel, problem or "bytes identical (tftp-hpa and busybox)"):
                    got.setdefault("tftp/" + rel, os.path.join(dest_dir, "tftp.%d" % i))
    # The transport the phone does not use is still checked from its namespace, straight
    # against the server: every phone's files must be served by both tftpd-hpa and HTTP.
    if "http" not in fetch:
        url = "http://%s/" % SERVER_IP
        for i, rel in enumerate(files):
            problem = fetch_http(phone, url, rel, tree, os.path.join(dest_dir, "http-served.%d" % i))
            report.check(problem is None, pass_, label, "http-served " + rel, problem or "bytes identical from %s" % url)
    if "tftp" not in fetch:
        for i, rel in enumerate(files):
            problem = fetch_tftp(phone, SERVER_IP, "", rel, tree, os.path.join(dest_dir, "tftp-served.%d" % i))
            report.check(problem is None, pass_, label, "tftp-served " + rel,
                         problem or "bytes identical from %s (tftp-hpa and busybox)" % SERVER_IP)
    return got


def firmware_url(phone, got):
    """The firmware URL as the phone reads it: the one match of the descriptor's pattern in
    the configuration file the phone received (never the tree's copy)."""
    spec = phone["firmware_url"]
    config = expand_mac(spec["file"], phone["mac"])
    if config not in got:
        return None, "%s was not received by the phone" % config
    with open(got[config], encoding="utf-8", errors="replace") as f:
        found = re.findall(spec["pattern"], f.read(), re.M)
    if len(found) != 1:
        return None, "%d matches of /%s/ in %s as received" % (len(found), spec["pattern"], config)
    return found[0].strip(), "read from %s as received" % config


def check_firmware(report, pass_, phone, got, manifest, tree, assets, work):
    """fetch_firmware: follow the firmware URL of the phone's configuration, fetch the image
    over HTTP and TFTP and compare it with the operator's file in --assets (the bytes phonec
    was given), after checking that the manifest describes that very file."""
    label = phone["mac"] + " " + phone["model"]
    url, source = firmware_url(phone, got)
    if not report.check(url is not None, pass_, label, "firmware-url", "%s (%s)" % (url, source) if url else source):
        return
    parts = urllib.parse.urlsplit(url)
    scheme, rel = parts.scheme.lower(), urllib.parse.unquote(parts.path).lstrip("/")
    want = os.path.join(assets, rel) if assets else os.path.join(tree, "tftp", rel)
    against = "the --assets source" if assets else "the tree (no --assets given)"
    # Not fetched at all: a URL the harness must not contact, or nothing to compare with.
    blocking = []
    if scheme not in ("http", "tftp"):
        blocking.append("scheme %s: the harness serves http and tftp" % scheme)
    if not inside_test_subnet(parts.hostname or ""):
        blocking.append("host %s is not in the test subnet: not contacted" % parts.hostname)
    if ".." in rel.split("/"):
        blocking.append("the path %s leaves the served tree" % rel)
    elif not os.path.isfile(want):
        blocking.append("%s: no such file" % want)
    problems = list(blocking)
    asset = next((a for a in manifest.get("assets", []) if a.get("path") == rel), None)
    if asset is None:
        problems.append("the manifest's assets do not list %s" % rel)
    elif asset.get("kind") != "firmware":
        problems.append("the manifest says %s is a %s, not firmware" % (rel, asset.get("kind")))
    if "tftp/" + rel not in {e["path"] for e in manifest["files"]}:
        problems.append("the manifest's files do not list tftp/%s" % rel)
    if asset is not None and not blocking:
        actual = (os.path.getsize(want), sha256_file(want))
        if (asset.get("size"), asset.get("sha256")) != actual:
            problems.append("the manifest says size %s sha256 %s, %s has size %d sha256 %s"
                            % ((asset.get("size"), asset.get("sha256"), want) + actual))
    report.check(not problems, pass_, label, "firmware-manifest", "; ".join(problems) if problems else
                 "%s: %s %s, %d bytes, sha256 %s... as %s" % (rel, asset["kind"], asset.get("version"),
                                                              asset["size"], asset["sha256"][:16], against))
    if blocking:
        return
    dest = os.path.join(work, phone["mac"].replace(":", "") + ".files", "firmware")
    # The phone's own transport takes the URL as written; the other one is checked straight
    # against the server, like the *-served checks of the configuration files.
    target = url if scheme == "http" else "http://%s/%s" % (SERVER_IP, urllib.parse.quote(rel))
    problem = curl_get(phone, target, dest + ".http", IMAGE_TIMEOUT) or same_bytes(dest + ".http", want)
    report.check(problem is None, pass_, label, "firmware http " + target,
                 problem or "%d bytes identical to %s" % (os.path.getsize(want), against))
    server = parts.hostname if scheme == "tftp" else SERVER_IP
    # tftp-hpa moves the image in 512-byte blocks (45298 for a 23 MB image: block numbers
    # past 32767); busybox asks for a larger block (RFC 2348), as a phone fetching tens of
    # MB does, which keeps its transfer short.
    problem = fetch_tftp(phone, server, "", rel, tree, dest + ".tftp", want, timeout=IMAGE_TIMEOUT, blksize=IMAGE_BLKSIZE)
    report.check(problem is None, pass_, label, "firmware tftp %s:%s" % (server, rel),
                 problem or "%d bytes identical to %s (tftp-hpa, busybox blksize %d)" % (os.path.getsize(want), against, IMAGE_BLKSIZE))


def dhcp_pass(report, lab, pass_, phones, manifest, tree, served, assets):
    work = os.path.join(lab.state, pass_ + "-clients")
    os.makedirs(work)
    pcap = os.path.join(lab.state, pass_ + ".pcap")
    problem = capture(lab, pcap)
    if problem:
        return report.check(False, pass_, "-", "capture", problem)
    started = (start_dhcpd if pass_ == "isc" else start_kea)(report, lab, served)
    if not started:
        lab.stop("tcpdump")
        return False
    run_clients(lab, phones, pass_, work)
    packets = wait_for_acks(lab, phones, pass_, pcap)
    # The ACK is on the wire before the client has run its hook: wait for the hook's
    # record (udhcpc -q then exits by itself, dhclient -d keeps running) or the exit.
    rcs, deadline = {}, time.monotonic() + 3.0
    for phone in phones:
        name = client_name(pass_, phone)
        while (lab.procs[name].poll() is None and not os.path.exists(phone["client_out"] + ".bound")
               and time.monotonic() < deadline):
            time.sleep(0.02)
        if phone["client"] == "udhcpc":
            try:
                lab.procs[name].wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        rcs[phone["mac"]] = lab.stop(name, grace=0.5)
    time.sleep(0.05)
    lab.stop("tcpdump")
    lab.stop("dhcpd" if pass_ == "isc" else "kea", grace=3.0)
    packets = dhcppcap.read_pcap(pcap)
    for phone in phones:
        ack = check_dhcp(report, pass_, phone, packets)
        if ack is None:
            continue
        check_client_view(report, pass_, phone, ack, rcs[phone["mac"]])
        ip(["-n", phone["ns"], "addr", "add", "%s/%d" % (ack.yiaddr, ack.prefix_length() or 24), "dev", "eth0"])
        got = fetch_files(report, pass_, phone, ack, manifest, tree, work)
        if phone.get("fetch_firmware"):
            check_firmware(report, pass_, phone, got, manifest, tree, assets, work)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="phonec output tree")
    parser.add_argument("--phones", required=True, help="phones descriptor (phones.json)")
    parser.add_argument("--state", required=True, help="empty working directory under a 755 path")
    parser.add_argument("--pass", dest="passes", action="append", choices=["isc", "kea"],
                        help="DHCP server(s) to test (default: isc, and kea if the fragment exists)")
    parser.add_argument("--assets", help="the directory given to phonec build --assets: firmware is compared with it")
    args = parser.parse_args()

    def on_signal(signum, _frame):
        # Once is enough: a second signal (harness.sh also forwards one) must not interrupt
        # the unwinding and the cleanup in the finally below.
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        raise Stop("signal %d" % signum)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_signal)

    report = Report()
    tree = os.path.abspath(args.dir)
    lab = Lab(os.path.abspath(args.state), report)
    began = time.monotonic()
    try:
        phones = load_phones(args.phones)
        manifest = check_manifest(report, tree)
        passes = args.passes or (["isc", "kea"] if os.path.exists(os.path.join(tree, "dhcp", "kea-dhcp4.json")) else ["isc"])
        served = served_copy(report, tree, lab.state)
        if served is not None:
            lab.build(phones)
            servers_ok = start_tftpd(report, lab, served)
            texts = []
            for name in ("dhcp/dhcpd.conf", "dhcp/kea-dhcp4.json"):
                if os.path.exists(os.path.join(served, name)):
                    with open(os.path.join(served, name), encoding="utf-8") as f:
                        texts.append(f.read())
            servers_ok = start_nginx(report, lab, served, http_ports(texts)) and servers_ok
            if servers_ok:
                for pass_ in passes:
                    dhcp_pass(report, lab, pass_, phones, manifest, tree, served,
                              args.assets and os.path.abspath(args.assets))
    except Stop as e:
        report.check(False, "-", "-", "harness", "interrupted by %s" % e)
    except Exception as e:     # a harness defect must still end in the summary and cleanup
        report.check(False, "-", "-", "harness", "%s: %s" % (type(e).__name__, e))
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        lab.close()
    report.info("%.1f s" % (time.monotonic() - began))
    print("%d passed, %d failed" % (report.passed, report.failed), flush=True)
    return 1 if report.failed or not report.passed else 0


if __name__ == "__main__":
    sys.exit(main())
