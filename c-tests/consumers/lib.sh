# Shared by the real-consumer checks of the libssl face (c-tests/consumers/*.sh);
# sourced, POSIX sh. Each check runs Debian's programs, unmodified, once with
# the system libssl.so.3 ("system") and once with ours substituted through
# LD_LIBRARY_PATH ("ours"), ours on one side of a connection only; the peer
# always runs on the system library. Every scenario reduces what the
# programs did to a few normalised outcome lines whose first line is a
# short summary; the two outcomes must be equal, and the system's summary
# must be the one the scenario expects (otherwise the harness is wrong).
#
# NEONRS_SSL_LIBDIR (default build/ssl) names the directory of the libssl.so.3
# tested as ours; a directory holding a copy of the system libssl.so.3 checks
# the harness itself (then everything must pass). NEONRS_CONSUMERS_PKI names
# a PKI made by c-tests/tls/make-certs.sh to share (c-tests/consumers/run.sh
# makes one); without it each check makes its own.
#
#   cons_init NAME      sets $top, $ourlib, $res (build/c-tests/consumers/NAME),
#                       $tmp (removed on exit, with every server started by
#                       cons_bg stopped first), $pki
#   cons_env LIB        the env(1) arguments selecting LIB's libssl
#   cons_run LIB SECS CMD...   CMD with LIB's libssl under a time limit
#   cons_bg LIB LOG CMD...     starts a server with LIB's libssl in the
#                       background (killed after 600 s at the latest),
#                       stdout+stderr to LOG; sets $bg_pid to its pid
#                       (stopped on exit)
#   cons_stop PID       SIGTERM to PID (-PGID: a group), waits (<= 5 s),
#                       then SIGKILL
#   cons_port           a free TCP port on 127.0.0.1
#   cons_wait_port PORT PID    waits (<= 15 s) until PORT listens; 1 if
#                       PID died first or time ran out
#   cons_maps_ours PID  0 if PID has our libssl.so.3 mapped
#   cons_loads_ours BIN 0 if BIN would load libssl.so.3 from $ourlib
#   cons_status RC      "exit N" / "timeout" / "killed by SIGNAME"
#   cons_wait_count FILE PATTERN N   waits (<= 5 s) until FILE has N lines
#                       matching PATTERN (servers log after the client is done)
#   cons_firsterr FILE  the first line of FILE that reads like an error
#   scenario NAME EXPECTED FUNC [ARGS]   runs FUNC system ARGS and FUNC ours
#                       ARGS (each writes outcome lines on stdout), compares,
#                       prints the result line
#
# Result lines: "ok:   TEXT", "FAIL: TEXT"; detail lines start with two spaces.

cons_init() {
    cons_name=$1
    top=$(cd "$(dirname "$0")/../.." && pwd)
    ourlib=${NEONRS_SSL_LIBDIR:-$top/build/ssl}
    ourlib=$(cd "$ourlib" && pwd)
    res=$top/build/c-tests/consumers/$cons_name
    rm -rf "$res"
    mkdir -p "$res"
    status=0
    cons_pids=""
    tmp=$(mktemp -d "/tmp/neonrs-cons-$cons_name-XXXXXX")
    chmod 755 "$tmp"
    trap 'cons_cleanup' EXIT
    trap 'exit 1' INT TERM HUP PIPE
    if [ -n "${NEONRS_CONSUMERS_PKI:-}" ]; then
        pki=$NEONRS_CONSUMERS_PKI
    else
        pki=$tmp/pki
        env -u LD_LIBRARY_PATH "$top/c-tests/tls/make-certs.sh" "$pki" > "$tmp/pki.log" 2>&1 ||
            { cat "$tmp/pki.log"; echo "FAIL: $cons_name: the test PKI could not be made"; exit 1; }
    fi
    [ -f "$ourlib/libssl.so.3" ] || { echo "FAIL: $cons_name: no $ourlib/libssl.so.3 (make all)"; exit 1; }
}

cons_cleanup() {
    command -v cons_on_exit > /dev/null 2>&1 && cons_on_exit
    for _p in $cons_pids; do cons_stop "$_p"; done
    rm -rf "$tmp"
}

cons_env() {
    if [ "$1" = ours ]; then
        echo "LD_LIBRARY_PATH=$ourlib"
    else
        echo "-u LD_LIBRARY_PATH"
    fi
}

cons_run() {
    cr_lib=$1 cr_secs=$2
    shift 2
    # shellcheck disable=SC2046
    env $(cons_env "$cr_lib") timeout -k 2 "$cr_secs" "$@"
}

cons_bg() {
    cb_lib=$1 cb_log=$2
    shift 2
    # env and the command exec in the background child: $! is the server.
    # shellcheck disable=SC2046
    env $(cons_env "$cb_lib") "$@" > "$cb_log" 2>&1 &
    bg_pid=$!
    # A watchdog bounds the server even if this script is killed; it is a
    # process group of its own (sh and its sleep), stopped as one.
    setsid sh -c "sleep 600; kill $bg_pid" > /dev/null 2>&1 &
    cons_pids="$cons_pids $bg_pid -$!"
}

