#!/bin/sh
# stunnel4 (Debian's) on the system libssl and on ours, ours on one side at a
# time. Client mode: stunnel on the library under test accepts plain TCP
# from the system curl and connects with TLS to an nginx on the system
# library (verifyChain with CAfile, checkHost); an untrusted chain and a
# wrong host must be refused alike. Server mode: stunnel on the library
# under test terminates TLS for nginx's plain port, with the system curl
# and openssl s_client as clients (TLS 1.2, 1.3, session resumption with
# -sess_out/-sess_in). The outcome: what the clients got, what nginx logged,
# and stunnel's own lines on the certificate check and errors (times, pids,
# ports, OpenSSL function names, files and lines removed).
#
#   c-tests/consumers/stunnel.sh     (result lines as in lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
cons_init stunnel

cons_loads_ours /usr/bin/stunnel4 || { fail "stunnel: LD_LIBRARY_PATH=$ourlib does not load our libssl.so.3"; exit 1; }
cons_nginx system "$tmp/nginx" \
    "CA|server-chain.pem|server.key|TLSv1.2 TLSv1.3|on|" \
    "PLAIN|-|-|-|-|" ||
    { fail "stunnel: nginx did not start"; exit 1; }

normalise() {
    sed -nE 's/^[0-9.]+ [0-9:]+ LOG[0-9]\[[0-9a-z:]*\]: //p' "$1" |
        grep -E 'CERT:|Certificate|verif|SSL_|error|rejected|Rejected|peer|TLS|accepted: new session|reused' |
        grep -vE 'Configuration|Reading|session cache|Threading|FIPS|Compiled|Running|Initializ|Binding|Service .* accepted connection|bound to|s_connect|s_poll|connected remote server' |
        # which end closes first, and so the order of these, varies
        grep -vE 'SSL_shutdown successfully sent close_notify|TLS closed \(SSL_read\)|TLS fd: ' |
        sed -E 's/(\.\.\/)?[a-z]+\/[a-z_/]+\.c:[0-9]+: //g;
                s/:[0-9]{4,5}\b/:PORT/g; s/\([0-9]+\)//g; s/[0-9]+ byte\(s\)/N byte(s)/g;
                s/(error|alert)(:)?[A-Z0-9]*:[^:]*:[^:]*:/\1 /'
}

# start LIB NAME CONF-LINES: stunnel in the foreground with its log in
# $work/NAME.log; sets $sport (its accept port) and $spid.
start() {
    _slib=$1 _nm=$2 _conf=$3
    _try=0
    while [ $_try -lt 5 ]; do
        _try=$((_try + 1))
        sport=$(cons_port)
        cat > "$work/$_nm.conf" <<CONF
foreground = yes
pid =
output = $work/$_nm.log
debug = 6
[svc]
accept = 127.0.0.1:$sport
$_conf
CONF
        cons_bg "$_slib" "$work/$_nm.out" stunnel4 "$work/$_nm.conf"
        spid=$bg_pid
        cons_wait_port "$sport" "$spid" && break
        grep -q 'Address already in use' "$work/$_nm.log" "$work/$_nm.out" 2> /dev/null || break
    done
    if ! cons_listening "$sport"; then
        wait "$spid"
        _st=$(cons_status $?)
        cat "$work/$_nm.out" "$work/$_nm.log" 2> /dev/null | grep -iE 'error|fail|invalid' | head -5 |
            sed -E 's/^[0-9.]+ [0-9:]+ LOG[0-9]\[[0-9a-z:]*\]: //' > "$work/$_nm.err"
        echo "stunnel: $_st: $(head -1 "$work/$_nm.err")"
        cat "$work/$_nm.err"
        return 1
    fi
    if [ "$_slib" = ours ] && ! cons_maps_ours "$spid"; then
        echo "stunnel: our libssl.so.3 is not mapped"
        return 1
    fi
}

