//! `/metrics` in the Prometheus text format (`metrics` with
//! `metrics-exporter-prometheus`): requests by route, method and status
//! with their latency, uploads and their sizes, mails sent and failed, job
//! runs and failures (recorded where they happen: `uploads.rs`,
//! `mailer.rs`, `jobs.rs`), and, read at each scrape, the outbox's depth
//! and the age of its oldest mail (shared by every instance: the database
//! says it) and this instance's database pool.
//!
//! Only the loopback and the networks of `SESAME_METRICS_ALLOW` may read
//! it (the client address as `client.rs` reads it, behind trusted proxies):
//! anyone else gets 404, as for a page that does not exist.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::http::ServerState;

/// Seconds: from a cached page's tenth of a millisecond to a slow export.
const LATENCY_BUCKETS: [f64; 14] =
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];
/// Bytes: from a small scan to the largest piece (2 MB by default) and beyond.
const SIZE_BUCKETS: [f64; 9] =
    [10_000.0, 50_000.0, 100_000.0, 250_000.0, 500_000.0, 1_000_000.0, 2_000_000.0, 5_000_000.0, 10_000_000.0];

/// The process's recorder, installed once (tests build many routers).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &LATENCY_BUCKETS)
            .and_then(|b| b.set_buckets_for_metric(Matcher::Full("sesame_upload_bytes".into()), &SIZE_BUCKETS))
            .expect("bucket lists are not empty");
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Another recorder already installed (a test harness's): this one
        // still renders what is recorded through it, which is nothing; the
        // process's own stays in force.
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("a metrics recorder was already installed");
        }
        handle
    })
}

/// Counts and times every request (to its first byte: a streamed page's
/// body is not waited for). The route is the router's pattern
/// (`/candidatures/{id}`), never the path a client chose: anything the
/// router did not match is one label, `inconnue`, and methods outside
/// HTTP's own are `autre`, so that no visitor can grow the series.
pub async fn track(request: Request, next: Next) -> Response {
    let method = match request.method().as_str() {
        m @ ("GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS") => m.to_owned(),
        _ => "autre".to_owned(),
    };
    let matched = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let start = Instant::now();
    let response = next.run(request).await;
    let status = response.status();
    let route = match matched {
        Some(pattern) if status != StatusCode::NOT_FOUND => pattern,
        _ => "inconnue".to_owned(),
    };
    let labels = [("method", method), ("route", route)];
    metrics::counter!(
        "http_requests_total",
        &[labels[0].clone(), labels[1].clone(), ("status", status.as_str().to_owned())]
    )
    .increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels).record(start.elapsed().as_secs_f64());
    response
}

/// Drains the recorder's histograms every few seconds (rendering does it
/// too, but nothing may scrape); runs for the life of the server.
pub async fn upkeep() {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(5));
    loop {
        every.tick().await;
        handle().run_upkeep();
    }
}

/// An upload received (its size) or refused.
pub fn upload(outcome: Result<u64, ()>) {
    match outcome {
        Ok(size) => {
            metrics::counter!("sesame_uploads_total", "outcome" => "accepted").increment(1);
            metrics::histogram!("sesame_upload_bytes").record(size as f64);
        }
        Err(()) => metrics::counter!("sesame_uploads_total", "outcome" => "refused").increment(1),
    }
}

/// A mail handed to the relay, or refused by it.
pub fn mail(sent: bool) {
    let outcome = if sent { "sent" } else { "failed" };
    metrics::counter!("sesame_mails_total", "outcome" => outcome).increment(1);
}

/// A job's run: its name, whether it did its work, how long it took.
pub fn job(name: &'static str, ok: bool, seconds: f64) {
    let outcome = if ok { "ok" } else { "failed" };
    metrics::counter!("sesame_job_runs_total", "job" => name, "outcome" => outcome).increment(1);
    metrics::histogram!("sesame_job_duration_seconds", "job" => name).record(seconds);
}

/// `/metrics`, for the allowed addresses only.
pub async fn serve(State(state): State<ServerState>, request: Request) -> Response {
    let settings = &state.app.settings;
    let client = app::server::client::address(request.headers(), request.extensions(), &settings.trusted_proxies);
    let allowed = client.is_some_and(|ip| ip.is_loopback() || settings.metrics_allow.iter().any(|n| n.contains(&ip)));
    if !allowed {
        return StatusCode::NOT_FOUND.into_response();
    }
    let pool = &state.app.db.pool;
    let size = pool.size();
    let idle = pool.num_idle() as u32;
    metrics::gauge!("sesame_db_pool_connections", "state" => "idle").set(idle as f64);
    metrics::gauge!("sesame_db_pool_connections", "state" => "in_use").set(size.saturating_sub(idle) as f64);
    metrics::gauge!("sesame_db_pool_max").set(pool.options().get_max_connections() as f64);
    match backlog(&state).await {
        Ok((pending, oldest)) => {
            let now = state.app.clock.now();
            metrics::gauge!("sesame_outbox_pending").set(pending as f64);
            metrics::gauge!("sesame_outbox_oldest_age_seconds")
                .set(oldest.map(|t| (now - t).max(0)).unwrap_or(0) as f64);
        }
        Err(error) => {
            // No stale figure: the gauges say "unknown" (NaN) until read again.
            tracing::warn!(%error, "outbox backlog not read for the metrics");
            metrics::gauge!("sesame_outbox_pending").set(f64::NAN);
            metrics::gauge!("sesame_outbox_oldest_age_seconds").set(f64::NAN);
        }
    }
    let text = handle().render();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text).into_response()
}

/// The outbox's backlog, given up after half a second: a scrape answers
/// even when the pool is exhausted (the pool's gauges then say so).
async fn backlog(state: &ServerState) -> Result<(i64, Option<i64>), String> {
    let read = async {
        let mut conn = state.app.db.pool.acquire().await.map_err(|e| e.to_string())?;
        app::server::store::outbox::backlog(&mut conn).await.map_err(|e| e.to_string())
    };
    tokio::time::timeout(std::time::Duration::from_millis(500), read)
        .await
        .map_err(|_| "no connection within 500 ms".to_owned())?
}
