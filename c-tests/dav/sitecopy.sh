#!/bin/sh
# Real program: Debian's sitecopy (keeps a remote copy of a local site,
# unmodified binary) maintains a small site over WebDAV in Apache's
# authenticated area: --init, --update (upload), local changes (a file
# changed, one added, one deleted, a directory added), --list, --update
# again, --fetch (the remote listing through PROPFIND), --synchronize
# (download over a local change). The ~/.sitecopyrc lives in a temp HOME.
#
# Run with the system libneon and with ours (LD_LIBRARY_PATH=build/neon); the
# normalised transcripts with each step's exit status, the server's tree
# and the local tree afterwards must be identical. Everything goes to
# OUTDIR/dav/sitecopy.*.
#
#   c-tests/dav/sitecopy.sh OUTDIR
set -u
. "$(dirname "$0")/lib.sh"
dav_init sitecopy "${1:-$(cd "$(dirname "$0")/../.." && pwd)/build/c-tests/results}"

if ! command -v sitecopy > /dev/null; then
    fail "sitecopy: not installed (tools/ensure-deps.sh)"
    exit 1
fi
bin=$(command -v sitecopy)
if ! dav_loads_ours "$bin"; then
    fail "sitecopy: LD_LIBRARY_PATH=build/neon would not load our libneon (make all)"
    exit 1
fi
dav_lacks "$bin" "$res/sitecopy.lacks"

# transcript LIB: the whole scenario; prints each step, its normalised
# output and exit status, then the server's and the local tree.
transcript() {
    lib=$1
    work=$tmp/$lib/sitecopy
    home=$work/home
    site=$work/site
    port=$(dav_port "$lib")
    mkdir -p "$home/.sitecopy" "$site/sub/deeper"
    chmod 700 "$home/.sitecopy"
    cat > "$home/.sitecopyrc" <<RC
site test
  server 127.0.0.1
  port $port
  protocol webdav
  username $dav_user
  password $dav_password
  local $site
  remote /private/site/
RC
    chmod 600 "$home/.sitecopyrc"
    printf '<html>home</html>\n' > "$site/index.html"
    printf '<html>about</html>\n' > "$site/about.html"
    seq 1 30000 > "$site/big.bin"
    printf 'a page\n' > "$site/sub/page.html"
    printf 'deep\n' > "$site/sub/deeper/x.txt"
    code=$(timeout 30 curl -s -o /dev/null -w '%{http_code}' -u "$dav_user:$dav_password" -X MKCOL \
        "http://127.0.0.1:$port/private/site/")
    [ "$code" = 201 ] || echo "fixture failed: MKCOL site: $code"

    timed_out=""
    step() {
        echo "== sitecopy $1"
        # one hung step is enough to know; the rest would only add time
        if [ -n "$timed_out" ]; then echo "== skipped after a timeout"; return; fi
        dav_run "$lib" env HOME="$home" timeout 60 sitecopy "$1" test > "$work/out" 2>&1
        rc=$?
        [ $rc -eq 124 ] && timed_out=1
        cat "$work/out" >> "$res/sitecopy.$lib.raw"
        dav_normalise "$lib" < "$work/out"
        echo "== exit status $rc"
    }
    : > "$res/sitecopy.$lib.raw"
    step --init
    step --update
    step --list
    printf '<html>home, changed</html>\n' > "$site/index.html"
    printf 'new\n' > "$site/new.txt"
    rm "$site/sub/page.html"
    mkdir "$site/sub2"
    printf 'why\n' > "$site/sub2/y.txt"
    step --list
    step --update
    step --fetch
    step --list
    printf 'a local change\n' > "$site/about.html"
    step --list
    step --synchronize
    step --list
    echo "== server tree"
    dav_tree "$(dav_root "$lib")/dav/private/site"
    echo "== local tree"
    dav_tree "$site"
}

transcript system > "$res/sitecopy.system"
transcript ours > "$res/sitecopy.ours"
steps=$(grep -c '^== sitecopy' "$res/sitecopy.system")
lines=$(wc -l < "$res/sitecopy.system")
if grep -q 'fixture failed' "$res/sitecopy.system"; then
    grep 'fixture failed' "$res/sitecopy.system" | detail
    fail "sitecopy: the remote collection could not be made (the test is broken)"
elif ! grep -q 'Synchronize completed successfully' "$res/sitecopy.system"; then
    tail -5 "$res/sitecopy.system" | detail
    fail "sitecopy: the scenario fails on the system libneon (the test is broken)"
elif msg=$(dav_loader_error "$res/sitecopy.ours.raw"); then
    dav_report_lacks "$res/sitecopy.lacks"
    fail "sitecopy: does not run on ours: $msg"
elif ! diff -u "$res/sitecopy.system" "$res/sitecopy.ours" > "$res/sitecopy.diff"; then
    head -30 "$res/sitecopy.diff" | detail
    fail "sitecopy: $steps steps, transcripts differ ($(grep -c '^[-+][^-+]' "$res/sitecopy.diff") lines; diff: ${res#"$top"/}/sitecopy.diff)"
elif [ -s "$res/sitecopy.lacks" ]; then
    fail "sitecopy: transcript identical, but ours lacks symbols it imports: $(tr '\n' ' ' < "$res/sitecopy.lacks")"
else
    rm -f "$res/sitecopy.diff"
    ok "sitecopy: $steps steps, transcript identical ($lines lines, server and local trees identical)"
fi
exit $status
