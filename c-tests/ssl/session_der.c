/* Sessions as DER and PEM (i2d_SSL_SESSION, d2i_SSL_SESSION,
 * PEM_{read,write}{,_bio}_SSL_SESSION) with OpenSSL's conventions: i2d's
 * length with a NULL pp, its allocation with *pp NULL, *pp advanced; d2i
 * into a new session or into *a, *pp advanced past what it read, NULL and
 * an error for bad or truncated input. Client sessions read back in the
 * same process resume (TLS 1.2 and 1.3) and encode to the same bytes, as
 * Python compares sessions; a server session's master key, the ticket,
 * ticket application data and SSL_SESSION_print. The bytes themselves are
 * never printed (they differ between libraries), only lengths, equality
 * and what the sessions do. */
#include "sslpair.h"

/* The DER of s in a malloc'd buffer (*len its length), by the two-call
 * pattern, checking that i2d advanced its pointer by the length. */
static unsigned char *der_of(SSL_SESSION *s, int *len)
{
    unsigned char *buf, *p;
    int n = i2d_SSL_SESSION(s, NULL), m;

    *len = n;
    if (n <= 0) return NULL;
    buf = malloc(n);
    if (!buf) sp_die("malloc");
    p = buf;
    m = i2d_SSL_SESSION(s, &p);
    if (m != n || p != buf + n) printf("i2d: wrote %d, advanced %ld (length %d)\n", m, (long)(p - buf), n);
    return buf;
}

/* 1 if both sessions encode to the same bytes. */
static int same_der(SSL_SESSION *a, SSL_SESSION *b)
{
    int la, lb, same;
    unsigned char *da = der_of(a, &la), *db = der_of(b, &lb);

    same = da && db && la == lb && memcmp(da, db, la) == 0;
    free(da);
    free(db);
    return same;
}

/* Reads DER back; prints what d2i returned and how far it moved p. */
static SSL_SESSION *read_back(const char *label, const unsigned char *der, long len)
{
    const unsigned char *p = der;
    SSL_SESSION *s;

    ERR_clear_error();
    s = d2i_SSL_SESSION(NULL, &p, len);
    printf("%s: d2i -> %s, advanced %s, error queued %d\n", label, s ? "session" : "NULL",
           p == der + len ? "by the length" : p == der ? "not" : "partly", ERR_peek_error() != 0);
    ERR_clear_error();
    return s;
}

static void print_fields(const char *label, SSL_SESSION *s)
{
    const unsigned char *alpn = NULL;
    size_t alpn_len = 0;
    unsigned int idc = 0;

    SSL_SESSION_get0_alpn_selected(s, &alpn, &alpn_len);
    SSL_SESSION_get0_id_context(s, &idc);
    sp_print_sess(label, s);
    printf("%s: cipher=%s timeout=%ld alpn=%.*s id_ctx_len=%u time_set=%d hint_set=%d\n", label,
           SSL_CIPHER_get_name(SSL_SESSION_get0_cipher(s)), SSL_SESSION_get_timeout(s),
           (int)alpn_len, alpn ? (const char *)alpn : "", idc, SSL_SESSION_get_time(s) > 0,
           SSL_SESSION_get_ticket_lifetime_hint(s) > 0);
}

static int select_h2(SSL *ssl, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
                     unsigned int inlen, void *arg)
{
    (void)ssl;
    (void)arg;
    (void)in;
    (void)inlen;
    *out = (const unsigned char *)"h2";
    *outlen = 2;
    return SSL_TLSEXT_ERR_OK;
}

/* A client session serialised and read back in this process: the same
 * fields, the same bytes, and it resumes. */
