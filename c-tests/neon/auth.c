/* ne_auth.h: Basic and Digest authentication, black-box.
 *
 * Basic exchanges run against the scripted server, whose log shows the
 * exact Authorization headers. Digest responses depend on a random client
 * nonce, so Digest runs against a checking server (a forked child below)
 * that recomputes each request-digest and sends Authentication-Info with
 * a correct (or deliberately broken) rspauth; the client prints the
 * Authorization header with cnonce and response masked, and what the
 * server concluded. Negotiate and NTLM challenges are only sent where the
 * registered protocol masks exclude them (neon-rs does not speak them). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ne_auth.h>
#include <ne_basic.h>
#include <ne_request.h>
#include <ne_session.h>
#include <ne_string.h>

#include "harness.h"

#define EOL "\r\n"
#define WALLY "Basic realm=WallyWorld"
#define OK200 "HTTP/1.1 200 OK" EOL "Content-Length: 0" EOL EOL

static const char password[] = "open sesame";

/* ---- credential callbacks -------------------------------------------------- */

struct creds {
    const char *user;
    int max_attempt; /* agree while attempt <= max_attempt */
};

static int creds_cb(void *ud, const char *realm, int attempt, char *un, char *pw)
{
    struct creds *c = ud;

    printf("  creds(realm=[%s], attempt=%d)\n", realm, attempt);
    ne_strnzcpy(un, c->user, NE_ABUFSIZ);
    ne_strnzcpy(pw, password, NE_ABUFSIZ);
    return attempt > c->max_attempt;
}

static int provide_cb(void *ud, int attempt, unsigned protocol, const char *realm,
                      char *un, char *pw, size_t buflen)
{
    struct creds *c = ud;

    printf("  provide(attempt=%d, protocol=0x%x, realm=[%s], buflen>=NE_ABUFSIZ %d)\n",
           attempt, protocol, realm, buflen >= NE_ABUFSIZ);
    ne_strnzcpy(un, c->user, buflen);
    ne_strnzcpy(pw, password, buflen);
    return attempt > c->max_attempt;
}

/* ---- printing the credentials sent ------------------------------------------ */

/* Prints value with the cnonce and response parameters masked. */
static void print_masked(const char *label, const char *value)
{
    static const char *const masked[] = { "cnonce=\"", "response=\"" };
    char *copy = ne_strdup(value);
    size_t i;

    for (i = 0; i < 2; i++) {
        char *p = strstr(copy, masked[i]);
        if (p) {
            char *q = strchr(p + strlen(masked[i]), '"');
            if (q) memmove(p + strlen(masked[i]), q, strlen(q) + 1);
        }
    }
    print_str(label, copy);
    free(copy);
}

/* A pre_send hook registered after the auth module's: shows the
 * (Proxy-)Authorization lines it added. */
static void show_auth(ne_request *req, void *ud, ne_buffer *header)
{
    const char *p = header->data;

    (void)req;
    (void)ud;
    while ((p = strstr(p, "Authorization: ")) != NULL) {
        const char *start = p, *eol = strstr(p, "\r\n");
        char line[1024];
        while (start > header->data && start[-1] != '\n') start--;
        snprintf(line, sizeof line, "%.*s", (int)(eol - start), start);
        print_masked("  sent", line);
        p = eol;
    }
}

static void request(ne_session *sess, const char *method, const char *path)
{
    ne_request *req = ne_request_create(sess, method, path);
    int ret = ne_request_dispatch(req);
    const char *dg = ne_get_response_header(req, "X-Digest");

    printf("%s %s: %s status %d ", method, path, ret_name(ret), ne_get_status(req)->code);
    print_str("error", ne_get_error(sess));
    if (dg) printf("  server: %s\n", dg);
    ne_request_destroy(req);
}

/* ---- scripted-server cases ------------------------------------------------- */

typedef void (*setup_fn)(ne_session *sess);

/* Runs `paths` (NULL-terminated) against a script; the server log shows
 * the requests. `quiet` hides it (when it holds Digest nonces). */
static void scripted(const char *label, const char *const *script, setup_fn setup,
                     const char *const *paths, int quiet)
{
    struct srv s;
    ne_session *sess;

    printf("== %s\n", label);
    srv_start(&s, script);
    s.quiet = quiet;
    sess = test_session(s.port);
    setup(sess);
    ne_hook_pre_send(sess, show_auth, NULL);
    for (; *paths; paths++) request(sess, "GET", *paths);
    ne_session_destroy(sess);
    srv_finish(&s);
}

static struct creds aladdin = { "Aladdin", 0 };
static struct creds persistent = { "Aladdin", 100 };

static void set_server_aladdin(ne_session *sess) { ne_set_server_auth(sess, creds_cb, &aladdin); }
static void set_server_persistent(ne_session *sess) { ne_set_server_auth(sess, creds_cb, &persistent); }

/* The challenge variants of neon's own test: several challenges in one
 * header or several, unknown schemes around, odd spacing and quoting. */
