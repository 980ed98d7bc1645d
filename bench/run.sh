#!/bin/bash
# `make bench`: black-box benchmarks of our libneon.so.27 and libssl.so.3
# against Debian's (neon 0.32.5 on OpenSSL 3.0, and libssl3).
#
# bench/neon_bench.c and bench/ssl_bench.c are built ONCE into build/bench/
# against the system headers (pkg-config neon; -lssl -lcrypto) and every
# figure runs the same binary twice: with the system library and with ours
# (LD_LIBRARY_PATH=build/neon or build/ssl). nginx (bench/nginx.sh) runs on
# 127.0.0.1 with its config in a temporary directory and is stopped on exit.
#
# Figures:
#  1. keep-alive GET /empty.txt, HTTP and HTTPS (TLS 1.3 endpoint): requests
#     per second (real time), client instructions (callgrind), system calls
#     (strace -f -c) and heap allocations (memcheck) per request. The
#     per-request counts are differences between a run with N2 requests and
#     one with N1, divided by N2 - N1, so start-up costs cancel out.
#  1b. debugging off: the HTTP keep-alive loop's client instructions per
#     request with ne_debug_init(NULL, 0) called first, and with a stream
#     and an unused channel (NE_DBG_LOCKS), each minus the same loop where
#     ne_debug_init is never called (BENCH_DEBUG, see neon_bench.c): what
#     trace points cost when nothing is printed. Printed, not asserted.
#  2. reconnect (ne_close_connection after every request), TLS 1.2 and 1.3:
#     share of resumed handshakes as nginx logs them ($ssl_session_reused),
#     client instructions per reconnect, reconnects per second.
#  3. bulk download of /100m.bin (100 MiB), HTTP and HTTPS: MB/s (10^6 bytes).
#  4. libssl face (in-process client and server): resumed handshakes per
#     second (TLS 1.2, 1.3); SSL_CTX_add_session and SSL_has_matching_session_id
#     throughput and resident bytes per cached session at 20480 and 1000000
#     sessions.
#  5. nginx serving TLS on the system libssl and on ours (bench/nginx_server.sh):
#     full and resumed handshakes per second, keep-alive requests per second,
#     resident memory per idle TLS connection; a fixed client on the system libssl.
# Client and nginx worker run pinned to one CPU (BENCH_CPU, default 0;
# "none": unpinned): on a small VM, unpinned ping-pong rates jump between two
# modes (same CPU or cross-CPU wake-ups) from run to run.
# Rates are the median of BENCH_REPEAT runs (default 5). A measurement that
# fails (time limit, exit status, wrong result) shows "n/a" or "wrong: ..."
# and the run goes on. The table is printed and written to
# build/bench/table.md; raw outputs are in build/bench/logs/.
#
# Environment: BENCH_REPEAT (5), BENCH_CPU (0), BENCH_TIMEOUT (seconds per plain run, 180),
# BENCH_VTIMEOUT (seconds per valgrind/strace run, 900), CC (cc).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=$top/build/bench
logs=$out/logs
rm -rf "$logs"
mkdir -p "$logs"

CC=${CC:-cc}
CFLAGS=(-O2 -Wall -Wextra -Werror)
REPEAT=${BENCH_REPEAT:-5}
CPU=${BENCH_CPU:-0}
T=${BENCH_TIMEOUT:-180}
TV=${BENCH_VTIMEOUT:-900}
started=$(date +%s)

say() { printf '%s\n' "$*" >&2; }

# --- build --------------------------------------------------------------------
for lib in build/neon/libneon.so.27 build/ssl/libssl.so.3; do
    [ -e "$lib" ] || { say "bench: $lib is missing (run make all)"; exit 1; }
done
# shellcheck disable=SC2046  # pkg-config output is a list of words
if ! $CC "${CFLAGS[@]}" $(pkg-config --cflags neon) bench/neon_bench.c -o "$out/neon_bench" $(pkg-config --libs neon); then
    say "bench: building neon_bench failed"
    exit 1
fi
if ! $CC "${CFLAGS[@]}" bench/ssl_bench.c -o "$out/ssl_bench" -lssl -lcrypto; then
    say "bench: building ssl_bench failed"
    exit 1
