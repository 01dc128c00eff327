//! Bursts from one client on the forms anyone may post without an account
//! (account creation, lost links, password reset, sign-in, the links'
//! buttons): at most `per_minute` requests a minute per client address,
//! refilled continuously (`governor`'s GCRA), then 429 with `Retry-After`.
//!
//! This bounds what one address can make Sésame do (mails, Argon2 hashes)
//! before the per-account counters of `auth::throttle` even look; those
//! stay the real guard of passwords. The limit is generous (a campus behind
//! one address, the end-to-end tests) and set by `SESAME_BURST_PER_MINUTE`.
//! The counters live in each instance's memory: behind a load balancer each
//! instance allows its own `per_minute`.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use app::error::AppError;

/// The paths limited (all POST).
const LIMITED: [&str; 10] = [
    "/api/compte/creer",
    "/api/compte/code-activation",
    "/api/compte/mot-de-passe-oublie",
    "/api/compte/reinitialiser",
    "/api/compte/valider",
    "/api/compte/debloquer",
    "/api/compte/adresse/confirmer",
    "/api/session/connexion",
    "/api/session/connexion-gestion",
    "/api/compte/mot-de-passe",
];

/// Forget idle clients every so many requests (memory stays bounded).
const SWEEP_EVERY: u64 = 4096;

#[derive(Clone)]
pub struct Burst {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    seen: Arc<AtomicU64>,
    trusted: Arc<Vec<ipnet::IpNet>>,
}

impl Burst {
    pub fn new(per_minute: u32, trusted: Vec<ipnet::IpNet>) -> Burst {
        let per_minute = NonZeroU32::new(per_minute.max(1)).expect("at least 1");
        Burst {
            limiter: Arc::new(RateLimiter::keyed(Quota::per_minute(per_minute))),
            seen: Arc::new(AtomicU64::new(0)),
            trusted: Arc::new(trusted),
        }
    }

    /// None: go on; Some(seconds): refused, retry after.
    fn check(&self, client: IpAddr) -> Option<u64> {
        if self.seen.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        match self.limiter.check_key(&client) {
            Ok(()) => None,
            Err(not_until) => Some(not_until.wait_time_from(DefaultClock::default().now()).as_secs() + 1),
        }
    }
}

pub async fn limit(State(burst): State<Burst>, request: Request, next: Next) -> Response {
    let limited = request.method() == Method::POST && LIMITED.contains(&request.uri().path());
    // No peer address (a test through the router alone): nothing to key on.
    let client = if limited {
        app::server::client::address(request.headers(), request.extensions(), &burst.trusted)
    } else {
        None
    };
    if let Some(client) = client {
        if let Some(seconds) = burst.check(client) {
            tracing::warn!(%client, path = %request.uri().path(), "burst refused");
            let mut response = crate::uploads::failure(AppError::TooFast);
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            return response;
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_client_is_held_back_others_are_not() {
        let burst = Burst::new(3, Vec::new());
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!((0..3).all(|_| burst.check(a).is_none()));
        let wait = burst.check(a).expect("the fourth in a minute is refused");
        assert!((1..=21).contains(&wait), "{wait}");
        assert!(burst.check(b).is_none());
    }
}
