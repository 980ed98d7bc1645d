/* The C-variadic and va_list entry points of the neon face.
 *
 * Stable Rust cannot define C-variadic functions, so each one here formats
 * with the C library (exact printf semantics) or walks its NULL-terminated
 * argument list, then hands plain strings to the Rust face: either through
 * neon's public API or through the internal neonrs__* functions below, which
 * the shared objects' version scripts keep local. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* Opaque handles; the layouts live on the Rust side. */
typedef struct ne_session_s ne_session;
typedef struct ne_socket_s ne_socket;
typedef struct ne_request_s ne_request;
typedef struct {
    char *data;
    size_t used;
    size_t length;
} ne_buffer;

#define NE_DBG_FLUSH (1 << 30)
#define SESSION_ERROR_SIZE 512 /* neon's session error buffer */
#define SOCKET_ERROR_SIZE 192  /* neon's socket error buffer */
#define HEADER_VALUE_SIZE 8192 /* NE_BUFSIZ, neon's ne_print_request_header buffer */

/* Public neon API, implemented in Rust. */
void *ne_malloc(size_t size);
void ne_buffer_grow(ne_buffer *buf, size_t size);
void ne_add_request_header(ne_request *req, const char *name, const char *value);
extern int ne_debug_mask;
extern FILE *ne_debug_stream;

/* Internal Rust entry points. */
void neonrs__session_set_error(ne_session *sess, const char *message);
void neonrs__sock_set_error(ne_socket *sock, const char *message);
void *neonrs__hash_new(unsigned int flags);
void neonrs__hash_update(void *hash, const char *data, size_t len);
char *neonrs__hash_finish(void *hash);

size_t ne_vsnprintf(char *str, size_t size, const char *fmt, va_list ap)
{
    if (str == NULL || size == 0) return 0;
    if (fmt == NULL) {
        str[0] = '\0';
        return 0;
    }
    vsnprintf(str, size, fmt, ap);
    str[size - 1] = '\0';
    return strlen(str);
}

size_t ne_snprintf(char *str, size_t size, const char *fmt, ...)
{
    va_list ap;
    size_t ret;

    va_start(ap, fmt);
    ret = ne_vsnprintf(str, size, fmt, ap);
    va_end(ap);
    return ret;
}

void ne_set_error(ne_session *sess, const char *format, ...)
{
    char buf[SESSION_ERROR_SIZE];
    va_list ap;

    if (sess == NULL || format == NULL) return;
    va_start(ap, format);
    ne_vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    neonrs__session_set_error(sess, buf);
}

void ne_sock_set_error(ne_socket *sock, const char *format, ...)
{
    char buf[SOCKET_ERROR_SIZE];
    va_list ap;

    if (sock == NULL || format == NULL) return;
    va_start(ap, format);
    ne_vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    neonrs__sock_set_error(sock, buf);
}

void ne_print_request_header(ne_request *req, const char *name,
                             const char *format, ...)
{
    char buf[HEADER_VALUE_SIZE];
    va_list ap;

    if (req == NULL || name == NULL || format == NULL) return;
    va_start(ap, format);
    ne_vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    ne_add_request_header(req, name, buf);
}

size_t ne_buffer_snprintf(ne_buffer *buf, size_t max, const char *format, ...)
{
    va_list ap;
    size_t ret;

    if (buf == NULL || format == NULL || max == 0) return 0;
    ne_buffer_grow(buf, buf->used + max);
    va_start(ap, format);
    ret = ne_vsnprintf(buf->data + buf->used - 1, max, format, ap);
    va_end(ap);
    buf->used += ret;
    return ret;
}

/* Total length of a NULL-terminated list of strings. */
static size_t list_length(va_list ap)
{
    size_t total = 0;
    const char *s;

    while ((s = va_arg(ap, const char *)) != NULL)
        total += strlen(s);
    return total;
}

/* Copies a NULL-terminated list of strings to dest; returns the end. */
static char *list_copy(char *dest, va_list ap)
{
    const char *s;

    while ((s = va_arg(ap, const char *)) != NULL) {
        size_t len = strlen(s);
        memcpy(dest, s, len);
        dest += len;
    }
    return dest;
}

void ne_buffer_concat(ne_buffer *buf, ...)
{
    va_list ap;
    size_t total;
    char *end;

    if (buf == NULL) return;
    va_start(ap, buf);
    total = buf->used + list_length(ap);
    va_end(ap);

    ne_buffer_grow(buf, total);
    va_start(ap, buf);
    end = list_copy(buf->data + buf->used - 1, ap);
    va_end(ap);
    *end = '\0';
    buf->used = total;
}

char *ne_concat(const char *str, ...)
{
    va_list ap;
    size_t total;
    char *ret, *end;

    if (str == NULL) {
        ret = ne_malloc(1);
        ret[0] = '\0';
        return ret;
    }
    va_start(ap, str);
    total = strlen(str) + list_length(ap);
    va_end(ap);

    ret = ne_malloc(total + 1);
    end = ret + strlen(str);
    memcpy(ret, str, (size_t)(end - ret));
    va_start(ap, str);
    end = list_copy(end, ap);
    va_end(ap);
    *end = '\0';
    return ret;
}

char *ne_vstrhash(unsigned int flags, va_list ap)
{
    const char *s;
    void *hash = neonrs__hash_new(flags);

    if (hash == NULL) return NULL;
    while ((s = va_arg(ap, const char *)) != NULL)
        neonrs__hash_update(hash, s, strlen(s));
    return neonrs__hash_finish(hash);
}

char *ne_strhash(unsigned int flags, ...)
{
    va_list ap;
    char *ret;

    va_start(ap, flags);
    ret = ne_vstrhash(flags, ap);
    va_end(ap);
    return ret;
}

/* The sink of the core's debug lines (registered by ne_debug_init): written
 * as neon's ne_debug writes, to the stream the program set. */
void neonrs__debug_write(const char *line, size_t len, int flush)
{
    FILE *stream = ne_debug_stream;

    if (stream == NULL) return;
    fflush(stdout);
    fwrite(line, 1, len, stream);
    if (flush) fflush(stream);
}

void ne_debug(int ch, const char *fmt, ...)
{
    va_list ap;

    if ((ch & ne_debug_mask) == 0 || ne_debug_stream == NULL || fmt == NULL)
        return;
    fflush(stdout);
    va_start(ap, fmt);
    vfprintf(ne_debug_stream, fmt, ap);
    va_end(ap);
    if ((ch & NE_DBG_FLUSH) == NE_DBG_FLUSH)
        fflush(ne_debug_stream);
}
