#!/bin/sh
# Real programs: Debian's litmus WebDAV test suites (neon applications,
# unmodified binaries), all five of them, run against Apache's mod_dav with
# the system libneon and then with ours substituted through LD_LIBRARY_PATH.
# Every test's result must be the same. litmus links Debian's GnuTLS flavour,
# libneon-gnutls.so.27, which build/neon provides as an alias of ours.
#
# The suites run in the authenticated area (Basic auth). A suite that does
# not run on ours (the loader refuses it: missing symbols) fails with the
# loader's message. Results and raw output go to OUTDIR/dav/litmus-*.
#
#   c-tests/dav/litmus.sh OUTDIR
set -u
. "$(dirname "$0")/lib.sh"
dav_init litmus "${1:-$(cd "$(dirname "$0")/../.." && pwd)/build/c-tests/results}"
suites="basic copymove props locks http"

if [ ! -x /usr/libexec/litmus/basic ]; then
    fail "litmus: not installed (tools/ensure-deps.sh)"
    exit 1
fi

# litmus_results LIB SUITE: runs the suite, keeps its raw output, prints the
# lines naming each test and its outcome. litmus redraws a test's line with
# a carriage return when it finishes; what follows the last one is the result.
litmus_results() {
    lib=$1 s=$2
    work=$tmp/$lib/$s
    mkdir -p "$work"
    # litmus reads htdocs from the current directory and writes debug.log
    # and child.log there.
    cp -r /usr/share/litmus/htdocs "$work/"
    (cd "$work" && dav_run "$lib" timeout 120 /usr/libexec/litmus/"$s" \
        "http://127.0.0.1:$(dav_port "$lib")/private/" "$dav_user" "$dav_password" \
        > "$res/litmus-$s.$lib.raw" 2>&1)
    echo $? > "$res/litmus-$s.$lib.rc"
    cp "$work/debug.log" "$res/litmus-$s.$lib.debug.log" 2> /dev/null
    sed 's/.*\r//' "$res/litmus-$s.$lib.raw" | grep -E '^ *[0-9]+\.|^ +\.+ |summary' | dav_normalise "$lib"
}

for s in $suites; do
    bin=/usr/libexec/litmus/$s
    if ! dav_loads_ours "$bin"; then
        fail "litmus $s: LD_LIBRARY_PATH=build/neon would not load our libneon (make all)"
        continue
    fi
    dav_lacks "$bin" "$res/litmus-$s.lacks"
    litmus_results system "$s" > "$res/litmus-$s.system"
    litmus_results ours "$s" > "$res/litmus-$s.ours"
    summary=$(grep summary "$res/litmus-$s.system" | sed 's/.*: of //; s/\. [0-9.]*%$//')
    if [ -z "$summary" ]; then
        tail -5 "$res/litmus-$s.system.raw" | detail
        fail "litmus $s: did not complete on the system libneon (the test is broken)"
        continue
    fi
    if ! grep -q summary "$res/litmus-$s.ours"; then
        msg=$(dav_loader_error "$res/litmus-$s.ours.raw")
        [ -n "$msg" ] || msg="$(tail -1 "$res/litmus-$s.ours.raw") (exit $(cat "$res/litmus-$s.ours.rc"))"
        dav_report_lacks "$res/litmus-$s.lacks"
        fail "litmus $s: does not run on ours: $msg"
    elif ! diff -u "$res/litmus-$s.system" "$res/litmus-$s.ours" > "$res/litmus-$s.diff"; then
        grep '^[-+] *[0-9]' "$res/litmus-$s.diff" | head -20 | detail
        fail "litmus $s: $(grep summary "$res/litmus-$s.ours" | sed 's/.*: of //; s/\. [0-9.]*%$//'); the system libneon gives $summary (diff: ${res#"$top"/}/litmus-$s.diff)"
    elif [ -s "$res/litmus-$s.lacks" ]; then
        fail "litmus $s: $summary as with the system libneon, but ours lacks symbols it imports: $(tr '\n' ' ' < "$res/litmus-$s.lacks")"
    else
        ok "litmus $s: $summary (same as the system libneon)"
    fi
done
exit $status
