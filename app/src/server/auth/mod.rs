//! Passwords, tokens, sessions and sign-in throttling.

pub mod hashing;
pub mod session;
pub mod throttle;
pub mod tokens;
