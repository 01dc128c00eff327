//! The HTTP router: Leptos pages and server functions with the app state
//! in their context, health probes, static files, security headers, one
//! tracing span per request, and the mapping of API errors to statuses.

use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::TraceLayer;

use app::error::AppError;
use app::server::AppState;
use app::{shell, App};

/// Forms are small; uploads (`uploads.rs`) have their own limit.
const MAX_BODY: usize = 64 * 1024;

#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
}

pub fn leptos_options(site_root: &std::path::Path, listen: std::net::SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("sesame")
        .site_root(site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(listen)
        .hash_files(crate::assets::names_are_hashed())
        .build()
}

/// The app's routes, listed once per process.
///
/// Listing them runs the app with every resource held back by a flag that
/// is global to the process (leptos_server's `SuppressResourceLoad`): a
/// resource of another page first polled meanwhile, on another thread,
/// waits for ever (leptos-rs/leptos#4773). A process that built a second
/// router while serving (the integration tests build one per test, side by
/// side) left a page unfinished now and then, answered 503 after
/// `whole_page::PAGE_LIMIT`. Listed once, before any router exists, no page
/// can be rendering while it happens.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: ServerState) -> Router {
    let routes = routes();
    let app_state = state.app.clone();
    let options = state.leptos_options.clone();
    let max_upload = state.app.settings.max_upload_bytes;
    let burst =
        crate::burst::Burst::new(state.app.settings.burst_per_minute, state.app.settings.trusted_proxies.clone());
    let hsts = hsts_for(&state.app.settings.public_url);
    let public_origin: std::sync::Arc<str> = crate::same_origin::origin_of(&state.app.settings.public_url).into();
    let site_root = std::path::PathBuf::from(state.leptos_options.site_root.as_ref());
    let hashed = state.leptos_options.hash_files;
    crate::metrics::handle();
    let pages = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(crate::metrics::serve))
        .route("/api/{*name}", get(server_fn).post(server_fn))
        .leptos_routes_with_context(
            &state,
            routes,
            move || app::api::provide_request_context(app_state.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(shell))
        .layer(middleware::from_fn(crate::whole_page::gather))
        // The pages that look alike to every visitor, rendered once a second at most.
        .layer(middleware::from_fn_with_state(crate::page_cache::PageCache::default(), crate::page_cache::serve))
        .layer(RequestBodyLimitLayer::new(MAX_BODY));
    Router::new()
        .merge(crate::assets::pkg_routes(&site_root, hashed))
        .merge(crate::uploads::routes(max_upload))
        .merge(crate::exports::routes())
        .merge(crate::university::routes())
        .merge(crate::language::routes())
        .merge(pages)
        .layer(middleware::from_fn(api_status))
        .layer(middleware::from_fn_with_state(burst, crate::burst::limit))
        .layer(middleware::from_fn_with_state(public_origin, crate::same_origin::check))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        // Pages are never framed; a file shown inline may be, by our own pages (the staff viewer).
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(header::STRICT_TRANSPORT_SECURITY, hsts))
        // A client that stops sending its body mid-way (slow loris) is cut
        // off after this long without a byte; a slow upload still goes.
        .layer(RequestBodyTimeoutLayer::new(BODY_IDLE))
        .layer(crate::assets::compression())
        .layer(TraceLayer::new_for_http())
        .layer(middleware::from_fn(crate::metrics::track))
        .with_state(state)
}

/// How long a request body may pause between two pieces.
const BODY_IDLE: std::time::Duration = std::time::Duration::from_secs(30);

/// Behind https, browsers are told to come back by https only for a year
/// (not the university's other subdomains: that is theirs to decide).
fn hsts_for(public_url: &str) -> Option<HeaderValue> {
    public_url.starts_with("https://").then(|| HeaderValue::from_static("max-age=31536000"))
}

async fn server_fn(State(state): State<ServerState>, request: Request<Body>) -> impl IntoResponse {
    let app = state.app.clone();
    handle_server_fns_with_context(move || app::api::provide_request_context(app.clone()), request).await
}

/// Ready when the database answers and the file store takes a file.
async fn readyz(State(state): State<ServerState>) -> Response {
    if let Err(error) = state.app.db.ping().await {
        tracing::warn!(%error, "database unreachable");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response();
    }
    if let Err(error) = app::server::files::probe(&state.app.settings.files).await {
        tracing::warn!(%error, "file store not writable");
        return (StatusCode::SERVICE_UNAVAILABLE, "file store not writable").into_response();
    }
    (StatusCode::OK, "ready").into_response()
}

/// Server functions answer every error with 500; this gives each its own
/// status (`AppError::status`), once, for every server function.
async fn api_status(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        // A saturated hasher clears in a moment; a refused address at the
        // end of its quarter of an hour at most.
        let retry = match error {
            AppError::Busy => Some("2"),
            AppError::TooManyAttempts => Some("900"),
            _ => None,
        };
        if let Some(seconds) = retry {
            parts.headers.insert(header::RETRY_AFTER, HeaderValue::from_static(seconds));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A redirection that sets these cookies and is never kept by a cache.
pub(crate) fn see_other(location: &str, cookies: &[HeaderValue]) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(location) {
        h.insert(header::LOCATION, v);
    }
    for cookie in cookies {
        h.append(header::SET_COOKIE, cookie.clone());
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
