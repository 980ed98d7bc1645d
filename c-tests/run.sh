#!/bin/sh
# The C test suite (run by `make check`).
#
#  1. ABI proof: c-tests/abi compiled with the reference headers (must compile, must pass),
#     Debian's 0.32.5 ones and, with NEONRS_NEON_API=37, neon 0.37.1's (from the tarball).
#     Each generated header also compiles alone (c-tests/headers.sh).
#  2. Exports: c-tests/symbols.sh on our libneon.so.27, c-tests/ssl-symbols.sh
#     on our libssl.so.3. The name-check vectors of tls::x509::hostmatch must
#     still be what the system libcrypto gives (tools/hostmatch-vectors.py).
#  3. Differential: every c-tests/neon/*.c is built ONCE against Debian's neon
#     headers and linked with -lneon, then run against the system libneon.so.27
#     (must exit 0) and against ours (LD_LIBRARY_PATH=build/neon, which must
#     be what it loads) under valgrind. stdout and the exit status must be
#     identical; valgrind must report no errors and no
#     definite or indirect leaks.
#
#  4. Own: every c-tests/own/*.c is built the same way and run ONLY against
#     our library under valgrind; stdout must equal c-tests/own/<name>.expected
#     and the exit status must be 0 (for deliberate improvements over the
#     system library, e.g. TLS 1.3 session resumption, and for neon-rs's own
#     nrs_* extensions, declared by include/neonrs/nrs_session.h).
#     c-tests/own-ssl/*.c likewise for the libssl face (built with -lssl -lcrypto, run with
#     LD_LIBRARY_PATH=build/ssl): NULL arguments that crash OpenSSL, functions
#     we lack returning their error value.
#
#  5. libssl differential: every c-tests/ssl/*.c is built ONCE against the
#     system OpenSSL headers (-lssl -lcrypto; in-process client/server pairs
#     from c-tests/lib/sslpair.h), run against the system libssl.so.3 (must
#     exit 0) and against ours (LD_LIBRARY_PATH=build/ssl, which must exist)
#     under valgrind with c-tests/ssl/valgrind.supp if present (libcrypto
#     only). stdout and the exit status must be identical; valgrind must
#     report no errors and no definite or indirect leaks.
#
#  5a. Every libssl function (c-tests/ssl-probe/run.sh): each of the 518
#     exports called on fresh objects on both libraries, identical but for
#     the lines of c-tests/ssl-probe/deliberate.txt; and MATRIX.md must be
#     what tools/compat-matrix.py makes from the code and the consumers'
#     imports.
#
#  5b. neon 0.37 differential: every c-tests/neon037/*.c is built ONCE
#     against stock neon 0.37.1's headers (c-tests/neon037/build-stock.sh
#     builds it from source into build/neon-0.37.1, once) and run against
#     that library (LD_LIBRARY_PATH) and against ours, as in 3.
#     c-tests/own037/*.c likewise, against ours only with expected output
#     (where one library for 0.32.5 and 0.37 programs keeps 0.32.5's
#     behaviour, see README.md).
#
#  6. Verification engine: c-tests/x509/diff.sh compares X509_verify_cert's
#     verify-callback events on the system libcrypto (c-tests/x509/events.c)
#     with examples/x509_events.rs over chains from c-tests/x509/make-cases.sh.
#
#  7. Certificate-verification matrix: c-tests/verify/run.sh (a certificate
#     zoo served by the system libssl; neon and libssl clients on both
#     libraries; ours must never accept what the system refuses).
#
#  8. Real programs: c-tests/dav/run.sh (Debian's litmus suites, cadaver,
#     sitecopy and davfs2 against Apache's mod_dav, with the system libneon
#     and with ours; results and transcripts must be the same).
#
#  8b. The Debian package: c-tests/deb/run.sh (make deb's package installed
#     with dpkg --root into a temporary root, curl and a neon program run
#     through its neonrs-run on our libraries, then removed). make demo's
#     program (c-tests/demo/run.sh) must exit 0: its requests answered, its
#     TLS 1.3 reconnects resumed as the embedded server counts.
#
#  9. Real OpenSSL consumers: c-tests/consumers/run.sh (curl, openssl
#     s_client/s_server, python3, nginx, stock neon, socat, stunnel4,
#     postgres/psql, mosquitto with the system libssl and with ours; every
#     scenario's outcome must be the same), then CPython's test_ssl,
#     test_httplib and test_urllib2_localnet on both (c-tests/consumers/
#     cpython.sh, same per-test results; NEONRS_SKIP_CPYTHON=1 leaves it out).
#
# Tests that need nginx find its port in NEONRS_NGINX_PORT (started here).
# Tests that mention NEONRS_TLS_ get the TLS nginx (c-tests/nginx/start-tls.sh,
# certificates from c-tests/tls/make-certs.sh), started once, and its
# NEONRS_TLS_* variables. TLS resumption counts that may differ between the
# libraries are appended to build/c-tests/results/resume-report.txt.
# Usage: c-tests/run.sh [test-name... | own/test-name... | own-ssl/test-name... | ssl/test-name...
#                        | neon037/test-name... | own037/test-name... | x509 | verify | dav | consumers | cpython
#                        | ssl-probe | matrix | deb | demo]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=build/c-tests
mkdir -p "$out/bin" "$out/results"

