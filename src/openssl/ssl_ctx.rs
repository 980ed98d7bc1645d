//! C face of `SSL_CTX`: methods, creation and reference counts, options,
//! verification settings, certificates and keys, trusted CAs, cipher
//! choice and the application's data. The logic is in
//! [`crate::ssl::config`]; the control commands are in `ctrl.rs`.

use std::ffi::{c_char, c_int, c_void};
use std::ptr::{null, null_mut};
use std::sync::Arc;

use super::handles::{self, SSL_CTX, SSL_METHOD, X509_STORE_CTX};
use super::objects::CtxCrypto;
use crate::ffi::{self, arc};
use crate::ssl::ctx::{Role, SslCtx};

/// A libcrypto library context (`SSL_CTX_new_ex` ignores it).
pub struct ossl_lib_ctx_st {
    _private: [u8; 0],
}
pub type OSSL_LIB_CTX = ossl_lib_ctx_st;

/// The verify callback of `SSL_CTX_set_verify`/`SSL_set_verify`: called
/// for each report of the verification with `preverify_ok` and the
/// `X509_STORE_CTX` (error, depth, current certificate, chain so far, the
/// `SSL` at `SSL_get_ex_data_X509_STORE_CTX_idx()`); its result decides.
pub type SSL_verify_cb = Option<unsafe extern "C" fn(c_int, *mut X509_STORE_CTX) -> c_int>;

/// Runs `f` on the context behind `ctx`, or returns `fallback` for NULL.
fn with<T>(ctx: *const SSL_CTX, fallback: T, f: impl FnOnce(&SslCtx) -> T) -> T {
    // SAFETY: every SSL_CTX handle C passes is NULL or live.
    ffi::guard(fallback, || Some(f(unsafe { handles::ctx(ctx) }?)))
}

// ---- methods --------------------------------------------------------------

/// Connections that may be clients or servers, TLS 1.2 and 1.3
/// (`SSLv23_method` is a macro for it).
#[unsafe(no_mangle)]
pub extern "C" fn TLS_method() -> *const SSL_METHOD {
    handles::method_ptr(&handles::TLS_ANY)
}

/// Client connections.
#[unsafe(no_mangle)]
pub extern "C" fn TLS_client_method() -> *const SSL_METHOD {
    handles::method_ptr(&handles::TLS_CLIENT)
}

/// Server connections.
#[unsafe(no_mangle)]
pub extern "C" fn TLS_server_method() -> *const SSL_METHOD {
    handles::method_ptr(&handles::TLS_SERVER)
}

macro_rules! methods {
    ($($name:ident => $m:ident, $doc:literal;)*) => {
        $(
            #[doc = $doc]
            #[unsafe(no_mangle)]
            pub extern "C" fn $name() -> *const SSL_METHOD {
                handles::method_ptr(&handles::$m)
            }
        )*
    };
}

methods! {
    TLSv1_2_method => TLS1_2_ANY, "TLS 1.2 only, client or server.";
    TLSv1_2_client_method => TLS1_2_CLIENT, "TLS 1.2 only, client.";
    TLSv1_2_server_method => TLS1_2_SERVER, "TLS 1.2 only, server.";
    TLSv1_1_method => TLS1_1_ANY, "TLS 1.1 only: rustls has no TLS 1.1, so its handshakes fail.";
    TLSv1_1_client_method => TLS1_1_CLIENT, "TLS 1.1 only, client (handshakes fail).";
    TLSv1_1_server_method => TLS1_1_SERVER, "TLS 1.1 only, server (handshakes fail).";
    TLSv1_method => TLS1_ANY, "TLS 1.0 only: rustls has no TLS 1.0, so its handshakes fail.";
    TLSv1_client_method => TLS1_CLIENT, "TLS 1.0 only, client (handshakes fail).";
    TLSv1_server_method => TLS1_SERVER, "TLS 1.0 only, server (handshakes fail).";
    DTLS_method => DTLS_ANY, "Datagram TLS: a method whose `SSL_CTX_new` fails.";
    DTLS_client_method => DTLS_CLIENT, "Datagram TLS (`SSL_CTX_new` fails).";
    DTLS_server_method => DTLS_SERVER, "Datagram TLS (`SSL_CTX_new` fails).";
    DTLSv1_2_method => DTLS_ANY, "Datagram TLS (`SSL_CTX_new` fails).";
    DTLSv1_2_client_method => DTLS_CLIENT, "Datagram TLS (`SSL_CTX_new` fails).";
    DTLSv1_2_server_method => DTLS_SERVER, "Datagram TLS (`SSL_CTX_new` fails).";
    DTLSv1_method => DTLS_ANY, "Datagram TLS (`SSL_CTX_new` fails).";
    DTLSv1_client_method => DTLS_CLIENT, "Datagram TLS (`SSL_CTX_new` fails).";
    DTLSv1_server_method => DTLS_SERVER, "Datagram TLS (`SSL_CTX_new` fails).";
}

