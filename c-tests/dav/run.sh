#!/bin/sh
# The WebDAV real-program checks: Debian's litmus (five suites), cadaver,
# sitecopy and davfs2, unmodified binaries, each run with the system libneon
# and with ours (LD_LIBRARY_PATH=build/neon) against Apache httpd with
# mod_dav (c-tests/apache/start.sh); one Apache per library, shared by the
# programs, each program in its own part of the tree.
#
# Prints one result line per suite or program ("ok:   …", "FAIL: …",
# "skip: …"; detail lines indented); transcripts, results and diffs go to
# OUTDIR/dav/. Exits 1 if anything failed.
#
#   c-tests/dav/run.sh [OUTDIR]      (default build/c-tests/results)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${1:-$top/build/c-tests/results}
mkdir -p "$out/dav"

tmp=$(mktemp -d /tmp/neonrs-dav-XXXXXX)
chmod 755 "$tmp"
cleanup() {
    "$top/c-tests/apache/stop.sh" "$tmp/system" &
    "$top/c-tests/apache/stop.sh" "$tmp/ours" &
    wait
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

for lib in system ours; do
    if ! port=$("$top/c-tests/apache/start.sh" "$tmp/$lib" 2> "$out/dav/apache-$lib.err"); then
        sed 's/^/  /' "$out/dav/apache-$lib.err"
        echo "FAIL: dav: Apache did not start"
        exit 1
    fi
    up=$(echo "$lib" | tr '[:lower:]' '[:upper:]')
    export "NEONRS_DAV_${up}_PORT=$port" "NEONRS_DAV_${up}_DIR=$tmp/$lib"
done

status=0
for check in litmus cadaver sitecopy davfs2; do
    "$here/$check.sh" "$out" || status=1
done
exit $status
