//! Pages leave in one piece.
//!
//! Leptos streams a page as it renders: the shell, then each `Suspense` as
//! its data arrives, each piece its own write. A signed-in page is ready in
//! about a millisecond, so streaming buys nothing, and each piece cost a
//! system call, a TCP segment and a wake-up of the reader (a profile of the
//! candidate's home under load: an eighth of the server's time in
//! `writev`). An HTML answer is gathered here, then sent whole with its
//! length, and compressed in one pass (`assets::compression` wraps this).
//!
//! A page not rendered within `PAGE_LIMIT` is answered 503 and logged with
//! its path: a render that never ends (a suspense whose data never comes)
//! must not hold a connection, and a worker's attention, for ever.

use axum::body::Body;
use axum::extract::Request;
use std::time::Duration;

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// A page larger than this is answered 500 and logged: none comes near
/// (pages are tens of KiB: the staff list shows 25 lines a page), and a
/// page that did would be a bug to see, not a stream to send.
const MAX_GATHERED: usize = 8 * 1024 * 1024;

/// The longest a page may take to render (a signed-in page takes about a
/// millisecond; HAProxy gives up on the server after 120 s).
pub const PAGE_LIMIT: Duration = Duration::from_secs(20);

pub async fn gather(request: Request, next: Next) -> Response {
    gather_within(PAGE_LIMIT, request, next).await
}

async fn gather_within(limit: Duration, request: Request, next: Next) -> Response {
    // Server functions and uploads have their own pace; pages have this one.
    let is_page = request.method() == Method::GET && !request.uri().path().starts_with("/api/");
    if !is_page {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(limit, whole(next.run(request))).await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!(path, seconds = limit.as_secs_f32(), "a page was not rendered in time");
            (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "5")]).into_response()
        }
    }
}

/// An HTML answer gathered and given its length; any other as it is.
/// A page's words depend on the visitor's cookies (the session, the
/// language) and on `Accept-Language` (a first visit's language): a shared
/// cache in front of Sésame is told so (`Vary`).
async fn whole(response: impl std::future::Future<Output = Response>) -> Response {
    let mut response = response.await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        response.headers_mut().append(header::VARY, HeaderValue::from_static("Cookie, Accept-Language"));
    }
    if !is_html || response.headers().contains_key(header::CONTENT_LENGTH) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_GATHERED).await {
        Ok(bytes) => {
            parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(error) => {
            tracing::error!(%error, "a page could not be rendered whole");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt as _;

    fn streamed(kind: &'static str) -> Response {
        let pieces = futures::stream::iter(["<p>un</p>", "<p>deux</p>", "<p>trois</p>"].map(Ok::<_, std::io::Error>));
        ([(header::CONTENT_TYPE, kind)], Body::from_stream(pieces)).into_response()
    }

    async fn through(kind: &'static str) -> Response {
        let router = Router::new().route("/", get(move || async move { streamed(kind) }));
        let router = router.layer(axum::middleware::from_fn(gather));
        router.oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap()
    }

    #[tokio::test]
    async fn a_streamed_page_leaves_whole_with_its_length() {
        let response = through("text/html; charset=utf-8").await;
        assert_eq!(response.headers()[header::CONTENT_LENGTH], "32");
        let bytes = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
        assert_eq!(&bytes[..], b"<p>un</p><p>deux</p><p>trois</p>");
    }

    #[tokio::test]
    async fn a_page_that_never_ends_is_answered_503() {
        let never = futures::stream::pending::<Result<&'static str, std::io::Error>>();
        let stuck = || async move { ([(header::CONTENT_TYPE, "text/html")], Body::from_stream(never)).into_response() };
        let router = Router::new()
            .route("/", get(stuck))
            .layer(axum::middleware::from_fn(|r, n| gather_within(Duration::from_millis(50), r, n)));
        let response = router.oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
    }

    #[tokio::test]
    async fn other_answers_still_stream() {
        let response = through("application/octet-stream").await;
        assert!(!response.headers().contains_key(header::CONTENT_LENGTH));
    }
}