fi
NB=$out/neon_bench
SB=$out/ssl_bench

# --- pinning ------------------------------------------------------------------
PIN=()
if [ "$CPU" != none ]; then
    if [ "$CPU" -lt "$(nproc)" ] 2>/dev/null && taskset -c "$CPU" true 2>/dev/null; then
        PIN=(taskset -c "$CPU")
        export BENCH_NGINX_CPU=$CPU
    else
        say "bench: cannot pin to CPU $CPU: running unpinned"
        CPU=none
    fi
fi

# --- nginx --------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/neonrs-bench-XXXXXX")
stop_nginx() {
    local pid i=0
    [ -s "$tmp/nginx.pid" ] || return 0
    pid=$(cat "$tmp/nginx.pid")
    kill "$pid" 2>/dev/null
    while [ $i -lt 50 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    rm -f "$tmp/nginx.pid"
}
cleanup() {
    stop_nginx
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

have_nginx=0
BENCH_PLAIN="" BENCH_TLS12="" BENCH_TLS13="" BENCH_CA="" BENCH_LOG=/dev/null
if bench/nginx.sh "$tmp" > "$logs/nginx-start.out" 2> "$logs/nginx-start.err"; then
    # shellcheck disable=SC1091  # written by bench/nginx.sh
    . "$tmp/env"
    have_nginx=1
else
    say "bench: nginx did not start (see $logs/nginx-start.err): the neon figures are n/a"
fi

# --- helpers ------------------------------------------------------------------
# runwith WHO FACE SECONDS CMD...: CMD under `timeout` (and taskset), with
# the system library (WHO=system) or ours (LD_LIBRARY_PATH=build/FACE).
runwith() {
    local who=$1 face=$2 t=$3
    shift 3
    if [ "$who" = system ]; then
        env -u LD_LIBRARY_PATH timeout -k 10 "$t" "${PIN[@]}" "$@"
    else
        env LD_LIBRARY_PATH="$top/build/$face" timeout -k 10 "$t" "${PIN[@]}" "$@"
    fi
}

# field NAME LINE: the value of NAME=value in LINE
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1; }

# calc EXPR: awk arithmetic
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# subst N ARG...: the arguments with @N@ replaced by N, into the array CMD
subst() {
    local n=$1 a
    shift
    CMD=()
    for a in "$@"; do CMD+=("${a//@N@/$n}"); done
}

# Results of a measurement: VAL (a number, or empty) and NOTE (why not, or
# an annotation shown after the number).
VAL="" NOTE=""
fail_note() { VAL=""; NOTE=$1; }
# exit_note STATUS: "n/a (exit STATUS)", naming the time limit
exit_note() {
    case $1 in
        124|137) printf 'n/a (exit %s: time limit)' "$1" ;;
        *) printf 'n/a (exit %s)' "$1" ;;
    esac
}

step=0
progress() { step=$((step + 1)); say "[$step] $(( $(date +%s) - started ))s: $*"; }

# rate_neon WHO MODE SCHEME PORT N [CA] [TAG]: median requests/s (bulk: MB/s)
# over REPEAT runs; for reconnect the TAG of run k is TAG<k>.
rate_neon() {
    local who=$1 mode=$2 scheme=$3 port=$4 n=$5 ca=${6:-} tag=${7:-x} k line rc vals=() f
    for k in $(seq 1 "$REPEAT"); do
        f=$logs/$mode-$scheme-$port-$who-$k.out
        runwith "$who" neon "$T" "$NB" "$mode" "$scheme" "$port" "$n" "$ca" "$tag$k" > "$f" 2>&1
        rc=$?
        line=$(grep '^requests=' "$f" | tail -n 1)
        if [ $rc -ne 0 ] || [ -z "$line" ]; then
            fail_note "$(exit_note $rc)"
            return
        fi
        if [ "$mode" = bulk ]; then
            vals+=("$(calc "$(field bytes "$line") / $(field seconds "$line") / 1e6")")
        else
            vals+=("$(calc "$(field requests "$line") / $(field seconds "$line")")")
        fi
    done
    VAL=$(median "${vals[@]}")
    NOTE=""
}

