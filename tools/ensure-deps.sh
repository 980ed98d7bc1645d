#!/bin/sh
# Installs what building and testing need, only when missing, so that
# `make check` and `make demo` work on a fresh Debian 12 machine.
set -eu

# autoconf, automake, libtool, libxml2-dev, zlib1g-dev: stock neon 0.37.1,
# built from source for c-tests/neon037 (c-tests/neon037/build-stock.sh).
pkgs="build-essential pkg-config binutils curl ca-certificates libneon27-dev libneon27 libssl-dev litmus
      openssl nginx-light valgrind strace cmake autoconf automake libtool libxml2-dev zlib1g-dev apache2 cadaver sitecopy davfs2
      socat stunnel4 postgresql mosquitto mosquitto-clients python3 libpython3.11-testsuite"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "deps: installing$missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # Packages with services (nginx, apache2) must not start them: tests run
    # their own servers. A policy-rc.d that refuses keeps invoke-rc.d from
    # starting anything during this install; one the machine already has is
    # left as it was.
    policy=/usr/sbin/policy-rc.d
    own_policy=""
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
        $SUDO chmod 755 "$policy"
        own_policy=1
    fi
    # shellcheck disable=SC2086
    status=0
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null || status=$?
    [ -z "$own_policy" ] || $SUDO rm -f "$policy"
    [ $status -eq 0 ] || exit $status
fi

if ! command -v cargo >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo" ]; then
    echo "deps: installing the Rust toolchain (rustup)"
    curl -sSf https://sh.rustup.rs | sh -s -- -y -q --profile minimal --component rustfmt
fi
