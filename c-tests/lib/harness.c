/* Test support: scripted loopback server and printing helpers (see harness.h). */
#define _GNU_SOURCE
#include "harness.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_HEAD 65536
#define IO_TIMEOUT_MS 10000
#define LOG_ABBREV 4096

static void die(const char *what)
{
    perror(what);
    exit(3);
}

int listen_local(int *port)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0) die("socket");
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 16)) die("bind/listen");
    if (getsockname(fd, (struct sockaddr *)&sa, &len)) die("getsockname");
    *port = ntohs(sa.sin_port);
    return fd;
}

/* ---- child side ---- */

static FILE *logf;

static void log_entry(const char *data, size_t len)
{
    fprintf(logf, "%zu\n", len);
    fwrite(data, 1, len, logf);
    fflush(logf);
}

static int wait_fd(int fd, short events)
{
    struct pollfd p = { fd, events, 0 };
    int r;

    do r = poll(&p, 1, IO_TIMEOUT_MS);
    while (r < 0 && errno == EINTR);
    return r;
}

/* Reads up to len bytes; 0 on EOF, -1 on error, -2 on timeout. */
static ssize_t read_some(int fd, char *buf, size_t len)
{
    ssize_t n;
    int r = wait_fd(fd, POLLIN);

    if (r < 0) return -1;
    if (r == 0) return -2;
    do n = read(fd, buf, len);
    while (n < 0 && errno == EINTR);
    return n;
}

static int read_exact(int fd, char *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = read_some(fd, buf + got, len - got);
        if (n <= 0) return -1;
        got += (size_t)n;
    }
    return 0;
}

static void write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n;
        if (wait_fd(fd, POLLOUT) <= 0) return;
        n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return; /* the client went away: not the server's problem */
        }
        data += n;
        len -= (size_t)n;
    }
}

/* Reads the request head byte by byte so nothing after it is consumed. */
static size_t read_head(int fd, char *buf, size_t max)
{
    size_t n = 0;

    while (n < max) {
        if (read_some(fd, buf + n, 1) <= 0) break;
        n++;
        if (n >= 2 && buf[n - 1] == '\n' &&
            (buf[n - 2] == '\n' || (n >= 4 && memcmp(buf + n - 4, "\r\n\r\n", 4) == 0)))
            break;
    }
    return n;
}

static const char *find_header(const char *head, size_t len, const char *name)
{
    size_t nlen = strlen(name);
    const char *p = head, *end = head + len;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) break;
        if ((size_t)(eol - p) > nlen && strncasecmp(p, name, nlen) == 0 && p[nlen] == ':')
            return p + nlen + 1;
        p = eol + 1;
    }
    return NULL;
}

/* Reads a chunked body into buf (appending); returns the new length. */
static size_t read_chunked(int fd, char *buf, size_t len, size_t max)
{
    for (;;) {
        size_t start = len, size;
        /* chunk-size line */
        while (len < max && read_some(fd, buf + len, 1) == 1) {
            len++;
            if (buf[len - 1] == '\n') break;
        }
        if (len == start || buf[len - 1] != '\n') return len;
        size = strtoul(buf + start, NULL, 16);
        if (size == 0) {
            /* trailer section up to the empty line */
            size_t line = len;
            while (len < max && read_some(fd, buf + len, 1) == 1) {
                len++;
                if (buf[len - 1] == '\n') {
                    if (len - line <= 2) return len;
                    line = len;
                }
            }
            return len;
        }
        if (len + size + 2 > max || read_exact(fd, buf + len, size + 2)) return len;
        len += size + 2;
    }
}

static void do_read(int fd, int with_body)
{
    static char buf[MAX_HEAD * 16];
    size_t len = read_head(fd, buf, MAX_HEAD);
    const char *cl, *te;

    if (len == 0) {
        log_entry("<EOF>", 5);
        return;
    }
    if (with_body) {
        te = find_header(buf, len, "Transfer-Encoding");
        cl = find_header(buf, len, "Content-Length");
        if (te && strstr(te, "chunked") && strstr(te, "chunked") < (char *)memchr(te, '\n', buf + len - te)) {
            len = read_chunked(fd, buf, len, sizeof buf);
        } else if (cl) {
            size_t n = strtoul(cl, NULL, 10);
            if (n > sizeof buf - len) n = sizeof buf - len;
            if (read_exact(fd, buf + len, n) == 0) len += n;
        }
    }
    log_entry(buf, len);
}

