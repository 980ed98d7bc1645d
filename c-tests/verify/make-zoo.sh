#!/bin/sh
# The certificate zoo of the verification matrix: c-tests/verify/make-zoo.sh OUTDIR
#
# Made anew at test time with the openssl command line (keys are random; names,
# serials, hosts and the fixed dates are not). Output, shared with other tests
# (keep the format):
#   OUTDIR/cases.txt       one line per case: "<name> <host> <description...>";
#                          host is the name (or IP address) a client checks
#   OUTDIR/<name>/chain.pem  what the server sends: leaf first, then intermediates
#                          (and the root where the case says so)
#   OUTDIR/<name>/key.pem  the leaf's private key
#   OUTDIR/ca.pem          every trusted root
# Scratch (authorities, keys, requests): OUTDIR/pki/.
#
# Trusted roots (ca.pem): "Zoo Root CA" (RSA 2048, the usual one), "Zoo Expired
# Root CA" (2020-2021), "Zoo Future Root CA" (2090-2091), "Zoo SHA-1 Root CA"
# (self-signed with SHA-1). Leaves are EC P-256 and signed with SHA-256 by
# "Zoo Intermediate CA" (RSA 2048, under the root) unless a case says otherwise;
# they carry CN = their first DNS name, basicConstraints CA:FALSE, keyUsage
# digitalSignature, extendedKeyUsage serverAuth, and key identifiers.
set -eu

out=${1:?usage: make-zoo.sh OUTDIR}
OPENSSL=${OPENSSL:-openssl}
mkdir -p "$out/pki"
out=$(cd "$out" && pwd)
w=$out/pki
cd "$w"
: > "$out/cases.txt"
: > log

# Every openssl call logs to pki/log; a failure prints it and stops.
ossl() {
    "$OPENSSL" "$@" >> log 2>&1 || { tail -20 log >&2; echo "make-zoo.sh: openssl $1 failed" >&2; exit 1; }
}

printf '[req]\ndistinguished_name = dn\nstring_mask = utf8only\nutf8 = yes\n[dn]\n' > req.cnf
cat > ca.cnf <<EOF
[ca]
default_ca = zoo
[zoo]
database = ca.db
new_certs_dir = .
serial = ca.serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
organizationName = optional
commonName = supplied
EOF
: > ca.db
echo 5000 > ca.serial

