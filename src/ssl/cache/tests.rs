//! The cache against OpenSSL 3.0's rules and the behaviour observed on
//! Debian 12's libssl3 (see the session semantics reference, §3–§5, §11).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::*;
use crate::ssl::ctx::Role;
use crate::tls::session::{TLS1_2, TLS1_3};

fn ctx() -> Arc<SslCtx> {
    SslCtx::new(Role::Server)
}

/// A session as SSL_SESSION_new + set1_id + set_protocol_version +
/// set_time + set_timeout make it.
fn session(version: u16, id: &[u8], time: i64, timeout: i64) -> Arc<TlsSession> {
    let s = TlsSession::new(timeout);
    {
        let mut d = s.lock();
        assert!(d.set_id(id));
        d.version = version;
        d.time = time;
    }
    s
}

/// A session numbered `n`, all made at the same time with the same timeout.
fn numbered(n: u32) -> Arc<TlsSession> {
    session(TLS1_2, &n.to_be_bytes(), 1_000_000, 100)
}

/// Records the remove callback's sessions.
fn record_removals(ctx: &SslCtx) -> Arc<Mutex<Vec<Arc<TlsSession>>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    ctx.sessions.callbacks().remove_session.set(Some(Callback {
        call: Arc::new(move |_: &SslCtx, sess: &Arc<TlsSession>| {
            s.lock().unwrap().push(sess.clone());
        }),
        origin: 0,
    }));
    seen
}

fn same(a: &[Arc<TlsSession>], b: &[&Arc<TlsSession>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Arc::ptr_eq(x, y))
}

/// The cache's sessions from the head (latest expiry) to the tail.
fn order(ctx: &SslCtx) -> Vec<Arc<TlsSession>> {
    ctx.sessions
        .shared
        .lock()
        .iter_from_head()
        .cloned()
        .collect()
}

fn number(ctx: &SslCtx) -> i64 {
    ctx.sessions.ctrl(20, 0).unwrap()
}

#[test]
fn defaults() {
    let c = ctx();
    let cache = &c.sessions;
    assert_eq!(cache.mode(), MODE_SERVER);
    assert_eq!(cache.size(), 20480);
    assert_eq!(cache.timeout(), 7200);
    assert!(cache.id_context().is_empty());
    assert!(cache.is_empty());
    for cmd in 20..=31 {
        assert_eq!(cache.ctrl(cmd, 0), Some(0), "ctrl {cmd}");
    }
    assert_eq!(cache.ctrl(43, 0), Some(20480));
    assert_eq!(cache.ctrl(45, 0), Some(2));
    for cmd in [19, 32, 33, 41, 46, 78] {
        assert_eq!(cache.ctrl(cmd, 0), None, "ctrl {cmd}");
    }
}

#[test]
fn settings_return_the_old_value() {
    let c = ctx();
    let cache = &c.sessions;
    assert_eq!(cache.ctrl(42, 10), Some(20480));
    assert_eq!(cache.ctrl(42, -1), Some(0));
    assert_eq!(cache.ctrl(43, 0), Some(10));
    assert_eq!(cache.ctrl(42, 0), Some(10));
    assert_eq!(cache.size(), 0);
    assert_eq!(cache.ctrl(44, 0x301), Some(2));
    assert_eq!(cache.ctrl(45, 0), Some(0x301));
    // The mode is a uint32_t.
    assert_eq!(cache.ctrl(44, -1), Some(0x301));
    assert_eq!(cache.ctrl(45, 0), Some(0xffff_ffff));
    assert_eq!(cache.ctrl(44, 0x1_0000_0003), Some(0xffff_ffff));
    assert_eq!(cache.mode(), 3);
    assert_eq!(cache.set_timeout(-5), 7200);
    assert_eq!(cache.set_timeout(0), -5);
    assert_eq!(cache.new_session_timeout(), 7200);
    cache.set_timeout(60);
    assert_eq!(cache.new_session_timeout(), 60);
    assert!(cache.set_id_context(&[7; 32]));
    assert!(!cache.set_id_context(&[8; 33]));
    assert_eq!(cache.id_context(), vec![7; 32]);
    assert!(cache.set_id_context(b""));
    assert!(cache.id_context().is_empty());
}

