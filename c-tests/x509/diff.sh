#!/bin/sh
# Differential test of the verification engine: OpenSSL's X509_verify_cert
# (c-tests/x509/events.c on the system libcrypto) and ours
# (examples/x509_events.rs) over every case of a case directory
# (c-tests/x509/make-cases.sh), under several hosts, flags, security levels
# and depths, each with several verify-callback policies. Every callback
# line and the result must be identical.
# usage: c-tests/x509/diff.sh CASEDIR OPENSSL_BIN OURS_BIN OUTDIR
set -u
cases=$1 ref=$2 ours=$3 out=$4
mkdir -p "$out"
# 2025-01-01T00:00:00Z, inside the validity of the cases' normal certificates.
at=1735689600
# PARTIAL_CHAIN runs trust the intermediate of the "good" case as well.
roots2=$out/roots-with-intermediate.pem
cat "$cases/ca.pem" > "$roots2"
awk '/BEGIN CERT/ { n++ } n == 2' "$cases/good/chain.pem" >> "$roots2"

policies="default accept reject-at-0 reject-at-1"
# config lines: label host flags level depth roots (HOST = the case's host)
configs="plain - 0 2 -1 ca
host HOST 0 2 -1 ca
wronghost wrong.example 0 2 -1 ca
strict HOST 0x20 2 -1 ca
partial - 0x80000 2 -1 roots2
untrustedfirst - ~0 2 -1 ca
noaltchains - ~0x100000 2 -1 ca
crl - 0x4 2 -1 ca
crlall - 0xc 2 -1 ca
sssig - 0x4000 2 -1 ca
ignorecritical - 0x10 2 -1 ca
policy - 0x180 2 -1 ca
level0 - 0 0 -1 ca
level1 - 0 1 -1 ca
level3 - 0 3 -1 ca
depth0 - 0 2 0 ca
depth1 - 0 2 1 ca
notime - 0x200000 2 -1 ca"

runs=0 same=0 shown=0
while read -r name host _; do
    echo "$configs" | while read -r label h flags level depth roots; do
        [ "$h" = HOST ] && h=$host
        r=$cases/ca.pem
        [ "$roots" = roots2 ] && r=$roots2
        for p in $policies; do
            key=$name.$label.$p
            "$ref" "$cases/$name/chain.pem" "$r" "$h" "$flags" "$p" $at "$level" "$depth" > "$out/$key.openssl" 2>&1
            "$ours" "$cases/$name/chain.pem" "$r" "$h" "$flags" "$p" $at "$level" "$depth" > "$out/$key.ours" 2>&1
            if cmp -s "$out/$key.openssl" "$out/$key.ours"; then
                echo same
            else
                echo "differ $key"
            fi
        done
    done
done < "$cases/cases.txt" > "$out/summary"

ncases=$(wc -l < "$cases/cases.txt")
nconfigs=$(echo "$configs" | wc -l)
npolicies=$(echo $policies | wc -w)
runs=$(wc -l < "$out/summary")
same=$(grep -c '^same$' "$out/summary")
for key in $(grep '^differ' "$out/summary" | head -5 | cut -d' ' -f2); do
    echo "--- $key (openssl / ours)"
    diff "$out/$key.openssl" "$out/$key.ours" | head -12
    shown=$((shown + 1))
done
if [ "$same" -eq "$runs" ] && [ "$runs" -gt 0 ]; then
    echo "x509 events: $((ncases * nconfigs)) cases x $npolicies policies identical"
else
    echo "x509 events: $((runs - same)) of $runs runs differ ($ncases cases x $nconfigs settings x $npolicies policies)"
    exit 1
fi
