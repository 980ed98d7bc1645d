/* ne_socket.h, part 2: connecting, reading, writing, timeouts, shutdown,
 * accepting and error texts, against the scripted server (or, for accept
 * and prebind, a listener in this process). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include <ne_socket.h>

#include "harness.h"

/* "label: ret" and, for a failure, the socket's error. */
static void show(const char *label, ne_socket *sock, long ret)
{
    printf("%s: %ld", label, ret);
    if (ret < 0) print_str(" error", ne_sock_error(sock));
    else printf("\n");
}

/* Prints the result of a read of some kind and the bytes it gave. */
static void show_data(const char *label, ne_socket *sock, long ret, const char *buf)
{
    show(label, sock, ret);
    if (ret > 0) {
        printf("  data: [");
        print_escaped(buf, (size_t)ret);
        printf("]\n");
    }
}

static ne_inet_addr *loopback(void)
{
    return ne_iaddr_parse("127.0.0.1", ne_iaddr_ipv4);
}

/* A socket connected to 127.0.0.1:port with a 10 s read timeout. */
static ne_socket *connect_to(int port)
{
    ne_inet_addr *ia = loopback();
    ne_socket *sock = ne_sock_create();
    int ret;

    ne_sock_read_timeout(sock, 10);
    ret = ne_sock_connect(sock, ia, (unsigned)port);
    if (ret) show("connect", sock, ret);
    ne_iaddr_free(ia);
    return sock;
}

/* Lets the server know the client got this far (its "readbody 4"). */
static void sync_server(ne_socket *sock)
{
    int ret = ne_sock_fullwrite(sock, "sync", 4);
    if (ret) show("sync", sock, ret);
}

static void fresh_socket(void)
{
    ne_socket *sock = ne_sock_create();
    ne_inet_addr *peer;
    unsigned int port = 99;

    printf("new socket: fd %d\n", ne_sock_fd(sock));
    print_str("new socket error", ne_sock_error(sock));
    peer = ne_sock_peer(sock, &port);
    printf("peer of unconnected socket: %s, port %u\n", peer ? "an address" : "(null)", port);
    print_str("  error", ne_sock_error(sock));
    show("shutdown unconnected", sock, ne_sock_shutdown(sock, NE_SOCK_BOTH));
    show("accept on fd -1", sock, ne_sock_accept(sock, -1));
    printf("close: %d\n", ne_sock_close(sock));
}

