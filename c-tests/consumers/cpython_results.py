"""Per-test results of one CPython regrtest run, for c-tests/consumers/cpython.sh.

    python3 cpython_results.py JUNIT_XML VERBOSE_OUTPUT
    python3 cpython_results.py --compare SYSTEM_RESULTS OURS_RESULTS

Prints one line per test, "<module>.<class>.<test> <passed|failed|error|skipped>",
sorted; --compare prints the tests whose result differs and how many have
none in the second file. The JUnit XML (regrtest --junit-xml) is read when it exists; a run
that died before writing it (a crash) leaves only its -v output, from which
the tests that finished are taken.
"""

import os
import re
import sys
import xml.etree.ElementTree as ET

VERBOSE = re.compile(r"^(\w+) \(([\w.]+)\) \.\.\. (.*)$")


def from_xml(path):
    results = {}
    for case in ET.parse(path).iter("testcase"):
        # regrtest writes the dotted test id as the name, without classname;
        # a case for an error outside any test (an import or setUpModule
        # failure) may have neither: it is kept, as a result of its own
        name = case.get("name") or "<unnamed>"
        if case.get("classname"):
            name = f"{case.get('classname')}.{name}"
        name = name.removeprefix("test.")
        status = "passed"
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                status = {"failure": "failed"}.get(child.tag, child.tag)
        results[name] = status
    return results


def from_verbose(path):
    results = {}
    with open(path, errors="replace") as f:
        for line in f:
            m = VERBOSE.match(line.rstrip("\n"))
            if not m:
                continue
            outcome = m.group(3)
            if outcome == "ok" or outcome == "expected failure":
                status = "passed"
            elif outcome.startswith("skipped"):
                status = "skipped"
            elif outcome == "FAIL" or outcome == "unexpected success":
                status = "failed"
            elif outcome == "ERROR":
                status = "error"
            else:
                continue
            # 3.11 prints the whole test id in the parentheses
            name = m.group(2)
            if not name.endswith("." + m.group(1)):
                name = f"{name}.{m.group(1)}"
            name = name.removeprefix("test.")
            results[name] = status
    return results


def read_results(path):
    with open(path) as f:
        return dict(line.split() for line in f if line.strip())


def compare(system_path, ours_path):
    system, ours = read_results(system_path), read_results(ours_path)
    for name in sorted(system):
        if name in ours and ours[name] != system[name]:
            print(f"{name}: {system[name]} on the system, {ours[name]} on ours")
    for name in sorted(set(ours) - set(system)):
        print(f"{name}: only on ours ({ours[name]})")
    missing = [name for name in system if name not in ours]
    if missing:
        print(f"{len(missing)} tests have no result on ours (the run ended early)")


def main():
    if sys.argv[1] == "--compare":
        compare(sys.argv[2], sys.argv[3])
        return
    xml_path, verbose_path = sys.argv[1], sys.argv[2]
    results = None
    if os.path.exists(xml_path) and os.path.getsize(xml_path) > 0:
        try:
            results = from_xml(xml_path)
        except ET.ParseError:
            # a run killed while writing it: its output says the rest
            results = None
    if results is None:
        results = from_verbose(verbose_path)
    for name in sorted(results):
        print(f"{name} {results[name]}")


if __name__ == "__main__":
    main()
