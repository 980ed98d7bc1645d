//! The neon face: one module per neon header, each converting C arguments,
//! calling the safe core and converting results back.
#![allow(
    non_camel_case_types,
    non_upper_case_globals,
    clippy::missing_safety_doc
)]

pub mod ne_207;
pub mod ne_acl;
pub mod ne_acl3744;
pub mod ne_alloc;
pub mod ne_auth;
pub mod ne_basic;
pub mod ne_compress;
pub mod ne_dates;
pub mod ne_defs;
pub mod ne_i18n;
pub mod ne_locks;
pub mod ne_md5;
pub mod ne_pkcs11;
pub mod ne_props;
pub mod ne_redirect;
pub mod ne_request;
pub mod ne_session;
pub mod ne_socket;
pub mod ne_ssl;
pub mod ne_ssl_clicert;
pub mod ne_ssl_context;
pub mod ne_string;
pub mod ne_uri;
pub mod ne_utils;
pub mod ne_xml;
pub mod ne_xmlreq;
pub mod nrs_session;