#[test]
fn observed_add_sequence() {
    // §3.2: add a → 1; again → 0; b (same id) → 1 replacing a silently;
    // c (same id, other version) → 1; a removed session re-added → 1 and
    // stays non-resumable.
    let c = ctx();
    let removed = record_removals(&c);
    let a = session(TLS1_2, b"same-id", 1000, 300);
    let b = session(TLS1_2, b"same-id", 1000, 300);
    let v13 = session(TLS1_3, b"same-id", 1000, 300);
    assert!(c.sessions.add(&c, &a));
    assert_eq!(number(&c), 1);
    assert_eq!(Arc::strong_count(&a), 2);
    assert!(!c.sessions.add(&c, &a));
    assert_eq!(Arc::strong_count(&a), 2);
    assert!(c.sessions.add(&c, &b));
    assert_eq!(number(&c), 1);
    assert_eq!(Arc::strong_count(&a), 1);
    assert!(a.may_resume());
    assert!(removed.lock().unwrap().is_empty());
    assert!(a.lock().owner().is_none());
    assert!(c.sessions.add(&c, &v13));
    assert_eq!(number(&c), 2);
    assert!(Arc::ptr_eq(
        &c.sessions.lookup(TLS1_2, b"same-id").unwrap(),
        &b
    ));
    assert!(Arc::ptr_eq(
        &c.sessions.lookup(TLS1_3, b"same-id").unwrap(),
        &v13
    ));
    assert!(c.sessions.lookup(TLS1_2, b"same-i").is_none());
    assert!(c.sessions.remove(&c, &b));
    assert!(!b.may_resume());
    assert!(c.sessions.add(&c, &b));
    assert!(!b.may_resume());
    assert_eq!(number(&c), 2);
    assert!(c.sessions.contains(TLS1_2, b"same-id"));
}

#[test]
fn empty_ids_are_cached_and_long_ones_are_not() {
    let c = ctx();
    let e = session(TLS1_2, b"", 1000, 300);
    assert!(c.sessions.add(&c, &e));
    assert_eq!(number(&c), 1);
    assert!(Arc::ptr_eq(&c.sessions.lookup(TLS1_2, b"").unwrap(), &e));
    // remove() ignores sessions without an id entirely.
    let removed = record_removals(&c);
    assert!(!c.sessions.remove(&c, &e));
    assert!(removed.lock().unwrap().is_empty());
    assert_eq!(number(&c), 1);
    let long = TlsSession::new(300);
    long.lock().id = vec![1; 33];
    assert!(!c.sessions.add(&c, &long));
    assert_eq!(number(&c), 1);
    assert!(c.sessions.lookup(TLS1_2, &[1; 33]).is_none());
}

#[test]
fn remove_semantics() {
    let c = ctx();
    let removed = record_removals(&c);
    let a = session(TLS1_2, b"k", 1000, 300);
    let b = session(TLS1_2, b"k", 1000, 300);
    // Not cached: still marked and reported.
    assert!(!c.sessions.remove(&c, &a));
    assert!(!a.may_resume());
    assert!(same(&removed.lock().unwrap(), &[&a]));
    // Removing A while B (same key) is cached evicts B, reports A, and
    // leaves B resumable.
    assert!(c.sessions.add(&c, &b));
    let a2 = session(TLS1_2, b"k", 1000, 300);
    assert!(c.sessions.remove(&c, &a2));
    assert!(same(&removed.lock().unwrap(), &[&a, &a2]));
    assert!(b.may_resume() && !a2.may_resume());
    assert_eq!(number(&c), 0);
    assert_eq!(Arc::strong_count(&b), 1);
    assert!(b.lock().owner().is_none());
    // A second removal finds nothing but still reports.
    assert!(!c.sessions.remove(&c, &a2));
    assert_eq!(removed.lock().unwrap().len(), 3);
}

/// SSL_SESSION_set_protocol_version on a cached session: OpenSSL still
/// finds the object (its hash is the id's), so removal by it must too.
#[test]
fn remove_finds_a_cached_session_whose_version_changed() {
    let c = ctx();
    let a = session(TLS1_2, b"v", 1000, 300);
    let other = session(TLS1_2, b"w", 1000, 300);
    assert!(c.sessions.add(&c, &a) && c.sessions.add(&c, &other));
    a.lock().version = 0x302;
    assert!(c.sessions.remove(&c, &a));
    assert_eq!(number(&c), 1);
    assert!(a.lock().owner().is_none() && other.may_resume());
    assert_eq!(Arc::strong_count(&a), 1);
}

