//! The one boundary every exported function goes through.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs the body of an exported function.
///
/// `body` returns `None` when an argument is NULL or invalid (usually via `?`
/// on the conversion helpers); a panic is caught here and never unwinds into C.
/// Both give `fallback`, the function's documented error value.
#[inline]
pub fn guard<T>(fallback: T, body: impl FnOnce() -> Option<T>) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Some(v)) => v,
        Ok(None) => fallback,
        Err(_) => fallback,
    }
}

#[cfg(test)]
mod tests {
    use super::guard;

    #[test]
    fn value_none_and_panic() {
        assert_eq!(guard(-1, || Some(3)), 3);
        assert_eq!(guard(-1, || None), -1);
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let r = guard(-1, || -> Option<i32> { panic!("boom") });
        std::panic::set_hook(prev);
        assert_eq!(r, -1);
    }
}
