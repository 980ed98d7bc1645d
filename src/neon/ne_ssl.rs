//! C face of `ne_ssl.h`: certificates and distinguished names. The logic is
//! in [`crate::tls::cert`] and [`crate::tls::dname`]; client certificates
//! and contexts have their own files.
//!
//! Handles: `ne_ssl_certificate` is a boxed [`CertHandle`] (the certificate,
//! its identity as a C string and, for a server's chain, the next
//! certificate up, owned by it); `ne_ssl_dname` is a
//! [`DistinguishedName`] inside a certificate, valid as long as it.

use std::ffi::{CString, c_char, c_int, c_uint};
use std::ptr::{null, null_mut};

use libc::time_t;
use rustls_pki_types::CertificateDer;

use crate::ffi;
use crate::tls::cert::Certificate;
use crate::tls::dname::DistinguishedName;

/// A distinguished name of a certificate.
pub struct ne_ssl_dname_s {
    _private: [u8; 0],
}
pub type ne_ssl_dname = ne_ssl_dname_s;

/// An X.509 certificate.
pub struct ne_ssl_certificate_s {
    _private: [u8; 0],
}
pub type ne_ssl_certificate = ne_ssl_certificate_s;

/// A client certificate and its private key.
pub struct ne_ssl_client_cert_s {
    _private: [u8; 0],
}
pub type ne_ssl_client_cert = ne_ssl_client_cert_s;

/// An SSL/TLS context (client or server).
pub struct ne_ssl_context_s {
    _private: [u8; 0],
}
pub type ne_ssl_context = ne_ssl_context_s;

/// Size of the buffer `ne_ssl_cert_digest` fills.
pub const NE_SSL_DIGESTLEN: c_int = 60;
/// Size of each buffer `ne_ssl_cert_validity` fills.
pub const NE_SSL_VDATELEN: c_int = 30;
pub const NE_SSL_CTX_CLIENT: c_int = 0;
pub const NE_SSL_CTX_SERVER: c_int = 1;
pub const NE_SSL_CTX_SERVERv2: c_int = 2;
pub const NE_SSL_CTX_SSLv2: c_int = 0;

/// The object behind an `ne_ssl_certificate *`.
pub(crate) struct CertHandle {
    cert: Certificate,
    /// `ne_ssl_cert_identity`'s string, kept for the handle's lifetime.
    identity: Option<CString>,
    /// The issuer's certificate when the handle is part of a server's chain.
    issuer: Option<Box<CertHandle>>,
}

impl CertHandle {
    pub(crate) fn new(cert: Certificate) -> CertHandle {
        let identity = cert.identity().and_then(|id| CString::new(id).ok());
        CertHandle {
            cert,
            identity,
            issuer: None,
        }
    }

    /// A handle for a certificate the application takes in (neon's
    /// `populate_cert`), with the identity lines of the SSL debug channel.
    pub(crate) fn traced(cert: Certificate) -> CertHandle {
        crate::tls::identity::trace_identity(&cert);
        CertHandle::new(cert)
    }

    pub(crate) fn cert(&self) -> &Certificate {
        &self.cert
    }

    /// The C handle of a certificate owned elsewhere (such as inside a
    /// client certificate).
    pub(crate) fn as_ptr(&self) -> *const ne_ssl_certificate {
        ffi::as_handle::<CertHandle, ne_ssl_certificate>(self)
    }

    /// Moves the handle to the heap for C, which frees it with
    /// `ne_ssl_cert_free`.
    pub(crate) fn into_raw(self) -> *mut ne_ssl_certificate {
        ffi::into_handle(self)
    }
}