// ---- creation and reference counts ----------------------------------------

/// A new context with OpenSSL's defaults, its own `X509_STORE` and
/// `X509_VERIFY_PARAM`; NULL for a NULL method.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_new(meth: *const SSL_METHOD) -> *mut SSL_CTX {
    ffi::guard(null_mut(), || {
        // SAFETY: meth is NULL or one of our method pointers.
        let method = unsafe { handles::method(meth) }?;
        if method.dtls {
            // Datagram TLS is not offered.
            super::crypto::err::raise(
                super::crypto::err::reasons::UNSUPPORTED_SSL_VERSION,
                c"SSL_CTX_new_ex",
            );
            return None;
        }
        // As OpenSSL: libssl's error texts, and the ex_data index of verify
        // callbacks, first.
        super::crypto::err::load_ssl_strings();
        if super::verify::ex_index() < 0 {
            return None;
        }
        let ctx = SslCtx::new(method.role);
        ctx.config.update(|s| s.set_method_version(method.version));
        ctx.set_peer_verifier(Arc::new(CtxCrypto::new(method)?));
        Some(arc::into_raw(ctx))
    })
}

/// As `SSL_CTX_new`; the library context and property query are ignored
/// (there is one provider).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_new_ex(
    libctx: *mut OSSL_LIB_CTX,
    propq: *const c_char,
    meth: *const SSL_METHOD,
) -> *mut SSL_CTX {
    let _ = (libctx, propq);
    // SAFETY: forwarded contract.
    unsafe { SSL_CTX_new(meth) }
}

/// Adds a reference; 1, or 0 for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_up_ref(ctx: *mut SSL_CTX) -> c_int {
    ffi::guard(0, || {
        // SAFETY: ctx is NULL or a live handle; the new reference goes to C.
        std::mem::forget(unsafe { handles::ctx_arc(ctx) }?);
        Some(1)
    })
}

/// Drops a reference; the last one flushes the session cache (each
/// session becomes non-resumable and the remove callback sees it).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_free(ctx: *mut SSL_CTX) {
    ffi::guard((), || {
        // SAFETY: ctx is NULL or a live handle whose reference C gives up.
        // The flush is `SslCtx`'s `Drop`: it runs exactly once, when the
        // last reference goes, whoever holds it (C, or an `SSL`), with
        // the context still intact at the address the callback receives.
        drop(unsafe { arc::take::<SslCtx, SSL_CTX>(ctx) }?);
        Some(())
    })
}

/// The method the context was made with.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_ssl_method(ctx: *const SSL_CTX) -> *const SSL_METHOD {
    with(ctx, null(), |c| match super::objects::of_ctx(c) {
        Some(x) => handles::method_ptr(x.method),
        None => handles::method_ptr(match c.role {
            Role::Any => &handles::TLS_ANY,
            Role::Client => &handles::TLS_CLIENT,
            Role::Server => &handles::TLS_SERVER,
        }),
    })
}

// ---- options --------------------------------------------------------------

/// Adds `SSL_OP_*` bits; returns the new options. A new context has
/// `SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_MIDDLEBOX_COMPAT`.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_options(ctx: *mut SSL_CTX, op: u64) -> u64 {
    with(ctx, 0, |c| c.config.update(|s| s.set_options(op)))
}

/// Removes `SSL_OP_*` bits; returns the new options.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_clear_options(ctx: *mut SSL_CTX, op: u64) -> u64 {
    with(ctx, 0, |c| c.config.update(|s| s.clear_options(op)))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_options(ctx: *const SSL_CTX) -> u64 {
    with(ctx, 0, |c| c.config.options())
}

// ---- verification ---------------------------------------------------------