static void basic_challenges(void)
{
    static const char *const hdrs[] = {
        "WWW-Authenticate: " WALLY,
        "WWW-Authenticate: BarFooScheme, " WALLY,
        "WWW-Authenticate: " WALLY ", BarFooScheme realm=\"PenguinWorld\"",
        "WWW-Authenticate:   Basic realm=WallyWorld   ",
        "WWW-Authenticate: Negotiate fish, Basic realm=WallyWorld",
        "WWW-Authenticate: Negotiate fish, bar=boo, Basic realm=WallyWorld",
        "WWW-Authenticate: Negotiate, Basic realm=WallyWorld",
        "WWW-Authenticate: BarFooScheme" EOL "WWW-Authenticate: " WALLY,
        "WWW-Authenticate: " WALLY EOL "WWW-Authenticate: BarFooScheme bar=\"foo\"",
        "WWW-Authenticate: FooBarChall foo=\"bar\"" EOL "WWW-Authenticate: " WALLY EOL
        "WWW-Authenticate: BarFooScheme bar=\"foo\"",
        "WWW-Authenticate: Basic realm=\"WallyWorld\" , BarFooScheme",
        "WWW-Authenticate: basic REALM='WallyWorld'",
        "WWW-Authenticate: Basic realm=\"Wally, World\"",
        "WWW-Authenticate: Basic realm=\"WallyWorld\"tail",
        "WWW-Authenticate: NTLM" EOL "WWW-Authenticate: Basic realm=x, ,",
    };
    static const char *const paths[] = { "/norman", NULL };
    size_t i;

    for (i = 0; i < sizeof hdrs / sizeof hdrs[0]; i++) {
        char *r1 = malloc(strlen(hdrs[i]) + 100);
        const char *script[] = { "accept", "read", r1, "read", "send " OK200, "drain", NULL };
        char label[300];

        sprintf(r1, "send HTTP/1.1 401 Auth Denied" EOL "%s" EOL "Content-Length: 0" EOL EOL, hdrs[i]);
        snprintf(label, sizeof label, "basic challenge [%s]", hdrs[i]);
        scripted(label, script, set_server_aladdin, paths, 0);
        free(r1);
    }
}

#define R401 "send HTTP/1.1 401 Auth Denied" EOL "WWW-Authenticate: " WALLY EOL "Content-Length: 0" EOL EOL

static int retry_count;

/* neon's retries test: the ne_auth_creds attempt counts calls per request. */
static int retry_cb(void *ud, const char *realm, int attempt, char *un, char *pw)
{
    (void)ud;
    printf("  retry_cb(realm=[%s], attempt=%d) call %d\n", realm, attempt, retry_count);
    strcpy(un, "a");
    strcpy(pw, "b");
    retry_count++;
    return attempt > 1;
}

static void set_retry(ne_session *sess) { ne_set_server_auth(sess, retry_cb, NULL); }

static void basic_retries(void)
{
    static const char *const script[] = {
        "accept",
        "read", R401, "read", R401, "read", "send " OK200,           /* two retries */
        "read", R401, "read", "send " OK200,                         /* one */
        "read", "send " OK200, "read", "send " OK200,                /* none */
        "read", R401, "read", R401, "read", R401,                    /* gives up */
        "read", R401, "read", "send " OK200,                         /* counter reset */
        "drain", NULL,
    };
    static const char *const paths[] = { "/a", "/b", "/c", "/d", "/e", "/f", NULL };

    scripted("basic retries", script, set_retry, paths, 0);
}

static struct creds colon = { "user:name", 5 };
static void set_colon(ne_session *sess) { ne_set_server_auth(sess, creds_cb, &colon); }
static void set_all(ne_session *sess) { ne_add_server_auth(sess, NE_AUTH_ALL | NE_AUTH_LEGACY_DIGEST, creds_cb, &aladdin); }
static void set_digest_only(ne_session *sess) { ne_add_server_auth(sess, NE_AUTH_DIGEST, creds_cb, &aladdin); }
static void set_refuse(ne_session *sess)
{
    static struct creds never = { "nobody", -1 };
    ne_add_server_auth(sess, NE_AUTH_BASIC | NE_AUTH_DIGEST | NE_AUTH_LEGACY_DIGEST, creds_cb, &never);
}

