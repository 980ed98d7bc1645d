//! C face of `SSL_CONF` (`SSL_CONF_CTX_new`, `SSL_CONF_cmd`,
//! `SSL_CONF_cmd_argv`…) and of `SSL_CTX_config`/`SSL_config`, the
//! `ssl_conf` module of `openssl.cnf`. The commands, their flags and
//! return values are `crate::ssl::conf`'s; here they reach the context or
//! connection through the same functions a program would call
//! (`SSL_CTX_set_cipher_list`, `SSL_CTX_ctrl`, the certificate and key
//! files…), and their reports go to the error queue.
//!
//! As in OpenSSL, a conf context does not own what it configures; one
//! whose context or connection was freed configures nothing.

use std::ffi::{CStr, CString, c_char, c_int, c_uint, c_void};
use std::ptr::null_mut;
use std::sync::{Arc, Weak};

use super::cert_stores::{Source, Which};
use super::crypto::NameStack;
use super::crypto::err::{self, reasons};
use super::crypto::pem_io;
use super::handles::{self, SSL, SSL_CTX};
use super::objects;
use crate::ffi;
use crate::ssl::conf::{self, Cmd, ConfCtx, Report, Target};
use crate::ssl::config::Settings;
use crate::ssl::config::consts::SSL_FILETYPE_PEM;
use crate::ssl::conn::SslConn;
use crate::ssl::ctx::{Role, SslCtx};

/// An `SSL_CONF_CTX`.
pub struct ssl_conf_ctx_st {
    _private: [u8; 0],
}
pub type SSL_CONF_CTX = ssl_conf_ctx_st;

/// OpenSSL's `SSL_R_INVALID_CONFIGURATION_NAME`.
const INVALID_CONFIGURATION_NAME: i32 = 113;
/// `OPENSSL_INIT_LOAD_CONFIG`.
const OPENSSL_INIT_LOAD_CONFIG: u64 = 0x40;

/// What a conf context configures.
#[derive(Default)]
enum Attached {
    #[default]
    None,
    Ctx(Weak<SslCtx>),
    Ssl(Weak<SslConn>),
}

#[derive(Default)]
struct Conf {
    core: ConfCtx,
    attached: Attached,
    /// The CA names RequestCAFile & co. collect for `finish`.
    canames: Option<NameStack>,
}

/// # Safety
/// `p` must be NULL or a live `SSL_CONF_CTX` not used elsewhere meanwhile.
unsafe fn conf<'a>(p: *mut SSL_CONF_CTX) -> Option<&'a mut Conf> {
    // SAFETY: per the contract above.
    unsafe { (p as *mut Conf).as_mut() }
}

/// The context or connection of one call, with the conf context's names.
struct Bound<'a> {
    ctx: Option<Arc<SslCtx>>,
    ssl: Option<Arc<SslConn>>,
    canames: &'a mut Option<NameStack>,
}

impl Conf {
    fn bound(&mut self) -> (&mut ConfCtx, Bound<'_>) {
        let (ctx, ssl) = match &self.attached {
            Attached::None => (None, None),
            Attached::Ctx(c) => (c.upgrade(), None),
            Attached::Ssl(s) => (None, s.upgrade()),
        };
        (
            &mut self.core,
            Bound {
                ctx,
                ssl,
                canames: &mut self.canames,
            },
        )
    }
}

/// A string argument as text (bytes that are not UTF-8 are replaced).
///
/// # Safety
/// `p` must be NULL or a C string.
unsafe fn text(p: *const c_char) -> Option<String> {
    // SAFETY: per the contract above.
    unsafe { ffi::cstr_arg(p) }.map(|b| String::from_utf8_lossy(b).into_owned())
}

