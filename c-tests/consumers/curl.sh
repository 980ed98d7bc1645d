#!/bin/sh
# curl (Debian's, through libcurl) with the system libssl and with ours, as
# the client of an nginx on the system libssl: a CA-signed chain and a
# self-signed certificate, TLS 1.2 and 1.3, a host name the certificate does
# not name and an untrusted chain (both must fail alike), two transfers with
# --next resuming the first one's session (nginx logs $ssl_session_reused),
# and ALPN.
#
#   c-tests/consumers/curl.sh     (result lines as in lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
cons_init curl

cons_loads_ours /usr/bin/curl || { fail "curl: LD_LIBRARY_PATH=$ourlib does not load our libssl.so.3"; exit 1; }
cons_nginx system "$tmp/nginx" \
    "CA|server-chain.pem|server.key|TLSv1.2 TLSv1.3|on|http2" \
    "SELF|selfsigned-chain.pem|selfsigned.key|TLSv1.2 TLSv1.3|on|" ||
    { fail "curl: nginx did not start"; exit 1; }

n=0
next_mark() { n=$((n + 1)); mark="m$n$1"; }
# curl_get LIB ARGS...: one curl run; the summary is the HTTP status and the
# protocol nginx logged, or curl's exit status; then curl's error line
# (ports removed), the body and what nginx logged for the request(s), which
# are marked with a unique query string.
curl_get() {
    _lib=$1
    shift
    cons_run "$_lib" 20 curl -sS -o "$work/body" -w '%{http_code} %{http_version}\n' "$@" \
        > "$work/out" 2> "$work/err"
    rc=$?
    cat "$work/err" >&2
    if [ $rc -eq 0 ]; then
        cons_wait_count "$nginx_log" "$mark" 1
        echo "$(cut -d' ' -f1 "$work/out") $(grep "$mark" "$nginx_log" | head -1 | cut -d' ' -f2)"
    else
        echo "$(cons_status $rc): $(sed -n 's/^curl: ([0-9]*) //p' "$work/err" | head -1)"
    fi
    sed -E 's/:[0-9]{4,5}/:PORT/g' "$work/err"
    echo "response: $(cat "$work/out" 2> /dev/null)"
    [ -f "$work/body" ] && echo "body: $(cat "$work/body")"
    grep "$mark" "$nginx_log" | sed -E "s/^[0-9]+ //; s/$mark/MARK/"
}

url() { echo "https://localhost:$1/hello.txt?$mark-$2"; }

get() {
    _lib=$1 _port=$2
    shift 2
    next_mark "$_lib"
    curl_get "$_lib" "$@" "$(url "$_port" 1)"
}

# the certificate names localhost; curl is sent to wrong.test (resolved to
# the same address)
wronghost() {
    next_mark "$1"
    curl_get "$1" --cacert "$pki/ca.pem" --resolve "wrong.test:$nginx_port_CA:127.0.0.1" \
        "https://wrong.test:$nginx_port_CA/hello.txt?$mark"
}

# two transfers in one curl run: the second must resume the first's session
# (HTTP/1.1: curl leaves an HTTP/2 connection without close_notify, and
# OpenSSL then drops the session)
resume() {
    _lib=$1
    shift
    next_mark "$_lib"
    curl_get "$_lib" --cacert "$pki/ca.pem" "$@" "$(url "$nginx_port_CA" 1)" \
        --next -o "$work/body2" --cacert "$pki/ca.pem" "$@" "$(url "$nginx_port_CA" 2)" > "$work/resume"
    rc_line=$(head -1 "$work/resume")
    cons_wait_count "$nginx_log" "$mark" 2
    reused=$(grep "$mark-2" "$nginx_log" | sed -n 's/.* reused=\(.\) .*/\1/p')
    case $rc_line in
        2*) if [ "$reused" = r ]; then echo reused; else echo "not reused"; fi ;;
        *) echo "$rc_line" ;;
    esac
    cat "$work/resume"
}

ca="--cacert $pki/ca.pem"
scenario "ca tls12" "200 TLSv1.2" get "$nginx_port_CA" $ca --tlsv1.2 --tls-max 1.2
scenario "ca tls13" "200 TLSv1.3" get "$nginx_port_CA" $ca --tlsv1.3
scenario "selfsigned tls13" "200 TLSv1.3" get "$nginx_port_SELF" --cacert "$pki/selfsigned.pem"
scenario "selfsigned tls12" "200 TLSv1.2" get "$nginx_port_SELF" --cacert "$pki/selfsigned.pem" --tls-max 1.2
scenario "wrong host" "exit 60: SSL: no alternative certificate subject name matches target host name 'wrong.test'" \
    wronghost
scenario "untrusted chain" "exit 60: SSL certificate problem: unable to get local issuer certificate" get "$nginx_port_CA" --cacert "$pki/other-ca.pem"
scenario "self-signed untrusted" "exit 60: SSL certificate problem: self-signed certificate" get "$nginx_port_SELF" $ca
scenario "tls12 resume" "reused" resume --http1.1 --tlsv1.2 --tls-max 1.2
scenario "tls13 resume" "reused" resume --http1.1 --tlsv1.3
scenario "alpn http/1.1" "200 TLSv1.3" get "$nginx_port_CA" $ca --http1.1
scenario "alpn h2" "200 TLSv1.3" get "$nginx_port_CA" $ca --http2
exit $status
