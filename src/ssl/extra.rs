//! What a connection holds beyond its context's configuration: its own
//! certificate and key (`SSL_use_certificate`…), its own client CA list
//! (`SSL_set_client_CA_list`), and what it observed (see [`Observed`]).

use super::observe::Observed;
use crate::tls::keypair::KeyPair;

#[derive(Default)]
pub struct ConnExtra {
    pub observed: Observed,
    /// Set by the first `SSL_use_*` call: a copy of the context's key pair
    /// then changed (OpenSSL's `SSL` copies its context's at `SSL_new`).
    pub keypair: Option<KeyPair>,
    /// `SSL_set_client_CA_list` (DER names); `None`: the context's.
    pub ca_names: Option<Vec<Vec<u8>>>,
}
