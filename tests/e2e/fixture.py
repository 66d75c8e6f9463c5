"""Hand-made output trees in the shape of phonec's output contract, for `harness.sh --selftest`.

    fixture.py good DIR PHONES.json ASSETS   a tree on which every check must pass
    fixture.py broken DIR PHONES.json ASSETS EXPECTED
        the same tree with five defects; EXPECTED lists, one per line, the
        "pass phone check" of each failure the harness must report, and no other.

ASSETS stands for the directory given to `phonec build --assets`: the firmware image the
Yealink's configuration points at, as the operator downloaded it.

The files imitate Yealink and Snom output, but the harness only relies on the
contract: DIR/tftp, DIR/dhcp/dhcpd.conf (an include file), DIR/dhcp/kea-dhcp4.json,
DIR/tftpd-hpa and DIR/manifest.json.
"""

import hashlib
import json
import os
import sys

YEALINK = "00:15:65:aa:bb:cc"
SNOM = "00:04:13:ab:cd:ef"
# A Fanvil-like phone: option 66 holds "$mac", which the phone replaces by its MAC; it also
# fetches a site-wide shared file, so its descriptor lists its files as {mac} templates.
FANVIL = "0c:38:3e:12:34:56"
FANVIL_URL = "http://10.34.1.6:8667/$mac.cfg"
# A firmware image in a name with the characters of Yealink's ("(", ",", ")"), binary bytes
# that a netascii transfer would mangle, more than one TFTP block.
FIRMWARE = "firmware/T46S(T48S,T42S)-1.2.rom"
FIRMWARE_BYTES = bytes(range(256)) * 20 + b"\r\n\x00\xff"

FILES = {
    # path: (device, model, bytes)
    "tftp/001565aabbcc.cfg": (YEALINK, "yealink.T46S",
                              "#!version:1.0.0.1\naccount.1.label = Émilie Núñez\n"
                              "account.1.password = s3cr&t<pw>\n"
                              "static.firmware.url = http://10.34.1.6:8667/{}\n".format(FIRMWARE).encode("utf-8")),
    "tftp/y000000000028.cfg": ("shared", "yealink.T46S", b"#!version:1.0.0.1\nauto_provision.mode = 1\n"),
    "tftp/000413ABCDEF.xml": (SNOM, "snom.D735",
                              "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings><phone-settings>"
                              "<user_realname idx=\"1\" perm=\"R\">Zoë</user_realname>"
                              "</phone-settings></settings>\n".encode("utf-8")),
    # binary content (CR LF, NUL, 0xff) would be mangled by a netascii transfer
    "tftp/snom/snomD735-000413ABCDEF.htm": (SNOM, "snom.D735", b"<html>\r\n\x00\xff</html>\r\n" * 200),
    "tftp/0c383e123456.cfg": (FANVIL, "fanvil.X6U", "<sysConf><name>王芳</name></sysConf>\n".encode("utf-8")),
    "tftp/site-common.cfg": ("shared", "", b"<sysConf/>\n"),
    "tftp/" + FIRMWARE: ("shared", "yealink.T46S", FIRMWARE_BYTES),
}

DHCPD_CONF = """# phonec e2e self-test fixture: option declarations, classes, one host per device
option space phonec_yealink;
option phonec_yealink.url code 1 = text;

class "yealink" {
  match if substring(option vendor-class-identifier, 0, 7) = "yealink";
  option tftp-server-name "http://10.34.1.6:8667/";
  next-server 10.34.1.6;
  vendor-option-space phonec_yealink;
  option phonec_yealink.url "http://10.34.1.6:8667/";
}

class "snom" {
  match if substring(option vendor-class-identifier, 0, 4) = "snom";
  option tftp-server-address 10.34.1.6;
  option ntp-servers 10.34.1.6;
  option time-offset -18000;
}

host yealink-001565aabbcc { hardware ethernet 00:15:65:aa:bb:cc; fixed-address 10.34.1.210; }
host snom-000413abcdef { hardware ethernet 00:04:13:ab:cd:ef; fixed-address 10.34.1.211; }
host fanvil-0c383e123456 {
  hardware ethernet 0c:38:3e:12:34:56; fixed-address 10.34.1.212;
  option tftp-server-name "http://10.34.1.6:8667/$mac.cfg";
}
"""

KEA = {
    "option-def": [
        {"name": "url", "code": 1, "space": "vendor-encapsulated-options-space", "type": "string"},
    ],
    "client-classes": [
        {"name": "yealink", "test": "substring(option[60].hex, 0, 7) == 'yealink'",
         "next-server": "10.34.1.6",
         "option-data": [
             {"name": "tftp-server-name", "data": "http://10.34.1.6:8667/"},
             {"name": "vendor-encapsulated-options"},
             {"name": "url", "space": "vendor-encapsulated-options-space", "data": "http://10.34.1.6:8667/"},
         ]},
        {"name": "snom", "test": "substring(option[60].hex, 0, 4) == 'snom'",
         "option-data": [
             {"code": 150, "csv-format": False, "data": "0A220106"},
             {"name": "ntp-servers", "data": "10.34.1.6"},
             {"name": "time-offset", "data": "-18000"},
         ]},
    ],
    "reservations": [
        {"hw-address": YEALINK, "ip-address": "10.34.1.210"},
        {"hw-address": SNOM, "ip-address": "10.34.1.211"},
        {"hw-address": FANVIL, "ip-address": "10.34.1.212",
         "option-data": [{"name": "tftp-server-name", "data": FANVIL_URL}]},
    ],
}

