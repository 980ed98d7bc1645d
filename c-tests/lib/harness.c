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

/* Reads up to len bytes; 0 on EOF, -1 on error or timeout. */
static ssize_t read_some(int fd, char *buf, size_t len)
{
    ssize_t n;

    if (wait_fd(fd, POLLIN) <= 0) return -1;
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
            ssize_t n;
            while (len < sizeof buf && (n = read_some(fd, buf + len, sizeof buf - len)) > 0)
                len += (size_t)n;
            log_entry(buf, len);
        } else if (strncmp(*d, "mark ", 5) == 0) {
            log_entry(arg, strlen(arg));
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

void srv_log(struct srv *s)
{
    FILE *f = fopen(s->logpath, "r");
    size_t len;

    if (!f) return;
    fseek(f, s->logpos, SEEK_SET);
    while (fscanf(f, "%zu", &len) == 1 && fgetc(f) == '\n') {
        char *buf = malloc(len ? len : 1);
        if (fread(buf, 1, len, f) != len) {
            free(buf);
            break;
        }
        printf("srv: ");
        print_escaped(buf, len);
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
