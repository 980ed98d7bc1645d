/* Info, message and key-log callbacks: what both libraries report
 * deterministically. The info callback's handshake start and end and the
 * alerts (close_notify both ways, a fatal alert), whether loop events
 * came and the last exit value; the message callback's alerts; the key
 * log's labels (not the secrets) and the shape of its lines; getters;
 * quiet shutdown. */
#include "sslpair.h"

static char seen[2][2048];
static int loops[2], last_exit[2];

static void add(int server, const char *text)
{
    strncat(seen[server], text, sizeof seen[server] - strlen(seen[server]) - 1);
}

static void info_cb(const SSL *s, int where, int ret)
{
    char buf[64];
    int server = SSL_is_server((SSL *)s);

    if (where & SSL_CB_HANDSHAKE_START) add(server, " START");
    if (where & SSL_CB_HANDSHAKE_DONE) add(server, " DONE");
    if ((where & SSL_CB_LOOP) && (where & (SSL_ST_CONNECT | SSL_ST_ACCEPT))) loops[server]++;
    if ((where & SSL_CB_EXIT) && (where & (SSL_ST_CONNECT | SSL_ST_ACCEPT))) last_exit[server] = ret;
    if (where & SSL_CB_ALERT) {
        snprintf(buf, sizeof buf, " %s-alert:%d/%d", (where & SSL_CB_READ) ? "read" : "write", ret >> 8, ret & 0xff);
        add(server, buf);
    }
}

static void msg_cb(int write_p, int version, int content_type, const void *buf, size_t len, SSL *s, void *arg)
{
    char text[64];
    const unsigned char *b = buf;
    (void)version;
    if (content_type != SSL3_RT_ALERT) return;
    snprintf(text, sizeof text, " msg-%s:%d/%d(%s)", write_p ? "write" : "read", len > 0 ? b[0] : -1,
             len > 1 ? b[1] : -1, (const char *)arg);
    add(SSL_is_server(s), text);
}

static char labels[2][16][48];
static int nlabels[2], bad_lines;

static void keylog_cb(const SSL *s, const char *line)
{
    int server = SSL_is_server((SSL *)s), i;
    char label[48];
    const char *sp1 = strchr(line, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;

    if (!sp1 || !sp2 || sp2 - sp1 - 1 != 64 || strlen(sp2 + 1) < 32 || (size_t)(sp1 - line) >= sizeof label) {
        bad_lines++;
        return;
    }
    snprintf(label, sizeof label, "%.*s", (int)(sp1 - line), line);
    for (i = 0; i < nlabels[server]; i++)
        if (strcmp(labels[server][i], label) == 0) return;
    if (nlabels[server] < 16) strcpy(labels[server][nlabels[server]++], label);
}

static int cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void report(const char *label)
{
    int side, i;
    for (side = 0; side < 2; side++) {
        printf("%s %s:%s | loops>0=%d last_exit=%d\n", label, side ? "server" : "client", seen[side],
               loops[side] > 0, last_exit[side]);
        qsort(labels[side], nlabels[side], sizeof labels[side][0], cmp);
        printf("%s %s keylog:", label, side ? "server" : "client");
        for (i = 0; i < nlabels[side]; i++) printf(" %s", labels[side][i]);
        printf("\n");
        seen[side][0] = 0;
        loops[side] = last_exit[side] = nlabels[side] = 0;
    }
    printf("%s bad key log lines: %d\n", label, bad_lines);
}

static int fatal_select(SSL *s, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
                        unsigned int inlen, void *arg)
{
    (void)s, (void)out, (void)outlen, (void)in, (void)inlen, (void)arg;
    return SSL_TLSEXT_ERR_ALERT_FATAL;
}

static void one(int ver, int fatal, int keylog, int quiet)
{
    SSL_CTX *sctx = sp_server_ctx(ver), *cctx = sp_client_ctx(ver);
    char label[64];
    sp_pair p;

    snprintf(label, sizeof label, "%s%s%s%s", sp_vname(ver), fatal ? " fatal" : "", keylog ? " keylog" : "",
             quiet ? " quiet" : "");
    SSL_CTX_set_info_callback(sctx, info_cb);
    SSL_CTX_set_info_callback(cctx, info_cb);
    SSL_CTX_set_msg_callback(sctx, msg_cb);
    SSL_CTX_set_msg_callback_arg(sctx, (void *)"sarg");
    if (keylog) {
        SSL_CTX_set_keylog_callback(sctx, keylog_cb);
        SSL_CTX_set_keylog_callback(cctx, keylog_cb);
    }
    if (fatal) {
        SSL_CTX_set_alpn_select_cb(sctx, fatal_select, NULL);
        SSL_CTX_set_alpn_protos(cctx, (const unsigned char *)"\x02h2", 3);
    }
    if (quiet) SSL_CTX_set_quiet_shutdown(cctx, 1);
    sp_new(&p, cctx, sctx);
    /* the connection's own message callback replaces the copied one */
    SSL_set_msg_callback(p.c, msg_cb);
    SSL_set_msg_callback_arg(p.c, (void *)"carg");
    printf("%s: get_info_callback ctx=%d ssl=%d quiet=%d/%d\n", label, SSL_CTX_get_info_callback(sctx) == info_cb,
           SSL_get_info_callback(p.s) != NULL, SSL_get_quiet_shutdown(p.c), SSL_get_quiet_shutdown(p.s));
    if (sp_handshake(&p, label) && sp_exchange(&p, label)) {
        if (quiet) {
            int r = SSL_shutdown(p.c);
            printf("%s: quiet shutdown -> %d, shutdown state %d\n", label, r, SSL_get_shutdown(p.c));
            SSL_set_quiet_shutdown(p.s, 1);
            r = SSL_shutdown(p.s);
            printf("%s: quiet shutdown -> %d, shutdown state %d\n", label, r, SSL_get_shutdown(p.s));
        } else {
            sp_shutdown(&p, label);
        }
    }
    ERR_clear_error();
    report(label);
    sp_free(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = SSL_new(ctx);
    int i;
    static const int vers[2] = { TLS1_2_VERSION, TLS1_3_VERSION };

    printf("defaults: info %d/%d keylog %d quiet %d\n", SSL_CTX_get_info_callback(ctx) == NULL,
           SSL_get_info_callback(ssl) == NULL, SSL_CTX_get_keylog_callback(ctx) == NULL, SSL_CTX_get_quiet_shutdown(ctx));
    SSL_set_info_callback(ssl, info_cb);
    SSL_CTX_set_keylog_callback(ctx, keylog_cb);
    printf("set: info %d keylog %d\n", SSL_get_info_callback(ssl) == info_cb, SSL_CTX_get_keylog_callback(ctx) == keylog_cb);
    SSL_set_info_callback(ssl, NULL);
    SSL_CTX_set_keylog_callback(ctx, NULL);
    printf("cleared: info %d keylog %d\n", SSL_get_info_callback(ssl) == NULL, SSL_CTX_get_keylog_callback(ctx) == NULL);
    SSL_free(ssl);
    SSL_CTX_free(ctx);

    for (i = 0; i < 2; i++) {
        one(vers[i], 0, 0, 0);
        one(vers[i], 0, 1, 0);
        one(vers[i], 1, 0, 0);
        one(vers[i], 0, 0, 1);
    }
    sp_cleanup();
    return 0;
}
