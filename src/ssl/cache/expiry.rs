//! When a session expires, computed as OpenSSL 3.0 does
//! (`ssl_session_calculate_timeout`): `time + timeout`, except that a sum
//! beyond the largest time marks the session as never expiring. Such
//! sessions sort after all others (`timeoutcmp`).

/// A session's expiry, ordered as OpenSSL orders its cache list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Expiry {
    // Field order is the comparison order: overflowed sessions are latest.
    overflowed: bool,
    at: i64,
}

impl Expiry {
    /// The expiry of a session made at `time` lasting `timeout` seconds.
    pub fn of(time: i64, timeout: i64) -> Expiry {
        // OpenSSL computes the headroom in unsigned arithmetic and compares
        // it as a signed time: a negative `time` thus counts as overflowed.
        let headroom = (i64::MAX as u64).wrapping_sub(time as u64) as i64;
        if timeout > headroom {
            Expiry {
                overflowed: true,
                at: timeout.wrapping_sub(headroom),
            }
        } else {
            Expiry {
                overflowed: false,
                at: time.wrapping_add(timeout),
            }
        }
    }

    /// Whether a session with this expiry is expired at time `t`
    /// (`sess_timedout`): strictly after its expiry; never if overflowed.
    pub fn passed_at(self, t: i64) -> bool {
        !self.overflowed && t > self.at
    }
}

#[cfg(test)]
mod tests {
    use super::Expiry;

    #[test]
    fn sum_order_and_overflow() {
        let e = Expiry::of(1000, 10);
        assert!(!e.passed_at(1010));
        assert!(e.passed_at(1011));
        assert!(Expiry::of(1000, 10) < Expiry::of(1000, 11));
        assert!(Expiry::of(5, 10) == Expiry::of(10, 5));
        let never = Expiry::of(i64::MAX - 5, 10);
        assert!(!never.passed_at(i64::MAX));
        assert!(never > Expiry::of(i64::MAX - 20, 10));
        // Reaching the largest time exactly is no overflow.
        let last = Expiry::of(i64::MAX - 10, 10);
        assert!(!last.passed_at(i64::MAX) && last < never);
        // OpenSSL's arithmetic treats a negative time as overflowed.
        assert!(!Expiry::of(-5, 10).passed_at(i64::MAX));
    }
}
