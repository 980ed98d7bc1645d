//! C face of `ne_auth.h`: credential callbacks for server and proxy
//! authentication. The logic is in [`crate::auth`]; Basic and Digest are
//! supported, Negotiate/NTLM challenges are ignored.

use std::ffi::{c_char, c_int, c_uint, c_void};

use super::ne_session::{ne_session, session};
use crate::auth::{self, Buffer, Class, Provider};
use crate::ffi;
use crate::http::ZStr;

/// Size of the username and password buffers given to ne_auth_creds
/// callbacks (they are at least this large).
pub const NE_ABUFSIZ: c_int = 256;

/// Basic authentication: the password crosses the network unprotected
/// unless the connection is secured.
pub const NE_AUTH_BASIC: c_uint = 0x0001;
/// Together with NE_AUTH_DIGEST, allows RFC 2069 Digest (no qop).
pub const NE_AUTH_LEGACY_DIGEST: c_uint = 0x0002;
/// Negotiate (GSSAPI or NTLM); not supported by this library.
pub const NE_AUTH_NEGOTIATE: c_uint = 0x0004;
/// GSSAPI or SSPI; not supported by this library.
pub const NE_AUTH_GSSAPI: c_uint = 0x0008;
/// NTLM; not supported by this library.
pub const NE_AUTH_NTLM: c_uint = 0x0010;
/// SSPI; not supported by this library.
pub const NE_AUTH_SSPI: c_uint = 0x0020;
/// GSSAPI only; not supported by this library.
pub const NE_AUTH_GSSAPI_ONLY: c_uint = 0x0040;
/// Digest authentication (RFC 2617 and RFC 7616 algorithms).
pub const NE_AUTH_DIGEST: c_uint = 0x0080;
/// The default protocols for the session's scheme.
pub const NE_AUTH_DEFAULT: c_uint = 0x1000;
/// All protocols the library supports.
pub const NE_AUTH_ALL: c_uint = 0x2000;
/// Set in the protocol passed to an ne_auth_provide callback for proxy
/// authentication.
pub const NE_AUTH_PROXY: c_uint = 0x4000;

const _: () = {
    assert!(NE_AUTH_BASIC == auth::BASIC && NE_AUTH_DIGEST == auth::DIGEST);
    assert!(NE_AUTH_LEGACY_DIGEST == auth::LEGACY_DIGEST && NE_AUTH_PROXY == auth::PROXY);
    assert!(NE_AUTH_DEFAULT == auth::DEFAULT && NE_AUTH_ALL == auth::ALL);
    assert!(NE_AUTH_NEGOTIATE == auth::NEGOTIATE && NE_AUTH_GSSAPI == auth::GSSAPI);
    assert!(NE_AUTH_NTLM == auth::NTLM && NE_AUTH_SSPI == auth::SSPI);
    assert!(NE_AUTH_GSSAPI_ONLY == auth::GSSAPI_ONLY);
    assert!(auth::BUFSIZE >= NE_ABUFSIZ as usize);
};

/// Asked for the username and password for `realm`: copy them into the
/// buffers (NE_ABUFSIZ bytes at least) and return 0 to try them, non-zero
/// to give up. `attempt` is 0 on the first call for a request and counts
/// the calls since. Called again after every rejected attempt.
pub type ne_auth_creds = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        realm: *const c_char,
        attempt: c_int,
        username: *mut c_char,
        password: *mut c_char,
    ) -> c_int,
>;

/// Asked for credentials for `realm`: `protocol` is the challenge's
/// NE_AUTH_* protocol, with NE_AUTH_PROXY for a proxy; `attempt` counts
/// the retries of the request. Copy a UTF-8 username and a password into
/// the buffers of `buflen` bytes (at least NE_ABUFSIZ); return 0 to try
/// them, non-zero to give up.
pub type ne_auth_provide = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        attempt: c_int,
        protocol: c_uint,
        realm: *const c_char,
        username: *mut c_char,
        password: *mut c_char,
        buflen: usize,
    ) -> c_int,
>;

fn realm_ptr(realm: &ZStr) -> *const c_char {
    realm.with_nul().as_ptr().cast()
}

fn buf_ptr(buf: &mut Buffer) -> *mut c_char {
    buf.as_mut_ptr().cast()
}

