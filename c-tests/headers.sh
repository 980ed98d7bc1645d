#!/bin/sh
# Each generated header must compile on its own, in C and in C++, with
# warnings as errors: a user includes just the one they need; both with
# neon 0.32.5's declarations only and with NEONRS_NEON_API=37.
set -u
dir=${1:-include/neonrs}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
n=0
for h in "$dir"/*.h; do
    name=$(basename "$h")
    n=$((n + 1))
    printf '#include <%s>\nint main(void) { return 0; }\n' "$name" > "$tmp/t.c"
    cp "$tmp/t.c" "$tmp/t.cc"
    for api in "" -DNEONRS_NEON_API=37; do
        # shellcheck disable=SC2086
        if ! ${CC:-cc} -std=c99 -Wall -Wextra -Werror -pedantic -fsyntax-only $api -I"$dir" "$tmp/t.c" 2> "$tmp/err"; then
            echo "headers: $name does not compile alone (C $api):"; head -5 "$tmp/err"; bad=$((bad + 1))
        fi
        # shellcheck disable=SC2086
        if ! ${CXX:-g++} -Wall -Wextra -Werror -fsyntax-only $api -I"$dir" "$tmp/t.cc" 2> "$tmp/err"; then
            echo "headers: $name does not compile alone (C++ $api):"; head -5 "$tmp/err"; bad=$((bad + 1))
        fi
    done
done
[ $bad -eq 0 ] && echo "headers: all $n generated headers compile alone in C99 and C++, with and without NEONRS_NEON_API=37"
[ $bad -eq 0 ]
