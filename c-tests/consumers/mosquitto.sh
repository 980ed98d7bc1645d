#!/bin/sh
# Mosquitto (Debian's broker and its mosquitto_pub/mosquitto_sub clients,
# through libmosquitto) on the system libssl and on ours, ours on one side at
# a time: one broker per library with three TLS listeners (the test chain;
# a chain for another host name; the test chain with require_certificate).
# "client …" scenarios run pub and sub on the library under test against the
# broker on the system library; "server …" the system clients against the
# broker on it. A retained message is published, then read back by a
# subscriber (-C 1), so that the order is fixed. TLS 1.3 and 1.2, an
# untrusted CA file and a wrong host (refused alike), mutual TLS.
#
#   c-tests/consumers/mosquitto.sh     (result lines as in lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
cons_init mosquitto

for b in /usr/sbin/mosquitto /usr/bin/mosquitto_pub /usr/bin/mosquitto_sub; do
    cons_loads_ours "$b" || { fail "mosquitto: LD_LIBRARY_PATH=$ourlib does not load our libssl.so.3 in $b"; exit 1; }
done

# broker LIB: sets mq_LIB_CA, mq_LIB_WRONG, mq_LIB_MTLS (ports; empty if it
# did not start: its log is in $res/broker-LIB.log).
broker() {
    _d=$tmp/mq-$1
    mkdir -p "$_d"
    _try=0
    while [ $_try -lt 5 ]; do
        _try=$((_try + 1))
        _p1=$(cons_port) _p2=$(cons_port) _p3=$(cons_port)
        cat > "$_d/mosquitto.conf" <<CONF
user root
persistence false
log_dest stderr
log_type error
log_type warning
log_type notice
per_listener_settings true
listener $_p1 127.0.0.1
allow_anonymous true
cafile $pki/ca.pem
certfile $pki/server-chain.pem
keyfile $pki/server.key
listener $_p2 127.0.0.1
allow_anonymous true
cafile $pki/ca.pem
certfile $pki/wronghost-chain.pem
keyfile $pki/wronghost.key
listener $_p3 127.0.0.1
allow_anonymous true
cafile $pki/ca.pem
certfile $pki/server-chain.pem
keyfile $pki/server.key
require_certificate true
CONF
        cons_bg "$1" "$_d/broker.log" mosquitto -c "$_d/mosquitto.conf"
        _pid=$bg_pid
        if cons_wait_port "$_p1" "$_pid" && cons_wait_port "$_p2" "$_pid" && cons_wait_port "$_p3" "$_pid"; then
            if [ "$1" = ours ] && ! cons_maps_ours "$_pid"; then
                echo "our libssl.so.3 is not mapped in mosquitto" >> "$_d/broker.log"
                break
            fi
            eval "mq_$1_CA=$_p1 mq_$1_WRONG=$_p2 mq_$1_MTLS=$_p3 mq_$1_log=$_d/broker.log"
            return 0
        fi
        cons_stop "$_pid"
        grep -q 'Address already in use' "$_d/broker.log" || break
    done
    cp "$_d/broker.log" "$res/broker-$1.log"
    eval "mq_$1_CA= mq_$1_WRONG= mq_$1_MTLS= mq_$1_log=/dev/null"
    return 1
}

broker system || { detail < "$res/broker-system.log"; fail "mosquitto: the broker on the system library did not start"; exit 1; }
broker ours

n=0
# one LIB SIDE LISTENER CLIENT-ARGS...: a retained publish, then a subscriber
# that reads it back; their output, errors and exit statuses.
one() {
    _lib=$1 _side=$2 _l=$3
    shift 3
    _clib=system _srv=system
    if [ "$_side" = server ]; then _srv=$_lib; else _clib=$_lib; fi
    eval "_port=\$mq_${_srv}_$_l"
    if [ -z "$_port" ]; then
        echo "broker did not start: $(cons_firsterr "$res/broker-$_srv.log")"
        return
    fi
    n=$((n + 1))
    _topic="neonrs/t$n"
    cons_run "$_clib" 20 mosquitto_pub -h localhost -p "$_port" -t "$_topic" -r -m "hello over tls $n" "$@" \
        > "$work/pub.out" 2> "$work/pub.err"
    _prc=$?
    cons_run "$_clib" 20 mosquitto_sub -h localhost -p "$_port" -t "$_topic" -C 1 -W 10 "$@" \
        > "$work/sub.out" 2> "$work/sub.err"
    _src=$?
    # A refused connection is reported in the connect call or in the
    # network loop, as timing has it (exit 1 or 8 and different words): only
    # whether the clients got through and the kind of error are compared;
    # their messages go to the log.
    cat "$work/pub.err" "$work/sub.err" >&2
    eval "_blog=\$mq_${_srv}_log"
    # what the broker said of these connections (for the log only)
    [ -f "$_blog" ] && tail -5 "$_blog" | sed 's/^[0-9]*: /broker: /' >&2
    if [ $_prc -eq 0 ] && [ $_src -eq 0 ]; then
        echo "received: $(sed "s/ $n\$//" "$work/sub.out")"
    else
        _kind=$(cat "$work/pub.err" "$work/sub.err" | sed -nE \
            -e 's/.*TLS error.*/TLS error/p' \
            -e 's/.*(Protocol error|connection was lost).*/connection dropped/p' | sort -u | tr '\n' ' ' | sed 's/ $//')
        echo "refused: ${_kind:-no error message}"
        case $(cons_status $_prc),$(cons_status $_src) in
            "exit 0,"*|*",exit 0") echo "pub: $(cons_status $_prc), sub: $(cons_status $_src)" ;;
            *) echo "pub and sub failed" ;;
        esac
    fi
}

ca="--cafile $pki/ca.pem"
cli="--cert $pki/client.pem --key $pki/client.key"
for side in client server; do
    # shellcheck disable=SC2086
    {
        scenario "$side tls13" "received: hello over tls" one "$side" CA $ca
        scenario "$side tls12" "received: hello over tls" one "$side" CA $ca --tls-version tlsv1.2
        scenario "$side untrusted" "refused: TLS error" \
            one "$side" CA --cafile "$pki/other-ca.pem"
        scenario "$side wrong host" "refused: TLS error" one "$side" WRONG $ca
        scenario "$side mutual tls" "received: hello over tls" one "$side" MTLS $ca $cli
        scenario "$side no client certificate" "refused: connection dropped" \
            one "$side" MTLS $ca
    }
done
exit $status