/// A server's chain as neon hands it to C (leaf first): each certificate's
/// `ne_ssl_cert_signedby` is the next one, and `ne_ssl_cert_free` of the
/// leaf frees them all. The chain stops before a certificate that does not
/// parse; NULL if the leaf does not.
pub(crate) fn chain_to_handles(ders: &[CertificateDer<'_>]) -> *mut ne_ssl_certificate {
    let parsed: Vec<Certificate> = ders
        .iter()
        .map_while(|d| Certificate::from_der(d))
        .collect();
    let mut head: Option<Box<CertHandle>> = None;
    for cert in parsed.into_iter().rev() {
        let mut handle = Box::new(CertHandle::new(cert));
        handle.issuer = head;
        head = Some(handle);
    }
    head.map_or(null_mut(), |h| Box::into_raw(h) as *mut ne_ssl_certificate)
}

/// The certificate behind a C handle; `None` for NULL.
///
/// # Safety
/// `p` must be NULL or a live `ne_ssl_certificate` handle.
pub(crate) unsafe fn certificate<'a>(p: *const ne_ssl_certificate) -> Option<&'a Certificate> {
    // SAFETY: per the contract above.
    unsafe { ffi::handle::<CertHandle, _>(p) }.map(CertHandle::cert)
}

/// The C handle of a distinguished name owned elsewhere.
pub(crate) fn dname_ptr(dn: &DistinguishedName) -> *const ne_ssl_dname {
    ffi::as_handle::<DistinguishedName, ne_ssl_dname>(dn)
}

/// # Safety
/// `p` must be NULL or a live `ne_ssl_certificate` handle.
unsafe fn cert_handle<'a>(p: *const ne_ssl_certificate) -> Option<&'a CertHandle> {
    // SAFETY: per the contract above.
    unsafe { ffi::handle::<CertHandle, _>(p) }
}

/// # Safety
/// `p` must be NULL or a live `ne_ssl_dname` handle.
unsafe fn dname<'a>(p: *const ne_ssl_dname) -> Option<&'a DistinguishedName> {
    // SAFETY: per the contract above.
    unsafe { ffi::handle::<DistinguishedName, _>(p) }
}

use crate::ffi::path_arg;

/// Returns a malloc-allocated one-line UTF-8 rendering of a distinguished
/// name, most specific attribute first, e.g. "Acme Ltd., Norfolk, GB".
/// The commonName and emailAddress attributes are left out unless they are
/// all there is (then the first attribute alone is shown); values that
/// cannot be shown appear as "???".
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_readable_dname(dn: *const ne_ssl_dname) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: dn is NULL or a name handle.
        let dn = unsafe { dname(dn) }?;
        Some(ffi::malloc_str(&dn.readable()))
    })
}

/// Returns zero if both name the same entity (ignoring case, extra white
/// space and string types, as OpenSSL compares names), else -1 or 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_dname_cmp(
    dn1: *const ne_ssl_dname,
    dn2: *const ne_ssl_dname,
) -> c_int {
    ffi::guard(1, || {
        // SAFETY: each is NULL or a name handle.
        let (a, b) = unsafe { (dname(dn1)?, dname(dn2)?) };
        Some(a.compare(b))
    })
}

/// Reads the first certificate of a PEM file; NULL if the file cannot be
/// read or holds no valid certificate. Free it with `ne_ssl_cert_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_read(filename: *const c_char) -> *mut ne_ssl_certificate {
    ffi::guard(null_mut(), || {
        // SAFETY: filename is NULL or a C string.
        let path = unsafe { path_arg(filename) }?;
        Certificate::read_pem_file(path).map(|c| CertHandle::traced(c).into_raw())
    })
}

/// Writes a certificate to a file in PEM format, replacing the file;
/// returns zero on success, non-zero if it could not be written.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_write(
    cert: *const ne_ssl_certificate,
    filename: *const c_char,
) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: cert is NULL or a certificate; filename NULL or a C string.
        let (cert, path) = unsafe { (certificate(cert)?, path_arg(filename)?) };
        Some(if cert.write_pem_file(path).is_ok() {
            0
        } else {
            -1
        })
    })
}

/// Returns the certificate as a malloc-allocated NUL-terminated string: the
/// base64 encoding of its DER form, without line breaks or PEM armour.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_export(cert: *const ne_ssl_certificate) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: cert is NULL or a certificate.
        let cert = unsafe { certificate(cert) }?;
        Some(ffi::malloc_str(cert.export().as_bytes()))
    })
}

