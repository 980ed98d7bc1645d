#!/bin/sh
# nginx (Debian's) as a TLS server on the system libssl and on ours (one
# nginx each), with curl and openssl s_client on the system library as
# clients: serving a page over TLS 1.2 and 1.3, and resumption with a
# shared session cache (ssl_session_cache shared) with session tickets on
# and off: by TLS 1.2 session id, by TLS 1.2 ticket, by TLS 1.3 ticket and
# TLS 1.3 with tickets off (OpenSSL then issues tickets that name cached
# sessions) — counted by nginx's $ssl_session_reused.
#
#   c-tests/consumers/nginx.sh     (result lines as in lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
cons_init nginx

for lib in system ours; do
    if cons_nginx "$lib" "$tmp/nginx-$lib" \
        "TICKETS|server-chain.pem|server.key|TLSv1.2 TLSv1.3|on|http2" \
        "NOTICKETS|server-chain.pem|server.key|TLSv1.2 TLSv1.3|off|" 2> "$res/start-$lib.err"; then
        eval "port_${lib}_TICKETS=\$nginx_port_TICKETS port_${lib}_NOTICKETS=\$nginx_port_NOTICKETS"
        eval "log_$lib=\$nginx_log pid_$lib=\$nginx_pid"
        if [ "$lib" = ours ] && ! cons_maps_ours "$nginx_pid"; then
            fail "nginx: our libssl.so.3 is not mapped in nginx (pid $nginx_pid)"
            exit 1
        fi
    else
        [ "$lib" = ours ] || { detail < "$res/start-$lib.err"; fail "nginx: nginx on the system library did not start"; exit 1; }
        eval "port_ours_TICKETS= port_ours_NOTICKETS= log_ours=/dev/null pid_ours="
    fi
done

# The outcome when nginx on LIB did not start: its error, for every scenario.
not_started() {
    echo "nginx did not start: $(cons_firsterr "$res/start-$1.err")"
    head -5 "$res/start-$1.err"
}

n=0
# get LIB ENDPOINT CURL-ARGS...: one GET by the system curl.
get() {
    _lib=$1 _ep=$2
    shift 2
    eval "_port=\$port_${_lib}_$_ep _log=\$log_$_lib"
    [ -n "$_port" ] || { not_started "$_lib"; return; }
    n=$((n + 1))
    mark="m$n"
    cons_run system 20 curl -sS --cacert "$pki/ca.pem" "$@" "https://localhost:$_port/hello.txt?$mark" \
        > "$work/body" 2> "$work/err"
    _rc=$?
    [ $_rc -eq 0 ] && cons_wait_count "$_log" "$mark" 1
    if [ $_rc -eq 0 ]; then
        grep "$mark" "$_log" | awk '{print $NF, $2}'
    else
        echo "curl: $(cons_status $_rc)"
    fi
    sed -E 's/:[0-9]{4,5}/:PORT/g' "$work/err"
    echo "body: $(cat "$work/body")"
    grep "$mark" "$_log" | sed -E "s/^[0-9]+ //; s/$mark/MARK/"
}

# sclient LIB ENDPOINT NAME ARGS...: one s_client run of the system openssl
# with an HTTP request (marked NAME), read to the end.
sclient() {
    _lib=$1 _ep=$2 _nm=$3
    shift 3
    eval "_port=\$port_${_lib}_$_ep"
    printf 'GET /hello.txt?%s HTTP/1.0\r\n\r\n' "$mark-$_nm" |
        cons_run system 20 openssl s_client -connect "localhost:$_port" -CAfile "$pki/ca.pem" \
            -verify_return_error -ign_eof "$@" > "$work/$_nm.out" 2> "$work/$_nm.err"
    _rc=$?
    {
        grep -E '^(New|Reused), ' "$work/$_nm.out" | sed -E 's/, Cipher is .*//'
        grep -E '^Verify return code' "$work/$_nm.out"
        grep -E '^HTTP/' "$work/$_nm.out"
        sed -nE 's/^[0-9A-F]+:error:([0-9A-F]+):[^:]*:[^:]*:([^:]*):.*/error \1 \2/p' "$work/$_nm.err"
        echo "s_client: $(cons_status $_rc)"
    } > "$work/$_nm"
}