fn push(report: Option<Report>) {
    match report {
        None => {}
        Some(Report::NullCommand) => err::raise(reasons::INVALID_NULL_CMD_NAME, c"SSL_CONF_cmd"),
        Some(Report::Unknown { cmd }) => err::raise_data(
            reasons::UNKNOWN_CMD_NAME,
            c"SSL_CONF_cmd",
            &format!("cmd={cmd}"),
        ),
        Some(Report::BadValue { cmd, value }) => err::raise_data(
            reasons::BAD_VALUE,
            c"SSL_CONF_cmd",
            &format!("cmd={cmd}, value={value}"),
        ),
    }
}

impl Bound<'_> {
    fn ctx_ptr(&self) -> *mut SSL_CTX {
        self.ctx.as_ref().map_or(null_mut(), handles::ctx_ptr)
    }

    fn ssl_ptr(&self) -> *mut SSL {
        self.ssl.as_ref().map_or(null_mut(), handles::ssl_ptr)
    }

    /// A `*_ctrl` command with a string: the connection's if attached,
    /// else the context's, else only checked (OpenSSL's NULL context).
    fn ctrl_str(&self, cmd: c_int, v: &CStr) -> i32 {
        let parg = v.as_ptr() as *mut c_void;
        // SAFETY: live handles and a C string, as the command takes.
        let rv = unsafe {
            if let Some(s) = &self.ssl {
                super::ssl::SSL_ctrl(handles::ssl_ptr(s), cmd, 0, parg)
            } else if let Some(c) = &self.ctx {
                super::ctrl::SSL_CTX_ctrl(handles::ctx_ptr(c), cmd, 0, parg)
            } else {
                super::groups::settings_ctrl(&mut Settings::new(), cmd, 0, parg).unwrap_or(0)
            }
        };
        i32::from(rv > 0)
    }

    /// The verify or chain store of what is attached.
    fn load_store(&self, which: Which, source: Source<'_>) -> i32 {
        let ok = if let Some(s) = &self.ssl {
            let ctx = s.ctx();
            let inherit = objects::of_ctx(&ctx).map(|x| &x.stores);
            objects::of_conn(s).is_some_and(|cc| cc.stores.load(which, inherit, source))
        } else if let Some(c) = &self.ctx {
            objects::of_ctx(c).is_some_and(|x| x.stores.load(which, None, source))
        } else {
            true
        };
        i32::from(ok)
    }

    /// RequestCAFile & co.: names for `finish`.
    fn add_names(&mut self, v: &CStr, dir: bool) -> i32 {
        if self.canames.is_none() {
            *self.canames = NameStack::new();
        }
        let Some(stack) = self.canames.as_ref() else {
            return 0;
        };
        // SAFETY: a live stack (borrowed by the call) and a C string.
        unsafe {
            if dir {
                super::client_ca::SSL_add_dir_cert_subjects_to_stack(stack.as_ptr(), v.as_ptr())
            } else {
                super::client_ca::SSL_add_file_cert_subjects_to_stack(stack.as_ptr(), v.as_ptr())
            }
        }
    }

    fn dh_parameters(&self, v: &CStr) -> i32 {
        let key = pem_io::read_dh_params(v);
        if key.is_null() {
            return 0;
        }
        // SAFETY: live handles; the key is handed over on success.
        let rv = unsafe {
            if let Some(c) = &self.ctx {
                super::groups::SSL_CTX_set0_tmp_dh_pkey(handles::ctx_ptr(c), key)
            } else {
                super::groups::SSL_set0_tmp_dh_pkey(self.ssl_ptr(), key)
            }
        };
        if rv <= 0 {
            // SAFETY: the key stayed ours.
            unsafe { openssl_sys::EVP_PKEY_free(key) };
        }
        rv
    }
}

