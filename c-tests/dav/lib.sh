# Shared by the WebDAV real-program checks (c-tests/dav/*.sh); sourced, POSIX
# sh. Each check runs a Debian program, unmodified, twice: with the system
# libneon ("system") and with ours substituted through LD_LIBRARY_PATH
# ("ours"), each against its own Apache (c-tests/apache/start.sh), so that
# one library's run cannot disturb the other's server state and both see
# the same paths.
#
# NEONRS_DAV_LIBDIR (default build/neon) names the library tested as ours.
#
# Result lines, read by c-tests/dav/run.sh and c-tests/run.sh:
#   "ok:   TEXT"  "FAIL: TEXT"  "skip: TEXT"; detail lines start with two spaces.
#
#   dav_init NAME OUTDIR   sets $top, $ourlib, $res (OUTDIR/dav, created) and
#                          $tmp (a temp dir removed on exit); starts the two
#                          servers unless c-tests/dav/run.sh passed them in
#                          NEONRS_DAV_{SYSTEM,OURS}_{PORT,DIR}
#   dav_port LIB / dav_root LIB   the port / server directory for LIB
#   dav_run LIB CMD...     runs CMD with LIB's libneon (ours: through
#                          LD_LIBRARY_PATH=build/neon)
#   dav_loads_ours BIN     0 if BIN would load libneon from build/neon
#   dav_lacks BIN FILE     the neon symbols BIN needs that ours lacks (the
#                          loader's own check, ldd -r), one a line, into FILE
#   dav_report_lacks FILE  a detail line naming what FILE (from dav_lacks) lists
#   dav_loader_error FILE  the loader's message in a program's output, if any
#   dav_normalise LIB      filter: ports, temp paths, dates, ETags, lock
#                          tokens and progress dots made run-independent;
#                          a program's files for LIB go under $tmp/LIB/, which
#                          becomes WORK/
#   dav_tree DIR           names, types, sizes and checksums under DIR
#                          (mod_dav_fs's property databases left out)
#   ok / fail / skip / detail TEXT   print result lines; fail sets $status

dav_user=neonrs
dav_password=dav-secret

ok() { echo "ok:   $*"; }
fail() { echo "FAIL: $*"; status=1; }
skip() { echo "skip: $*"; }
detail() { sed 's/^/  /'; }

dav_init() {
    dav_name=$1
    top=$(cd "$(dirname "$0")/../.." && pwd)
    # The library tested as ours. A directory holding copies of the system
    # libneon.so.27 and libneon-gnutls.so.27 checks the harness itself:
    # then everything must pass.
    ourlib=${NEONRS_DAV_LIBDIR:-$top/build/neon}
    res=$2/dav
    mkdir -p "$res"
    status=0
    tmp=$(mktemp -d "/tmp/neonrs-$dav_name-XXXXXX")
    chmod 755 "$tmp"
    dav_own_servers=""
    trap 'dav_cleanup' EXIT
    trap 'exit 1' INT TERM
    if [ -z "${NEONRS_DAV_SYSTEM_PORT:-}" ]; then
        dav_own_servers=1
        for lib in system ours; do
            port=$("$top/c-tests/apache/start.sh" "$tmp/apache-$lib") ||
                { echo "FAIL: $dav_name: Apache did not start"; exit 1; }
            eval "NEONRS_DAV_$(dav_up $lib)_PORT=$port NEONRS_DAV_$(dav_up $lib)_DIR=$tmp/apache-$lib"
        done
    fi
}

# Cleanup hooks of the sourcing script run first (dav_on_exit), then the
# servers this script started are stopped and the temp dir goes.
dav_cleanup() {
    command -v dav_on_exit > /dev/null 2>&1 && dav_on_exit
    if [ -n "$dav_own_servers" ]; then
        "$top/c-tests/apache/stop.sh" "$tmp/apache-system" &
        "$top/c-tests/apache/stop.sh" "$tmp/apache-ours" &
        wait
    fi
    rm -rf "$tmp"
}

dav_up() { echo "$1" | tr '[:lower:]' '[:upper:]'; }
dav_port() { eval "echo \$NEONRS_DAV_$(dav_up "$1")_PORT"; }
dav_root() { eval "echo \$NEONRS_DAV_$(dav_up "$1")_DIR"; }

dav_run() {
    _lib=$1
    shift
    if [ "$_lib" = ours ]; then
        LD_LIBRARY_PATH=$ourlib "$@"
    else
        env -u LD_LIBRARY_PATH "$@"
    fi
}

dav_loads_ours() {
    LD_LIBRARY_PATH=$ourlib ldd "$1" 2> /dev/null | awk '/libneon/ {print $3}' | grep -q "^$ourlib/"
}

dav_lacks() {
    # Symbols the system library resolves but ours does not.
    ldd -r "$1" 2>&1 | sed -n 's/^undefined symbol: \([^ 	]*\).*/\1/p' | sort -u > "$2.sys"
    LD_LIBRARY_PATH=$ourlib ldd -r "$1" 2>&1 | sed -n 's/^undefined symbol: \([^ 	]*\).*/\1/p' | sort -u |
        comm -23 - "$2.sys" > "$2"
    rm -f "$2.sys"
}

dav_report_lacks() {
    [ -s "$1" ] || return 0
    echo "  ours lacks $(wc -l < "$1") neon symbols it imports: $(head -6 "$1" | tr '\n' ' ')... (all in ${1#"$top"/})"
}

dav_loader_error() {
    grep -m1 -E 'symbol lookup error|error while loading shared libraries|undefined symbol' "$1"
}

dav_normalise() {
    sed -E \
        -e "s|$tmp/$1/|WORK/|g" \
        -e "s|$tmp|TMP|g" \
        -e "s/127\\.0\\.0\\.1:$(dav_port "$1")/127.0.0.1:PORT/g" \
        -e 's/opaquelocktoken:[0-9a-fA-F-]+/opaquelocktoken:TOKEN/g' \
        -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/ISODATE/g' \
        -e 's/[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT/HTTPDATE/g' \
        -e 's/[A-Z][a-z]{2} [ 0-9][0-9] ([0-9]{2}:[0-9]{2}| [0-9]{4})/LSDATE/g' \
        -e 's/(W\/)?"[0-9a-f]+-[0-9a-f]+"/ETAG/g' \
        -e 's/\[\.+/[.../g'
}

dav_tree() {
    (cd "$1" && find . -name .DAV -prune -o -print | LC_ALL=C sort | while read -r f; do
        if [ -d "$f" ]; then
            echo "dir $f"
        else
            echo "file $f $(wc -c < "$f") $(md5sum < "$f" | cut -c1-32)"
        fi
    done)
}
