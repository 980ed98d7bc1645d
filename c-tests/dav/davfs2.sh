#!/bin/sh
# Real program: Debian's davfs2 (mount.davfs, a FUSE file system over
# WebDAV, unmodified binary) mounts a collection of Apache's authenticated
# area; files are written, read back, copied, renamed and removed through the
# mount, then it is unmounted (which uploads what is still cached).
#
# Run with the system libneon and with ours (LD_LIBRARY_PATH=build/neon, which
# the daemon's /proc/PID/maps must show); the transcripts (each operation's
# output and exit status) and the server's tree afterwards must be identical.
# Needs root and /dev/fuse; where mounting does not work with the system
# library either, the check is skipped with the reason. davfs2 keeps its pid
# file in /run/mount.davfs (fixed at build time); its cache and
# configuration are in the temp dir. Everything goes to OUTDIR/dav/davfs2.*.
#
#   c-tests/dav/davfs2.sh OUTDIR
set -u
. "$(dirname "$0")/lib.sh"

if ! command -v mount.davfs > /dev/null; then
    echo "FAIL: davfs2: not installed (tools/ensure-deps.sh)"
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "skip: davfs2: mounting needs root"
    exit 0
fi
if [ ! -c /dev/fuse ]; then
    echo "skip: davfs2: no /dev/fuse"
    exit 0
fi
dav_init davfs2 "${1:-$(cd "$(dirname "$0")/../.." && pwd)/build/c-tests/results}"
bin=$(command -v mount.davfs)
if ! dav_loads_ours "$bin"; then
    fail "davfs2: LD_LIBRARY_PATH=build/neon would not load our libneon (make all)"
    exit 1
fi
dav_lacks "$bin" "$res/davfs2.lacks"

# Whatever happened, nothing stays mounted and no daemon stays running.
mounted=""
daemons=""
dav_on_exit() {
    for m in $mounted; do
        grep -q " $m " /proc/mounts && umount -l "$m" 2> /dev/null
    done
    for p in $daemons; do kill "$p" 2> /dev/null; done
}

# op TEXT CMD...: one operation on the mount, bounded in time; prints its
# output and exit status.
op() {
    echo "== $1"
    shift
    # one hung operation is enough to know; the rest would only add time
    if [ -n "$timed_out" ]; then echo "== skipped after a timeout"; return; fi
    timeout -k 5 30 "$@" > "$work/op.out" 2>&1
    _rc=$?
    [ $_rc -eq 124 ] || [ $_rc -eq 137 ] && timed_out=1
    sed "s|$mnt|MNT|g" "$work/op.out"
    echo "== exit status $_rc"
}

