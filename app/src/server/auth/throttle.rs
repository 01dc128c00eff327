//! Sign-in throttling: each failure slows the next answer, and five
//! failures within a quarter of an hour lock the key for a quarter of an
//! hour. Keys are the identifier as typed and the account, with the same
//! thresholds, so an unknown address behaves exactly like a known one.

use std::time::Duration;

use crate::server::store::throttle::Counter;

pub const WINDOW: i64 = 15 * 60;
pub const MAX_FAILURES: i64 = 5;
pub const LOCK: i64 = 15 * 60;

pub fn is_locked(counter: &Counter, now: i64) -> bool {
    counter.locked_until > now
}

pub fn after_failure(counter: Counter, now: i64) -> Counter {
    let fresh = counter.failures == 0 || now - counter.first_failure_at > WINDOW;
    let (failures, first_failure_at) = if fresh { (1, now) } else { (counter.failures + 1, counter.first_failure_at) };
    let locked_until = if failures >= MAX_FAILURES { now + LOCK } else { counter.locked_until };
    Counter { failures, first_failure_at, locked_until }
}

/// How long to wait before answering after this many failures in a row.
pub fn delay(failures: i64) -> Duration {
    match failures {
        i64::MIN..=1 => Duration::ZERO,
        n => Duration::from_millis((250u64 << (n - 2).min(4) as u32).min(4_000)),
    }
}

pub fn identifier_key(identifier: &str) -> String {
    format!("id:{}", identifier.trim().to_lowercase())
}

pub fn account_key(kind: &str, id: i64) -> String {
    format!("acct:{kind}:{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_for_a_quarter_of_an_hour() {
        let mut c = Counter::default();
        for i in 0..4 {
            c = after_failure(c, 1000 + i);
            assert!(!is_locked(&c, 1000 + i));
        }
        c = after_failure(c, 1004);
        assert!(is_locked(&c, 1005));
        assert!(!is_locked(&c, 1004 + LOCK));
    }

    #[test]
    fn old_failures_are_forgotten() {
        let c = after_failure(Counter::default(), 0);
        let c = after_failure(c, WINDOW + 1);
        assert_eq!(c.failures, 1);
    }

    #[test]
    fn delays_grow_then_cap() {
        assert_eq!(delay(1), Duration::ZERO);
        assert_eq!(delay(2), Duration::from_millis(250));
        assert_eq!(delay(3), Duration::from_millis(500));
        assert_eq!(delay(50), Duration::from_millis(4_000));
    }
}
