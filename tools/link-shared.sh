#!/bin/sh
# Links one shared object from the Rust staticlib, exporting only one face.
#
#   link-shared.sh STATICLIB OUT SONAME FACES...      FACES: neon and/or ssl
#
# The staticlib holds both faces, the core, std and aws-lc. We partially link
# the members the face's symbols need, make every other global symbol local
# (so no Rust, aws-lc or other-face symbol leaks into a drop-in), then link
# with a version script: neon's nodes (tools/neon-nodes.txt, all other ne_*
# symbols unversioned as in neon; neon-rs's own nrs_* extensions, part of the
# neon face, unversioned too) and/or OPENSSL_3.0.0 for the libssl face.
# The libssl face uses the system libcrypto.so.3 (its X509 objects and error
# queue), so an object with it links -lcrypto; libneon needs no libcrypto.
set -eu
lib=$1 out=$2 soname=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nm -g --defined-only "$lib" 2>/dev/null | awk 'NF == 3 && $2 ~ /^[TDBR]$/ {print $3}' | sort -u > "$tmp/defined"
: > "$tmp/syms"
for face in "$@"; do
    case $face in
        neon) grep -E '^(ne|nrs)_' "$tmp/defined" >> "$tmp/syms" || true ;;
        # libssl's names: exactly those of OpenSSL 3.0's libssl.so.3.
        ssl) grep -v '^#' "$here/libssl-3.0.0-exports.txt" | sort | comm -12 - "$tmp/defined" >> "$tmp/syms" ;;
        *) echo "unknown face $face" >&2; exit 2 ;;
    esac
done
sort -u -o "$tmp/syms" "$tmp/syms"
[ -s "$tmp/syms" ] || { echo "link-shared: no symbols for $*" >&2; exit 1; }

# Version script: only nodes with at least one defined symbol.
: > "$tmp/vers"
for face in "$@"; do
    case $face in
        neon)
            grep -v '^#' "$here/neon-nodes.txt" | while read -r node names; do
                found=$(for n in $names; do grep -qx "$n" "$tmp/syms" && echo "$n"; done || true)
                [ -n "$found" ] || continue
                printf '%s {\n  global:\n' "$node"
                for n in $found; do printf '    %s;\n' "$n"; done
                printf '};\n'
            done >> "$tmp/vers" ;;
        ssl)
            { printf 'OPENSSL_3.0.0 {\n  global:\n'
              grep -vE '^(ne|nrs)_' "$tmp/syms" | sed 's/.*/    &;/'
              printf '};\n'; } >> "$tmp/vers" ;;
    esac
done

crypto=
for face in "$@"; do
    [ "$face" = ssl ] && crypto=-lcrypto
done

undef=$(sed 's/^/-u /' "$tmp/syms" | tr '\n' ' ')
# shellcheck disable=SC2086
ld -r $undef -o "$tmp/face.o" "$lib"
objcopy --keep-global-symbols="$tmp/syms" "$tmp/face.o" "$tmp/face-local.o"
${CC:-cc} -shared -o "$out.tmp" -Wl,-soname,"$soname" -Wl,--version-script="$tmp/vers" \
    -Wl,--gc-sections -Wl,-O1 -Wl,-z,relro -Wl,--as-needed -Wl,--no-undefined \
    "$tmp/face-local.o" $crypto -lgcc_s -lpthread -ldl -lm -lc
mv "$out.tmp" "$out"
