#!/bin/sh
# Makes the certificates of the TLS C tests: c-tests/tls/make-certs.sh DIR
#
# Everything is made anew with the openssl command line: keys are random, so
# fingerprints differ from run to run; names are fixed, and so are the
# validity periods of the certificates made with `openssl ca` (marked
# "fixed dates" below). c-tests/nginx/start-tls.sh makes DIR/certs and passes
# it as NEONRS_TLS_DIR; run.sh passes the same kind of directory to the
# certificate tests as NEONRS_CERTS.
#
# Keep this file additive: tests rely on every name below. Add new files and
# list them here.
#
# Authorities (EC P-256 keys *.key, PKCS#8 PEM):
#   ca.pem          "Neon-RS Test Root CA", self-signed, CA:TRUE
#   int.pem         "Neon-RS Test Intermediate CA", signed by ca.pem
#   int-expired.pem "Neon-RS Test Expired Intermediate CA", signed by ca.pem,
#                   fixed dates 2020-01-01 to 2021-01-01
#   other-ca.pem    "Neon-RS Other CA", self-signed, trusted by nobody
# Server certificates for the TLS endpoints (name.pem, key name.key,
# name-chain.pem = certificate + its intermediate if any):
#   server          CN=localhost, DNS:localhost, IP:127.0.0.1, signed by int;
#                   server.key is RSA 2048 (PKCS#8), server-pkcs1.key the same
#                   key as PKCS#1; server-chain.pem = server.pem + int.pem
#   nointermediate-chain.pem  server.pem alone
#   expired         as server, fixed dates 2020-01-01 to 2021-01-01
#   notyet          as server, fixed dates 2090-01-01 to 2091-01-01
#   wronghost       CN=wrong.example, DNS:wrong.example, signed by int
#   dnsonly         CN=localhost, DNS:localhost only, signed by int
#   iponly          CN=localhost, IP:127.0.0.1 only, signed by int
#   untrusted       as server but signed by other-ca (no intermediate);
#                   untrusted.key is EC (PKCS#8), untrusted-sec1.key the same
#                   key as SEC1
#   expired-untrusted  signed by other-ca, fixed dates 2020-01-01 to 2021-01-01
#   selfsigned      CN=localhost, DNS:localhost, IP:127.0.0.1, self-signed,
#                   CA:FALSE
#   badchain        as server but signed by int-expired;
#                   badchain-chain.pem = badchain.pem + int-expired.pem
# Client certificates (clientAuth):
#   client.pem/.key "Neon-RS Test Client", signed by ca; client.p12 (friendly
#                   name "Neon-RS client", no password), client-nomac.p12 (no
#                   MAC), client-enc.p12 (password s3cret, AES), client-3des.p12
#                   (password s3cret, 3DES and SHA-1 MAC)
#   other-client.p12  "Neon-RS Other Client" signed by other-ca, no password
# Client certificates as ne_ssl_clicert_fromuri reads them (PEM and DER):
#   client-pair.pem (client.pem + client.key), client-keyfirst.pem (the key
#   first), client-enc.key (client.key as encrypted PKCS#8, password s3cret,
#   PBES2/AES), client-encpair.pem (client.pem + client-enc.key),
#   client-mismatch.pem (client.pem + server.key), client.der (client.pem
#   as DER)
# Bad input: garbage.pem (text), empty.pem, badbase64.pem (a CERTIFICATE
#   block that is not base64), truncated.pem (the first half of server.pem),
#   key-as-cert.pem (a private key only), garbage.p12, empty.p12,
#   truncated.p12 (the first half of client.p12)
# Certificates for ne_ssl_cert_* (c-tests/neon/ssl_cert.c), signed by ca with
# server.key unless noted:
#   cn-only.pem     CN=localhost, no subjectAltName
#   case-cn.pem     CN=lOcALhost
#   two-cn.pem      O=Neon-RS, CN=first.example, CN=localhost
#   no-cn.pem       O=Neon-RS, OU=No Name: no commonName, no subjectAltName
#   email-only.pem  emailAddress=blah@example.com only
#   multi-ou.pem    C, O, two OUs, CN, emailAddress
#   multi-rdn.pem   C=GB, then O and OU in one RDN, then CN=multi.example
#   utf8.pem bmp.pem t61.pem  OU "H\xc3\xa8llo World" as UTF8String,
#                   BMPString and T61String (ISO-8859-1)
#   san-dns.pem     CN=localhost, DNS:nohost.example.com, DNS:other.example.com
#   wildcard.pem    CN=localhost, DNS:*.example.com
#   san-ip.pem      CN=localhost, IP:127.0.0.1, IP:::1
#   ip-first.pem    CN=localhost, IP:127.0.0.1, DNS:localhost
#   san-uri.pem     CN=localhost, URI:http://nohost.example.com/
#   san-email.pem   CN=localhost, email:neon@example.com (not an identity)
#   dated-expired.pem  CN=localhost, fixed dates 2020-01-01 to 2021-01-01
#   dated-notyet.pem   CN=localhost, fixed dates 2090-01-01 to 2091-01-01
#                      (GeneralizedTime, as from 2050 on)
#   dated-fixed.pem    CN=localhost, fixed dates 2024-02-29 12:00:00 to
#                      2049-12-31 23:59:59
#   dated-gentime.pem  CN=localhost, fixed dates 2045-01-01 to
#                      2055-06-15 12:34:56
# Scratch: *.cnf, *.csr, *.ext, *.db, *.serial, newcerts/.
set -eu

