//! The crypto provider (aws-lc-rs) shared by every TLS configuration, and
//! key logging for Wireshark when SSLKEYLOGFILE is set.

use std::sync::{Arc, LazyLock};

use rustls::crypto::CryptoProvider;

static PROVIDER: LazyLock<Arc<CryptoProvider>> =
    LazyLock::new(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()));

pub fn get() -> Arc<CryptoProvider> {
    PROVIDER.clone()
}

/// Fills `buf` from the provider's secure random generator (neon's
/// `ne_mknonce`, which uses OpenSSL's RAND_bytes); false if it fails.
pub fn random_bytes(buf: &mut [u8]) -> bool {
    buf.is_empty() || PROVIDER.secure_random.fill(buf).is_ok()
}

/// Logs TLS secrets to $SSLKEYLOGFILE (NSS key log format) when it is set;
/// otherwise nothing is logged.
pub fn enable_keylog(slot: &mut Arc<dyn rustls::KeyLog>) {
    if std::env::var_os("SSLKEYLOGFILE").is_some() {
        *slot = Arc::new(rustls::KeyLogFile::new());
    }
}