# per_op KIND WHO FACE N1 N2 LABEL CMD... (with @N@): (X(N2) - X(N1)) / (N2 - N1)
# where X is KIND = instr (callgrind total Ir), syscalls (strace -f -c
# total calls) or allocs (memcheck "total heap usage: X allocs"). The
# program must exit 0 in both runs.
per_op() {
    local kind=$1 who=$2 face=$3 n1=$4 n2=$5 label=$6 n rc f x xs=()
    shift 6
    for n in "$n1" "$n2"; do
        subst "$n" "$@"
        f=$logs/$kind-$label-$who-$n
        case $kind in
            instr)
                runwith "$who" "$face" "$TV" valgrind --tool=callgrind --callgrind-out-file="$f.cg" \
                    "${CMD[@]}" > "$f.out" 2> "$f.err"
                rc=$?
                x=$(awk '/^(summary|totals):/ { print $2; exit }' "$f.cg" 2>/dev/null) ;;
            syscalls)
                # the inner timeout kills the traced program itself; its own
                # few system calls are the same in both runs
                runwith "$who" "$face" "$TV" strace -f -c -o "$f.strace" timeout -s KILL "$TV" \
                    "${CMD[@]}" > "$f.out" 2> "$f.err"
                rc=$?
                x=$(awk '$NF == "total" { print $4 }' "$f.strace" 2>/dev/null) ;;
            allocs)
                runwith "$who" "$face" "$TV" valgrind --tool=memcheck --log-file="$f.memcheck" \
                    "${CMD[@]}" > "$f.out" 2> "$f.err"
                rc=$?
                x=$(sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' "$f.memcheck" 2>/dev/null | tr -d , | head -n 1) ;;
        esac
        if [ $rc -ne 0 ] || [ -z "$x" ]; then
            fail_note "$(exit_note $rc)"
            return
        fi
        xs+=("$x")
    done
    VAL=$(calc "(${xs[1]} - ${xs[0]}) / ($n2 - $n1)")
    NOTE=""
}

# count_log TAGPREFIX RUNS N PROTO: waits (at most 5 s) for RUNS*N log lines
# of the requests tagged TAGPREFIX<k>-<i>, then sets SHARE (percent of
# resumed handshakes, or empty) and SHARE_NOTE.
SHARE="" SHARE_NOTE=""
count_log() {
    local tag=$1 runs=$2 n=$3 proto=$4 want total=0 resumed wrongproto i=0 lines
    want=$((runs * n))
    lines=$tmp/lines-$tag
    while [ $i -lt 50 ]; do
        grep -E "\"GET /empty\\.txt\\?${tag}[0-9]+-[0-9]+ HTTP" "$BENCH_LOG" > "$lines" 2>/dev/null
        total=$(wc -l < "$lines")
        [ "$total" -ge "$want" ] && break
        sleep 0.1
        i=$((i + 1))
    done
    if [ "$total" -eq 0 ]; then
        SHARE="" SHARE_NOTE="n/a (no log lines)"
        return
    fi
    resumed=$(grep -c ' reused=r ' "$lines")
    wrongproto=$(grep -vc " $proto " "$lines")
    SHARE=$(calc "100 * $resumed / $total")
    SHARE_NOTE="$resumed/$total"
    [ "$total" -ne "$want" ] && SHARE_NOTE="$SHARE_NOTE, $want expected"
    [ "$wrongproto" -ne 0 ] && SHARE_NOTE="$SHARE_NOTE, $wrongproto not $proto"
}

