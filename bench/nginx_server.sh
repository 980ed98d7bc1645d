#!/bin/bash
# nginx SERVING TLS on the system libssl.so.3 and on ours (make bench,
# section 5; also runnable alone after `make`).
#
# The same nginx binary and config (bench/nginx.sh) is started twice, once
# with LD_LIBRARY_PATH=build/ssl (checked in /proc/PID/maps); the client,
# bench/tls_load.c, always runs on the system libssl. Figures, each the
# median of BENCH_REPEAT runs (default 3):
#   full handshakes per second (TLS 1.2, TLS 1.3; a connection per handshake)
#   resumed handshakes per second (TLS 1.2, 1.3; the previous connection's
#     session offered; the share the server resumed is shown)
#   keep-alive requests per second (TLS 1.3, one connection)
#   resident memory per idle TLS connection: the worker's VmRSS with
#     BENCH_IDLE (default 200) connections open after one request each,
#     minus before, divided by their number.
# Rates are real time with client and worker pinned to one CPU (BENCH_CPU,
# default 0), as in bench/run.sh. Prints a table (also to
# build/bench/nginx-server.md); no assertion on the figures.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=$top/build/bench
mkdir -p "$out"
REPEAT=${BENCH_REPEAT:-3}
IDLE=${BENCH_IDLE:-200}
N_HS=${BENCH_HANDSHAKES:-400}
N_KA=${BENCH_KEEPALIVE:-4000}
CPU=${BENCH_CPU:-0}
say() { printf '%s\n' "$*" >&2; }

[ -e build/ssl/libssl.so.3 ] || { say "nginx_server: build/ssl/libssl.so.3 is missing (run make)"; exit 1; }
command -v nginx > /dev/null || [ -x /usr/sbin/nginx ] || { say "nginx_server: nginx is not installed"; exit 1; }
cc -O2 -Wall -Wextra -Werror bench/tls_load.c -o "$out/tls_load" -lssl -lcrypto || exit 1
LOAD=$out/tls_load

PIN=()
if [ "$CPU" != none ] && taskset -c "$CPU" true 2> /dev/null; then
    PIN=(taskset -c "$CPU")
    export BENCH_NGINX_CPU=$CPU
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/neonrs-nginx-server-XXXXXX")
master=""
stop() {
    local i=0
    [ -n "$master" ] || return 0
    kill "$master" 2> /dev/null
    while [ $i -lt 50 ] && kill -0 "$master" 2> /dev/null; do sleep 0.1; i=$((i + 1)); done
    kill -0 "$master" 2> /dev/null && kill -KILL "$master" 2> /dev/null
    master=""
}
trap 'stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1; }
load() { env -u LD_LIBRARY_PATH timeout -k 5 120 "${PIN[@]}" "$LOAD" "$@"; }

# rate MODE VERSION N: the median of REPEAT runs' done/seconds, then the
# last run's resumed count.
rate() {
    local r line vals=() resumed=""
    for r in $(seq "$REPEAT"); do
        line=$(load "$1" "$tls_port" "$2" "$3" 2> /dev/null) || continue
        vals+=("$(awk -v d="$(field done "$line")" -v s="$(field seconds "$line")" 'BEGIN { if (s > 0) printf "%.1f", d / s }')")
        resumed=$(field resumed "$line")
    done
    echo "$(median "${vals[@]}") $resumed"
}

worker_rss() {
    local w
    w=$(ps -o pid= --ppid "$master" | head -n 1 | tr -d ' ')
    [ -n "$w" ] && awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$w/status"
}

declare -A R
for who in system ours; do
    rm -rf "${tmp:?}/$who"
    if [ $who = ours ]; then
        LD_LIBRARY_PATH=$top/build/ssl bench/nginx.sh "$tmp/$who" > /dev/null 2> "$tmp/$who.err"
    else
        env -u LD_LIBRARY_PATH bench/nginx.sh "$tmp/$who" > /dev/null 2> "$tmp/$who.err"
    fi || { say "nginx_server: nginx did not start on $who: $(tail -3 "$tmp/$who.err")"; continue; }
    # shellcheck disable=SC1091  # written by bench/nginx.sh
    . "$tmp/$who/env"
    master=$(cat "$tmp/$who/nginx.pid")
    if [ $who = ours ] && ! grep -q "$top/build/ssl/libssl.so.3" "/proc/$master/maps"; then
        say "nginx_server: nginx did not load our libssl"
        stop
        continue
    fi
    tls_port=$BENCH_TLS12
    read -r R[$who,full12] _ < <(rate full 12 "$N_HS")
    read -r R[$who,res12] R[$who,res12k] < <(rate resume 12 "$N_HS")
    tls_port=$BENCH_TLS13
    read -r R[$who,full13] _ < <(rate full 13 "$N_HS")
    read -r R[$who,res13] R[$who,res13k] < <(rate resume 13 "$N_HS")
    read -r R[$who,ka] _ < <(rate keepalive 13 "$N_KA")
    # idle connections: warm the worker up first
    load full 13 20 > /dev/null 2>&1
    before=$(worker_rss)
    coproc IDLER { env -u LD_LIBRARY_PATH timeout -k 5 120 "$LOAD" idle "$BENCH_TLS13" 13 "$IDLE"; }
    read -r -t 60 ready <&"${IDLER[0]}"
    after=$(worker_rss)
    exec {IDLER[1]}>&-
    wait "$IDLER_PID" 2> /dev/null
    if [ "$(field ready "$ready")" = "$IDLE" ] && [ -n "$before" ] && [ -n "$after" ]; then
        R[$who,rss]=$(( (after - before) / IDLE ))
    fi
    stop
done

ratio() { awk -v a="${R[ours,$1]:-}" -v b="${R[system,$1]:-}" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
{
    echo "| nginx serving TLS (client on the system libssl) | system libssl | ours | ours / system |"
    echo "|---|---|---|---|"
    echo "| full handshakes/s, TLS 1.2 | ${R[system,full12]:-n/a} | ${R[ours,full12]:-n/a} | $(ratio full12) |"
    echo "| full handshakes/s, TLS 1.3 | ${R[system,full13]:-n/a} | ${R[ours,full13]:-n/a} | $(ratio full13) |"
    echo "| resumed handshakes/s, TLS 1.2 (resumed of $N_HS) | ${R[system,res12]:-n/a} (${R[system,res12k]:-?}) | ${R[ours,res12]:-n/a} (${R[ours,res12k]:-?}) | $(ratio res12) |"
    echo "| resumed handshakes/s, TLS 1.3 (resumed of $N_HS) | ${R[system,res13]:-n/a} (${R[system,res13k]:-?}) | ${R[ours,res13]:-n/a} (${R[ours,res13k]:-?}) | $(ratio res13) |"
    echo "| keep-alive requests/s, TLS 1.3 | ${R[system,ka]:-n/a} | ${R[ours,ka]:-n/a} | $(ratio ka) |"
    echo "| resident bytes per idle TLS connection ($IDLE open) | ${R[system,rss]:-n/a} | ${R[ours,rss]:-n/a} | $(ratio rss) |"
} | tee "$out/nginx-server.md"