/* Challenges that cannot be answered: the error lists why. */
static void failures(void)
{
    static const struct { const char *chall; setup_fn setup; } ts[] = {
        { "Basic", set_all },
        { "Basic realm=\"colonic\"", set_colon },
        { "", set_all },
        { "realm=orphan", set_all },
        { "WhizzBangAuth realm=\"foo\", Basic realm='foo'", set_refuse },
        { "Basic realm=x", set_digest_only },
        { "Digest realm=\"foo\", algorithm=MD5, qop=auth, nonce=\"foo\", Basic realm=\"foo\"", set_refuse },
        { "Basic realm=\"foo\", Digest realm=\"bar\", algorithm=MD5, qop=auth, nonce=\"foo\"", set_refuse },
        { "Basic, Digest realm=\"foo\", algorithm=MD5, qop=auth", set_all },
        { "Digest algorithm=MD5, qop=auth, nonce=\"foo\"", set_all },
        { "Digest algorithm=MD5, qop=auth, realm=\"foo\"", set_all },
        { "Digest algorithm=ZEBEDEE-GOES-BOING, qop=auth, realm=\"foo\"", set_all },
        { "Digest algorithm=MD5-sess, realm=\"foo\", nonce=n", set_all },
        { "Digest algorithm=MD5, qop=auth, nonce=\"foo\", realm=\"foo\", domain=\"http://[::1/\"", set_all },
        { "Digest realm=r, nonce=n, qop=auth, stale=true", set_all },
        { "Digest realm=r, nonce=n", set_digest_only },
        { "Digest realm=r, nonce=n, qop=auth-int", set_digest_only },
        { "Negotiate abc==, NTLM, Kerberos realm=k", set_refuse },
    };
    static const char *const paths[] = { "/fish", NULL };
    size_t i;

    for (i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        char *r1 = malloc(strlen(ts[i].chall) + 100);
        const char *script[] = { "accept", "read", r1, "drain", NULL };
        char label[300];

        sprintf(r1, "send HTTP/1.1 401 Auth Denied" EOL "WWW-Authenticate: %s" EOL "Content-Length: 0" EOL EOL,
                ts[i].chall);
        snprintf(label, sizeof label, "failure [%s]", ts[i].chall);
        scripted(label, script, ts[i].setup, paths, 1);
        free(r1);
    }
    {
        /* A 401 without a challenge, and challenges with other statuses. */
        static const char *const script[] = {
            "accept", "read", "send HTTP/1.1 401 Who" EOL "Content-Length: 0" EOL EOL,
            "read", "send HTTP/1.1 200 OK" EOL "WWW-Authenticate: " WALLY EOL "Content-Length: 0" EOL EOL,
            "read", "send HTTP/1.1 407 Proxy" EOL "WWW-Authenticate: " WALLY EOL "Content-Length: 0" EOL EOL,
            "drain", NULL,
        };
        static const char *const p3[] = { "/a", "/b", "/c", NULL };
        scripted("no challenge handled", script, set_server_aladdin, p3, 0);
    }
}

/* Credentials are scoped to the challenged request's directory; "*" opens
 * the whole server; ne_forget_auth drops them. */
static void scope_and_forget(void)
{
    static const char *const script[] = {
        "accept", "read", R401, "read", "send " OK200,
        "read", "send " OK200, "read", "send " OK200, "read", "send " OK200,
        "read", "send " OK200, "read", "send " OK200,
        "read", R401, "read", "send " OK200, "read", "send " OK200,
        "read", "send " OK200, "drain", NULL,
    };
    struct srv s;
    ne_session *sess;

    printf("== scope and forget\n");
    srv_start(&s, script);
    sess = test_session(s.port);
    ne_set_server_auth(sess, creds_cb, &persistent);
    ne_hook_pre_send(sess, show_auth, NULL);
    request(sess, "GET", "/fish/0.txt");
    request(sess, "GET", "/not/inside");
    request(sess, "GET", "/fish/1");
    request(sess, "GET", "/fish");
    request(sess, "OPTIONS", "*");
    ne_forget_auth(sess);
    request(sess, "GET", "/fish/2");
    request(sess, "OPTIONS", "*");
    request(sess, "GET", "/anywhere");
    ne_forget_auth(sess);
    ne_forget_auth(sess);
    request(sess, "GET", "/anywhere");
    ne_session_destroy(sess);
    srv_finish(&s);

    /* neon's regression test: forgetting with nothing registered. */
    sess = ne_session_create("http", "localhost", 1234);
    ne_forget_auth(sess);
    ne_session_destroy(sess);
}

struct multi { int id; };

static int multi_cb(void *ud, const char *realm, int attempt, char *un, char *pw)
{
    (void)un;
    (void)pw;
    printf("  [id=%d, realm=%s, tries=%d]\n", ((struct multi *)ud)->id, realm, attempt);
    return -1;
}

static struct multi m1 = { 1 }, m2 = { 2 };

static void set_multi(ne_session *sess)
{
    ne_add_server_auth(sess, NE_AUTH_BASIC, multi_cb, &m1);
    ne_add_server_auth(sess, NE_AUTH_DIGEST, multi_cb, &m2);
}

static void set_multi_reversed(ne_session *sess)
{
    ne_add_server_auth(sess, NE_AUTH_BASIC | NE_AUTH_DIGEST, multi_cb, &m2);
    ne_add_server_auth(sess, NE_AUTH_BASIC, multi_cb, &m1);
}

/* Challenges are tried strongest first (Digest before Basic, stronger
 * Digest algorithms first), each with the first callback registered for
 * its protocol. */
