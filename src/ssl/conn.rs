//! `SSL`: one TLS connection with OpenSSL's state machine (being written:
//! see issue 4).

pub struct SslConn {}