/* "relay PORT": connects to 127.0.0.1:PORT and copies bytes both ways
 * until both directions have seen EOF (each EOF is passed on as a FIN) or
 * nothing moved for 10 s. Logs "<relay done>", "<relay idle>" or
 * "<relay: connect failed>" (never byte counts: they vary, e.g. with TLS). */
static void relay(int fd, int port)
{
    struct sockaddr_in sa;
    int up = socket(AF_INET, SOCK_STREAM, 0), open_in = 1, open_out = 1;

    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons((unsigned short)port);
    if (up < 0 || connect(up, (struct sockaddr *)&sa, sizeof sa) != 0) {
        log_entry("<relay: connect failed>", 23);
        if (up >= 0) close(up);
        return;
    }
    while (open_in || open_out) {
        /* a negative fd makes poll() ignore a direction that has ended */
        struct pollfd p[2] = { { open_in ? fd : -1, POLLIN, 0 }, { open_out ? up : -1, POLLIN, 0 } };
        char buf[16384];
        int r, i;

        do r = poll(p, 2, IO_TIMEOUT_MS);
        while (r < 0 && errno == EINTR);
        if (r <= 0) {
            log_entry("<relay idle>", 12);
            close(up);
            return;
        }
        for (i = 0; i < 2; i++) {
            int from = i == 0 ? fd : up, to = i == 0 ? up : fd;
            ssize_t n;
            if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            n = read(from, buf, sizeof buf);
            if (n > 0) {
                write_all(to, buf, (size_t)n);
            } else if (n == 0 || errno != EINTR) {
                shutdown(to, SHUT_WR);
                if (i == 0) open_in = 0;
                else open_out = 0;
            }
        }
    }
    log_entry("<relay done>", 12);
    close(up);
}