# transcript LIB: mount, operations, unmount; then the server's tree.
transcript() {
    lib=$1
    work=$tmp/$lib/davfs2
    mnt=$work/mnt
    port=$(dav_port "$lib")
    url=http://127.0.0.1:$port/private/davfs/
    mkdir -p "$mnt" "$work/cache"
    chmod 755 "$tmp/$lib" "$work"
    # The daemon runs as davfs2 and needs the cache writable by that group.
    chown root:davfs2 "$work/cache"
    chmod 775 "$work/cache"
    # buf_size 64: with the default, the Linux 6.16+ FUSE refuses davfs2
    # 1.6's directory reads (EINVAL).
    cat > "$work/davfs2.conf" <<CONF
cache_dir $work/cache
secrets $work/secrets
buf_size 64
delay_upload 0
CONF
    printf '%s %s %s\n' "$url" "$dav_user" "$dav_password" > "$work/secrets"
    chmod 600 "$work/secrets"
    code=$(timeout 30 curl -s -o /dev/null -w '%{http_code}' -u "$dav_user:$dav_password" -X MKCOL "$url")
    [ "$code" = 201 ] || echo "fixture failed: MKCOL davfs: $code"

    echo "== mount"
    mounted="$mounted $mnt"
    dav_run "$lib" timeout 60 mount.davfs -o "conf=$work/davfs2.conf" "$url" "$mnt" > "$work/mount.out" 2>&1
    rc=$?
    cat "$work/mount.out" >> "$res/davfs2.$lib.raw"
    dav_normalise "$lib" < "$work/mount.out" | sed "s|$mnt|MNT|g"
    echo "== exit status $rc"
    [ $rc -eq 0 ] || return 0
    pidfile=/run/mount.davfs/$(echo "$mnt" | sed 's|^/||; s|/|-|g').pid
    pid=$(cat "$pidfile" 2> /dev/null)
    if [ -z "$pid" ]; then
        echo "== no daemon pid file $pidfile"
    else
        daemons="$daemons $pid"
        # the proof that the substitution reaches the daemon
        mapped=system
        grep -q "$ourlib/libneon" "/proc/$pid/maps" && mapped=ours
        if [ $mapped = "$lib" ]; then echo "== daemon maps the expected libneon"; else echo "== daemon maps the $mapped libneon"; fi
    fi

    # Only new files are written: davfs2 1.6 on Linux 6.16+ loses appends to
    # and rewrites of an existing file (the next lookup fails, ENOENT), with
    # the system libneon as well.
    timed_out=""
    op "ls" ls -A "$mnt"
    op "write hello.txt" sh -c "printf 'hello over davfs2\n' > '$mnt/hello.txt'"
    op "write big.txt" sh -c "seq 1 40000 > '$mnt/big.txt'"
    op "mkdir dir" mkdir "$mnt/dir"
    op "cp hello.txt dir/copy.txt" cp "$mnt/hello.txt" "$mnt/dir/copy.txt"
    op "cat hello.txt" cat "$mnt/hello.txt"
    op "read big.txt" sh -c "seq 1 40000 | cmp - '$mnt/big.txt' && echo identical"
    op "mv dir/copy.txt dir/moved.txt" mv "$mnt/dir/copy.txt" "$mnt/dir/moved.txt"
    op "write gone.txt" sh -c "echo temporary > '$mnt/gone.txt'"
    op "rm gone.txt" rm "$mnt/gone.txt"
    op "ls" ls -A "$mnt" "$mnt/dir"
    op "sizes" sh -c "cd '$mnt' && stat -c '%n %s' hello.txt big.txt dir/moved.txt"
    echo "== umount"
    timeout 120 umount "$mnt" > "$work/umount.out" 2>&1
    rc=$?
    sed -E "s|$mnt|MNT|g; s/pid [0-9]+/pid PID/; s/ \.+ / ... /" "$work/umount.out"
    echo "== exit status $rc"
    # umount.davfs waits for the daemon; make sure it is gone.
    i=0
    while [ -n "$pid" ] && [ $i -lt 300 ] && kill -0 "$pid" 2> /dev/null; do sleep 0.1; i=$((i + 1)); done
    if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then echo "== daemon $pid still running"; fi
    echo "== server tree"
    dav_tree "$(dav_root "$lib")/dav/private/davfs"
}

transcript system > "$res/davfs2.system"
if grep -q 'fixture failed' "$res/davfs2.system"; then
    fail "davfs2: the remote collection could not be made (the test is broken)"
    exit 1
fi
if ! sed -n '/^== mount/,/^== exit/p' "$res/davfs2.system" | grep -q '^== exit status 0'; then
    skip "davfs2: mounting does not work here: $(grep -v '^==' "$res/davfs2.system" | head -1)"
    exit 0
fi
transcript ours > "$res/davfs2.ours"
ops=$(($(grep -c '^== exit status' "$res/davfs2.system") - 2))
if grep -q -E '^== (exit status [1-9]|daemon .* still running|no daemon)' "$res/davfs2.system"; then
    grep -B3 -E '^== (exit status [1-9]|daemon)' "$res/davfs2.system" | head -20 | detail
    fail "davfs2: the scenario fails on the system libneon (the test is broken)"
elif ! grep -q '^== daemon maps the expected' "$res/davfs2.system"; then
    fail "davfs2: the daemon with the system libneon maps ours"
elif msg=$(dav_loader_error "$res/davfs2.ours"); then
    dav_report_lacks "$res/davfs2.lacks"
    fail "davfs2: does not run on ours: $msg"
elif ! diff -u "$res/davfs2.system" "$res/davfs2.ours" > "$res/davfs2.diff"; then
    head -30 "$res/davfs2.diff" | detail
    fail "davfs2: transcripts differ ($(grep -c '^[-+][^-+]' "$res/davfs2.diff") lines; diff: ${res#"$top"/}/davfs2.diff)"
elif [ -s "$res/davfs2.lacks" ]; then
    fail "davfs2: transcript identical, but ours lacks symbols it imports: $(tr '\n' ' ' < "$res/davfs2.lacks")"
else
    rm -f "$res/davfs2.diff"
    ok "davfs2: mount, $ops file operations, umount: transcript identical ($(wc -l < "$res/davfs2.system") lines, server tree identical)"
fi
exit $status
