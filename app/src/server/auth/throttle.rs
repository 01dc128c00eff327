//! Throttling of password checks (sign-in, and the checks behind a
//! session). Three counters per attempt, each counted atomically before
//! the password is verified:
//!
//! * the account and the client address together: after `PAIR_LIMIT`
//!   attempts in a quarter of an hour, *that address* is refused for the
//!   rest of the quarter — the only refusal, so a third party who guesses
//!   from elsewhere never locks the owner out;
//! * the account alone: each failure slows the next check (progressive
//!   delay, capped), whatever the address;
//! * the client address alone: the same delays, and past `CLIENT_LIMIT`
//!   attempts on any accounts that address is refused.
//!
//! Keys carry the account kind, so the candidate and staff forms never
//! share a counter. An unknown identifier is counted under the identifier
//! as typed, exactly like an account.

use std::time::Duration;

use crate::server::auth::session::AccountKind;
use crate::server::store::throttle::Counter;

pub const WINDOW: i64 = 15 * 60;
/// Attempts from one address on one account per window.
pub const PAIR_LIMIT: i64 = 5;
/// Attempts from one address on all accounts of a kind per window.
pub const CLIENT_LIMIT: i64 = 50;

/// Who the attempt is about: an account, or an identifier nobody has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Account(i64),
    Unknown(String),
}

/// The three counters an attempt is counted under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys {
    pub pair: String,
    pub account: String,
    pub client: String,
}

impl Keys {
    /// `purpose` separates sign-in from the checks behind a session.
    pub fn new(purpose: &str, kind: AccountKind, target: &Target, client: &str) -> Keys {
        let kind = kind.as_str();
        let who = match target {
            Target::Account(id) => format!("a{id}"),
            Target::Unknown(identifier) => format!("i{}", identifier.trim().to_lowercase()),
        };
        Keys {
            pair: format!("{}{client}", pair_prefix(purpose, kind, &who)),
            account: format!("{purpose}:{kind}:acct:{who}"),
            client: format!("{purpose}:{kind}:client:{client}"),
        }
    }
}

fn pair_prefix(purpose: &str, kind: &str, who: &str) -> String {
    format!("{purpose}:{kind}:pair:{who}:")
}

/// Every per-address counter of an account: what its owner's unlock link
/// and a password reset forget.
pub fn account_pairs(purpose: &str, kind: AccountKind, account_id: i64) -> String {
    pair_prefix(purpose, kind.as_str(), &format!("a{account_id}"))
}

/// What the counters, this attempt counted, allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Check the password after waiting this long.
    Check(Duration),
    /// Refused without checking; the address may try again after this
    /// many seconds. `first` is true for the attempt that crossed the limit.
    Refuse { retry_after: i64, first: bool },
}

pub fn verdict(pair: Counter, account: Counter, client: Counter, now: i64) -> Verdict {
    let over = |c: Counter, limit: i64| c.failures > limit;
    if over(pair, PAIR_LIMIT) || over(client, CLIENT_LIMIT) {
        let ends = |c: Counter| c.first_failure_at + WINDOW;
        let until = [(pair, PAIR_LIMIT), (client, CLIENT_LIMIT)]
            .into_iter()
            .filter(|(c, l)| over(*c, *l))
            .map(|(c, _)| ends(c))
            .max()
            .unwrap_or(now);
        return Verdict::Refuse { retry_after: (until - now).max(1), first: pair.failures == PAIR_LIMIT + 1 };
    }
    // The attempt itself is counted: the delay follows the ones before it.
    Verdict::Check(delay(account.failures.max(client.failures) - 1))
}

/// How long to wait before checking after this many earlier attempts.
pub fn delay(earlier: i64) -> Duration {
    match earlier {
        i64::MIN..=1 => Duration::ZERO,
        n => Duration::from_millis((250u64 << (n - 2).min(4) as u32).min(4_000)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counter(failures: i64, since: i64) -> Counter {
        Counter { failures, first_failure_at: since }
    }

    #[test]
    fn the_sixth_attempt_from_one_address_is_refused_until_the_window_ends() {
        let c = |n| counter(n, 1000);
        assert!(matches!(verdict(c(5), c(5), c(5), 1100), Verdict::Check(_)));
        assert_eq!(verdict(c(6), c(6), c(6), 1100), Verdict::Refuse { retry_after: 1000 + WINDOW - 1100, first: true });
        assert_eq!(
            verdict(c(7), c(7), c(7), 1100),
            Verdict::Refuse { retry_after: 1000 + WINDOW - 1100, first: false }
        );
    }

    #[test]
    fn many_failures_on_the_account_only_slow_another_address() {
        let fresh = counter(1, 2000);
        assert_eq!(verdict(fresh, counter(40, 1000), fresh, 2000), Verdict::Check(Duration::from_millis(4_000)));
        assert_eq!(verdict(fresh, fresh, fresh, 2000), Verdict::Check(Duration::ZERO));
    }

    #[test]
    fn an_address_trying_many_accounts_is_refused() {
        let fresh = counter(1, 2000);
        assert!(matches!(verdict(fresh, fresh, counter(51, 1900), 2000), Verdict::Refuse { first: false, .. }));
    }

    #[test]
    fn keys_are_per_kind_and_unknown_identifiers_are_keyed_like_accounts() {
        let candidate = Keys::new("signin", AccountKind::Candidat, &Target::Account(7), "10.0.0.1");
        let staff = Keys::new("signin", AccountKind::Staff, &Target::Account(7), "10.0.0.1");
        assert_ne!(candidate.pair, staff.pair);
        assert_ne!(candidate.account, staff.account);
        assert_ne!(candidate.client, staff.client);
        assert!(candidate.pair.starts_with(&account_pairs("signin", AccountKind::Candidat, 7)));
        let unknown =
            Keys::new("signin", AccountKind::Candidat, &Target::Unknown(" Nobody@Example.fr ".into()), "10.0.0.1");
        assert_eq!(unknown.account, "signin:candidat:acct:inobody@example.fr");
    }

    #[test]
    fn delays_grow_then_cap() {
        assert_eq!(delay(1), Duration::ZERO);
        assert_eq!(delay(2), Duration::from_millis(250));
        assert_eq!(delay(3), Duration::from_millis(500));
        assert_eq!(delay(50), Duration::from_millis(4_000));
    }
}
