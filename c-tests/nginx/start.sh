#!/bin/sh
# Starts nginx on 127.0.0.1 with its own config in DIR and an ephemeral port;
# prints the port. The server stops when the pid in DIR/nginx.pid is killed.
#
#   c-tests/nginx/start.sh DIR
#
# DIR/www is the document root (a few fixed files are created), WebDAV PUT,
# DELETE, MKCOL, COPY and MOVE are enabled, and the access log records
# $ssl_session_reused for the TLS tests.
set -eu
dir=$1
mkdir -p "$dir/www" "$dir/tmp"
chmod 755 "$dir" "$dir/www"
chmod 777 "$dir/tmp" "$dir/www"
printf 'hello from nginx\n' > "$dir/www/hello.txt"
: > "$dir/www/empty.txt"
head -c 1048576 /dev/zero | tr '\0' 'x' > "$dir/www/1m.bin"
mkdir -p "$dir/www/dir"
printf 'nested\n' > "$dir/www/dir/file.txt"

user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user root;"

try=0
while [ $try -lt 20 ]; do
    try=$((try + 1))
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
    cat > "$dir/nginx.conf" <<CONF
$user_line
worker_processes 1;
daemon on;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 256; }
http {
    log_format neonrs '\$request \$status reused=\$ssl_session_reused';
    access_log $dir/access.log neonrs;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    keepalive_requests 10000;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$port;
        root $dir/www;
        location / {
            dav_methods PUT DELETE MKCOL COPY MOVE;
            create_full_put_path on;
        }
    }
}
CONF
    if nginx -c "$dir/nginx.conf" -p "$dir" -e "$dir/error.log" 2> "$dir/start.err"; then
        i=0
        while [ $i -lt 50 ] && [ ! -s "$dir/nginx.pid" ]; do sleep 0.1; i=$((i + 1)); done
        echo "$port"
        exit 0
    fi
    grep -q "Address already in use" "$dir/start.err" "$dir/error.log" 2>/dev/null || { cat "$dir/start.err" >&2; exit 1; }
done
echo "nginx: no free port found" >&2
exit 1