static void run_script(int lfd, const char *const *script)
{
    int fd = -1;
    const char *const *d;

    for (d = script; *d; d++) {
        const char *arg = strchr(*d, ' ');
        arg = arg ? arg + 1 : "";

        if (strcmp(*d, "accept") == 0) {
            if (fd >= 0) close(fd);
            if (wait_fd(lfd, POLLIN) <= 0) {
                log_entry("<no connection>", 15);
                exit(2);
            }
            fd = accept(lfd, NULL, NULL);
            if (fd < 0) die("accept");
        } else if (fd < 0 && strcmp(*d, "mark") != 0 && strncmp(*d, "mark ", 5) != 0
                   && strncmp(*d, "sleep", 5) != 0) {
            fprintf(stderr, "script: '%s' without a connection\n", *d);
            exit(2);
        } else if (strcmp(*d, "read") == 0) {
            do_read(fd, 1);
        } else if (strcmp(*d, "readhead") == 0) {
            do_read(fd, 0);
        } else if (strncmp(*d, "readbody ", 9) == 0) {
            size_t n = strtoul(arg, NULL, 10);
            char *b = malloc(n ? n : 1);
            if (read_exact(fd, b, n) == 0) log_entry(b, n);
            else log_entry("<short body>", 12);
            free(b);
        } else if (strncmp(*d, "echo ", 5) == 0) {
            size_t n = strtoul(arg, NULL, 10);
            char *b = malloc(n ? n : 1);
            if (read_exact(fd, b, n) == 0) {
                log_entry(b, n);
                write_all(fd, b, n);
            } else {
                log_entry("<short echo>", 12);
            }
            free(b);
        } else if (strncmp(*d, "send ", 5) == 0) {
            write_all(fd, arg, strlen(arg));
        } else if (strncmp(*d, "sendfile ", 9) == 0) {
            char chunk[65536];
            size_t n = strtoul(arg, NULL, 10);
            const char *c = strchr(arg, ' ');
            memset(chunk, c ? c[1] : 'x', sizeof chunk);
            while (n > 0) {
                size_t k = n < sizeof chunk ? n : sizeof chunk;
                write_all(fd, chunk, k);
                n -= k;
            }
        } else if (strncmp(*d, "sendhex ", 8) == 0) {
            char bytes[1024];
            size_t n = 0;
            const char *p = arg;
            while (*p && n < sizeof bytes) {
                unsigned v;
                if (*p == ' ') { p++; continue; }
                if (sscanf(p, "%2x", &v) != 1) {
                    fprintf(stderr, "script: bad hex '%s'\n", arg);
                    exit(2);
                }
                bytes[n++] = (char)v;
                p += p[1] ? 2 : 1;
            }
            write_all(fd, bytes, n);
        } else if (strncmp(*d, "sleep ", 6) == 0) {
            struct timespec ts;
            long ms = strtol(arg, NULL, 10);
            ts.tv_sec = ms / 1000;
            ts.tv_nsec = (ms % 1000) * 1000000L;
            nanosleep(&ts, NULL);
        } else if (strcmp(*d, "shutwr") == 0) {
            shutdown(fd, SHUT_WR);
        } else if (strcmp(*d, "close") == 0) {
            close(fd);
            fd = -1;
        } else if (strcmp(*d, "reset") == 0) {
            struct linger lg = { 1, 0 };
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
            close(fd);
            fd = -1;
        } else if (strcmp(*d, "drain") == 0) {
            static char buf[MAX_HEAD];
            size_t len = 0;
            ssize_t n = 0;
            while (len < sizeof buf - 16 && (n = read_some(fd, buf + len, sizeof buf - 16 - len)) > 0)
                len += (size_t)n;
            if (n == -2) {
                memcpy(buf + len, " <timeout>", 10);
                len += 10;
            } else if (n < 0) {
                memcpy(buf + len, " <error>", 8);
                len += 8;
            }
            log_entry(buf, len);
        } else if (strncmp(*d, "mark ", 5) == 0) {
            log_entry(arg, strlen(arg));
        } else if (strncmp(*d, "relay ", 6) == 0) {
            relay(fd, atoi(arg));
        } else {
            fprintf(stderr, "script: unknown directive '%s'\n", *d);
            exit(2);
        }
    }
    if (fd >= 0) close(fd);
}

void srv_start(struct srv *s, const char *const *script)
{
    int lfd, logfd;

    strcpy(s->logpath, "/tmp/neonrs-srv-XXXXXX");
    logfd = mkstemp(s->logpath);
    if (logfd < 0) die("mkstemp");
    s->logpos = 0;
    s->quiet = 0;
    lfd = listen_local(&s->port);
    fflush(stdout);
    fflush(stderr);
    s->pid = fork();
    if (s->pid < 0) die("fork");
    if (s->pid == 0) {
        signal(SIGPIPE, SIG_IGN);
        alarm(30);
        logf = fdopen(logfd, "w");
        if (!logf) die("fdopen");
        run_script(lfd, script);
        fclose(logf);
        close(lfd);
        _exit(0);
    }
    close(logfd);
    close(lfd);
}

/* Returns a malloc'd copy of data (length in *outlen) in which the decimal
 * port (when not part of a longer number; with colon != 0 only right after
 * a ':') is replaced by "PORT". */
static char *replace_port(const char *data, size_t len, int port, int colon, size_t *outlen)
{
    char num[16];
    size_t nlen = (size_t)snprintf(num, sizeof num, "%d", port), i = 0, o = 0;
    char *out = malloc(len * 2 + 1);

    while (i < len) {
        if (i + nlen <= len && memcmp(data + i, num, nlen) == 0
            && (i == 0 ? !colon : (colon ? data[i - 1] == ':' : !isdigit((unsigned char)data[i - 1])))
            && (i + nlen == len || !isdigit((unsigned char)data[i + nlen]))) {
            memcpy(out + o, "PORT", 4);
            o += 4;
            i += nlen;
        } else {
            out[o++] = data[i++];
        }
    }
    *outlen = o;
    return out;
}

