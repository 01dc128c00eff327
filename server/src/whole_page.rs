//! Pages leave in one piece.
//!
//! Leptos streams a page as it renders: the shell, then each `Suspense` as
//! its data arrives, each piece its own write. A signed-in page is ready in
//! about a millisecond, so streaming buys nothing, and each piece cost a
//! system call, a TCP segment and a wake-up of the reader (a profile of the
//! candidate's home under load: an eighth of the server's time in
//! `writev`). An HTML answer is gathered here, then sent whole with its
//! length, and compressed in one pass (`assets::compression` wraps this).

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// A page larger than this is answered 500 and logged: none comes near
/// (pages are tens of KiB: the staff list shows 25 lines a page), and a
/// page that did would be a bug to see, not a stream to send.
const MAX_GATHERED: usize = 8 * 1024 * 1024;

pub async fn gather(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
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
    async fn other_answers_still_stream() {
        let response = through("application/octet-stream").await;
        assert!(!response.headers().contains_key(header::CONTENT_LENGTH));
    }
}
