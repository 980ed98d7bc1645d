/* X509_verify_cert as libssl runs it for a client ("ssl_server" defaults,
 * the peer's certificates as the untrusted stack), printing every call of
 * the verify callback and the result. The same lines come from
 * examples/x509_events.rs on our engine; c-tests/x509/diff.sh compares them.
 *
 * usage: events CHAIN ROOTS HOST FLAGS POLICY TIME LEVEL DEPTH
 *   CHAIN  PEM file, leaf first (what a server sends)
 *   ROOTS  PEM file of trusted certificates
 *   HOST   host name to match, or "-"
 *   FLAGS  X509_V_FLAG_* to set, as a number (decimal or 0x hex); a leading
 *          '~' clears X509_V_FLAG_TRUSTED_FIRST first
 *   POLICY default (return ok) | accept (1) | reject (0) | reject-at-N
 *   TIME   seconds since the epoch to verify at
 *   LEVEL  security (auth) level
 *   DEPTH  maximum depth (X509_VERIFY_PARAM_set_depth), or -1 to keep 100
 * Output: "cb ok=O depth=D error=E cert=CN chain=CN,CN,..." per call, then
 * "result ret=R error=E (text) depth=D chain=N untrusted=U peername=P",
 * then "queue lib=L reason=R (text)" for each entry verification left on
 * the error queue (a failed signature's), oldest first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

static const char *policy;

static void print_cn(X509 *x)
{
    X509_NAME *name;
    int i;

    if (x == NULL) {
        fputs("(none)", stdout);
        return;
    }
    name = X509_get_subject_name(x);
    i = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (i < 0) {
        fputs("-", stdout);
        return;
    }
    {
        const ASN1_STRING *s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
        const unsigned char *p = ASN1_STRING_get0_data(s);
        int n = ASN1_STRING_length(s), k;

        for (k = 0; k < n; k++)
            putchar(p[k] > 32 && p[k] < 127 && p[k] != ',' ? p[k] : '?');
    }
}

static void print_chain(STACK_OF(X509) *chain)
{
    int i;

    for (i = 0; i < sk_X509_num(chain); i++) {
        if (i > 0)
            putchar(',');
        print_cn(sk_X509_value(chain, i));
    }
}

static int callback(int ok, X509_STORE_CTX *ctx)
{
    int depth = X509_STORE_CTX_get_error_depth(ctx);

    printf("cb ok=%d depth=%d error=%d cert=", ok, depth, X509_STORE_CTX_get_error(ctx));
    print_cn(X509_STORE_CTX_get_current_cert(ctx));
    fputs(" chain=", stdout);
    print_chain(X509_STORE_CTX_get0_chain(ctx));
    putchar('\n');
    if (strcmp(policy, "accept") == 0)
        return 1;
    if (strcmp(policy, "reject") == 0)
        return 0;
    if (strncmp(policy, "reject-at-", 10) == 0)
        return ok || depth != atoi(policy + 10);
    return ok;
}

static STACK_OF(X509) *read_certs(const char *path)
{
    STACK_OF(X509) *sk = sk_X509_new_null();
    FILE *f = fopen(path, "r");
    X509 *x;

    if (f == NULL || sk == NULL) {
        perror(path);
        exit(2);
    }
    while ((x = PEM_read_X509(f, NULL, NULL, NULL)) != NULL)
        sk_X509_push(sk, x);
    fclose(f);
    return sk;
}

int main(int argc, char **argv)
{
    STACK_OF(X509) *chain, *roots;
    X509_STORE *store;
    X509_STORE_CTX *ctx;
    X509_VERIFY_PARAM *param;
    int i, ret, err;
    const char *peer;

    if (argc != 9) {
        fprintf(stderr, "usage: %s CHAIN ROOTS HOST FLAGS POLICY TIME LEVEL DEPTH\n", argv[0]);
        return 2;
    }
    policy = argv[5];
    chain = read_certs(argv[1]);
    roots = read_certs(argv[2]);
    if (sk_X509_num(chain) == 0) {
        fprintf(stderr, "%s: no certificate\n", argv[1]);
        return 2;
    }
    ERR_clear_error(); /* PEM_read_X509's end of file */
    store = X509_STORE_new();
    for (i = 0; i < sk_X509_num(roots); i++)
        X509_STORE_add_cert(store, sk_X509_value(roots, i));

    ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, sk_X509_value(chain, 0), chain);
    X509_STORE_CTX_set_default(ctx, "ssl_server");
    param = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_auth_level(param, atoi(argv[7]));
    if (strcmp(argv[3], "-") != 0)
        X509_VERIFY_PARAM_set1_host(param, argv[3], 0);
    if (argv[4][0] == '~')
        X509_VERIFY_PARAM_clear_flags(param, X509_V_FLAG_TRUSTED_FIRST);
    X509_VERIFY_PARAM_set_flags(param, strtoul(argv[4] + (argv[4][0] == '~'), NULL, 0));
    if (atoi(argv[8]) >= 0)
        X509_VERIFY_PARAM_set_depth(param, atoi(argv[8]));
    X509_VERIFY_PARAM_set_time(param, (time_t)strtoll(argv[6], NULL, 10));
    X509_STORE_CTX_set_verify_cb(ctx, callback);

    ret = X509_verify_cert(ctx);
    err = X509_STORE_CTX_get_error(ctx);
    peer = X509_VERIFY_PARAM_get0_peername(param);
    printf("result ret=%d error=%d (%s) depth=%d chain=", ret > 0, err,
        X509_verify_cert_error_string(err), X509_STORE_CTX_get_error_depth(ctx));
    print_chain(X509_STORE_CTX_get0_chain(ctx));
    printf(" untrusted=%d peername=%s\n", X509_STORE_CTX_get_num_untrusted(ctx),
        peer != NULL ? peer : "-");
    {
        unsigned long e;

        while ((e = ERR_get_error()) != 0)
            printf("queue lib=%d reason=%d (%s)\n", ERR_GET_LIB(e), ERR_GET_REASON(e),
                ERR_reason_error_string(e));
    }

    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    sk_X509_pop_free(chain, X509_free);
    sk_X509_pop_free(roots, X509_free);
    return 0;
}