void srv_log(struct srv *s)
{
    FILE *f = fopen(s->logpath, "r");
    size_t len, olen;
    char *out;

    if (!f) return;
    fseek(f, s->logpos, SEEK_SET);
    while (fscanf(f, "%zu", &len) == 1 && fgetc(f) == '\n') {
        char *buf = malloc(len ? len : 1);
        if (fread(buf, 1, len, f) != len) {
            free(buf);
            break;
        }
        if (s->quiet) {
            free(buf);
            s->logpos = ftell(f);
            continue;
        }
        printf("srv: ");
        out = replace_port(buf, len, s->port, 1, &olen);
        if (olen > LOG_ABBREV) {
            /* large entries: head, summary, tail */
            print_escaped(out, 512);
            printf("<...%zu bytes, checksum %08lx...>", olen, checksum(out, olen, CHECKSUM_INIT));
            print_escaped(out + olen - 128, 128);
        } else {
            print_escaped(out, olen);
        }
        free(out);
        printf("\n");
        free(buf);
        s->logpos = ftell(f);
    }
    fclose(f);
}

int srv_finish(struct srv *s)
{
    int status = 0, i;
    pid_t r = 0;

    for (i = 0; i < 1000; i++) {
        r = waitpid(s->pid, &status, WNOHANG);
        if (r != 0) break;
        usleep(10000);
    }
    if (r == 0) {
        kill(s->pid, SIGKILL);
        waitpid(s->pid, &status, 0);
        printf("srv: killed (script did not finish)\n");
    }
    srv_log(s);
    unlink(s->logpath);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void print_escaped(const char *data, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == '\r') fputs("\\r", stdout);
        else if (c == '\n') fputs("\\n", stdout);
        else if (c == '\\') fputs("\\\\", stdout);
        else if (isprint(c)) putchar(c);
        else printf("\\x%02x", c);
    }
}

void print_str(const char *label, const char *s)
{
    printf("%s: ", label);
    if (s) {
        putchar('[');
        print_escaped(s, strlen(s));
        putchar(']');
    } else {
        fputs("(null)", stdout);
    }
    putchar('\n');
}

void print_str_port(const char *label, const char *s, int port)
{
    printf("%s: ", label);
    if (s) {
        size_t olen;
        char *out = replace_port(s, strlen(s), port, 0, &olen);
        putchar('[');
        print_escaped(out, olen);
        putchar(']');
        free(out);
    } else {
        fputs("(null)", stdout);
    }
    putchar('\n');
}

char *directive(const char *name, const char *arg)
{
    char *d = malloc(strlen(name) + strlen(arg) + 2);

    sprintf(d, "%s %s", name, arg);
    return d;
}

int unused_port(void)
{
    int port, fd = listen_local(&port);

    close(fd);
    return port;
}

unsigned long checksum(const char *data, size_t len, unsigned long sum)
{
    size_t i;

    for (i = 0; i < len; i++)
        sum = ((sum ^ (unsigned char)data[i]) * 16777619UL) & 0xffffffffUL;
    return sum;
}

/* ---- neon helpers ---- */

ne_session *test_session(int port)
{
    ne_session *sess = ne_session_create("http", "127.0.0.1", (unsigned)port);

    ne_set_read_timeout(sess, 10);
    return sess;
}

const char *ret_name(int ret)
{
    static const char *const names[] = {
        "NE_OK", "NE_ERROR", "NE_LOOKUP", "NE_AUTH", "NE_PROXYAUTH", "NE_CONNECT",
        "NE_TIMEOUT", "NE_FAILED", "NE_RETRY", "NE_REDIRECT",
    };
    static char other[32];

    if (ret >= 0 && ret < (int)(sizeof names / sizeof names[0])) return names[ret];
    snprintf(other, sizeof other, "ret=%d", ret);
    return other;
}

void print_status(const ne_request *req)
{
    const ne_status *st = ne_get_status(req);

    printf("status: %d.%d %d class %d ", st->major_version, st->minor_version,
           st->code, st->klass);
    print_str("reason", st->reason_phrase);
}

