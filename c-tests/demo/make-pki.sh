#!/bin/sh
# c-tests/demo/make-pki.sh DIR: a CA (DIR/ca.pem) and a server certificate
# for localhost signed by it (DIR/server.pem, key DIR/server.key, chain
# DIR/server-chain.pem), made anew with the openssl command line (EC P-256
# keys, valid two days). Used by make demo and the package test.
set -eu
mkdir -p "$1"
cd "$1"
{
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
    openssl req -x509 -new -key ca.key -subj "/CN=neon-rs demo CA" -days 2 -out ca.pem
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server.key
    openssl req -new -key server.key -subj "/CN=localhost" -out server.csr
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=digitalSignature" \
        "extendedKeyUsage=serverAuth" "subjectAltName=DNS:localhost" > server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
        -extfile server.ext -out server.pem
    cat server.pem ca.pem > server-chain.pem
} > openssl.log 2>&1 || { cat openssl.log >&2; exit 1; }