impl Target for Bound<'_> {
    fn attached(&self) -> bool {
        self.ctx.is_some() || self.ssl.is_some()
    }

    fn method_version(&self) -> i32 {
        match (&self.ctx, &self.ssl) {
            (Some(c), _) => c.config.read(Settings::method_version),
            (_, Some(s)) => s.ctx().config.read(Settings::method_version),
            _ => 0,
        }
    }

    fn settings(&mut self, f: &mut dyn FnMut(&mut Settings)) {
        if let Some(c) = &self.ctx {
            c.config.update(f);
        } else if let Some(s) = &self.ssl {
            s.update_settings(f);
        }
    }

    fn setter(&mut self, cmd: Cmd, value: &str) -> i32 {
        let Ok(v) = CString::new(value) else {
            return 0;
        };
        let (ctx, ssl) = (self.ctx_ptr(), self.ssl_ptr());
        let on_ssl = !ssl.is_null();
        // SAFETY: ctx and ssl are live handles (or NULL where not used);
        // v is a C string.
        unsafe {
            match cmd {
                Cmd::CipherString if on_ssl => {
                    super::cipher_stacks::SSL_set_cipher_list(ssl, v.as_ptr())
                }
                Cmd::CipherString => super::ssl_ctx::SSL_CTX_set_cipher_list(ctx, v.as_ptr()),
                Cmd::Ciphersuites if on_ssl => {
                    super::cipher_stacks::SSL_set_ciphersuites(ssl, v.as_ptr())
                }
                Cmd::Ciphersuites => super::ssl_ctx::SSL_CTX_set_ciphersuites(ctx, v.as_ptr()),
                Cmd::Groups | Cmd::Curves | Cmd::ECDHParameters => {
                    self.ctrl_str(super::groups::SSL_CTRL_SET_GROUPS_LIST, &v)
                }
                Cmd::SignatureAlgorithms => {
                    self.ctrl_str(super::groups::SSL_CTRL_SET_SIGALGS_LIST, &v)
                }
                Cmd::ClientSignatureAlgorithms => {
                    self.ctrl_str(super::groups::SSL_CTRL_SET_CLIENT_SIGALGS_LIST, &v)
                }
                Cmd::Certificate if on_ssl => {
                    super::keys::SSL_use_certificate_chain_file(ssl, v.as_ptr())
                }
                Cmd::Certificate => {
                    super::keys::SSL_CTX_use_certificate_chain_file(ctx, v.as_ptr())
                }
                Cmd::PrivateKey if on_ssl => {
                    super::keys::SSL_use_PrivateKey_file(ssl, v.as_ptr(), SSL_FILETYPE_PEM)
                }
                Cmd::PrivateKey => {
                    super::keys::SSL_CTX_use_PrivateKey_file(ctx, v.as_ptr(), SSL_FILETYPE_PEM)
                }
                // Server information extensions are not offered (OpenSSL
                // loads them into the context only).
                Cmd::ServerInfoFile => i32::from(on_ssl),
                Cmd::ChainCAFile => self.load_store(Which::Chain, Source::File(&v)),
                Cmd::ChainCAPath => self.load_store(Which::Chain, Source::Dir(&v)),
                Cmd::ChainCAStore => self.load_store(Which::Chain, Source::Uri(&v)),
                Cmd::VerifyCAFile => self.load_store(Which::Verify, Source::File(&v)),
                Cmd::VerifyCAPath => self.load_store(Which::Verify, Source::Dir(&v)),
                Cmd::VerifyCAStore => self.load_store(Which::Verify, Source::Uri(&v)),
                Cmd::RequestCAFile | Cmd::ClientCAFile => self.add_names(&v, false),
                Cmd::RequestCAPath | Cmd::ClientCAPath => self.add_names(&v, true),
                // SSL_add_store_cert_subjects_to_stack is not offered.
                Cmd::RequestCAStore | Cmd::ClientCAStore => 0,
                Cmd::DHParameters => self.dh_parameters(&v),
                // rustls pads no records (SSL_CTX_set_block_padding).
                Cmd::RecordPadding => 0,
                Cmd::NumTickets => {
                    let n = usize::try_from(conf::atoi(value)).unwrap_or(0);
                    if on_ssl {
                        super::ssl::SSL_set_num_tickets(ssl, n)
                    } else {
                        super::ssl_ctx::SSL_CTX_set_num_tickets(ctx, n)
                    }
                }
                // The lists and bounds never come here.
                Cmd::Protocol
                | Cmd::MinProtocol
                | Cmd::MaxProtocol
                | Cmd::Options
                | Cmd::VerifyMode => 0,
            }
        }
    }

    fn has_private_key(&self) -> bool {
        if let Some(s) = &self.ssl {
            !super::keys::SSL_get_privatekey(handles::ssl_ptr(s)).is_null()
        } else if let Some(c) = &self.ctx {
            !super::keys::SSL_CTX_get0_privatekey(handles::ctx_ptr(c)).is_null()
        } else {
            false
        }
    }
}

