#!/bin/sh
# Real OpenSSL consumers on our libssl.so.3: Debian's programs, unmodified,
# each run with the system libssl and with ours (LD_LIBRARY_PATH=build/ssl,
# proven loaded with ldd or /proc/PID/maps), ours on one side of a
# connection at a time; servers on loopback with ephemeral ports, configs in
# temp dirs, certificates made now by the openssl command on the system
# library (c-tests/tls/make-certs.sh), processes stopped by recorded pid.
# One script per consumer (see each for its scenarios):
#   curl openssl python nginx neon socat stunnel postgres mosquitto
# and, on request, cpython (CPython's test_ssl, test_httplib and
# test_urllib2_localnet, about 45 s on the system library).
#
# Prints one line per scenario, "ok:   CONSUMER SCENARIO: same outcome
# (system: …, ours: …)" or "FAIL: …" (with a few detail lines), or "known: …"
# for a deliberate difference that differences.txt lists with its reason
# (an entry whose scenario no longer differs fails as stale); each
# scenario's outcomes, logs and diff are kept in
# build/c-tests/consumers/CONSUMER/. Exits 1 if anything failed.
#
#   c-tests/consumers/run.sh [--self-check] [CONSUMER...]
#
# --self-check runs the harness against a copy of the system libssl.so.3 as
# "ours": then every scenario must pass.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/c-tests/consumers
mkdir -p "$out"

if [ "${1:-}" = --self-check ]; then
    shift
    syslib=$(ldd /usr/bin/openssl | awk '$1 == "libssl.so.3" { print $3 }')
    mkdir -p "$out/system-copy"
    cp "$syslib" "$out/system-copy/libssl.so.3"
    NEONRS_SSL_LIBDIR=$out/system-copy
    NEONRS_CONSUMERS_SELF_CHECK=1
    export NEONRS_SSL_LIBDIR NEONRS_CONSUMERS_SELF_CHECK
fi
consumers=${*:-curl openssl python nginx neon socat stunnel postgres mosquitto}

pki=$(mktemp -d /tmp/neonrs-cons-pki-XXXXXX)
chmod 755 "$pki"
trap 'rm -rf "$pki"' EXIT
trap 'exit 1' INT TERM HUP PIPE
if ! env -u LD_LIBRARY_PATH "$top/c-tests/tls/make-certs.sh" "$pki" > "$out/pki.log" 2>&1; then
    sed 's/^/  /' "$out/pki.log"
    echo "FAIL: consumers: the test PKI could not be made"
    exit 1
fi
NEONRS_CONSUMERS_PKI=$pki
export NEONRS_CONSUMERS_PKI

status=0
for c in $consumers; do
    start=$(date +%s)
    # every consumer script bounds its own commands; this bounds the script
    timeout -k 5 900 "$here/$c.sh" || status=1
    echo "  ($c: $(($(date +%s) - start)) s)"
done
exit $status
