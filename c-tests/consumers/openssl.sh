#!/bin/sh
# openssl s_client and s_server (Debian's openssl command) on our libssl,
# ours on one side of the connection only: "client …" scenarios run s_client
# with the library under test against an s_server on the system library,
# "server …" scenarios run s_server with it and s_client on the system
# library. The outcome is s_client's normalised outcome lines: verification
# result and errors, New/Reused with protocol and cipher class, ALPN, the
# peer's subject and issuer, OpenSSL error codes with their reason (not the
# function, file or line), exit statuses.
#
#   c-tests/consumers/openssl.sh     (result lines as in lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
cons_init openssl

cons_loads_ours /usr/bin/openssl || { fail "openssl: LD_LIBRARY_PATH=$ourlib does not load our libssl.so.3"; exit 1; }
cat "$pki/ca.pem" "$pki/int.pem" > "$tmp/ca-int.pem"

GOOD="-cert $pki/server.pem -cert_chain $pki/int.pem -key $pki/server.key"

# start_server LIB ARGS...: s_server -www on an ephemeral port; sets $sport.
start_server() {
    _lib=$1
    shift
    cons_bg "$_lib" "$work/s_server.log" openssl s_server -accept 0 -www "$@"
    server_pid=$bg_pid
    sport=""
    _i=0
    while [ $_i -lt 100 ] && [ -z "$sport" ] && kill -0 "$server_pid" 2> /dev/null; do
        sport=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$work/s_server.log")
        [ -n "$sport" ] || sleep 0.05
        _i=$((_i + 1))
    done
    if [ -z "$sport" ]; then
        if kill -0 "$server_pid" 2> /dev/null; then
            echo "s_server: no ACCEPT line"
            cons_stop "$server_pid"
        else
            wait "$server_pid"
            echo "s_server: $(cons_status $?)"
        fi
        sed 's/^/s_server: /' "$work/s_server.log"
        return 1
    fi
    if [ "$_lib" = ours ] && ! cons_maps_ours "$server_pid"; then
        echo "s_server: our libssl.so.3 is not mapped"
        return 1
    fi
}

# OpenSSL's error lines, "<tid>:error:<code>:<lib>:<func>:<reason>:<file>:<line>:",
# reduced to code and reason; everything else s_client says kept if it is
# one of the outcome lines.
normalise() {
    sed -nE \
        -e 's/^[0-9A-F]+:error:([0-9A-F]+):[^:]*:[^:]*:([^:]*):.*/error \1 \2/p' \
        -e '/^(Verification|Verify return code|verify error|ALPN protocol|No ALPN|subject=|issuer=|drop connection|CONNECTED|Can.t use SSL_get_servername)/p' \
        -e '/^openssl|panicked|symbol lookup error|error while loading|Segmentation|Aborted/p' \
        -e 's/^(New|Reused), (TLSv1\.[0-3]|\(NONE\)), Cipher is (.*)$/\1 \2 \3/p' |
        sed -E 's/ (TLS_|ECDHE-(RSA|ECDSA)-)?AES(128|256|_128|_256)[-_]GCM[-_]SHA(256|384)$/ AES-GCM/;
                s/ (TLS_|ECDHE-(RSA|ECDSA)-)?CHACHA20[-_]POLY1305(_SHA256)?$/ CHACHA20/;
                s/^CONNECTED\(0*[0-9A-F]+\)/CONNECTED/'
}

# client LIB OUT ARGS...: one s_client run (an HTTP request, reading to the
# end); normalised stdout and stderr, then its exit status, into OUT.
client() {
    _lib=$1 _o=$2
    shift 2
    printf 'GET / HTTP/1.0\r\n\r\n' |
        cons_run "$_lib" 20 openssl s_client -connect "localhost:$sport" -ign_eof "$@" \
            > "$work/$_o.out" 2> "$work/$_o.err"
    _rc=$?
    cat "$work/$_o.err" >&2
    {
        normalise < "$work/$_o.err" | sed 's/^/stderr: /'
        normalise < "$work/$_o.out"
        echo "s_client: $(cons_status $_rc)"
    } > "$work/$_o"
}