#[test]
fn remove_callback_runs_unlocked_with_the_final_state() {
    let c = ctx();
    c.sessions.set_size(3);
    let weak = Arc::downgrade(&c);
    let numbers = Arc::new(Mutex::new(Vec::new()));
    let n2 = numbers.clone();
    c.sessions.callbacks().remove_session.set(Some(Callback {
        call: Arc::new(move |ctx: &SslCtx, _: &Arc<TlsSession>| {
            // Re-entering the cache from the callback must not deadlock.
            n2.lock().unwrap().push(ctx.sessions.len());
            assert!(std::ptr::eq(ctx, weak.as_ptr()));
        }),
        origin: 0,
    }));
    for n in 0..4 {
        c.sessions.add(&c, &numbered(n));
    }
    assert_eq!(*numbers.lock().unwrap(), [2, 2]);
    c.sessions.flush(&c, 0);
    assert_eq!(*numbers.lock().unwrap(), [2, 2, 0, 0]);
}

#[test]
fn size_ten_keeps_nine() {
    // Observed: size 10, 20 distinct adds → number 9, cache_full 11.
    let c = ctx();
    let removed = record_removals(&c);
    c.sessions.set_size(10);
    let all: Vec<_> = (0..20).map(numbered).collect();
    for s in &all {
        assert!(c.sessions.add(&c, s));
    }
    assert_eq!(number(&c), 9);
    assert_eq!(c.sessions.ctrl(31, 0), Some(11));
    // FIFO among equal expiries: the first 11 went, in order.
    let expected: Vec<_> = all[..11].iter().collect();
    assert!(same(&removed.lock().unwrap(), &expected));
    assert!(all[..11].iter().all(|s| !s.may_resume()));
    assert!(all[11..].iter().all(|s| s.may_resume()));
    removed.lock().unwrap().clear();
    assert!(all[..11].iter().all(|s| Arc::strong_count(s) == 1));
    assert!(all[11..].iter().all(|s| Arc::strong_count(s) == 2));
}

#[test]
fn size_one_keeps_the_newcomer() {
    // execute_test_session: sess1 (1000 + 1000), sess2 (2000 + 2000); adding
    // sess1 again after sess2 evicts sess2 although sess1 expires earlier.
    let c = ctx();
    c.sessions.set_size(1);
    let s1 = session(TLS1_2, b"one", 1000, 1000);
    let s2 = session(TLS1_2, b"two", 2000, 2000);
    assert!(c.sessions.add(&c, &s1));
    assert!(c.sessions.add(&c, &s2));
    assert_eq!(number(&c), 1);
    assert!(!s1.may_resume());
    // s1 was made non-resumable by its eviction; re-adding still inserts it.
    assert!(c.sessions.add(&c, &s1));
    assert_eq!(number(&c), 1);
    assert!(c.sessions.lookup(TLS1_2, b"one").is_some());
    assert!(!s2.may_resume());
    assert_eq!(c.sessions.ctrl(31, 0), Some(2));
    // Replacing the only entry with a same-key object evicts nothing.
    let s1b = session(TLS1_2, b"one", 1000, 1000);
    assert!(c.sessions.add(&c, &s1b));
    assert_eq!(number(&c), 1);
    assert_eq!(c.sessions.ctrl(31, 0), Some(2));
}

#[test]
fn unlimited_and_shrinking() {
    let c = ctx();
    c.sessions.set_size(0);
    for n in 0..100 {
        c.sessions.add(&c, &numbered(n));
    }
    assert_eq!(number(&c), 100);
    // Shrinking evicts nothing until the next addition, which then evicts
    // down to size - 1 including the newcomer.
    assert_eq!(c.sessions.set_size(5), 0);
    assert_eq!(number(&c), 100);
    c.sessions.add(&c, &numbered(1000));
    assert_eq!(number(&c), 4);
    assert_eq!(c.sessions.ctrl(31, 0), Some(97));
}