static void ordering(void)
{
    static const char *const script1[] = {
        "accept", "read",
        "send HTTP/1.1 401 Auth Denied" EOL
        "WWW-Authenticate: Basic realm='fish', Digest realm='food', algorithm=MD5, qop=auth, nonce=gaga" EOL
        "Content-Length: 0" EOL EOL, "drain", NULL,
    };
    static const char *const script2[] = {
        "accept", "read",
        "send HTTP/1.1 401 Auth Denied" EOL
        "WWW-Authenticate: Digest realm='sha512-realm', algorithm=SHA-512-256, qop=auth, nonce=gaga, "
        "Basic realm='basic-realm', Digest realm='md5-realm', algorithm=MD5, qop=auth, nonce=gaga, "
        "Digest realm='sha256-realm', algorithm=SHA-256, qop=auth, nonce=gaga" EOL
        "WWW-Authenticate: Digest realm='md5sess-realm', algorithm=md5-SESS, qop=auth, nonce=x, "
        "Digest realm='bogus', algorithm=SHA-1, qop=auth, nonce=x" EOL
        "Content-Length: 0" EOL EOL, "drain", NULL,
    };
    static const char *const paths[] = { "/fish", NULL };

    scripted("order: basic and digest", script1, set_multi, paths, 0);
    scripted("order: first callback for the protocol", script1, set_multi_reversed, paths, 0);
    scripted("order: digest algorithms", script2, set_multi, paths, 0);
}

/* ---- proxies (Basic) ------------------------------------------------------- */

#define R407 "send HTTP/1.1 407 Proxy Auth Plz" EOL "Proxy-Authenticate: Basic realm='proxy-realm'" EOL \
    "Content-Length: 0" EOL EOL

static struct creds provider_creds = { "foo", 100 };

static void proxied(const char *label, const char *const *script, void (*setup)(ne_session *),
                    const char *const *paths, int quiet)
{
    struct srv s;
    ne_session *sess;

    printf("== %s\n", label);
    srv_start(&s, script);
    s.quiet = quiet;
    sess = ne_session_create("http", "www.example.com", 80);
    ne_set_read_timeout(sess, 10);
    ne_session_proxy(sess, "127.0.0.1", (unsigned)s.port);
    setup(sess);
    ne_hook_pre_send(sess, show_auth, NULL);
    for (; *paths; paths++) request(sess, "GET", *paths);
    ne_session_destroy(sess);
    srv_finish(&s);
}

static void set_proxy_and_server(ne_session *sess)
{
    ne_set_proxy_auth(sess, creds_cb, &persistent);
    ne_set_server_auth(sess, creds_cb, &aladdin);
}

static void set_provider(ne_session *sess) { ne_add_auth(sess, NE_AUTH_DIGEST | NE_AUTH_BASIC, provide_cb, &provider_creds); }

static void set_proxy_refuse(ne_session *sess)
{
    static struct creds once = { "p", 0 };
    ne_add_proxy_auth(sess, NE_AUTH_BASIC, creds_cb, &once);
}

static void proxies(void)
{
    static const char *const script1[] = {
        "accept", "read", R407, "read", R401, "read", "send " OK200,
        "read", "send " OK200, "read", R407, "read", "send " OK200, "drain", NULL,
    };
    static const char *const script2[] = {
        "accept", "read", R407,
        "read", "send HTTP/1.1 401 Auth Denied" EOL
        "WWW-Authenticate: Digest realm='sha512-realm', algorithm=SHA-512-256, qop=auth, nonce=gaga, "
        "Basic realm='basic-realm'" EOL "Content-Length: 0" EOL EOL,
        "read", "send HTTP/1.1 401 Auth Denied" EOL "WWW-Authenticate: Basic realm='basic-realm'" EOL
        "Content-Length: 0" EOL EOL,
        "read", "send " OK200, "drain", NULL,
    };
    static const char *const script3[] = {
        "accept", "read", R407, "read", R407, "drain", NULL,
    };
    static const char *const three[] = { "/a", "/b", "/c", NULL };
    static const char *const one_path[] = { "/fish", NULL };

    proxied("proxy and server basic", script1, set_proxy_and_server, three, 0);
    proxied("ne_add_auth provider", script2, set_provider, one_path, 1);
    proxied("proxy gives up", script3, set_proxy_refuse, one_path, 0);
}

/* ---- the Digest-checking server --------------------------------------------- */

enum ainfo {
    AI_NONE, AI_GOOD, AI_NEXTNONCE, AI_BAD_DIGEST, AI_NO_DIGEST, AI_NO_CNONCE, AI_BAD_CNONCE,
    AI_NO_NC, AI_BAD_NC_SYNTAX, AI_BAD_NC, AI_LEGACY, AI_NC_HEX_PREFIX,
};

/* One response: a 401/407 with `challenge` if set, else a 200 saying
 * whether the request-digest was right, with Authentication-Info `ai`. */
struct dstep {
    const char *challenge;
    enum ainfo ai;
};

struct dplan {
    int proxy;
    const char *user; /* the real username, for checking */
    const struct dstep *steps;
    int nsteps;
};

/* The value of parameter `name` in an auth header (unquoted), or NULL. */
static char *param(const char *hdr, const char *name)
{
    size_t n = strlen(name);
    const char *p = hdr;

    while ((p = strstr(p, name)) != NULL) {
        if ((p == hdr || p[-1] == ' ') && p[n] == '=') {
            const char *v = p + n + 1, *end;
            if (*v == '"') {
                v++;
                end = strchr(v, '"');
            } else {
                end = v + strcspn(v, ",\r\n");
            }
            return end ? ne_strndup(v, (size_t)(end - v)) : NULL;
        }
        p += n;
    }
    return NULL;
}