# The summary: "New TLSv1.3 AES-GCM" etc. of the (last) handshake, or the
# verification error, or s_client's exit status with the first error's reason.
summary() {
    _v=$(grep -m1 -E '^stderr: verify error' "$1" | sed 's/^stderr: //')
    _h=$(grep -E '^(New|Reused) ' "$1" | tail -1)
    _s=$(tail -1 "$1" | sed 's/^s_client: //')
    if [ -n "$_v" ] && [ "$_s" != "exit 0" ]; then
        echo "$_v, $_s"
    elif [ -n "$_h" ] && [ "$_s" = "exit 0" ]; then
        echo "$_h"
    else
        _e=$(grep -m1 -E '^(stderr: )?(error |openssl)' "$1" | sed -E 's/^(stderr: )?(error [0-9A-F]+ )?//')
        echo "$_s${_e:+: $_e}"
    fi
}

# one LIB SIDE "SERVER ARGS" CLIENT ARGS...: SIDE (client or server) is the
# one that runs on LIB; the other runs on the system library.
one() {
    _lib=$1 _side=$2 _sargs=$3
    shift 3
    _slib=system _clib=system
    if [ "$_side" = server ]; then _slib=$_lib; else _clib=$_lib; fi
    # shellcheck disable=SC2086
    start_server "$_slib" $_sargs || return
    client "$_clib" c1 "$@"
    summary "$work/c1"
    cat "$work/c1"
    cons_stop "$server_pid"
}

# resume LIB SIDE "SERVER ARGS" CLIENT ARGS...: -sess_out, then -sess_in.
resume() {
    _lib=$1 _side=$2 _sargs=$3
    shift 3
    _slib=system _clib=system
    if [ "$_side" = server ]; then _slib=$_lib; else _clib=$_lib; fi
    # shellcheck disable=SC2086
    start_server "$_slib" $_sargs || return
    client "$_clib" c1 "$@" -sess_out "$work/sess.pem"
    client "$_clib" c2 "$@" -sess_in "$work/sess.pem"
    summary "$work/c2"
    echo "first:"
    cat "$work/c1"
    echo "second:"
    cat "$work/c2"
    cons_stop "$server_pid"
}

for side in client server; do
    # shellcheck disable=SC2086
    {
        scenario "$side tls13 verify ok" "New TLSv1.3 AES-GCM" one "$side" "$GOOD" \
            -CAfile "$pki/ca.pem" -verify_return_error
        scenario "$side tls12 verify ok" "New TLSv1.2 AES-GCM" one "$side" "$GOOD" \
            -tls1_2 -CAfile "$pki/ca.pem" -verify_return_error
        scenario "$side bad chain" "verify error:num=20:unable to get local issuer certificate, exit 1" \
            one "$side" "$GOOD" -CAfile "$pki/other-ca.pem" -verify_return_error
        scenario "$side no intermediate" "verify error:num=20:unable to get local issuer certificate, exit 1" \
            one "$side" "-cert $pki/server.pem -key $pki/server.key" -CAfile "$pki/ca.pem" -verify_return_error
        scenario "$side untrusted no verify_return_error" "New TLSv1.3 AES-GCM" one "$side" "$GOOD" \
            -CAfile "$pki/other-ca.pem"
        scenario "$side servername" "New TLSv1.3 AES-GCM" one "$side" \
            "$GOOD -servername wrong.example -cert2 $pki/wronghost.pem -key2 $pki/wronghost.key" \
            -servername wrong.example -CAfile "$tmp/ca-int.pem" -verify_return_error
        scenario "$side servername default" "New TLSv1.3 AES-GCM" one "$side" \
            "$GOOD -servername wrong.example -cert2 $pki/wronghost.pem -key2 $pki/wronghost.key" \
            -servername localhost -CAfile "$tmp/ca-int.pem" -verify_return_error
        scenario "$side alpn" "New TLSv1.3 AES-GCM" one "$side" "$GOOD -alpn http/1.1" \
            -alpn h2,http/1.1 -CAfile "$pki/ca.pem"
        scenario "$side alpn no overlap" "exit 1: tlsv1 alert no application protocol" one "$side" "$GOOD -alpn http/1.1" \
            -alpn h2 -CAfile "$pki/ca.pem"
        scenario "$side tls12 sess_out/sess_in" "Reused TLSv1.2 AES-GCM" resume "$side" "$GOOD" \
            -tls1_2 -CAfile "$pki/ca.pem"
        scenario "$side tls13 sess_out/sess_in" "Reused TLSv1.3 AES-GCM" resume "$side" "$GOOD" \
            -CAfile "$pki/ca.pem"
        scenario "$side tls12 reconnect" "Reused TLSv1.2 AES-GCM" one "$side" "$GOOD" \
            -tls1_2 -reconnect -CAfile "$pki/ca.pem"
    }
done
exit $status
