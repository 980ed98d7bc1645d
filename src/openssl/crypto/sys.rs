//! libcrypto 3.0 functions that `openssl-sys` does not declare.

use std::ffi::{c_char, c_int, c_uint, c_void};

use openssl_sys::{
    ASN1_OCTET_STRING, BIO, BIO_METHOD, X509_LOOKUP_METHOD, X509_NAME, X509_STORE, X509_STORE_CTX,
    X509_VERIFY_PARAM, stack_st_X509,
};

use super::types::VerifyCb;

unsafe extern "C" {
    pub fn X509_STORE_up_ref(store: *mut X509_STORE) -> c_int;
    pub fn X509_STORE_load_file(store: *mut X509_STORE, file: *const c_char) -> c_int;
    pub fn X509_STORE_load_path(store: *mut X509_STORE, path: *const c_char) -> c_int;
    pub fn X509_STORE_load_store(store: *mut X509_STORE, uri: *const c_char) -> c_int;
    pub fn X509_STORE_get0_param(store: *const X509_STORE) -> *mut X509_VERIFY_PARAM;
    pub fn X509_LOOKUP_store() -> *mut X509_LOOKUP_METHOD;

    pub fn X509_STORE_CTX_get1_certs(
        ctx: *mut X509_STORE_CTX,
        name: *const X509_NAME,
    ) -> *mut stack_st_X509;
    pub fn X509_STORE_CTX_set_ex_data(
        ctx: *mut X509_STORE_CTX,
        idx: c_int,
        data: *mut c_void,
    ) -> c_int;
    pub fn X509_STORE_CTX_set0_verified_chain(ctx: *mut X509_STORE_CTX, sk: *mut stack_st_X509);
    pub fn X509_STORE_CTX_set_error_depth(ctx: *mut X509_STORE_CTX, depth: c_int);
    pub fn X509_STORE_CTX_set_verify_cb(ctx: *mut X509_STORE_CTX, cb: VerifyCb);
    pub fn X509_STORE_CTX_get_verify_cb(ctx: *const X509_STORE_CTX) -> VerifyCb;
    pub fn X509_STORE_CTX_get0_param(ctx: *const X509_STORE_CTX) -> *mut X509_VERIFY_PARAM;
    pub fn X509_STORE_CTX_set_default(ctx: *mut X509_STORE_CTX, name: *const c_char) -> c_int;

    pub fn X509_VERIFY_PARAM_inherit(
        to: *mut X509_VERIFY_PARAM,
        from: *const X509_VERIFY_PARAM,
    ) -> c_int;
    pub fn X509_VERIFY_PARAM_set1(
        to: *mut X509_VERIFY_PARAM,
        from: *const X509_VERIFY_PARAM,
    ) -> c_int;
    pub fn X509_VERIFY_PARAM_get_depth(param: *const X509_VERIFY_PARAM) -> c_int;
    pub fn X509_VERIFY_PARAM_get_time(param: *const X509_VERIFY_PARAM) -> libc::time_t;
    pub fn X509_VERIFY_PARAM_get0_host(param: *mut X509_VERIFY_PARAM, idx: c_int) -> *mut c_char;
    pub fn X509_VERIFY_PARAM_add1_host(
        param: *mut X509_VERIFY_PARAM,
        name: *const c_char,
        len: usize,
    ) -> c_int;
    pub fn X509_VERIFY_PARAM_get_hostflags(param: *const X509_VERIFY_PARAM) -> c_uint;
    pub fn X509_VERIFY_PARAM_get0_peername(param: *const X509_VERIFY_PARAM) -> *mut c_char;
    pub fn X509_VERIFY_PARAM_get0_email(param: *mut X509_VERIFY_PARAM) -> *mut c_char;
    pub fn X509_VERIFY_PARAM_get1_ip_asc(param: *mut X509_VERIFY_PARAM) -> *mut c_char;
    pub fn X509_VERIFY_PARAM_set1_ip_asc(param: *mut X509_VERIFY_PARAM, ip: *const c_char)
    -> c_int;
    pub fn X509_VERIFY_PARAM_set_trust(param: *mut X509_VERIFY_PARAM, trust: c_int) -> c_int;

    pub fn a2i_IPADDRESS(text: *const c_char) -> *mut ASN1_OCTET_STRING;

    pub fn EVP_PKEY_get_base_id(pkey: *const openssl_sys::EVP_PKEY) -> c_int;
    pub fn EVP_PKEY_get_security_bits(pkey: *const openssl_sys::EVP_PKEY) -> c_int;
    pub fn X509_check_private_key(
        x: *const openssl_sys::X509,
        k: *const openssl_sys::EVP_PKEY,
    ) -> c_int;
    pub fn PEM_read_bio_X509_AUX(
        bio: *mut openssl_sys::BIO,
        out: *mut *mut openssl_sys::X509,
        cb: openssl_sys::pem_password_cb,
        u: *mut c_void,
    ) -> *mut openssl_sys::X509;
    pub fn i2d_PKCS8_PRIV_KEY_INFO(
        info: *const openssl_sys::PKCS8_PRIV_KEY_INFO,
        out: *mut *mut u8,
    ) -> c_int;
    pub fn d2i_PrivateKey(
        kind: c_int,
        out: *mut *mut openssl_sys::EVP_PKEY,
        pp: *mut *const u8,
        len: std::ffi::c_long,
    ) -> *mut openssl_sys::EVP_PKEY;
    pub fn DH_security_bits(dh: *const openssl_sys::DH) -> c_int;
    pub fn EC_KEY_get0_group(key: *const openssl_sys::EC_KEY) -> *const openssl_sys::EC_GROUP;
    pub fn EC_GROUP_get_curve_name(group: *const openssl_sys::EC_GROUP) -> c_int;
    pub fn X509_NAME_dup(name: *const X509_NAME) -> *mut X509_NAME;
    pub fn i2d_X509_NAME(name: *const X509_NAME, out: *mut *mut u8) -> c_int;

    pub fn X509_self_signed(cert: *mut openssl_sys::X509, verify_signature: c_int) -> c_int;

    pub fn X509_get0_pubkey(x: *const openssl_sys::X509) -> *mut openssl_sys::EVP_PKEY;
    pub fn ERR_peek_error() -> std::ffi::c_ulong;
    pub fn ERR_set_mark() -> c_int;
    pub fn ERR_pop_to_mark() -> c_int;

    pub fn BIO_up_ref(b: *mut BIO) -> c_int;
    pub fn BIO_free(b: *mut BIO) -> c_int;
    pub fn BIO_test_flags(b: *const BIO, flags: c_int) -> c_int;
    pub fn BIO_set_flags(b: *mut BIO, flags: c_int);
    pub fn BIO_clear_flags(b: *mut BIO, flags: c_int);
    pub fn BIO_get_retry_reason(b: *mut BIO) -> c_int;
    pub fn BIO_set_retry_reason(b: *mut BIO, reason: c_int);
    pub fn BIO_copy_next_retry(b: *mut BIO);
    pub fn BIO_find_type(b: *mut BIO, bio_type: c_int) -> *mut BIO;
    pub fn BIO_next(b: *mut BIO) -> *mut BIO;
    pub fn BIO_set_next(b: *mut BIO, next: *mut BIO);
    pub fn BIO_push(b: *mut BIO, append: *mut BIO) -> *mut BIO;
    pub fn BIO_method_type(b: *const BIO) -> c_int;
    pub fn BIO_get_init(b: *mut BIO) -> c_int;
    pub fn BIO_get_shutdown(b: *mut BIO) -> c_int;
    pub fn BIO_set_shutdown(b: *mut BIO, shut: c_int);
    pub fn BIO_callback_ctrl(b: *mut BIO, cmd: c_int, fp: BioInfoCb) -> std::ffi::c_long;
    pub fn BIO_get_callback_ex(b: *const BIO) -> Option<unsafe extern "C" fn()>;
    #[deprecated]
    pub fn BIO_get_callback(b: *const BIO) -> Option<unsafe extern "C" fn()>;
    pub fn BIO_f_buffer() -> *const BIO_METHOD;
    pub fn BIO_s_connect() -> *const BIO_METHOD;
    pub fn BIO_meth_set_write_ex(
        m: *mut BIO_METHOD,
        f: unsafe extern "C" fn(*mut BIO, *const c_char, usize, *mut usize) -> c_int,
    ) -> c_int;
    pub fn BIO_meth_set_read_ex(
        m: *mut BIO_METHOD,
        f: unsafe extern "C" fn(*mut BIO, *mut c_char, usize, *mut usize) -> c_int,
    ) -> c_int;
    pub fn BIO_meth_set_puts(
        m: *mut BIO_METHOD,
        f: unsafe extern "C" fn(*mut BIO, *const c_char) -> c_int,
    ) -> c_int;
    pub fn BIO_meth_set_ctrl(
        m: *mut BIO_METHOD,
        f: unsafe extern "C" fn(*mut BIO, c_int, std::ffi::c_long, *mut c_void) -> std::ffi::c_long,
    ) -> c_int;
    pub fn BIO_meth_set_create(
        m: *mut BIO_METHOD,
        f: unsafe extern "C" fn(*mut BIO) -> c_int,
    ) -> c_int;
    pub fn BIO_meth_set_destroy(
        m: *mut BIO_METHOD,
        f: unsafe extern "C" fn(*mut BIO) -> c_int,
    ) -> c_int;
    pub fn BIO_meth_set_callback_ctrl(
        m: *mut BIO_METHOD,
        f: unsafe extern "C" fn(*mut BIO, c_int, BioInfoCb) -> std::ffi::c_long,
    ) -> c_int;
}

/// `BIO_info_cb *`.
pub type BioInfoCb = Option<unsafe extern "C" fn(*mut BIO, c_int, c_int) -> c_int>;
