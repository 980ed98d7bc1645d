//! Client CA lists: the names a server's certificate request lists
//! (`SSL_CTX_set_client_CA_list`, `SSL_CTX_add_client_CA`, else the CA
//! list of `SSL_CTX_set0_CA_list`), the names a client received
//! (`SSL_get_client_CA_list` on a client), and the file and directory
//! readers that make such lists.

use std::ffi::{c_char, c_int, c_void};
use std::ptr::null_mut;

use super::crypto::pkey;
use super::crypto::{NameStack, X509};
use super::handles::{self, SSL, SSL_CTX};
use super::objects::{self, ConnCrypto, CtxCrypto};
use crate::ffi;
use crate::ssl::conn::SslConn;
use crate::ssl::ctx::SslCtx;

type Slot = std::sync::Mutex<Option<NameStack>>;

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn ders(slot: &Slot) -> Vec<Vec<u8>> {
    lock(slot).as_ref().map(NameStack::ders).unwrap_or_default()
}

/// What a context's server requests: its client CA list, else its CA list.
fn sync_ctx(ctx: &SslCtx, c: &CtxCrypto) {
    let mut names = ders(&c.client_ca);
    if names.is_empty() {
        names = ders(&c.ca_list);
    }
    ctx.config.set_ca_names(names);
}

/// A connection's own lists, falling back to its context's.
fn sync_conn(conn: &SslConn, c: &ConnCrypto) {
    let own_client = lock(&c.client_ca).as_ref().map(NameStack::ders);
    let own_ca = lock(&c.ca_list).as_ref().map(NameStack::ders);
    if own_client.is_none() && own_ca.is_none() {
        conn.extra().ca_names = None;
        return;
    }
    let ctx = conn.ctx();
    let ctx_c = objects::of_ctx(&ctx);
    let client = own_client
        .or_else(|| ctx_c.map(|x| ders(&x.client_ca)))
        .unwrap_or_default();
    let names = if client.is_empty() {
        own_ca
            .or_else(|| ctx_c.map(|x| ders(&x.ca_list)))
            .unwrap_or_default()
    } else {
        client
    };
    conn.extra().ca_names = Some(names);
}

/// Runs `f` on a context's slot (`client`: the client CA list, else the
/// CA list) and updates what its servers request.
fn on_ctx<T>(ctx: *const SSL_CTX, client: bool, fallback: T, f: impl FnOnce(&Slot) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: ctx is NULL or a live handle.
        let c = unsafe { handles::ctx(ctx) }?;
        let x = objects::of_ctx(c)?;
        let r = f(if client { &x.client_ca } else { &x.ca_list });
        sync_ctx(c, x);
        Some(r)
    })
}

/// As [`on_ctx`], for a connection.
fn on_ssl<T>(s: *const SSL, client: bool, fallback: T, f: impl FnOnce(&Slot) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: s is NULL or a live handle.
        let c = unsafe { handles::ssl(s) }?;
        let x = objects::of_conn(c)?;
        let r = f(if client { &x.client_ca } else { &x.ca_list });
        sync_conn(c, x);
        Some(r)
    })
}

/// Replaces the slot with `list` (taken over; NULL: none).
///
/// # Safety
/// `list` must be NULL or a `STACK_OF(X509_NAME)` handed over.
unsafe fn set0(slot: &Slot, list: *mut c_void) {
    // SAFETY: per the contract above.
    let new = unsafe { NameStack::from_owned_ptr(list) };
    let old = std::mem::replace(&mut *lock(slot), new);
    drop(old);
}

/// The slot's stack, made empty if unset (OpenSSL's contexts start with
/// empty lists); borrowed.
fn get0(slot: &Slot) -> *mut c_void {
    lock(slot)
        .get_or_insert_with(|| NameStack::new().expect("stack"))
        .as_ptr()
}

