#!/bin/sh
# make deb: packaging/make-deb.sh [OUTDIR] builds OUTDIR/neon-rs_VERSION_ARCH.deb
# (default OUTDIR build/deb) from the libraries `make` built, with dpkg-deb
# alone (no network, no debhelper). Prints the package's path.
#
# Layout (TRIPLET as `cc -print-multiarch`), nothing a Debian package owns:
#   /usr/lib/TRIPLET/neonrs/            libneon.so.27 (+ libneon.so,
#                                       libneon-gnutls.so.27), libneonrs.so.0,
#                                       libneonrs.so, libneonrs.a
#   /usr/lib/TRIPLET/neonrs/neonrs-ssl/ libssl.so.3
#   /usr/lib/TRIPLET/neonrs/pkgconfig/  neon.pc (drop-in), neonrs.pc
#   /usr/lib/TRIPLET/pkgconfig/         neonrs.pc
#   /usr/include/neonrs/                the headers
#   /usr/bin/neonrs-run                 the wrapper
#   /usr/share/doc/neon-rs/             README.md, copyright
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=${1:-build/deb}
case $out in /*) ;; *) out=$top/$out ;; esac
triplet=$(${CC:-cc} -print-multiarch)
arch=$(dpkg --print-architecture)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
root=$out/root
rm -rf "$root"
mkdir -p "$root/DEBIAN"

make -s install PREFIX=/usr LIBDIR="/usr/lib/$triplet/neonrs" INCLUDEDIR=/usr/include \
    DESTDIR="$root" > /dev/null
install -d "$root/usr/lib/$triplet/pkgconfig" "$root/usr/bin" "$root/usr/share/doc/neon-rs"
install -m 644 "$root/usr/lib/$triplet/neonrs/pkgconfig/neonrs.pc" "$root/usr/lib/$triplet/pkgconfig/"
sed "s|@TRIPLET@|$triplet|g" packaging/neonrs-run > "$root/usr/bin/neonrs-run"
chmod 755 "$root/usr/bin/neonrs-run"
install -m 644 README.md "$root/usr/share/doc/neon-rs/"
printf '%s\n' "neon-rs: a memory-safe drop-in for libneon and OpenSSL's libssl." \
    "License: LGPL-2.0-or-later (see /usr/share/common-licenses/LGPL-2)." \
    > "$root/usr/share/doc/neon-rs/copyright"
chmod -R u+rwX,go+rX,go-w "$root"

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@SIZE@|$size|" -e "s|@TRIPLET@|$triplet|g" \
    packaging/control.in > "$root/DEBIAN/control"
(cd "$root" && find usr -type f -exec md5sum {} +) > "$root/DEBIAN/md5sums"
deb=$out/neon-rs_${version}_$arch.deb
dpkg-deb --root-owner-group -Zxz -z1 --build "$root" "$deb" > /dev/null
echo "$deb"
