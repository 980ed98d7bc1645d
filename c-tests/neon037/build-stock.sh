#!/bin/sh
# Builds stock neon 0.37.1 from its source tarball into a private prefix, the
# reference library of the differential tests in c-tests/neon037:
#
#   c-tests/neon037/build-stock.sh [PREFIX]      (default build/neon-0.37.1)
#
# PREFIX/lib/libneon.so.27 then loads with LD_LIBRARY_PATH=PREFIX/lib and
# PREFIX/include/neon holds neon 0.37.1's headers. The tarball is
# c-tests/neon037/neon-0.37.1-src.tar.gz (the library sources of upstream
# commit d3a4f7d, "Prepare for 0.37.1"; NEON037_TARBALL overrides it). A
# build is kept and reused while the tarball's SHA-256 stays the same.
#
# Configured the way the tests need it to be deterministic on any Debian 12
# machine: OpenSSL, libxml2 and zlib (as Debian's libneon27); no GSSAPI,
# libproxy or PKCS#11 (neon-rs has none of them either), no translations.
# Needs autoconf, automake, libtool, libssl-dev, libxml2-dev and zlib1g-dev
# (tools/ensure-deps.sh installs them).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
prefix=${1:-$top/build/neon-0.37.1}
tarball=${NEON037_TARBALL:-$top/c-tests/neon037/neon-0.37.1-src.tar.gz}

[ -f "$tarball" ] || { echo "build-stock: no tarball at $tarball" >&2; exit 1; }
sum=$(sha256sum "$tarball" | cut -d' ' -f1)
if [ -f "$prefix/lib/libneon.so.27" ] && [ "$(cat "$prefix/.tarball-sha256" 2>/dev/null)" = "$sum" ]; then
    echo "build-stock: neon 0.37.1 already built in $prefix"
    exit 0
fi

rm -rf "$prefix"
mkdir -p "$prefix"
work=$(mktemp -d "${TMPDIR:-/tmp}/neon037-build-XXXXXX")
trap 'rm -rf "$work"' EXIT
log=$prefix/build.log
start=$(date +%s)

tar -xzf "$tarball" -C "$work"
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)
{
    cd "$src"
    ./autogen.sh
    ./configure --prefix="$prefix" --enable-shared --disable-static \
        --with-ssl=openssl --with-libxml2 --with-zlib \
        --without-gssapi --without-libproxy --without-pakchois --disable-nls
    make -j"$(nproc 2>/dev/null || echo 2)"
    make install-lib install-headers install-config
} > "$log" 2>&1 || { tail -30 "$log" >&2; echo "build-stock: build failed (log: $log)" >&2; exit 1; }

[ -f "$prefix/lib/libneon.so.27" ] || { echo "build-stock: no libneon.so.27 in $prefix/lib" >&2; exit 1; }
echo "$sum" > "$prefix/.tarball-sha256"
echo "build-stock: neon 0.37.1 built in $prefix in $(( $(date +%s) - start )) s"
