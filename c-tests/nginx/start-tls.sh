#!/bin/sh
# Starts nginx with TLS endpoints on 127.0.0.1 (consecutive ephemeral ports)
# with its own config in DIR, after generating the test PKI with
# c-tests/tls/make-certs.sh into DIR/certs. The server stops when the pid in
# DIR/nginx.pid is killed. Plain-HTTP nginx is c-tests/nginx/start.sh
# (unchanged); this is its TLS sibling.
#
#   c-tests/nginx/start-tls.sh DIR
#
# On success it writes DIR/env, a shell fragment of `export NAME=VALUE`
# lines (run.sh sources it), prints the same lines on stdout and exits 0.
#
# Environment variables for the tests:
#   NEONRS_TLS_DIR      the certificate directory (DIR/certs; file names are
#                       documented at the top of c-tests/tls/make-certs.sh)
#   NEONRS_TLS_LOG      nginx's access log, shared by all endpoints, one line
#                       per request:
#                         <server_port> <ssl_protocol> reused=<r|.> verify=<ssl_client_verify> sni=<ssl_server_name> "<request line>" <status>
#                       e.g. 40012 TLSv1.3 reused=r verify=NONE sni=localhost "GET /hello.txt?x HTTP/1.1" 200
#                       ($ssl_session_reused is "r" for a resumed handshake,
#                       "." otherwise; sni is "-" when none was sent; on the
#                       plain port the TLS fields are "-"). Lines are written when a request
#                       completes, possibly just after the client has the
#                       response: tests that count should mark their requests
#                       (a unique query string) and wait for the count.
#   NEONRS_TLS_PLAIN    a plain HTTP port of the same nginx (for "https to an
#                       http port")
#   NEONRS_TLS_<NAME>_12   port of endpoint NAME, TLSv1.2 only
#   NEONRS_TLS_<NAME>_13   port of endpoint NAME, TLSv1.2 and TLSv1.3 (clients
#                          that can negotiate 1.3 do)
# Endpoints (certificate files in NEONRS_TLS_DIR):
#   VALID          server-chain.pem: CN=localhost, SAN DNS:localhost IP:127.0.0.1,
#                  leaf + intermediate; verifies when ca.pem is trusted
#   CLICERT        as VALID, plus `ssl_verify_client on` with ca.pem as the
#                  client CA (its name is sent in the CertificateRequest).
#                  nginx completes the handshake without a client certificate
#                  and answers 400 ("No required SSL certificate was sent");
#                  a certificate from another CA also gets 400
#   EXPIRED        expired-chain.pem       leaf expired
#   NOTYET         notyet-chain.pem        leaf not yet valid
#   WRONGHOST      wronghost-chain.pem     CN/SAN wrong.example
#   DNSONLY        dnsonly-chain.pem       SAN DNS:localhost only (IDMISMATCH for 127.0.0.1)
#   IPONLY         iponly-chain.pem        SAN IP:127.0.0.1 only (IDMISMATCH for localhost)
#   UNTRUSTED      untrusted-chain.pem     issued by the untrusted other-ca
#   EXPUNTRUSTED   expired-untrusted-chain.pem  expired and issued by other-ca
#   SELFSIGNED     selfsigned-chain.pem    self-signed leaf
#   NOINTERMEDIATE nointermediate-chain.pem  the valid leaf without its intermediate
#   BADCHAIN       badchain-chain.pem      valid leaf, its intermediate expired
# Every endpoint serves DIR/www (hello.txt "hello from nginx\n", empty.txt,
# 1m.bin of 1048576 'x', dir/file.txt "nested\n"); session tickets and a
# shared session cache are enabled (resumption by ticket or by id).
set -eu
dir=$1
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir/www/dir" "$dir/tmp"
dir=$(cd "$dir" && pwd)
chmod 755 "$dir" "$dir/www"
chmod 777 "$dir/tmp"
printf 'hello from nginx\n' > "$dir/www/hello.txt"
: > "$dir/www/empty.txt"
head -c 1048576 /dev/zero | tr '\0' 'x' > "$dir/www/1m.bin"
printf 'nested\n' > "$dir/www/dir/file.txt"

"$here/../tls/make-certs.sh" "$dir/certs" >&2
certs=$dir/certs
chmod 755 "$certs"

endpoints="VALID CLICERT EXPIRED NOTYET WRONGHOST DNSONLY IPONLY UNTRUSTED EXPUNTRUSTED SELFSIGNED NOINTERMEDIATE BADCHAIN"

chain_of() {
    case $1 in
        VALID|CLICERT) echo server-chain.pem ;;
        EXPIRED) echo expired-chain.pem ;;
        NOTYET) echo notyet-chain.pem ;;
        WRONGHOST) echo wronghost-chain.pem ;;
        DNSONLY) echo dnsonly-chain.pem ;;
        IPONLY) echo iponly-chain.pem ;;
        UNTRUSTED) echo untrusted-chain.pem ;;
        EXPUNTRUSTED) echo expired-untrusted-chain.pem ;;
        SELFSIGNED) echo selfsigned-chain.pem ;;
        NOINTERMEDIATE) echo nointermediate-chain.pem ;;
        BADCHAIN) echo badchain-chain.pem ;;
    esac
}
key_of() {
    case $1 in
        VALID|CLICERT|NOINTERMEDIATE) echo server.key ;;
        EXPUNTRUSTED) echo expired-untrusted.key ;;
        *) chain_of "$1" | sed 's/-chain\.pem$/.key/' ;;
    esac
}

. "$here/lib.sh"

write_conf() {
    port=$base
    : > "$dir/env.new"
    echo "export NEONRS_TLS_DIR=$certs" >> "$dir/env.new"
    echo "export NEONRS_TLS_LOG=$dir/access.log" >> "$dir/env.new"
    echo "export NEONRS_TLS_PLAIN=$port" >> "$dir/env.new"
    servers="    server { listen 127.0.0.1:$port; root $dir/www; }
"
    for ep in $endpoints; do
        for v in 12 13; do
            port=$((port + 1))
            if [ $v = 12 ]; then protos="TLSv1.2"; else protos="TLSv1.2 TLSv1.3"; fi
            extra=""
            if [ "$ep" = CLICERT ]; then
                extra="ssl_verify_client on; ssl_client_certificate $certs/ca.pem;"
            fi
            servers="$servers    server {
        listen 127.0.0.1:$port ssl;
        root $dir/www;
        ssl_certificate $certs/$(chain_of $ep);
        ssl_certificate_key $certs/$(key_of $ep);
        ssl_protocols $protos;
        $extra
    }
"
            echo "export NEONRS_TLS_${ep}_$v=$port" >> "$dir/env.new"
        done
    done
    cat > "$dir/nginx.conf" <<CONF
$(nginx_main "$dir")
events { worker_connections 256; }
http {
    log_format neonrs_tls '\$server_port \$ssl_protocol reused=\$ssl_session_reused verify=\$ssl_client_verify sni=\$ssl_server_name "\$request" \$status';
    access_log $dir/access.log neonrs_tls;
$(nginx_paths "$dir")
    keepalive_requests 10000;
    ssl_session_cache shared:NEONRS:1m;
    ssl_session_timeout 10m;
    ssl_session_tickets on;
$servers}
CONF
}

nginx_start "$dir" write_conf || exit 1
: > "$dir/access.log"
mv "$dir/env.new" "$dir/env"
cat "$dir/env"
