#!/bin/bash
# PROPFIND figures of our libneon.so.27 against Debian's: a Depth: 1
# PROPFIND of a collection parsed through ne_simple_propfind
# (bench/propfind_bench.c, built once against the system headers, the same
# binary run with each library; its server runs outside the measurement).
#
#  - client instructions per member (callgrind Ir) and heap allocations per
#    member (memcheck "total heap usage"), as (X(N2) - X(N1)) / (N2 - N1),
#    so start-up costs cancel out;
#  - peak resident memory (getrusage maxrss) at 1,000, 10,000 and 100,000
#    members: flat means the response is not held in memory.
#
# Prints a table and writes it to build/bench/propfind.md (raw outputs in
# build/bench/propfind-logs/). Environment: N1 (1000), N2 (2000), CC (cc).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=$top/build/bench
logs=$out/propfind-logs
rm -rf "$logs"
mkdir -p "$logs"
N1=${N1:-1000}
N2=${N2:-2000}
CC=${CC:-cc}
PB=$out/propfind_bench
[ -e build/neon/libneon.so.27 ] || { echo "propfind: build/neon/libneon.so.27 is missing (make all)" >&2; exit 1; }
# shellcheck disable=SC2046
$CC -O2 -Wall -Wextra -Werror $(pkg-config --cflags neon) bench/propfind_bench.c -o "$PB" \
    $(pkg-config --libs neon) || exit 1

srv_pid=""
stop_server() { [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null; srv_pid=""; }
trap stop_server EXIT

# client WHO MEMBERS TAG TOOL...: one PROPFIND of MEMBERS members under
# TOOL (may be empty); its output line in LINE, its log prefix in F. A
# client that fails to connect leaves the server to its 600 s alarm, so
# it is killed.
client() {
    local who=$1 n=$2 i=0
    F=$logs/$who-$n-$3
    shift 3
    rm -f "$F.port"
    "$PB" serve "$n" 1 > "$F.port" &
    srv_pid=$!
    while [ ! -s "$F.port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    if [ "$who" = system ]; then
        env -u LD_LIBRARY_PATH timeout 900 "$@" "$PB" propfind "$(cat "$F.port")" > "$F.out" 2> "$F.err"
    else
        env LD_LIBRARY_PATH="$top/build/neon" timeout 900 "$@" "$PB" propfind "$(cat "$F.port")" > "$F.out" 2> "$F.err"
    fi
    stop_server
    LINE=$(grep '^members=' "$F.out")
}

field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

declare -A R
for who in system ours; do
    for n in "$N1" "$N2"; do
        client "$who" "$n" callgrind valgrind --tool=callgrind --callgrind-out-file="$logs/$who-$n.cg"
        R[$who.ir.$n]=$(awk '/^(summary|totals):/ { print $2; exit }' "$logs/$who-$n.cg")
        client "$who" "$n" memcheck valgrind --tool=memcheck --log-file="$logs/$who-$n.memcheck"
        R[$who.al.$n]=$(sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' "$logs/$who-$n.memcheck" | tr -d ,)
        R[$who.members.$n]=$(field members "$LINE")
    done
    for n in 1000 10000 100000; do
        client "$who" "$n" native
        R[$who.rss.$n]=$(field maxrss_kb "$LINE")
        R[$who.members.$n]=$(field members "$LINE")
        R[$who.sec.$n]=$(field seconds "$LINE")
    done
done

per() { awk "BEGIN { printf \"%.2f\", (${R[$1.$2.$N2]} - ${R[$1.$2.$N1]}) / ($N2 - $N1) }"; }
ratio() { awk "BEGIN { if ($1 != 0) printf \"%.2f\", $2 / $1; else print \"n/a\" }"; }
{
    echo "# PROPFIND Depth: 1 through ne_simple_propfind ($(date -u '+%Y-%m-%d %H:%M UTC'), $(git describe --always --dirty 2>/dev/null))"
    echo
    echo "| figure | system | ours | ratio ours/system |"
    echo "| --- | --- | --- | --- |"
    s=$(per system ir) o=$(per ours ir)
    echo "| client instructions/member (callgrind Ir, N=$N2-$N1) | $s | $o | $(ratio "$s" "$o") |"
    s=$(per system al) o=$(per ours al)
    echo "| heap allocations/member (memcheck, N=$N2-$N1) | $s | $o | $(ratio "$s" "$o") |"
    for n in 1000 10000 100000; do
        s=${R[system.rss.$n]} o=${R[ours.rss.$n]}
        echo "| peak RSS, $n members (KiB) | $s | $o | $(ratio "$s" "$o") |"
    done
    s=${R[system.sec.100000]} o=${R[ours.sec.100000]}
    echo "| seconds, 100000 members (unpinned, one run) | $s | $o | $(ratio "$s" "$o") |"
    for n in "$N1" "$N2" 100000; do
        [ "${R[system.members.$n]}" = "${R[ours.members.$n]}" ] && [ "${R[ours.members.$n]}" = $((n + 1)) ] \
            || echo "| WRONG: members at $n: system ${R[system.members.$n]}, ours ${R[ours.members.$n]} | | | |"
    done
} > "$out/propfind.md"
cat "$out/propfind.md"
