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

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

write_conf() {
    cat > "$dir/nginx.conf" <<CONF
$(nginx_main "$dir")
events { worker_connections 256; }
http {
    log_format neonrs '\$request \$status reused=\$ssl_session_reused';
    access_log $dir/access.log neonrs;
$(nginx_paths "$dir")
    keepalive_requests 10000;
    server {
        listen 127.0.0.1:$base;
        root $dir/www;
        location / {
            dav_methods PUT DELETE MKCOL COPY MOVE;
            create_full_put_path on;
        }
    }
}
CONF
}

nginx_start "$dir" write_conf || exit 1
echo "$base"
