#!/bin/sh
# Installs what building and testing need, only when missing, so that
# `make check` and `make demo` work on a fresh Debian 12 machine.
set -eu

pkgs="build-essential pkg-config binutils curl ca-certificates libneon27-dev libneon27 libssl-dev litmus
      openssl nginx-light valgrind strace cmake"
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
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
    # The Debian nginx package starts a service on port 80; tests run their own.
    if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true; fi
    $SUDO pkill -x nginx >/dev/null 2>&1 || true
fi

if ! command -v cargo >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo" ]; then
    echo "deps: installing the Rust toolchain (rustup)"
    curl -sSf https://sh.rustup.rs | sh -s -- -y -q --profile minimal --component rustfmt
fi
