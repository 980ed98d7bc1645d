#!/bin/sh
# make demo: install neon-rs into a staging prefix, build the demo exactly as
# a user would (pkg-config neon openssl), and run it against its embedded
# servers, on our libneon.so.27 and our libssl.so.3. Everything it makes is
# under build/ (build/stage, build/demo).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
stage=$top/build/stage
out=$top/build/demo
rm -rf "$stage" "$out"
mkdir -p "$out"
make -s install PREFIX="$stage" DESTDIR= >/dev/null

# The embedded TLS server's certificates, made anew.
pki=$out/pki
c-tests/demo/make-pki.sh "$pki"

export PKG_CONFIG_PATH="$stage/lib/pkgconfig"
echo "pkg-config --cflags --libs neon: $(pkg-config --cflags --libs neon)"
# libssl.so.3 resolves to ours through the run path; libcrypto.so.3 stays
# the system's.
${CC:-cc} -Wall -Wextra -Werror -o "$out/demo" c-tests/demo/demo.c c-tests/demo/tls_server.c \
    c-tests/demo/ssl_sessions.c $(pkg-config --cflags --libs neon openssl) \
    -Wl,-rpath,"$stage/lib" -Wl,-rpath,"$stage/lib/neonrs-ssl"
echo "linked against: $(ldd "$out/demo" | awk '/libneon|libssl/ {print $3}' | tr '\n' ' ' | sed 's/ $//')"
echo
exec timeout 60 "$out/demo" "$pki/ca.pem" "$pki/server-chain.pem" "$pki/server.key"