dir=${1:?usage: make-certs.sh DIR}
OPENSSL=${OPENSSL:-openssl}
mkdir -p "$dir/newcerts"
cd "$dir"

eckey() { "$OPENSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

# A request config per string_mask, which decides the ASN.1 type of text
# that is not PrintableString: utf8only (UTF8String), pkix (BMPString),
# default (T61String for ISO-8859-1 text).
for mask in utf8only pkix default; do
    printf '[req]\ndistinguished_name = dn\nstring_mask = %s\nutf8 = yes\n[dn]\n' "$mask" \
        > "req-$mask.cnf"
done

# csr NAME SUBJECT KEY [MASK]
csr() {
    "$OPENSSL" req -new -config "req-${4:-utf8only}.cnf" -key "$3" -subj "$2" -out "$1.csr"
}

# sign NAME ISSUER EXTENSION...: NAME.csr signed by ISSUER, valid from now on.
serial=100
sign() {
    name=$1 issuer=$2
    shift 2
    printf '%s\n' "$@" > "$name.ext"
    serial=$((serial + 1))
    "$OPENSSL" x509 -req -in "$name.csr" -CA "$issuer.pem" -CAkey "$issuer.key" \
        -set_serial "$serial" -days 825 -sha256 -extfile "$name.ext" -out "$name.pem" 2>/dev/null
}

# dated NAME ISSUER START END EXTENSION...: fixed dates, with `openssl ca`.
cat > ca.cnf <<EOF
[ca]
default_ca = test
[test]
database = ca.db
new_certs_dir = newcerts
serial = ca.serial
default_md = sha256
policy = any
unique_subject = no
[any]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
EOF
: > ca.db
echo 1000 > ca.serial
dated() {
    name=$1 issuer=$2 start=$3 end=$4
    shift 4
    printf '%s\n' "$@" > "$name.ext"
    "$OPENSSL" ca -batch -notext -config ca.cnf -cert "$issuer.pem" -keyfile "$issuer.key" \
        -startdate "$start" -enddate "$end" -extfile "$name.ext" -in "$name.csr" \
        -out "$name.pem" 2>/dev/null
}

SERVER_SAN=subjectAltName=DNS:localhost,IP:127.0.0.1
LEAF=basicConstraints=CA:FALSE
CA_EXT="basicConstraints=critical,CA:TRUE"
CA_KU="keyUsage=critical,keyCertSign,cRLSign"

# --- authorities -------------------------------------------------------------
selfsign() { # NAME SUBJECT EXTENSION...
    name=$1 subject=$2
    shift 2
    set -- $(printf -- '-addext %s ' "$@")
    "$OPENSSL" req -x509 -new -config req-utf8only.cnf -key "$name.key" -days 3650 -sha256 \
        -subj "$subject" "$@" -out "$name.pem"
}
eckey ca.key
selfsign ca "/C=GB/O=Neon-RS/CN=Neon-RS Test Root CA" "$CA_EXT" "$CA_KU"
eckey other-ca.key
selfsign other-ca "/C=GB/O=Neon-RS/CN=Neon-RS Other CA" "$CA_EXT" "$CA_KU"
eckey int.key
csr int "/C=GB/O=Neon-RS/CN=Neon-RS Test Intermediate CA" int.key
sign int ca "$CA_EXT" "$CA_KU"
eckey int-expired.key
csr int-expired "/C=GB/O=Neon-RS/CN=Neon-RS Test Expired Intermediate CA" int-expired.key
dated int-expired ca 20200101000000Z 20210101000000Z "$CA_EXT" "$CA_KU"

# --- servers of the TLS endpoints ---------------------------------------------
"$OPENSSL" genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server.key 2>/dev/null
"$OPENSSL" pkey -in server.key -traditional -out server-pkcs1.key
csr server /C=GB/O=Neon-RS/CN=localhost server.key
sign server int "$LEAF" "$SERVER_SAN"
cat server.pem int.pem > server-chain.pem
cp server.pem nointermediate-chain.pem

for name in expired notyet wronghost dnsonly iponly badchain; do eckey "$name.key"; done
csr expired /C=GB/O=Neon-RS/CN=localhost expired.key
dated expired int 20200101000000Z 20210101000000Z "$LEAF" "$SERVER_SAN"
csr notyet /C=GB/O=Neon-RS/CN=localhost notyet.key
dated notyet int 20900101000000Z 20910101000000Z "$LEAF" "$SERVER_SAN"
csr wronghost /C=GB/O=Neon-RS/CN=wrong.example wronghost.key
sign wronghost int "$LEAF" subjectAltName=DNS:wrong.example
csr dnsonly /C=GB/O=Neon-RS/CN=localhost dnsonly.key
sign dnsonly int "$LEAF" subjectAltName=DNS:localhost
csr iponly /C=GB/O=Neon-RS/CN=localhost iponly.key
sign iponly int "$LEAF" subjectAltName=IP:127.0.0.1
csr badchain /C=GB/O=Neon-RS/CN=localhost badchain.key
sign badchain int-expired "$LEAF" "$SERVER_SAN"
for name in expired notyet wronghost dnsonly iponly; do cat "$name.pem" int.pem > "$name-chain.pem"; done
cat badchain.pem int-expired.pem > badchain-chain.pem

eckey untrusted.key
"$OPENSSL" pkey -in untrusted.key -traditional -out untrusted-sec1.key
csr untrusted /C=GB/O=Neon-RS/CN=localhost untrusted.key
sign untrusted other-ca "$LEAF" "$SERVER_SAN"
cp untrusted.pem untrusted-chain.pem
eckey expired-untrusted.key
csr expired-untrusted /C=GB/O=Neon-RS/CN=localhost expired-untrusted.key
dated expired-untrusted other-ca 20200101000000Z 20210101000000Z "$LEAF" "$SERVER_SAN"
cp expired-untrusted.pem expired-untrusted-chain.pem

eckey selfsigned.key
selfsign selfsigned /C=GB/O=Neon-RS/CN=localhost "basicConstraints=critical,CA:FALSE" "$SERVER_SAN"
cp selfsigned.pem selfsigned-chain.pem

# --- client certificates -------------------------------------------------------
CLIENT_EXT="extendedKeyUsage=clientAuth"
eckey client.key
csr client "/C=GB/O=Neon-RS/CN=Neon-RS Test Client" client.key
sign client ca "$LEAF" "$CLIENT_EXT"
p12() { # OUT CERT KEY OPTION...
    out=$1 cert=$2 key=$3
    shift 3
    "$OPENSSL" pkcs12 -export -in "$cert" -inkey "$key" -name "Neon-RS client" "$@" -out "$out"
}
p12 client.p12 client.pem client.key -passout pass:
p12 client-nomac.p12 client.pem client.key -passout pass: -nomac
p12 client-enc.p12 client.pem client.key -passout pass:s3cret
p12 client-3des.p12 client.pem client.key -passout pass:s3cret \
    -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1
eckey other-client.key
csr other-client "/C=GB/O=Neon-RS/CN=Neon-RS Other Client" other-client.key
sign other-client other-ca "$LEAF" "$CLIENT_EXT"
p12 other-client.p12 other-client.pem other-client.key -passout pass:

cat client.pem client.key > client-pair.pem
cat client.key client.pem > client-keyfirst.pem
"$OPENSSL" pkcs8 -topk8 -in client.key -passout pass:s3cret -out client-enc.key
cat client.pem client-enc.key > client-encpair.pem
cat client.pem server.key > client-mismatch.pem
"$OPENSSL" x509 -in client.pem -outform DER -out client.der

# --- bad input -----------------------------------------------------------------
printf 'this is not a certificate\n' > garbage.pem
: > empty.pem
printf -- '-----BEGIN CERTIFICATE-----\n!!!! not base64 !!!!\n-----END CERTIFICATE-----\n' > badbase64.pem
lines=$(wc -l < server.pem)
head -n $((lines / 2)) server.pem > truncated.pem
cp client.key key-as-cert.pem
head -c 1000 /dev/urandom > garbage.p12
: > empty.p12
size=$(wc -c < client.p12)
head -c $((size / 2)) client.p12 > truncated.p12

# --- ne_ssl_cert_* -------------------------------------------------------------
leaf() { # NAME SUBJECT [MASK] [EXTENSION...]
    name=$1 subject=$2 mask=${3:-utf8only}
    shift 2
    [ $# -gt 0 ] && shift
    csr "$name" "$subject" server.key "$mask"
    sign "$name" ca "$LEAF" "$@"
}
leaf cn-only /CN=localhost
leaf case-cn /CN=lOcALhost
leaf two-cn /O=Neon-RS/CN=first.example/CN=localhost
leaf no-cn "/O=Neon-RS/OU=No Name"
leaf email-only /emailAddress=blah@example.com
leaf multi-ou "/C=GB/O=Neon-RS/OU=First OU/OU=Second OU/CN=localhost/emailAddress=neon@example.com"
leaf multi-rdn "/C=GB/O=Neon-RS+OU=Unit/CN=multi.example"
leaf san-dns /CN=localhost "" subjectAltName=DNS:nohost.example.com,DNS:other.example.com
leaf wildcard /CN=localhost "" subjectAltName=DNS:*.example.com
leaf san-ip /CN=localhost "" subjectAltName=IP:127.0.0.1,IP:::1
leaf ip-first /CN=localhost "" subjectAltName=IP:127.0.0.1,DNS:localhost
leaf san-uri /CN=localhost "" subjectAltName=URI:http://nohost.example.com/
leaf san-email /CN=localhost "" subjectAltName=email:neon@example.com
hello=$(printf 'H\303\250llo World')
subject="/C=GB/O=Neon Hackers Ltd/OU=$hello/CN=localhost"
leaf utf8 "$subject" utf8only
leaf bmp "$subject" pkix
leaf t61 "$subject" default

for period in expired:20200101000000Z:20210101000000Z notyet:20900101000000Z:20910101000000Z \
    fixed:20240229120000Z:20491231235959Z gentime:20450101000000Z:20550615123456Z; do
    name=dated-${period%%:*}
    dates=${period#*:}
    csr "$name" /C=GB/O=Neon-RS/CN=localhost server.key
    dated "$name" ca "${dates%:*}" "${dates#*:}" "$LEAF"
done