static unsigned hash_of(const char *alg)
{
    if (strncmp(alg, "SHA-512-256", 11) == 0) return NE_HASH_SHA512_256;
    if (strncmp(alg, "SHA-256", 7) == 0) return NE_HASH_SHA256;
    return NE_HASH_MD5;
}

/* Reads a request head; returns its length (0 at EOF). */
static size_t read_head(int fd, char *buf, size_t max)
{
    size_t n = 0;

    while (n + 1 < max) {
        struct pollfd p = { fd, POLLIN, 0 };
        if (poll(&p, 1, 10000) <= 0 || read(fd, buf + n, 1) != 1) break;
        n++;
        if (n >= 4 && memcmp(buf + n - 4, "\r\n\r\n", 4) == 0) break;
    }
    buf[n] = '\0';
    return n;
}

static void write_str(int fd, const char *s)
{
    size_t len = strlen(s);
    while (len > 0) {
        ssize_t n = write(fd, s, len);
        if (n <= 0) return;
        s += n;
        len -= (size_t)n;
    }
}

/* Answers one request of the plan. */
static void dstep_answer(int fd, const struct dplan *plan, const struct dstep *st, const char *head)
{
    const char *hname = plan->proxy ? "Proxy-Authorization: " : "Authorization: ";
    char resp[4096], ainfo[1024] = "", verdict[256];
    const char *auth = strstr(head, hname);
    char method[16] = "";
    char *realm = NULL, *nonce = NULL, *uri = NULL, *response = NULL, *alg = NULL, *cnonce = NULL,
         *nc = NULL, *qop = NULL, *username = NULL;

    if (st->challenge) {
        snprintf(resp, sizeof resp, "HTTP/1.1 %d Auth Denied\r\n%s: %s\r\nContent-Length: 0\r\n\r\n",
                 plan->proxy ? 407 : 401, plan->proxy ? "Proxy-Authenticate" : "WWW-Authenticate",
                 st->challenge);
        write_str(fd, resp);
        return;
    }
    sscanf(head, "%15s", method);
    if (!auth) {
        snprintf(verdict, sizeof verdict, "no credentials");
    } else {
        char *line = ne_strndup(auth, strcspn(auth, "\r\n"));
        realm = param(line, "realm");
        nonce = param(line, "nonce");
        uri = param(line, "uri");
        response = param(line, "response");
        alg = param(line, "algorithm");
        cnonce = param(line, "cnonce");
        nc = param(line, "nc");
        qop = param(line, "qop");
        username = param(line, "username");
        free(line);
        if (!realm || !nonce || !uri || !response || !alg) {
            snprintf(verdict, sizeof verdict, "malformed");
        } else {
            unsigned h = hash_of(alg);
            char *ha1 = ne_strhash(h, plan->user, ":", realm, ":", password, NULL), *ha2, *expect, *rsp;
            if (strstr(alg, "-sess")) {
                char *s = ne_strhash(h, ha1, ":", nonce, ":", cnonce ? cnonce : "", NULL);
                free(ha1);
                ha1 = s;
            }
            ha2 = ne_strhash(h, method, ":", uri, NULL);
            if (qop) {
                char *a2 = ne_strhash(h, ":", uri, NULL);
                expect = ne_strhash(h, ha1, ":", nonce, ":", nc, ":", cnonce, ":", qop, ":", ha2, NULL);
                rsp = ne_strhash(h, ha1, ":", nonce, ":", nc, ":", cnonce, ":", qop, ":", a2, NULL);
                free(a2);
            } else {
                char *a2 = ne_strhash(h, ":", uri, NULL);
                expect = ne_strhash(h, ha1, ":", nonce, ":", ha2, NULL);
                rsp = ne_strhash(h, ha1, ":", nonce, ":", a2, NULL);
                free(a2);
            }
            snprintf(verdict, sizeof verdict, "digest %s, nc %s, cnonce %s",
                     strcmp(expect, response) == 0 ? "valid" : "INVALID", nc ? nc : "-",
                     cnonce ? (strlen(cnonce) >= 32 ? "long" : "SHORT") : "-");
            switch (st->ai) {
            case AI_NONE: break;
            case AI_GOOD:
                snprintf(ainfo, sizeof ainfo, "qop=auth, rspauth=\"%s\", cnonce=\"%s\", nc=%s", rsp, cnonce, nc);
                break;
            case AI_NEXTNONCE:
                snprintf(ainfo, sizeof ainfo, "nc=%s, cnonce=\"%s\", rspauth=\"%s\", nextnonce=\"next-%s\", qop=\"auth\"",
                         nc, cnonce, rsp, nonce);
                break;
            case AI_BAD_DIGEST:
                snprintf(ainfo, sizeof ainfo, "qop=auth, rspauth=\"fish\", cnonce=\"%s\", nc=%s", cnonce, nc);
                break;
            case AI_NO_DIGEST:
                snprintf(ainfo, sizeof ainfo, "qop=auth, cnonce=\"%s\", nc=%s", cnonce, nc);
                break;
            case AI_NO_CNONCE:
                snprintf(ainfo, sizeof ainfo, "qop=auth, rspauth=\"%s\", nc=%s", rsp, nc);
                break;
            case AI_BAD_CNONCE:
                snprintf(ainfo, sizeof ainfo, "qop=auth, rspauth=\"%s\", cnonce=\"another-fish\", nc=%s", rsp, nc);
                break;
            case AI_NO_NC:
                snprintf(ainfo, sizeof ainfo, "qop=auth, rspauth=\"%s\", cnonce=\"%s\"", rsp, cnonce);
                break;
            case AI_BAD_NC_SYNTAX:
                snprintf(ainfo, sizeof ainfo, "qop=auth, rspauth=\"%s\", cnonce=\"%s\", nc=zztop", rsp, cnonce);
                break;
            case AI_BAD_NC:
                snprintf(ainfo, sizeof ainfo, "qop=auth, rspauth=\"%s\", cnonce=\"%s\", nc=999", rsp, cnonce);
                break;
            case AI_NC_HEX_PREFIX:
                snprintf(ainfo, sizeof ainfo, "qop=AUTH, rspauth=\"%s\", cnonce=\"%s\", nc=0x%s", rsp, cnonce,
                         nc + 6);
                break;
            case AI_LEGACY:
                snprintf(ainfo, sizeof ainfo, "rspauth=\"%s\"", rsp);
                break;
            }
            free(ha1);
            free(ha2);
            free(expect);
            free(rsp);
        }
        if (username && strcmp(username, plan->user) != 0 && strlen(username) < 100) {
            size_t len = strlen(verdict);
            snprintf(verdict + len, sizeof verdict - len, ", username %s", username);
        }
    }
    snprintf(resp, sizeof resp, "HTTP/1.1 200 OK\r\nX-Digest: %s\r\n%s%s%s%sContent-Length: 0\r\n\r\n", verdict,
             ainfo[0] ? (plan->proxy ? "Proxy-Authentication-Info" : "Authentication-Info") : "",
             ainfo[0] ? ": " : "", ainfo, ainfo[0] ? "\r\n" : "");
    write_str(fd, resp);
    free(realm);
    free(nonce);
    free(uri);
    free(response);
    free(alg);
    free(cnonce);
    free(nc);
    free(qop);
    free(username);
}

