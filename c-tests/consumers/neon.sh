#!/bin/sh
# Debian's stock libneon27 (its OpenSSL build) on the system libssl and on
# ours: neon_client.c, built against Debian's neon headers and linked with
# the system libneon.so.27, against an nginx on the system library:
# ne_ssl_trust_cert with the test CA and ne_ssl_set_verify, a GET of a
# trusted chain, of an untrusted one (rejected by the callback) and of a
# host name mismatch (accepted by the callback: the failures it was given
# must be the same), and TLS 1.2 resumption across ne_close_connection
# (nginx's $ssl_session_reused).
#
#   c-tests/consumers/neon.sh     (result lines as in lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
cons_init neon

bin=$top/build/c-tests/consumers/bin/neon_client
mkdir -p "$(dirname "$bin")"
# Debian's libneon, not one installed elsewhere (make install puts ours in
# /usr/local/lib)
multiarch=$(${CC:-cc} -print-multiarch)
if ! ${CC:-cc} -std=gnu11 -O1 -g -Wall -Wextra -Werror -I/usr/include/neon "$top/c-tests/consumers/neon_client.c" \
        -L"/usr/lib/$multiarch" -l:libneon.so.27 -o "$bin" 2> "$res/build.log"; then
    detail < "$res/build.log"
    fail "neon: neon_client does not build against Debian's neon headers"
    exit 1
fi
cons_loads_ours "$bin" || { fail "neon: LD_LIBRARY_PATH=$ourlib does not load our libssl.so.3"; exit 1; }
# the libneon it uses must stay the system's
LD_LIBRARY_PATH=$ourlib ldd "$bin" | grep -qE "libneon.so.27 => (/usr)?/lib/$multiarch/libneon.so.27 " ||
    { fail "neon: neon_client does not load the system libneon.so.27"; exit 1; }

cons_nginx system "$tmp/nginx" \
    "CA|server-chain.pem|server.key|TLSv1.2 TLSv1.3|on|" \
    "CA12|server-chain.pem|server.key|TLSv1.2|on|" \
    "WRONG|wronghost-chain.pem|wronghost.key|TLSv1.2 TLSv1.3|on|" ||
    { fail "neon: nginx did not start"; exit 1; }

n=0
# client LIB ENDPOINT CAFILE MODE: the summary is the last request's result
# (for "resume": whether nginx logged the second one as resumed).
client() {
    _lib=$1 _ep=$2 _ca=$3 _mode=$4
    eval "_port=\$nginx_port_$_ep"
    n=$((n + 1))
    mark="m$n$_lib"
    cons_run "$_lib" 30 "$bin" localhost "$_port" "$_ca" "$_mode" "$mark" > "$work/out" 2> "$work/err"
    _rc=$?
    cat "$work/err" >&2
    sed -i -E 's/:[0-9]{4,5}/:PORT/g' "$work/out"
    if [ "$_mode" = resume ] && [ $_rc -eq 0 ]; then
        cons_wait_count "$nginx_log" "$mark-" 2
        if grep "$mark-2" "$nginx_log" | grep -q ' reused=r '; then echo reused; else echo "not reused"; fi
    elif [ $_rc -le 1 ]; then
        tail -1 "$work/out"
    else
        echo "neon_client: $(cons_status $_rc): $(cons_firsterr "$work/err")"
    fi
    cat "$work/out"
    echo "neon_client: $(cons_status $_rc)"
    grep "$mark-" "$nginx_log" | sed -E "s/^[0-9]+ //; s/$mark/MARK/"
}

scenario "trusted GET" "GET: 200 OK, body: hello from nginx" client CA "$pki/ca.pem" reject
scenario "trusted GET tls12" "GET: 200 OK, body: hello from nginx" client CA12 "$pki/ca.pem" reject
scenario "untrusted rejected" "GET: error 1: Server certificate verification failed: issuer is not trusted" \
    client CA "$pki/other-ca.pem" reject
scenario "wrong host accepted by callback" "GET: 200 OK, body: hello from nginx" client WRONG "$pki/ca.pem" accept
scenario "wrong host rejected" "GET: error 1: Server certificate verification failed: certificate issued for a different hostname" \
    client WRONG "$pki/ca.pem" reject
scenario "tls12 resume across ne_close_connection" "reused" client CA12 "$pki/ca.pem" resume
exit $status