#[test]
fn eviction_follows_expiry_not_insertion() {
    let c = ctx();
    let removed = record_removals(&c);
    c.sessions.set_size(4);
    let long = session(TLS1_2, b"long", 1000, 10_000);
    let short = session(TLS1_2, b"short", 1000, 10);
    let mid = session(TLS1_2, b"mid", 1000, 500);
    for s in [&long, &short, &mid] {
        assert!(c.sessions.add(&c, s));
    }
    assert!(same(&order(&c), &[&long, &mid, &short]));
    // The newest expires first of all: it goes to the tail (next victim)
    // but is never its own victim.
    let newest = session(TLS1_2, b"newest", 1000, 1);
    assert!(c.sessions.add(&c, &newest));
    assert!(same(&removed.lock().unwrap(), &[&short]));
    assert!(same(&order(&c), &[&long, &mid, &newest]));
    let another = session(TLS1_2, b"another", 1000, 600);
    assert!(c.sessions.add(&c, &another));
    assert!(same(&removed.lock().unwrap(), &[&short, &newest]));
    assert!(same(&order(&c), &[&long, &another, &mid]));
}

#[test]
fn eviction_stops_at_a_tail_without_id() {
    // OpenSSL's remove_session_lock refuses an empty id, ending the loop.
    let c = ctx();
    c.sessions.set_size(2);
    let e = session(TLS1_2, b"", 1000, 10);
    assert!(c.sessions.add(&c, &e));
    assert!(c.sessions.add(&c, &numbered(1)));
    assert!(c.sessions.add(&c, &numbered(2)));
    assert_eq!(number(&c), 3);
    assert_eq!(c.sessions.ctrl(31, 0), Some(0));
}

#[test]
fn readding_moves_ahead_of_equal_expiries() {
    let c = ctx();
    let removed = record_removals(&c);
    c.sessions.set_size(4);
    let a = numbered(1);
    let b = numbered(2);
    let d = numbered(3);
    for s in [&a, &b, &d] {
        c.sessions.add(&c, s);
    }
    assert!(same(&order(&c), &[&d, &b, &a]));
    assert!(!c.sessions.add(&c, &a));
    assert!(same(&order(&c), &[&a, &d, &b]));
    c.sessions.add(&c, &numbered(4));
    assert!(same(&removed.lock().unwrap(), &[&b]));
}

#[test]
fn update_time_refreshes_on_add_only() {
    let c = ctx();
    c.sessions.set_mode(MODE_SERVER | MODE_UPDATE_TIME);
    let old = session(TLS1_2, b"old", 1000, 10);
    let fresh = session(TLS1_2, b"fresh", 1000, 10);
    c.sessions.add(&c, &old);
    c.sessions.add(&c, &fresh);
    let t = old.lock().time;
    assert!(t >= now() - 5);
    // Flushing at the old expiry removes nothing: both times were refreshed.
    c.sessions.flush(&c, 1011);
    assert_eq!(number(&c), 2);
    // Lookups do not refresh.
    old.lock().time = 5;
    c.sessions.lookup(TLS1_2, b"old");
    assert_eq!(old.lock().time, 5);
    // Re-adding does.
    assert!(!c.sessions.add(&c, &old));
    assert!(old.lock().time >= t);
    // Without the bit, add keeps the time.
    c.sessions.set_mode(MODE_SERVER);
    old.lock().time = 5;
    c.sessions.add(&c, &old);
    assert_eq!(old.lock().time, 5);
}

#[test]
fn test_session_timeout_flush_order() {
    // test_session_timeout: times now-10, now, now+10 with timeout 10.
    let c = ctx();
    let removed = record_removals(&c);
    let t = now();
    let early = session(TLS1_3, b"early", t - 10, 10);
    let middle = session(TLS1_3, b"middle", t, 10);
    let late = session(TLS1_3, b"late", t + 10, 10);
    for s in [&early, &middle, &late] {
        assert!(c.sessions.add(&c, s));
    }
    assert!(same(&order(&c), &[&late, &middle, &early]));
    c.sessions.flush(&c, t + 9);
    assert!(same(&order(&c), &[&late, &middle]));
    // Expired means strictly after the expiry.
    c.sessions.flush(&c, t + 10);
    assert_eq!(number(&c), 2);
    c.sessions.flush(&c, t + 11);
    assert!(same(&order(&c), &[&late]));
    c.sessions.flush(&c, t + 21);
    assert_eq!(number(&c), 0);
    assert!(same(&removed.lock().unwrap(), &[&early, &middle, &late]));
    assert!([&early, &middle, &late].iter().all(|s| !s.may_resume()));
    removed.lock().unwrap().clear();
    assert!(
        [&early, &middle, &late]
            .iter()
            .all(|s| Arc::strong_count(s) == 1)
    );
}

