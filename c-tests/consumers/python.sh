#!/bin/sh
# Debian's python3 (/usr/bin/python3, whose _ssl module links libssl.so.3)
# on the system libssl and on ours. As a client (py_client.py) of an nginx on
# the system library: urllib.request.urlopen and http.client with a CA file
# and check_hostname on (the right host passes; a wrong host, an IP the
# certificate does not name and an untrusted chain fail with the same
# exception, verify code and message), ALPN, SSLSocket.session reuse over
# TLS 1.2 and 1.3 (session_reused, and nginx's $ssl_session_reused), asyncio
# streams and a hand-driven SSLObject over MemoryBIOs. As a server
# (py_server.py, a server-side ssl.SSLContext) with the system curl as its
# client: TLS 1.2 and 1.3, resumption, a client that rejects the chain.
#
#   c-tests/consumers/python.sh     (result lines as in lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
cons_init python

py=/usr/bin/python3
ssl_so=$($py -I -c 'import _ssl; print(_ssl.__file__)')
cons_loads_ours "$ssl_so" || { fail "python: LD_LIBRARY_PATH=$ourlib does not load our libssl.so.3 in $ssl_so"; exit 1; }
here=$top/c-tests/consumers
cons_nginx system "$tmp/nginx" \
    "CA|server-chain.pem|server.key|TLSv1.2 TLSv1.3|on|http2" \
    "WRONG|wronghost-chain.pem|wronghost.key|TLSv1.2 TLSv1.3|on|" \
    "DNS|dnsonly-chain.pem|dnsonly.key|TLSv1.2 TLSv1.3|on|" ||
    { fail "python: nginx did not start"; exit 1; }

n=0
# client LIB MODE HOST PORT CAFILE: py_client.py on LIB; its outcome lines,
# its exit status, and what nginx logged for the marked requests.
client() {
    _lib=$1 _mode=$2 _host=$3 _port=$4 _ca=$5
    n=$((n + 1))
    mark="m$n$_lib"
    cons_run "$_lib" 30 $py -I "$here/py_client.py" "$_mode" "$_host" "$_port" "$_ca" "$mark" \
        > "$work/out" 2> "$work/err"
    rc=$?
    cat "$work/err" >&2
    if [ -s "$work/out" ]; then
        cat "$work/out"
    else
        echo "$(cons_status $rc): $(cons_firsterr "$work/err")"
    fi
    echo "python: $(cons_status $rc)"
    case $_mode in resume*) cons_wait_count "$nginx_log" "$mark" 2 ;; esac
    grep "$mark" "$nginx_log" | sed -E "s/^[0-9]+ //; s/$mark/MARK/"
}

ca=$pki/ca.pem
scenario "urlopen right host" "200 hello from nginx" client urlopen localhost "$nginx_port_CA" "$ca"
scenario "http.client right host" "200 TLSv1.3 AES-GCM" client httpclient localhost "$nginx_port_CA" "$ca"
scenario "http.client ip address" "200 TLSv1.3 AES-GCM" client httpclient 127.0.0.1 "$nginx_port_CA" "$ca"
scenario "urlopen wrong host" "raised URLError" client urlopen localhost "$nginx_port_WRONG" "$ca"
scenario "http.client wrong host" "raised SSLCertVerificationError" client httpclient localhost "$nginx_port_WRONG" "$ca"
scenario "http.client ip not named" "raised SSLCertVerificationError" client httpclient 127.0.0.1 "$nginx_port_DNS" "$ca"
scenario "urlopen untrusted chain" "raised URLError" client urlopen localhost "$nginx_port_CA" "$pki/other-ca.pem"
scenario "alpn" "alpn h2" client alpn localhost "$nginx_port_CA" "$ca"
scenario "session reuse tls12" "reused" client resume12 localhost "$nginx_port_CA" "$ca"
scenario "session reuse tls13" "reused" client resume13 localhost "$nginx_port_CA" "$ca"
scenario "asyncio streams" "200 TLSv1.3" client asyncio localhost "$nginx_port_CA" "$ca"
scenario "memorybio sslobject" "200 TLSv1.3 AES-GCM" client memorybio localhost "$nginx_port_CA" "$ca"

# server LIB CURL-ARGS...: py_server.py on LIB, two transfers of the system
# curl (--next: the second resumes the first's session); curl's result and
# the server's log.
server() {
    _lib=$1
    shift
    cons_bg "$_lib" "$work/server.log" $py -I "$here/py_server.py" "$pki/server-chain.pem" "$pki/server.key"
    _pid=$bg_pid
    _port=""
    _i=0
    while [ $_i -lt 100 ] && [ -z "$_port" ] && kill -0 "$_pid" 2> /dev/null; do
        _port=$(sed -n 's/^PORT //p' "$work/server.log" 2> /dev/null)
        [ -n "$_port" ] || sleep 0.05
        _i=$((_i + 1))
    done
    if [ -z "$_port" ]; then
        wait "$_pid"
        echo "server: $(cons_status $?): $(cons_firsterr "$work/server.log")"
        cat "$work/server.log"
        return
    fi
    if [ "$_lib" = ours ] && ! cons_maps_ours "$_pid"; then
        echo "server: our libssl.so.3 is not mapped"
        cons_stop "$_pid"
        return
    fi
    _u="https://localhost:$_port/hello.txt"
    cons_run system 20 curl -sS --http1.1 "$@" "$_u?1" --next --http1.1 "$@" "$_u?2" \
        > "$work/curl.out" 2> "$work/curl.err"
    _rc=$?
    # the server logs each request after answering it
    [ $_rc -ne 0 ] || cons_wait_count "$work/server.log" '^/hello' 2
    grep -v '^PORT' "$work/server.log" > "$work/log"
    cons_stop "$_pid"
    if [ $_rc -ne 0 ]; then
        echo "curl: $(cons_status $_rc)"
    else
        grep -q '^/hello.txt?2 .* reused=True' "$work/log" && echo reused || echo "not reused"
    fi
    sed -E 's/:[0-9]{4,5}/:PORT/g' "$work/curl.err"
    cat "$work/curl.out"
    cat "$work/log"
}

scenario "server tls13 resume" "reused" server --cacert "$ca" --tlsv1.3
scenario "server tls12 resume" "reused" server --cacert "$ca" --tlsv1.2 --tls-max 1.2
scenario "server client rejects chain" "curl: exit 60" server --cacert "$pki/other-ca.pem"
exit $status
