//! The pages everyone sees alike, rendered once a second at most.
//!
//! The sign-in pages, account creation and the lost-link forms show the
//! same HTML to every visitor who is not signed in: on deadline night
//! thousands open them at once. The first visitor's page is kept in memory
//! for `FRESH`; the others get that copy with a fresh CSP nonce put in place
//! of the copy's, in the policy and on every inline script (a nonce is never
//! handed out twice, so the policy keeps its worth).
//!
//! A request is answered from the copy only when it is a GET of one of
//! `PATHS`, without a query string (a refused form comes back with its
//! error in the URL) and without a session cookie; its other cookies (the
//! language) and `Accept-Language` are part of the key. A response is kept
//! only when it is a 200 HTML page that sets no cookie and whose policy
//! carries a nonce. So a campaign opened or a message edited shows within a
//! second, and a signed-in page is never shared.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;

use app::server::auth::session::{COOKIE_NAME, SECURE_COOKIE_NAME};

/// The pages that look the same to every visitor not signed in.
pub const PATHS: &[&str] =
    &["/connexion", "/compte/creer", "/compte/code-activation", "/compte/mot-de-passe-oublie", "/gestion/connexion"];

/// How long a copy serves.
pub const FRESH: Duration = Duration::from_secs(1);
/// Copies kept at most (paths × languages × cookies seen); past it, pages
/// are rendered for each visitor as without the cache.
const MAX_ENTRIES: usize = 256;
/// A page larger than this is not kept.
const MAX_PAGE: usize = 1024 * 1024;

#[derive(Clone, Default)]
pub struct PageCache {
    copies: Arc<Mutex<HashMap<Key, Arc<Copy>>>>,
}

#[derive(Clone, Hash, PartialEq, Eq)]
struct Key {
    path: &'static str,
    host: String,
    language: String,
    cookies: String,
}

struct Copy {
    made: Instant,
    headers: HeaderMap,
    body: Bytes,
    nonce: String,
}

fn text(headers: &HeaderMap, name: header::HeaderName) -> String {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

fn key_of(request: &Request) -> Option<Key> {
    if request.method() != Method::GET || request.uri().query().is_some() {
        return None;
    }
    let path = *PATHS.iter().find(|p| **p == request.uri().path())?;
    let headers = request.headers();
    let cookies = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join("; ");
    let signed_in = cookies.split(';').any(|c| {
        let name = c.trim().split('=').next().unwrap_or_default();
        name == COOKIE_NAME || name == SECURE_COOKIE_NAME
    });
    if signed_in {
        return None;
    }
    Some(Key { path, host: text(headers, header::HOST), language: text(headers, header::ACCEPT_LANGUAGE), cookies })
}

/// The nonce of a page's policy (`'nonce-…'`).
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers.get(header::CONTENT_SECURITY_POLICY)?.to_str().ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(policy[start..start + length].to_owned()).filter(|n| n.len() >= 16)
}

/// 128 random bits, as Leptos writes its nonces.
fn new_nonce() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(app::server::auth::tokens::random_bytes::<16>())
}

impl Copy {
    /// The page for one more visitor, with its own nonce.
    fn answer(&self) -> Response {
        let nonce = new_nonce();
        let finder = memchr::memmem::Finder::new(self.nonce.as_bytes());
        let mut body = Vec::with_capacity(self.body.len());
        let mut rest = &self.body[..];
        while let Some(at) = finder.find(rest) {
            body.extend_from_slice(&rest[..at]);
            body.extend_from_slice(nonce.as_bytes());
            rest = &rest[at + self.nonce.len()..];
        }
        body.extend_from_slice(rest);
        let mut headers = self.headers.clone();
        if let Some(policy) = headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()) {
            if let Ok(value) = HeaderValue::from_str(&policy.replace(&self.nonce, &nonce)) {
                headers.insert(header::CONTENT_SECURITY_POLICY, value);
            }
        }
        headers.remove(header::CONTENT_LENGTH);
        let mut response = Body::from(body).into_response();
        *response.headers_mut() = headers;
        response
    }
}

