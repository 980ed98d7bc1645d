//! Basic authentication (RFC 7617), with its protection space.

use super::challenge::Challenge;
use super::credentials::Secret;
use super::scope;
use super::state::{Attempt, AuthSession};
use crate::http::ZStr;
use crate::text::base64;

/// Accepts a Basic challenge: asks for credentials and scopes them to the
/// request's directory (or the whole server for "*").
pub fn accept(st: &mut AuthSession, ch: &Challenge, cx: &mut Attempt<'_>) -> bool {
    let Some(realm) = &ch.realm else {
        cx.failures.add(b"missing realm in Basic challenge");
        return false;
    };
    st.clean();
    st.realm = Some(ZStr::new(realm));
    let Some(password) = st.credentials(ch, cx) else {
        return false;
    };
    let username = st.username();
    if username.contains(&b':') {
        cx.failures
            .add(b"cannot handle Basic challenge for username containing colon");
        return false;
    }
    let pair = Secret([username, b":", &password.0].concat());
    st.basic = Some(Secret(base64::encode(&pair.0).into_bytes()));
    st.domains.clear();
    if cx.uri != b"*" {
        st.domains.push(scope::scope_path(cx.uri));
        crate::debug!(crate::debug::HTTPAUTH, |o| crate::debug::put(
            o,
            &[b"auth: Basic auth scope is: ", &st.domains[0], b"\n"]
        ));
    }
    true
}

/// The `Authorization` value (with CRLF), or None outside the protection
/// space.
pub fn response(st: &AuthSession, uri: &[u8]) -> Option<Vec<u8>> {
    if !st.domains.is_empty() && !scope::inside(&st.domains, uri) {
        return None;
    }
    let basic = st.basic.as_ref().map_or(&b""[..], |b| &b.0);
    Some([b"Basic ", basic, b"\r\n"].concat())
}