# --- table --------------------------------------------------------------------
rows=$out/rows.md
: > "$rows"
# shellcheck disable=SC2059  # FORMAT is a printf format
fmt() { # FORMAT VALUE NOTE
    if [ -n "$2" ]; then
        if [ -n "$3" ]; then printf "$1 (%s)" "$2" "$3"; else printf "$1" "$2"; fi
    else
        printf '%s' "${3:-n/a}"
    fi
}
# Results by key: R[KEY.val], R[KEY.note]; keep KEY stores VAL and NOTE.
declare -A R
keep() { R[$1.val]=$VAL; R[$1.note]=$NOTE; }
# row FIGURE BETTER FORMAT [SYSKEY OURSKEY]: a table row from R[SYSKEY.*]
# and R[OURSKEY.*] (default: system, ours)
row() {
    local sk=${4:-system} ok=${5:-ours} ratio="n/a" line sv ov
    sv=${R[$sk.val]:-} ov=${R[$ok.val]:-}
    if [ -n "$sv" ] && [ -n "$ov" ] && awk "BEGIN { exit !($sv != 0) }"; then
        ratio=$(awk "BEGIN { printf \"%.2f\", $ov / $sv }")
    fi
    line="| $1 | $(fmt "$3" "$sv" "${R[$sk.note]:-}") | $(fmt "$3" "$ov" "${R[$ok.note]:-}") | $ratio | $2 |"
    printf '%s\n' "$line" >> "$rows"
    say "    $line"
}
# norow FIGURE NOTE: a row without measurements
norow() { VAL="" NOTE=$2; keep none; row "$1" - "%s" none none; }

# --- 1. keep-alive ------------------------------------------------------------
if [ $have_nginx = 1 ]; then
    for scheme in http https; do
        if [ $scheme = http ]; then port=$BENCH_PLAIN n=20000 name="HTTP"
        else port=$BENCH_TLS13 n=10000 name="HTTPS (TLS 1.3)"; fi
        for who in system ours; do
            progress "keep-alive $name requests/s, $who"
            rate_neon "$who" keepalive "$scheme" "$port" "$n" "$BENCH_CA"
            keep "$who"
        done
        row "1. keep-alive GET empty, $name: requests/s (N=$n, median of $REPEAT)" higher "%.0f"

        for kind in instr syscalls allocs; do
            case $kind in
                instr) n1=200 n2=1200 what="client instructions/request (callgrind Ir)" fm="%.0f" ;;
                syscalls) n1=200 n2=1200 what="syscalls/request (strace -f)" fm="%.2f" ;;
                allocs) n1=100 n2=600 what="heap allocations/request (memcheck)" fm="%.2f" ;;
            esac
            for who in system ours; do
                progress "keep-alive $name $kind, $who"
                per_op "$kind" "$who" neon "$n1" "$n2" "keepalive-$scheme" \
                    "$NB" keepalive "$scheme" "$port" @N@ "$BENCH_CA"
                keep "$who"
            done
            row "1. keep-alive GET empty, $name: $what, N=$n2-$n1" lower "$fm"
        done
    done
else
    norow "1. keep-alive GET empty" "n/a (no nginx)"
fi

# --- 1b. debugging off ---------------------------------------------------------
if [ $have_nginx = 1 ]; then
    for who in system ours; do
        for dbg in never off locks; do
            progress "keep-alive HTTP instructions, debugging $dbg, $who"
            if [ $dbg = never ]; then unset BENCH_DEBUG; else export BENCH_DEBUG=$dbg; fi
            per_op instr "$who" neon 200 1200 "keepalive-debug-$dbg" \
                "$NB" keepalive http "$BENCH_PLAIN" @N@
            unset BENCH_DEBUG
            keep "$who.$dbg"
        done
        for dbg in off locks; do
            VAL="" NOTE=${R[$who.$dbg.note]:-${R[$who.never.note]:-}}
            if [ -n "${R[$who.$dbg.val]:-}" ] && [ -n "${R[$who.never.val]:-}" ]; then
                VAL=$(calc "${R[$who.$dbg.val]} - ${R[$who.never.val]}")
                NOTE="$(printf '%.0f vs %.0f' "${R[$who.$dbg.val]}" "${R[$who.never.val]}")"
            fi
            keep "$who.d$dbg"
        done
    done
    row "1b. keep-alive GET empty, HTTP: client instructions/request, ne_debug_init(NULL, 0) minus never called, N=1200-200" \
        lower "%.1f" system.doff ours.doff
    row "1b. keep-alive GET empty, HTTP: client instructions/request, a stream and NE_DBG_LOCKS on (unused) minus never called, N=1200-200" \
        lower "%.1f" system.dlocks ours.dlocks
