#!/bin/sh
# make demo: install neon-rs into a staging prefix, build the demo exactly as
# a user would (pkg-config neon), and run it against the embedded server.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
stage=$top/build/stage
rm -rf "$stage"
make -s install PREFIX="$stage" DESTDIR= >/dev/null
export PKG_CONFIG_PATH="$stage/lib/pkgconfig"
echo "pkg-config --cflags --libs neon: $(pkg-config --cflags --libs neon)"
${CC:-cc} -Wall -Wextra -Werror -o build/demo c-tests/demo/demo.c $(pkg-config --cflags --libs neon) \
    -Wl,-rpath,"$stage/lib"
echo "linked against: $(ldd build/demo | awk '/libneon/ {print $3}')"
echo
exec ./build/demo
