//! What travels compressed (issue 14): pages and server-function answers
//! are compressed on the fly for a browser that accepts it; the release
//! build's precompressed copies of the WASM, JavaScript and stylesheet are
//! served as they are, and hashed file names are kept a year by browsers.

use std::io::Read as _;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use tower::ServiceExt;

use crate::support::TestApp;

async fn get(router: &axum::Router, path: &str, accept: Option<&str>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = Request::get(path);
    if let Some(accept) = accept {
        request = request.header(header::ACCEPT_ENCODING, accept);
    }
    let response = router.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, headers, axum::body::to_bytes(response.into_body(), 1 << 24).await.unwrap().to_vec())
}

fn gzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut text).expect("valid gzip");
    text
}

on_both_databases!(pages_and_answers_travel_compressed, |app: TestApp| async move {
    let (status, plain_headers, plain) = get(&app.router, "/connexion", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(plain_headers.get(header::CONTENT_ENCODING).is_none(), "no compression unless asked");

    // Pages are gzipped at its fastest level even for a browser that also
    // takes brotli (brotli costs several times more on a page's few KiB).
    let (_, headers, body) = get(&app.router, "/connexion", Some("gzip, deflate, br, zstd")).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    // Several Vary headers mean their list together (RFC 9110 §5.3).
    let vary: Vec<String> =
        headers.get_all(header::VARY).iter().map(|v| v.to_str().unwrap().to_ascii_lowercase()).collect();
    assert!(vary.iter().any(|v| v.contains("accept-encoding")), "{vary:?}");
    assert!(vary.iter().any(|v| v.contains("accept-language") && v.contains("cookie")), "{vary:?}");
    let html = gzip(&body);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("</html>"), "{html}");
    // A small page, with its nonces and base64, shrinks by about 40 %.
    assert!(
        body.len() * 3 < html.len() * 2,
        "gzip {} bytes vs {} plain ({} the first time)",
        body.len(),
        html.len(),
        plain.len()
    );
    // The security headers survive the compression.
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));

    // A type-ahead answer (JSON) for a browser that only knows gzip.
    let (status, headers, body) =
        get(&app.router, "/api/reference/recherche?liste=communes&q=saint", Some("gzip")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    let answer: serde_json::Value = serde_json::from_str(&gzip(&body)).unwrap();
    assert!(answer.as_array().is_some_and(|a| !a.is_empty()), "{answer}");
});

/// A site folder as `cargo leptos build --release --precompress` leaves it.
fn site(name: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("sesame-site-{name}-{}", std::process::id()));
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    let wasm = vec![0u8; 64 * 1024];
    std::fs::write(root.join("pkg/sesame.0123abcd.wasm"), &wasm).unwrap();
    let mut br = Vec::new();
    brotli::CompressorReader::new(&wasm[..], 4096, 9, 22).read_to_end(&mut br).unwrap();
    std::fs::write(root.join("pkg/sesame.0123abcd.wasm.br"), &br).unwrap();
    root
}

#[tokio::test]
async fn the_bundle_is_served_precompressed_and_kept_when_hashed() {
    let root = site("hashed");
    let hashed: axum::Router = sesame_server::assets::pkg_routes(&root, true);
    let (status, headers, body) = get(&hashed, "/pkg/sesame.0123abcd.wasm", Some("gzip, br")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    assert_eq!(body, std::fs::read(root.join("pkg/sesame.0123abcd.wasm.br")).unwrap(), "the copy, as written");

    let (_, headers, body) = get(&hashed, "/pkg/sesame.0123abcd.wasm", None).await;
    assert!(headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(body.len(), 64 * 1024);

    let (status, headers, _) = get(&hashed, "/pkg/absent.wasm", Some("br")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(headers.get(header::CACHE_CONTROL).is_none(), "a missing file is not kept");

    // Names without a hash (the debug build) are asked again every time.
    let unhashed: axum::Router = sesame_server::assets::pkg_routes(&root, false);
    let (_, headers, _) = get(&unhashed, "/pkg/sesame.0123abcd.wasm", Some("br")).await;
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    let _ = std::fs::remove_dir_all(root);
}