CC=${CC:-cc}
CFLAGS="-std=gnu11 -O1 -g -Wall -Wextra -Werror"
NEON_CFLAGS=$(pkg-config --cflags neon 2>/dev/null || echo -I/usr/include/neon)
VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect
  --errors-for-leak-kinds=definite,indirect --child-silent-after-fork=yes --num-callers=30"
failures=0
passes=0

pending=0
# Known failures of open issues (c-tests/pending.txt: a label prefix, a tab,
# the issue and what is missing). A listed failure is reported as PENDING
# and does not fail the run; a listed test that passes fails it (XPASS), so
# that the entry is removed when the work lands.
tab=$(printf '\t')
pending_reason() {
    while IFS="$tab" read -r _p _r; do
        case "$_p" in ''|'#'*) continue ;; esac
        case "$1" in "$_p"*) echo "$_r"; return 0 ;; esac
    done < "$top/c-tests/pending.txt"
    return 1
}
fail() {
    local why
    if why=$(pending_reason "$*"); then
        echo "PENDING: $* [$why]"
        pending=$((pending + 1))
    else
        echo "FAIL: $*"
        failures=$((failures + 1))
    fi
}
pass() {
    local why
    if why=$(pending_reason "$*"); then
        echo "FAIL: XPASS: $* [listed in c-tests/pending.txt as $why: remove the entry]"
        failures=$((failures + 1))
    else
        echo "ok:   $*"
        passes=$((passes + 1))
    fi
}

# --- 1. ABI proof -----------------------------------------------------------
if $CC $CFLAGS -Wno-unused-function $NEON_CFLAGS -Ibuild/abi c-tests/abi/abi_check.c -o "$out/bin/abi_check" \
     2> "$out/results/abi_check.log" && "$out/bin/abi_check" > "$out/results/abi_check.out"; then
    pass "abi: $(cat "$out/results/abi_check.out")"
else
    cat "$out/results/abi_check.log" "$out/results/abi_check.out" 2>/dev/null | head -40
    fail "abi: our declarations do not match the reference headers"
fi

# The same check form against neon 0.37.1's headers (from the tarball) with
# the 0.33-0.37 declarations enabled (NEONRS_NEON_API=37, see ne_defs.h).
n037_inc=$out/neon-0.37.1-headers
rm -rf "$n037_inc" && mkdir -p "$n037_inc"
if tar -xzf c-tests/neon037/neon-0.37.1-src.tar.gz -C "$n037_inc" --strip-components=2 \
        --wildcards 'neon-0.37.1/src/ne_*.h' 2> "$out/results/abi_check037.log" &&
   $CC $CFLAGS -Wno-unused-function -DNEONRS_NEON_API=37 -I"$n037_inc" -Ibuild/abi \
        c-tests/abi/abi_check.c -o "$out/bin/abi_check037" 2>> "$out/results/abi_check037.log" &&
   "$out/bin/abi_check037" > "$out/results/abi_check037.out"; then
    pass "abi (neon 0.37.1, NEONRS_NEON_API=37): $(cat "$out/results/abi_check037.out")"
else
    cat "$out/results/abi_check037.log" "$out/results/abi_check037.out" 2>/dev/null | head -40
    fail "abi: our declarations do not match neon 0.37.1's headers"
fi

# --- 1b. every generated header compiles on its own (C and C++) -------------
if c-tests/headers.sh include/neonrs > "$out/results/headers.out" 2>&1; then
    pass "$(tail -1 "$out/results/headers.out")"
