/* ne_pkcs11.h on a neon built without PKCS#11 support (Debian's: it links
 * no pakchois; neon-rs has none either). Provider initialisation returns
 * NE_PK11_NOTIMPL whatever the arguments (NULL included), the other
 * functions do nothing with NULL or real arguments, a PIN callback is never
 * called, and a session given "a provider" still works. The provider
 * pointer is initialised to NULL before each call: neon leaves it as it
 * was, neon-rs sets it to NULL (c-tests/own/features.c). */
#include <stdio.h>

#include <ne_pkcs11.h>
#include <ne_session.h>

#include "harness.h"

static int pin_calls;

static int pin(void *userdata, int attempt, const char *slot_descr, const char *token_label,
               unsigned int flags, char *buf)
{
    (void)userdata; (void)attempt; (void)slot_descr; (void)token_label; (void)flags;
    buf[0] = '\0';
    pin_calls++;
    return -1;
}

static const char *pk11_name(int ret)
{
    switch (ret) {
    case NE_PK11_OK: return "NE_PK11_OK";
    case NE_PK11_NOTIMPL: return "NE_PK11_NOTIMPL";
    case NE_PK11_FAILED: return "NE_PK11_FAILED";
    default: return "other";
    }
}

int main(void)
{
    static const char *const script[] = {
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nhi\n", "close", NULL,
    };
    ne_ssl_pkcs11_provider *prov;
    ne_session *sess;
    struct srv srv;
    int ret;

    printf("constants: OK %d NOTIMPL %d FAILED %d COUNT_LOW %d FINAL_TRY %d PINLEN %d\n",
           NE_PK11_OK, NE_PK11_NOTIMPL, NE_PK11_FAILED, NE_SSL_P11PIN_COUNT_LOW,
           NE_SSL_P11PIN_FINAL_TRY, NE_SSL_P11PINLEN);

    prov = NULL;
    ret = ne_ssl_pkcs11_provider_init(&prov, "p11-kit-proxy.so");
    printf("provider_init(module): %s, provider %s\n", pk11_name(ret), prov ? "set" : "NULL");
    prov = NULL;
    ret = ne_ssl_pkcs11_provider_init(&prov, "/nonexistent/module.so");
    printf("provider_init(missing module): %s, provider %s\n", pk11_name(ret), prov ? "set" : "NULL");
    prov = NULL;
    ret = ne_ssl_pkcs11_provider_init(&prov, NULL);
    printf("provider_init(NULL name): %s, provider %s\n", pk11_name(ret), prov ? "set" : "NULL");
    printf("provider_init(NULL, NULL): %s\n", pk11_name(ne_ssl_pkcs11_provider_init(NULL, NULL)));

    prov = NULL;
    ret = ne_ssl_pkcs11_nss_provider_init(&prov, "softokn3", "/tmp", "", "", "secmod.db");
    printf("nss_provider_init: %s, provider %s\n", pk11_name(ret), prov ? "set" : "NULL");
    printf("nss_provider_init(all NULL): %s\n",
           pk11_name(ne_ssl_pkcs11_nss_provider_init(NULL, NULL, NULL, NULL, NULL, NULL)));

    /* With no provider there is nothing to act on. */
    ne_ssl_pkcs11_provider_pin(NULL, pin, NULL);
    ne_ssl_pkcs11_provider_pin(NULL, NULL, NULL);
    ne_ssl_pkcs11_provider_destroy(NULL);
    ne_ssl_set_pkcs11_provider(NULL, NULL);
    printf("NULL provider calls returned\n");

    srv_start(&srv, script);
    sess = test_session(srv.port);
    ne_ssl_set_pkcs11_provider(sess, prov);
    run_request(sess, "GET", "/", SHOW_BODY);
    ne_session_destroy(sess);
    srv_finish(&srv);
    printf("PIN callback calls: %d\n", pin_calls);
    return 0;
}