struct hdr { const char *name, *value; };

static int cmp_hdr(const void *a, const void *b)
{
    const struct hdr *x = a, *y = b;
    int r = strcmp(x->name, y->name);

    return r ? r : strcmp(x->value, y->value);
}

void print_headers(ne_request *req)
{
    struct hdr *h = NULL;
    size_t n = 0, i;
    void *cursor = NULL;
    const char *name, *value;

    while ((cursor = ne_response_header_iterate(req, cursor, &name, &value)) != NULL) {
        h = realloc(h, (n + 1) * sizeof *h);
        h[n].name = name;
        h[n].value = value;
        n++;
    }
    if (n) qsort(h, n, sizeof *h, cmp_hdr);
    for (i = 0; i < n; i++) {
        printf("  hdr ");
        print_escaped(h[i].name, strlen(h[i].name));
        printf(": [");
        print_escaped(h[i].value, strlen(h[i].value));
        printf("]\n");
    }
    free(h);
}

void print_result(const char *label, ne_session *sess, int ret)
{
    printf("%s: %s ", label, ret_name(ret));
    print_str("error", ne_get_error(sess));
}

int print_body(ne_request *req, size_t bufsize, int flags)
{
    char *buf = malloc(bufsize), *body = NULL;
    size_t total = 0;
    ssize_t n;
    unsigned long sum = CHECKSUM_INIT;

    if (flags & SHOW_BLOCKS) printf("blocks:");
    while ((n = ne_read_response_block(req, buf, bufsize)) > 0) {
        if (flags & SHOW_BLOCKS) printf(" %zd", n);
        sum = checksum(buf, (size_t)n, sum);
        if (flags & SHOW_BODY) {
            body = realloc(body, total + (size_t)n);
            memcpy(body + total, buf, (size_t)n);
        }
        total += (size_t)n;
    }
    if (flags & SHOW_BLOCKS) printf(" -> %zd\n", n);
    if (flags & SHOW_BODY) {
        printf("body (%zu): [", total);
        print_escaped(body, total);
        printf("]\n");
    } else {
        printf("body: %zu bytes, checksum %08lx\n", total, sum);
    }
    if (n < 0) print_result("read_response_block", ne_get_session(req), -1);
    free(body);
    free(buf);
    return n < 0 ? -1 : 0;
}

int run_request(ne_session *sess, const char *method, const char *target, int flags)
{
    ne_request *req;
    int ret;

    printf("%s %s\n", method, target);
    req = ne_request_create(sess, method, target);
    ret = ne_begin_request(req);
    if (ret == NE_OK) {
        if (!(flags & NO_HEADERS)) {
            print_status(req);
            print_headers(req);
        }
        if (print_body(req, 8192, flags) == 0)
            ret = ne_end_request(req);
        else
            ret = NE_ERROR;
    }
    print_result("result", sess, ret);
    ne_request_destroy(req);
    return ret;
}

void print_notifier(void *userdata, ne_session_status status,
                    const ne_session_status_info *info)
{
    char addr[64];

    if (userdata) printf("%s ", (const char *)userdata);
    switch (status) {
    case ne_status_lookup:
        printf("notify: lookup ");
        print_str("host", info->lu.hostname);
        break;
    case ne_status_connecting:
        printf("notify: connecting to %s ",
               info->ci.address ? ne_iaddr_print(info->ci.address, addr, sizeof addr) : "(null)");
        print_str("host", info->ci.hostname);
        break;
    case ne_status_connected:
        printf("notify: connected ");
        print_str("host", info->cd.hostname);
        break;
    case ne_status_disconnected:
        printf("notify: disconnected ");
        print_str("host", info->cd.hostname);
        break;
    case ne_status_sending:
        printf("notify: sending %lld/%lld\n", (long long)info->sr.progress,
               (long long)info->sr.total);
        break;
    case ne_status_recving:
        printf("notify: recving %lld/%lld\n", (long long)info->sr.progress,
               (long long)info->sr.total);
        break;
    default:
        printf("notify: status %d\n", (int)status);
        break;
    }
}