static void client_round_trip(int version, int no_ticket)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s, *copy, *t, *dup;
    unsigned char *der, *alloc = NULL;
    int len, n;

    printf("== client session, %s%s\n", sp_vname(version), no_ticket ? " NO_TICKET" : "");
    sp_pin_suites(sctx);
    if (no_ticket) SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_alpn_select_cb(sctx, select_h2, NULL);
    SSL_CTX_set_alpn_protos(cctx, (const unsigned char *)"\x02h2", 3);
    SSL_CTX_set_session_id_context(cctx, (const unsigned char *)"cli", 3);

    s = sp_conn(cctx, sctx, NULL, "full", NULL);
    if (!s) sp_die("no session");
    print_fields("original", s);

    der = der_of(s, &len);
    printf("i2d length > 0: %d\n", len > 0);
    n = i2d_SSL_SESSION(s, &alloc);
    printf("i2d allocating: same length %d, same bytes %d\n", n == len, alloc && memcmp(alloc, der, len) == 0);
    OPENSSL_free(alloc);
    dup = SSL_SESSION_dup(s);
    printf("dup encodes the same: %d\n", same_der(s, dup));
    printf("encoding twice gives the same: %d\n", same_der(s, s));

    copy = read_back("read back", der, len);
    if (copy) {
        print_fields("copy", copy);
        printf("copy has the same id: %d, encodes the same: %d\n", sp_same_id(s, copy), same_der(s, copy));
        t = sp_conn(cctx, sctx, copy, "resume copy", NULL);
        if (t && version != TLS1_3_VERSION)
            printf("session after resumption encodes as the original: %d\n", same_der(s, t));
        SSL_SESSION_free(t);
        SSL_SESSION_free(copy);
    }
    /* another copy, read after the original is gone */
    SSL_SESSION_free(s);
    SSL_SESSION_free(dup);
    copy = read_back("read back after free", der, len);
    t = sp_conn(cctx, sctx, copy, "resume after free", NULL);
    SSL_SESSION_free(t);
    SSL_SESSION_free(copy);
    free(der);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* d2i's forms and its errors. */