cons_stop() {
    kill -- "$1" 2> /dev/null || return 0
    _i=0
    while [ $_i -lt 50 ] && kill -0 -- "$1" 2> /dev/null; do sleep 0.1; _i=$((_i + 1)); done
    kill -9 -- "$1" 2> /dev/null
    wait "${1#-}" 2> /dev/null
    return 0
}

cons_port() {
    /usr/bin/python3 -I -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# LISTEN sockets from /proc/net/tcp (state 0A) on PORT, any address.
cons_listening() {
    _hex=$(printf '%04X' "$1")
    awk -v p=":$_hex" '$4 == "0A" && substr($2, length($2) - 4) == p { f = 1 } END { exit !f }' \
        /proc/net/tcp /proc/net/tcp6
}

cons_wait_port() {
    _i=0
    while [ $_i -lt 150 ]; do
        cons_listening "$1" && return 0
        kill -0 "$2" 2> /dev/null || return 1
        sleep 0.1
        _i=$((_i + 1))
    done
    return 1
}

cons_maps_ours() {
    grep -q " $ourlib/libssl.so.3\$" "/proc/$1/maps" 2> /dev/null
}

cons_loads_ours() {
    LD_LIBRARY_PATH=$ourlib ldd "$1" 2> /dev/null | grep -q "libssl.so.3 => $ourlib/libssl.so.3 "
}

cons_status() {
    if [ "$1" -eq 124 ]; then
        echo "timeout"
    elif [ "$1" -gt 128 ]; then
        echo "killed by SIG$(kill -l $(($1 - 128)) 2> /dev/null || echo $(($1 - 128)))"
    else
        echo "exit $1"
    fi
}

cons_wait_count() {
    _i=0
    while [ $_i -lt 50 ]; do
        [ "$(grep -c -e "$2" "$1" 2> /dev/null)" -ge "$3" ] && return 0
        sleep 0.1
        _i=$((_i + 1))
    done
    return 1
}

cons_firsterr() {
    grep -m1 -iE 'error|fail|fault|abort|panic|unable|refused|denied|unknown|invalid|cannot|out of memory|not |wrong' "$1" 2> /dev/null |
        cut -c1-200
}

ok() { echo "ok:   $*"; }
fail() { echo "FAIL: $*"; status=1; }
detail() { sed 's/^/  /'; }

scenario() {
    sc_name=$1 sc_expect=$2 sc_func=$3
    shift 3
    sc_file=$res/$(echo "$sc_name" | tr ' /' '_-')
    # One scenario's files for each library; FUNC may write scratch under
    # $work (its own directory, empty at the start). (Shell functions share
    # their variables: these are sc_*, which no FUNC uses.)
    for sc_lib in system ours; do
        work=$tmp/work-$sc_lib
        rm -rf "$work"
        mkdir -p "$work"
        chmod 755 "$work"
        "$sc_func" "$sc_lib" "$@" > "$sc_file.$sc_lib.raw" 2> "$sc_file.$sc_lib.log"
        sed -e "s|$pki/|PKI/|g" -e "s|$tmp|TMP|g" "$sc_file.$sc_lib.raw" > "$sc_file.$sc_lib"
        rm -f "$sc_file.$sc_lib.raw"
    done
    sc_sys=$(head -1 "$sc_file.system")
    sc_ours=$(head -1 "$sc_file.ours")
    sc_known=$(cons_known "$cons_name $sc_name")
    if [ "$sc_sys" != "$sc_expect" ]; then
        fail "$cons_name $sc_name: the system library gives '$sc_sys', the scenario expects '$sc_expect' (harness bug)"
        sed -n '2,6p' "$sc_file.system" | detail
    elif ! diff -u "$sc_file.system" "$sc_file.ours" > "$sc_file.diff"; then
        if [ -n "$sc_known" ] && cons_known_only "$cons_name $sc_name" "$sc_file.diff"; then
            echo "known: $cons_name $sc_name: outcome differs as documented in differences.txt (system: $sc_sys, ours: $sc_ours): $sc_known"
        else
            fail "$cons_name $sc_name: outcome differs (system: $sc_sys, ours: $sc_ours)"
            sed -n '4,12p' "$sc_file.diff" | detail
        fi
    elif [ -n "$sc_known" ]; then
        fail "$cons_name $sc_name: same outcome, but differences.txt lists it as a difference (stale entry)"
    else
        rm -f "$sc_file.diff"
        ok "$cons_name $sc_name: same outcome (system: $sc_sys, ours: $sc_ours)"
    fi
}

# cons_known "CONSUMER SCENARIO": the reason c-tests/consumers/differences.txt
# gives for a deliberate difference of that scenario, or nothing. The
# --self-check run (the system library as ours) ignores the list.
cons_known() {
    [ -n "${NEONRS_CONSUMERS_SELF_CHECK:-}" ] && return 0
    awk -F ' [|] ' -v key="$1" '!/^#/ && $1 == key { print $2; exit }' \
        "$top/c-tests/consumers/differences.txt" 2> /dev/null
}

# cons_known_only "CONSUMER SCENARIO" DIFF: 0 if every changed line of DIFF
# matches the entry's pattern (its third field, an extended regex): the
# outcome differs in the documented way and in no other.
cons_known_only() {
    _pat=$(awk -F ' [|] ' -v key="$1" '!/^#/ && $1 == key { print $3; exit }' \
        "$top/c-tests/consumers/differences.txt")
    [ -n "$_pat" ] || return 1
    ! sed -n '3,$p' "$2" | grep -E '^[-+]' | grep -vqE "$_pat"
}

# cons_nginx LIB DIR SPEC...: nginx with LIB's libssl, config and logs in DIR,
# serving DIR/www (hello.txt is "hello from nginx"), one endpoint per SPEC
# "NAME|CHAIN|KEY|PROTOCOLS|TICKETS|LISTEN-FLAGS" (CHAIN "-" for plain HTTP;
# files relative to $pki) on consecutive ports from a random base (retried
# while in use). Sets nginx_port_NAME for each endpoint, $nginx_pid and
# $nginx_log, whose lines are
#   <port> <protocol> reused=<r|.> alpn=<alpn|-> <HTTP version> "<request>" <status>
# Connections close after each response (keepalive_timeout 0), so that every
# request of a client is a new handshake.
cons_nginx() {
    cn_lib=$1 cn_dir=$2
    shift 2
    mkdir -p "$cn_dir/www" "$cn_dir/tmp"
    chmod 755 "$cn_dir" "$cn_dir/www"
    chmod 777 "$cn_dir/tmp"
    printf 'hello from nginx\n' > "$cn_dir/www/hello.txt"
    nginx_log=$cn_dir/access.log
    cn_try=0
    while [ $cn_try -lt 10 ]; do
        cn_try=$((cn_try + 1))
        cn_port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
        cn_first=$cn_port
        cn_servers=""
        for cn_spec in "$@"; do
            cn_n=$(echo "$cn_spec" | cut -d'|' -f1)
            cn_chain=$(echo "$cn_spec" | cut -d'|' -f2)
            cn_key=$(echo "$cn_spec" | cut -d'|' -f3)
            cn_protos=$(echo "$cn_spec" | cut -d'|' -f4)
            cn_tickets=$(echo "$cn_spec" | cut -d'|' -f5)
            cn_flags=$(echo "$cn_spec" | cut -d'|' -f6)
            eval "nginx_port_$cn_n=$cn_port"
            if [ "$cn_chain" = - ]; then
                cn_servers="$cn_servers    server { listen 127.0.0.1:$cn_port; root $cn_dir/www; }
"
            else
                cn_servers="$cn_servers    server {
        listen 127.0.0.1:$cn_port ssl $cn_flags;
        root $cn_dir/www;
        ssl_certificate $pki/$cn_chain;
        ssl_certificate_key $pki/$cn_key;
        ssl_protocols $cn_protos;
        ssl_session_tickets $cn_tickets;
    }
"
            fi
            cn_port=$((cn_port + 1))
        done
        {
            [ "$(id -u)" -eq 0 ] && echo "user root;"
            cat <<CONF
worker_processes 1;
daemon off;
master_process on;
pid $cn_dir/nginx.pid;
error_log $cn_dir/error.log info;
events { worker_connections 64; }
http {
    log_format cons '\$server_port \$ssl_protocol reused=\$ssl_session_reused alpn=\$ssl_alpn_protocol \$server_protocol "\$request" \$status';
    access_log $cn_dir/access.log cons;
    client_body_temp_path $cn_dir/tmp/body;
    proxy_temp_path $cn_dir/tmp/proxy;
    fastcgi_temp_path $cn_dir/tmp/fastcgi;
    uwsgi_temp_path $cn_dir/tmp/uwsgi;
    scgi_temp_path $cn_dir/tmp/scgi;
    default_type text/plain;
    keepalive_timeout 0;
    ssl_session_cache shared:CONS:1m;
    ssl_session_timeout 10m;
$cn_servers}
CONF
        } > "$cn_dir/nginx.conf"
        : > "$cn_dir/error.log"
        cons_bg "$cn_lib" "$cn_dir/nginx.out" nginx -c "$cn_dir/nginx.conf" -p "$cn_dir" -e "$cn_dir/error.log"
        nginx_pid=$bg_pid
        if cons_wait_port "$cn_first" "$nginx_pid" && cons_wait_port $((cn_port - 1)) "$nginx_pid"; then
            : > "$nginx_log"
            return 0
        fi
        cons_stop "$nginx_pid"
        grep -q "Address already in use" "$cn_dir/error.log" "$cn_dir/nginx.out" 2> /dev/null ||
            { cat "$cn_dir/nginx.out" "$cn_dir/error.log" >&2; return 1; }
    done
    echo "nginx: no free ports found" >&2
    return 1
}
