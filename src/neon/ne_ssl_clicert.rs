//! C face of `ne_ssl.h`'s client certificates (PKCS#12 files).
//!
//! Handle: `ne_ssl_client_cert` is a boxed [`ClicertHandle`]: the
//! [`ClientCert`], its friendly name as a C string, and once decrypted the
//! certificate handle `ne_ssl_clicert_owner` returns.

use std::ffi::{CString, c_char, c_int, c_uchar, c_uint};
use std::ptr::{null, null_mut};

use super::ne_ssl::{CertHandle, ne_ssl_certificate, ne_ssl_client_cert};
use super::ne_ssl_context::path_arg;
use crate::ffi;
use crate::tls::clicert::{ClientCert, Identity};

/// The object behind an `ne_ssl_client_cert *`.
pub(crate) struct ClicertHandle {
    cc: ClientCert,
    /// The friendly name up to its first NUL, as C sees it.
    name: Option<CString>,
    owner: Option<CertHandle>,
}

impl ClicertHandle {
    fn new(cc: ClientCert) -> ClicertHandle {
        let name = cc.name().map(|n| {
            let text = n.split('\0').next().unwrap_or_default();
            CString::new(text).expect("no NUL left")
        });
        let owner = cc.owner().map(|c| CertHandle::traced(c.clone()));
        ClicertHandle { cc, name, owner }
    }

    /// The SSL debug channel's lines for a copy of the certificate (neon
    /// duplicates it when a session or context takes it).
    pub(crate) fn trace_copy(&self) {
        if let Some(owner) = self.cc.owner() {
            crate::tls::identity::trace_identity(owner);
        }
    }

    /// The certificate and key, once decrypted.
    pub(crate) fn identity(&self) -> Option<&Identity> {
        self.cc.identity()
    }
}

/// The client certificate behind a handle; `None` for NULL.
///
/// # Safety
/// `p` must be NULL or a live `ne_ssl_client_cert` handle.
pub(crate) unsafe fn client_cert<'a>(p: *const ne_ssl_client_cert) -> Option<&'a ClicertHandle> {
    // SAFETY: per the contract above.
    unsafe { ffi::handle(p) }
}

fn into_raw(cc: Option<ClientCert>) -> *mut ne_ssl_client_cert {
    cc.map_or(null_mut(), |cc| ffi::into_handle(ClicertHandle::new(cc)))
}

/// Reads a client certificate and its private key from a PKCS#12 file.
/// Returns NULL if the file cannot be read or is not PKCS#12, or if it
/// opens without a password but lacks the key or its certificate. A file
/// that needs a password is returned encrypted: see
/// `ne_ssl_clicert_encrypted`. Free it with `ne_ssl_clicert_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_clicert_read(filename: *const c_char) -> *mut ne_ssl_client_cert {
    ffi::guard(null_mut(), || {
        // SAFETY: filename is NULL or a C string.
        let path = unsafe { path_arg(filename) }?;
        Some(into_raw(ClientCert::read(path)))
    })
}

/// As `ne_ssl_clicert_read`, from the `buflen` bytes of a PKCS#12
/// structure at `buffer`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_clicert_import(
    buffer: *const c_uchar,
    buflen: usize,
) -> *mut ne_ssl_client_cert {
    ffi::guard(null_mut(), || {
        // SAFETY: buffer is NULL or holds buflen bytes.
        let der = unsafe { ffi::bytes_arg(buffer, buflen) }?;
        Some(into_raw(ClientCert::import(der)))
    })
}

/// Returns the certificate's friendly name from the PKCS#12 file, or NULL
/// if it has none. For an encrypted file it is the name visible without
/// decrypting, and it stays that after decryption. Valid as long as the
/// client certificate.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_clicert_name(ccert: *const ne_ssl_client_cert) -> *const c_char {
    ffi::guard(null(), || {
        // SAFETY: ccert is NULL or a live client certificate.
        let cc = unsafe { client_cert(ccert) }?;
        cc.name.as_ref().map(|n| n.as_ptr())
    })
}

/// Returns non-zero if the client certificate must be decrypted with
/// `ne_ssl_clicert_decrypt` before use, zero if it is ready.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_clicert_encrypted(ccert: *const ne_ssl_client_cert) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: ccert is NULL or a live client certificate.
        let cc = unsafe { client_cert(ccert) }?;
        Some(c_int::from(cc.cc.is_encrypted()))
    })
}

/// Decrypts an encrypted client certificate with `password`. Returns 0 on
/// success; non-zero for a wrong password, a file without a private key
/// and matching certificate, or a certificate that is not encrypted
/// (anymore).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_clicert_decrypt(
    ccert: *mut ne_ssl_client_cert,
    password: *const c_char,
) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: ccert is NULL or a live client certificate, not otherwise
        // in use during the call; password NULL or a C string.
        let (handle, password) = unsafe {
            (
                (ccert as *mut ClicertHandle).as_mut()?,
                ffi::cstr_arg(password),
            )
        };
        // NULL tries no password, as an empty one does.
        handle.cc.decrypt(password.unwrap_or_default()).ok()?;
        handle.owner = handle.cc.owner().map(|c| CertHandle::traced(c.clone()));
        Some(0)
    })
}

