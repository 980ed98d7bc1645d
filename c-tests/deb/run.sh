#!/bin/sh
# The package test (c-tests/run.sh section "deb"): builds the .deb with
# packaging/make-deb.sh into build/c-tests/deb, checks its metadata and file
# list (everything in neon-rs's own paths, no file of Debian's libneon27,
# libneon27-gnutls, libneon27-dev, libssl3 or libssl-dev), installs it with
# `dpkg --root` into a temporary root (never into this system), runs real
# programs through the installed neonrs-run (curl over our libssl.so.3, a
# neon program over our libneon.so.27) against a local `openssl s_server`,
# shows from each process's /proc/self/maps which library it used (and that
# without the wrapper it is the system's), then removes the package with
# `dpkg --root -r` and checks nothing of it is left.
# Prints "ok:   ..." / "FAIL: ..." lines; exits non-zero on any failure.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
out=$top/build/c-tests/deb
mkdir -p "$out"
failures=0
ok() { echo "ok:   deb: $*"; }
bad() { echo "FAIL: deb: $*"; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...
    _d=$1
    shift
    if "$@"; then ok "$_d"; else bad "$_d"; fi
}

tmp=$(mktemp -d /tmp/neonrs-deb-XXXXXX)
server_pid=""
cleanup() {
    [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# --- the package ---------------------------------------------------------------
if ! deb=$(packaging/make-deb.sh "$out" 2> "$out/make-deb.log"); then
    cat "$out/make-deb.log"
    bad "packaging/make-deb.sh failed"
    exit 1
fi
triplet=$(${CC:-cc} -print-multiarch)
priv=usr/lib/$triplet/neonrs
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
field() { dpkg-deb -f "$deb" "$1"; }
check "control: Package $(field Package), Version $(field Version), Architecture $(field Architecture)" \
    test "$(field Package) $(field Version) $(field Architecture)" = "neon-rs $version $(dpkg --print-architecture)"

# File list: paths without the leading "./"; directories end in "/".
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||; /^$/d' | sort > "$out/files.txt"
grep -v '/$' "$out/files.txt" > "$out/plain.txt"
outside=$(grep -v -e "^$priv/" -e "^usr/include/neonrs/" -e "^usr/bin/neonrs-run\$" \
    -e "^usr/lib/$triplet/pkgconfig/neonrs.pc\$" -e "^usr/share/doc/neon-rs/" "$out/plain.txt")
check "every file in neon-rs's own paths ($(wc -l < "$out/plain.txt") files)" test -z "$outside"
[ -z "$outside" ] || echo "$outside" | sed 's/^/  outside: /'
missing=""
for f in usr/bin/neonrs-run $priv/libneon.so.27 $priv/libneon.so $priv/libneon-gnutls.so.27 \
    $priv/libneonrs.so.0 $priv/libneonrs.so $priv/libneonrs.a $priv/neonrs-ssl/libssl.so.3 \
    $priv/pkgconfig/neon.pc $priv/pkgconfig/neonrs.pc usr/lib/$triplet/pkgconfig/neonrs.pc; do
    grep -qx "$f" "$out/plain.txt" || missing="$missing $f"
done
check "the libraries, drop-ins, pkg-config files and wrapper are there" test -z "$missing"
[ -z "$missing" ] || echo "  missing:$missing"
ls include/neonrs/*.h | sed 's|^include/|usr/include/|' | sort > "$out/headers.want"
grep '^usr/include/neonrs/.*\.h$' "$out/plain.txt" > "$out/headers.have"
check "the headers are include/neonrs/*.h ($(wc -l < "$out/headers.want"))" \
    cmp -s "$out/headers.want" "$out/headers.have"
clash=""
for p in libneon27 libneon27-gnutls libneon27-dev libssl3 libssl-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || continue
    dpkg -L "$p" | sed 's|^/||' | sort > "$out/$p.files"
    clash="$clash$(comm -12 "$out/plain.txt" "$out/$p.files")"
done
check "no file of Debian's libneon27, libneon27-gnutls, libneon27-dev, libssl3, libssl-dev" test -z "$clash"

# --- installed into a temporary root --------------------------------------------
root=$tmp/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: > "$root/var/lib/dpkg/status"
force="--force-depends" # the empty root has no libc6, libssl3
[ "$(id -u)" -eq 0 ] || force="$force --force-not-root"
# shellcheck disable=SC2086
if dpkg --root="$root" $force -i "$deb" > "$out/install.log" 2>&1 &&
    dpkg-query --root="$root" -W -f='${Status}' neon-rs | grep -q "install ok installed"; then
    ok "dpkg --root installs it: $(dpkg-query --root="$root" -W -f='${Status} ${Version}' neon-rs)"
else
    cat "$out/install.log"
    bad "dpkg --root -i failed"
    exit 1
fi
absent=""
while read -r f; do [ -e "$root/$f" ] || [ -L "$root/$f" ] || absent="$absent $f"; done < "$out/plain.txt"
check "every packaged file is installed under the root" test -z "$absent"
run=$root/usr/bin/neonrs-run
ours_ssl=$root/$priv/neonrs-ssl/libssl.so.3
ours_neon=$root/$priv/libneon.so.27

# --- real programs through the wrapper -------------------------------------------
c-tests/demo/make-pki.sh "$tmp/pki"
mkdir -p "$tmp/www"
echo "served by openssl s_server" > "$tmp/www/hello.txt"
(cd "$tmp/www" && exec timeout 120 openssl s_server -accept 127.0.0.1:0 -naccept 6 -WWW \
    -cert "$tmp/pki/server.pem" -key "$tmp/pki/server.key" > "$tmp/s_server.out" 2>&1) &
server_pid=$!
port=""
for _ in $(seq 100); do
    port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/s_server.out")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$tmp/s_server.out"; bad "openssl s_server did not start"; exit 1; }

# curl fetches the page over TLS, then prints its own memory map.
curl_maps() { # curl_maps LABEL [WRAPPER ARGS...]: output in $out/curl-LABEL.out
    _l=$1
    shift
    "$@" curl -sS --max-time 10 --cacert "$tmp/pki/ca.pem" "https://localhost:$port/hello.txt" \
        file:///proc/self/maps > "$out/curl-$_l.out" 2> "$out/curl-$_l.err"
}
libssl_of() { grep -o '/[^ ]*libssl\.so[^ ]*' "$1" | sort -u | tr '\n' ' ' | sed 's/ $//'; }
libneon_of() { sed -n 's/^mapped libneon: //p' "$1"; }
fetched() { head -1 "$1" | grep -qx "served by openssl s_server"; }

if curl_maps system && fetched "$out/curl-system.out"; then
    sys_ssl=$(libssl_of "$out/curl-system.out")
    check "curl without the wrapper: the system libssl ($sys_ssl)" test "$sys_ssl" != "$ours_ssl"
else
    cat "$out/curl-system.err"; bad "curl without the wrapper failed"
fi
for mode in ssl-only both; do
    opt=--$mode
    [ $mode = both ] && opt=
    # shellcheck disable=SC2086
    if curl_maps $mode "$run" $opt && fetched "$out/curl-$mode.out"; then
        check "neonrs-run${opt:+ $opt} curl https://localhost/...: fetched over our libssl ($(libssl_of "$out/curl-$mode.out" | sed "s|$root||"))" \
            test "$(libssl_of "$out/curl-$mode.out")" = "$ours_ssl"
    else
        cat "$out/curl-$mode.err"; bad "neonrs-run${opt:+ $opt} curl failed"
    fi
done

# A neon program built against Debian's headers and libneon.
if ${CC:-cc} -Wall -Wextra -Werror $(pkg-config --cflags neon 2>/dev/null || echo -I/usr/include/neon) \
    c-tests/deb/neonget.c -lneon -o "$out/neonget" 2> "$out/neonget.build"; then
    neonget() { # neonget LABEL [WRAPPER ARGS...]
        _l=$1
        shift
        "$@" "$out/neonget" localhost "$port" /hello.txt "$tmp/pki/ca.pem" > "$out/neonget-$_l.out" 2>&1 &&
            fetched "$out/neonget-$_l.out"
    }
    if neonget system; then
        check "neon program without the wrapper: the system libneon ($(libneon_of "$out/neonget-system.out"))" \
            test "$(libneon_of "$out/neonget-system.out")" != "$ours_neon"
    else
        cat "$out/neonget-system.out"; bad "neon program without the wrapper failed"
    fi
    for mode in neon-only both; do
        opt=--$mode
        [ $mode = both ] && opt=
        # shellcheck disable=SC2086
        if neonget $mode "$run" $opt; then
            check "neonrs-run${opt:+ $opt} neonget: our libneon ($(libneon_of "$out/neonget-$mode.out" | sed "s|$root||"), $(sed -n 's/^version: .*\(neon-rs [^,]*\).*/\1/p' "$out/neonget-$mode.out"))" \
                test "$(libneon_of "$out/neonget-$mode.out")" = "$ours_neon"
        else
            cat "$out/neonget-$mode.out"; bad "neonrs-run${opt:+ $opt} neonget failed"
        fi
    done
else
    cat "$out/neonget.build"; bad "neonget does not build against Debian's neon headers"
fi
"$run" > /dev/null 2>&1
rc_none=$?
"$run" --bogus true > /dev/null 2>&1
rc_bogus=$?
check "neonrs-run without a program or with an unknown option: usage, exit 2 ($rc_none, $rc_bogus)" \
    test "$rc_none $rc_bogus" = "2 2"

# --- removed ---------------------------------------------------------------------
# shellcheck disable=SC2086
if dpkg --root="$root" $force -r neon-rs > "$out/remove.log" 2>&1; then
    left=""
    while read -r f; do
        if [ -e "$root/$f" ] || [ -L "$root/$f" ]; then left="$left $f"; fi
    done < "$out/plain.txt"
    for d in $priv usr/include/neonrs usr/share/doc/neon-rs; do [ -e "$root/$d" ] && left="$left $d/"; done
    status=$(dpkg-query --root="$root" -W -f='${Status}' neon-rs 2>/dev/null)
    check "dpkg --root -r removes it: no file left, dpkg knows it as '${status:-not installed}'" \
        test -z "$left" -a "${status:-not installed}" != "install ok installed"
    [ -z "$left" ] || echo "  left:$left"
else
    cat "$out/remove.log"; bad "dpkg --root -r failed"
fi

[ $failures -eq 0 ]
