#!/bin/sh
# Makes a directory of certificate chains for verification tests with the
# openssl command line: DIR/cases.txt ("<name> <host> <description...>" per
# case), DIR/<name>/chain.pem (what a server sends, leaf first),
# DIR/<name>/key.pem (the leaf's key), DIR/ca.pem (every trusted root).
# Validity periods are fixed (`openssl ca -startdate/-enddate`): verify at
# 2025-01-01 (1735689600), when the normal certificates are valid (2020-2040).
# usage: c-tests/x509/make-cases.sh DIR
set -eu
dir=$1
mkdir -p "$dir"
cd "$dir"
w=work
mkdir -p $w
: > $w/index.txt
echo 1000 > $w/serial
: > cases.txt
: > ca.pem

cat > $w/ca.cnf <<'EOF'
[ca]
default_ca = ca_default
[ca_default]
dir = work
database = $dir/index.txt
serial = $dir/serial
new_certs_dir = $dir
policy = policy_any
unique_subject = no
copy_extensions = none
[policy_any]
commonName = optional
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
EOF

cat > $w/ext.cnf <<'EOF'
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_pathlen0]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_bc_noncritical]
basicConstraints = CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_no_ku]
basicConstraints = critical,CA:TRUE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_ku_nosign]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_not_ca]
basicConstraints = critical,CA:FALSE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_nc]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
nameConstraints = critical,permitted;DNS:good.example,excluded;DNS:bad.good.example
[ca_eku_mail]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_under_v1]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ca_ku_only]
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[root_no_bc]
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[leaf_bad_akid]
basicConstraints = CA:FALSE
subjectAltName = DNS:$ENV::SAN
2.5.29.35 = DER:30:16:80:14:00:11:22:33:44:55:66:77:88:99:00:11:22:33:44:55:66:77:88:99
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:$ENV::SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf_ip]
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:ip.good.example
authorityKeyIdentifier = keyid:always
[leaf_cn_only]
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid:always
[leaf_client]
basicConstraints = CA:FALSE
extendedKeyUsage = clientAuth
subjectAltName = DNS:$ENV::SAN
authorityKeyIdentifier = keyid:always
[leaf_ku_crl]
basicConstraints = CA:FALSE
keyUsage = cRLSign
subjectAltName = DNS:$ENV::SAN
authorityKeyIdentifier = keyid:always
[leaf_ns_client]
basicConstraints = CA:FALSE
nsCertType = client
subjectAltName = DNS:$ENV::SAN
authorityKeyIdentifier = keyid:always
[leaf_critical]
basicConstraints = CA:FALSE
subjectAltName = DNS:$ENV::SAN
authorityKeyIdentifier = keyid:always
1.3.6.1.4.1.99999.1 = critical,DER:05:00
[leaf_no_akid]
basicConstraints = CA:FALSE
subjectAltName = DNS:$ENV::SAN
[leaf_pathlen]
basicConstraints = CA:FALSE,pathlen:1
subjectAltName = DNS:$ENV::SAN
authorityKeyIdentifier = keyid:always
[leaf_is_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,keyCertSign
subjectAltName = DNS:$ENV::SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf_v1]
EOF

SAN=unused
export SAN
good=20200101000000Z
end=20400101000000Z