else
    norow "1b. debugging off" "n/a (no nginx)"
fi

# --- 2. reconnect -------------------------------------------------------------
if [ $have_nginx = 1 ]; then
    for v in 12 13; do
        if [ $v = 12 ]; then port=$BENCH_TLS12 proto=TLSv1.2; else port=$BENCH_TLS13 proto=TLSv1.3; fi
        name="TLS 1.${v#1}"
        n=500
        for who in system ours; do
            progress "reconnect $name reconnects/s and resumption, $who"
            rate_neon "$who" reconnect https "$port" "$n" "$BENCH_CA" "r$v$who"
            keep "$who.rate"
            if [ -n "$VAL" ]; then
                count_log "r$v$who" "$REPEAT" "$n" "$proto"
                VAL=$SHARE NOTE=$SHARE_NOTE
            fi
            keep "$who.share"
            # (when a run failed the share is n/a, with the same note)
        done
        row "2. reconnect $name: resumed handshakes, server log (% of requests)" higher "%.1f%%" \
            system.share ours.share
        for who in system ours; do
            progress "reconnect $name instructions, $who"
            per_op instr "$who" neon 20 120 "reconnect-tls$v" \
                "$NB" reconnect https "$port" @N@ "$BENCH_CA" "cg$v$who"
            keep "$who"
        done
        row "2. reconnect $name: client instructions/reconnect (callgrind Ir), N=120-20" lower "%.0f"
        row "2. reconnect $name: reconnects/s (N=$n, median of $REPEAT)" higher "%.0f" \
            system.rate ours.rate
    done
else
    norow "2. reconnect" "n/a (no nginx)"
fi

# --- 3. bulk ------------------------------------------------------------------
if [ $have_nginx = 1 ]; then
    for scheme in http https; do
        if [ $scheme = http ]; then port=$BENCH_PLAIN name="HTTP"
        else port=$BENCH_TLS13 name="HTTPS (TLS 1.3)"; fi
        for who in system ours; do
            progress "bulk $name, $who"
            rate_neon "$who" bulk "$scheme" "$port" 3 "$BENCH_CA"
            keep "$who"
        done
        row "3. bulk GET 100 MiB, $name: MB/s (MB = 10^6 bytes; 3 downloads, median of $REPEAT)" higher "%.0f"
    done
else
    norow "3. bulk" "n/a (no nginx)"
fi
stop_nginx

# --- 4. libssl face -----------------------------------------------------------
for v in 12 13; do
    name="TLS 1.${v#1}"
    for who in system ours; do
        progress "libssl resumed handshakes $name, $who"
        vals=() VAL="" NOTE=""
        for k in $(seq 1 "$REPEAT"); do
            f=$logs/ssl-resume-$v-$who-$k.out
            runwith "$who" ssl "$T" "$SB" resume "$v" 2000 > "$f" 2>&1
            rc=$?
            line=$(grep '^handshakes=' "$f" | tail -n 1)
            if [ -z "$line" ]; then
                fail_note "$(exit_note $rc)"
                break
            fi
            if [ "$(field resumed "$line")" != "$(field handshakes "$line")" ]; then
                fail_note "wrong: resumed $(field resumed "$line")/$(field handshakes "$line")"
                break
            fi
            vals+=("$(calc "$(field handshakes "$line") / $(field seconds "$line")")")
        done
        [ -z "$NOTE" ] && VAL=$(median "${vals[@]}")
        keep "$who"
    done
    row "4. libssl: resumed handshakes/s, $name (in-process pair, N=2000, median of $REPEAT)" higher "%.0f"
done

