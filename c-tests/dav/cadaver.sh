#!/bin/sh
# Real program: Debian's cadaver (command-line WebDAV client, unmodified
# binary) drives one session against Apache's mod_dav through stdin, the
# commands of c-tests/dav/cadaver.session: listing, collections, uploads and
# downloads, dead properties, locks (its own, and one held by another client,
# which must refuse the upload until cadaver steals the token), edit, copy,
# move, delete. Credentials come from a .netrc in a temp HOME. (cadaver's
# edit keeps its copy in /tmp/cadaver-edit-*, whatever TMPDIR says, and
# removes it.)
#
# Run with the system libneon and with ours (LD_LIBRARY_PATH=build/neon); the
# normalised transcripts (ports, dates, ETags, lock tokens, temp paths and
# progress dots made run-independent), the downloaded files and the server's
# tree afterwards must be identical. Everything goes to OUTDIR/dav/cadaver.*.
#
#   c-tests/dav/cadaver.sh OUTDIR
set -u
. "$(dirname "$0")/lib.sh"
dav_init cadaver "${1:-$(cd "$(dirname "$0")/../.." && pwd)/build/c-tests/results}"
session=$top/c-tests/dav/cadaver.session

if ! command -v cadaver > /dev/null; then
    fail "cadaver: not installed (tools/ensure-deps.sh)"
    exit 1
fi
bin=$(command -v cadaver)
if ! dav_loads_ours "$bin"; then
    fail "cadaver: LD_LIBRARY_PATH=build/neon would not load our libneon (make all)"
    exit 1
fi
dav_lacks "$bin" "$res/cadaver.lacks"

# A lock held by another client: cadaver's upload must fail with 423 until
# it takes the token over with "steal".
foreign_lock() {
    url=http://127.0.0.1:$(dav_port "$1")/private/foreign.txt
    code=$(printf 'locked by someone else\n' |
        timeout 30 curl -s -o /dev/null -w '%{http_code}' -u "$dav_user:$dav_password" -T - "$url")
    [ "$code" = 201 ] || { echo "PUT foreign.txt: $code"; return 1; }
    code=$(timeout 30 curl -s -o /dev/null -w '%{http_code}' -u "$dav_user:$dav_password" -X LOCK \
        -H 'Content-Type: application/xml' --data-binary \
        '<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner>another client</D:owner></D:lockinfo>' \
        "$url")
    [ "$code" = 200 ] || { echo "LOCK foreign.txt: $code"; return 1; }
}

# transcript LIB: one cadaver session; prints the normalised transcript, the
# exit status, the downloads compared with the uploads and the server tree.
transcript() {
    lib=$1
    work=$tmp/$lib/cadaver
    mkdir -p "$work/home"
    printf 'machine 127.0.0.1\nlogin %s\npassword %s\n' "$dav_user" "$dav_password" > "$work/home/.netrc"
    chmod 600 "$work/home/.netrc"
    printf 'a small text file\n' > "$work/a.txt"
    seq 1 50000 > "$work/big.bin"
    cp "$work/a.txt" "$work/a.orig"
    # The editor of "edit": appends a line and moves the mtime forward, so
    # that cadaver sees the change even within the same second.
    printf '#!/bin/sh\necho "edited" >> "$1"\ntouch -d "@$(( $(date +%%s) + 120 ))" "$1"\n' > "$work/edit.sh"
    chmod +x "$work/edit.sh"
    foreign_lock "$lib" || echo "fixture failed"
    (cd "$work" && dav_run "$lib" env HOME="$work/home" EDITOR="$work/edit.sh" \
        timeout 120 cadaver "http://127.0.0.1:$(dav_port "$lib")/private/" < "$session" > "$res/cadaver.$lib.raw" 2>&1)
    rc=$?
    dav_normalise "$lib" < "$res/cadaver.$lib.raw" | sed -E 's/cadaver-edit-[A-Za-z0-9]{6}/cadaver-edit-XXXXXX/g'
    echo "== exit status $rc"
    for f in a big; do
        orig=$work/$f.txt
        [ $f = big ] && orig=$work/big.bin
        [ $f = a ] && orig=$work/a.orig
        if cmp -s "$orig" "$work/$f.copy"; then echo "== download $f: identical"; else echo "== download $f: differs"; fi
    done
    echo "== server tree"
    dav_tree "$(dav_root "$lib")/dav/private" | grep -E '^(dir|file) \./(cadaver|foreign)'
}

transcript system > "$res/cadaver.system"
transcript ours > "$res/cadaver.ours"
commands=$(wc -l < "$session")
lines=$(wc -l < "$res/cadaver.system")
if grep -q 'fixture failed' "$res/cadaver.system"; then
    fail "cadaver: the foreign lock could not be set up (the test is broken)"
elif ! grep -q '^== exit status 0' "$res/cadaver.system" || grep -q 'download .*differs' "$res/cadaver.system"; then
    tail -5 "$res/cadaver.system" | detail
    fail "cadaver: the session fails on the system libneon (the test is broken)"
elif msg=$(dav_loader_error "$res/cadaver.ours.raw"); then
    dav_report_lacks "$res/cadaver.lacks"
    fail "cadaver: does not run on ours: $msg"
elif ! diff -u "$res/cadaver.system" "$res/cadaver.ours" > "$res/cadaver.diff"; then
    head -30 "$res/cadaver.diff" | detail
    fail "cadaver: $commands commands, transcripts differ ($(grep -c '^[-+][^-+]' "$res/cadaver.diff") lines; diff: ${res#"$top"/}/cadaver.diff)"
elif [ -s "$res/cadaver.lacks" ]; then
    fail "cadaver: transcript identical, but ours lacks symbols it imports: $(tr '\n' ' ' < "$res/cadaver.lacks")"
else
    rm -f "$res/cadaver.diff"
    ok "cadaver: $commands commands, transcript identical ($lines lines, downloads and server tree identical)"
fi
exit $status
