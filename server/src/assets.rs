//! Static files and response compression.
//!
//! * `/pkg` (the WASM, its JavaScript and the stylesheet) is served from the
//!   site folder with the brotli and gzip copies the release build writes
//!   beside each file (`cargo leptos build --release --precompress`), chosen
//!   by the browser's `Accept-Encoding`.
//! * The release build also puts a hash of each file in its name
//!   (`hash-files` in Cargo.toml, the hashes in `hash.txt` beside the
//!   executable): those names never change content, so browsers keep them a
//!   year without asking again. Without hashed names (the debug build of
//!   the tests), browsers revalidate each time.
//! * Pages and server-function answers (HTML, JSON, text) are compressed on
//!   the fly; pieces, PDFs and images are not (already compressed, and
//!   streamed as they are).

use std::path::{Path, PathBuf};

use axum::http::{header, HeaderValue, Response};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;

/// Where `cargo leptos build` writes the hashes of the file names: beside
/// the executable it built (leptos reads the same file to name them in pages).
pub fn hash_file() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join("hash.txt"))
}

/// Whether this executable was built with hashed file names.
pub fn names_are_hashed() -> bool {
    hash_file().is_some_and(|file| file.is_file())
}

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The `/pkg` folder of the site, precompressed copies first.
pub fn pkg_routes<S: Clone + Send + Sync + 'static>(site_root: &Path, hashed: bool) -> Router<S> {
    let cache = HeaderValue::from_static(if hashed { IMMUTABLE } else { REVALIDATE });
    let files = ServeDir::new(site_root.join("pkg")).precompressed_br().precompressed_gzip();
    let service = ServiceBuilder::new()
        .map_response(move |mut response: Response<_>| {
            if response.status().is_success() || response.status() == axum::http::StatusCode::NOT_MODIFIED {
                response.headers_mut().insert(header::CACHE_CONTROL, cache.clone());
            }
            response
        })
        .service(files);
    Router::new().nest_service("/pkg", service)
}

/// The content types worth compressing on the fly.
#[derive(Clone, Copy)]
pub struct Textual;

impl Predicate for Textual {
    fn should_compress<B: http_body::Body>(&self, response: &http::Response<B>) -> bool {
        let Some(kind) = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
            return false;
        };
        let kind = kind.split(';').next().unwrap_or("").trim();
        let textual = matches!(
            kind,
            "text/html" | "application/json" | "text/plain" | "text/css" | "text/javascript" | "text/csv"
        );
        textual && SizeAbove::new(512).should_compress(response)
    }
}

/// Pages and answers gzipped at its fastest level, as they leave.
///
/// Measured with the pages bench (`scripts/bench-pages.sh`, oha asking for
/// `br, gzip` as browsers do), the sign-in page's shared copy: brotli at
/// level 4 served 8,100 a second, gzip at level 4 14,600, gzip at level 1
/// 20,500 (34,000 uncompressed): on a page of a few KiB, setting up the
/// compressor costs more than compressing, and brotli's is the dearest.
/// Level 1 makes a page about a tenth larger than level 4; the bundle,
/// which is most of what a browser downloads, is precompressed with brotli
/// at its highest level (`pkg_routes`).
pub fn compression() -> CompressionLayer<Textual> {
    CompressionLayer::new().no_br().quality(CompressionLevel::Precise(1)).compress_when(Textual)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(kind: &str, length: usize) -> http::Response<String> {
        http::Response::builder()
            .header(header::CONTENT_TYPE, kind)
            .header(header::CONTENT_LENGTH, length)
            .body("x".repeat(length))
            .unwrap()
    }

    #[test]
    fn pages_and_answers_are_compressed_files_are_not() {
        assert!(Textual.should_compress(&response("text/html; charset=utf-8", 5000)));
        assert!(Textual.should_compress(&response("application/json", 5000)));
        assert!(!Textual.should_compress(&response("application/pdf", 5000)));
        assert!(!Textual.should_compress(&response("image/jpeg", 5000)));
        assert!(!Textual.should_compress(&response("application/wasm", 5000)));
        assert!(!Textual.should_compress(&response("text/html", 100)));
    }
}
