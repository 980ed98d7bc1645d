#!/bin/sh
# Every libssl function on fresh objects, system libssl against ours
# (probe.c): built once against the system headers, run on the system
# libssl.so.3 (must exit 0) and on ours in build/ssl under valgrind (no
# errors, no leaks); the outputs must be identical but for the lines in
# deliberate.txt (compare.py). Prints "ok:"/"FAIL:" lines (c-tests/run.sh
# counts them).
#
#   c-tests/ssl-probe/run.sh        (after make)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/c-tests/ssl-probe
mkdir -p "$out"
bin=$out/probe
ours=$top/build/ssl

CC=${CC:-cc}
SSL_CFLAGS=$(pkg-config --cflags openssl 2>/dev/null)
SSL_LIBS=$(pkg-config --libs openssl 2>/dev/null || echo "-lssl -lcrypto")
supp=""
[ -f "$top/c-tests/ssl/valgrind.supp" ] && supp="--suppressions=$top/c-tests/ssl/valgrind.supp"

# shellcheck disable=SC2086
if ! $CC -std=gnu11 -O1 -g -Wall -Wextra -Werror $SSL_CFLAGS -I"$top/c-tests/lib" "$here/probe.c" \
        $SSL_LIBS -o "$bin" 2> "$out/build.log"; then
    cat "$out/build.log"
    echo "FAIL: ssl-probe: does not build against the system headers"
    exit 1
fi
if ! LD_LIBRARY_PATH=$ours ldd "$bin" | grep -q "libssl.so.3 => $ours/libssl.so.3"; then
    echo "FAIL: ssl-probe: LD_LIBRARY_PATH=build/ssl does not load our libssl.so.3 (make all)"
    exit 1
fi
timeout 300 "$bin" > "$out/system.out" 2> "$out/system.err"
rc=$?
if [ $rc -ne 0 ]; then
    tail -5 "$out/system.out" "$out/system.err"
    echo "FAIL: ssl-probe: exit status $rc on the system libssl (the probe is broken)"
    exit 1
fi
# shellcheck disable=SC2086
LD_LIBRARY_PATH=$ours timeout 1200 valgrind -q --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --num-callers=30 \
    $supp --log-file="$out/ours.vg" "$bin" > "$out/ours.out" 2> "$out/ours.err"
rc=$?
if [ $rc -ne 0 ] || [ -s "$out/ours.vg" ]; then
    tail -5 "$out/ours.out" "$out/ours.err"
    head -60 "$out/ours.vg"
    echo "FAIL: ssl-probe: exit status $rc on our libssl, or valgrind reports errors or leaks"
    exit 1
fi
python3 "$here/compare.py" "$top/tools/libssl-3.0.0-exports.txt" "$out/system.out" "$out/ours.out" \
    "$here/deliberate.txt"
