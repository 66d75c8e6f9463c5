#!/usr/bin/env python3
"""Hostile-input battery for `phonec build` (tests/hostile/run-hostile.sh).

Table-driven: every case is a small site (a JSON inventory, optional .phone files and -I model
dirs) with what phonec must do with it. For every case the runner checks:
  - the process ended normally (no signal, no sanitizer report, within the time limit);
  - the exit status (1 for errors; 0 where a warning is the right answer);
  - the expected diagnostics, each at an exact file:line:col, in text form AND in
    `--diagnostics json` form (same file/line/column and the stable code);
  - no password of the site appears on stdout or stderr, in either form;
  - on errors, nothing was written: no output tree when there was none, and a pre-existing tree
    (built from the good site first) unchanged byte for byte, mode for mode, mtime for mtime;
  - for successful builds, a per-case check of the written files (no value lands in another
    field, line, element or file).
Usage: hostile.py PHONEC SOURCE_DIR [-k SUBSTRING] [-v]
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

PHONEC, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
FILTER = sys.argv[sys.argv.index('-k') + 1] if '-k' in sys.argv else ''
VERBOSE = '-v' in sys.argv

# Every password of the base site; none may ever be printed.
SECRETS = ['s3cr&t<pw>', 'p<a>ss"w\'rd', 'Adm1n&<pw>', 'Pw9-zz#', 'Pw8-yy#']


def base_site():
    """Two devices, every string field of the inventory present."""
    return {
        "format": "phonec-inventory/1",
        "site": {
            "provisioning_url": "http://10.34.1.6:8667/",
            "tftp_server": "10.34.1.6",
            "timezone": "America/Montreal",
            "locale": "fr_FR",
            "ntp": "10.34.1.6",
            "admin_password": "Adm1n&<pw>",
            "feature_codes": "wazo",
            "sip": {"registrar": "10.34.1.6", "proxy": "10.34.1.6", "port": 5060,
                    "backup_registrar": "10.34.1.7", "backup_proxy": "10.34.1.7",
                    "transport": "udp", "dtmf": "rfc2833", "srtp": "disabled", "mwi": True},
        },
        "devices": [
            {"mac": "00:15:65:aa:bb:cc", "model": "yealink.T46S", "ip": "10.34.1.210",
             "lines": [{"number": 1, "display_name": "Emilie Nunez", "username": "1001",
                        "auth_username": "1001", "password": "s3cr&t<pw>", "voicemail": "*98"}],
             "funckeys": [{"position": 1, "type": "blf", "value": "1002", "label": "Bureau"},
                          {"position": 2, "type": "service", "service": "enablednd", "label": "DND"}]},
            {"mac": "00-04-13-AA-BB-01", "model": "snom.D735", "ip": "10.34.1.211",
             "lines": [{"number": 1, "display_name": "Zoe", "username": "1002",
                        "password": "p<a>ss\"w'rd", "voicemail": "*98"}],
             "funckeys": [{"position": 1, "type": "speeddial", "value": "1003", "label": "Reception"}]},
        ],
    }


# Every string field of the inventory: (name used in this table, path in the document).
STRING_FIELDS = [
    ("site.provisioning_url", ["site", "provisioning_url"]),
    ("site.tftp_server", ["site", "tftp_server"]),
    ("site.timezone", ["site", "timezone"]),
    ("site.locale", ["site", "locale"]),
    ("site.ntp", ["site", "ntp"]),
    ("site.admin_password", ["site", "admin_password"]),
    ("site.feature_codes", ["site", "feature_codes"]),
    ("site.sip.registrar", ["site", "sip", "registrar"]),
    ("site.sip.proxy", ["site", "sip", "proxy"]),
    ("site.sip.backup_registrar", ["site", "sip", "backup_registrar"]),
    ("site.sip.backup_proxy", ["site", "sip", "backup_proxy"]),
    ("site.sip.transport", ["site", "sip", "transport"]),
    ("site.sip.dtmf", ["site", "sip", "dtmf"]),
    ("site.sip.srtp", ["site", "sip", "srtp"]),
    ("mac", ["devices", 0, "mac"]),
    ("model", ["devices", 0, "model"]),
    ("ip", ["devices", 0, "ip"]),
    ("lines.display_name", ["devices", 0, "lines", 0, "display_name"]),
    ("lines.username", ["devices", 0, "lines", 0, "username"]),
    ("lines.auth_username", ["devices", 0, "lines", 0, "auth_username"]),
    ("lines.password", ["devices", 0, "lines", 0, "password"]),
    ("lines.voicemail", ["devices", 0, "lines", 0, "voicemail"]),
    ("funckeys.type", ["devices", 0, "funckeys", 0, "type"]),
    ("funckeys.value", ["devices", 0, "funckeys", 0, "value"]),
    ("funckeys.label", ["devices", 0, "funckeys", 0, "label"]),
    ("funckeys.service", ["devices", 0, "funckeys", 1, "service"]),
]


def setpath(doc, path, value):
    for k in path[:-1]:
        doc = doc[k]
    doc[path[-1]] = value


def getpath(doc, path):
    for k in path:
        doc = doc[k]
    return doc


def dumps(doc):
    """One member per line, so that every field has a line of its own; non-ASCII as raw UTF-8
    except the characters JSON must escape (and NUL, DEL, C1, line separators: as \\u escapes,
    which is how a hostile generator would write them too)."""
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    out = []
    for ch in text:
        o = ord(ch)
        if o == 0x7f or 0x80 <= o <= 0x9f or o in (0x2028, 0x2029):
            out.append('\\u%04x' % o)
        else:
            out.append(ch)
    return ''.join(out).encode('utf-8')


def line_col(data, offset):
    """1-based line and column (code points) of a byte offset, as phonec counts them."""
    before = data[:offset]
    line = before.count(b'\n') + 1
    start = before.rfind(b'\n') + 1
    col = len(before[start:].decode('utf-8', 'replace')) + 1
    return line, col


def value_pos(data, marker):
    """Line and column of the string literal holding `marker` (its opening quote)."""
    i = data.index(marker.encode())
    q = data.rfind(b'"', 0, i)
    return line_col(data, q)


class Sparse(int):
    """A file of this many zero bytes, created sparse."""


class Case:
    def __init__(self, name, files, inputs=("site.json",), args=(), rc=1, diags=(), pre_tree=True,
                 check=None, forbid=(), timeout=60, umask=0o022, only=False):
        self.name, self.files, self.inputs, self.args = name, files, list(inputs), list(args)
        self.rc, self.diags, self.pre_tree, self.check, self.timeout = rc, list(diags), pre_tree, check, timeout
        self.only = only  # the expected diagnostics and no other
        self.forbid, self.umask = list(forbid), umask


CASES = []


def case(*a, **kw):
    CASES.append(Case(*a, **kw))


def D(file, line, col, severity, code, message_re):
    """An expected diagnostic."""
    return (file, line, col, severity, code, message_re)


# ---------------------------------------------------------------------------------------------
# 1. Control characters: one case per character, the character in EVERY string field at once;
#    each field must be reported at its own line and column.
CONTROL = list(range(0x00, 0x20)) + [0x7f] + list(range(0x80, 0xa0)) + [0x2028, 0x2029] + \
    list(range(0x202a, 0x202f)) + list(range(0x2066, 0x206a))


def control_case(cp):
    doc = base_site()
    markers = {}
    for i, (name, path) in enumerate(STRING_FIELDS):
        m = 'M%02dX' % i
        markers[name] = m
        setpath(doc, path, getpath(doc, path)[:2] + m)
    data = dumps(doc)
    pos = {name: value_pos(data, m) for name, m in markers.items()}
    ch = json.dumps(chr(cp)) [1:-1] if cp < 0x20 or cp == 0x7f else (
        '\\u%04x' % cp if 0x80 <= cp <= 0x9f or cp in (0x2028, 0x2029) else chr(cp))
    for name, m in markers.items():
        data = data.replace(m.encode(), b'ab' + ch.encode('utf-8') + b'cd')
    try:
        uname = unicodedata.name(chr(cp))
    except ValueError:
        uname = ''
    diags = []
    for name, _ in STRING_FIELDS:
        line, col = pos[name]
        diags.append(D('site.json', line, col, 'error', 'control-character',
                       r'U\+%04X .* is not allowed in \'[^\']+\'' % cp))
    case('control U+%04X %s' % (cp, uname), {'site.json': data}, diags=diags)


for cp in CONTROL:
    control_case(cp)
# The format tag is checked before anything else: a control character there stops the file.
for esc in ['\\u0000', '\\n', '\\u202e', '\\u2028']:
    d = dumps(base_site()).replace(b'"phonec-inventory/1"', b'"phonec-inventory/1' + esc.encode() + b'"')
    case('control %s in the format tag' % esc, {'site.json': d},
         diags=[D('site.json', 2, 12, 'error', None, r'expected "format": "phonec-inventory/1"')])


# ---------------------------------------------------------------------------------------------
# 2. Encoding: invalid UTF-8, BOM, escapes.
def site_with(mutate=None, raw_replace=None):
    doc = base_site()
    if mutate:
        mutate(doc)
    data = dumps(doc)
    if raw_replace:
        for a, b in raw_replace:
            assert a in data, a
            data = data.replace(a, b, 1)
    return data


def pos_of(data, needle, delta=0):
    return line_col(data, data.index(needle) + delta)


d = site_with(raw_replace=[(b'"Bureau"', b'"Bur\xffeau"')])
case('invalid UTF-8 byte 0xFF in a label', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'\xff'), 'error', 'json-encoding', r'.*UTF-8.*')])
d = site_with(raw_replace=[(b'"Bureau"', b'"Bur\xc0\xafeau"')])
case('overlong UTF-8 (C0 AF) in a label', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'\xc0'), 'error', 'json-encoding', r'.*UTF-8.*')])
d = site_with(raw_replace=[(b'"Bureau"', b'"Bur\xed\xa0\x80eau"')])
case('UTF-8-encoded surrogate (ED A0 80) in a label', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'\xed'), 'error', 'json-encoding', r'.*UTF-8.*')])
d = site_with(raw_replace=[(b'"Bureau"', b'"Bur\\ud800eau"')])
case('lone surrogate escape \\ud800 in a label', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'\\ud800'), 'error', None, r'.*surrogate.*')])
# Devices are parsed one by one in a build: a syntax error in the second device must still give
# exactly the whole-file parser's diagnostic, and nothing about the first device's bad value.
d = site_with(raw_replace=[(b'"10.34.1.210"', b'"10.34.1.999"'), (b'"Reception"', b'"Reception",')])
case('syntax error in one device next to a bad value in another', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'"Reception",', 11), 'error', 'json-syntax', r'trailing comma is not allowed in JSON')],
     only=True)
d = b'{"format": "phonec-inventory/1\xe2\x82'
case('truncated UTF-8 sequence at end of file', {'site.json': d},
     diags=[D('site.json', 1, None, 'error', None, r'.*')])
d = b'\xef\xbb\xbf' + site_with()
case('byte-order mark: warning, build succeeds', {'site.json': d}, rc=0,
     diags=[D('site.json', 1, 1, 'warning', 'byte-order-mark', r'.*')])
d = site_with(raw_replace=[(b'"Bureau"', b'"Bur\xef\xbb\xbfeau"')])
case('U+FEFF inside a label: kept as written (a format character, not a control)', {'site.json': d}, rc=0,
     check=lambda out: None if 'linekey.1.label = Bur\ufeffeau\n' in read(out, 'tftp/001565aabbcc.cfg') else 'label')
d = site_with(raw_replace=[(b'"Bureau"', b'"Bur\x01eau"')])
case('raw (unescaped) control byte in a JSON string', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'\x01'), 'error', 'json-syntax', r'.*')])
d = site_with(raw_replace=[(b'"s3cr&t<pw>"', b'"s3cr&t<pw>\x01"')])
case('raw control byte inside a password: no echo of the password', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'\x01'), 'error', 'json-syntax', r'.*')])

# ---------------------------------------------------------------------------------------------
# 3. Size and depth.
MB = 1 << 20
d = site_with(lambda doc: setpath(doc, ["devices", 0, "lines", 0, "display_name"], 'x' * MB))
case('1 MB display name', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'"xxxx'), 'error', 'value-too-long', r'.*longer than.*')])
d = site_with(lambda doc: setpath(doc, ["devices", 0, "lines", 0, "password"], 'P' * MB))
case('1 MB password', {'site.json': d}, forbid=['PPPPPPPP'],
     diags=[D('site.json', *pos_of(d, b'"PPPP'), 'error', 'value-too-long', r'.*longer than.*')])
d = site_with(lambda doc: setpath(doc, ["site", "x" * MB], "1"))
case('1 MB object key', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'"xxxx'), 'error', None, r'.*')])
d = site_with(lambda doc: setpath(doc, ["devices", 0, "funckeys", 0, "label"], '\u00e9' * (MB // 2)))
case('1 MB label of non-ASCII letters', {'site.json': d},
     diags=[D('site.json', *pos_of(d, '"\u00e9\u00e9'.encode()), 'error', 'value-too-long', r'.*')])
deep = b'[' * 10000 + b']' * 10000
d = site_with(raw_replace=[(b'"funckeys": [', b'"deep": ' + deep + b', "funckeys": [')])
case('10k-deep JSON arrays', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'[' * 257, 253), 'error', 'json-too-deep', r'nesting deeper than 256 levels')])
deep = b'{"a":' * 10000 + b'1' + b'}' * 10000
d = site_with(raw_replace=[(b'"funckeys": [', b'"deep": ' + deep + b', "funckeys": [')])
case('10k-deep JSON objects', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'{"a":' * 257, 253 * 5), 'error', 'json-too-deep', r'nesting deeper than 256 levels')])
d = b'[' * 10000
case('10k unclosed brackets, nothing else', {'site.json': d},
     diags=[D('site.json', 1, 257, 'error', 'json-too-deep', r'.*')])
d = b''
case('empty inventory file', {'site.json': d},
     diags=[D('site.json', 1, 1, 'error', 'json-syntax', r'.*')])

# Files over the input limits, 1 GiB for an inventory and 64 MiB for a .phone file (sparse, so
# the test stays cheap): refused before reading. A file named on the command line has no
# position (like gcc's "cc1: error"); an import points at the import.
case('inventory file of 1 GiB and a byte', {'site.json': Sparse((1 << 30) + 1)},
     diags=[D(None, 0, 0, 'error', 'input-too-large', r"'site\.json' is larger than 1024 MiB")])
case('.phone file of 65 MiB', {'site.json': site_with(), 'big.phone': Sparse(65 << 20)}, inputs=['big.phone', 'site.json'],
     diags=[D(None, 0, 0, 'error', 'input-too-large', r"'big\.phone' is larger than 64 MiB")])
case('imported .phone file of 65 MiB', {'site.json': site_with(), 'a.phone': b'\nimport "big.phone";\n',
                                         'big.phone': Sparse(65 << 20)}, inputs=['a.phone', 'site.json'],
     diags=[D('a.phone', 2, 1, 'error', 'input-too-large', r"'.*big\.phone' is larger than 64 MiB")])

# ---------------------------------------------------------------------------------------------
# 4. Duplicate keys, numbers.
d = site_with(raw_replace=[(b'"username": "1001",', b'"username": "1001", "username": "6666",')])
case('duplicate key in a line', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'"username": "6666"'), 'error', 'json-duplicate-key', r'.*username.*')])
d = site_with(raw_replace=[(b'"password": "s3cr&t<pw>"', b'"password": "s3cr&t<pw>", "password": "Pw9-zz#"')])
case('duplicate password key: neither value printed', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'"password": "Pw9'), 'error', 'json-duplicate-key', r'.*password.*')])
d = site_with() [:-2] + b',\n "devices": []\n}'
case('duplicate top-level key', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'"devices": []'), 'error', 'json-duplicate-key', r'.*devices.*')])
for lit, code in [(b'99999999999999999999999999', None), (b'-1', 'out-of-range'), (b'70000', 'out-of-range'),
                  (b'1e400', None), (b'5060.5', None), (b'-9223372036854775809', None), (b'0x13c4', 'json-syntax')]:
    d = site_with(raw_replace=[(b'"port": 5060', b'"port": ' + lit)])
    case('sip.port = %s' % lit.decode(), {'site.json': d},
         diags=[D('site.json', *pos_of(d, b'"port": ', 8 + (lit == b'0x13c4')), 'error', code, r'.*')])
d = site_with(raw_replace=[(b'"position": 1,', b'"position": 18446744073709551617,')])
case('funckey position beyond 2^64', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'18446744073709551617'), 'error', None, r'.*')])

# ---------------------------------------------------------------------------------------------
# 5. MACs and model names with path characters.
for mac in ['00:15:65:aa/bb:cc', '../../../etc/passwd', '00 15 65 aa bb cc', '00:15:65:aa:bb:cc/..',
            '..', '00:15:65:aa:bb:cc ', '00:15:65:aa:bb:cc:dd']:
    d = site_with(lambda doc: setpath(doc, ["devices", 0, "mac"], mac))
    case('mac %r' % mac, {'site.json': d},
         diags=[D('site.json', *pos_of(d, json.dumps(mac).encode()), 'error', 'bad-value', r'.*MAC address.*')])
for model in ['yealink/T46S', '../yealink.T46S', 'yealink.T46S/..', 'yealink..', '..', 'yealink.T46S ',
              ' yealink.T46S', 'yealink.T 46S', '/etc/passwd', 'yealink.\\u0000']:
    d = site_with(lambda doc: setpath(doc, ["devices", 0, "model"], model.replace('\\u0000', '\0')))
    lit = json.dumps(model.replace('\\u0000', '\0')).encode()
    case('model %r' % model, {'site.json': d},
         diags=[D('site.json', *pos_of(d, lit), 'error', None, r'.*')])

# ---------------------------------------------------------------------------------------------
# 6. Imports: cycles, depth, in .phone files.
PHONE_SITE = b'import "b.phone";\n'
case('import cycle a -> b -> a', {
    'site.json': site_with(),
    'a.phone': b'import "b.phone";\n',
    'b.phone': b'import "a.phone";\n'}, inputs=['a.phone', 'site.json'],
    diags=[D('b.phone', 1, 1, 'error', 'import-cycle', r'import cycle: .*a\.phone -> .*b\.phone -> .*a\.phone')])
case('import of itself', {'site.json': site_with(), 'a.phone': b'// self\nimport "a.phone";\n'},
     inputs=['a.phone', 'site.json'],
     diags=[D('a.phone', 2, 1, 'error', 'import-cycle', r'import cycle: .*a\.phone -> .*a\.phone')])
chain = {'site.json': site_with()}
for i in range(100):
    chain['c%03d.phone' % i] = b'import "c%03d.phone";\n' % (i + 1)
chain['c100.phone'] = b'// end\n'
case('import chain 100 files deep', chain, inputs=['c000.phone', 'site.json'],
     diags=[D('c063.phone', 1, 1, 'error', 'import-depth', r'.*deeper than 64.*')])
case('import of a missing file', {'site.json': site_with(), 'a.phone': b'import "nope.phone";\n'},
     inputs=['a.phone', 'site.json'], diags=[D('a.phone', 1, 1, 'error', None, r'.*nope\.phone.*')])
case('.phone file with 10k nested parentheses', {
    'site.json': site_with(), 'a.phone': b'const x = ' + b'(' * 10000 + b'1' + b')' * 10000 + b';\n'},
    inputs=['a.phone', 'site.json'], diags=[D('a.phone', 1, None, 'error', None, r'.*')])
case('.phone file with 10k nested blocks', {
    'site.json': site_with(), 'a.phone': b'vendor v ' + b'{ ' * 10000 + b'}' * 10000 + b'\n'},
    inputs=['a.phone', 'site.json'], diags=[D('a.phone', 1, None, 'error', None, r'.*')])
case('.phone file that is binary junk', {'site.json': site_with(), 'a.phone': bytes(range(256)) * 4},
     inputs=['a.phone', 'site.json'], diags=[D('a.phone', 1, None, 'error', None, r'.*')])

# ---------------------------------------------------------------------------------------------
# 7. Models from a -I dir that try to leave the tree, and path collisions.
EVIL = '''vendor evil { title "Evil"; oui "00:15:65"; }
model evil.X {
  title "Evil X";
  lines 1;
  line_keys 0;
  file config "%s" per device {
    format keyvalue;
    content { "a" = device.provisioning_url; }
  }
}
'''


def evil_site(pattern, two=False):
    def mut(doc):
        doc["devices"][0]["model"] = "evil.X"
        doc["devices"][0]["funckeys"] = []
        if two:
            doc["devices"][1]["model"] = "evil.X"
            doc["devices"][1]["funckeys"] = []
            doc["devices"][1]["mac"] = "00:15:65:aa:bb:01"
    return {'site.json': site_with(mut), 'inc/evil/evil.phone': (EVIL % pattern).encode()}


for pattern, why in [('../../escape-{hex(device.mac)}.cfg', r".*'\.\.' component"),
                     ('/etc/phonec-{hex(device.mac)}.cfg', r'.*'),
                     ('a/../../{hex(device.mac)}.cfg', r".*'\.\.' component"),
                     ('{hex(device.mac)}/..', r'.*'),
                     ('.phonec-{hex(device.mac)}', r'.*')]:
    files = evil_site(pattern)
    case('file pattern %r in a -I model' % pattern, files, args=['-I', 'inc'],
         diags=[D('site.json', *pos_of(files['site.json'], b'"00:15:65:aa:bb:cc"'), 'error', 'bad-path', why)])
# Flat chains fold into trees as deep as the chain: refused by the parser (they used to overflow
# the stack of the content checker with SIGSEGV).
EVIL_EXPR = EVIL.replace('content { "a" = device.provisioning_url; }', 'content { "a" = %s; }')
for what, expr in [('20000 + operators', 'device.provisioning_url' + ' + "x"' * 20000),
                   ('20000 ?? operators', 'device.provisioning_url' + ' ?? "x"' * 20000),
                   ('20000 member accesses', 'device' + '.provisioning_url' * 20000),
                   ('150 parentheses of 10 operators', 'device.provisioning_url')]:
    if what.startswith('150'):
        for _ in range(150):
            expr = '(' + expr + ' + "x"' * 10 + ')'
    files = evil_site('{hex(device.mac)}.cfg')
    files['inc/evil/evil.phone'] = (EVIL_EXPR.replace('%s"', '{hex(device.mac)}.cfg"', 1) % expr).encode()
    case('-I model with %s in one expression' % what, files, args=['-I', 'inc'],
         diags=[D('inc/evil/evil.phone', 8, None, 'error', 'syntax', r'expression is nested too deeply .*')])
files = evil_site('fixed.cfg', two=True)
case('two devices resolving to one path', files, args=['-I', 'inc'],
     diags=[D('site.json', *pos_of(files['site.json'], b'"00:15:65:aa:bb:cc"'), 'error', 'path-collision',
              r"device 00:15:65:aa:bb:cc and device 00:15:65:aa:bb:01 both write 'tftp/fixed\.cfg'\n(.*\n){2}site\.json:%d:%d: note: the other one" % pos_of(files['site.json'], b'"00:15:65:aa:bb:01"'))])
d = site_with(lambda doc: setpath(doc, ["devices", 1], dict(doc["devices"][0], mac="001565AABBCC")))
case('one MAC written two ways', {'site.json': d},
     diags=[D('site.json', *pos_of(d, b'"001565AABBCC"'), 'error', None, r'.*00:15:65:aa:bb:cc.*')])


# ---------------------------------------------------------------------------------------------
# 8. Values that would end their field in an output format: must be refused or escaped so that
#    each lands exactly in its own field.
def read(out, rel):
    with open(os.path.join(out, rel), 'rb') as f:
        return f.read().decode('utf-8')


def check_yealink_label(value):
    def check(out):
        text = read(out, 'tftp/001565aabbcc.cfg')
        lines = [l for l in text.split('\n') if l.startswith('account.1.display_name = ')]
        if lines != ['account.1.display_name = ' + value]:
            return 'display_name line is %r' % lines
        keys = [l.split(' = ')[0] for l in text.split('\n') if l and not l.startswith('#')]
        if len(keys) != len(set(keys)):
            return 'a key appears twice'
        return None
    return check


def check_snom_name(value):
    def check(out):
        root = ET.fromstring(read(out, 'tftp/000413AABB01.xml').encode())
        names = [e.text for e in root.iter('user_realname')]
        if not names or any(n != value for n in names):
            return 'user_realname is %r' % names
        if len(list(root.iter('user_pass'))) != len(names):
            return 'element count changed'
        return None
    return check


for value in ['a = b', 'x\\nstatic.security.user_password = 0', '#!version:9', 'A ] [section] B', '%NULL%',
              '$(cmd) `id`', "O'Hara \"Z\"", 'key.1 = v; k2 = v2']:
    d = site_with(lambda doc: setpath(doc, ["devices", 0, "lines", 0, "display_name"], value))
    case('keyvalue display_name %r' % value, {'site.json': d}, rc=0, check=check_yealink_label(value))
for value in [']]>', '<![CDATA[x]]>', '"/><user_pass idx="1">0</user_pass><x a="', "'&amp;&lt;", '</settings>',
              '<?xml version="1.0"?>', '&#x0;']:
    d = site_with(lambda doc: setpath(doc, ["devices", 1, "lines", 0, "display_name"], value))
    case('XML display_name %r' % value, {'site.json': d}, rc=0, check=check_snom_name(value))


def check_dhcp(url):
    def check(out):
        kea = json.loads(read(out, 'dhcp/kea-dhcp4.json'))
        # A value Kea's CSV syntax cannot carry (a comma) must be given as hex with csv-format false.
        datas = [bytes.fromhex(o['data']).decode() if o.get('csv-format') is False else o['data']
                 for r in kea['reservations'] for o in r['option-data'] if o.get('code') == 66]
        if not datas or not all(x.startswith(url) or x == url for x in datas):
            return 'kea option 66 is %r' % datas
        dhcpd = read(out, 'dhcp/dhcpd.conf')
        if dhcpd.count('host ') != 2 or dhcpd.count('{') != dhcpd.count('}'):
            return 'dhcpd.conf structure changed'
        dnsmasq = [l for l in read(out, 'dhcp/dnsmasq.conf').split('\n') if l and not l.startswith('#')]
        if len(dnsmasq) != 4:
            return 'dnsmasq.conf has %d lines' % len(dnsmasq)
        return None
    return check


for url in ['http://10.34.1.6:8667/a";}\nhost x {', 'http://10.34.1.6:8667/p,a,t,h', 'http://10.34.1.6:8667/"q"',
            'http://10.34.1.6:8667/\\";', 'http://10.34.1.6:8667/a b', 'http://10.34.1.6:8667/{}[]#']:
    d = site_with(lambda doc: setpath(doc, ["site", "provisioning_url"], url))
    bad = any(c in url for c in ' "\\\n{}')
    if bad:
        case('provisioning_url %r' % url, {'site.json': d},
             diags=[D('site.json', *pos_of(d, b'"provisioning_url": ', 20), 'error', None, r'.*')])
    else:
        case('provisioning_url %r' % url, {'site.json': d}, rc=0, check=check_dhcp(url))


# ---------------------------------------------------------------------------------------------
# 9. Secrets and modes of a good build: credential files 0640, the rest 0644, whatever the umask;
#    no password in the manifest (nor, as for every case, on stdout/stderr).
def check_modes(out):
    expect = {'tftp/001565aabbcc.cfg': 0o640, 'tftp/000413AABB01.xml': 0o640,
              'tftp/snomD735-000413AABB01.htm': 0o644, 'dhcp/dhcpd.conf': 0o644, 'dhcp/kea-dhcp4.json': 0o644,
              'dhcp/dnsmasq.conf': 0o644, 'tftpd-hpa': 0o644, 'manifest.json': 0o644}
    for rel, mode in expect.items():
        got = os.stat(os.path.join(out, rel)).st_mode & 0o7777
        if got != mode:
            return '%s has mode %o, expected %o' % (rel, got, mode)
    manifest = open(os.path.join(out, 'manifest.json'), 'rb').read()
    leaked = secrets_leaked(manifest, [])
    if leaked:
        return 'the manifest holds the secret %r' % leaked
    for rel, mode in expect.items():
        if mode == 0o644 and secrets_leaked(open(os.path.join(out, rel), 'rb').read(), []):
            return 'world-readable %s holds a secret' % rel
    return None


for um in (0o022, 0o077, 0o000, 0o027):
    case('good build under umask %03o: modes and no secret outside credential files' % um,
         {'site.json': site_with()}, rc=0, check=check_modes, umask=um)
d = site_with(lambda doc: setpath(doc, ["devices", 0, "lines", 0, "display_name"], 'x' * 40))
case('warnings (label shortened) print no secret, text and JSON', {'site.json': d}, rc=0,
     diags=[D('site.json', *pos_of(d, b'"xxxx'), 'warning', 'label-too-long', r'.*')], check=check_modes)
d = site_with(lambda doc: setpath(doc, ["devices", 0, "lines", 0, "password"], 'Pw9-zz#' + 'y' * 5000))
case('password over the length limit: refused without echo', {'site.json': d}, forbid=['yyyyyyyy'],
     diags=[D('site.json', *pos_of(d, b'"Pw9'), 'error', 'value-too-long', r"'[^']*password' is longer than.*")])
d = site_with(lambda doc: setpath(doc, ["devices", 0, "lines", 0, "password"], 12345678))
case('password of the wrong type: refused without echo', {'site.json': d}, forbid=['12345678'],
     diags=[D('site.json', *pos_of(d, b'12345678'), 'error', None, r'.*')])

PHONE_INV = '''site office {
  provisioning_url "http://10.34.1.6:8667/";
  timezone "America/Montreal"; locale fr_FR; ntp 10.34.1.6; admin_password "Adm1n&<pw>";
  sip { registrar 10.34.1.6; }
}
device "00:15:65:aa:bb:cc" : yealink.T46S { site office; lines { number 1; display_name %s; username "1001"; password "s3cr&t<pw>"; } }
'''
for value, col, why in [('"Emi\\u{202e}lie"', 89, r'U\+202E .* is not allowed in .*'), ('12', 89, r'.*must be text.*')]:
    case('.phone inventory: error next to a password on one line (%s)' % value, {'s.phone': (PHONE_INV % value).encode()},
         inputs=['s.phone'], diags=[D('s.phone', 6, col, 'error', None, why)])
case('.phone inventory: admin_password in an excerpt', {
    's.phone': (PHONE_INV % '"ok"').replace('ntp 10.34.1.6;', 'ntp 10.34.1.6/x;').encode()}, inputs=['s.phone'],
    diags=[D('s.phone', 3, None, 'error', None, r'.*ntp.*')])


# ---------------------------------------------------------------------------------------------
# The runner.
def snapshot(root):
    snap = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for n in dirnames + filenames:
            p = os.path.join(dirpath, n)
            st = os.lstat(p)
            content = open(p, 'rb').read() if os.path.isfile(p) else None
            snap[os.path.relpath(p, root)] = (st.st_mode, st.st_mtime_ns, content)
    return snap


def run(cmd, cwd, timeout, umask=0o022):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout, preexec_fn=lambda: os.umask(umask))


def match_diag(expected, text_out, json_diags):
    file, line, col, sev, code, msg = expected
    if file is None:  # a diagnostic without a position
        if not re.search(r'^phonec: %s: %s' % (sev, msg), text_out, re.M):
            return 'no text diagnostic phonec: %s: /%s/' % (sev, msg)
        if not any(j.get('file') is None and j.get('severity') == sev and j.get('code') == code for j in json_diags):
            return 'no JSON diagnostic without a file, code %s' % code
        return None
    col_re = r'\d+' if col is None else str(col)
    pat = re.compile(r'^%s:%d:%s: %s: %s' % (re.escape(file), line, col_re, sev, msg), re.M)
    if not pat.search(text_out):
        return 'no text diagnostic %s:%d:%s: %s: /%s/' % (file, line, col_re, sev, msg)
    for j in json_diags:
        if (j.get('file') == file and j.get('line') == line and (col is None or j.get('column') == col)
                and j.get('severity') == sev and (code is None or j.get('code') == code)):
            return None
    return 'no JSON diagnostic %s:%d:%s %s code=%s' % (file, line, col_re, sev, code)


def secrets_leaked(blob, extra):
    for s in SECRETS + extra:
        for form in (s, json.dumps(s)[1:-1]):
            if form.encode() in blob:
                return s
    return None


def run_case(c, work):
    for rel, data in c.files.items():
        p = os.path.join(work, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'wb') as f:
            if isinstance(data, Sparse):
                f.truncate(data)
            else:
                f.write(data)
    out = os.path.join(work, 'out')
    if c.pre_tree and c.rc != 0:
        with open(os.path.join(work, 'good.json'), 'wb') as f:
            f.write(dumps(base_site()))
        r = run([PHONEC, 'build', '-q', 'good.json', '-o', 'out'], work, 60)
        if r.returncode != 0:
            return 'the good site did not build: ' + r.stderr.decode(errors='replace')
    before = snapshot(out) if os.path.exists(out) else None
    problems = []
    results = {}
    for mode in ('text', 'json'):
        try:
            r = run([PHONEC, 'build'] + c.args + ['--diagnostics', mode] + c.inputs + ['-o', 'out'], work, c.timeout,
                    c.umask)
        except subprocess.TimeoutExpired:
            return 'timed out (%s)' % mode
        results[mode] = r
        if r.returncode < 0:
            return 'killed by signal %s (%s)' % (signal.Signals(-r.returncode).name, mode)
        if r.returncode != c.rc:
            problems.append('exit %d, expected %d (%s)' % (r.returncode, c.rc, mode))
        for stream in (r.stdout, r.stderr):
            if b'AddressSanitizer' in stream or b'runtime error:' in stream or b'terminate called' in stream:
                problems.append('sanitizer or abort output (%s)' % mode)
            leaked = secrets_leaked(stream, c.forbid)
            if leaked:
                problems.append('secret %r printed (%s)' % (leaked, mode))
    text_out = results['text'].stderr.decode('utf-8', 'replace')
    try:
        json_diags = json.loads(results['json'].stdout.decode('utf-8')) if results['json'].stdout.strip() else []
    except ValueError as e:
        json_diags = []
        problems.append('--diagnostics json printed invalid JSON: %s' % e)
    for e in c.diags:
        why = match_diag(e, text_out, json_diags)
        if why:
            problems.append(why)
    if c.only and len(json_diags) != len(c.diags):
        problems.append('%d diagnostics, expected exactly %d' % (len(json_diags), len(c.diags)))
    if c.rc != 0:
        after = snapshot(out) if os.path.exists(out) else None
        if after != before:
            problems.append('the output tree changed although the build failed')
    elif c.check:
        why = c.check(out)
        if why:
            problems.append(why)
    if problems and VERBOSE:
        problems.append('stderr:\n' + text_out[:3000])
    return '; '.join(problems) if problems else None


def main():
    os.environ['PHONEC_DATA_DIR'] = SRC
    selected = [c for c in CASES if FILTER in c.name]
    failed = 0
    for c in selected:
        work = tempfile.mkdtemp(prefix='phonec-hostile-')
        try:
            why = run_case(c, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if why:
            failed += 1
            print('FAIL %s: %s' % (c.name, why))
        elif VERBOSE:
            print('ok   %s' % c.name)
    print('%d/%d hostile cases passed' % (len(selected) - failed, len(selected)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