impl PageCache {
    fn fresh(&self, key: &Key) -> Option<Arc<Copy>> {
        let copies = self.copies.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        copies.get(key).filter(|c| c.made.elapsed() < FRESH).cloned()
    }

    /// Keeps the page when it may be shared, and answers it.
    async fn keep(&self, key: Key, response: Response) -> Response {
        let (parts, body) = response.into_parts();
        let html = text(&parts.headers, header::CONTENT_TYPE).starts_with("text/html");
        let nonce = nonce_of(&parts.headers);
        let shareable = parts.status == StatusCode::OK && html && !parts.headers.contains_key(header::SET_COOKIE);
        let (Some(nonce), true) = (nonce, shareable) else { return Response::from_parts(parts, body) };
        let body = match axum::body::to_bytes(body, MAX_PAGE).await {
            Ok(body) => body,
            Err(error) => {
                // The page was cut (the client left, or larger than a page
                // should be): nothing to keep, nothing to send.
                tracing::warn!(%error, path = key.path, "page not kept");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
        let mut copies = self.copies.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if copies.len() >= MAX_ENTRIES {
            copies.retain(|_, c| c.made.elapsed() < FRESH);
        }
        if copies.len() < MAX_ENTRIES {
            let copy = Copy { made: Instant::now(), headers: parts.headers.clone(), body: body.clone(), nonce };
            copies.insert(key, Arc::new(copy));
        }
        drop(copies);
        Response::from_parts(parts, Body::from(body))
    }
}

/// The middleware, around the Leptos pages.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let Some(key) = key_of(&request) else { return next.run(request).await };
    if let Some(copy) = cache.fresh(&key) {
        return copy.answer();
    }
    let response = next.run(request).await;
    cache.keep(key, response).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str, cookie: Option<&str>) -> Request {
        let mut r = Request::get(path).header(header::HOST, "sesame.test");
        if let Some(c) = cookie {
            r = r.header(header::COOKIE, c);
        }
        r.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_anonymous_gets_of_the_shared_pages_are_keyed() {
        assert!(key_of(&request("/connexion", None)).is_some());
        assert!(key_of(&request("/connexion", Some("langue=fr"))).is_some());
        assert!(key_of(&request("/connexion?__err=x", None)).is_none());
        assert!(key_of(&request("/connexion", Some("a=b; sesame_session=x"))).is_none());
        assert!(key_of(&request("/connexion", Some("__Host-sesame_session=x"))).is_none());
        assert!(key_of(&request("/candidatures", None)).is_none());
        let post = Request::post("/connexion").body(Body::empty()).unwrap();
        assert!(key_of(&post).is_none());
    }

    #[test]
    fn each_answer_has_its_own_nonce_everywhere_the_copy_had_one() {
        let old = "AAAAAAAAAAAAAAAAAAAAAA";
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_str(&app::server::csp::policy(old)).unwrap());
        assert_eq!(nonce_of(&headers).as_deref(), Some(old));
        let body = Bytes::from(format!("<script nonce=\"{old}\">a</script><script nonce=\"{old}\">b</script>"));
        let copy = Copy { made: Instant::now(), headers, body, nonce: old.into() };
        let (one, two) = (copy.answer(), copy.answer());
        let policy = |r: &Response| r.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        assert!(!policy(&one).contains(old) && !policy(&two).contains(old));
        assert_ne!(policy(&one), policy(&two));
        let nonce = nonce_of(one.headers()).unwrap();
        let body = futures::executor::block_on(axum::body::to_bytes(one.into_body(), 1 << 20)).unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert_eq!(body, format!("<script nonce=\"{nonce}\">a</script><script nonce=\"{nonce}\">b</script>"));
    }
}
