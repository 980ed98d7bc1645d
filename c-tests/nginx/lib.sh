# Shared by the nginx starters (c-tests/nginx/start.sh, start-tls.sh,
# bench/nginx.sh); sourced, POSIX sh.
#
#   nginx_main DIR     the main-context lines: user (as root), one worker,
#                      daemon, pid file and error log in DIR
#   nginx_paths DIR    the http-context lines every config needs: temp
#                      paths in DIR/tmp and the default type
#   nginx_start DIR WRITE_CONF
#                      up to 20 tries: sets $base to a random port in
#                      20000..59999, calls the function WRITE_CONF (which
#                      writes DIR/nginx.conf with ports from $base on),
#                      starts nginx and waits for its pid file. Returns 0
#                      once it runs; 1 (with the error on stderr) if it
#                      fails otherwise than on a port in use, or no try
#                      found free ports.

nginx_main() {
    [ "$(id -u)" -eq 0 ] && echo "user root;"
    cat <<CONF
worker_processes 1;
daemon on;
pid $1/nginx.pid;
error_log $1/error.log warn;
CONF
}

nginx_paths() {
    cat <<CONF
    client_body_temp_path $1/tmp/body;
    proxy_temp_path $1/tmp/proxy;
    fastcgi_temp_path $1/tmp/fastcgi;
    uwsgi_temp_path $1/tmp/uwsgi;
    scgi_temp_path $1/tmp/scgi;
    default_type application/octet-stream;
CONF
}

nginx_start() {
    _dir=$1 _write=$2 _try=0
    mkdir -p "$_dir/tmp"
    chmod 777 "$_dir/tmp"
    while [ $_try -lt 20 ]; do
        _try=$((_try + 1))
        # shellcheck disable=SC2034  # read by WRITE_CONF
        base=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
        "$_write"
        rm -f "$_dir/nginx.pid"
        if nginx -c "$_dir/nginx.conf" -p "$_dir" -e "$_dir/error.log" 2> "$_dir/start.err"; then
            _i=0
            while [ $_i -lt 50 ] && [ ! -s "$_dir/nginx.pid" ]; do sleep 0.1; _i=$((_i + 1)); done
            [ -s "$_dir/nginx.pid" ] || { echo "nginx: no pid file" >&2; return 1; }
            return 0
        fi
        grep -q "Address already in use" "$_dir/start.err" "$_dir/error.log" 2>/dev/null ||
            { cat "$_dir/start.err" >&2; return 1; }
    done
    echo "nginx: no free ports found" >&2
    return 1
}
