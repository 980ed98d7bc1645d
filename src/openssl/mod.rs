//! The libssl face (OpenSSL 3.0's TLS session API); see issue 4.
