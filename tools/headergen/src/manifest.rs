//! Which face files make which header. C text that cbindgen cannot produce
//! from Rust (macros, prototypes of the C shim's variadic functions) lives in
//! tools/headergen/extras/<header>.before (placed before the items) and
//! <header>.after (after them).

pub struct Header {
    /// Header file name, as neon names it.
    pub name: &'static str,
    /// Directory under the output root.
    pub dir: &'static str,
    /// The reference header our declarations are checked against (c-tests/abi).
    pub reference: &'static str,
    /// Face files whose exported items make up the header.
    pub sources: &'static [&'static str],
    pub sys_includes: &'static [&'static str],
    pub includes: &'static [&'static str],
    /// Types emitted even when no function of this header uses them.
    pub types: &'static [&'static str],
    /// Names the reference header shares with another one it cannot be
    /// included with (ne_acl.h and ne_acl3744.h both define ne_acl_entry):
    /// renamed by macros around this header's ABI check.
    pub renames: &'static [&'static str],
}

const fn neon(
    name: &'static str,
    sources: &'static [&'static str],
    sys_includes: &'static [&'static str],
    includes: &'static [&'static str],
) -> Header {
    Header {
        name,
        dir: "neonrs",
        reference: name,
        sources,
        sys_includes,
        includes,
        types: &[],
        renames: &[],
    }
}

const fn with_types(h: Header, types: &'static [&'static str]) -> Header {
    Header { types, ..h }
}

const fn with_renames(h: Header, renames: &'static [&'static str]) -> Header {
    Header { renames, ..h }
}