/// Reads a certificate from the form `ne_ssl_cert_export` gives; NULL if
/// `data` is not valid. Free it with `ne_ssl_cert_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_import(data: *const c_char) -> *mut ne_ssl_certificate {
    ffi::guard(null_mut(), || {
        // SAFETY: data is NULL or a C string.
        let data = unsafe { ffi::cstr_arg(data) }?;
        Certificate::import(data).map(|c| CertHandle::traced(c).into_raw())
    })
}

/// Returns whom the certificate was issued to, as a UTF-8 string valid as
/// long as the certificate: for a server certificate its host name (the
/// first subjectAltName DNS name or URI, else the most specific
/// commonName), or NULL if it names none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_identity(cert: *const ne_ssl_certificate) -> *const c_char {
    ffi::guard(null(), || {
        // SAFETY: cert is NULL or a certificate.
        let handle = unsafe { cert_handle(cert) }?;
        handle.identity.as_ref().map(|id| id.as_ptr())
    })
}

/// Returns the certificate of the issuer of `cert` when `cert` came from a
/// server's certificate chain, valid as long as `cert`; NULL for the top of
/// the chain and for a certificate not from a chain.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_signedby(
    cert: *const ne_ssl_certificate,
) -> *const ne_ssl_certificate {
    ffi::guard(null(), || {
        // SAFETY: cert is NULL or a certificate.
        let handle = unsafe { cert_handle(cert) }?;
        handle.issuer.as_deref().map(CertHandle::as_ptr)
    })
}

/// Returns the distinguished name of the certificate's issuer, valid as
/// long as the certificate.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_issuer(
    cert: *const ne_ssl_certificate,
) -> *const ne_ssl_dname {
    ffi::guard(null(), || {
        // SAFETY: cert is NULL or a certificate.
        let cert = unsafe { certificate(cert) }?;
        Some(dname_ptr(cert.issuer()))
    })
}

/// Returns the distinguished name of the certificate's subject, valid as
/// long as the certificate.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_subject(
    cert: *const ne_ssl_certificate,
) -> *const ne_ssl_dname {
    ffi::guard(null(), || {
        // SAFETY: cert is NULL or a certificate.
        let cert = unsafe { certificate(cert) }?;
        Some(dname_ptr(cert.subject()))
    })
}

/// Writes the certificate's SHA-1 fingerprint to `digest` (at least
/// `NE_SSL_DIGESTLEN` bytes) as "aa:bb:...:ff", NUL-terminated; returns
/// zero, or non-zero on failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_digest(
    cert: *const ne_ssl_certificate,
    digest: *mut c_char,
) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: cert is NULL or a certificate.
        let cert = unsafe { certificate(cert) }?;
        // SAFETY: digest has room for NE_SSL_DIGESTLEN bytes.
        unsafe { ffi::write_cbuf(digest, NE_SSL_DIGESTLEN as usize, cert.digest().as_bytes()) }?;
        Some(0)
    })
}

/// Returns the certificate's fingerprint as a malloc-allocated hex string,
/// with the hash algorithm and formatting `flags` of `ne_strhash`
/// (`NE_HASH_MD5`, `NE_HASH_SHA256`, ... with `NE_HASH_COLON` or
/// `NE_HASH_SPACE`); NULL for an unsupported algorithm.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_hdigest(
    cert: *const ne_ssl_certificate,
    flags: c_uint,
) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: cert is NULL or a certificate.
        let cert = unsafe { certificate(cert) }?;
        cert.hdigest(flags).map(|d| ffi::malloc_str(d.as_bytes()))
    })
}

/// Stores the start and end of the certificate's validity period in
/// `*from` and `*until` (either may be NULL), or `(time_t)-1` for a time
/// that cannot be read.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_validity_time(
    cert: *const ne_ssl_certificate,
    from: *mut time_t,
    until: *mut time_t,
) {
    ffi::guard((), || {
        // SAFETY: cert is NULL or a certificate.
        let cert = unsafe { certificate(cert) }?;
        // SAFETY: each pointer is NULL or points to a time_t.
        unsafe {
            if let Some(from) = from.as_mut() {
                *from = cert.not_before();
            }
            if let Some(until) = until.as_mut() {
                *until = cert.not_after();
            }
        }
        Some(())
    })
}