# key NAME [rsa1024|ec]: a key and a request for CN=<subject> (SUBJ).
key() {
    case ${2:-rsa} in
        ec_explicit) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
            -pkeyopt ec_param_enc:explicit -out $w/$1.key 2>/dev/null ;;
        ed25519) openssl genpkey -algorithm ED25519 -out $w/$1.key 2>/dev/null ;;
        rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $w/$1.key 2>/dev/null ;;
        rsa1024) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out $w/$1.key 2>/dev/null ;;
        ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $w/$1.key 2>/dev/null ;;
    esac
}
# cert NAME CN ISSUER EXT [START END MD]: issues NAME (ISSUER "self" for
# self-signed) with its key, named CN, extensions EXT (leaf_v1: none, a
# version 1 certificate). MD "pss" signs with RSA-PSS and SHA-256.
cert() {
    name=$1 cn=$2 issuer=$3 ext=$4 start=${5:-$good} stop=${6:-$end} md=${7:-sha256}
    sigopt=""
    [ "$md" = pss ] && md=sha256 sigopt="-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest"
    [ "$md" = none ] && md=default
    [ -f $w/$name.key ] || key "$name"
    openssl req -new -key $w/$name.key -subj "/CN=$cn" -out $w/$name.csr -config $w/ca.cnf 2>/dev/null
    if [ "$issuer" = self ]; then
        set -- -selfsign -keyfile $w/$name.key
    else
        set -- -cert $w/$issuer.pem -keyfile $w/$issuer.key
    fi
    extargs="-extfile $w/ext.cnf -extensions $ext"
    [ "$ext" = leaf_v1 ] && extargs=""
    # shellcheck disable=SC2086
    openssl ca -batch -notext -config $w/ca.cnf "$@" -in $w/$name.csr -out $w/$name.pem \
        -startdate "$start" -enddate "$stop" -md "$md" $sigopt $extargs > $w/$name.log 2>&1 ||
        { cat $w/$name.log >&2; exit 1; }
}
# add NAME HOST LEAF CERT... : a case sending the certificates, leaf first.
add() {
    name=$1 host=$2 desc=$3
    shift 3
    mkdir -p "$name"
    : > "$name/chain.pem"
    for c in "$@"; do cat $w/$c.pem >> "$name/chain.pem"; done
    cp $w/$1.key "$name/key.pem"
    echo "$name $host $desc" >> cases.txt
}
trusted() { cat $w/$1.pem >> ca.pem; }

# --- trust anchors and intermediates ----------------------------------------
cert root "Test Root" self root
trusted root
cert int "Test Intermediate" root ca
cert root_old "Expired Root" self root 20100101000000Z 20150101000000Z
trusted root_old
cert int_old_root "Intermediate Of Expired Root" root_old ca 20100101000000Z $end
cert root_new "Future Root" self root 20300101000000Z $end
trusted root_new
cert int_new_root "Intermediate Of Future Root" root_new ca
cert untrusted_root "Untrusted Root" self root
cert int_untrusted "Untrusted Intermediate" untrusted_root ca
cert int_expired "Expired Intermediate" root ca 20100101000000Z 20150101000000Z
cert int_notyet "Future Intermediate" root ca 20300101000000Z $end
cert int_pathlen0 "Pathlen0 Intermediate" root ca_pathlen0
cert int_below "Second Intermediate" int_pathlen0 ca
cert int_noncrit "Noncritical BC Intermediate" root ca_bc_noncritical
cert int_noku "No KU Intermediate" root ca_no_ku
cert int_kunosign "No Certsign Intermediate" root ca_ku_nosign
cert int_notca "Not A CA Intermediate" root ca_not_ca
cert int_nc "Constrained Intermediate" root ca_nc
cert int_mail "Mail Intermediate" root ca_eku_mail
cert int_sha1 "SHA1 Intermediate" root ca $good $end sha1
key int_weak rsa1024
cert int_weak "Weak Intermediate" root ca
key int_ec ec
cert int_ec "EC Intermediate" root ca
cert root_v1 "Version 1 Root" self leaf_v1
trusted root_v1
cert int_v1_root "Intermediate Of V1 Root" root_v1 ca_under_v1
cert root_nobc "No BC Root" self root_no_bc
trusted root_nobc
cert int_nobc_root "Intermediate Of No BC Root" root_nobc ca
cert int_kuonly "KU Only Intermediate" root ca_ku_only
key int_ed ed25519
cert int_ed "Ed25519 Intermediate" root ca
cert int_pss "PSS Intermediate" root ca $good $end pss
# A new key for the intermediate's name, certified by the intermediate
# (self-issued, not self-signed).
cert int_roll "Test Intermediate" int ca
# The root's name and key, certified by the untrusted root: an alternative
# chain for the untrusted-first search.
cp $w/root.key $w/cross.key
cert cross "Test Root" untrusted_root ca