pub const HEADERS: &[Header] = &[
    with_types(
        neon("ne_defs.h", &["src/neon/ne_defs.rs"], &["sys/types.h"], &[]),
        &["ne_off_t"],
    ),
    neon(
        "ne_alloc.h",
        &["src/neon/ne_alloc.rs"],
        &["stdlib.h", "sys/types.h"],
        &["ne_defs.h"],
    ),
    neon(
        "ne_string.h",
        &["src/neon/ne_string.rs"],
        &["stdarg.h"],
        &["ne_defs.h", "ne_alloc.h"],
    ),
    neon("ne_i18n.h", &["src/neon/ne_i18n.rs"], &[], &["ne_defs.h"]),
    neon(
        "ne_utils.h",
        &["src/neon/ne_utils.rs"],
        &["sys/types.h", "stdarg.h", "stdio.h"],
        &["ne_defs.h"],
    ),
    neon("ne_uri.h", &["src/neon/ne_uri.rs"], &[], &["ne_defs.h"]),
    neon(
        "ne_dates.h",
        &["src/neon/ne_dates.rs"],
        &["sys/types.h"],
        &["ne_defs.h"],
    ),
    neon(
        "ne_md5.h",
        &["src/neon/ne_md5.rs"],
        &["stdio.h"],
        &["ne_defs.h"],
    ),
    with_types(
        neon(
            "ne_ssl.h",
            &[
                "src/neon/ne_ssl.rs",
                "src/neon/ne_ssl_clicert.rs",
                "src/neon/ne_ssl_context.rs",
            ],
            &["sys/types.h"],
            &["ne_defs.h"],
        ),
        &[
            "ne_ssl_dname",
            "ne_ssl_certificate",
            "ne_ssl_client_cert",
            "ne_ssl_context",
        ],
    ),
    neon(
        "ne_socket.h",
        &["src/neon/ne_socket.rs"],
        &["sys/types.h"],
        &["ne_defs.h", "ne_ssl.h"],
    ),
    with_types(
        neon(
            "ne_session.h",
            &["src/neon/ne_session.rs"],
            &["sys/types.h"],
            &["ne_ssl.h", "ne_uri.h", "ne_defs.h", "ne_socket.h"],
        ),
        &["ne_ssl_verify_fn", "ne_ssl_provide_fn"],
    ),
    neon(
        "ne_request.h",
        &["src/neon/ne_request.rs"],
        &[],
        &["ne_utils.h", "ne_string.h", "ne_session.h"],
    ),
    neon(
        "ne_basic.h",
        &["src/neon/ne_basic.rs"],
        &["sys/types.h"],
        &["ne_request.h"],
    ),
    neon(
        "ne_pkcs11.h",
        &["src/neon/ne_pkcs11.rs"],
        &[],
        &["ne_defs.h", "ne_session.h"],
    ),
    neon(
        "ne_auth.h",
        &["src/neon/ne_auth.rs"],
        &[],
        &["ne_session.h"],
    ),
    neon(
        "ne_compress.h",
        &["src/neon/ne_compress.rs"],
        &[],
        &["ne_request.h"],
    ),
    neon(
        "ne_redirect.h",
        &["src/neon/ne_redirect.rs"],
        &[],
        &["ne_request.h", "ne_uri.h"],
    ),
    neon(
        "ne_xml.h",
        &["src/neon/ne_xml.rs"],
        &["sys/types.h"],
        &["ne_defs.h"],
    ),
    neon(
        "ne_xmlreq.h",
        &["src/neon/ne_xmlreq.rs"],
        &[],
        &["ne_request.h", "ne_xml.h"],
    ),
    // neon-rs's own extensions of neon's sessions (nrs_*). No reference
    // declares them: the ABI check compiles them against the reference
    // ne_session.h, whose types they use. neon's headers are included with
    // angle brackets so that a program gets the ones its include path
    // gives, ours or Debian's, never both.
    Header {
        name: "nrs_session.h",
        dir: "neonrs",
        reference: "ne_session.h",
        sources: &["src/neon/nrs_session.rs"],
        sys_includes: &["sys/types.h", "ne_session.h", "ne_socket.h"],
        includes: &[],
        types: &[],
        renames: &[],
    },
    neon(
        "ne_207.h",
        &["src/neon/ne_207.rs"],
        &[],
        &["ne_xml.h", "ne_request.h", "ne_uri.h"],
    ),
    neon(
        "ne_props.h",
        &["src/neon/ne_props.rs"],
        &[],
        &["ne_request.h", "ne_207.h"],
    ),
    neon(
        "ne_locks.h",
        &["src/neon/ne_locks.rs"],
        &[],
        &["ne_request.h", "ne_uri.h"],
    ),
    with_renames(
        neon("ne_acl.h", &["src/neon/ne_acl.rs"], &[], &["ne_session.h"]),
        &[
            "ne_acl_entry",
            "ne_acl_href",
            "ne_acl_property",
            "ne_acl_all",
            "ne_acl_grant",
            "ne_acl_deny",
        ],
    ),
    neon(
        "ne_acl3744.h",
        &["src/neon/ne_acl3744.rs"],
        &[],
        &["ne_session.h"],
    ),
    // The libssl face: OpenSSL 3.0's ssl.h for the functions libssl.so.3
    // implements (the stubs of unsupported.rs are left out).
    Header {
        name: "neonrs_ssl.h",
        dir: "neonrs",
        reference: "openssl/ssl.h",
        sources: &[
            "src/ssl/config/consts.rs",
            "src/openssl/handles.rs",
            "src/openssl/init.rs",
            "src/openssl/ssl_ctx.rs",
            "src/openssl/ctrl.rs",
            "src/openssl/cipher.rs",
            "src/openssl/ctx_sessions.rs",
            "src/openssl/ssl_session.rs",
            "src/openssl/ssl.rs",
            "src/openssl/bio.rs",
            "src/openssl/bio_ssl.rs",
            "src/openssl/cert_store.rs",
            "src/openssl/verify_param.rs",
            "src/openssl/peer_cert.rs",
            "src/openssl/verify.rs",
        ],
        sys_includes: &["stddef.h", "stdint.h"],
        includes: &[],
        types: &[],
        renames: &[],
    },
];

/// Named stand-ins for anonymous C members (e.g. the structs inside
/// `ne_session_status_info`); the reference headers have no type by these names.
pub const LOCAL_TYPES: &[&str] = &[
    "ne_status_lookup_info",
    "ne_status_connecting_info",
    "ne_status_connected_info",
    "ne_status_transfer_info",
];

/// Types and constants neon added after 0.32, with the minor version that
/// added them (functions take theirs from tools/neon-nodes.txt); see
/// since.rs.
pub const SINCE: &[(&str, u32)] = &[
    ("ne_interim_response_fn", 33),
    ("ne_ssl_ccprovide_fn", 37),
    ("NE_FEATURE_GSSAPI", 34),
    ("NE_FEATURE_LIBPXY", 34),
    ("NE_FEATURE_NTLM", 37),
];

/// Constants whose value neon 0.33+ changed but neon-rs keeps at 0.32.5's
/// whatever NEONRS_NEON_API is, with the reason: the ABI check against
/// neon 0.37's headers skips them (the check against 0.32.5's still
/// asserts them).
pub const KEPT_AT_032: &[(&str, &str)] = &[
    (
        "NE_SESSFLAG_LAST",
        "counts the session flags neon-rs implements; 0.34's NE_SESSFLAG_STRICT is not one",
    ),
    (
        "NE_REQFLAG_LAST",
        "counts the request flags neon-rs implements; 0.33's NE_REQFLAG_1XXTIMEOUT is not one",
    ),
];
