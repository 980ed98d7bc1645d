#!/bin/sh
# PostgreSQL 15 (Debian's postgres and psql/libpq) on the system libssl and
# on ours, ours on one side at a time: a throwaway cluster made with initdb in
# a temp dir (one per library, run as the postgres user on a random port,
# ssl=on with the test chain), hostssl connections only. "client …"
# scenarios run psql on the library under test against the cluster on the
# system library; "server …" run the system psql against a cluster on it.
# sslmode=verify-full with the test CA (TLS 1.3, and 1.2 through
# ssl_max_protocol_version), a host name the certificate does not name and
# an untrusted root (both refused alike). The outcome: what pg_stat_ssl says
# of the connection, or psql's error (port removed), and its exit status.
#
#   c-tests/consumers/postgres.sh     (result lines as in lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
cons_init postgres

pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/postgres" ] || { fail "postgres: $pgbin/postgres is missing (tools/ensure-deps.sh)"; exit 1; }
cons_loads_ours "$pgbin/psql" || { fail "postgres: LD_LIBRARY_PATH=$ourlib does not load our libssl.so.3 in psql"; exit 1; }
asuser="setpriv --reuid=postgres --regid=postgres --init-groups"

# cluster LIB: initdb and start; sets pg_port_LIB (empty if it did not
# start; its error is in $res/start-LIB.err).
cluster() {
    _d=$tmp/pg-$1
    mkdir -p "$_d/data" "$_d/sock"
    cp "$pki/server-chain.pem" "$_d/server.crt"
    cp "$pki/server.key" "$_d/server.key"
    chown -R postgres:postgres "$_d"
    chmod 600 "$_d/server.key"
    if ! env -u LD_LIBRARY_PATH timeout 120 $asuser "$pgbin/initdb" -D "$_d/data" -A trust -U postgres \
            --no-sync -E UTF8 --locale=C > "$_d/initdb.log" 2>&1; then
        cat "$_d/initdb.log" > "$res/start-$1.err"
        return 1
    fi
    cat > "$_d/data/pg_hba.conf" <<HBA
local all all trust
hostssl all all 127.0.0.1/32 trust
hostnossl all all 127.0.0.1/32 reject
HBA
    _try=0
    while [ $_try -lt 5 ]; do
        _try=$((_try + 1))
        _port=$(cons_port)
        cons_bg "$1" "$_d/postgres.log" $asuser "$pgbin/postgres" -D "$_d/data" -p "$_port" -k "$_d/sock" \
            -c listen_addresses=127.0.0.1 -c ssl=on -c "ssl_cert_file=$_d/server.crt" \
            -c "ssl_key_file=$_d/server.key" -c fsync=off -c logging_collector=off
        eval "pg_pid_$1=$bg_pid"
        if cons_wait_port "$_port" "$bg_pid"; then
            eval "pg_port_$1=$_port"
            if [ "$1" = ours ] && ! cons_maps_ours "$bg_pid"; then
                echo "our libssl.so.3 is not mapped in postgres" > "$res/start-$1.err"
                eval "pg_port_$1="
                return 1
            fi
            return 0
        fi
        grep -q 'Address already in use' "$_d/postgres.log" || break
    done
    sed -E 's/^[0-9-]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] //' "$_d/postgres.log" > "$res/start-$1.err"
    eval "pg_port_$1="
    return 1
}

# Postgres stops cleanly on SIGTERM (smart shutdown) once psql is gone.
cluster system || { detail < "$res/start-system.err"; fail "postgres: the cluster on the system library did not start"; exit 1; }
cluster ours

# one LIB SIDE CONNINFO...: psql with sslmode=verify-full.
one() {
    _lib=$1 _side=$2
    shift 2
    _clib=system _srv=system
    if [ "$_side" = server ]; then _srv=$_lib; else _clib=$_lib; fi
    eval "_port=\$pg_port_$_srv"
    if [ -z "$_port" ]; then
        echo "postgres did not start: $(cons_firsterr "$res/start-$_srv.err")"
        head -5 "$res/start-$_srv.err"
        return
    fi
    HOME=$work PGCONNECT_TIMEOUT=10 cons_run "$_clib" 30 "$pgbin/psql" -XAt \
        "port=$_port dbname=postgres user=postgres sslmode=verify-full sslrootcert=$pki/ca.pem $*" \
        -c "select 'ssl=' || ssl || ' ' || version || ' ' || case when cipher like '%GCM%' then 'AES-GCM' else cipher end from pg_stat_ssl where pid = pg_backend_pid()" \
        > "$work/out" 2> "$work/err"
    _rc=$?
    sed -i -E 's/port [0-9]+/port PORT/g' "$work/err"
    if [ $_rc -eq 0 ]; then
        cat "$work/out"
    else
        echo "psql: $(cons_status $_rc): $(sed -n 's/.* failed: //p' "$work/err" | head -1)"
    fi
    cat "$work/err"
    echo "psql: $(cons_status $_rc)"
}

for side in client server; do
    scenario "$side verify-full" "ssl=true TLSv1.3 AES-GCM" one "$side" host=localhost
    scenario "$side verify-full tls12" "ssl=true TLSv1.2 AES-GCM" one "$side" host=localhost \
        ssl_max_protocol_version=TLSv1.2
    scenario "$side verify-full ip address" "ssl=true TLSv1.3 AES-GCM" one "$side" host=127.0.0.1
    scenario "$side wrong host" \
        'psql: exit 2: server certificate for "localhost" (and 1 other name) does not match host name "wrong.test"' one "$side" host=wrong.test hostaddr=127.0.0.1
    scenario "$side untrusted root" "psql: exit 2: SSL error: certificate verify failed" one "$side" host=localhost sslrootcert="$pki/other-ca.pem"
done
exit $status
