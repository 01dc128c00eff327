//! Sessions: a random token in an HttpOnly cookie, its keyed hash in the
//! database, ended after 45 minutes without activity and, active or not,
//! `Settings::session_lifetime` after sign-in (12 hours by default).

use http::header::{COOKIE, SET_COOKIE};
use http::{HeaderMap, HeaderValue};

use super::tokens::random_token;
use crate::server::state::AppState;
use crate::server::store::{sessions, StoreResult};

pub const COOKIE_NAME: &str = "sesame_session";
/// Behind https the cookie takes the `__Host-` prefix: the browser then
/// accepts it only from this host, Secure, for the whole site, so no
/// sibling subdomain can plant a session for a visitor.
pub const SECURE_COOKIE_NAME: &str = "__Host-sesame_session";

/// A cookie's two names: plain over http, with the `__Host-` prefix behind
/// https (see `SECURE_COOKIE_NAME`).
pub struct CookieName {
    pub plain: &'static str,
    pub host: &'static str,
}

impl CookieName {
    pub fn get(&self, secure: bool) -> &'static str {
        if secure {
            self.host
        } else {
            self.plain
        }
    }
}

const SESSION_COOKIE: CookieName = CookieName { plain: COOKIE_NAME, host: SECURE_COOKIE_NAME };

fn cookie_name(secure: bool) -> &'static str {
    SESSION_COOKIE.get(secure)
}
pub const IDLE_TIMEOUT: i64 = 45 * 60;
/// The absolute lifetime of a session unless configured otherwise.
pub const DEFAULT_LIFETIME: i64 = 12 * 3600;
/// Activity is written at most this often, not on every request.
const TOUCH_EVERY: i64 = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountKind {
    Candidat,
    Staff,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Candidat => "candidat",
            AccountKind::Staff => "staff",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Signed {
    pub kind: AccountKind,
    pub account_id: i64,
    pub token_hash: String,
}

/// The session token of the request: only the cookie of the name in use
/// (`secure`: the `__Host-` one), never the other.
pub fn token_from(headers: &HeaderMap, secure: bool) -> Option<String> {
    cookie_value(headers, cookie_name(secure))
}

/// The value of the cookie of this exact name, if short enough to be ours.
pub fn cookie_value(headers: &HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 64)
}

fn cookie(value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    http_only_cookie(cookie_name(secure), value, max_age, secure)
}

/// A cookie for this site only, out of the page scripts' reach, sent on
/// top-level navigations from elsewhere (a CAS server's redirect back).
/// `name` is a `CookieName`'s, for the scheme in use.
pub fn http_only_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie built from URL-safe characters")
}

/// Opens a session and returns the `Set-Cookie` header to send.
pub async fn open(state: &AppState, kind: AccountKind, account_id: i64) -> StoreResult<(HeaderValue, String)> {
    let token = random_token();
    let hash = state.token_hash(&token);
    let mut conn = state.db.pool.acquire().await?;
    sessions::insert(&mut conn, &hash, kind.as_str(), account_id, state.clock.now()).await?;
    Ok((cookie(&token, None, state.settings.secure_cookies), hash))
}

pub fn clearing_cookie(state: &AppState) -> (http::HeaderName, HeaderValue) {
    (SET_COOKIE, cookie("", Some(0), state.settings.secure_cookies))
}

/// The session the request carries, if any and still active.
pub async fn current(state: &AppState, headers: &HeaderMap) -> StoreResult<Option<Signed>> {
    let Some(token) = token_from(headers, state.settings.secure_cookies) else { return Ok(None) };
    let hash = state.token_hash(&token);
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    let Some(row) = sessions::find(&mut conn, &hash).await? else { return Ok(None) };
    if now - row.last_seen_at > IDLE_TIMEOUT || now - row.created_at > state.settings.session_lifetime {
        sessions::delete(&mut conn, &hash).await?;
        return Ok(None);
    }
    if now - row.last_seen_at >= TOUCH_EVERY {
        sessions::touch(&mut conn, &hash, now).await?;
    }
    let kind = if row.account_kind == "staff" { AccountKind::Staff } else { AccountKind::Candidat };
    Ok(Some(Signed { kind, account_id: row.account_id, token_hash: hash }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_session_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; sesame_session=abc_-9; b=2"));
        assert_eq!(token_from(&headers, false).as_deref(), Some("abc_-9"));
        assert_eq!(token_from(&headers, true), None, "behind https only the __Host- cookie counts");
        headers.insert(COOKIE, HeaderValue::from_static("sesame_session=planted; __Host-sesame_session=real"));
        assert_eq!(token_from(&headers, true).as_deref(), Some("real"));
        headers.insert(COOKIE, HeaderValue::from_static("sesame_session="));
        assert_eq!(token_from(&headers, false), None);
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_behind_https() {
        let c = cookie("t", None, true);
        assert_eq!(c.to_str().unwrap(), "__Host-sesame_session=t; Path=/; HttpOnly; SameSite=Lax; Secure");
        assert!(!cookie("t", None, false).to_str().unwrap().contains("Secure"));
    }
}
