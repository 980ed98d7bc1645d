/* The ownership rules of SSL_set_bio, SSL_set0_rbio and SSL_set0_wbio, and
 * the BIOs of SSL_set_fd/SSL_set_rfd/SSL_set_wfd. Each BIO is a named
 * tracing BIO (memory-backed) whose destroy callback prints its name, so the
 * output shows when the SSL object frees which BIO; valgrind (on ours)
 * shows that nothing leaks and nothing is freed twice. The cases follow
 * SSL_set_bio(3): the same BIO for both directions, two BIOs, repeated
 * calls with the same BIOs, changing only the read or only the write BIO
 * (with rbio == wbio before and with rbio != wbio), NULL, and SSL_set_fd
 * replacing BIOs. For descriptors: SSL_get_rbio/SSL_get_wbio after
 * SSL_set_fd (one socket BIO, its descriptor, BIO_NOCLOSE: the descriptor
 * stays open after SSL_free), SSL_set_rfd and SSL_set_wfd with the same
 * and with different descriptors, and a handshake over descriptors after
 * SSL_get_rbio made the BIO. */
#include "sslpair.h"

static int traced(BIO *b)
{
    (void)b;
    return 1;
}

static int trace_destroy(BIO *b)
{
    const char *name = BIO_get_data(b);

    printf("    [freed %s]\n", name ? name : "?");
    return 1;
}

static long trace_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void)b;
    (void)num;
    (void)ptr;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static BIO_METHOD *trace_method(void)
{
    static BIO_METHOD *m;

    if (m) return m;
    m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "trace");
    if (!m || !BIO_meth_set_create(m, traced) || !BIO_meth_set_destroy(m, trace_destroy)
        || !BIO_meth_set_ctrl(m, trace_ctrl))
        sp_die("BIO_meth_new");
    return m;
}

static BIO *named(const char *name)
{
    BIO *b = BIO_new(trace_method());

    if (!b) sp_die("BIO_new");
    BIO_set_data(b, (void *)name);
    BIO_set_init(b, 1);
    return b;
}

static const char *name_of(BIO *b)
{
    if (!b) return "NULL";
    if (BIO_method_type(b) == BIO_TYPE_SOCKET) return "socket";
    return BIO_get_data(b) ? (const char *)BIO_get_data(b) : "?";
}

static void show(const char *what, SSL *s)
{
    printf("  %s: rbio %s, wbio %s\n", what, name_of(SSL_get_rbio(s)), name_of(SSL_get_wbio(s)));
}

static SSL *fresh(SSL_CTX *ctx, const char *label)
{
    SSL *s = SSL_new(ctx);

    if (!s) sp_die("SSL_new");
    printf("%s\n", label);
    show("new", s);
    return s;
}

static void done(SSL *s)
{
    printf("  SSL_free:\n");
    SSL_free(s);
}

static void ownership(SSL_CTX *ctx)
{
    SSL *s;
    BIO *a, *b, *c;

    s = fresh(ctx, "one BIO for both directions:");
    a = named("A");
    SSL_set_bio(s, a, a);
    show("set_bio(A, A)", s);
    SSL_set_bio(s, a, a);
    show("set_bio(A, A) again (no change, no reference taken)", s);
    done(s);

    s = fresh(ctx, "two BIOs:");
    SSL_set_bio(s, named("R"), named("W"));
    show("set_bio(R, W)", s);
    done(s);

    s = fresh(ctx, "replacing both:");
    SSL_set_bio(s, named("R1"), named("W1"));
    SSL_set_bio(s, named("R2"), named("W2"));
    show("set_bio(R2, W2)", s);
    done(s);

    s = fresh(ctx, "only the write BIO changes (rbio == wbio before):");
    a = named("A");
    SSL_set_bio(s, a, a);
    SSL_set_bio(s, a, named("W"));
    show("set_bio(A, W)", s);
    done(s);

    s = fresh(ctx, "only the read BIO changes (rbio == wbio before: both references adopted):");
    a = named("A");
    SSL_set_bio(s, a, a);
    BIO_up_ref(a);
    SSL_set_bio(s, named("R"), a);
    show("set_bio(R, A)", s);
    done(s);

    s = fresh(ctx, "only the read BIO changes (rbio != wbio before: one reference adopted):");
    b = named("W");
    SSL_set_bio(s, named("R1"), b);
    SSL_set_bio(s, named("R2"), b);
    show("set_bio(R2, W)", s);
    done(s);

    s = fresh(ctx, "same BIO for both after two:");
    a = named("A");
    SSL_set_bio(s, named("R"), named("W"));
    SSL_set_bio(s, a, a);
    show("set_bio(A, A)", s);
    done(s);

    s = fresh(ctx, "NULL BIOs:");
    SSL_set_bio(s, named("R"), named("W"));
    SSL_set_bio(s, NULL, NULL);
    show("set_bio(NULL, NULL)", s);
    done(s);

    s = fresh(ctx, "set0_rbio and set0_wbio:");
    c = named("C");
    SSL_set0_rbio(s, c);
    show("set0_rbio(C)", s);
    BIO_up_ref(c);
    SSL_set0_wbio(s, c);
    show("set0_wbio(C) with its own reference", s);
    SSL_set0_rbio(s, named("R"));
    show("set0_rbio(R)", s);
    SSL_set0_wbio(s, NULL);
    show("set0_wbio(NULL)", s);
    SSL_set0_rbio(s, NULL);
    show("set0_rbio(NULL)", s);
    done(s);

    s = fresh(ctx, "SSL_set_fd replaces BIOs:");
    SSL_set_bio(s, named("R"), named("W"));
    SSL_set_fd(s, 0);
    show("set_fd(0)", s);
    printf("  SSL_get_fd %d, rbio == wbio %s\n", SSL_get_fd(s), SSL_get_rbio(s) == SSL_get_wbio(s) ? "yes" : "no");
    done(s);

    s = fresh(ctx, "SSL_set_bio after SSL_get_rbio of a descriptor:");
    SSL_set_fd(s, 0);
    show("set_fd(0)", s);
    SSL_set_bio(s, SSL_get_rbio(s), named("W"));
    show("set_bio(rbio, W)", s);
    printf("  SSL_get_rfd %d, SSL_get_wfd %d\n", SSL_get_rfd(s), SSL_get_wfd(s));
    done(s);
}

