//! Benchmark (run with `cargo bench -p server --bench lookup`, not part of
//! the tests): the commune type-ahead against the whole commune list.
//!
//! 1. The search alone (`domain::lookup::Index::search` over the ~35,000
//!    communes): latency per keystroke, p50 / p99 / max.
//! 2. The same queries as HTTP GETs through the real router
//!    (`/api/reference/recherche`), from 16 concurrent clients for a few
//!    seconds: requests per second and p50 / p99 latency.
//!
//! The queries are what people type: every prefix (1 to 8 characters) of
//! commune names picked across the list, with and without a département.

mod support;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use tower::ServiceExt;

use app::server::refdata;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{what}: {} queries, p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        samples.len(),
        percentile(&samples, 0.5).as_secs_f64() * 1e6,
        percentile(&samples, 0.99).as_secs_f64() * 1e6,
        samples.last().unwrap().as_secs_f64() * 1e6,
    );
}

/// (query, département or "") pairs: prefixes of real names.
fn workload() -> Vec<(String, String)> {
    let all = refdata::communes().search("", None, usize::MAX);
    let mut queries = Vec::new();
    for entry in all.iter().step_by(97) {
        let chars: Vec<char> = entry.label.chars().collect();
        for n in 1..=chars.len().min(8) {
            let q: String = chars[..n].iter().collect();
            queries.push((q.clone(), String::new()));
            queries.push((q, entry.scope.clone()));
        }
    }
    queries
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    let index = refdata::communes();
    println!("index of {} communes built in {:.0} ms", index.len(), start.elapsed().as_secs_f64() * 1000.0);
    let queries = workload();

    let mut samples = Vec::with_capacity(queries.len());
    for (q, dep) in &queries {
        let scope = (!dep.is_empty()).then_some(dep.as_str());
        let t = Instant::now();
        let found = index.search(q, scope, app::views::reference::SUGGESTIONS);
        samples.push(t.elapsed());
        std::hint::black_box(found);
    }
    report("search alone (1 thread)", samples);

    // The baseline an index must beat: a scan of every normalised label for
    // a word starting with the query.
    let all: Vec<(String, &app::domain::lookup::Entry)> =
        index.search("", None, usize::MAX).into_iter().map(|e| (app::domain::lookup::normalize(&e.label), e)).collect();
    let mut scan = Vec::with_capacity(queries.len());
    for (q, dep) in &queries {
        let q = app::domain::lookup::normalize(q);
        let t = Instant::now();
        let mut found: Vec<&(String, &app::domain::lookup::Entry)> = all
            .iter()
            .filter(|(n, e)| (dep.is_empty() || e.scope == *dep) && (n.starts_with(&q) || n.contains(&format!(" {q}"))))
            .collect();
        found.sort_by_key(|(n, _)| (!n.starts_with(&q), n.len()));
        found.truncate(app::views::reference::SUGGESTIONS);
        scan.push(t.elapsed());
        std::hint::black_box(found);
    }
    report("baseline: linear scan (1 thread)", scan);

    let (state, dir) = support::state("lookup").await;
    let app = support::app_router(state);
    let uris: Vec<String> = queries
        .iter()
        .map(|(q, dep)| format!("/api/reference/recherche?liste=communes&q={}&scope={}", encode(q), encode(dep)))
        .collect();
    let uris = std::sync::Arc::new(uris);
    let clients = 16;
    let run_for = Duration::from_secs(5);
    let began = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (app, uris) = (app.clone(), uris.clone());
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            let mut i = c * 7919;
            while began.elapsed() < run_for {
                let uri = &uris[i % uris.len()];
                i += 1;
                let t = Instant::now();
                let reply = app.clone().oneshot(Request::get(uri.as_str()).body(Body::empty()).unwrap()).await.unwrap();
                let status = reply.status();
                let body = axum::body::to_bytes(reply.into_body(), 1 << 20).await.unwrap();
                samples.push(t.elapsed());
                assert!(status.is_success(), "{uri}: {status} {}", String::from_utf8_lossy(&body));
            }
            samples
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = began.elapsed().as_secs_f64();
    println!("through the router, {clients} concurrent clients: {:.0} requests/s", all.len() as f64 / elapsed);
    report("through the router", all);
    let _ = std::fs::remove_dir_all(&dir);
}
