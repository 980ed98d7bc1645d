#!/bin/sh
# The differential certificate-verification matrix (called by c-tests/run.sh).
#
# Security rule: neon-rs never accepts a certificate, host or chain that the
# stock library refuses.
#
#  1. make-zoo.sh makes the certificate zoo in a temp dir (about 75 cases).
#  2. server.c, built with the system libssl and run without LD_LIBRARY_PATH,
#     serves every case on a TLS 1.2-only and a TLS 1.3-only port.
#  3. neon_client.c (Debian's neon headers, -lneon; modes default, accept,
#     reject) and ssl_client.c (system OpenSSL headers, -lssl -lcrypto; six
#     verification patterns) are built once and run on every case x version x
#     mode, one process per case, against the system libraries and against
#     ours (LD_LIBRARY_PATH=build/neon, build/ssl), without valgrind; then a
#     fixed sample of 10 attempts per client runs on ours under valgrind
#     (clean, and the same lines).
#  4. The system's lines must equal c-tests/verify/system.expected: the zoo,
#     made anew with new keys each time, behaves as its descriptions say and
#     the same every run (regenerate with UPDATE=1 after a deliberate change
#     to the zoo, and review the diff). Ours are compared
#     with the system's line by line. An attempt that ours accepts and the
#     system refuses fails the suite, always. Any other difference fails
#     unless c-tests/verify/deliberate.txt lists it:
#         <case> <version> <client/mode> <reason...>
#     ('*' matches any case, version or mode; '#' starts a comment).
#
# Results in build/c-tests/verify: system.txt, ours.txt, the
# valgrind sample (vg-*), report.txt (every difference, system and ours side
# by side). The last line of output is the summary:
#   verify matrix: N attempts, M identical, K differ (D deliberate), A accepted by ours but refused by the system
# Usage: c-tests/verify/run.sh         (exit status 0 = pass)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
here=c-tests/verify
out=$top/build/c-tests/verify
mkdir -p "$out/bin"
rm -f "$out"/*.txt "$out"/vg-*

CC=${CC:-cc}
CFLAGS="-std=gnu11 -O1 -g -Wall -Wextra -Werror"
NEON_CFLAGS=$(pkg-config --cflags neon 2>/dev/null || echo -I/usr/include/neon)
SSL_CFLAGS=$(pkg-config --cflags openssl 2>/dev/null)
SSL_LIBS=$(pkg-config --libs openssl 2>/dev/null || echo "-lssl -lcrypto")
VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect
  --errors-for-leak-kinds=definite,indirect --child-silent-after-fork=yes --num-callers=30"
[ -f c-tests/ssl/valgrind.supp ] && SSL_SUPP="--suppressions=$top/c-tests/ssl/valgrind.supp" || SSL_SUPP=
SERVER_LIFETIME=600   # seconds: only bounds a server left behind by a killed run

die() { echo "verify matrix: $*"; exit 1; }

tmp=$(mktemp -d /tmp/neonrs-verify-XXXXXX) || die "no temp dir"
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- build ---------------------------------------------------------------------
# shellcheck disable=SC2086
$CC $CFLAGS $SSL_CFLAGS $here/server.c $SSL_LIBS -o "$out/bin/server" || die "server does not build"
# shellcheck disable=SC2086
$CC $CFLAGS $SSL_CFLAGS $here/ssl_client.c $SSL_LIBS -o "$out/bin/ssl_client" || die "ssl_client does not build"
# shellcheck disable=SC2086
$CC $CFLAGS $NEON_CFLAGS $here/neon_client.c -lneon -o "$out/bin/neon_client" || die "neon_client does not build"
# Without our libraries the system ones would be tested silently.
for pair in neon:libneon.so.27:neon_client ssl:libssl.so.3:ssl_client; do
    dir=${pair%%:*} rest=${pair#*:}
    so=${rest%%:*} bin=${rest#*:}
    LD_LIBRARY_PATH=$top/build/$dir ldd "$out/bin/$bin" | grep -q "$so => $top/build/$dir/$so" \
        || die "LD_LIBRARY_PATH=build/$dir does not load our $so (make all)"
done

# --- zoo and servers ---------------------------------------------------------------
$here/make-zoo.sh "$tmp/zoo" > "$out/zoo.log" 2>&1 || { cat "$out/zoo.log"; die "make-zoo.sh failed"; }
cp "$tmp/zoo/cases.txt" "$out/cases.txt"
env -u LD_LIBRARY_PATH -u LD_PRELOAD "$out/bin/server" "$tmp/zoo" "$tmp/ports" $SERVER_LIFETIME \
    2> "$out/server.log" &
server_pid=$!
i=0
while [ ! -f "$tmp/ports" ] && [ $i -lt 200 ] && kill -0 "$server_pid" 2>/dev/null; do
    sleep 0.05
    i=$((i + 1))
done
[ -f "$tmp/ports" ] || { cat "$out/server.log"; die "the servers did not start"; }

# One attempts file per case: "<case> <host> <version> <port>" for both versions.
mkdir "$tmp/att"
awk -v dir="$tmp/att" 'NR == FNR { host[$1] = $2; next }
    { f = dir "/" $1; print $1, host[$1], "tls1.2", $2 > f; print $1, host[$1], "tls1.3", $3 > f; close(f) }' \
    "$tmp/zoo/cases.txt" "$tmp/ports"
cases=$(awk '{ print $1 }' "$tmp/zoo/cases.txt")

# run_matrix LABEL FILE NEON_LIBDIR SSL_LIBDIR: every case on both clients, one
# process per case and client. A client that exits non-zero (a crash) is
# recorded in FILE.exits; its missing lines count as differences.
run_matrix() {
    label=$1 file=$2 neon_dir=$3 ssl_dir=$4
    : > "$file"
    : > "$file.exits"
    for c in $cases; do
        for client in neon ssl; do
            [ $client = neon ] && dir=$neon_dir || dir=$ssl_dir
            env -u LD_LIBRARY_PATH ${dir:+LD_LIBRARY_PATH=$dir} timeout 60 "$out/bin/${client}_client" "$tmp/zoo" \
                < "$tmp/att/$c" >> "$file" 2>> "$file.err"
            rc=$?
            [ $rc -ne 0 ] && echo "$label ${client}_client $c: exit status $rc" >> "$file.exits"
        done
    done
}

# The two libraries run side by side: most of the time is spent waiting for
# the other end of a handshake.
start=$(date +%s)
run_matrix system "$out/system.txt" "" "" &
system_job=$!
run_matrix ours "$out/ours.txt" "$top/build/neon" "$top/build/ssl" &
ours_job=$!
wait $system_job $ours_job

failed=0
if [ -s "$out/system.txt.exits" ]; then
    cat "$out/system.txt.exits"
    echo "FAIL: a client exits non-zero on the system library (the matrix is broken)"
    failed=1
fi
if [ "${UPDATE:-0}" = 1 ]; then
    cp "$out/system.txt" $here/system.expected
    echo "updated $here/system.expected"
elif ! diff -u $here/system.expected "$out/system.txt" > "$out/system.diff"; then
    head -40 "$out/system.diff"
    echo "FAIL: the system library's results differ from $here/system.expected"
    echo "      (the zoo or the system library changed: review, then UPDATE=1 $0)"
    failed=1
fi

# --- valgrind sample on ours -----------------------------------------------------------
# Ten attempts per client, across accepting and refusing cases, versions and
# modes; valgrind must be clean and the lines those of the plain run.
sample() { # CLIENT "case version mode"...
    client=$1
    shift
    for s in "$@"; do
        set -- $s
        awk -v v="$2" -v m="$3" '$3 == v { print $1, $2, $3, $4, m }' "$tmp/att/$1"
    done > "$tmp/sample-$client"
}
sample neon "good-int tls1.3 default" "expired-leaf tls1.2 accept" "wrong-host tls1.3 reject" \
    "untrusted-root tls1.2 default" "nul-cn tls1.3 default" "badsig-int tls1.2 accept" \
    "wild-ok tls1.3 accept" "md5-int tls1.2 default" "dupname-int tls1.3 reject" "ip-cn tls1.2 default"
sample ssl "good-int tls1.3 peer-host" "expired-int tls1.2 cb-all" "wrong-host tls1.2 none-result" \
    "wild-prefix tls1.3 param-nopartial" "self-signed tls1.3 cb-depth0" "nul-san tls1.2 peer-nohost" \
    "pathlen0-violated tls1.3 cb-all" "eku-client-leaf tls1.2 peer-host" "good-ip tls1.2 cb-depth0" \
    "rsa1024-int tls1.3 none-result"
for client in neon ssl; do
    [ $client = neon ] && dir=$top/build/neon supp= || { dir=$top/build/ssl; supp=$SSL_SUPP; }
    # shellcheck disable=SC2086
    LD_LIBRARY_PATH=$dir timeout 300 $VALGRIND $supp --log-file="$out/vg-$client.log" \
        "$out/bin/${client}_client" "$tmp/zoo" < "$tmp/sample-$client" > "$out/vg-$client.txt" 2>&1
    rc=$?
    # the same lines as the plain run, in the sample's order
    awk 'NR == FNR { line[substr($0, 1, index($0, ": ") - 1)] = $0; next }
         { k = $1 " " $3 " " c "/" $5; print (k in line) ? line[k] : k ": (not in the plain run)" }' \
        c="$client" "$out/ours.txt" "$tmp/sample-$client" > "$tmp/vg-expect-$client"
    if [ $rc -eq 99 ] || [ -s "$out/vg-$client.log" ]; then
        head -40 "$out/vg-$client.log"
        echo "FAIL: valgrind reports errors or leaks in ${client}_client on our library"
        failed=1
    elif [ $rc -ne 0 ]; then
        tail -5 "$out/vg-$client.txt"
        echo "FAIL: ${client}_client exits $rc under valgrind on our library"
        failed=1
    elif ! diff "$tmp/vg-expect-$client" "$out/vg-$client.txt" > "$out/vg-$client.diff"; then
        head -10 "$out/vg-$client.diff"
        echo "FAIL: ${client}_client prints other lines under valgrind than without"
        failed=1
    fi
done
end=$(date +%s)

# --- compare ----------------------------------------------------------------------------
# Lines are "<case> <version> <client>/<mode>: ACCEPT|REFUSE ...", keyed by the
# part before ": ". deliberate.txt patterns are matched field by field.
awk -v report="$out/report.txt" -v secfile="$tmp/security" -v difffile="$tmp/differ" '
function verdict(l) { sub(/^[^:]*: /, "", l); return substr(l, 1, 6) }
function key(l) { return substr(l, 1, index(l, ": ") - 1) }
FILENAME == ARGV[1] {
    if ($0 ~ /^[ \t]*(#|$)/) next
    if (NF < 4) { print "deliberate.txt: no reason given: " $0 > "/dev/stderr"; bad = 1; next }
    nd++; dcase[nd] = $1; dver[nd] = $2; dmode[nd] = $3; next
}
FILENAME == ARGV[2] { k = key($0); sys[k] = $0; order[++n] = k; next }
{ ours[key($0)] = $0 }
END {
    printf "" > report
    for (i = 1; i <= n; i++) {
        k = order[i]; split(k, f, " ")
        if (k in ours && ours[k] == sys[k]) { same++; continue }
        o = (k in ours) ? ours[k] : k ": (no line: the client did not finish this case)"
        differ++
        if (verdict(o) == "ACCEPT" && verdict(sys[k]) == "REFUSE") {
            sec++; tag = "ACCEPTED BY OURS ONLY"
            print f[1], f[2], f[3] > secfile
        } else {
            tag = ""
            for (j = 1; j <= nd; j++)
                if ((dcase[j] == "*" || dcase[j] == f[1]) && (dver[j] == "*" || dver[j] == f[2]) &&
                    (dmode[j] == "*" || dmode[j] == f[3])) { tag = "deliberate"; used[j] = 1; break }
            if (tag == "deliberate") deliberate++
            else { tag = "DIFFERS"; print f[1], f[2], f[3] > difffile }
        }
        printf "%s: %s\n  system: %s\n  ours:   %s\n", tag, k, substr(sys[k], length(k) + 3),
            substr(o, length(k) + 3) > report
    }
    for (k in ours) if (!(k in sys)) {
        differ++; split(k, f, " "); print f[1], f[2], f[3] > difffile
        printf "DIFFERS: %s\n  system: (no line)\n  ours:   %s\n", k, substr(ours[k], length(k) + 3) > report
    }
    for (j = 1; j <= nd; j++) if (!used[j]) unused++
    printf "%d %d %d %d %d %d %d\n", n, same, differ, deliberate, sec, unused, bad
}' $here/deliberate.txt "$out/system.txt" "$out/ours.txt" > "$tmp/counts" || die "comparison failed"
: >> "$tmp/security"
: >> "$tmp/differ"
read -r total same differ deliberate sec unused bad < "$tmp/counts"

# by_case FILE: one line per case, "case: neon MODE...; ssl MODE..." with
# "(tls1.x)" after a mode that differs on one version only.
by_case() {
    awk '{ split($3, cm, "/"); c = cm[1]; m = cm[2]
           if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
           if (!(($1, c) in modes)) { modes[$1, c] = ""; clients[$1] = clients[$1] " " c }
           if (!(($1, c, m) in ver)) { modes[$1, c] = modes[$1, c] " " m; ver[$1, c, m] = $2 }
           else ver[$1, c, m] = "" }
         END { for (i = 1; i <= n; i++) {
                 k = order[i]; line = "  " k ":"; nc = split(substr(clients[k], 2), cs, " ")
                 for (j = 1; j <= nc; j++) {
                     line = line (j > 1 ? ";" : "") " " cs[j]
                     nm = split(substr(modes[k, cs[j]], 2), ms, " ")
                     for (l = 1; l <= nm; l++) {
                         v = ver[k, cs[j], ms[l]]
                         line = line " " ms[l] (v == "" ? "" : "(" v ")")
                     }
                 }
                 print line } }' "$1"
}
# by_mode FILE: how many differences each client/mode has.
by_mode() {
    awk '{ c[$3]++ } END { for (m in c) print m, c[m] }' "$1" | sort | awk '{ printf "%s%s %d", sep, $1, $2; sep = ", " } END { print "" }'
}
if [ -s "$out/ours.txt.exits" ]; then
    cat "$out/ours.txt.exits"
    echo "FAIL: a client exits non-zero on our library (its missing lines count as differences)"
    failed=1
fi
if [ "$sec" -gt 0 ]; then
    echo "FAIL: $sec attempts accepted by ours but refused by the system (case: client modes, on both versions unless one is named):"
    by_case "$tmp/security"
    echo "  by mode: $(by_mode "$tmp/security")"
    failed=1
fi
undeliberate=$(wc -l < "$tmp/differ")
if [ "$undeliberate" -gt 0 ]; then
    echo "FAIL: $undeliberate other differences not in $here/deliberate.txt (case: client modes, on both versions unless one is named):"
    by_case "$tmp/differ"
    echo "  by mode: $(by_mode "$tmp/differ")"
    failed=1
fi
[ "$bad" -gt 0 ] && failed=1
[ "$unused" -gt 0 ] && echo "note: $unused entries of $here/deliberate.txt match no difference"
[ $failed -ne 0 ] && echo "details: build/c-tests/verify/report.txt (system and ours side by side)"
echo "matrix run: $((end - start)) s (both libraries, valgrind sample)"
echo "verify matrix: $total attempts, $same identical, $differ differ ($deliberate deliberate), $sec accepted by ours but refused by the system"
[ $failed -eq 0 ]