// ---- the conf context ----------------------------------------------------------

/// A new conf context: no flags, no prefix, nothing attached.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CONF_CTX_new() -> *mut SSL_CONF_CTX {
    ffi::guard(null_mut(), || Some(ffi::into_handle(Conf::default())))
}

/// Frees a conf context (NULL is allowed) and the CA names it collected.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CONF_CTX_free(cctx: *mut SSL_CONF_CTX) {
    ffi::guard((), || {
        // SAFETY: cctx is NULL or a handle from SSL_CONF_CTX_new.
        drop(unsafe { ffi::from_handle::<Conf, _>(cctx) });
        Some(())
    })
}

/// Adds `SSL_CONF_FLAG_*` bits; returns the new flags (0 for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CONF_CTX_set_flags(cctx: *mut SSL_CONF_CTX, flags: c_uint) -> c_uint {
    ffi::guard(0, || {
        // SAFETY: cctx is NULL or live.
        let c = unsafe { conf(cctx) }?;
        c.core.flags |= flags;
        Some(c.core.flags)
    })
}

/// Removes `SSL_CONF_FLAG_*` bits; returns the new flags (0 for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CONF_CTX_clear_flags(
    cctx: *mut SSL_CONF_CTX,
    flags: c_uint,
) -> c_uint {
    ffi::guard(0, || {
        // SAFETY: cctx is NULL or live.
        let c = unsafe { conf(cctx) }?;
        c.core.flags &= !flags;
        Some(c.core.flags)
    })
}

/// Sets the prefix commands must start with (copied; NULL: none): 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CONF_CTX_set1_prefix(
    cctx: *mut SSL_CONF_CTX,
    pre: *const c_char,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: cctx is NULL or live; pre NULL or a C string.
        let (c, pre) = unsafe { (conf(cctx)?, text(pre)) };
        c.core.set_prefix(pre.as_deref());
        Some(1)
    })
}

/// Configures a context from now on (NULL: nothing).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CONF_CTX_set_ssl_ctx(cctx: *mut SSL_CONF_CTX, ctx: *mut SSL_CTX) {
    ffi::guard((), || {
        // SAFETY: cctx is NULL or live; ctx NULL or a live handle.
        let (c, ctx) = unsafe { (conf(cctx)?, handles::ctx_arc(ctx)) };
        c.attached = ctx.map_or(Attached::None, |a| Attached::Ctx(Arc::downgrade(&a)));
        Some(())
    })
}

/// Configures a connection from now on (NULL: nothing).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CONF_CTX_set_ssl(cctx: *mut SSL_CONF_CTX, ssl: *mut SSL) {
    ffi::guard((), || {
        // SAFETY: cctx is NULL or live; ssl NULL or a live handle.
        let (c, ssl) = unsafe { (conf(cctx)?, handles::ssl_arc(ssl)) };
        c.attached = ssl.map_or(Attached::None, |a| Attached::Ssl(Arc::downgrade(&a)));
        Some(())
    })
}

