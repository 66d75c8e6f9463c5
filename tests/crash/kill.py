#!/usr/bin/env python3
"""Crash safety of `phonec build` under SIGKILL (tests/crash/run-kill.sh).

A 2000-device site (yealink.T46S and snom.D735) in two variants A and B that differ in some
devices (changed names and passwords, devices removed, devices added). Both are built once into
reference trees. The working tree is built from A; then, ITERATIONS times, a build towards the
other variant is started and SIGKILLed at a random moment. After each kill:
  - every file of the tree holds the complete content of the old or the new reference (and its
    mode), files present in both references still exist, nothing else is there except phonec's
    own `.phonec-*` bookkeeping and temporary files;
then the build is run again to completion and the tree must equal the new reference exactly
(content, mode, no leftover temporary file). Every 10th iteration also runs a build with an
error in the inventory, which must leave the tree exactly as it was (bytes, modes, mtimes).
Usage: kill.py PHONEC SOURCE_DIR [ITERATIONS]   (PHONEC_KILL_SEED=N to replay a run)
"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PHONEC, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ITERATIONS = int(sys.argv[3]) if len(sys.argv) > 3 else 50
DEVICES = 2000
STATE = '.phonec-state'  # the stat cache: phonec's own, not part of the contract's tree
# phonec's own records that hold file stamps (different in every run): left out of the comparisons.
STAMPED = {STATE, '.phonec-build'}


def device(i, variant):
    snom = i % 2 == 1
    changed = variant == 'B' and i % 10 == 3
    return {
        "mac": ('000413' if snom else '001565') + '%06x' % i,
        "model": "snom.D735" if snom else "yealink.T46S",
        "ip": "10.%d.%d.%d" % (40 + i // 62500, (i // 250) % 250, i % 250 + 1),
        "lines": [{"number": 1, "display_name": ("Moved %d" if changed else "User %d") % i,
                   "username": str(10000 + i), "password": ("nw-%d" if changed else "pw-%d") % i}],
        "funckeys": [{"position": 1, "type": "blf", "value": str(20000 + i), "label": "K%d" % i}],
    }


def site(variant, broken=False):
    if variant == 'A':
        ids = range(DEVICES)
    else:  # B: 100 devices gone, 100 new ones, one in ten of the rest changed
        ids = [i for i in range(DEVICES) if i % 20 != 7] + list(range(DEVICES, DEVICES + 100))
    devs = [device(i, variant) for i in ids]
    if broken:
        devs[len(devs) // 2]["mac"] = "00:15:65:zz:00:00"
    return {
        "format": "phonec-inventory/1",
        "site": {"provisioning_url": "http://10.34.1.6:8667/", "tftp_server": "10.34.1.6",
                 "timezone": "Europe/Paris", "locale": "fr_FR", "ntp": "10.34.1.6",
                 "admin_password": "Adm1n-pw", "feature_codes": "wazo",
                 "sip": {"registrar": "10.34.1.6", "proxy": "10.34.1.6", "port": 5060}},
        "devices": devs,
    }


def tree(root, with_mtime=False):
    """relative path -> (mode, bytes[, mtime]) of every file, skipping nothing."""
    out = {}
    for dirpath, _, files in os.walk(root):
        for n in files:
            p = os.path.join(dirpath, n)
            st = os.lstat(p)
            with open(p, 'rb') as f:
                data = f.read()
            out[os.path.relpath(p, root)] = (st.st_mode, data, st.st_mtime_ns) if with_mtime else (st.st_mode, data)
    return out


def is_bookkeeping(rel):
    return os.path.basename(rel).startswith('.phonec-')


def build(inp, out, work):
    return subprocess.run([PHONEC, 'build', '-q', inp, '-o', out], cwd=work, capture_output=True)


def fail(msg):
    print('FAIL: ' + msg)
    sys.exit(1)


def main():
    os.environ['PHONEC_DATA_DIR'] = SRC
    seed = int(os.environ.get('PHONEC_KILL_SEED', str(time.time_ns() % 1000000)))
    rnd = random.Random(seed)
    print('seed %d (PHONEC_KILL_SEED=%d to replay)' % (seed, seed))
    work = tempfile.mkdtemp(prefix='phonec-kill-')
    try:
        for v in 'AB':
            with open(os.path.join(work, v + '.json'), 'w') as f:
                json.dump(site(v), f)
        with open(os.path.join(work, 'broken.json'), 'w') as f:
            json.dump(site('B', broken=True), f)
        ref = {}
        out = os.path.join(work, 'out')
        for v in 'AB':
            # Built at the same path as the working tree: tftpd-hpa names the absolute directory.
            r = build(v + '.json', 'out', work)
            if r.returncode != 0:
                fail('reference build %s: %s' % (v, r.stderr.decode(errors='replace')))
            ref[v] = {k: x for k, x in tree(out).items() if k not in STAMPED}
            shutil.rmtree(out)
        both = set(ref['A']) & set(ref['B'])
        print('reference trees: A %d files, B %d files, %d in both, %d differ' % (
            len(ref['A']), len(ref['B']), len(both), sum(ref['A'][k] != ref['B'][k] for k in both)))
        r = build('A.json', 'out', work)
        if r.returncode != 0:
            fail('first build: ' + r.stderr.decode(errors='replace'))
        # How long an incremental build takes here, to spread the kills over its whole run.
        t0 = time.monotonic()
        build('B.json', 'out', work)
        build('A.json', 'out', work)
        span = (time.monotonic() - t0) / 2
        old, killed_mid, torn = 'A', 0, 0
        for it in range(ITERATIONS):
            new = 'B' if old == 'A' else 'A'
            if it % 10 == 9:
                before = tree(out, with_mtime=True)
                r = build('broken.json', 'out', work)
                if r.returncode != 1 or b'zz' not in r.stderr:
                    fail('iteration %d: the broken site gave exit %d' % (it, r.returncode))
                if tree(out, with_mtime=True) != before:
                    fail('iteration %d: a build with errors changed the tree' % it)
            delay = rnd.uniform(0, span * 1.1)
            p = subprocess.Popen([PHONEC, 'build', '-q', new + '.json', '-o', 'out'], cwd=work,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            rc = p.wait()
            killed_mid += rc == -signal.SIGKILL
            now = tree(out)
            mixed = {'old': 0, 'new': 0}
            for rel, got in now.items():
                if is_bookkeeping(rel):
                    continue
                if rel in ref[old] and got == ref[old][rel]:
                    mixed['old'] += rel in ref[new] and ref[new][rel] != got
                elif rel in ref[new] and got == ref[new][rel]:
                    mixed['new'] += 1
                else:
                    fail('iteration %d (killed after %.3f s): %s is neither its old nor its new content' % (it, delay, rel))
            torn += mixed['old'] > 0 and mixed['new'] > 0
            for rel in both:
                if rel not in now:
                    fail('iteration %d: %s disappeared' % (it, rel))
            r = build(new + '.json', 'out', work)
            if r.returncode != 0:
                fail('iteration %d: the repair build failed: %s' % (it, r.stderr.decode(errors='replace')))
            repaired = {k: x for k, x in tree(out).items() if k not in STAMPED}
            if repaired != ref[new]:
                extra = sorted(set(repaired) - set(ref[new]))[:5]
                missing = sorted(set(ref[new]) - set(repaired))[:5]
                wrong = sorted(k for k in set(repaired) & set(ref[new]) if repaired[k] != ref[new][k])[:5]
                fail('iteration %d: the repair build does not equal reference %s: extra %s missing %s wrong %s' % (
                    it, new, extra, missing, wrong))
            old = new
        print('%d kills (%d while phonec was still running, %d left a half-old half-new tree), every tree repaired' % (
            ITERATIONS, killed_mid, torn))
        if killed_mid < ITERATIONS // 4:
            fail('too few kills landed while phonec was running; the timing is off')
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