/// # Safety
/// `x` must be NULL or a live certificate.
unsafe fn add_subject(slot: &Slot, x: *mut openssl_sys::X509) -> c_int {
    // SAFETY: per the contract above.
    let Some(x) = (unsafe { X509::from_borrowed_ptr(x) }) else {
        return 0;
    };
    let mut s = lock(slot);
    let stack = s.get_or_insert_with(|| NameStack::new().expect("stack"));
    // SAFETY: a live certificate's subject.
    let name = unsafe { openssl_sys::X509_get_subject_name(x.as_ptr()) };
    // SAFETY: a live name; duplicates are kept, as OpenSSL's add does.
    c_int::from(!name.is_null() && unsafe { stack.push_copy(name) }.is_some())
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set_client_CA_list(ctx: *mut SSL_CTX, list: *mut c_void) {
    // SAFETY: list is handed over.
    on_ctx(ctx, true, (), |s| unsafe { set0(s, list) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set_client_CA_list(s: *mut SSL, list: *mut c_void) {
    // SAFETY: list is handed over.
    on_ssl(s, true, (), |slot| unsafe { set0(slot, list) })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_client_CA_list(ctx: *const SSL_CTX) -> *mut c_void {
    on_ctx(ctx, true, null_mut(), get0)
}

/// On a server, its list (else its context's); on a client, the names of
/// the server's certificate request (NULL if none came).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get_client_CA_list(s: *const SSL) -> *mut c_void {
    ffi::guard(null_mut(), || {
        // SAFETY: s is NULL or a live handle.
        let c = unsafe { handles::ssl(s) }?;
        let x = objects::of_conn(c)?;
        if !c.is_server() {
            return Some(peer_list(c, x));
        }
        if let Some(own) = lock(&x.client_ca).as_ref() {
            return Some(own.as_ptr());
        }
        let ctx = c.ctx();
        Some(get0(&objects::of_ctx(&ctx)?.client_ca))
    })
}

/// The names a client received, as a stack the connection keeps.
fn peer_list(c: &SslConn, x: &ConnCrypto) -> *mut c_void {
    let Some(names) = c.extra().observed.peer_ca_names.clone() else {
        return null_mut();
    };
    let mut cached = lock(&x.peer_ca);
    if cached.as_ref().is_none_or(|(d, _)| *d != names) {
        *cached = NameStack::from_ders(&names).map(|s| (names, s));
    }
    cached.as_ref().map_or(null_mut(), |(_, s)| s.as_ptr())
}

/// Adds the certificate's subject to the context's client CA list.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_add_client_CA(
    ctx: *mut SSL_CTX,
    x: *mut openssl_sys::X509,
) -> c_int {
    // SAFETY: x is NULL or a live certificate.
    on_ctx(ctx, true, 0, |s| unsafe { add_subject(s, x) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_add_client_CA(s: *mut SSL, x: *mut openssl_sys::X509) -> c_int {
    // SAFETY: x is NULL or a live certificate.
    on_ssl(s, true, 0, |slot| unsafe { add_subject(slot, x) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set0_CA_list(ctx: *mut SSL_CTX, list: *mut c_void) {
    // SAFETY: list is handed over.
    on_ctx(ctx, false, (), |s| unsafe { set0(s, list) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set0_CA_list(s: *mut SSL, list: *mut c_void) {
    // SAFETY: list is handed over.
    on_ssl(s, false, (), |slot| unsafe { set0(slot, list) })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get0_CA_list(ctx: *const SSL_CTX) -> *const c_void {
    on_ctx(ctx, false, std::ptr::null(), |s| get0(s).cast_const())
}

/// The connection's CA list, else its context's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get0_CA_list(s: *const SSL) -> *const c_void {
    ffi::guard(null_mut(), || {
        // SAFETY: s is NULL or a live handle.
        let c = unsafe { handles::ssl(s) }?;
        if let Some(own) = lock(&objects::of_conn(c)?.ca_list).as_ref() {
            return Some(own.as_ptr());
        }
        let ctx = c.ctx();
        Some(get0(&objects::of_ctx(&ctx)?.ca_list))
    })
}

/// The CA names the peer sent (a client: those of the certificate request).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get0_peer_CA_list(s: *const SSL) -> *const c_void {
    ffi::guard(null_mut(), || {
        // SAFETY: s is NULL or a live handle.
        let c = unsafe { handles::ssl(s) }?;
        Some(peer_list(c, objects::of_conn(c)?) as *const c_void)
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_add1_to_CA_list(
    ctx: *mut SSL_CTX,
    x: *const openssl_sys::X509,
) -> c_int {
    // SAFETY: x is NULL or a live certificate.
    on_ctx(ctx, false, 0, |s| unsafe { add_subject(s, x.cast_mut()) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_add1_to_CA_list(s: *mut SSL, x: *const openssl_sys::X509) -> c_int {
    // SAFETY: x is NULL or a live certificate.
    on_ssl(s, false, 0, |slot| unsafe {
        add_subject(slot, x.cast_mut())
    })
}

/// A copy of a name stack (NULL for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_dup_CA_list(list: *const c_void) -> *mut c_void {
    ffi::guard(null_mut(), || {
        if list.is_null() {
            return None;
        }
        // SAFETY: a live stack.
        let copy = unsafe { NameStack::copy_of(list) }?;
        let p = copy.as_ptr();
        std::mem::forget(copy);
        Some(p)
    })
}

/// The certificates of a PEM file; empty if it cannot be read.
///
/// # Safety
/// `file` must be NULL or a C string.
unsafe fn file_certs(file: *const c_char) -> Vec<X509> {
    // SAFETY: per the contract above.
    let bytes = unsafe { ffi::path_arg(file) }.and_then(|p| std::fs::read(p).ok());
    // SAFETY: no callback.
    bytes.map_or_else(Vec::new, |b| unsafe {
        pkey::certs_from_pem(&b, None, null_mut())
    })
}

/// A new list of the subjects of a PEM file's certificates, each once;
/// NULL if it has none or cannot be read.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_load_client_CA_file(file: *const c_char) -> *mut c_void {
    ffi::guard(null_mut(), || {
        // SAFETY: file is NULL or a C string.
        let certs = unsafe { file_certs(file) };
        if certs.is_empty() {
            return None;
        }
        let mut stack = NameStack::new()?;
        for c in &certs {
            stack.add_subject(c);
        }
        let p = stack.as_ptr();
        std::mem::forget(stack);
        Some(p)
    })
}

/// As `SSL_load_client_CA_file` (one provider: the library context is
/// not used).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_load_client_CA_file_ex(
    file: *const c_char,
    libctx: *mut c_void,
    propq: *const c_char,
) -> *mut c_void {
    let _ = (libctx, propq);
    // SAFETY: forwarded.
    unsafe { SSL_load_client_CA_file(file) }
}

/// Adds to `stack` the subjects of a PEM file's certificates that it lacks;
/// 1, or 0 if the file cannot be read or has none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_add_file_cert_subjects_to_stack(
    stack: *mut c_void,
    file: *const c_char,
) -> c_int {
    ffi::guard(0, || {
        if stack.is_null() {
            return None;
        }
        // SAFETY: file is NULL or a C string.
        let certs = unsafe { file_certs(file) };
        if certs.is_empty() {
            return Some(0);
        }
        // The caller's stack, borrowed: not freed here.
        // SAFETY: a live STACK_OF(X509_NAME).
        let mut s = std::mem::ManuallyDrop::new(unsafe { NameStack::from_owned_ptr(stack) }?);
        for c in &certs {
            s.add_subject(c);
        }
        Some(1)
    })
}

/// As `SSL_add_file_cert_subjects_to_stack` for each file of a
/// directory; 1, or 0 if it cannot be read.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_add_dir_cert_subjects_to_stack(
    stack: *mut c_void,
    dir: *const c_char,
) -> c_int {
    ffi::guard(0, || {
        if stack.is_null() {
            return None;
        }
        // SAFETY: dir is NULL or a C string.
        let dir = unsafe { ffi::path_arg(dir) }?;
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Some(0);
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        // SAFETY: a live STACK_OF(X509_NAME), borrowed.
        let mut s = std::mem::ManuallyDrop::new(unsafe { NameStack::from_owned_ptr(stack) }?);
        for f in files {
            if let Ok(b) = std::fs::read(&f) {
                // SAFETY: no callback.
                for c in unsafe { pkey::certs_from_pem(&b, None, null_mut()) } {
                    s.add_subject(&c);
                }
            }
        }
        Some(1)
    })
}