#[test]
fn flush_stops_at_the_first_unexpired_tail() {
    // The walk from the tail stops at a session that has not expired.
    let c = ctx();
    let a = session(TLS1_2, b"a", 100, 10);
    let b = session(TLS1_2, b"b", 100, 50);
    c.sessions.add(&c, &a);
    c.sessions.add(&c, &b);
    c.sessions.flush(&c, 120);
    assert!(same(&order(&c), &[&b]));
    c.sessions.flush(&c, 0);
    assert_eq!(number(&c), 0);
    assert!(!b.may_resume());
}

#[test]
fn overflowed_expiry_never_expires_and_sorts_last() {
    let c = ctx();
    let forever = session(TLS1_2, b"forever", i64::MAX - 5, 100);
    let normal = session(TLS1_2, b"normal", 1000, 100);
    c.sessions.add(&c, &normal);
    c.sessions.add(&c, &forever);
    c.sessions
        .add(&c, &session(TLS1_2, b"later", i64::MAX - 200, 100));
    assert!(Arc::ptr_eq(&order(&c)[0], &forever));
    c.sessions.flush(&c, i64::MAX);
    assert!(same(&order(&c), &[&forever]));
    c.sessions.flush(&c, 0);
    assert_eq!(number(&c), 0);
}

#[test]
fn set_time_and_timeout_resort_cached_sessions() {
    let c = ctx();
    let removed = record_removals(&c);
    c.sessions.set_size(4);
    let a = numbered(1);
    let b = numbered(2);
    let d = numbered(3);
    for s in [&a, &b, &d] {
        c.sessions.add(&c, s);
    }
    assert!(same(&order(&c), &[&d, &b, &a]));
    a.set_time(2_000_000);
    assert!(same(&order(&c), &[&a, &d, &b]));
    a.set_time(999_950);
    assert!(same(&order(&c), &[&d, &b, &a]));
    d.set_timeout(1);
    assert!(same(&order(&c), &[&b, &a, &d]));
    // Same expiry again: the re-sorted session goes first among equals.
    d.set_timeout(100);
    assert!(same(&order(&c), &[&d, &b, &a]));
    c.sessions.flush(&c, 1_000_050);
    assert_eq!(number(&c), 3);
    c.sessions.flush(&c, 1_000_051);
    assert!(same(&order(&c), &[&d, &b]));
    assert!(same(&removed.lock().unwrap(), &[&a]));
    // A session no longer cached is not put back.
    a.set_time(9_000_000);
    assert_eq!(number(&c), 2);
    assert!(a.lock().owner().is_none());
    // A copy is in no cache.
    let copy = d.duplicate();
    copy.set_time(9_000_000);
    assert!(same(&order(&c), &[&d, &b]));
}

#[test]
fn a_session_in_two_caches() {
    // OpenSSL corrupts its lists here; this cache keeps both consistent
    // and re-sorts the session only in the cache that added it last.
    let c1 = ctx();
    let c2 = ctx();
    let a = numbered(1);
    let b = numbered(2);
    c1.sessions.add(&c1, &a);
    c1.sessions.add(&c1, &b);
    c2.sessions.add(&c2, &a);
    a.set_time(5_000_000);
    assert!(same(&order(&c1), &[&b, &a]));
    c1.sessions.flush(&c1, 0);
    // c2 still owns it.
    assert!(a.lock().owner().is_some());
    assert_eq!(c2.sessions.len(), 1);
    drop(c2);
    assert!(a.lock().owner().is_none());
}

#[test]
fn dropping_the_cache_retires_sessions() {
    let c = ctx();
    let a = numbered(1);
    c.sessions.add(&c, &a);
    drop(c);
    assert!(!a.may_resume());
    assert!(a.lock().owner().is_none());
    assert_eq!(Arc::strong_count(&a), 1);
}