/* Runs the plan in a child on one connection; returns its pid. */
static pid_t digest_server(const struct dplan *plan, int *port)
{
    int lfd = listen_local(port);
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        char head[8192];
        int fd, i;
        struct pollfd p = { lfd, POLLIN, 0 };

        alarm(30);
        if (poll(&p, 1, 10000) <= 0) _exit(2);
        fd = accept(lfd, NULL, NULL);
        for (i = 0; i < plan->nsteps; i++) {
            if (read_head(fd, head, sizeof head) == 0) _exit(1);
            dstep_answer(fd, plan, &plan->steps[i], head);
        }
        while (read_head(fd, head, sizeof head) > 0) {}
        _exit(0);
    }
    close(lfd);
    return pid;
}

typedef void (*dsetup_fn)(ne_session *sess, void *arg);

static void digest_case(const char *label, const struct dplan *plan, dsetup_fn setup, void *arg,
                        const char *const *paths)
{
    int port, status;
    pid_t pid = digest_server(plan, &port);
    ne_session *sess;

    printf("== digest: %s\n", label);
    if (plan->proxy) {
        sess = ne_session_create("http", "www.example.com", 80);
        ne_set_read_timeout(sess, 10);
        ne_session_proxy(sess, "127.0.0.1", (unsigned)port);
    } else {
        sess = test_session(port);
    }
    setup(sess, arg);
    ne_hook_pre_send(sess, show_auth, NULL);
    for (; *paths; paths++) request(sess, "GET", *paths);
    ne_session_destroy(sess);
    waitpid(pid, &status, 0);
    printf("server exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void add_server(ne_session *sess, void *arg)
{
    ne_add_server_auth(sess, *(unsigned *)arg, creds_cb, &persistent);
}

static void add_provider(ne_session *sess, void *arg)
{
    ne_add_auth(sess, NE_AUTH_DIGEST, provide_cb, arg);
}

static void set_proxy_digest(ne_session *sess, void *arg)
{
    (void)arg;
    ne_set_proxy_auth(sess, creds_cb, &persistent);
}

#define STEPS(a) a, (int)(sizeof a / sizeof a[0])

static void digest_algorithms(void)
{
    static const char *const algs[] = {
        NULL, "MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess", "sha-256",
    };
    static const char *const three[] = { "/fish", "/fish", "/other", NULL };
    unsigned mask = NE_AUTH_DIGEST;
    size_t i;

    for (i = 0; i < sizeof algs / sizeof algs[0]; i++) {
        char chall[256], label[64];
        struct dstep steps[] = { { chall, AI_NONE }, { NULL, AI_GOOD }, { NULL, AI_GOOD }, { NULL, AI_GOOD } };
        struct dplan plan = { 0, "Aladdin", STEPS(steps) };

        snprintf(chall, sizeof chall, "Digest realm=\"WallyWorld\", %s%s%sqop=\"auth\", opaque=\"op-aque\", "
                 "nonce=\"nonce-%zu\"", algs[i] ? "algorithm=\"" : "", algs[i] ? algs[i] : "",
                 algs[i] ? "\", " : "", i);
        snprintf(label, sizeof label, "algorithm %s", algs[i] ? algs[i] : "(default)");
        digest_case(label, &plan, add_server, &mask, three);
    }
}

static void digest_sequences(void)
{
    static const char *const four[] = { "/a", "/b", "/c", "/d", NULL };
    static const char *const two[] = { "/a", "/b", NULL };
    unsigned digest = NE_AUTH_DIGEST, legacy = NE_AUTH_DIGEST | NE_AUTH_LEGACY_DIGEST;

    {
        static const struct dstep steps[] = {
            { "Digest realm=\"WallyWorld\", qop=\"auth\", nonce=\"first\"", AI_NONE },
            { NULL, AI_NEXTNONCE }, { NULL, AI_NEXTNONCE }, { NULL, AI_GOOD }, { NULL, AI_GOOD },
        };
        struct dplan plan = { 0, "Aladdin", STEPS(steps) };
        digest_case("nextnonce", &plan, add_server, &digest, four);
    }
    {
        static const struct dstep steps[] = {
            { "Digest realm=\"WallyWorld\", algorithm=MD5-sess, qop=\"auth\", nonce=\"n1\"", AI_NONE },
            { NULL, AI_GOOD },
            { "Digest realm=\"WallyWorld\", algorithm=MD5-sess, qop=\"auth\", nonce=\"n2\", stale=true", AI_NONE },
            { NULL, AI_GOOD },
        };
        struct dplan plan = { 0, "Aladdin", STEPS(steps) };
        digest_case("stale nonce (md5-sess keeps the old H(A1))", &plan, add_server, &digest, two);
    }
    {
        static const struct dstep steps[] = {
            { "Digest realm=\"WallyWorld\", qop=\"auth\", nonce=\"n1\"", AI_NONE },
            { NULL, AI_GOOD },
            { "Digest realm=\"WallyWorld\", qop=\"auth\", nonce=\"n2\", opaque=\"o2\", stale=TRUE", AI_NONE },
            { NULL, AI_GOOD },
        };
        struct dplan plan = { 0, "Aladdin", STEPS(steps) };
        digest_case("stale nonce", &plan, add_server, &digest, two);
    }
    {
        static const struct dstep steps[] = {
            { "Digest realm=\"WallyWorld\", nonce=\"legacy\", opaque=\"o\"", AI_NONE },
            { NULL, AI_LEGACY }, { NULL, AI_NONE },
        };
        struct dplan plan = { 0, "Aladdin", STEPS(steps) };
        digest_case("RFC 2069", &plan, add_server, &legacy, two);
    }
    {
        static const struct dstep steps[] = {
            { "Digest realm=\"WallyWorld\", nonce=\"legacy\"", AI_NONE },
            { NULL, AI_NONE },
            { "Digest realm=\"WallyWorld\", nonce=\"legacy2\", stale=true", AI_NONE },
            { NULL, AI_NONE },
        };
        struct dplan plan = { 0, "Aladdin", STEPS(steps) };
        digest_case("RFC 2069 stale", &plan, add_server, &legacy, two);
    }
    {
        static const struct dstep steps[] = {
            { "Digest realm=\"WallyWorld\", qop=\"auth\", nonce=\"n\", "
              "domain=\"/fish/ http://elsewhere.example/x /other\"", AI_NONE },
            { NULL, AI_GOOD }, { NULL, AI_NONE }, { NULL, AI_GOOD }, { NULL, AI_NONE },
        };
        static const char *const paths[] = { "/fish/0", "/outside", "/others", "*", NULL };
        struct dplan plan = { 0, "Aladdin", STEPS(steps) };
        digest_case("domain", &plan, add_server, &digest, paths);
    }
}

static void digest_mutual_failures(void)
{
    static const enum ainfo modes[] = {
        AI_BAD_DIGEST, AI_NO_DIGEST, AI_NO_CNONCE, AI_BAD_CNONCE, AI_NO_NC, AI_BAD_NC_SYNTAX, AI_BAD_NC,
        AI_NC_HEX_PREFIX,
    };
    static const char *const two[] = { "/a", "/b", NULL };
    unsigned digest = NE_AUTH_DIGEST;
    size_t i;

    for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        struct dstep steps[] = {
            { "Digest realm=\"WallyWorld\", qop=\"auth\", algorithm=SHA-256, nonce=\"n\"", AI_NONE },
            { NULL, modes[i] }, { NULL, AI_GOOD },
        };
        struct dplan plan = { 0, "Aladdin", STEPS(steps) };
        char label[64];
        snprintf(label, sizeof label, "Authentication-Info mode %d", (int)modes[i]);
        digest_case(label, &plan, add_server, &digest, two);
    }
}

static void set_old_utf8(ne_session *sess, void *arg)
{
    static struct creds utf8 = { "J\xc3\xa4", 100 };
    (void)arg;
    ne_set_server_auth(sess, creds_cb, &utf8);
}

static void digest_usernames(void)
{
    static const char *const one_path[] = { "/fish", NULL };
    static struct creds plain = { "Aladdin", 100 }, spaced = { "foo bar", 100 },
                        utf8 = { "J\xc3\xa4s\xc3\xb8n Doe", 100 }, quote = { "foo\"bar", 100 };

    {
        static const struct dstep steps[] = {
            { "Digest realm=\"WallyWorld\", qop=\"auth\", nonce=\"n\", userhash=true", AI_NONE }, { NULL, AI_GOOD },
        };
        struct dplan plan = { 0, "Aladdin", STEPS(steps) };
        digest_case("userhash=true", &plan, add_provider, &plain, one_path);
    }
    {
        static const struct dstep steps[] = {
            { "Digest realm=\"WallyWorld\", qop=\"auth\", nonce=\"n\", userhash=false", AI_NONE }, { NULL, AI_GOOD },
        };
        struct dplan plan1 = { 0, "foo bar", STEPS(steps) };
        struct dplan plan2 = { 0, "J\xc3\xa4s\xc3\xb8n Doe", STEPS(steps) };
        struct dplan plan3 = { 0, "foo\"bar", STEPS(steps) };
        digest_case("username with a space", &plan1, add_provider, &spaced, one_path);
        digest_case("username* for UTF-8", &plan2, add_provider, &utf8, one_path);
        digest_case("username* for a quote", &plan3, add_provider, &quote, one_path);
    }
    {
        /* Without userhash=false, or from an ne_auth_creds callback, such
         * usernames cannot be sent. */
        static const struct dstep steps[] = {
            { "Digest realm=\"WallyWorld\", qop=\"auth\", nonce=\"n\"", AI_NONE },
        };
        static const struct dstep steps_false[] = {
            { "Digest realm=\"WallyWorld\", qop=\"auth\", nonce=\"n\", userhash=false", AI_NONE },
        };
        struct dplan plan = { 0, "x", STEPS(steps) };
        struct dplan plan_false = { 0, "x", STEPS(steps_false) };
        digest_case("non-ASCII username, no userhash", &plan, add_provider, &utf8, one_path);
        digest_case("non-ASCII username, old callback", &plan_false, set_old_utf8, NULL, one_path);
    }
}

static void digest_proxy(void)
{
    static const struct dstep steps[] = {
        { "Digest realm=\"WallyWorld\", qop=\"auth\", nonce=\"pn\", domain=\"/ignored/\"", AI_NONE },
        { NULL, AI_GOOD }, { NULL, AI_BAD_DIGEST },
    };
    static const char *const paths[] = { "/fish", "/elsewhere", NULL };
    struct dplan plan = { 1, "Aladdin", STEPS(steps) };

    digest_case("proxy", &plan, set_proxy_digest, NULL, paths);
}

/* ---- flags and privates ---------------------------------------------------- */

static void connauth_flag(void)
{
    static const char *const script[] = {
        "accept", "read", "send " OK200, "read", R401, "read", "send " OK200, "drain", NULL,
    };
    struct srv s;
    ne_session *sess;

    printf("== connauth flag\n");
    srv_start(&s, script);
    sess = test_session(s.port);
    printf("private before: %d\n",
           ne_get_session_private(sess, "http://webdav.org/neon/hooks/server-auth") != NULL);
    ne_set_server_auth(sess, creds_cb, &aladdin);
    ne_add_server_auth(sess, NE_AUTH_BASIC, creds_cb, &aladdin);
    printf("server private: %d, proxy private: %d\n",
           ne_get_session_private(sess, "http://webdav.org/neon/hooks/server-auth") != NULL,
           ne_get_session_private(sess, "http://webdav.org/neon/hooks/proxy-auth") != NULL);
    ne_set_session_flag(sess, NE_SESSFLAG_CONNAUTH, 1);
    request(sess, "GET", "/ok");
    printf("connauth after 200: %d\n", ne_get_session_flag(sess, NE_SESSFLAG_CONNAUTH));
    request(sess, "GET", "/challenged");
    printf("connauth after challenge: %d\n", ne_get_session_flag(sess, NE_SESSFLAG_CONNAUTH));
    {
        ne_request *req = ne_request_create(sess, "GET", "/x");
        printf("request private: %d\n",
               ne_get_request_private(req, "http://webdav.org/neon/hooks/server-auth") != NULL);
        ne_request_destroy(req);
    }
    ne_session_destroy(sess);
    srv_finish(&s);
}

/* neon's CVE-2008-3746 regression: a relative domain through a proxy. */
static void relative_domain(void)
{
    static const char *const script[] = {
        "accept", "read", "send HTTP/1.1 401 Auth Denied" EOL
        "WWW-Authenticate: Digest realm=\"WallyWorld\", qop=\"auth\", nonce=\"agoog\", domain=\"foo\"" EOL
        "Content-Length: 0" EOL EOL,
        "read", "send " OK200, "read", "send " OK200, "read", "send " OK200, "drain", NULL,
    };
    static const char *const paths[] = { "/fish/0", "/foo/x", "/foo", NULL };

    proxied("relative digest domain via proxy", script, set_server_persistent, paths, 1);
}

int main(void)
{
    basic_challenges();
    basic_retries();
    failures();
    scope_and_forget();
    ordering();
    proxies();
    digest_algorithms();
    digest_sequences();
    digest_mutual_failures();
    digest_usernames();
    digest_proxy();
    connauth_flag();
    relative_domain();
    return 0;
}
