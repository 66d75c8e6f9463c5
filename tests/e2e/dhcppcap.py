"""Read DHCPv4 packets out of a classic pcap file (what `tcpdump -w` writes).

The capture is the ground truth of what a server sent: DHCP clients rewrite or
reject some options (busybox turns any URL in option 66 into "bad"), so the
harness decodes the wire bytes itself. Standard library only.

    python3 dhcppcap.py FILE.pcap      # prints every DHCP packet, one per line
"""

import ipaddress
import struct
import sys

MAGIC_COOKIE = b"\x63\x82\x53\x63"
MESSAGE_TYPES = {1: "DISCOVER", 2: "OFFER", 3: "REQUEST", 4: "DECLINE",
                 5: "ACK", 6: "NAK", 7: "RELEASE", 8: "INFORM"}
LINKTYPE_ETHERNET = 1


class DhcpPacket:
    """One BOOTP/DHCP message with its options as raw bytes keyed by code."""

    def __init__(self, timestamp, op, xid, ciaddr, yiaddr, siaddr, chaddr, file_, options):
        self.timestamp = timestamp
        self.op = op                # 1 request (client), 2 reply (server)
        self.xid = xid
        self.ciaddr = ciaddr
        self.yiaddr = yiaddr
        self.siaddr = siaddr
        self.chaddr = chaddr        # "00:15:65:aa:bb:cc"
        self.file = file_
        self.options = options      # {code: bytes}, repeated codes concatenated (RFC 3396)

    @property
    def message_type(self):
        value = self.options.get(53)
        return MESSAGE_TYPES.get(value[0], str(value[0])) if value else "BOOTP"

    def text(self, code):
        value = self.options.get(code)
        return None if value is None else value.rstrip(b"\0").decode("utf-8", "replace")

    def ips(self, code):
        value = self.options.get(code)
        if value is None or len(value) % 4:
            return None
        return [str(ipaddress.IPv4Address(value[i:i + 4])) for i in range(0, len(value), 4)]

    def request_list(self):
        return list(self.options.get(55, b""))

    def prefix_length(self):
        mask = self.options.get(1)
        if not mask or len(mask) != 4:
            return None
        return ipaddress.IPv4Network("0.0.0.0/" + str(ipaddress.IPv4Address(mask))).prefixlen


def decode_tlv(data):
    """Option 43 style sub-options: a list of (code, bytes); None if malformed."""
    items, i = [], 0
    while i < len(data):
        code = data[i]
        if code == 0:
            i += 1
            continue
        if code == 255:
            break
        if i + 1 >= len(data) or i + 2 + data[i + 1] > len(data):
            return None
        items.append((code, data[i + 2:i + 2 + data[i + 1]]))
        i += 2 + data[i + 1]
    return items


def parse_options(data):
    options, i = {}, 0
    while i < len(data):
        code = data[i]
        if code == 0:
            i += 1
            continue
        if code == 255:
            break
        if i + 1 >= len(data):
            raise ValueError("option %d truncated" % code)
        length = data[i + 1]
        if i + 2 + length > len(data):
            raise ValueError("option %d overruns the packet" % code)
        options[code] = options.get(code, b"") + data[i + 2:i + 2 + length]
        i += 2 + length
    return options


def parse_bootp(timestamp, payload):
    if len(payload) < 240 or payload[236:240] != MAGIC_COOKIE:
        return None
    op, htype, hlen = payload[0], payload[1], payload[2]
    xid = struct.unpack("!I", payload[4:8])[0]
    ciaddr, yiaddr, siaddr = (str(ipaddress.IPv4Address(payload[o:o + 4])) for o in (12, 16, 20))
    chaddr = ":".join("%02x" % b for b in payload[28:28 + min(hlen, 16)]) if htype == 1 else ""
    options = parse_options(payload[240:])
    file_ = payload[108:236]
    overload = options.get(52, b"\0")[0]
    if overload & 1:            # option overload: more options live in the file/sname fields
        options.update({k: options.get(k, b"") + v for k, v in parse_options(payload[108:236]).items()})
        file_ = b""
    if overload & 2:
        options.update({k: options.get(k, b"") + v for k, v in parse_options(payload[44:108]).items()})
    return DhcpPacket(timestamp, op, xid, ciaddr, yiaddr, siaddr, chaddr,
                      file_.rstrip(b"\0").decode("utf-8", "replace"), options)


def read_pcap(path):
    """Every DHCP packet in the file, in capture order. A truncated last record
    (tcpdump still writing) is ignored, so the file can be polled while live."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return []
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        raise ValueError("%s: not a pcap file" % path)
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    if linktype != LINKTYPE_ETHERNET:
        raise ValueError("%s: link type %d, expected Ethernet" % (path, linktype))
    packets, offset = [], 24
    while offset + 16 <= len(data):
        sec, frac, caplen, _ = struct.unpack(endian + "IIII", data[offset:offset + 16])
        offset += 16
        if offset + caplen > len(data):
            break
        frame = data[offset:offset + caplen]
        offset += caplen
        packet = parse_frame(sec + frac / (1e9 if nano else 1e6), frame)
        if packet is not None:
            packets.append(packet)
    return packets


def parse_frame(timestamp, frame):
    if len(frame) < 14:
        return None
    ethertype, pos = struct.unpack("!H", frame[12:14])[0], 14
    while ethertype in (0x8100, 0x88a8) and len(frame) >= pos + 4:
        ethertype, pos = struct.unpack("!H", frame[pos + 2:pos + 4])[0], pos + 4
    if ethertype != 0x0800 or len(frame) < pos + 20:
        return None
    ihl = (frame[pos] & 0x0F) * 4
    if frame[pos + 9] != 17 or struct.unpack("!H", frame[pos + 6:pos + 8])[0] & 0x3FFF:
        return None             # not UDP, or a fragment
    udp = pos + ihl
    if len(frame) < udp + 8:
        return None
    sport, dport = struct.unpack("!HH", frame[udp:udp + 4])
    if not {sport, dport} & {67, 68}:
        return None
    try:
        return parse_bootp(timestamp, frame[udp + 8:])
    except ValueError:
        return None


def describe(code, value):
    """Human form of one option value, for logs."""
    if code in (1, 3, 6, 28, 42, 50, 54, 150):
        if len(value) % 4 == 0:
            return ",".join(str(ipaddress.IPv4Address(value[i:i + 4])) for i in range(0, len(value), 4))
    if code == 2 and len(value) == 4:
        return str(struct.unpack("!i", value)[0])
    if code in (51, 58, 59) and len(value) == 4:
        return str(struct.unpack("!I", value)[0])
    if code == 55:
        return ",".join(str(b) for b in value)
    if code == 53 and value:
        return MESSAGE_TYPES.get(value[0], str(value[0]))
    if code == 43:
        items = decode_tlv(value)
        if items is not None:
            return "[" + " ".join("%d=%s" % (c, printable(v)) for c, v in items) + "]"
    return printable(value)


def printable(value):
    try:
        text = value.decode("utf-8")
        if all(c.isprintable() for c in text):
            return '"%s"' % text
    except UnicodeDecodeError:
        pass
    return value.hex()


def main(argv):
    if len(argv) != 2:
        print("usage: dhcppcap.py FILE.pcap", file=sys.stderr)
        return 2
    for p in read_pcap(argv[1]):
        opts = " ".join("%d=%s" % (c, describe(c, v)) for c, v in sorted(p.options.items()))
        print("%.6f %s %s xid=%08x yiaddr=%s siaddr=%s %s" %
              (p.timestamp, p.message_type, p.chaddr, p.xid, p.yiaddr, p.siaddr, opts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