# --- cases ------------------------------------------------------------------
leaf() { # leaf NAME CN ISSUER EXT [START END MD] with SAN=CN
    SAN=$2 cert "$@"
}
leaf good www.good.example int leaf
add good www.good.example "valid chain without the root" good int
add good_root www.good.example "valid chain with the root" good int root
leaf direct direct.good.example root leaf
add direct direct.good.example "leaf issued by the root" direct
add wrong_host other.example "valid chain, host not in the certificate" good int
leaf wild "*.wild.good.example" int leaf
add wildcard a.wild.good.example "wildcard name" wild int
leaf ip ip.good.example int leaf_ip
add ip 127.0.0.1 "IP address and DNS names" ip int
leaf cn_only cn.good.example int leaf_cn_only
add cn_only cn.good.example "host name only in the common name" cn_only int
leaf leaf_expired www.good.example int leaf 20100101000000Z 20150101000000Z
add leaf_expired www.good.example "leaf expired" leaf_expired int
leaf leaf_notyet www.good.example int leaf 20300101000000Z $end
add leaf_notyet www.good.example "leaf not yet valid" leaf_notyet int
leaf below_expired www.good.example int_expired leaf
add int_expired www.good.example "intermediate expired" below_expired int_expired
leaf below_notyet www.good.example int_notyet leaf
add int_notyet www.good.example "intermediate not yet valid" below_notyet int_notyet
leaf below_old_root www.good.example int_old_root leaf
add root_expired www.good.example "trusted root expired" below_old_root int_old_root
leaf below_new_root www.good.example int_new_root leaf
add root_notyet www.good.example "trusted root not yet valid" below_new_root int_new_root
leaf all_expired www.good.example int_expired leaf 20100101000000Z 20150101000000Z
add all_expired www.good.example "leaf and intermediate expired" all_expired int_expired
leaf below_untrusted www.good.example int_untrusted leaf
add untrusted_root www.good.example "chain to a root not trusted" below_untrusted int_untrusted untrusted_root
add untrusted_noroot www.good.example "chain to a root not trusted, root not sent" below_untrusted int_untrusted
add missing_int www.good.example "intermediate not sent" good
leaf self_signed self.good.example self leaf
add self_signed self.good.example "self-signed leaf" self_signed
leaf self_ca selfca.good.example self leaf_is_ca
add self_signed_ca selfca.good.example "self-signed leaf marked CA" self_ca
leaf below_notca www.good.example int_notca leaf
add not_ca www.good.example "intermediate is not a CA" below_notca int_notca
leaf below_kunosign www.good.example int_kunosign leaf
add ku_nosign www.good.example "intermediate without keyCertSign" below_kunosign int_kunosign
leaf below_pathlen www.good.example int_below leaf
add pathlen www.good.example "path length 0 exceeded" below_pathlen int_below int_pathlen0
leaf below_noncrit www.good.example int_noncrit leaf
add bc_noncritical www.good.example "CA basicConstraints not critical (strict)" below_noncrit int_noncrit
leaf below_noku www.good.example int_noku leaf
add ca_no_ku www.good.example "CA without keyUsage (strict)" below_noku int_noku
leaf nc_in www.good.example int_nc leaf
add nc_ok www.good.example "inside the name constraints" nc_in int_nc
leaf nc_out www.outside.example int_nc leaf
add nc_permitted www.outside.example "outside the permitted names" nc_out int_nc
leaf nc_excl www.bad.good.example int_nc leaf
add nc_excluded www.bad.good.example "in the excluded names" nc_excl int_nc
leaf nc_cn cn.outside.example int_nc leaf_cn_only
add nc_cn cn.outside.example "common name outside the constraints" nc_cn int_nc
leaf client www.good.example int leaf_client
add eku_client www.good.example "extendedKeyUsage clientAuth only" client int
leaf ku_crl www.good.example int leaf_ku_crl
add ku_crl www.good.example "keyUsage cRLSign only" ku_crl int
leaf ns_client www.good.example int leaf_ns_client
add ns_client www.good.example "nsCertType client only" ns_client int
leaf below_mail www.good.example int_mail leaf
add ca_eku_mail www.good.example "intermediate for e-mail only" below_mail int_mail
leaf below_sha1 www.good.example int_sha1 leaf
add sha1_int www.good.example "intermediate signed with SHA-1" below_sha1 int_sha1
leaf sha1_leaf www.good.example int leaf $good $end sha1
add sha1_leaf www.good.example "leaf signed with SHA-1" sha1_leaf int
leaf md5_leaf www.good.example int leaf $good $end md5
add md5_leaf www.good.example "leaf signed with MD5" md5_leaf int
key weak_leaf rsa1024
leaf weak_leaf www.good.example int leaf
add rsa1024_leaf www.good.example "1024-bit RSA leaf" weak_leaf int
leaf below_weak www.good.example int_weak leaf
add rsa1024_int www.good.example "1024-bit RSA intermediate" below_weak int_weak
key ec_leaf ec
leaf ec_leaf www.good.example int_ec leaf
add ec www.good.example "EC leaf under an EC intermediate" ec_leaf int_ec
leaf critical www.good.example int leaf_critical
add critical www.good.example "unknown critical extension" critical int
leaf no_akid www.good.example int leaf_no_akid
add no_akid www.good.example "leaf without authorityKeyIdentifier (strict)" no_akid int
leaf pathlen_leaf www.good.example int leaf_pathlen
add leaf_pathlen www.good.example "pathlen on a non-CA leaf (strict)" pathlen_leaf int
leaf v1 www.good.example int leaf_v1
add v1_leaf www.good.example "version 1 leaf" v1 int
leaf below_v1 www.good.example int_v1_root leaf
add v1_root www.good.example "trusted version 1 root" below_v1 int_v1_root
leaf below_nobc www.good.example int_nobc_root leaf
add root_no_bc www.good.example "trusted root without basicConstraints" below_nobc int_nobc_root
leaf below_kuonly www.good.example int_kuonly leaf
add int_ku_only www.good.example "intermediate with keyUsage but no basicConstraints" below_kuonly int_kuonly
leaf below_ed www.good.example int_ed leaf $good $end none
add ed25519 www.good.example "Ed25519 intermediate" below_ed int_ed
leaf below_pss www.good.example int_pss leaf $good $end pss
add pss www.good.example "RSA-PSS signatures" below_pss int_pss
key ec_explicit ec_explicit
leaf ec_explicit www.good.example int leaf
add ec_explicit www.good.example "EC leaf key with explicit curve parameters" ec_explicit int
leaf bad_akid www.good.example int leaf_bad_akid
add bad_akid www.good.example "authorityKeyIdentifier of another key" bad_akid int
leaf below_roll www.good.example int_roll leaf
add rollover www.good.example "self-issued intermediate (key rollover)" below_roll int_roll int
cert mimic "Test Root" self root
add mimic www.good.example "self-signed certificate named like the trusted root" mimic
add cross www.good.example "alternative chain through a cross-signed root" good int cross untrusted_root
add order www.good.example "intermediates in another order" below_pathlen int_pathlen0 int_below
# damage SRC DST: DST is SRC with the last byte of its signature flipped.
damage() {
    openssl x509 -in $w/$1.pem -outform DER -out $w/$2.der
    size=$(wc -c < $w/$2.der)
    last=$(od -An -tu1 -j $((size - 1)) $w/$2.der | tr -d ' ')
    # shellcheck disable=SC2059
    printf "$(printf '\\%03o' $((last ^ 1)))" | dd of=$w/$2.der bs=1 seek=$((size - 1)) conv=notrunc 2>/dev/null
    openssl x509 -inform DER -in $w/$2.der -out $w/$2.pem
    cp $w/$1.key $w/$2.key
}
damage good badsig
add bad_signature www.good.example "leaf signature damaged" badsig int
# The other signature types damaged alike (what each leaves on the error
# queue), and a leaf signed by another key of the intermediate's name.
damage ec_leaf badsig_ec
add bad_signature_ec www.good.example "ECDSA leaf signature damaged" badsig_ec int_ec
damage below_pss badsig_pss
add bad_signature_pss www.good.example "RSA-PSS leaf signature damaged" badsig_pss int_pss
damage below_ed badsig_ed
add bad_signature_ed www.good.example "Ed25519 leaf signature damaged" badsig_ed int_ed
damage below_weak badsig_weak
add bad_signature_1024 www.good.example "signature by an RSA-1024 key damaged" badsig_weak int_weak
key int_other
cert int_other "Test Intermediate" self ca
leaf signed_by_other www.good.example int_other leaf_no_akid
add other_key www.good.example "leaf signed by another key of the intermediate's name" signed_by_other int