/// Writes the start and end of the certificate's validity period to `from`
/// and `until` (each NULL or at least `NE_SSL_VDATELEN` bytes) as RFC 1123
/// dates in English, e.g. "Mon, 21 Jan 2002 20:39:04 GMT", or
/// "[invalid date]".
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_validity(
    cert: *const ne_ssl_certificate,
    from: *mut c_char,
    until: *mut c_char,
) {
    ffi::guard((), || {
        // SAFETY: cert is NULL or a certificate.
        let cert = unsafe { certificate(cert) }?;
        let (start, end) = cert.validity_strings();
        let cap = NE_SSL_VDATELEN as usize;
        // SAFETY: each buffer is NULL or holds NE_SSL_VDATELEN bytes;
        // write_cbuf does nothing for NULL.
        unsafe {
            ffi::write_cbuf(from, cap, start.as_bytes());
            ffi::write_cbuf(until, cap, end.as_bytes());
        }
        Some(())
    })
}

/// Returns zero if both are the same certificate, else -1 or 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_cmp(
    c1: *const ne_ssl_certificate,
    c2: *const ne_ssl_certificate,
) -> c_int {
    ffi::guard(1, || {
        // SAFETY: each is NULL or a certificate.
        let (a, b) = unsafe { (certificate(c1)?, certificate(c2)?) };
        Some(a.compare(b))
    })
}

/// Frees a certificate, and with it the rest of the chain it heads.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_cert_free(cert: *mut ne_ssl_certificate) {
    ffi::guard((), || {
        // SAFETY: cert is NULL or a certificate C owns, freed once.
        drop(unsafe { ffi::from_handle::<CertHandle, _>(cert) }?);
        Some(())
    })
}

/// The name of a protocol version (`enum ne_ssl_protocol` value):
/// "SSLv3", "TLSv1.0" … "TLSv1.3", or "unknown".
#[unsafe(no_mangle)]
pub extern "C" fn ne_ssl_proto_name(proto: c_uint) -> *const c_char {
    ffi::guard(c"unknown".as_ptr(), || {
        Some(crate::tls::versions::proto_name(proto).as_ptr())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::cert::tests::self_signed;

    fn cert(cn: &str) -> Certificate {
        let mut p = rcgen::CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        p.distinguished_name.push(rcgen::DnType::CommonName, cn);
        self_signed(p)
    }

    #[test]
    fn chains_link_and_free_as_one() {
        let (a, b, c) = (cert("a"), cert("b"), cert("c"));
        let ders: Vec<CertificateDer<'_>> = [&a, &b, &c]
            .iter()
            .map(|x| CertificateDer::from(x.der().to_vec()))
            .collect();
        let head = chain_to_handles(&ders);
        // SAFETY: head is a live chain from chain_to_handles, freed once below.
        unsafe {
            assert_eq!(certificate(head).unwrap().compare(&a), 0);
            let second = ne_ssl_cert_signedby(head);
            assert_eq!(certificate(second).unwrap().compare(&b), 0);
            let third = ne_ssl_cert_signedby(second);
            assert_eq!(certificate(third).unwrap().compare(&c), 0);
            assert!(ne_ssl_cert_signedby(third).is_null());
            let id = std::ffi::CStr::from_ptr(ne_ssl_cert_identity(third));
            assert_eq!(id.to_bytes(), b"c");
            ne_ssl_cert_free(head);
        }
        assert!(chain_to_handles(&[]).is_null());
        assert!(chain_to_handles(&[CertificateDer::from(vec![1, 2, 3])]).is_null());
        // A chain stops before a certificate that does not parse.
        let cut = [
            ders[0].clone(),
            CertificateDer::from(vec![0x30, 0]),
            ders[2].clone(),
        ];
        let head = chain_to_handles(&cut);
        // SAFETY: as above.
        unsafe {
            assert!(ne_ssl_cert_signedby(head).is_null());
            ne_ssl_cert_free(head);
        }
    }
}