/// Sets the `SSL_VERIFY_*` mode and the verify callback (NULL: none) of
/// connections made afterwards.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_verify(ctx: *mut SSL_CTX, mode: c_int, callback: SSL_verify_cb) {
    with(ctx, (), |c| {
        c.config
            .update(|s| s.set_verify(mode, callback.map_or(0, |f| f as usize)))
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_verify_mode(ctx: *const SSL_CTX) -> c_int {
    with(ctx, 0, |c| c.config.read(|s| s.verify_mode()))
}

/// The callback given to `SSL_CTX_set_verify`.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_verify_callback(ctx: *const SSL_CTX) -> SSL_verify_cb {
    with(ctx, None, |c| {
        let addr = c.config.read(|s| s.verify_callback());
        // SAFETY: a non-zero address is the callback stored by
        // SSL_CTX_set_verify, a function of this type.
        (addr != 0).then(|| unsafe {
            std::mem::transmute::<usize, unsafe extern "C" fn(c_int, *mut X509_STORE_CTX) -> c_int>(
                addr,
            )
        })
    })
}

/// Replaces the verification of peers' chains: `cb` gets an
/// `X509_STORE_CTX` set up with the context's store, the peer's leaf and
/// chain, the connection's parameters and verify callback (so it may call
/// `X509_verify_cert`), and `arg`; its result (> 0: accepted) and the
/// context's error decide. NULL restores the built-in verification.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_cert_verify_callback(
    ctx: *mut SSL_CTX,
    cb: Option<unsafe extern "C" fn(*mut X509_STORE_CTX, *mut c_void) -> c_int>,
    arg: *mut c_void,
) {
    with(ctx, (), |c| {
        c.config
            .set_cert_verify_callback(cb.map(|f| (f as usize, arg as usize)))
    })
}

// ---- cipher choice ----------------------------------------------------------

/// Runs `f` with the context and a string argument; 0 for NULL or non-UTF-8.
fn with_str(ctx: *const SSL_CTX, s: *const c_char, f: impl FnOnce(&SslCtx, &str) -> bool) -> c_int {
    with(ctx, 0, |c| {
        // SAFETY: s is NULL or a NUL-terminated string.
        unsafe { ffi::str_arg(s) }.map_or(0, |s| c_int::from(f(c, s)))
    })
}

/// Chooses the TLS 1.2 suites with OpenSSL's rule language ("HIGH:!aNULL",
/// "ECDHE+AESGCM", "DEFAULT"…) over the suites rustls has (ECDHE with
/// AES-GCM or ChaCha20-Poly1305); 0 if none is selected (the list is then
/// empty: no TLS 1.2) or on a syntax error (nothing changes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set_cipher_list(ctx: *mut SSL_CTX, str: *const c_char) -> c_int {
    with_str(ctx, str, |c, s| c.config.update(|st| st.set_cipher_list(s)))
}

/// Chooses the TLS 1.3 suites: a colon-separated list of names; unknown
/// names are skipped, "" turns TLS 1.3 off; 0 (nothing changes) if no name
/// is known.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set_ciphersuites(ctx: *mut SSL_CTX, str: *const c_char) -> c_int {
    with_str(ctx, str, |c, s| {
        c.config.update(|st| st.set_ciphersuites(s))
    })
}

// ---- TLS 1.3 tickets --------------------------------------------------------

/// Tickets a server sends after a full TLS 1.3 handshake (default 2); 1.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_num_tickets(ctx: *mut SSL_CTX, num_tickets: usize) -> c_int {
    with(ctx, 0, |c| {
        c.config.update(|s| s.set_num_tickets(num_tickets));
        1
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_num_tickets(ctx: *const SSL_CTX) -> usize {
    with(ctx, 0, |c| c.config.num_tickets())
}

// ---- application data -------------------------------------------------------

/// Stores the application's pointer at `idx` (`SSL_CTX_set_app_data` is
/// index 0); 0 for a negative index. The free/dup callbacks of indexes
/// from `SSL_CTX_get_ex_new_index` (libcrypto) are not called.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_ex_data(ctx: *mut SSL_CTX, idx: c_int, data: *mut c_void) -> c_int {
    with(ctx, 0, |c| {
        c_int::from(c.config.set_ex_data(idx, data as usize))
    })
}

/// The pointer stored at `idx`, or NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_ex_data(ctx: *const SSL_CTX, idx: c_int) -> *mut c_void {
    with(ctx, null_mut(), |c| c.config.ex_data(idx) as *mut c_void)
}

// ---- quiet shutdown -----------------------------------------------------------

/// Connections made afterwards send no close_notify (`mode` non-zero).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_quiet_shutdown(ctx: *mut SSL_CTX, mode: c_int) {
    with(ctx, (), |c| {
        c.config.update(|s| s.set_quiet_shutdown(mode != 0))
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_quiet_shutdown(ctx: *const SSL_CTX) -> c_int {
    with(ctx, 0, |c| {
        c_int::from(c.config.read(|s| s.quiet_shutdown()))
    })
}