else
    cat "$out/results/headers.out"
    fail "headers"
fi

# --- 2. exported symbols ----------------------------------------------------
if c-tests/symbols.sh build/neon/libneon.so.27 > "$out/results/symbols.out" 2>&1; then
    pass "$(tail -1 "$out/results/symbols.out")"
else
    cat "$out/results/symbols.out"
    fail "symbols"
fi
if c-tests/ssl-symbols.sh build/ssl/libssl.so.3 > "$out/results/ssl-symbols.out" 2>&1; then
    pass "$(tail -1 "$out/results/ssl-symbols.out")"
else
    cat "$out/results/ssl-symbols.out"
    fail "ssl symbols"
fi

# --- 2a. tls::x509::hostmatch's committed vectors are the system libcrypto's -
if python3 tools/hostmatch-vectors.py check > "$out/results/hostmatch-vectors.out" 2>&1; then
    pass "$(tail -1 "$out/results/hostmatch-vectors.out")"
else
    cat "$out/results/hostmatch-vectors.out"; fail "hostmatch vectors"
fi

# --- 3. differential tests --------------------------------------------------
$CC $CFLAGS -c c-tests/lib/harness.c -o "$out/harness.o" || exit 1

nginx_pid=""
start_nginx() {
    [ -n "$nginx_pid" ] && return 0
    nginx_dir=$(mktemp -d /tmp/neonrs-nginx-XXXXXX)
    NEONRS_NGINX_PORT=$(c-tests/nginx/start.sh "$nginx_dir") || { echo "nginx did not start"; return 1; }
    export NEONRS_NGINX_PORT
    nginx_pid=$(cat "$nginx_dir/nginx.pid")
}
stop_nginx() {
    [ -n "$nginx_pid" ] || return 0
    kill "$nginx_pid" 2>/dev/null
    rm -rf "$nginx_dir"
    nginx_pid=""
}
tls_nginx_pid=""
start_tls_nginx() {
    [ -n "$tls_nginx_pid" ] && return 0
    tls_nginx_dir=$(mktemp -d /tmp/neonrs-tls-nginx-XXXXXX)
    if ! c-tests/nginx/start-tls.sh "$tls_nginx_dir" > /dev/null 2> "$out/results/tls-nginx.log"; then
        cat "$out/results/tls-nginx.log"
        echo "TLS nginx did not start"
        return 1
    fi
    . "$tls_nginx_dir/env"
    # Certificate-only tests (ssl_cert) read the same generated PKI.
    NEONRS_CERTS=$NEONRS_TLS_DIR
    export NEONRS_CERTS
    tls_nginx_pid=$(cat "$tls_nginx_dir/nginx.pid")
}
stop_tls_nginx() {
    [ -n "$tls_nginx_pid" ] || return 0
    kill "$tls_nginx_pid" 2>/dev/null
    rm -rf "$tls_nginx_dir"
    tls_nginx_pid=""
}
trap 'stop_nginx; stop_tls_nginx' EXIT INT TERM
NEONRS_RESUME_REPORT=$top/$out/results/resume-report.txt
export NEONRS_RESUME_REPORT
: > "$NEONRS_RESUME_REPORT"

