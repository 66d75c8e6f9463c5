"""Turn phonec's Kea fragment (DIR/dhcp/kea-dhcp4.json) into a complete kea-dhcp4 config.

The fragment's exact shape is not fixed yet. Everything that depends on it is in
`split_fragment`: it accepts either {"Dhcp4": {...}} or the bare Dhcp4 body, takes
the global keys phonec may emit (option-def, client-classes, option-data) as they
are, and moves "reservations" (top level or inside a single subnet4 entry) into the
test subnet. Adapt this one function when the fragment changes.
"""

import json

GLOBAL_KEYS = ("option-def", "client-classes", "option-data")


def split_fragment(fragment):
    """Return (global_keys: dict, reservations: list, subnet_extra: dict)."""
    body = fragment.get("Dhcp4", fragment) if isinstance(fragment, dict) else None
    if not isinstance(body, dict):
        raise ValueError("the Kea fragment is not a JSON object")
    known = set(GLOBAL_KEYS) | {"reservations", "subnet4"}
    unknown = sorted(set(body) - known)
    if unknown:
        raise ValueError("the Kea fragment has keys the harness does not know: " + ", ".join(unknown))
    globals_ = {k: body[k] for k in GLOBAL_KEYS if k in body}
    reservations = list(body.get("reservations", []))
    subnet_extra = {}
    subnets = body.get("subnet4", [])
    if len(subnets) > 1:
        raise ValueError("the Kea fragment has %d subnet4 entries; the harness serves one" % len(subnets))
    for subnet in subnets:
        reservations += subnet.get("reservations", [])
        subnet_extra = {k: v for k, v in subnet.items()
                        if k not in ("reservations", "subnet", "id", "pools")}
    return globals_, reservations, subnet_extra


def build(fragment, interface, state, subnet="10.34.1.0/24", pool="10.34.1.100 - 10.34.1.199"):
    globals_, reservations, subnet_extra = split_fragment(fragment)
    subnet4 = {"id": 1, "subnet": subnet, "pools": [{"pool": pool}], "reservations": reservations}
    subnet4.update(subnet_extra)
    dhcp4 = {
        "interfaces-config": {"interfaces": [interface], "dhcp-socket-type": "raw"},
        "lease-database": {"type": "memfile", "persist": True, "lfc-interval": 0,
                           "name": state + "/kea-leases4.csv"},
        "control-socket": {"socket-type": "unix", "socket-name": state + "/kea4.sock"},
        "valid-lifetime": 600,
        "subnet4": [subnet4],
        "loggers": [{"name": "kea-dhcp4", "severity": "INFO",
                     "output_options": [{"output": state + "/logs/kea-dhcp4.log"}]}],
    }
    dhcp4.update(globals_)
    return {"Dhcp4": dhcp4}


if __name__ == "__main__":
    import sys
    with open(sys.argv[1], encoding="utf-8") as f:
        print(json.dumps(build(json.load(f), sys.argv[2], sys.argv[3]), indent=2))
