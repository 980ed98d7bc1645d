#!/bin/sh
# Checks the exports of our drop-in libssl.so.3 against OpenSSL 3.0's
# (tools/libssl-3.0.0-exports.txt, Debian 12's libssl3): SONAME libssl.so.3;
# every name exported, each as the default version at node OPENSSL_3.0.0;
# nothing else exported; no libssl needed or imported. Then reports how
# many are implemented, i.e. not
# stubs listed in src/openssl/unsupported.rs.
#
#   c-tests/ssl-symbols.sh [build/ssl/libssl.so.3]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
lib=${1:-$top/build/ssl/libssl.so.3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -e "$lib" ] || { echo "ssl symbols: $lib missing (make all)"; exit 1; }
status=0

soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
if [ "$soname" != "libssl.so.3" ]; then
    echo "ssl symbols: SONAME is '$soname', not libssl.so.3"
    status=1
fi

# It uses the system libcrypto, never a libssl: every libssl function is ours.
if readelf -d "$lib" | grep NEEDED | grep -q 'libssl'; then
    echo "ssl symbols: $lib needs a libssl"
    status=1
fi
if nm -D --undefined-only "$lib" | awk '{print $2}' | grep -qE '^(SSL|TLS|DTLS)_'; then
    echo "ssl symbols: $lib imports libssl functions:"
    nm -D --undefined-only "$lib" | awk '{print $2}' | grep -E '^(SSL|TLS|DTLS)_' | sed 's/^/  /'
    status=1
fi

# Defined dynamic symbols as NAME@@NODE (default version); the version node
# itself is an absolute symbol.
nm -D --with-symbol-versions --defined-only "$lib" > "$tmp/nm"
awk '$2 != "A" {print $3}' "$tmp/nm" | sort > "$tmp/ours"
if ! awk '$2 == "A" {print $3}' "$tmp/nm" | grep -qx 'OPENSSL_3.0.0'; then
    echo "ssl symbols: no version node OPENSSL_3.0.0"
    status=1
fi
grep -v '^#' "$top/tools/libssl-3.0.0-exports.txt" | sed '/^$/d' | sort -u > "$tmp/names"
sed 's/$/@@OPENSSL_3.0.0/' "$tmp/names" > "$tmp/want"

missing=$(comm -23 "$tmp/want" "$tmp/ours")
extra=$(comm -13 "$tmp/want" "$tmp/ours")
if [ -n "$missing" ]; then
    echo "ssl symbols: missing, or not the default version at OPENSSL_3.0.0:"
    echo "$missing" | sed 's/^/  /'
    status=1
fi
if [ -n "$extra" ]; then
    echo "ssl symbols: exported but not by OpenSSL 3.0's libssl (at OPENSSL_3.0.0):"
    echo "$extra" | sed 's/^/  /'
    status=1
fi

# The stubs: one name per line (maybe with ' = value') inside the unsupported! { ... } invocation.
sed -n '/^unsupported! {/,/^}/p' "$top/src/openssl/unsupported.rs" |
    sed -n 's/^ *\([A-Za-z_][A-Za-z0-9_]*\)\( = -\{0,1\}[0-9]*\)\{0,1\},$/\1/p' | sort -u > "$tmp/stubs"
unknown=$(comm -13 "$tmp/names" "$tmp/stubs")
if [ -n "$unknown" ]; then
    echo "ssl symbols: stubs in unsupported.rs that libssl does not export:"
    echo "$unknown" | sed 's/^/  /'
    status=1
fi

total=$(wc -l < "$tmp/names")
stubs=$(wc -l < "$tmp/stubs")
[ $status -ne 0 ] || echo "ssl symbols: exactly the $total libssl 3.0 functions, all at OPENSSL_3.0.0; $((total - stubs)) implemented, $stubs stubs"
exit $status