for size in 20480 1000000; do
    for who in system ours; do
        progress "libssl session cache, $size sessions, $who"
        adds=() looks=() bytes=()
        add_note="" look_note="" bytes_note=""
        for k in $(seq 1 "$REPEAT"); do
            f=$logs/ssl-cache-$size-$who-$k.out
            runwith "$who" ssl "$T" "$SB" cache "$size" > "$f" 2>&1
            rc=$?
            line=$(grep '^sessions=' "$f" | tail -n 1)
            if [ -z "$line" ]; then
                add_note=$(exit_note $rc) look_note=$add_note bytes_note=$add_note
                break
            fi
            if [ "$(field added "$line")" != "$size" ]; then
                add_note="wrong: added $(field added "$line")/$size" look_note=$add_note bytes_note=$add_note
                break
            fi
            if [ "$(field found "$line")" != "$size" ]; then
                look_note="wrong: found $(field found "$line")/$size"
            fi
            adds+=("$(field add_per_s "$line")")
            looks+=("$(field lookup_per_s "$line")")
            bytes+=("$(field bytes_per_session "$line")")
        done
        VAL="" NOTE=$add_note
        [ -z "$add_note" ] && VAL=$(median "${adds[@]}")
        keep "$who.add"
        VAL="" NOTE=$bytes_note
        [ -z "$bytes_note" ] && VAL=$(median "${bytes[@]}")
        keep "$who.bytes"
        VAL="" NOTE=$look_note
        [ -z "$look_note" ] && VAL=$(median "${looks[@]}")
        keep "$who.look"
    done
    row "4. libssl: SSL_CTX_add_session/s, $size sessions (median of $REPEAT)" higher "%.0f" system.add ours.add
    row "4. libssl: SSL_has_matching_session_id/s, $size sessions (median of $REPEAT)" higher "%.0f" \
        system.look ours.look
    row "4. libssl: resident bytes/cached session, $size sessions (median of $REPEAT)" lower "%.0f" \
        system.bytes ours.bytes
done

# --- report -------------------------------------------------------------------
libpath() { # WHO BINARY LIBNAME: the file the dynamic loader picks
    local f
    if [ "$1" = system ]; then f=$(env -u LD_LIBRARY_PATH ldd "$2" | awk -v l="$3" '$1 == l { print $3 }')
    else f=$(env LD_LIBRARY_PATH="$top/build/$4" ldd "$2" | awk -v l="$3" '$1 == l { print $3 }'); fi
    printf '%s' "${f:-?}"
}
{
    echo "# neon-rs benchmark ($(date -u '+%Y-%m-%d %H:%M:%S UTC'))"
    echo
    echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), kernel $(uname -r)"
    echo "- source: $(git -C "$top" describe --always --dirty 2>/dev/null || echo unknown)"
    echo "- neon, system: $(runwith system neon 10 "$NB" version 2>&1 | head -n 1) [$(libpath system "$NB" libneon.so.27)]"
    echo "- neon, ours: $(runwith ours neon 10 "$NB" version 2>&1 | head -n 1) [$(libpath ours "$NB" libneon.so.27 neon)]"
    echo "- libssl, system: libssl3 $(dpkg-query -W -f='${Version}' libssl3 2>/dev/null) [$(libpath system "$SB" libssl.so.3)]"
    echo "- libssl, ours: [$(libpath ours "$SB" libssl.so.3 ssl)]"
    if [ $have_nginx = 1 ]; then
        echo "- server: $(nginx -v 2>&1 | sed 's/^nginx version: //'), worker_processes 1, on 127.0.0.1 (same machine as the client)"
    else
        echo "- server: nginx did not start"
    fi
    if [ "$CPU" = none ]; then echo "- CPU pinning: none"
    else echo "- CPU pinning: client and nginx worker both on CPU $CPU (taskset, worker_cpu_affinity)"; fi
    echo "- ratio = ours / system; \"better\" says which direction is better. Raw outputs: build/bench/logs/"
    echo "- run time: $(( $(date +%s) - started )) s"
    echo
    echo "| figure | system | ours | ratio ours/system | better |"
    echo "| --- | --- | --- | --- | --- |"
    cat "$rows"
} > "$out/table.md"
echo
cat "$out/table.md"

# --- 5. nginx serving TLS on each libssl ---------------------------------------
echo
stop_nginx
if ! bench/nginx_server.sh > "$logs/nginx-server.out" 2> "$logs/nginx-server.err"; then
    say "bench: nginx_server.sh failed (see $logs/nginx-server.err)"
fi
cat "$logs/nginx-server.out"