static void descriptors(SSL_CTX *cctx, SSL_CTX *sctx)
{
    SSL *s = SSL_new(cctx);
    int fd = -1;
    BIO *r;
    sp_pair p;
    int fds[2], fds2[2];

    printf("descriptors:\n");
    printf("  new: rbio %s, SSL_get_fd %d\n", SSL_get_rbio(s) ? "set" : "NULL", SSL_get_fd(s));
    sp_socketpair(fds);
    sp_socketpair(fds2);
    SSL_set_fd(s, fds[0]);
    r = SSL_get_rbio(s);
    printf("  set_fd: rbio %s, type socket %s, rbio == wbio %s, BIO_get_fd == fd %s, close flag %ld\n",
           r ? "set" : "NULL", r && BIO_method_type(r) == BIO_TYPE_SOCKET ? "yes" : "no",
           r == SSL_get_wbio(s) ? "yes" : "no", r && BIO_get_fd(r, &fd) == fds[0] && fd == fds[0] ? "yes" : "no",
           r ? (long)BIO_get_close(r) : -1L);
    printf("  SSL_get_rbio again: same %s\n", SSL_get_rbio(s) == r ? "yes" : "no");
    SSL_set_rfd(s, fds[0]);
    printf("  set_rfd(same): rbio == wbio %s\n", SSL_get_rbio(s) == SSL_get_wbio(s) ? "yes" : "no");
    SSL_set_wfd(s, fds2[0]);
    printf("  set_wfd(other): rbio == wbio %s, rfd is fd %s, wfd is other %s\n",
           SSL_get_rbio(s) == SSL_get_wbio(s) ? "yes" : "no", SSL_get_rfd(s) == fds[0] ? "yes" : "no",
           SSL_get_wfd(s) == fds2[0] ? "yes" : "no");
    SSL_set_rfd(s, fds2[0]);
    printf("  set_rfd(other): rbio == wbio %s\n", SSL_get_rbio(s) == SSL_get_wbio(s) ? "yes" : "no");
    SSL_free(s);
    printf("  descriptor open after SSL_free: %s\n", fcntl(fds[0], F_GETFD) != -1 ? "yes" : "no");

    s = SSL_new(cctx);
    SSL_set_wfd(s, fds[0]);
    SSL_set_rfd(s, fds[0]);
    printf("  set_wfd then set_rfd, same descriptor: rbio == wbio %s, type socket %s\n",
           SSL_get_rbio(s) == SSL_get_wbio(s) ? "yes" : "no",
           SSL_get_rbio(s) && BIO_method_type(SSL_get_rbio(s)) == BIO_TYPE_SOCKET ? "yes" : "no");
    SSL_free(s);
    close(fds[0]);
    close(fds[1]);
    close(fds2[0]);
    close(fds2[1]);

    printf("a handshake over descriptors after SSL_get_rbio:\n");
    sp_new(&p, cctx, sctx);
    printf("  client rbio %s, server wbio %s\n", SSL_get_rbio(p.c) ? "set" : "NULL",
           SSL_get_wbio(p.s) ? "set" : "NULL");
    BIO_set_nbio(SSL_get_rbio(p.c), 1);
    if (sp_handshake(&p, "after get_rbio") && sp_exchange(&p, "after get_rbio")) {
        sp_print_conn(&p, "after get_rbio");
        sp_shutdown(&p, "after get_rbio");
    }
    sp_free(&p);

    printf("a handshake with separate read and write descriptors:\n");
    {
        int a[2], b[2];
        SSL *c = SSL_new(cctx), *sv = SSL_new(sctx);
        sp_pair q;

        sp_socketpair(a);
        sp_socketpair(b);
        /* client reads a[0], writes b[0]; server reads b[1], writes a[1] */
        SSL_set_rfd(c, a[0]);
        SSL_set_wfd(c, b[0]);
        SSL_set_rfd(sv, b[1]);
        SSL_set_wfd(sv, a[1]);
        memset(&q, 0, sizeof q);
        q.c = c;
        q.s = sv;
        q.fd[0] = q.fd[1] = -1;
        if (sp_handshake(&q, "split") && sp_exchange(&q, "split")) sp_print_conn(&q, "split");
        sp_free(&q);
        close(a[0]);
        close(a[1]);
        close(b[0]);
        close(b[1]);
    }
}

int main(void)
{
    SSL_CTX *sctx = sp_server_ctx(0), *cctx = sp_client_ctx(0);

    ownership(cctx);
    descriptors(cctx, sctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    BIO_meth_free(trace_method());
    sp_cleanup();
    return 0;
}
