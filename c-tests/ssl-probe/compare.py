#!/usr/bin/env python3
"""Compares the probe's output on the system libssl and on ours.

  compare.py EXPORTS SYSTEM_OUT OURS_OUT DELIBERATE

Every export must have a probe (and nothing else may have one); every line
of ours must equal the system's, or be listed verbatim in DELIBERATE under
a "## reason" heading; every listed line must still differ (no stale
entries). Prints "ok:"/"FAIL:" lines and a summary; exits 1 on failure.
"""

import re
import sys

LINE = re.compile(r"^(\w+) \[([cs-])\]:(.*)$")


def probe_lines(path):
    out = {}
    with open(path) as f:
        for raw in f:
            raw = raw.rstrip("\n")
            m = LINE.match(raw)
            if m:
                out[(m.group(1), m.group(2))] = raw
    return out


def deliberate(path):
    """line -> reason, in file order."""
    entries, reason = {}, None
    with open(path) as f:
        for n, raw in enumerate(f, 1):
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.startswith("# "):
                continue
            if raw.startswith("## "):
                reason = raw[3:].strip()
            elif LINE.match(raw):
                if reason is None:
                    sys.exit(f"{path}:{n}: entry before any '## reason'")
                entries[raw] = reason
            else:
                sys.exit(f"{path}:{n}: not a probe line: {raw}")
    return entries


def main():
    exports_path, sys_path, ours_path, del_path = sys.argv[1:5]
    with open(exports_path) as f:
        exports = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    ref, ours, listed = probe_lines(sys_path), probe_lines(ours_path), deliberate(del_path)
    failures = []
    names = {k[0] for k in ref}
    for n in sorted(exports - names):
        failures.append(f"no probe for export {n} (add one to c-tests/ssl-probe/probe.c)")
    for n in sorted(names - exports):
        failures.append(f"probe {n} is not a libssl export")
    identical = used = in_progress = pending = 0
    for key in sorted(set(ref) | set(ours)):
        a, b = ref.get(key), ours.get(key)
        if a == b:
            identical += 1
        elif b is not None and b in listed:
            used += 1
            in_progress += listed[b].startswith("in progress")
            pending += listed[b].startswith("pending")
        else:
            failures.append(f"differs: system: {a or '(missing)'}\n         ours:   {b or '(missing)'}")
    for line in listed:
        key = LINE.match(line)
        key = (key.group(1), key.group(2))
        if ours.get(key) != line or ref.get(key) == line:
            failures.append(f"stale deliberate entry: {line}\n         system: {ref.get(key)}\n         ours:   {ours.get(key)}")
    for f in failures:
        print("FAIL: ssl-probe: " + f)
    fns = len(names & exports)
    summary = (f"ssl-probe: {fns} functions probed ({len(ref)} calls): {identical} identical, "
               f"{used} listed differences ({in_progress} in progress elsewhere, {pending} pending, "
               f"{used - in_progress - pending} deliberate)")
    if failures:
        print(f"FAIL: {summary}; {len(failures)} failures")
        sys.exit(1)
    print(f"ok:   {summary}")


if __name__ == "__main__":
    main()
