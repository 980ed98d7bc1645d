#!/bin/sh
# Starts Apache httpd (Debian's apache2) with mod_dav on 127.0.0.1 with its
# own config in DIR and an ephemeral port; prints the port. Stop it with
# c-tests/apache/stop.sh DIR (kills the pid recorded in DIR/apache2.pid).
#
#   c-tests/apache/start.sh DIR
#
# Layout, all in DIR (nothing is written outside it):
#   httpd.conf, apache2.pid, error.log, access.log, run/ (runtime files)
#   dav/          the WebDAV root, served at /, no authentication
#   dav/private/  Basic authentication, realm "neon-rs test", user "neonrs",
#                 password "dav-secret" (DIR/htpasswd)
#   lock/         mod_dav_fs's lock database (DavLockDB)
# As root the server's children run as www-data (Apache refuses to serve as
# root), so dav/ and lock/ belong to that user.
set -eu
dir=$1
user=neonrs password=dav-secret
mods=/usr/lib/apache2/modules
command -v apache2 > /dev/null || { echo "apache: apache2 is not installed" >&2; exit 1; }

mkdir -p "$dir/dav/private" "$dir/lock" "$dir/run"
chmod 755 "$dir"
htpasswd -b -c -B "$dir/htpasswd" "$user" "$password" 2> /dev/null
chmod 644 "$dir/htpasswd"
run_as=""
if [ "$(id -u)" -eq 0 ]; then
    chown -R www-data:www-data "$dir/dav" "$dir/lock"
    run_as="User www-data
Group www-data"
fi

write_conf() {
    cat > "$dir/httpd.conf" <<CONF
ServerRoot $dir
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile $dir/apache2.pid
DefaultRuntimeDir $dir/run
ErrorLog $dir/error.log
LogLevel warn
LogFormat "%r %>s" neonrs
CustomLog $dir/access.log neonrs
$run_as
LoadModule mpm_event_module $mods/mod_mpm_event.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule authn_core_module $mods/mod_authn_core.so
LoadModule authn_file_module $mods/mod_authn_file.so
LoadModule authz_user_module $mods/mod_authz_user.so
LoadModule auth_basic_module $mods/mod_auth_basic.so
LoadModule dav_module $mods/mod_dav.so
LoadModule dav_fs_module $mods/mod_dav_fs.so
StartServers 1
ServerLimit 1
ThreadsPerChild 16
MaxRequestWorkers 16
MinSpareThreads 1
MaxSpareThreads 16
Timeout 60
KeepAlive On
DocumentRoot $dir/dav
DavLockDB $dir/lock/lockdb
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory $dir/dav>
    Dav On
    Require all granted
</Directory>
<Directory $dir/dav/private>
    AuthType Basic
    AuthName "neon-rs test"
    AuthBasicProvider file
    AuthUserFile $dir/htpasswd
    Require valid-user
</Directory>
CONF
}

try=0
while [ $try -lt 20 ]; do
    try=$((try + 1))
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
    write_conf
    rm -f "$dir/apache2.pid"
    : > "$dir/start.err"
    # apache2 detaches once its listener is bound; a port in use makes it
    # exit non-zero here, with the reason in start.err.
    if timeout 30 apache2 -f "$dir/httpd.conf" -d "$dir" -E "$dir/start.err" -k start 2>> "$dir/start.err"; then
        i=0
        while [ $i -lt 100 ] && [ ! -s "$dir/apache2.pid" ]; do sleep 0.1; i=$((i + 1)); done
        [ -s "$dir/apache2.pid" ] || { cat "$dir/start.err" "$dir/error.log" >&2 2> /dev/null; echo "apache: no pid file" >&2; exit 1; }
        echo "$port"
        exit 0
    fi
    grep -q "Address already in use" "$dir/start.err" ||
        { cat "$dir/start.err" >&2; exit 1; }
done
echo "apache: no free port found" >&2
exit 1
