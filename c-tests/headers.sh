#!/bin/sh
# Each generated header must compile on its own, in C and in C++, with
# warnings as errors: a user includes just the one they need.
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
    if ! ${CC:-cc} -std=c99 -Wall -Wextra -Werror -pedantic -fsyntax-only -I"$dir" "$tmp/t.c" 2> "$tmp/err"; then
        echo "headers: $name does not compile alone (C):"; head -5 "$tmp/err"; bad=$((bad + 1))
    fi
    cp "$tmp/t.c" "$tmp/t.cc"
    if ! ${CXX:-g++} -Wall -Wextra -Werror -fsyntax-only -I"$dir" "$tmp/t.cc" 2> "$tmp/err"; then
        echo "headers: $name does not compile alone (C++):"; head -5 "$tmp/err"; bad=$((bad + 1))
    fi
done
[ $bad -eq 0 ] && echo "headers: all $n generated headers compile alone in C99 and C++"
[ $bad -eq 0 ]