n=0
# client_mode LIB CONF-LINES: stunnel as the TLS client of nginx.
client_mode() {
    _lib=$1
    start "$_lib" st "client = yes
connect = 127.0.0.1:$nginx_port_CA
sni = localhost
$2" || return
    n=$((n + 1))
    mark="m$n$_lib"
    cons_run system 20 curl -sS "http://127.0.0.1:$sport/hello.txt?$mark" > "$work/body" 2> "$work/err"
    _rc=$?
    [ $_rc -eq 0 ] && cons_wait_count "$nginx_log" "$mark" 1
    cons_wait_count "$work/st.log" 'Connection \(closed\|reset\)' 1
    cons_stop "$spid"
    # stunnel drops the plain connection of a refused tunnel: curl sees an
    # empty reply or a reset, as timing has it
    if [ $_rc -eq 0 ]; then
        echo "$(cat "$work/body") over $(grep "$mark" "$nginx_log" | cut -d' ' -f2)"
    elif [ $_rc -eq 52 ] || [ $_rc -eq 56 ]; then
        echo "curl: no response"
    else
        echo "curl: $(cons_status $_rc)"
        sed -E 's/:[0-9]{4,5}/:PORT/g' "$work/err"
    fi
    grep "$mark" "$nginx_log" | sed -E "s/^[0-9]+ //; s/$mark/MARK/"
    normalise "$work/st.log" | sed 's/^/stunnel: /'
}

# server_mode LIB CURL-ARGS...: stunnel terminating TLS for nginx's plain port.
server_mode() {
    _lib=$1
    shift
    start "$_lib" st "connect = 127.0.0.1:$nginx_port_PLAIN
cert = $pki/server-chain.pem
key = $pki/server.key" || return
    n=$((n + 1))
    mark="m$n$_lib"
    cons_run system 20 curl -sS -w ' %{http_code}\n' "$@" "https://localhost:$sport/hello.txt?$mark" \
        > "$work/body" 2> "$work/err"
    _rc=$?
    # stunnel logs the end of the connection after the client is done
    cons_wait_count "$work/st.log" 'Connection \(closed\|reset\)' 1
    cons_stop "$spid"
    if [ $_rc -eq 0 ]; then
        tr -d '\n' < "$work/body"
        echo
    else
        echo "curl: $(cons_status $_rc)"
    fi
    sed -E 's/:[0-9]{4,5}/:PORT/g' "$work/err"
    normalise "$work/st.log" | sed 's/^/stunnel: /'
}

# server_resume LIB ARGS...: s_client -sess_out, then -sess_in, to stunnel.
server_resume() {
    _lib=$1
    shift
    start "$_lib" st "connect = 127.0.0.1:$nginx_port_PLAIN
cert = $pki/server-chain.pem
key = $pki/server.key" || return
    for _c in first second; do
        if [ $_c = first ]; then _s="-sess_out"; else _s="-sess_in"; fi
        printf 'GET /hello.txt HTTP/1.0\r\n\r\n' |
            cons_run system 20 openssl s_client -connect "localhost:$sport" -CAfile "$pki/ca.pem" \
                -verify_return_error -ign_eof "$@" $_s "$work/sess.pem" > "$work/$_c.out" 2> "$work/$_c.err"
        echo "$_c: $(cons_status $?) $(grep -E '^(New|Reused), ' "$work/$_c.out" | sed 's/, Cipher is .*//')" \
            > "$work/$_c"
    done
    cons_stop "$spid"
    if grep -q 'Reused' "$work/second"; then echo reused; else echo "not reused"; fi
    cat "$work/first" "$work/second"
}

ca="CAfile = $pki/ca.pem
verifyChain = yes"
scenario "client verified" "hello from nginx over TLSv1.3" client_mode "$ca
checkHost = localhost"
scenario "client tls12" "hello from nginx over TLSv1.2" client_mode "$ca
checkHost = localhost
sslVersionMax = TLSv1.2"
scenario "client untrusted chain" "curl: no response" client_mode "CAfile = $pki/other-ca.pem
verifyChain = yes"
scenario "client wrong host" "curl: no response" client_mode "$ca
checkHost = wrong.test"
scenario "server tls13" "hello from nginx 200" server_mode --cacert "$pki/ca.pem" --tlsv1.3
scenario "server tls12" "hello from nginx 200" server_mode --cacert "$pki/ca.pem" --tlsv1.2 --tls-max 1.2
scenario "server client rejects chain" "curl: exit 60" server_mode --cacert "$pki/other-ca.pem"
scenario "server tls12 resume" "reused" server_resume -tls1_2
scenario "server tls13 resume" "reused" server_resume -tls1_3
exit $status