/// Runs one command: 2 (its value was used), 1 (a switch), 0 (error), -2
/// (no such command for these flags) or -3 (a value is missing); errors
/// go to the queue with `SSL_CONF_FLAG_SHOW_ERRORS` (a NULL command name
/// always). NULL `cctx`: 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CONF_cmd(
    cctx: *mut SSL_CONF_CTX,
    cmd: *const c_char,
    value: *const c_char,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: cctx is NULL or live; cmd and value NULL or C strings.
        let (c, cmd, value) = unsafe { (conf(cctx)?, text(cmd), text(value)) };
        let (core, mut t) = c.bound();
        let (rv, report) = core.cmd(&mut t, cmd.as_deref(), value.as_deref());
        push(report);
        Some(rv)
    })
}

/// The command at `(*pargv)[0]` (command-line flags from now on), with
/// `(*pargv)[1]` as its value: what it used (1 or 2) is skipped in
/// `*pargv` and `*pargc`; 0 if it is not a command (or none is left), -1
/// on an error, -3 if its value is missing. `pargc` may be NULL (the
/// vector then ends with NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CONF_cmd_argv(
    cctx: *mut SSL_CONF_CTX,
    pargc: *mut c_int,
    pargv: *mut *mut *mut c_char,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: cctx is NULL or live.
        let c = unsafe { conf(cctx) }?;
        // SAFETY: pargc is NULL or an int; pargv points to the caller's
        // vector, with as many entries as *pargc says (or NULL-ended).
        unsafe {
            let argc = if pargc.is_null() { None } else { Some(*pargc) };
            if argc == Some(0) || pargv.is_null() || (*pargv).is_null() {
                return Some(0);
            }
            if argc.is_some_and(|n| n < 0) {
                return Some(0);
            }
            let arg = text(**pargv)?;
            let next = if argc.is_none_or(|n| n > 1) {
                text(*(*pargv).add(1))
            } else {
                None
            };
            let (core, mut t) = c.bound();
            let (rv, report) = conf::argv_step(core, &mut t, &arg, next.as_deref());
            push(report);
            if rv > 0 {
                *pargv = (*pargv).add(rv as usize);
                if !pargc.is_null() {
                    *pargc -= rv;
                }
            }
            Some(rv)
        }
    })
}

/// `SSL_CONF_TYPE_*` of a command under the current flags and prefix
/// (`SSL_CONF_TYPE_UNKNOWN` if there is none).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CONF_cmd_value_type(
    cctx: *mut SSL_CONF_CTX,
    cmd: *const c_char,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: cctx is NULL or live; cmd NULL or a C string.
        let (c, cmd) = unsafe { (conf(cctx)?, text(cmd)) };
        Some(c.core.value_type(cmd.as_deref()) as c_int)
    })
}

/// Ends a configuration: with `SSL_CONF_FLAG_REQUIRE_PRIVATE`, a
/// certificate loaded without its key gets it from the certificate's file
/// (0 if that fails); the CA names collected become the connection's or
/// context's CA list. 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CONF_CTX_finish(cctx: *mut SSL_CONF_CTX) -> c_int {
    ffi::guard(0, || {
        // SAFETY: cctx is NULL or live.
        let c = unsafe { conf(cctx) }?;
        let (core, mut t) = c.bound();
        if !core.finish(&mut t) {
            return Some(0);
        }
        if let Some(names) = t.canames.take() {
            let (ctx, ssl) = (t.ctx_ptr(), t.ssl_ptr());
            let list = names.as_ptr();
            std::mem::forget(names);
            // SAFETY: the list is handed over to a live handle (or freed).
            unsafe {
                if !ssl.is_null() {
                    super::client_ca::SSL_set0_CA_list(ssl, list);
                } else if !ctx.is_null() {
                    super::client_ca::SSL_CTX_set0_CA_list(ctx, list);
                } else {
                    drop(NameStack::from_owned_ptr(list));
                }
            }
        }
        Some(1)
    })
}

// ---- openssl.cnf ------------------------------------------------------------------