ec_key() { ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
rsa_key() { ossl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$1"; }

# Keys, reused wherever a case does not depend on them being distinct: a
# certificate's issuer is found by name, and every name below is unique
# except in the duplicate-name cases, which use rsa.key on purpose (an RSA
# key like the real one, so only the signature tells them apart).
#   root.key  RSA 2048: Zoo Root CA, Zoo SHA-1 Root CA
#   int.key   RSA 2048: Zoo Intermediate CA (RSA, so it can sign with MD5 and SHA-1)
#   rsa.key   RSA 2048: RSA leaves, the duplicate-name authorities. Of three
#             new keys it is the one with the smallest modulus, so a signature
#             it makes is below the others' moduli (see bad_padding below).
for k in 1 2 3; do
    rsa_key "rsa$k.tmp" 2048
    echo "$("$OPENSSL" rsa -in "rsa$k.tmp" -noout -modulus) rsa$k.tmp"
done | LC_ALL=C sort | {
    read -r _ small && read -r _ mid && read -r _ large
    mv "$small" rsa.key && mv "$mid" root.key && mv "$large" int.key
}
[ -f rsa.key ] && [ -f root.key ] && [ -f int.key ] || { echo "make-zoo.sh: RSA keys" >&2; exit 1; }
rsa_key rsa1024.key 1024  # the weak leaf and intermediate
ec_key leaf.key           # EC leaves
ec_key ca.key             # every other authority
ec_key other.key          # untrusted and duplicate-name authorities

# cert NAME SUBJECT KEY ISSUER MD EXTENSION...: pki/NAME.pem (and NAME.key, a
# copy of KEY), valid from now for ten years, signed by pki/ISSUER.pem with
# digest MD; ISSUER "self" makes it self-signed. openssl adds key identifiers
# unless an extension line sets them to none.
serial=100
cert() {
    name=$1 subject=$2 key=$3 issuer=$4 md=$5
    shift 5
    printf '%s\n' "$@" > "$name.ext"
    [ "$key" = "$name.key" ] || cp "$key" "$name.key"
    ossl req -new -config req.cnf -key "$key" -subj "$subject" -out "$name.csr"
    serial=$((serial + 1))
    if [ "$issuer" = self ]; then
        set -- -signkey "$key"
    else
        set -- -CA "$issuer.pem" -CAkey "$issuer.key"
    fi
    ossl x509 -req -in "$name.csr" "$@" -set_serial "$serial" -days 3650 "-$md" \
        -extfile "$name.ext" -out "$name.pem"
}

# dated NAME SUBJECT KEY ISSUER START END EXTENSION...: as cert, with fixed
# dates (openssl ca), SHA-256.
dated() {
    name=$1 subject=$2 key=$3 issuer=$4 start=$5 end=$6
    shift 6
    printf '%s\n' "$@" > "$name.ext"
    [ "$key" = "$name.key" ] || cp "$key" "$name.key"
    ossl req -new -config req.cnf -key "$key" -subj "$subject" -out "$name.csr"
    if [ "$issuer" = self ]; then
        set -- -selfsign -keyfile "$key"
    else
        set -- -cert "$issuer.pem" -keyfile "$issuer.key"
    fi
    ossl ca -batch -notext -preserveDN -config ca.cnf "$@" -startdate "$start" -enddate "$end" \
        -extfile "$name.ext" -in "$name.csr" -out "$name.pem"
}

# der NAME / pem NAME: convert pki/NAME.pem to NAME.der and back, byte-exact.
der() { ossl x509 -in "$1.pem" -outform DER -out "$1.der"; }
pem() {
    { echo "-----BEGIN CERTIFICATE-----"; "$OPENSSL" base64 -in "$1.der"; echo "-----END CERTIFICATE-----"; } > "$1.pem"
}

# flip_last NAME MASK: the last byte of the certificate (inside its
# signature) XOR MASK.
flip_last() {
    der "$1"
    size=$(wc -c < "$1.der")
    last=$(tail -c 1 "$1.der" | od -An -tu1 | tr -d ' \n')
    head -c $((size - 1)) "$1.der" > "$1.tmp"
    # shellcheck disable=SC2059
    printf "\\$(printf %03o $((last ^ $2)))" >> "$1.tmp"
    mv "$1.tmp" "$1.der"
    pem "$1"
}

# A wrong RSA signature is reported by OpenSSL by the first check it fails,
# which depends on the random keys: "data too large for modulus" (signature
# above the modulus), "invalid padding" (first byte not 0), "block type is
# not 01", ... neon passes that text on. So the zoo's wrong signatures are
# chosen to fail as "invalid padding" every time:
# bad_padding NAME KEY: whether the last 256 bytes of pki/NAME.pem (an RSA
# 2048 signature), raised to KEY's public exponent, are below its modulus and
# begin with a byte other than 0.
bad_padding() {
    der "$1"
    tail -c 256 "$1.der" > "$1.sig"
    "$OPENSSL" pkeyutl -verifyrecover -inkey "$2" -pkeyopt rsa_padding_mode:none \
        -in "$1.sig" -out "$1.raw" 2> /dev/null || return 1
    [ "$(head -c 1 "$1.raw" | od -An -tu1 | tr -d ' \n')" != 0 ]
}

# flip_sig NAME KEY: one bit of the signature's last byte flipped, the first
# bit (of eight) that makes it fail as "invalid padding" against KEY.
flip_sig() {
    cp "$1.pem" "$1.orig"
    for mask in 1 2 4 8 16 32 64 128; do
        cp "$1.orig" "$1.pem"
        flip_last "$1" $mask
        bad_padding "$1" "$2" && return 0
    done
    echo "make-zoo.sh: no flipped bit of $1 fails as bad padding" >&2
    exit 1
}

# wrong_sig NAME KEY COMMAND...: COMMAND makes pki/NAME.pem, signed by
# another key than KEY; it is repeated (each time with a new serial, so a
# new signature) until the signature fails as "invalid padding" against KEY.
wrong_sig() {
    ws_name=$1 ws_key=$2
    shift 2
    for try in 1 2 3 4 5 6 7 8; do
        "$@"
        bad_padding "$ws_name" "$ws_key" && return 0
    done
    echo "make-zoo.sh: no signature of $ws_name fails as bad padding" >&2
    exit 1
}

# nul_resign NAME TEXT ISSUER: in certificate NAME, the first '#' of the text
# TEXT becomes a NUL byte; the certificate is then signed again by ISSUER (an
# RSA 2048 key with SHA-256, so the signature keeps its length and the
# outer encoding its lengths).
nul_resign() {
    name=$1 text=$2 issuer=$3
    der "$name"
    at=$(grep -obUa -- "$text" "$name.der" | head -1 | cut -d: -f1)
    [ -n "$at" ] || { echo "make-zoo.sh: '$text' not in $name" >&2; exit 1; }
    hash=${text%%#*}
    printf '\000' | dd of="$name.der" bs=1 seek=$((at + ${#hash})) conv=notrunc status=none
    # Certificate ::= SEQUENCE { tbs SEQUENCE (30 82 hi lo ...), algorithm, signature }
    set -- $(head -c 8 "$name.der" | od -An -tu1)
    [ "$1 $2 $5 $6" = "48 130 48 130" ] || { echo "make-zoo.sh: unexpected encoding of $name" >&2; exit 1; }
    tbs_len=$((4 + $7 * 256 + $8))
    tail -c +5 "$name.der" | head -c "$tbs_len" > "$name.tbs"
    ossl dgst -sha256 -sign "$issuer.key" -out "$name.sig" "$name.tbs"
    [ "$(wc -c < "$name.sig")" -eq 256 ] || { echo "make-zoo.sh: signature size" >&2; exit 1; }
    size=$(wc -c < "$name.der")
    head -c $((size - 256)) "$name.der" > "$name.tmp"
    cat "$name.sig" >> "$name.tmp"
    mv "$name.tmp" "$name.der"
    pem "$name"
}

# emit CASE HOST DESCRIPTION CERT...: OUTDIR/CASE/chain.pem is the CERTs in
# order, key.pem the first one's key.
emit() {
    name=$1 host=$2 desc=$3
    shift 3
    mkdir -p "$out/$name"
    for c in "$@"; do cat "$c.pem"; done > "$out/$name/chain.pem"
    cp "$1.key" "$out/$name/key.pem"
    printf '%s %s %s\n' "$name" "$host" "$desc" >> "$out/cases.txt"
}

O="/O=Neon-RS Verify Zoo"
CA_BC="basicConstraints=critical,CA:TRUE"
CA_KU="keyUsage=critical,keyCertSign,cRLSign"
BC="basicConstraints=critical,CA:FALSE"
KU="keyUsage=critical,digitalSignature"
EKU="extendedKeyUsage=serverAuth"
H=www.example.com
SAN="subjectAltName=DNS:$H"
# leaf NAME ISSUER CN [EXTENSION...]: an EC leaf with the usual extensions
# and the given ones (a subjectAltName, usually).
leaf() {
    name=$1 issuer=$2 cn=$3
    shift 3
    cert "$name" "$O/CN=$cn" leaf.key "$issuer" sha256 "$BC" "$KU" "$EKU" "$@"
}
# ca NAME CN KEY ISSUER [MD [EXTENSION...]]: an intermediate (or, with
# ISSUER self, a root) with the usual CA extensions and the given ones.
ca() {
    name=$1 cn=$2 key=$3 issuer=$4 md=${5:-sha256}
    shift 4
    [ $# -gt 0 ] && shift
    cert "$name" "$O/CN=$cn" "$key" "$issuer" "$md" "$CA_BC" "$CA_KU" "$@"
}

# --- authorities ---------------------------------------------------------------
ca root "Zoo Root CA" root.key self
ca int "Zoo Intermediate CA" int.key root
dated root-expired "$O/CN=Zoo Expired Root CA" ca.key self 20200101000000Z 20210101000000Z "$CA_BC" "$CA_KU"
dated root-notyet "$O/CN=Zoo Future Root CA" ca.key self 20900101000000Z 20910101000000Z "$CA_BC" "$CA_KU"
ca root-sha1 "Zoo SHA-1 Root CA" root.key self sha1
cat root.pem root-expired.pem root-notyet.pem root-sha1.pem > "$out/ca.pem"
ca root-untrusted "Zoo Untrusted Root CA" other.key self

# --- good ----------------------------------------------------------------------
leaf good-root root $H "$SAN"
emit good-root $H "valid leaf signed by the root; chain: leaf" good-root
leaf good-int int $H "$SAN"
emit good-int $H "valid leaf under the intermediate; chain: leaf, intermediate" good-int int
emit good-int-root $H "valid leaf under the intermediate; chain: leaf, intermediate, root" good-int int root
cert good-rsa "$O/CN=$H" rsa.key int sha256 "$BC" "keyUsage=critical,digitalSignature,keyEncipherment" "$EKU" "$SAN"
emit good-rsa $H "valid RSA 2048 leaf under the intermediate" good-rsa int
leaf good-ip int "Zoo IP Leaf" subjectAltName=IP:127.0.0.1
emit good-ip 127.0.0.1 "IP SAN 127.0.0.1, host the address 127.0.0.1" good-ip int

# --- validity dates --------------------------------------------------------------
dated expired-leaf "$O/CN=$H" leaf.key int 20200101000000Z 20210101000000Z "$BC" "$KU" "$EKU" "$SAN"
emit expired-leaf $H "leaf expired (2020-2021), under the intermediate" expired-leaf int
dated notyet-leaf "$O/CN=$H" leaf.key int 20900101000000Z 20910101000000Z "$BC" "$KU" "$EKU" "$SAN"
emit notyet-leaf $H "leaf not yet valid (2090-2091), under the intermediate" notyet-leaf int
dated int-expired "$O/CN=Zoo Expired Intermediate CA" ca.key root 20200101000000Z 20210101000000Z "$CA_BC" "$CA_KU"
leaf expired-int int-expired $H "$SAN"
emit expired-int $H "valid leaf under an expired intermediate (2020-2021)" expired-int int-expired
dated int-notyet "$O/CN=Zoo Future Intermediate CA" ca.key root 20900101000000Z 20910101000000Z "$CA_BC" "$CA_KU"
leaf notyet-int int-notyet $H "$SAN"
emit notyet-int $H "valid leaf under a not yet valid intermediate (2090-2091)" notyet-int int-notyet
leaf expired-root root-expired $H "$SAN"
emit expired-root $H "valid leaf signed by a trusted but expired root (2020-2021); chain: leaf" expired-root
leaf notyet-root root-notyet $H "$SAN"
emit notyet-root $H "valid leaf signed by a trusted root not yet valid (2090-2091); chain: leaf" notyet-root

# --- host names ------------------------------------------------------------------
leaf wrong-host int other.example.com subjectAltName=DNS:other.example.com
emit wrong-host $H "leaf for other.example.com only" wrong-host int

# wild CASE HOST PATTERN DESCRIPTION: a leaf with DNS name PATTERN.
wild() {
    leaf "$1" int "$3" "subjectAltName=DNS:$3"
    emit "$1" "$2" "$4" "$1" int
}
wild wild-ok foo.example.com '*.example.com' "DNS *.example.com, host one label below"
wild wild-apex example.com '*.example.com' "DNS *.example.com, host the bare domain"
wild wild-deep a.b.example.com '*.example.com' "DNS *.example.com, host two labels below"
wild wild-tld example.com '*.com' "DNS *.com (wildcard over a top-level domain)"
wild wild-star $H '*' "DNS * alone"
wild wild-prefix foo.example.com 'f*.example.com' "DNS f*.example.com (partial wildcard, prefix)"
wild wild-suffix foo.example.com '*o.example.com' "DNS *o.example.com (partial wildcard, suffix)"
wild wild-infix foo.example.com 'f*o.example.com' "DNS f*o.example.com (partial wildcard, inside)"
wild wild-double a.b.example.com '*.*.example.com' "DNS *.*.example.com (two wildcards)"
wild wild-second www.foo.example.com 'www.*.example.com' "DNS www.*.example.com (wildcard in the second label)"
wild wild-xn-label xn--caf-dma.example.com 'xn--*.example.com' "DNS xn--*.example.com (wildcard inside an A-label)"
wild wild-over-xn www.xn--caf-dma.example '*.xn--caf-dma.example' "DNS *.xn--caf-dma.example, host www.xn--caf-dma.example"
wild wild-partial-xn xn--caf-dma.example.com 'x*.example.com' "DNS x*.example.com, host an A-label xn--caf-dma.example.com"
wild wild-case foo.example.com '*.EXAMPLE.COM' "DNS *.EXAMPLE.COM (upper case), host foo.example.com"
wild wild-ip 127.0.0.1 '*.0.0.1' "DNS *.0.0.1, host the address 127.0.0.1"
cert wild-cn "$O/CN=*.example.com" leaf.key int sha256 "$BC" "$KU" "$EKU"
emit wild-cn foo.example.com "CN *.example.com, no subjectAltName" wild-cn int

# --- IP addresses ----------------------------------------------------------------
leaf ip-as-dns int "Zoo IP Leaf" subjectAltName=DNS:127.0.0.1
emit ip-as-dns 127.0.0.1 "DNS SAN \"127.0.0.1\" (not an IP SAN), host the address 127.0.0.1" ip-as-dns int
cert ip-cn "$O/CN=127.0.0.1" leaf.key int sha256 "$BC" "$KU" "$EKU"
emit ip-cn 127.0.0.1 "CN 127.0.0.1, no subjectAltName, host the address 127.0.0.1" ip-cn int
leaf ip-wrong int "Zoo IP Leaf" subjectAltName=IP:127.0.0.2
emit ip-wrong 127.0.0.1 "IP SAN 127.0.0.2, host the address 127.0.0.1" ip-wrong int
emit ip-vs-name $H "IP SAN 127.0.0.1 and CN \"Zoo IP Leaf\", host www.example.com" good-ip int

# --- common name -----------------------------------------------------------------
cert cn-only "$O/CN=$H" leaf.key int sha256 "$BC" "$KU" "$EKU"
emit cn-only $H "CN www.example.com, no subjectAltName" cn-only int
leaf cn-ip-san int $H subjectAltName=IP:10.0.0.1
emit cn-ip-san $H "CN www.example.com, subjectAltName with only IP 10.0.0.1" cn-ip-san int
leaf cn-email-san int $H subjectAltName=email:zoo@example.com
emit cn-email-san $H "CN www.example.com, subjectAltName with only email zoo@example.com" cn-email-san int
leaf cn-other-dns int $H subjectAltName=DNS:other.example.com
emit cn-other-dns $H "CN www.example.com, subjectAltName DNS other.example.com" cn-other-dns int

# --- trust -----------------------------------------------------------------------
leaf untrusted-root root-untrusted $H "$SAN"
emit untrusted-root $H "leaf signed by an untrusted root; chain: leaf" untrusted-root
emit untrusted-root-sent $H "leaf signed by an untrusted root; chain: leaf, that root" untrusted-root root-untrusted
emit missing-int $H "leaf under the intermediate; chain: leaf only" good-int
cert self-signed "$O/CN=$H" leaf.key self sha256 "$BC" "$KU" "$EKU" "$SAN"
emit self-signed $H "self-signed leaf (CA:FALSE)" self-signed

# --- authority constraints ---------------------------------------------------------
cert ca-false "$O/CN=Zoo CA-FALSE Intermediate" ca.key root sha256 "$BC" "$CA_KU"
leaf int-ca-false ca-false $H "$SAN"
emit int-ca-false $H "intermediate with basicConstraints CA:FALSE" int-ca-false ca-false
cert ca-no-bc "$O/CN=Zoo No-BC Intermediate" ca.key root sha256 "$CA_KU"
leaf int-no-bc ca-no-bc $H "$SAN"
emit int-no-bc $H "intermediate without basicConstraints" int-no-bc ca-no-bc
cert ca-no-certsign "$O/CN=Zoo No-CertSign Intermediate" ca.key root sha256 "$CA_BC" "keyUsage=critical,digitalSignature"
leaf int-no-certsign ca-no-certsign $H "$SAN"
emit int-no-certsign $H "intermediate CA:TRUE with keyUsage digitalSignature only (no keyCertSign)" int-no-certsign ca-no-certsign
ca int-pathlen0 "Zoo Pathlen-0 Intermediate" ca.key root sha256 "basicConstraints=critical,CA:TRUE,pathlen:0"
ca int-sub "Zoo Sub-Intermediate" ca.key int-pathlen0
leaf pathlen0-violated int-sub $H "$SAN"
emit pathlen0-violated $H "leaf under a second intermediate below a pathlen:0 intermediate" pathlen0-violated int-sub int-pathlen0
leaf pathlen0-ok int-pathlen0 $H "$SAN"
emit pathlen0-ok $H "leaf directly under a pathlen:0 intermediate" pathlen0-ok int-pathlen0
cert leaf-is-ca "$O/CN=$H" leaf.key int sha256 "$CA_BC" "keyUsage=critical,digitalSignature,keyCertSign" "$EKU" "$SAN"
emit leaf-is-ca $H "leaf with basicConstraints CA:TRUE" leaf-is-ca int

# --- name constraints --------------------------------------------------------------
ca int-nc-permit "Zoo Permitted-Names Intermediate" ca.key root sha256 "nameConstraints=critical,permitted;DNS:example.com"
ca int-nc-exclude "Zoo Excluded-Names Intermediate" ca.key root sha256 "nameConstraints=critical,excluded;DNS:bad.example.com"
leaf nc-permit-in int-nc-permit $H "$SAN"
emit nc-permit-in $H "intermediate permits DNS example.com; leaf www.example.com" nc-permit-in int-nc-permit
leaf nc-permit-out int-nc-permit www.example.org subjectAltName=DNS:www.example.org
emit nc-permit-out www.example.org "intermediate permits DNS example.com; leaf www.example.org" nc-permit-out int-nc-permit
cert nc-permit-cn-out "$O/CN=www.example.org" leaf.key int-nc-permit sha256 "$BC" "$KU" "$EKU"
emit nc-permit-cn-out www.example.org "intermediate permits DNS example.com; leaf CN www.example.org, no subjectAltName" nc-permit-cn-out int-nc-permit
leaf nc-exclude-in int-nc-exclude www.bad.example.com subjectAltName=DNS:www.bad.example.com
emit nc-exclude-in www.bad.example.com "intermediate excludes DNS bad.example.com; leaf www.bad.example.com" nc-exclude-in int-nc-exclude
leaf nc-exclude-out int-nc-exclude $H "$SAN"
emit nc-exclude-out $H "intermediate excludes DNS bad.example.com; leaf www.example.com" nc-exclude-out int-nc-exclude

# --- key usage ---------------------------------------------------------------------
cert eku-client-leaf "$O/CN=$H" leaf.key int sha256 "$BC" "$KU" extendedKeyUsage=clientAuth "$SAN"
emit eku-client-leaf $H "leaf extendedKeyUsage clientAuth only" eku-client-leaf int
cert eku-any-leaf "$O/CN=$H" leaf.key int sha256 "$BC" "$KU" extendedKeyUsage=anyExtendedKeyUsage "$SAN"
emit eku-any-leaf $H "leaf extendedKeyUsage anyExtendedKeyUsage only" eku-any-leaf int
cert eku-absent "$O/CN=$H" leaf.key int sha256 "$BC" "$KU" "$SAN"
emit eku-absent $H "leaf without extendedKeyUsage" eku-absent int
ca int-eku-client "Zoo ClientAuth Intermediate" ca.key root sha256 extendedKeyUsage=clientAuth
leaf eku-client-int int-eku-client $H "$SAN"
emit eku-client-int $H "intermediate with extendedKeyUsage clientAuth only" eku-client-int int-eku-client
cert ku-nonrep "$O/CN=$H" leaf.key int sha256 "$BC" "keyUsage=critical,nonRepudiation" "$EKU" "$SAN"
emit ku-nonrep $H "EC leaf keyUsage nonRepudiation only" ku-nonrep int
cert ku-keyagree "$O/CN=$H" leaf.key int sha256 "$BC" "keyUsage=critical,keyAgreement" "$EKU" "$SAN"
emit ku-keyagree $H "EC leaf keyUsage keyAgreement only (no digitalSignature)" ku-keyagree int
cert ku-keyenc-rsa "$O/CN=$H" rsa.key int sha256 "$BC" "keyUsage=critical,keyEncipherment" "$EKU" "$SAN"
emit ku-keyenc-rsa $H "RSA leaf keyUsage keyEncipherment only (no digitalSignature)" ku-keyenc-rsa int

# --- signature algorithms and key sizes ------------------------------------------------
cert md5-leaf "$O/CN=$H" leaf.key int md5 "$BC" "$KU" "$EKU" "$SAN"
emit md5-leaf $H "leaf signed with MD5 (RSA)" md5-leaf int
ca int-md5 "Zoo MD5-Signed Intermediate" ca.key root md5
leaf md5-int int-md5 $H "$SAN"
emit md5-int $H "intermediate signed with MD5 (RSA)" md5-int int-md5
cert sha1-leaf "$O/CN=$H" leaf.key int sha1 "$BC" "$KU" "$EKU" "$SAN"
emit sha1-leaf $H "leaf signed with SHA-1 (RSA)" sha1-leaf int
ca int-sha1 "Zoo SHA-1-Signed Intermediate" ca.key root sha1
leaf sha1-int int-sha1 $H "$SAN"
emit sha1-int $H "intermediate signed with SHA-1 (RSA)" sha1-int int-sha1
leaf sha1-root root-sha1 $H "$SAN"
emit sha1-root $H "leaf (SHA-256) under a trusted root self-signed with SHA-1" sha1-root
cert rsa1024-leaf "$O/CN=$H" rsa1024.key int sha256 "$BC" "keyUsage=critical,digitalSignature,keyEncipherment" "$EKU" "$SAN"
emit rsa1024-leaf $H "RSA 1024 leaf" rsa1024-leaf int
ca int-rsa1024 "Zoo RSA-1024 Intermediate" rsa1024.key root
leaf rsa1024-int int-rsa1024 $H "$SAN"
emit rsa1024-int $H "RSA 1024 intermediate" rsa1024-int int-rsa1024

# --- extensions ----------------------------------------------------------------------
UNKNOWN=1.3.6.1.4.1.55555.1
leaf critext-leaf int $H "$SAN" "$UNKNOWN=critical,ASN1:UTF8String:zoo"
emit critext-leaf $H "leaf with an unknown critical extension" critext-leaf int
leaf noncritext-leaf int $H "$SAN" "$UNKNOWN=ASN1:UTF8String:zoo"
emit noncritext-leaf $H "leaf with an unknown non-critical extension" noncritext-leaf int
ca int-critext "Zoo Critical-Extension Intermediate" ca.key root sha256 "$UNKNOWN=critical,ASN1:UTF8String:zoo"
leaf critext-int int-critext $H "$SAN"
emit critext-int $H "intermediate with an unknown critical extension" critext-int int-critext

# --- broken signatures ------------------------------------------------------------------
leaf badsig-leaf int $H "$SAN"
flip_sig badsig-leaf int.key
emit badsig-leaf $H "leaf with one bit of its signature flipped" badsig-leaf int
cp int.pem int-badsig.pem
cp int.key int-badsig.key
flip_sig int-badsig root.key
emit badsig-int $H "valid leaf; the intermediate sent has one bit of its signature flipped" good-int int-badsig

# --- NUL bytes in names --------------------------------------------------------------------
cert nul-cn "$O/CN=$H#.evil.com" leaf.key int sha256 "$BC" "$KU" "$EKU"
nul_resign nul-cn "$H#.evil.com" int
emit nul-cn $H "CN \"www.example.com\\0.evil.com\" (NUL byte), no subjectAltName" nul-cn int
hex=$(printf '%s\000.evil.com' $H | od -An -tx1 -v | tr -s ' \n' '  ' | sed 's/^ //; s/ $//; s/ /:/g')
n=$((${#H} + 10))
cert nul-san "$O/CN=Zoo NUL SAN Leaf" leaf.key int sha256 "$BC" "$KU" "$EKU" \
    "subjectAltName=DER:30:$(printf %02x $((n + 2))):82:$(printf %02x $n):$hex"
emit nul-san $H "DNS SAN \"www.example.com\\0.evil.com\" (NUL byte)" nul-san int

# --- duplicate names, other keys ------------------------------------------------------------
NOKID="authorityKeyIdentifier=none"
ca dup-root "Zoo Root CA" rsa.key self
wrong_sig dupname-root root.key \
    cert dupname-root "$O/CN=$H" leaf.key dup-root sha256 "$BC" "$KU" "$EKU" "$SAN" "$NOKID"
emit dupname-root $H "leaf signed by another key named \"Zoo Root CA\" (no key identifier); chain: leaf" dupname-root
leaf dupname-root-akid dup-root $H "$SAN"
emit dupname-root-akid $H "leaf signed by another key named \"Zoo Root CA\" (with its key identifier); chain: leaf" dupname-root-akid
ca dup-int "Zoo Intermediate CA" rsa.key root
wrong_sig dupname-int int.key \
    cert dupname-int "$O/CN=$H" leaf.key dup-int sha256 "$BC" "$KU" "$EKU" "$SAN" "$NOKID"
emit dupname-int $H "leaf signed by another key named \"Zoo Intermediate CA\" (no key identifier); chain: leaf, the real intermediate" dupname-int int
leaf dupname-int-akid dup-int $H "$SAN"
emit dupname-int-akid $H "leaf signed by another key named \"Zoo Intermediate CA\" (with its key identifier); chain: leaf, the real intermediate" dupname-int-akid int

echo "make-zoo.sh: $(wc -l < "$out/cases.txt") cases in $out"