TFTPD_HPA = """# /etc/default/tftpd-hpa
TFTP_USERNAME="tftp"
TFTP_DIRECTORY="/srv/tftp"
TFTP_ADDRESS=":69"
TFTP_OPTIONS="--secure"
"""

PHONES = {
    "format": "phonec-e2e-phones/1",
    "models": {
        "yealink.T46S": {"vendor_class": "yealink", "request_list": [1, 3, 6, 12, 15, 28, 42, 66, 43],
                         "fetch": "both", "client": "dhclient",
                         "user_agent": "Yealink SIP-T46S 66.86.0.15 {mac}",
                         "firmware_url": {"file": "tftp/{mac}.cfg",
                                          "pattern": "^static\\.firmware\\.url\\s*=\\s*(\\S+)\\s*$"}},
        "snom.D735": {"vendor_class": "snomD735", "request_list": [1, 2, 3, 6, 12, 15, 28, 42, 150],
                      "fetch": "tftp"},
        "fanvil.X6U": {"vendor_class": "Fanvil X6U", "request_list": [1, 3, 6, 12, 15, 28, 42, 43, 66],
                       "client": "dhclient", "fetch": "http", "url_options": [66], "url_macros": {"$mac": "mac"},
                       "files": ["tftp/site-common.cfg", "tftp/{mac}.cfg"]},
    },
    "phones": [
        {"mac": YEALINK, "model": "yealink.T46S", "ip": "10.34.1.210", "fetch_firmware": True},
        {"mac": SNOM, "model": "snom.D735", "ip": "10.34.1.211"},
        {"mac": FANVIL, "model": "fanvil.X6U", "ip": "10.34.1.212"},
    ],
}


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def make(tree, phones_path, assets, broken=False):
    write(os.path.join(assets, FIRMWARE), FIRMWARE_BYTES)
    files = dict(FILES)
    if broken:
        # 5. the served image is not the operator's: one byte differs from the --assets file,
        #    while the tree and its manifest agree (only the firmware checks can see it)
        device, model, data = files["tftp/" + FIRMWARE]
        files["tftp/" + FIRMWARE] = (device, model, data[:1000] + bytes([data[1000] ^ 1]) + data[1001:])
    entries = []
    for path, (device, model, data) in sorted(files.items()):
        write(os.path.join(tree, path), data)
        entries.append({"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                        "device": device, "model": model})
    phones = json.loads(json.dumps(PHONES))
    expected = []
    if broken:
        # 1. a file whose bytes no longer match the manifest
        entries[0]["sha256"] = "0" * 64
        # 2. a listed file that is missing: tftp-hpa exits 0 on "File not found",
        #    the harness must still report it
        entries.append({"path": "tftp/000413ABCDEF-missing.xml", "sha256": "0" * 64, "size": 1,
                        "device": SNOM, "model": "snom.D735"})
        # 3. a Yealink whose request list lacks 66 and 43: dhcpd then sends no URL
        phones["models"]["yealink.T46S"]["request_list"] = [1, 3, 6, 12, 15, 28, 42]
        # 4. a Fanvil whose descriptor forgets that the phone expands $mac: the URL then names
        #    "$mac.cfg", none of its files
        del phones["models"]["fanvil.X6U"]["url_macros"]
        firmware_url = "http://10.34.1.6:8667/" + FIRMWARE
        expected = ["- - manifest",
                    "isc %s yealink.T46S firmware-manifest" % YEALINK,
                    "isc %s yealink.T46S firmware http %s" % (YEALINK, firmware_url),
                    "isc %s yealink.T46S firmware tftp 10.34.1.6:%s" % (YEALINK, FIRMWARE),
                    "isc %s snom.D735 tftp 000413ABCDEF-missing.xml" % SNOM,
                    # the server check over the transport the Snom does not use sees it too
                    "isc %s snom.D735 http-served 000413ABCDEF-missing.xml" % SNOM,
                    "isc %s yealink.T46S http-url" % YEALINK,
                    "isc %s fanvil.X6U http-url" % FANVIL]
    write(os.path.join(tree, "dhcp/dhcpd.conf"), DHCPD_CONF)
    write(os.path.join(tree, "dhcp/kea-dhcp4.json"), json.dumps(KEA, indent=2) + "\n")
    write(os.path.join(tree, "tftpd-hpa"), TFTPD_HPA)
    image = files["tftp/" + FIRMWARE][2]
    asset = {"path": FIRMWARE, "kind": "firmware", "version": "1.2", "models": ["yealink.T46S"],
             "url": "https://example.invalid/fw", "login": False, "verified": False,
             "sha256": hashlib.sha256(image).hexdigest(), "size": len(image)}
    write(os.path.join(tree, "manifest.json"),
          json.dumps({"format": "phonec-manifest/1", "files": entries, "assets": [asset]}, indent=2) + "\n")
    write(phones_path, json.dumps(phones, indent=2) + "\n")
    return expected


if __name__ == "__main__":
    if len(sys.argv) != {"good": 5, "broken": 6}.get(sys.argv[1] if len(sys.argv) > 1 else "", 0):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    expected = make(sys.argv[2], sys.argv[3], sys.argv[4], broken=sys.argv[1] == "broken")
    if sys.argv[1] == "broken":
        write(sys.argv[5], "".join(e + "\n" for e in expected))
