//! Refuses a state-changing request that another site made the browser
//! send (cross-site request forgery), before any handler runs. The session
//! cookie is already `SameSite=Lax`; this is the second lock, checked on
//! every POST/PUT/PATCH/DELETE whatever its route:
//!
//! * `Sec-Fetch-Site` (every current browser sends it): `same-origin` and
//!   `none` (typed by the user) pass, `same-site` and `cross-site` do not;
//! * otherwise `Origin`: it must be the public URL's origin or the
//!   request's own `Host` (`null`, sent by sandboxed frames, is refused);
//! * neither header: not a browser acting for someone else (a script, a
//!   test client, an old browser without the headers): passes.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::Response;

use app::error::AppError;

/// The public URL's origin (`scheme://host[:port]`), as browsers write it.
pub fn origin_of(public_url: &str) -> String {
    match url::Url::parse(public_url) {
        Ok(url) => url.origin().ascii_serialization(),
        Err(_) => public_url.trim_end_matches('/').to_owned(),
    }
}

/// Whether this request may go on.
pub fn allowed(method: &Method, headers: &HeaderMap, public_origin: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE) {
        return true;
    }
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    match text("sec-fetch-site") {
        Some("same-origin" | "none") => return true,
        Some("same-site" | "cross-site") => return false,
        _ => {}
    }
    let Some(origin) = text(header::ORIGIN.as_str()) else { return true };
    if origin.eq_ignore_ascii_case(public_origin) {
        return true;
    }
    // Reached by another name than the public URL (loopback, an internal
    // address): the origin's authority must be the Host the browser used.
    let authority = origin.split_once("://").map(|(_, rest)| rest);
    matches!((authority, text(header::HOST.as_str())), (Some(a), Some(host)) if !a.is_empty() && a.eq_ignore_ascii_case(host))
}

pub async fn check(State(public_origin): State<std::sync::Arc<str>>, request: Request, next: Next) -> Response {
    if allowed(request.method(), request.headers(), &public_origin) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), origin = ?request.headers().get(header::ORIGIN), "cross-site request refused");
    crate::uploads::failure(AppError::CrossSite)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    const PUBLIC: &str = "https://candidatures.univ.fr";

    #[test]
    fn fetch_metadata_decides_first() {
        assert!(allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin"), ("origin", "https://evil.example")]),
            PUBLIC
        ));
        assert!(!allowed(&Method::POST, &headers(&[("sec-fetch-site", "cross-site")]), PUBLIC));
        assert!(!allowed(&Method::POST, &headers(&[("sec-fetch-site", "same-site"), ("origin", PUBLIC)]), PUBLIC));
        assert!(allowed(&Method::POST, &headers(&[("sec-fetch-site", "none")]), PUBLIC));
    }

    #[test]
    fn the_origin_must_be_ours() {
        assert!(allowed(&Method::POST, &headers(&[("origin", "https://candidatures.univ.fr")]), PUBLIC));
        assert!(!allowed(&Method::POST, &headers(&[("origin", "https://candidatures.univ.fr.evil.example")]), PUBLIC));
        assert!(!allowed(&Method::POST, &headers(&[("origin", "null")]), PUBLIC));
        assert!(
            !allowed(&Method::DELETE, &headers(&[("origin", "http://candidatures.univ.fr")]), PUBLIC),
            "another scheme"
        );
        assert!(allowed(
            &Method::POST,
            &headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]),
            PUBLIC
        ));
        assert!(!allowed(
            &Method::POST,
            &headers(&[("origin", "http://127.0.0.1:3001"), ("host", "127.0.0.1:3000")]),
            PUBLIC
        ));
    }

    #[test]
    fn reads_and_headerless_clients_pass() {
        assert!(allowed(&Method::GET, &headers(&[("sec-fetch-site", "cross-site")]), PUBLIC));
        assert!(allowed(&Method::POST, &HeaderMap::new(), PUBLIC));
        assert_eq!(origin_of("https://candidatures.univ.fr/"), PUBLIC);
        assert_eq!(origin_of("http://localhost:3000"), "http://localhost:3000");
    }
}