run_x509=1 run_verify=1 run_dav=1 run_consumers=1 run_cpython=1 run_sslprobe=1 run_matrix=1 run_deb=1 run_demo=1
[ "${NEONRS_SKIP_CPYTHON:-0}" = 1 ] && run_cpython=0
if [ $# -gt 0 ]; then
    tests="" own_tests="" ssl_tests="" own_ssl_tests="" n037_tests="" own037_tests=""
    run_x509=0 run_verify=0 run_dav=0 run_consumers=0 run_cpython=0 run_sslprobe=0 run_matrix=0 run_deb=0 run_demo=0
    for a in "$@"; do
        case $a in
            x509) run_x509=1 ;;
            verify) run_verify=1 ;;
            dav) run_dav=1 ;;
            consumers) run_consumers=1 ;;
            cpython) run_cpython=1 ;;
            ssl-probe) run_sslprobe=1 ;;
            matrix) run_matrix=1 ;;
            deb) run_deb=1 ;;
            demo) run_demo=1 ;;
            neon037/*) n037_tests="$n037_tests ${a#neon037/}" ;;
            own037/*) own037_tests="$own037_tests ${a#own037/}" ;;
            own/*) own_tests="$own_tests ${a#own/}" ;;
            own-ssl/*) own_ssl_tests="$own_ssl_tests ${a#own-ssl/}" ;;
            ssl/*) ssl_tests="$ssl_tests ${a#ssl/}" ;;
            *) tests="$tests $a" ;;
        esac
    done
else
    tests=$(ls c-tests/neon/*.c | sed 's|.*/||; s|\.c$||')
    own_tests=$(ls c-tests/own/*.c 2>/dev/null | sed 's|.*/||; s|\.c$||')
    own_ssl_tests=$(ls c-tests/own-ssl/*.c 2>/dev/null | sed 's|.*/||; s|\.c$||')
    ssl_tests=$(ls c-tests/ssl/*.c 2>/dev/null | sed 's|.*/||; s|\.c$||')
    n037_tests=$(ls c-tests/neon037/*.c 2>/dev/null | sed 's|.*/||; s|\.c$||')
    own037_tests=$(ls c-tests/own037/*.c 2>/dev/null | sed 's|.*/||; s|\.c$||')
fi
# run_diff DIR PREFIX LIBDIR SONAME CFLAGS LIBS VALGRIND TESTS: each DIR/<t>.c
# built once, run against the system library (or the one in $REF_LIBPATH if
# set; it must pass there) and against
# ours in build/LIBDIR (which must be the SONAME the binary loads) under
# VALGRIND; stdout and exit status must be identical. PREFIX names the results
# ("" for neon, "ssl/" for libssl).
run_diff() {
    dir=$1 prefix=$2 libdir=$3 soname=$4 cflags=$5 libs=$6 valgrind=$7
    shift 7
    for t in "$@"; do
        name=$prefix$t
        src=$dir/$t.c
        bin=$out/bin/$(echo "$name" | tr / -)
        res=$out/results/$(echo "$name" | tr / -)
        if ! $CC $CFLAGS $cflags -Ic-tests/lib "$src" $libs -o "$bin" 2> "$res.build"; then
            cat "$res.build"
            fail "$name: does not build against the reference headers"
            continue
        fi
        if grep -q NEONRS_NGINX_PORT "$src"; then start_nginx || { fail "$name: nginx"; continue; }; fi
        if grep -qE 'NEONRS_TLS_|NEONRS_CERTS' "$src"; then start_tls_nginx || { fail "$name: TLS nginx"; continue; }; fi
        # without our library the system one would be tested silently
        if ! LD_LIBRARY_PATH=$top/build/$libdir ldd "$bin" | grep -q "$soname => $top/build/$libdir/$soname"; then
            fail "$name: LD_LIBRARY_PATH=build/$libdir does not load our $soname (make all)"
            continue
        fi

        LD_LIBRARY_PATH=${REF_LIBPATH:-} timeout 120 "$bin" > "$res.ref" 2> "$res.ref.err"
        ref_rc=$?
        LD_LIBRARY_PATH=$top/build/$libdir timeout 900 $valgrind --log-file="$res.vg" "$bin" > "$res.ours" 2> "$res.ours.err"
        ours_rc=$?
        if [ $ref_rc -ne 0 ]; then
            head -20 "$res.ref" "$res.ref.err"
            fail "$name: exit status $ref_rc on the system library (the test is broken)"
        elif [ $ours_rc -eq 99 ] || [ -s "$res.vg" ]; then
            head -60 "$res.vg"
            fail "$name: valgrind reports errors or leaks"
        elif [ $ref_rc -ne $ours_rc ]; then
            diff "$res.ref" "$res.ours" | head -20
            head -5 "$res.ours.err"
            fail "$name: exit status $ours_rc, system library gives $ref_rc"
        elif ! diff -u "$res.ref" "$res.ours" > "$res.diff"; then
            head -40 "$res.diff"
            fail "$name: output differs from the system library"
        else
            pass "$name ($(wc -l < "$res.ref") lines identical, exit $ref_rc, valgrind clean)"
        fi
    done
}
# shellcheck disable=SC2086
run_diff c-tests/neon "" neon libneon.so.27 "$NEON_CFLAGS" "$out/harness.o -lneon" "$VALGRIND" $tests

# --- 4. own tests (our library only) -----------------------------------------
# run_own DIR LABEL LIBDIR CFLAGS LIBS TESTS: each DIR/<t>.c against our library
# in build/LIBDIR only, output compared with DIR/<t>.expected.
run_own() {
    dir=$1 label=$2 libdir=$3 cflags=$4 libs=$5
    shift 5
    for t in "$@"; do
        src=$dir/$t.c
        bin=$out/bin/$label-$t
        res=$out/results/$label-$t
        if ! $CC $CFLAGS $cflags -Ic-tests/lib "$src" $libs -o "$bin" 2> "$res.build"; then
            cat "$res.build"
            fail "$label/$t: does not build against the reference headers"
            continue
        fi
        if grep -q NEONRS_NGINX_PORT "$src"; then start_nginx || { fail "$label/$t: nginx"; continue; }; fi
        if grep -qE 'NEONRS_TLS_|NEONRS_CERTS' "$src"; then start_tls_nginx || { fail "$label/$t: TLS nginx"; continue; }; fi
        # without our library the system one would be tested silently
        ls build/$libdir/*.so* > /dev/null 2>&1 || { fail "$label/$t: build/$libdir is empty (make all)"; continue; }

        LD_LIBRARY_PATH=$top/build/$libdir timeout 600 $VALGRIND --log-file="$res.vg" "$bin" > "$res.ours" 2> "$res.ours.err"
        ours_rc=$?
        if [ $ours_rc -eq 99 ] || [ -s "$res.vg" ]; then
            head -60 "$res.vg"
            fail "$label/$t: valgrind reports errors or leaks"
        elif [ $ours_rc -ne 0 ]; then
            head -20 "$res.ours.err"
            fail "$label/$t: exit status $ours_rc"
        elif ! diff -u "$dir/$t.expected" "$res.ours" > "$res.diff"; then
            head -40 "$res.diff"
            fail "$label/$t: output differs from $dir/$t.expected"
        else
            pass "$label/$t ($(wc -l < "$res.ours") lines as expected, valgrind clean)"
        fi
    done
}
# Our own nrs_session.h comes from include/neonrs, after Debian's neon
# headers (it includes <ne_session.h>: the reference one comes first); the
# tests link with our libneon, which has its nrs_* functions.
# shellcheck disable=SC2086
run_own c-tests/own own neon "$NEON_CFLAGS -Iinclude/neonrs" "$out/harness.o -Lbuild/neon -lneon" $own_tests

SSL_CFLAGS=$(pkg-config --cflags openssl 2>/dev/null)
SSL_LIBS=$(pkg-config --libs openssl 2>/dev/null || echo "-lssl -lcrypto")
# libssl programs for deliberate differences (e.g. NULL arguments that crash
# OpenSSL): c-tests/own-ssl/*.c, built against the system OpenSSL headers.
# shellcheck disable=SC2086
run_own c-tests/own-ssl own-ssl ssl "$SSL_CFLAGS" "$SSL_LIBS" $own_ssl_tests

# --- 5. libssl differential tests -------------------------------------------
SSL_VALGRIND=$VALGRIND
[ -f c-tests/ssl/valgrind.supp ] && SSL_VALGRIND="$VALGRIND --suppressions=$top/c-tests/ssl/valgrind.supp"
# shellcheck disable=SC2086
run_diff c-tests/ssl ssl/ ssl libssl.so.3 "$SSL_CFLAGS" "$SSL_LIBS" "$SSL_VALGRIND" $ssl_tests

# --- 5b. neon 0.37 differential tests and own tests ---------------------------
if [ -n "$n037_tests$own037_tests" ]; then
    n037=$top/build/neon-0.37.1
    if ! c-tests/neon037/build-stock.sh "$n037" > "$out/results/neon037-build.log" 2>&1; then
        cat "$out/results/neon037-build.log"
        fail "neon037: stock neon 0.37.1 did not build"
    elif $CC $CFLAGS -I"$n037/include/neon" -c c-tests/lib/harness.c -o "$out/harness037.o"; then
        tail -1 "$out/results/neon037-build.log"
        REF_LIBPATH=$n037/lib
        # shellcheck disable=SC2086
        run_diff c-tests/neon037 neon037/ neon libneon.so.27 \
            "-I$n037/include/neon" "$out/harness037.o -L$n037/lib -lneon" "$VALGRIND" $n037_tests
        REF_LIBPATH=
        # shellcheck disable=SC2086
        run_own c-tests/own037 own037 neon "-I$n037/include/neon" \
            "$out/harness037.o -L$n037/lib -lneon" $own037_tests
    else
        fail "neon037: harness does not build against neon 0.37.1's headers"
    fi
fi

# --- 6. certificate-verification matrix ------------------------------------------

# --- 6. verification engine differential ------------------------------------
# OpenSSL's X509_verify_cert (c-tests/x509/events.c, system libcrypto) and
# ours (examples/x509_events.rs) over generated chains: c-tests/x509/diff.sh.
if [ $run_x509 -eq 1 ]; then
    x509_dir=$(mktemp -d /tmp/neonrs-x509-XXXXXX)
    if $CC $CFLAGS c-tests/x509/events.c -lcrypto -o "$out/bin/x509-events" > "$out/results/x509.log" 2>&1 &&
        cargo build -q --release --example x509_events >> "$out/results/x509.log" 2>&1 &&
        c-tests/x509/make-cases.sh "$x509_dir/cases" >> "$out/results/x509.log" 2>&1 &&
        c-tests/x509/diff.sh "$x509_dir/cases" "$out/bin/x509-events" target/release/examples/x509_events \
            "$x509_dir/out" > "$out/results/x509.out" 2>&1; then
        pass "$(tail -1 "$out/results/x509.out")"
    else
        tail -20 "$out/results/x509.log" "$out/results/x509.out" 2>/dev/null
        fail "x509 events"
    fi
    rm -rf "$x509_dir"
fi

# --- 7. certificate-verification matrix ------------------------------------------
if [ $run_verify -eq 1 ]; then
    if c-tests/verify/run.sh > "$out/results/verify.out" 2>&1; then
        pass "$(tail -1 "$out/results/verify.out")"
    else
        sed '$d' "$out/results/verify.out" | head -200
        fail "$(tail -1 "$out/results/verify.out")"
    fi
fi

# --- 8. real programs: litmus, cadaver, sitecopy, davfs2 against Apache ---------
if [ $run_dav -eq 1 ]; then
    c-tests/dav/run.sh "$top/$out/results" > "$out/results/dav.out" 2>&1
    dav_rc=$?
    while IFS= read -r line; do
        case $line in
            "ok:   "*) pass "${line#ok:   }" ;;
            "FAIL: "*) fail "${line#FAIL: }" ;;
            *) echo "$line" ;;
        esac
    done < "$out/results/dav.out"
    [ $dav_rc -eq 0 ] || grep -q '^FAIL: ' "$out/results/dav.out" || fail "dav: c-tests/dav/run.sh exited $dav_rc"
fi

# --- 9. real OpenSSL consumers, then CPython's TLS tests, on both libssls -----
# run_lines NAME CMD...: CMD's result lines counted as ours.
run_lines() {
    _n=$1
    shift
    "$@" > "$out/results/$_n.out" 2>&1
    _rc=$?
    while IFS= read -r line; do
        case $line in
            "ok:   "*) pass "${line#ok:   }" ;;
            "FAIL: "*) fail "${line#FAIL: }" ;;
            *) echo "$line" ;;
        esac
    done < "$out/results/$_n.out"
    [ $_rc -eq 0 ] || grep -q '^FAIL: ' "$out/results/$_n.out" || fail "$_n: $* exited $_rc"
}
[ $run_deb -eq 1 ] && run_lines deb c-tests/deb/run.sh
if [ $run_demo -eq 1 ]; then
    if timeout 300 c-tests/demo/run.sh > "$out/results/demo.out" 2>&1; then
        pass "demo: $(tail -1 "$out/results/demo.out")"
    else
        tail -30 "$out/results/demo.out"
        fail "demo: c-tests/demo/run.sh failed"
    fi
fi
[ $run_sslprobe -eq 1 ] && run_lines ssl-probe c-tests/ssl-probe/run.sh
[ $run_matrix -eq 1 ] && run_lines matrix python3 tools/compat-matrix.py --check
[ $run_consumers -eq 1 ] && run_lines consumers c-tests/consumers/run.sh
[ $run_cpython -eq 1 ] && run_lines cpython c-tests/consumers/run.sh cpython

[ -s "$NEONRS_RESUME_REPORT" ] && sed 's/^/resume: /' "$NEONRS_RESUME_REPORT"

echo "c-tests: $passes passed, $failures failed, $pending pending (open issues, c-tests/pending.txt)"
[ $failures -eq 0 ]
