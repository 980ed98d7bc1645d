#!/bin/sh
# Regenerates the PKCS#12 fixtures of src/tls/pkcs12.rs and clicert.rs with
# the openssl CLI (made with OpenSSL 3.0 on Debian 12). Run it in this
# directory; the tests only depend on the names, passwords and subjects
# below, not on keys or dates. Password of the encrypted files: "s3cret".
#
#   aes.p12       OpenSSL 3 defaults: certificates in PBES2 (PBKDF2-SHA256,
#                 AES-256-CBC) encrypted data, key in a PBES2 shrouded key
#                 bag, HMAC-SHA256 MAC; friendly name "AES client"
#   legacy.p12    -legacy: certificates RC2-40, key 3DES, SHA-1 MAC;
#                 friendly name "Legacy client"
#   3des.p12      PBE-SHA1-3DES for both, SHA-1 MAC; "3DES client"
#   empty.p12     empty password (what "no password" exports make); "Empty client"
#   nomac.p12     nothing encrypted, no MAC; "Plain client"
#   noname.p12    no friendly name
#   certplain.p12 certificates not encrypted, key encrypted; "Visible client"
#   withca.p12    the CA certificate bundled after the client's; "With CA"
#   nokey.p12     certificate only; "No key"
#   nokey-empty.p12  certificate only, empty password; "No key"
#   rsa.p12       RSA-2048 client, empty password; "RSA client"
#   latin1.p12    as aes.p12 with the password "\u00e9" (given as UTF-8); "Latin-1 client"
# Subjects: CA /CN=PKCS12 Test CA, clients /O=neon-rs/CN=pkcs12 client
# (rsa.p12: /O=neon-rs/CN=pkcs12 rsa client).
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign\n' > "$d/ca.ext"
printf 'extendedKeyUsage=clientAuth\n' > "$d/client.ext"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$d/ca.key" \
    -subj "/CN=PKCS12 Test CA" -days 36500 -out ca.pem 2>/dev/null
client() { # name keytype...
    n=$1; shift
    openssl req -new -newkey "$@" -nodes -keyout "$d/$n.key" -subj "/O=neon-rs/CN=pkcs12 $n" \
        -out "$d/$n.csr" 2>/dev/null
    openssl x509 -req -in "$d/$n.csr" -CA ca.pem -CAkey "$d/ca.key" -set_serial "$(date +%s%N)" \
        -days 36500 -extfile "$d/client.ext" -out "$d/$n.pem" 2>/dev/null
}
client client ec -pkeyopt ec_paramgen_curve:P-256
client "rsa client" rsa:2048
c="-in $d/client.pem -inkey $d/client.key"
openssl pkcs12 -export $c -name "AES client" -passout pass:s3cret -out aes.p12
openssl pkcs12 -export -legacy $c -name "Legacy client" -passout pass:s3cret -out legacy.p12
openssl pkcs12 -export $c -name "3DES client" -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES \
    -macalg sha1 -passout pass:s3cret -out 3des.p12
openssl pkcs12 -export $c -name "Empty client" -passout pass: -out empty.p12
openssl pkcs12 -export $c -name "Plain client" -certpbe NONE -keypbe NONE -nomac -passout pass: \
    -out nomac.p12
openssl pkcs12 -export $c -passout pass:s3cret -out noname.p12
openssl pkcs12 -export $c -name "Visible client" -certpbe NONE -passout pass:s3cret -out certplain.p12
openssl pkcs12 -export $c -certfile ca.pem -name "With CA" -passout pass:s3cret -out withca.p12
openssl pkcs12 -export -in "$d/client.pem" -nokeys -name "No key" -passout pass:s3cret -out nokey.p12
openssl pkcs12 -export -in "$d/client.pem" -nokeys -name "No key" -passout pass: -out nokey-empty.p12
openssl pkcs12 -export -in "$d/rsa client.pem" -inkey "$d/rsa client.key" -name "RSA client" \
    -passout pass: -out rsa.p12
openssl pkcs12 -export $c -name "Latin-1 client" -passout "pass:$(printf '\303\251')" -out latin1.p12
