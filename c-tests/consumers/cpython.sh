#!/bin/sh
# CPython's own tests of its TLS users (Debian's libpython3.11-testsuite):
# `python3 -m test test_ssl test_httplib test_urllib2_localnet`, each module
# in its own run (a crash loses one module only), on the system libssl and on
# ours. The per-test results (passed, failed, error, skipped) must be the
# same; differences and both runs' outputs are kept in
# build/c-tests/consumers/cpython/. About 45 s on the system library; every
# run is limited to NEONRS_CPYTHON_TIMEOUT seconds (default 600) and each
# test to 60 s (a hung test ends its module's run: the tests after it are missing).
#
#   c-tests/consumers/cpython.sh [MODULE...]     (result lines as in lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
cons_init cpython

py=/usr/bin/python3
limit=${NEONRS_CPYTHON_TIMEOUT:-600}
modules=${*:-test_ssl test_httplib test_urllib2_localnet}
if ! $py -I -c 'import test.test_ssl' 2> /dev/null; then
    fail "cpython: Debian's libpython3.11-testsuite is not installed (tools/ensure-deps.sh)"
    exit 1
fi
ssl_so=$($py -I -c 'import _ssl; print(_ssl.__file__)')
cons_loads_ours "$ssl_so" || { fail "cpython: LD_LIBRARY_PATH=$ourlib does not load our libssl.so.3 in $ssl_so"; exit 1; }

counts() {
    awk '{ c[$2]++ } END { printf "%d passed, %d failed, %d errors, %d skipped",
        c["passed"], c["failed"], c["error"], c["skipped"] }' "$1"
}

for m in $modules; do
    for lib in system ours; do
        start=$(date +%s)
        # the tests write their scratch files into the current directory
        (cd "$tmp" && cons_run "$lib" "$limit" $py -I -m test -v --timeout 60 \
            --junit-xml "$res/$m.$lib.xml" "$m" > "$res/$m.$lib.out" 2>&1)
        rc=$?
        eval "secs_$lib=$(($(date +%s) - start)) rc_$lib=$rc"
        $py -I "$top/c-tests/consumers/cpython_results.py" "$res/$m.$lib.xml" "$res/$m.$lib.out" \
            > "$res/$m.$lib.results"
    done
    sys="$(counts "$res/$m.system.results"), $(cons_status "$rc_system") in ${secs_system}s"
    ours="$(counts "$res/$m.ours.results"), $(cons_status "$rc_ours") in ${secs_ours}s"
    if [ "$rc_system" -ne 0 ] || [ ! -s "$res/$m.system.results" ]; then
        fail "cpython $m: the run on the system library fails ($sys) (harness bug)"
        tail -5 "$res/$m.system.out" | detail
    elif [ "$rc_ours" -ne "$rc_system" ] || ! diff -u "$res/$m.system.results" "$res/$m.ours.results" > "$res/$m.diff"; then
        diff -u "$res/$m.system.results" "$res/$m.ours.results" > "$res/$m.diff"
        fail "cpython $m: per-test results differ (system: $sys; ours: $ours)"
        $py -I "$top/c-tests/consumers/cpython_results.py" --compare "$res/$m.system.results" \
            "$res/$m.ours.results" > "$res/$m.changes"
        head -8 "$res/$m.changes" | detail
        [ "$(wc -l < "$res/$m.changes")" -le 8 ] || echo "  … all in ${res#"$top"/}/$m.changes"
        # a run that died says how, and where
        if grep -m3 -E 'Fatal Python error|Segmentation fault|Aborted|panicked|Timeout \(' "$res/$m.ours.out" |
            detail | grep .; then
            echo "  the last test started: $(grep -oE '^test[a-zA-Z0-9_]* \([a-zA-Z0-9_.]+\) \.\.\.' \
                "$res/$m.ours.out" | tail -1 | sed 's/ \.\.\.$//')"
        fi
    else
        rm -f "$res/$m.diff"
        ok "cpython $m: same per-test results (system: $sys; ours: $ours)"
    fi
done
exit $status
