#!/bin/sh
# Checks the exports of our drop-in libneon.so.27 against neon 0.32.5 and
# the additions of neon 0.33-0.37 (c-tests/abi/neon-0.37-additions.txt):
# every symbol of the headers in c-tests/abi/scope.txt is exported with the
# same version node (or unversioned), and nothing is exported that neon 0.37
# does not export, except exactly neon-rs's own nrs_* extensions
# (c-tests/abi/nrs-exports.txt: each exported unversioned, and the list is
# what include/neonrs/nrs_session.h declares). It must not need libcrypto
# (only the libssl face does).
set -eu
lib=${1:-build/neon/libneon.so.27}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nm -D --with-symbol-versions --defined-only "$lib" | awk '$2 != "A" {print $3}' | sed 's/@@/@/' | sort > "$tmp/ours"
cat "$here/abi/neon-0.32.5-exports.txt" "$here/abi/neon-0.37-additions.txt" | grep -v '^#' \
    > "$tmp/exports"
grep -v '^#' "$here/abi/nrs-exports.txt" | sort > "$tmp/nrs"
awk '{print $2}' "$tmp/exports" | cat - "$tmp/nrs" | sort > "$tmp/all"

# Expected: all symbols of in-scope headers, minus excluded prefixes.
: > "$tmp/want"
grep -v '^#' "$here/abi/scope.txt" | while read -r header excl; do
    [ -n "$header" ] || continue
    grep "^$header " "$tmp/exports" | awk '{print $2}' | while read -r sym; do
        skip=0
        for e in $excl; do
            case "$sym" in "${e#-}"*) skip=1 ;; esac
        done
        [ $skip -eq 1 ] || echo "$sym"
    done >> "$tmp/want"
done
sort -o "$tmp/want" "$tmp/want"

# Only the libssl face uses libcrypto: a neon program must not load it.
if readelf -d "$lib" | grep NEEDED | grep -q 'libcrypto'; then
    echo "symbols: $lib needs libcrypto"
    readelf -d "$lib" | grep NEEDED
    exit 1
fi

# The nrs_* list must be the header's declarations.
grep -oE '\bnrs_[a-z_]+\(' "$here/../include/neonrs/nrs_session.h" | tr -d '(' | sort -u > "$tmp/declared"
undeclared=$(comm -3 "$tmp/nrs" "$tmp/declared")

missing=$(comm -23 "$tmp/want" "$tmp/ours")
nrs_missing=$(comm -23 "$tmp/nrs" "$tmp/ours")
extra=$(comm -13 "$tmp/all" "$tmp/ours")
status=0
if [ -n "$missing" ]; then echo "symbols: missing or with the wrong version node:"; echo "$missing" | sed 's/^/  /'; status=1; fi
if [ -n "$nrs_missing" ]; then echo "symbols: nrs_* missing or versioned:"; echo "$nrs_missing" | sed 's/^/  /'; status=1; fi
if [ -n "$undeclared" ]; then echo "symbols: c-tests/abi/nrs-exports.txt and nrs_session.h differ:"; echo "$undeclared" | sed 's/^/  /'; status=1; fi
if [ -n "$extra" ]; then echo "symbols: exported but neither in neon 0.37 nor nrs_*:"; echo "$extra" | sed 's/^/  /'; status=1; fi
[ $status -ne 0 ] || echo "symbols: $(wc -l < "$tmp/want") in-scope neon 0.32.5-0.37 symbols exported with neon's version nodes, $(wc -l < "$tmp/nrs") nrs_* unversioned; $(wc -l < "$tmp/ours") exported in all"
exit $status