# resume LIB ENDPOINT ARGS...: -sess_out, then -sess_in; the summary is what
# nginx logged for the second connection and whether the session carried a
# ticket (so that a session id and a ticket are told apart).
resume() {
    _lib=$1 _ep=$2
    shift 2
    eval "_port=\$port_${_lib}_$_ep _log=\$log_$_lib"
    [ -n "$_port" ] || { not_started "$_lib"; return; }
    n=$((n + 1))
    mark="m$n"
    sclient "$_lib" "$_ep" first "$@" -sess_out "$work/sess.pem"
    sclient "$_lib" "$_ep" second "$@" -sess_in "$work/sess.pem"
    cons_wait_count "$_log" "$mark-" 2
    _r=$(grep "$mark-second" "$_log" | sed -n 's/.* reused=\(.\) .*/\1/p')
    _t=no
    env -u LD_LIBRARY_PATH timeout 10 openssl sess_id -in "$work/sess.pem" -noout -text 2> /dev/null |
        grep -q 'TLS session ticket:' && _t=yes
    case $_r in
        r) echo "reused, ticket $_t" ;;
        .) echo "not reused, ticket $_t" ;;
        *) echo "no request logged, ticket $_t" ;;
    esac
    echo "first:"
    cat "$work/first"
    echo "second:"
    cat "$work/second"
    grep "$mark-" "$_log" | sed -E "s/^[0-9]+ //; s/$mark/MARK/"
}

# curl_resume LIB ENDPOINT CURL-ARGS...: two transfers with --next.
curl_resume() {
    _lib=$1 _ep=$2
    shift 2
    eval "_port=\$port_${_lib}_$_ep _log=\$log_$_lib"
    [ -n "$_port" ] || { not_started "$_lib"; return; }
    n=$((n + 1))
    mark="m$n"
    _u="https://localhost:$_port/hello.txt?$mark"
    cons_run system 20 curl -sS --http1.1 --cacert "$pki/ca.pem" "$@" "$_u-1" \
        --next --http1.1 --cacert "$pki/ca.pem" "$@" "$_u-2" > "$work/body" 2> "$work/err"
    _rc=$?
    [ $_rc -eq 0 ] && cons_wait_count "$_log" "$mark-" 2
    if [ $_rc -ne 0 ]; then
        echo "curl: $(cons_status $_rc)"
    elif grep "$mark-2" "$_log" | grep -q ' reused=r '; then
        echo reused
    else
        echo "not reused"
    fi
    sed -E 's/:[0-9]{4,5}/:PORT/g' "$work/err"
    cat "$work/body"
    grep "$mark-" "$_log" | sed -E "s/^[0-9]+ //; s/$mark/MARK/"
}

scenario "page tls13" "200 TLSv1.3" get TICKETS --tlsv1.3
scenario "page tls12" "200 TLSv1.2" get TICKETS --tlsv1.2 --tls-max 1.2
scenario "page http2" "200 TLSv1.3" get TICKETS --http2
scenario "tls12 resume by session id" "reused, ticket no" resume NOTICKETS -tls1_2
scenario "tls12 resume by ticket" "reused, ticket yes" resume TICKETS -tls1_2
scenario "tls13 resume by ticket" "reused, ticket yes" resume TICKETS -tls1_3
scenario "tls13 resume tickets off" "reused, ticket yes" resume NOTICKETS -tls1_3
scenario "curl tls12 resume (cache)" "reused" curl_resume NOTICKETS --tlsv1.2 --tls-max 1.2
scenario "curl tls13 resume" "reused" curl_resume TICKETS --tlsv1.3
exit $status
