#!/bin/sh
# socat (Debian's) with OPENSSL: (client) and OPENSSL-LISTEN: (server)
# addresses, ours on one side at a time: "client …" scenarios run the
# OPENSSL: client on the library under test against an OPENSSL-LISTEN echo
# server (PIPE) on the system library, "server …" the other way round.
# TLS 1.3 and 1.2, a certificate verified with cafile (and one that is not
# trusted, one for another host name: both refused alike), and mutual TLS.
# The outcome: the echoed data, exit statuses, and socat's notices on the
# certificate check, protocol and cipher class, and its error lines
# (timestamps, pids, ports and OpenSSL's function names removed).
#
#   c-tests/consumers/socat.sh     (result lines as in lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
cons_init socat

cons_loads_ours /usr/bin/socat || { fail "socat: LD_LIBRARY_PATH=$ourlib does not load our libssl.so.3"; exit 1; }

# socat's log lines that tell the outcome, normalised.
normalise() {
    sed -nE 's/^[0-9/]+ [0-9:]+ socat\[[0-9]+\] //p' "$1" |
        grep -E '^[EWF] |^N (trusting certificate|no peer certificate|SSL proto version|SSL connection using|exiting)' |
        # a refused peer may be gone before the close_notify: timing
        grep -v 'W xioshutdown_openssl(): SSL_shutdown() -> -1' |
        sed -E 's/:[0-9]{4,5}/:PORT/g; s/0x[0-9a-f]+/PTR/g;
                s/error:([0-9A-F]+):[^:]*:[^:]*:([^:]*)(:.*)?/error \1 \2/;
                s/(using )(TLS_)?[A-Z0-9_-]*AES_?(128|256)[-_]GCM[-_]SHA(256|384)$/\1AES-GCM/;
                s/(using )[A-Z0-9_-]*CHACHA20[A-Z0-9_-]*$/\1CHACHA20/'
}

# one LIB SIDE "SERVER OPTIONS" "CLIENT OPTIONS": an OPENSSL-LISTEN server
# for one connection, echoing; the client sends a line and reads the echo.
one() {
    _lib=$1 _side=$2 _sopts=$3 _copts=$4
    _slib=system _clib=system
    if [ "$_side" = server ]; then _slib=$_lib; else _clib=$_lib; fi
    _try=0
    while [ $_try -lt 5 ]; do
        _try=$((_try + 1))
        _port=$(cons_port)
        cons_bg "$_slib" "$work/server.log" socat -d -d \
            "OPENSSL-LISTEN:$_port,bind=127.0.0.1,reuseaddr,$_sopts" PIPE
        _spid=$bg_pid
        cons_wait_port "$_port" "$_spid" && break
        grep -q 'Address already in use' "$work/server.log" || break
    done
    if ! cons_listening "$_port"; then
        wait "$_spid"
        echo "server: $(cons_status $?): $(normalise "$work/server.log" | grep -m1 '^E ')"
        normalise "$work/server.log" | sed 's/^/server: /'
        return
    fi
    [ "$_slib" = ours ] && ! cons_maps_ours "$_spid" && { echo "server: our libssl.so.3 is not mapped"; return; }
    printf 'ping over tls\n' |
        cons_run "$_clib" 20 socat -d -d -t 2 - "OPENSSL:localhost:$_port,$_copts" > "$work/out" 2> "$work/client.log"
    _rc=$?
    # the server serves one connection, then exits (after it has logged
    # how the connection ended)
    _i=0
    while [ $_i -lt 30 ] && grep -q 'accepting connection' "$work/server.log" &&
        kill -0 "$_spid" 2> /dev/null; do sleep 0.1; _i=$((_i + 1)); done
    cons_stop "$_spid"
    if [ $_rc -eq 0 ]; then
        echo "echo: $(cat "$work/out")"
    else
        echo "client: $(cons_status $_rc): $(normalise "$work/client.log" | grep -m1 '^E ')"
    fi
    echo "client: $(cons_status $_rc)"
    normalise "$work/client.log" | sed 's/^/client: /'
    normalise "$work/server.log" | sed 's/^/server: /'
}

cert="cert=$pki/server-chain.pem,key=$pki/server.key"
for side in client server; do
    scenario "$side tls13" "echo: ping over tls" one "$side" "$cert,verify=0" "cafile=$pki/ca.pem"
    scenario "$side tls12" "echo: ping over tls" one "$side" "$cert,verify=0" \
        "cafile=$pki/ca.pem,openssl-max-proto-version=TLS1.2"
    scenario "$side untrusted" "client: exit 1: E SSL_connect(): error 0A000086 certificate verify failed" \
        one "$side" "$cert,verify=0" "cafile=$pki/other-ca.pem"
    scenario "$side wrong host" "client: exit 1: E certificate is valid but its commonName does not match hostname \"localhost\"" \
        one "$side" "cert=$pki/wronghost-chain.pem,key=$pki/wronghost.key,verify=0" "cafile=$pki/ca.pem"
    scenario "$side mutual tls" "echo: ping over tls" one "$side" "$cert,verify=1,cafile=$pki/ca.pem" \
        "cafile=$pki/ca.pem,cert=$pki/client.pem,key=$pki/client.key"
done
exit $status