/// An ne_auth_creds callback as a credential source; a NULL callback
/// declines every challenge.
fn creds_source(f: ne_auth_creds, userdata: *mut c_void) -> Provider {
    Provider::Creds(Box::new(move |realm, attempt, user, pass| match f {
        // SAFETY: calling the application's callback with NUL-terminated
        // realm and two writable buffers of auth::BUFSIZE bytes, as neon does.
        Some(f) => unsafe {
            f(
                userdata,
                realm_ptr(realm),
                attempt,
                buf_ptr(user),
                buf_ptr(pass),
            )
        },
        None => -1,
    }))
}

/// An ne_auth_provide callback as a credential source; a NULL callback
/// declines every challenge.
fn provide_source(f: ne_auth_provide, userdata: *mut c_void) -> Provider {
    Provider::Provide(Box::new(
        move |attempt, protocol, realm, user, pass| match f {
            // SAFETY: as in `creds`, with the buffers' size passed on.
            Some(f) => unsafe {
                f(
                    userdata,
                    attempt,
                    protocol,
                    realm_ptr(realm),
                    buf_ptr(user),
                    buf_ptr(pass),
                    auth::BUFSIZE,
                )
            },
            None => -1,
        },
    ))
}

/// Registers `provider` on the session behind `sess` (ignored if NULL).
///
/// # Safety
/// `sess` must be NULL or a live session handle.
unsafe fn add(
    sess: *mut ne_session,
    class: Class,
    isproxy: bool,
    mask: c_uint,
    provider: Provider,
) {
    ffi::guard((), || {
        // SAFETY: forwarded contract.
        let s = unsafe { session(sess) }?;
        auth::register(s, class, isproxy, mask, provider);
        Some(())
    })
}

/// Uses `creds` for server authentication with the default protocols.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_server_auth(
    sess: *mut ne_session,
    creds: ne_auth_creds,
    userdata: *mut c_void,
) {
    // SAFETY: handle or NULL.
    unsafe {
        add(
            sess,
            Class::Server,
            false,
            NE_AUTH_DEFAULT,
            creds_source(creds, userdata),
        )
    }
}

/// Uses `creds` for proxy authentication with the default protocols.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_proxy_auth(
    sess: *mut ne_session,
    creds: ne_auth_creds,
    userdata: *mut c_void,
) {
    // SAFETY: handle or NULL.
    unsafe {
        add(
            sess,
            Class::Proxy,
            true,
            NE_AUTH_DEFAULT,
            creds_source(creds, userdata),
        )
    }
}

/// Adds `creds` for server authentication with the NE_AUTH_* protocols in
/// `protocol`. Callbacks are tried in the order added: for each challenge,
/// the first whose protocols include it is used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_add_server_auth(
    sess: *mut ne_session,
    protocol: c_uint,
    creds: ne_auth_creds,
    userdata: *mut c_void,
) {
    // SAFETY: handle or NULL.
    unsafe {
        add(
            sess,
            Class::Server,
            false,
            protocol,
            creds_source(creds, userdata),
        )
    }
}

/// Adds `creds` for proxy authentication with the NE_AUTH_* protocols in
/// `protocol`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_add_proxy_auth(
    sess: *mut ne_session,
    protocol: c_uint,
    creds: ne_auth_creds,
    userdata: *mut c_void,
) {
    // SAFETY: handle or NULL.
    unsafe {
        add(
            sess,
            Class::Proxy,
            true,
            protocol,
            creds_source(creds, userdata),
        )
    }
}

/// Adds `creds` for both proxy and server authentication with the
/// NE_AUTH_* protocols in `protocol`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_add_auth(
    sess: *mut ne_session,
    protocol: c_uint,
    creds: ne_auth_provide,
    userdata: *mut c_void,
) {
    // neon registers the proxy class first, and both as not-a-proxy.
    // SAFETY: handle or NULL.
    unsafe {
        add(
            sess,
            Class::Proxy,
            false,
            protocol,
            provide_source(creds, userdata),
        );
        add(
            sess,
            Class::Server,
            false,
            protocol,
            provide_source(creds, userdata),
        );
    }
}

/// Forgets the credentials in use for the session (the callbacks stay).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_forget_auth(sess: *mut ne_session) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) }?;
        auth::forget(s);
        Some(())
    })
}