unsafe extern "C" {
    fn OPENSSL_init_crypto(opts: u64, settings: *const c_void) -> c_int;
    fn conf_ssl_name_find(name: *const c_char, idx: *mut usize) -> c_int;
    fn conf_ssl_get(idx: usize, name: *mut *const c_char, cnt: *mut usize) -> *const c_void;
    fn conf_ssl_get_cmd(
        cmds: *const c_void,
        idx: usize,
        cmd: *mut *mut c_char,
        arg: *mut *mut c_char,
    );
}

/// Runs the commands of the `ssl_conf` section `name` of libcrypto's
/// configuration (loaded now if it was not) on a context or connection,
/// with OpenSSL's flags for it: 1 if every command and the finish
/// succeeded; 0 (with an error) if there is no such section.
fn config(attached: Attached, role: Role, name: *const c_char) -> c_int {
    // SAFETY: loading the default configuration file once.
    unsafe { OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, std::ptr::null()) };
    let mut idx = 0usize;
    // SAFETY: name is NULL or a C string; libcrypto answers from its
    // loaded configuration.
    if unsafe { conf_ssl_name_find(name, &mut idx) } == 0 {
        // SAFETY: as above.
        let shown = unsafe { text(name) }.unwrap_or_else(|| "(null)".into());
        err::raise_data(
            INVALID_CONFIGURATION_NAME,
            c"ssl_do_config",
            &format!("name={shown}"),
        );
        return 0;
    }
    let mut section: *const c_char = std::ptr::null();
    let mut count = 0usize;
    // SAFETY: idx was found above.
    let cmds = unsafe { conf_ssl_get(idx, &mut section, &mut count) };
    let mut c = Conf {
        attached,
        ..Conf::default()
    };
    c.core.flags = conf::FLAG_FILE | conf::FLAG_CERTIFICATE | conf::FLAG_REQUIRE_PRIVATE;
    if role != Role::Client {
        c.core.flags |= conf::FLAG_SERVER;
    }
    if role != Role::Server {
        c.core.flags |= conf::FLAG_CLIENT;
    }
    let mut errors = 0;
    for i in 0..count {
        let (mut cmd, mut arg) = (null_mut(), null_mut());
        // SAFETY: i < count commands of the section.
        unsafe { conf_ssl_get_cmd(cmds, i, &mut cmd, &mut arg) };
        // SAFETY: libcrypto's C strings.
        let (cmd, arg) = unsafe { (text(cmd), text(arg)) };
        let (core, mut t) = c.bound();
        let (rv, report) = core.cmd(&mut t, cmd.as_deref(), arg.as_deref());
        push(report);
        if rv <= 0 {
            errors += 1;
        }
    }
    // SAFETY: a conf context of our own, finished once.
    if unsafe { SSL_CONF_CTX_finish((&mut c as *mut Conf).cast()) } != 1 {
        errors += 1;
    }
    c_int::from(errors == 0)
}

/// Applies the configuration section `name` to a context (see `config`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_config(ctx: *mut SSL_CTX, name: *const c_char) -> c_int {
    ffi::guard(0, || {
        // SAFETY: ctx is NULL or a live handle.
        let Some(c) = (unsafe { handles::ctx_arc(ctx) }) else {
            err::raise(reasons::PASSED_NULL_PARAMETER, c"ssl_do_config");
            return Some(0);
        };
        let role = objects::of_ctx(&c).map_or(c.role, |x| x.method.role);
        Some(config(Attached::Ctx(Arc::downgrade(&c)), role, name))
    })
}

/// Applies the configuration section `name` to a connection.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_config(s: *mut SSL, name: *const c_char) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s is NULL or a live handle.
        let Some(c) = (unsafe { handles::ssl_arc(s) }) else {
            err::raise(reasons::PASSED_NULL_PARAMETER, c"ssl_do_config");
            return Some(0);
        };
        let ctx = c.ctx();
        let role = objects::of_ctx(&ctx).map_or(ctx.role, |x| x.method.role);
        Some(config(Attached::Ssl(Arc::downgrade(&c)), role, name))
    })
}
