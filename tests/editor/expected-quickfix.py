"""The quickfix list Vim should build from phonec's text diagnostics, derived independently from
the same run's --diagnostics json: file|line|col|type|valid|text per entry, notes after their
diagnostic."""
import json
import sys

out = []
for d in json.load(open(sys.argv[1])):
    sev = d["severity"]
    text = d["message"]
    if sev == "warning" and d.get("code"):
        text += " [-W" + d["code"] + "]"
    if d["file"] is None:
        out.append(f"|0|0|{sev[0]}|1|{text}")
    else:
        out.append(f"{d['file']}|{d['line']}|{d['column']}|{sev[0]}|1|{text}")
    for n in d.get("notes", []):
        where = f"{n['file']}|{n['line']}|{n['column']}" if n["file"] is not None else "|0|0"
        out.append(f"{where}|n|1|{n['message']}")
print("\n".join(out))