#[test]
fn on_ctx_free_flushes_with_callbacks() {
    let c = ctx();
    let removed = record_removals(&c);
    let a = numbered(1);
    let b = session(TLS1_2, b"b", 1, 1);
    c.sessions.add(&c, &a);
    c.sessions.add(&c, &b);
    c.sessions.on_ctx_free(&c);
    assert!(same(&removed.lock().unwrap(), &[&b, &a]));
    assert!(c.sessions.is_empty());
}

#[test]
fn callbacks_return_what_was_set() {
    let c = ctx();
    let cbs = c.sessions.callbacks();
    assert!(cbs.new_session.get().is_none() && !cbs.remove_session.is_set());
    let calls = Arc::new(AtomicUsize::new(0));
    let k = calls.clone();
    cbs.remove_session.set(Some(Callback {
        call: Arc::new(move |_: &SslCtx, _: &Arc<TlsSession>| {
            k.fetch_add(1, Ordering::Relaxed);
        }),
        origin: 42,
    }));
    assert_eq!(cbs.remove_session.get().unwrap().origin, 42);
    c.sessions.remove(&c, &numbered(1));
    assert_eq!(calls.load(Ordering::Relaxed), 1);
    cbs.remove_session.set(None);
    c.sessions.remove(&c, &numbered(1));
    assert_eq!(calls.load(Ordering::Relaxed), 1);
}

#[test]
fn a_million_sessions() {
    let c = ctx();
    c.sessions.set_size(0);
    let n = 1_000_000u32;
    let start = std::time::Instant::now();
    for i in 0..n {
        let s = session(TLS1_3, &i.to_le_bytes(), 1_000_000 + i64::from(i % 7), 100);
        assert!(c.sessions.add(&c, &s));
    }
    for i in (0..n).step_by(3) {
        assert!(c.sessions.lookup(TLS1_3, &i.to_le_bytes()).is_some());
    }
    assert!(c.sessions.lookup(TLS1_2, &0u32.to_le_bytes()).is_none());
    assert_eq!(c.sessions.len(), n as usize);
    // Generous: a few seconds even in a debug build.
    assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
    c.sessions.set_size(20480);
    c.sessions.add(&c, &numbered(1));
    assert_eq!(c.sessions.len(), 20479);
    assert_eq!(c.sessions.stats().cache_full.get(), 1_000_000 - 20478);
    c.sessions.flush(&c, 1_000_102);
    // Sessions made at 1_000_000 + (i % 7) expire at 1_000_100..1_000_106.
    assert!(order(&c).iter().all(|s| s.lock().time + 100 >= 1_000_102));
}

#[test]
#[ignore]
fn bench_contains() {
    let c = ctx();
    for i in 0..20480u64 {
        c.sessions
            .add(&c, &session(TLS1_2, &i.to_le_bytes(), 1_000_000, 100));
    }
    let t = std::time::Instant::now();
    let mut hits = 0;
    for i in 0..1_000_000u64 {
        let mut id = [7u8; 32];
        id[..8].copy_from_slice(&i.to_le_bytes());
        hits += usize::from(c.sessions.contains(TLS1_2, &id));
    }
    eprintln!("contains: {:?} per call, {hits}", t.elapsed() / 1_000_000);
    let t = std::time::Instant::now();
    for i in 0..1_000_000u64 {
        let mut id = [7u8; 32];
        id[..8].copy_from_slice(&i.to_le_bytes());
        std::hint::black_box(SessionKey::new(TLS1_2, &id));
    }
    eprintln!("key: {:?} per call", t.elapsed() / 1_000_000);
    let t = std::time::Instant::now();
    for _ in 0..1_000_000u64 {
        std::hint::black_box(c.sessions.shared.lock().len());
    }
    eprintln!("lock: {:?} per call", t.elapsed() / 1_000_000);
    let store = c.sessions.shared.lock();
    let t = std::time::Instant::now();
    let mut found = 0;
    for i in 0..1_000_000u64 {
        let mut id = [7u8; 32];
        id[..8].copy_from_slice(&i.to_le_bytes());
        found += usize::from(store.get(&SessionKey::new(TLS1_2, &id).unwrap()).is_some());
    }
    eprintln!("get: {:?} per call {found}", t.elapsed() / 1_000_000);
}