static void set_error(void)
{
    ne_socket *sock = ne_sock_create();
    char long_text[400];
    const char *err;

    ne_sock_set_error(sock, "%s-%d-%c-%05.1f-%%-%x", "text", 42, 'c', 3.14159, 255u);
    print_str("set_error formatted", ne_sock_error(sock));
    memset(long_text, 'a', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    long_text[189] = 'Y';
    long_text[190] = 'Z';
    ne_sock_set_error(sock, "%s", long_text);
    err = ne_sock_error(sock);
    printf("set_error long: length %zu, ends with [%s]\n", strlen(err), err + 185);
    ne_sock_set_error(sock, "%s", "");
    print_str("set_error empty", ne_sock_error(sock));
    ne_sock_close(sock);
}

static void reads(void)
{
    static const char *const script[] = {
        "accept",
        "send line one\nline two\r\n",
        "send split ", "sleep 300", "send line\n",
        "readbody 4", "send peekable",
        "readbody 4", "send zero",
        "readbody 4", "send abcdef\n",
        "readbody 4", "sendfile 5000 a", "send \n",
        "readbody 4", "send 01234", "sleep 300", "send 56789",
        "readbody 4", "sendfile 10000 b",
        "readbody 4", "send tail",
        "close",
        NULL
    };
    struct srv srv;
    ne_socket *sock;
    char buf[16384];
    long ret;

    srv_start(&srv, script);
    sock = connect_to(srv.port);
    printf("connected fd valid: %d\n", fcntl(ne_sock_fd(sock), F_GETFD) >= 0);

    ret = ne_sock_readline(sock, buf, sizeof buf);
    show("readline 1", sock, ret);
    print_str("  line", buf);
    ret = ne_sock_readline(sock, buf, sizeof buf);
    show("readline 2", sock, ret);
    print_str("  line", buf);
    ret = ne_sock_readline(sock, buf, sizeof buf);
    show("readline split over two segments", sock, ret);
    print_str("  line", buf);

    sync_server(sock);
    ret = ne_sock_peek(sock, buf, 4);
    show_data("peek 4", sock, ret, buf);
    ret = ne_sock_peek(sock, buf, 100);
    show_data("peek 100", sock, ret, buf);
    ret = ne_sock_read(sock, buf, 3);
    show_data("read 3", sock, ret, buf);
    ret = ne_sock_block(sock, 1);
    show("block with buffered data", sock, ret);
    ret = ne_sock_read(sock, buf, 100);
    show_data("read 100", sock, ret, buf);

    sync_server(sock);
    /* a read of 0 bytes still waits for data and buffers it */
    ret = ne_sock_read(sock, buf, 0);
    show("read 0", sock, ret);
    ret = ne_sock_read(sock, buf, 100);
    show_data("read after read 0", sock, ret, buf);

    sync_server(sock);
    ret = ne_sock_readline(sock, buf, 7);
    show("readline into 7 bytes", sock, ret);
    ret = ne_sock_readline(sock, buf, 8);
    show("readline into 8 bytes", sock, ret);
    print_str("  line", buf);

    sync_server(sock);
    ret = ne_sock_readline(sock, buf, sizeof buf);
    show("readline of 5001 bytes", sock, ret);
    ret = ne_sock_fullread(sock, buf, 5001);
    show("fullread of the long line", sock, ret);
    printf("  checksum %08lx, last byte %d\n", checksum(buf, 5001, CHECKSUM_INIT), buf[5000]);

    sync_server(sock);
    memset(buf, 0, sizeof buf);
    ret = ne_sock_fullread(sock, buf, 10);
    show("fullread 10 over two segments", sock, ret);
    print_str("  data", buf);

    sync_server(sock);
    ret = ne_sock_fullread(sock, buf, 10000);
    show("fullread 10000", sock, ret);
    printf("  checksum %08lx\n", checksum(buf, 10000, CHECKSUM_INIT));

    sync_server(sock);
    ret = ne_sock_fullread(sock, buf, 10);
    show("fullread 10 of 4 then EOF", sock, ret);
    ret = ne_sock_read(sock, buf, 10);
    show("read after EOF", sock, ret);
    ret = ne_sock_readline(sock, buf, 10);
    show("readline after EOF", sock, ret);
    ret = ne_sock_peek(sock, buf, 10);
    show("peek after EOF", sock, ret);

    printf("close: %d\n", ne_sock_close(sock));
    printf("server: %d\n", srv_finish(&srv));
}

static void writes(void)
{
    static const char *const script[] = {
        "accept", "readbody 12", "readbody 13", "readbody 1051985", "readbody 4",
        "send done\n", "drain", NULL
    };
    struct srv srv;
    ne_socket *sock;
    struct ne_iovec vec[200];
    char *big = malloc(1 << 20), *small = malloc(200 * 37);
    size_t total = 0;
    int i;
    char buf[64];

    for (i = 0; i < 200 * 37; i++) small[i] = (char)('a' + i % 26);
    for (i = 0; i < (1 << 20); i++) big[i] = (char)('A' + i % 23);
    srv_start(&srv, script);
    sock = connect_to(srv.port);
    show("fullwrite", sock, ne_sock_fullwrite(sock, "hello world\n", 12));
    vec[0].base = (void *)"head ";
    vec[0].len = 5;
    vec[1].base = NULL;
    vec[1].len = 0;
    vec[2].base = (void *)"and tail";
    vec[2].len = 8;
    show("fullwritev 3 blocks", sock, ne_sock_fullwritev(sock, vec, 3));
    show("fullwritev 0 blocks", sock, ne_sock_fullwritev(sock, vec, 0));
    /* many blocks of 0..36 bytes around one of 1 MiB */
    for (i = 0; i < 200; i++) {
        vec[i].base = small + total;
        vec[i].len = (size_t)(i % 37);
        total += vec[i].len;
    }
    vec[100].base = big;
    vec[100].len = 1 << 20;
    total += (1 << 20) - 100 % 37;
    printf("fullwritev 200 blocks, %zu bytes\n", total);
    show("fullwritev", sock, ne_sock_fullwritev(sock, vec, 200));
    sync_server(sock);
    show("readline", sock, ne_sock_readline(sock, buf, sizeof buf));
    show("shutdown 0", sock, ne_sock_shutdown(sock, 0));
    show("fullwrite before shutdown", sock, ne_sock_fullwrite(sock, "bye", 3));
    show("shutdown send", sock, ne_sock_shutdown(sock, NE_SOCK_SEND));
    printf("server: %d\n", srv_finish(&srv));
    show("fullwrite after shutdown", sock, ne_sock_fullwrite(sock, "more", 4));
    show("shutdown recv", sock, ne_sock_shutdown(sock, NE_SOCK_RECV));
    show("read after shutdown", sock, ne_sock_read(sock, buf, sizeof buf));
    printf("close: %d\n", ne_sock_close(sock));
    free(big);
    free(small);
}

static void timeouts(void)
{
    static const char *const script[] = {
        "accept", "readbody 4", "sleep 200", "send x",
        "readbody 4", "send late", "readbody 4", "close", NULL
    };
    struct srv srv;
    ne_socket *sock;
    char buf[64];

    srv_start(&srv, script);
    sock = connect_to(srv.port);
    ne_sock_set_error(sock, "%s", "message before the timeouts");
    show("block 1s without data", sock, ne_sock_block(sock, 1));
    print_str("  error", ne_sock_error(sock));
    sync_server(sock);
    show("block 5s, data after 0.2s", sock, ne_sock_block(sock, 5));
    show_data("read", sock, ne_sock_read(sock, buf, sizeof buf), buf);
    ne_sock_read_timeout(sock, 1);
    show("read with a 1s timeout", sock, ne_sock_read(sock, buf, sizeof buf));
    show("readline with a 1s timeout", sock, ne_sock_readline(sock, buf, sizeof buf));
    show("fullread with a 1s timeout", sock, ne_sock_fullread(sock, buf, 3));
    sync_server(sock);
    ne_sock_read_timeout(sock, 10);
    show_data("read after the timeouts", sock, ne_sock_read(sock, buf, sizeof buf), buf);
    sync_server(sock);
    show("read at EOF", sock, ne_sock_read(sock, buf, sizeof buf));
    show("block at EOF", sock, ne_sock_block(sock, 1));
    ne_sock_close(sock);
    printf("server: %d\n", srv_finish(&srv));
}

static void reset(void)
{
    static const char *const script[] = { "accept", "readbody 4", "reset", NULL };
    struct srv srv;
    ne_socket *sock;
    char buf[64];

    srv_start(&srv, script);
    sock = connect_to(srv.port);
    sync_server(sock);
    show("read after reset", sock, ne_sock_read(sock, buf, sizeof buf));
    show("fullwrite after reset", sock, ne_sock_fullwrite(sock, "x", 1));
    show("shutdown after reset", sock, ne_sock_shutdown(sock, NE_SOCK_BOTH));
    ne_sock_close(sock);
    printf("server: %d\n", srv_finish(&srv));
}

static void connect_failures(void)
{
    ne_inet_addr *ia = loopback();
    ne_socket *sock = ne_sock_create();
    int port = unused_port(), lfd, lport, i, fillers[8];

    show("connect to a closed port", sock, ne_sock_connect(sock, ia, (unsigned)port));
    printf("  fd %d\n", ne_sock_fd(sock));
    ne_sock_connect_timeout(sock, 1);
    show("connect with timeout to a closed port", sock, ne_sock_connect(sock, ia, (unsigned)port));
    ne_sock_close(sock);

    /* A listener whose backlog is full drops further connection attempts. */
    lfd = listen_local(&lport);
    listen(lfd, 0);
    for (i = 0; i < 8; i++) {
        struct sockaddr_in sa;
        memset(&sa, 0, sizeof sa);
        sa.sin_family = AF_INET;
        sa.sin_port = htons((unsigned short)lport);
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        fillers[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        connect(fillers[i], (struct sockaddr *)&sa, sizeof sa);
    }
    usleep(100000);
    sock = ne_sock_create();
    ne_sock_connect_timeout(sock, 1);
    show("connect with 1s timeout to a full backlog", sock, ne_sock_connect(sock, ia, (unsigned)lport));
    printf("  fd %d\n", ne_sock_fd(sock));
    ne_sock_close(sock);
    for (i = 0; i < 8; i++) close(fillers[i]);
    close(lfd);

    /* connect timeout set, connection accepted */
    lfd = listen_local(&lport);
    sock = ne_sock_create();
    ne_sock_connect_timeout(sock, 5);
    show("connect with timeout to a listener", sock, ne_sock_connect(sock, ia, (unsigned)lport));
    ne_sock_close(sock);
    close(lfd);
    ne_iaddr_free(ia);
}

/* Connects through ne_sock_prebind(local, lport) and prints where the
 * listener sees the connection come from. */
static void prebind(const char *label, const ne_inet_addr *local, unsigned lport)
{
    ne_inet_addr *ia = loopback();
    ne_socket *sock = ne_sock_create();
    int port, lfd = listen_local(&port), ret;

    ne_sock_prebind(sock, local, lport);
    ret = ne_sock_connect(sock, ia, (unsigned)port);
    show(label, sock, ret);
    if (ret == 0) {
        struct sockaddr_in sa;
        socklen_t len = sizeof sa;
        int fd = accept(lfd, (struct sockaddr *)&sa, &len);
        char text[32];
        printf("  listener sees %s, port %s\n", inet_ntop(AF_INET, &sa.sin_addr, text, sizeof text),
               lport == 0 ? "any" : ntohs(sa.sin_port) == lport ? "as bound" : "other");
        close(fd);
    }
    ne_sock_close(sock);
    close(lfd);
    ne_iaddr_free(ia);
}

static void prebinds(void)
{
    ne_inet_addr *two = ne_iaddr_parse("127.0.0.2", ne_iaddr_ipv4);
    ne_inet_addr *six = ne_iaddr_parse("::1", ne_iaddr_ipv6);
    ne_inet_addr *foreign = ne_iaddr_parse("192.0.2.1", ne_iaddr_ipv4);

    prebind("prebind 127.0.0.2", two, 0);
    prebind("prebind port only", NULL, (unsigned)unused_port());
    prebind("prebind 127.0.0.2 and port", two, (unsigned)unused_port());
    prebind("prebind IPv6 address, IPv4 peer", six, 0);
    prebind("prebind a foreign address", foreign, 0);
    ne_iaddr_free(two);
    ne_iaddr_free(six);
    ne_iaddr_free(foreign);
}

static void accepting(void)
{
    int port, lfd = listen_local(&port), status;
    ne_socket *sock;
    ne_inet_addr *peer, *lo;
    unsigned int peer_port = 0;
    char buf[64];
    pid_t pid;

    /* The child holds no neon objects, so that its exit shows no leaks. */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        struct sockaddr_in sa;
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        char reply[16];
        memset(&sa, 0, sizeof sa);
        sa.sin_family = AF_INET;
        sa.sin_port = htons((unsigned short)port);
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd, (struct sockaddr *)&sa, sizeof sa)) _exit(1);
        if (write(fd, "hi from the child\n", 18) != 18) _exit(2);
        if (read(fd, reply, sizeof reply) != 6 || memcmp(reply, "thanks", 6)) _exit(3);
        _exit(0);
    }
    sock = ne_sock_create();
    lo = loopback();
    show("accept", sock, ne_sock_accept(sock, lfd));
    printf("accepted fd valid: %d\n", fcntl(ne_sock_fd(sock), F_GETFD) >= 0);
    show("readline", sock, ne_sock_readline(sock, buf, sizeof buf));
    print_str("  line", buf);
    peer = ne_sock_peer(sock, &peer_port);
    printf("peer: %s, port non-zero: %d, equals 127.0.0.1: %d\n",
           peer ? ne_iaddr_print(peer, buf, sizeof buf) : "(null)", peer_port != 0,
           peer ? ne_iaddr_cmp(peer, lo) == 0 : -1);
    show("fullwrite", sock, ne_sock_fullwrite(sock, "thanks", 6));
    waitpid(pid, &status, 0);
    printf("child: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    if (peer) ne_iaddr_free(peer);
    ne_sock_close(sock);
    close(lfd);

    /* accept on a socket that is not listening */
    sock = ne_sock_create();
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    show("accept on a socket that is not listening", sock, ne_sock_accept(sock, lfd));
    close(lfd);
    lfd = open("/dev/null", O_RDONLY);
    show("accept on a file", sock, ne_sock_accept(sock, lfd));
    close(lfd);
    ne_sock_close(sock);
    ne_iaddr_free(lo);
}

static void peer_of_client(void)
{
    static const char *const script[] = { "accept", "drain", NULL };
    struct srv srv;
    ne_socket *sock;
    ne_inet_addr *peer;
    unsigned int port = 0;
    char buf[64];

    srv_start(&srv, script);
    sock = connect_to(srv.port);
    peer = ne_sock_peer(sock, &port);
    printf("client's peer: %s, port is the server's: %d\n", ne_iaddr_print(peer, buf, sizeof buf),
           port == (unsigned)srv.port);
    ne_iaddr_free(peer);
    ne_sock_close(sock);
    printf("server: %d\n", srv_finish(&srv));
}

int main(void)
{
    ne_sock_init();
    fresh_socket();
    set_error();
    reads();
    writes();
    timeouts();
    reset();
    connect_failures();
    prebinds();
    accepting();
    peer_of_client();
    ne_sock_exit();
    return 0;
}
