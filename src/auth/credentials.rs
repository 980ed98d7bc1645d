//! Where credentials come from: the application's callbacks, each
//! registered for a set of protocols (neon's auth handlers).

use std::cell::Cell;

use crate::http::ZStr;

/// Size of the username and password buffers handed to callbacks. neon
/// allocates twice NE_ABUFSIZ and tells `ne_auth_provide` callbacks so.
pub const BUFSIZE: usize = 512;

/// A username or password buffer as callbacks fill it (NUL-terminated).
pub type Buffer = [u8; BUFSIZE];

/// `ne_auth_creds`: (realm, attempt, username, password) → 0 to go ahead.
/// `attempt` counts the calls made for the current request.
pub type CredsFn = dyn Fn(&ZStr, i32, &mut Buffer, &mut Buffer) -> i32;

/// `ne_auth_provide`: (attempt, protocol, realm, username, password) → 0
/// to go ahead. `attempt` counts the retries of the request; `protocol`
/// is the challenge's NE_AUTH_* bit, with NE_AUTH_PROXY for a proxy.
pub type ProvideFn = dyn Fn(i32, u32, &ZStr, &mut Buffer, &mut Buffer) -> i32;

pub enum Provider {
    Creds(Box<CredsFn>),
    /// The newer interface; only it may supply non-ASCII (UTF-8) usernames
    /// for Digest.
    Provide(Box<ProvideFn>),
}

/// Bytes wiped when dropped: passwords and values derived from them.
#[derive(Default)]
pub struct Secret(pub Vec<u8>);

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.fill(0);
    }
}

/// The C string held in a callback buffer (all of it if unterminated).
pub fn buffer_str(buf: &[u8]) -> &[u8] {
    let end = buf.iter().position(|&c| c == 0).unwrap_or(buf.len());
    &buf[..end]
}

pub struct Handler {
    /// NE_AUTH_* protocols this callback answers for, expanded as neon does.
    pub protomask: u32,
    pub provider: Provider,
    /// Calls of an `ne_auth_creds` callback for the current request.
    pub calls: Cell<i32>,
}

impl Handler {
    pub fn new(protomask: u32, provider: Provider) -> Self {
        Handler {
            protomask,
            provider,
            calls: Cell::new(0),
        }
    }

    pub fn is_provide(&self) -> bool {
        matches!(self.provider, Provider::Provide(_))
    }

    /// Asks the callback; `username` keeps whatever it held before, as
    /// neon's per-session buffer does. Returns the password if the
    /// callback agreed to try.
    pub fn ask(
        &self,
        attempt: i32,
        protocol: u32,
        realm: &ZStr,
        username: &mut Buffer,
    ) -> Option<Secret> {
        let mut password = [0u8; BUFSIZE];
        let rv = match &self.provider {
            Provider::Creds(f) => {
                let n = self.calls.get();
                self.calls.set(n.wrapping_add(1));
                f(realm, n, username, &mut password)
            }
            Provider::Provide(f) => f(attempt, protocol, realm, username, &mut password),
        };
        let result = (rv == 0).then(|| Secret(buffer_str(&password).to_vec()));
        password.fill(0);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(buf: &mut Buffer, s: &[u8]) {
        buf[..s.len()].copy_from_slice(s);
        buf[s.len()] = 0;
    }

    #[test]
    fn creds_counts_calls_and_provide_gets_attempt() {
        let h = Handler::new(
            1,
            Provider::Creds(Box::new(|realm, n, u, p| {
                assert_eq!(realm.bytes(), b"R");
                fill(u, b"user");
                fill(p, b"pw");
                n
            })),
        );
        let mut user = [0u8; BUFSIZE];
        let realm = ZStr::new(b"R");
        assert_eq!(h.ask(7, 1, &realm, &mut user).unwrap().0, b"pw");
        assert_eq!(buffer_str(&user), b"user");
        assert!(h.ask(7, 1, &realm, &mut user).is_none());
        assert_eq!(h.calls.get(), 2);

        let p = Handler::new(
            0x80,
            Provider::Provide(Box::new(|attempt, proto, _, _, pw| {
                fill(pw, b"x");
                i32::from(attempt != 3 || proto != 0x4080)
            })),
        );
        assert!(p.ask(3, 0x4080, &realm, &mut user).is_some());
        assert!(p.ask(2, 0x4080, &realm, &mut user).is_none());
        assert!(p.is_provide() && !h.is_provide());
    }

    #[test]
    fn unterminated_buffers_are_read_whole() {
        assert_eq!(buffer_str(&[b'a'; 4]), b"aaaa");
        assert_eq!(buffer_str(b"ab\0cd"), b"ab");
    }
}