/// Returns the certificate of a decrypted client certificate, valid as long
/// as it; NULL while it is encrypted.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_clicert_owner(
    ccert: *const ne_ssl_client_cert,
) -> *const ne_ssl_certificate {
    ffi::guard(null(), || {
        // SAFETY: ccert is NULL or a live client certificate.
        let cc = unsafe { client_cert(ccert) }?;
        cc.owner.as_ref().map(CertHandle::as_ptr)
    })
}

/// Reads a client certificate and its key from the store a URI names: a
/// `file:` URI or a path, of a PEM file (certificate and key, the key
/// possibly encrypted), a DER certificate or a PKCS#12 file without a
/// password. `flags` must be 0. Returns NULL with errno set if nothing
/// usable is found: ENODEV (no such file), ENOENT (no certificate in it)
/// or EINVAL (a key that does not match the certificate). If the key needs
/// a password (or is missing) the certificate is returned encrypted:
/// `ne_ssl_clicert_decrypt` then reads the store again with the password.
/// Its name (`ne_ssl_clicert_name`) is the URI.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_clicert_fromuri(
    uri: *const c_char,
    flags: c_uint,
) -> *mut ne_ssl_client_cert {
    let _ = flags;
    ffi::guard(null_mut(), || {
        // SAFETY: uri is NULL or a C string.
        let Some(uri) = (unsafe { ffi::cstr_arg(uri) }) else {
            ffi::sys::set_errno(libc::EINVAL);
            return None;
        };
        match ClientCert::from_uri(uri) {
            Ok(cc) => Some(into_raw(Some(cc))),
            Err(e) => {
                ffi::sys::set_errno(e.errno());
                Some(null_mut())
            }
        }
    })
}

/// A copy of a decrypted client certificate (free it with
/// `ne_ssl_clicert_free`); NULL for one that is still encrypted.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_clicert_copy(
    ccert: *const ne_ssl_client_cert,
) -> *mut ne_ssl_client_cert {
    ffi::guard(null_mut(), || {
        // SAFETY: ccert is NULL or a live client certificate.
        let cc = unsafe { client_cert(ccert) }?;
        cc.identity()?;
        Some(into_raw(Some(cc.cc.clone())))
    })
}

/// Frees a client certificate (sessions given it keep their own copy).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_clicert_free(ccert: *mut ne_ssl_client_cert) {
    ffi::guard((), || {
        // SAFETY: ccert is NULL or a client certificate C owns, freed once.
        drop(unsafe { ffi::from_handle::<ClicertHandle, _>(ccert) }?);
        Some(())
    })
}

#[cfg(test)]
mod tests {
    use std::ffi::{CStr, CString};

    use super::*;
    use crate::neon::ne_ssl::ne_ssl_cert_identity;

    fn fixture(name: &str) -> CString {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/tls/testdata/pkcs12/");
        CString::new(format!("{dir}{name}")).unwrap()
    }

    #[test]
    fn encrypted_then_decrypted() {
        // SAFETY: handles from this face, freed once; C strings live.
        unsafe {
            let cc = ne_ssl_clicert_read(fixture("aes.p12").as_ptr());
            assert!(!cc.is_null());
            assert_eq!(ne_ssl_clicert_encrypted(cc), 1);
            let name = ne_ssl_clicert_name(cc);
            assert_eq!(CStr::from_ptr(name).to_bytes(), b"AES client");
            assert!(ne_ssl_clicert_owner(cc).is_null());
            assert_eq!(ne_ssl_clicert_decrypt(cc, null()), -1);
            assert_eq!(ne_ssl_clicert_decrypt(cc, c"s3cret".as_ptr()), 0);
            assert_eq!(ne_ssl_clicert_encrypted(cc), 0);
            // The name string stays where it was.
            assert_eq!(ne_ssl_clicert_name(cc), name);
            let owner = ne_ssl_clicert_owner(cc);
            assert!(!owner.is_null());
            assert_eq!(ne_ssl_clicert_owner(cc), owner);
            assert_eq!(
                CStr::from_ptr(ne_ssl_cert_identity(owner)).to_bytes(),
                b"pkcs12 client"
            );
            assert_eq!(ne_ssl_clicert_decrypt(cc, c"s3cret".as_ptr()), -1);
            assert!(client_cert(cc).unwrap().identity().is_some());
            ne_ssl_clicert_free(cc);
        }
    }

    #[test]
    fn unencrypted_import_and_null_arguments() {
        let der = std::fs::read(fixture("empty.p12").to_str().unwrap()).unwrap();
        // SAFETY: as above; buffers live for the calls.
        unsafe {
            let cc = ne_ssl_clicert_import(der.as_ptr(), der.len());
            assert_eq!(ne_ssl_clicert_encrypted(cc), 0);
            assert!(!ne_ssl_clicert_owner(cc).is_null());
            ne_ssl_clicert_free(cc);
            assert!(ne_ssl_clicert_import(der.as_ptr(), 10).is_null());
            assert!(ne_ssl_clicert_import(null(), 0).is_null());
            assert!(ne_ssl_clicert_import(null(), 5).is_null());
            assert!(ne_ssl_clicert_read(null()).is_null());
            assert!(ne_ssl_clicert_read(fixture("missing.p12").as_ptr()).is_null());
            assert!(ne_ssl_clicert_name(null()).is_null());
            assert!(ne_ssl_clicert_owner(null()).is_null());
            assert_eq!(ne_ssl_clicert_decrypt(null_mut(), c"x".as_ptr()), -1);
            ne_ssl_clicert_free(null_mut());
        }
    }
}
