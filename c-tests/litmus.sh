#!/bin/sh
# Real programs: Debian's litmus WebDAV test suites (a neon application,
# unmodified binary) run against nginx with the system libneon and then with
# ours substituted through LD_LIBRARY_PATH. Every test's result must be the
# same. litmus links Debian's GnuTLS flavour, libneon-gnutls.so.27, which
# build/neon provides as an alias of our libneon.so.27.
#
#   c-tests/litmus.sh OUTDIR
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build/c-tests/results}
mkdir -p "$out"
suites="http basic copymove"

if [ ! -x /usr/libexec/litmus/http ]; then
    echo "litmus: not installed"
    exit 1
fi
# Proof that the substitution really loads ours, not the system library.
loaded=$(LD_LIBRARY_PATH=$top/build/neon ldd /usr/libexec/litmus/http | awk '/libneon/ {print $3}')
case "$loaded" in
    "$top"/build/neon/*) ;;
    *) echo "litmus: would load $loaded, not build/neon"; exit 1 ;;
esac

dir=$(mktemp -d /tmp/neonrs-litmus-XXXXXX)
port=$("$top/c-tests/nginx/start.sh" "$dir") || { echo "litmus: nginx did not start"; exit 1; }
trap 'kill $(cat "$dir/nginx.pid") 2>/dev/null; rm -rf "$dir"' EXIT INT TERM

status=0
# litmus reads its htdocs from the current directory and writes debug.log
# and child.log there: run it in the temp dir.
cp -r /usr/share/litmus/htdocs "$dir/" || exit 1
cd "$dir" || exit 1
for s in $suites; do
    # Results only: the lines naming each test and its outcome.
    timeout 120 /usr/libexec/litmus/$s "http://127.0.0.1:$port/" 2>&1 \
        | grep -E '^ *[0-9]+\.|summary' > "$out/litmus-$s.system"
    LD_LIBRARY_PATH=$top/build/neon timeout 120 /usr/libexec/litmus/$s "http://127.0.0.1:$port/" 2>&1 \
        | grep -E '^ *[0-9]+\.|summary' > "$out/litmus-$s.ours"
    if diff -u "$out/litmus-$s.system" "$out/litmus-$s.ours" > "$out/litmus-$s.diff"; then
        echo "litmus $s: $(tail -1 "$out/litmus-$s.ours" | sed 's/.*: of //') (same as the system libneon)"
    else
        head -20 "$out/litmus-$s.diff"
        echo "litmus $s: results differ from the system libneon"
        status=1
    fi
done
exit $status
