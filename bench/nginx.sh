#!/bin/sh
# Starts the nginx of `make bench` on 127.0.0.1 with its own config in DIR
# (three consecutive ephemeral ports), after generating the test PKI with
# c-tests/tls/make-certs.sh into DIR/certs. The server stops when the pid in
# DIR/nginx.pid is killed (bench/run.sh does that on exit). Modelled on
# c-tests/nginx/start-tls.sh.
#
#   bench/nginx.sh DIR
#
# One nginx, worker_processes 1, with three servers sharing DIR/www:
#   BENCH_PLAIN   plain HTTP
#   BENCH_TLS12   HTTPS, TLSv1.2 only
#   BENCH_TLS13   HTTPS, TLSv1.2 and TLSv1.3 (clients that can negotiate 1.3 do)
# The HTTPS servers use server-chain.pem/server.key (CN=localhost, RSA 2048,
# leaf + intermediate; trust BENCH_CA = DIR/certs/ca.pem). A shared session
# cache and session tickets are on; keep-alive connections last (100000000
# requests, 300 s idle).
# DIR/www holds empty.txt (0 bytes) and 100m.bin (104857600 zero bytes).
#
# The access log BENCH_LOG (DIR/access.log) has one line per request:
#   <server_port> <ssl_protocol> reused=<r|.> "<request line>" <status> <body bytes>
# e.g. 40012 TLSv1.3 reused=r "GET /empty.txt?tag-1 HTTP/1.1" 200 0
# ("r": resumed handshake; on the plain port the TLS fields are "-"). Lines
# are written when a request completes, possibly just after the client has
# the response: count marked requests and wait for the count.
#
# With BENCH_NGINX_CPU=N in the environment the worker is pinned to CPU N
# (worker_cpu_affinity).
#
# On success it writes DIR/env (`export NAME=VALUE` lines: BENCH_DIR,
# BENCH_LOG, BENCH_CA, BENCH_PLAIN, BENCH_TLS12, BENCH_TLS13), prints them
# and exits 0.
set -eu
dir=${1:?usage: bench/nginx.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir/www" "$dir/tmp"
dir=$(cd "$dir" && pwd)
chmod 755 "$dir" "$dir/www"
chmod 777 "$dir/tmp"
: > "$dir/www/empty.txt"
size=0
[ -f "$dir/www/100m.bin" ] && size=$(wc -c < "$dir/www/100m.bin")
[ "$size" -eq 104857600 ] || head -c 104857600 /dev/zero > "$dir/www/100m.bin"
chmod 644 "$dir/www/empty.txt" "$dir/www/100m.bin"

[ -s "$dir/certs/ca.pem" ] || "$here/../c-tests/tls/make-certs.sh" "$dir/certs" >&2
certs=$dir/certs
chmod 755 "$certs"

. "$here/../c-tests/nginx/lib.sh"

affinity_line=""
cpu=${BENCH_NGINX_CPU:-}
if [ -n "$cpu" ]; then
    mask=1
    i=0
    while [ $i -lt "$cpu" ]; do mask="${mask}0"; i=$((i + 1)); done
    affinity_line="worker_cpu_affinity $mask;"
fi

write_conf() {
    plain=$base tls12=$((base + 1)) tls13=$((base + 2))
    cat > "$dir/nginx.conf" <<CONF
$(nginx_main "$dir")
$affinity_line
events { worker_connections 1024; }
http {
    log_format neonrs_bench '\$server_port \$ssl_protocol reused=\$ssl_session_reused "\$request" \$status \$body_bytes_sent';
    access_log $dir/access.log neonrs_bench;
$(nginx_paths "$dir")
    sendfile on;
    keepalive_requests 100000000;
    keepalive_timeout 300s;
    ssl_certificate $certs/server-chain.pem;
    ssl_certificate_key $certs/server.key;
    ssl_session_cache shared:NEONRS_BENCH:10m;
    ssl_session_timeout 10m;
    ssl_session_tickets on;
    server { listen 127.0.0.1:$plain; root $dir/www; }
    server { listen 127.0.0.1:$tls12 ssl; root $dir/www; ssl_protocols TLSv1.2; }
    server { listen 127.0.0.1:$tls13 ssl; root $dir/www; ssl_protocols TLSv1.2 TLSv1.3; }
}
CONF
}

nginx_start "$dir" write_conf || exit 1
: > "$dir/access.log"
cat > "$dir/env" <<ENV
export BENCH_DIR=$dir
export BENCH_LOG=$dir/access.log
export BENCH_CA=$certs/ca.pem
export BENCH_PLAIN=$plain
export BENCH_TLS12=$tls12
export BENCH_TLS13=$tls13
ENV
cat "$dir/env"