static void d2i_forms(void)
{
    SSL_CTX *sctx = sp_server_ctx(TLS1_2_VERSION), *cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_SESSION *s, *x, *y = NULL, *r;
    unsigned char *der, *longer;
    const unsigned char *p;
    int len, hdr, cut;

    printf("== d2i forms\n");
    s = sp_conn(cctx, sctx, NULL, "full", NULL);
    if (!s) sp_die("no session");
    der = der_of(s, &len);

    /* into an existing session */
    x = SSL_SESSION_new();
    p = der;
    r = d2i_SSL_SESSION(&x, &p, len);
    printf("d2i(&existing): returns it %d, advanced %d, same id %d\n", r == x, p == der + len, sp_same_id(s, x));
    /* into *a == NULL */
    p = der;
    r = d2i_SSL_SESSION(&y, &p, len);
    printf("d2i(&null): stored %d, same id %d\n", r != NULL && r == y, sp_same_id(s, y));
    SSL_SESSION_free(x);
    SSL_SESSION_free(y);

    /* followed by other bytes: only the session is read */
    longer = malloc(len + 8);
    memcpy(longer, der, len);
    memset(longer + len, 0x30, 8);
    p = longer;
    r = d2i_SSL_SESSION(NULL, &p, len + 8);
    printf("d2i with 8 more bytes: %s, advanced by the session %d\n", r ? "session" : "NULL", p == longer + len);
    SSL_SESSION_free(r);
    free(longer);

    /* bad input */
    r = read_back("length 0", der, 0);
    SSL_SESSION_free(r);
    for (cut = 1; cut < 5; cut++) {
        char label[32];
        snprintf(label, sizeof label, "cut at %d/5", cut);
        r = read_back(label, der, (long)len * cut / 5);
        SSL_SESSION_free(r);
    }
    r = read_back("one byte short", der, len - 1);
    SSL_SESSION_free(r);
    r = read_back("garbage", (const unsigned char *)"\x04\x03" "abc", 5);
    SSL_SESSION_free(r);

    /* the format version (first INTEGER) and the protocol version */
    hdr = (der[1] & 0x80) ? 2 + (der[1] & 0x7f) : 2;
    if (der[hdr] == 2 && der[hdr + 1] == 1 && der[hdr + 2] == 1) {
        der[hdr + 2] = 2;
        p = der;
        ERR_clear_error();
        r = d2i_SSL_SESSION(NULL, &p, len);
        printf("format version 2: %s, reason %d\n", r ? "session" : "NULL", ERR_GET_REASON(ERR_peek_last_error()));
        SSL_SESSION_free(r);
        der[hdr + 2] = 1;
    } else {
        printf("unexpected start of the DER\n");
    }
    if (der[hdr + 3] == 2 && der[hdr + 4] == 2) {
        der[hdr + 5] = 5;
        p = der;
        ERR_clear_error();
        r = d2i_SSL_SESSION(NULL, &p, len);
        printf("protocol version 0x05xx: %s, reason %d\n", r ? "session" : "NULL",
               ERR_GET_REASON(ERR_peek_last_error()));
        SSL_SESSION_free(r);
        der[hdr + 5] = 3;
    }
    ERR_clear_error();

    /* sessions without a cipher have no DER */
    x = SSL_SESSION_new();
    printf("i2d(new session) -> %d\n", i2d_SSL_SESSION(x, NULL));
    SSL_SESSION_free(x);

    free(der);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* PEM on a memory BIO and on a stdio stream. */
static void pem(void)
{
    SSL_CTX *sctx = sp_server_ctx(TLS1_3_VERSION), *cctx = sp_client_ctx(TLS1_3_VERSION);
    SSL_SESSION *s, *r, *x;
    BIO *mem = BIO_new(BIO_s_mem());
    char *text = NULL;
    long n;
    FILE *f;

    printf("== PEM\n");
    s = sp_conn(cctx, sctx, NULL, "full", NULL);
    if (!s || !mem) sp_die("setup");
    printf("PEM_write_bio -> %d\n", PEM_write_bio_SSL_SESSION(mem, s));
    n = BIO_get_mem_data(mem, &text);
    printf("PEM starts %d, ends %d\n", n > 40 && strncmp(text, "-----BEGIN SSL SESSION PARAMETERS-----\n", 39) == 0,
           n > 40 && strncmp(text + n - 37, "-----END SSL SESSION PARAMETERS-----\n", 37) == 0);
    r = PEM_read_bio_SSL_SESSION(mem, NULL, NULL, NULL);
    printf("PEM_read_bio -> %s, same id %d, encodes the same %d\n", r ? "session" : "NULL", sp_same_id(s, r),
           r && same_der(s, r));
    SSL_SESSION_free(r);
    r = sp_conn(cctx, sctx, s, "resume from PEM", NULL);
    SSL_SESSION_free(r);
    ERR_clear_error();
    r = PEM_read_bio_SSL_SESSION(mem, NULL, NULL, NULL);
    printf("PEM_read_bio on an empty BIO -> %s, error queued %d\n", r ? "session" : "NULL", ERR_peek_error() != 0);
    ERR_clear_error();

    f = tmpfile();
    if (!f) sp_die("tmpfile");
    printf("PEM_write -> %d\n", PEM_write_SSL_SESSION(f, s));
    rewind(f);
    x = NULL;
    r = PEM_read_SSL_SESSION(f, &x, NULL, NULL);
    printf("PEM_read -> %s, stored %d, encodes the same %d\n", r ? "session" : "NULL", r && r == x, r && same_der(s, r));
    SSL_SESSION_free(r);
    fclose(f);

    x = SSL_SESSION_new();
    printf("PEM_write_bio(new session) -> %d\n", PEM_write_bio_SSL_SESSION(mem, x));
    ERR_clear_error();
    SSL_SESSION_free(x);
    BIO_free(mem);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* Server sessions: master key, SSL_SESSION_print; ticket and application
 * data of client sessions; SSL_SESSION_set1_master_key. */
static void secrets_and_text(void)
{
    SSL_CTX *sctx = sp_server_ctx(0), *cctx = sp_client_ctx(0);
    SSL_SESSION *c, *ss, *x, *r;
    unsigned char key[600], out[64];
    const unsigned char *tick;
    size_t tlen;
    void *data;
    size_t dlen;
    BIO *mem = BIO_new(BIO_s_mem());
    char line[256];
    int v;

    printf("== secrets and text\n");
    sp_pin_suites(sctx);
    for (v = TLS1_2_VERSION; v <= TLS1_3_VERSION; v++) {
        SSL_CTX_set_max_proto_version(cctx, v);
        c = sp_conn(cctx, sctx, NULL, sp_vname(v), &ss);
        if (!c || !ss) sp_die("no session");
        printf("%s server master key length %zu\n", sp_vname(v), SSL_SESSION_get_master_key(ss, NULL, 0));
        printf("%s server master key copied %zu\n", sp_vname(v), SSL_SESSION_get_master_key(ss, out, 10));
        SSL_SESSION_get0_ticket(c, &tick, &tlen);
        printf("%s client ticket: %s, length > 0 %d\n", sp_vname(v), tick ? "set" : "NULL", tlen > 0);
        SSL_SESSION_free(c);
        SSL_SESSION_free(ss);
    }

    /* TLS 1.2 without tickets: SSL_SESSION_print of the server's session */
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_max_proto_version(cctx, TLS1_2_VERSION);
    c = sp_conn(cctx, sctx, NULL, "print", &ss);
    if (!c || !ss || !mem) sp_die("no session");
    SSL_SESSION_get0_ticket(c, &tick, &tlen);
    printf("session-id session ticket: %s %zu\n", tick ? "set" : "NULL", tlen);
    printf("SSL_SESSION_print -> %d\n", SSL_SESSION_print(mem, ss));
    while (BIO_gets(mem, line, sizeof line) > 0) {
        char *colon = strchr(line, ':');
        /* values that differ from run to run are left out */
        if (colon && (strstr(line, "Session-ID") || strstr(line, "Master-Key") || strstr(line, "Start Time")))
            colon[1] = '\0', printf("%s\n", line);
        else
            printf("%s", line);
    }
    printf("SSL_SESSION_print(NULL) -> %d\n", SSL_SESSION_print(mem, NULL));
    printf("SSL_SESSION_print_keylog -> %d\n", SSL_SESSION_print_keylog(mem, ss));
    if (BIO_gets(mem, line, sizeof line) > 0) printf("keylog: %.15s... length %zu\n", line, strlen(line));
    SSL_SESSION_free(c);

    /* application data travels with the DER */
    printf("set1_ticket_appdata -> %d\n", SSL_SESSION_set1_ticket_appdata(ss, "app-data", 8));
    SSL_SESSION_get0_ticket_appdata(ss, &data, &dlen);
    printf("get0_ticket_appdata: %.*s\n", (int)dlen, data ? (const char *)data : "");
    {
        int len;
        unsigned char *der = der_of(ss, &len);
        r = read_back("server session", der, len);
        data = NULL;
        dlen = 0;
        if (r) SSL_SESSION_get0_ticket_appdata(r, &data, &dlen);
        printf("appdata after d2i: %.*s, master key length %zu\n", (int)dlen, data ? (const char *)data : "",
               r ? SSL_SESSION_get_master_key(r, NULL, 0) : 0);
        SSL_SESSION_free(r);
        free(der);
    }
    printf("set1_ticket_appdata(NULL, 0) -> %d\n", SSL_SESSION_set1_ticket_appdata(ss, NULL, 0));
    SSL_SESSION_get0_ticket_appdata(ss, &data, &dlen);
    printf("after clearing: %s %zu\n", data ? "set" : "NULL", dlen);
    SSL_SESSION_free(ss);

    /* a master key set on a new session */
    x = SSL_SESSION_new();
    memset(key, 0xab, sizeof key);
    printf("set1_master_key(48) -> %d\n", SSL_SESSION_set1_master_key(x, key, 48));
    printf("get_master_key length %zu, first bytes equal %d\n", SSL_SESSION_get_master_key(x, NULL, 0),
           SSL_SESSION_get_master_key(x, out, sizeof out) == 48 && memcmp(out, key, 48) == 0);
    printf("set1_master_key(513) -> %d\n", SSL_SESSION_set1_master_key(x, key, 513));
    printf("set1_master_key(512) -> %d\n", SSL_SESSION_set1_master_key(x, key, 512));
    printf("get_master_key length %zu\n", SSL_SESSION_get_master_key(x, NULL, 0));
    SSL_SESSION_free(x);

    BIO_free(mem);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    client_round_trip(TLS1_2_VERSION, 1);
    client_round_trip(TLS1_2_VERSION, 0);
    client_round_trip(TLS1_3_VERSION, 0);
    d2i_forms();
    pem();
    secrets_and_text();
    sp_cleanup();
    return 0;
}
