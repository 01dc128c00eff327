//! Benchmark (run with `scripts/bench-pages.sh`, which installs the load
//! tool `oha` pinned and runs `cargo bench -p server --bench pages`; not
//! part of the tests): the pages as served, against the plain `/healthz`
//! in the same run.
//!
//! The real router over a SQLite database seeded with the demo, served by
//! the real connection loop (`listen::serve`) on a loopback port, with the
//! server's own log filter. A candidate is created, validated, signed in,
//! completes the dossier and applies, through the server functions; the
//! demo admin signs in. Then, for each page:
//!
//! 1. **kept-alive connection**: 100 GETs one after the other on one
//!    connection (the way a browser or a reverse proxy reuses it): the
//!    first, the median and the slowest; the median should stay within 2×
//!    the first (a page written in several pieces must not wait for the
//!    client's delayed ACK).
//! 2. **throughput**: `oha` with `SESAME_BENCH_CONNECTIONS` connections (200)
//!    for `SESAME_BENCH_SECONDS` (10) seconds: requests/s, p50 and p99, and
//!    each page's requests/s as a share of `/healthz`'s.

mod support;

use std::time::Instant;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use sqlx::Row;
use tower::ServiceExt as _;

const PASSWORD: &str = "Mesure-Sesame-2026";

struct Reply {
    status: StatusCode,
    cookie: Option<String>,
    body: String,
}

async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_owned());
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 22).await.unwrap();
    Reply { status, cookie, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// A server function, called as the browser's WASM calls it.
async fn call(router: &Router, path: &str, fields: &[(&str, &str)], cookie: Option<&str>) -> Reply {
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let reply = send(router, request.body(Body::from(body)).unwrap()).await;
    assert!(reply.status.is_success() || reply.status.is_redirection(), "{path}: {} {}", reply.status, reply.body);
    reply
}

/// A candidate with a complete dossier and one application: (cookie, application id).
async fn candidate(state: &app::server::AppState, router: &Router) -> (String, i64) {
    let email = "mesure@example.fr";
    let identity = [("nom", "Martin"), ("prenom", "Léa"), ("email", email), ("email_confirmation", email)];
    let passwords = [("password", PASSWORD), ("password_confirmation", PASSWORD)];
    call(router, "/api/compte/creer", &[&identity[..], &passwords[..]].concat(), None).await;
    let text: String = sqlx::query("SELECT body_text FROM outbox WHERE to_addr = $1 ORDER BY id DESC")
        .bind(email)
        .fetch_one(&state.db.pool)
        .await
        .unwrap()
        .get("body_text");
    let token = text.split("/compte/valider/").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
    let login: String =
        serde_json::from_str(&call(router, "/api/compte/valider", &[("token", &token)], None).await.body).unwrap();
    let me = call(router, "/api/session/connexion", &[("identifiant", &login), ("mot_de_passe", PASSWORD)], None)
        .await
        .cookie
        .unwrap();
    let sections: [(&str, Vec<(&str, &str)>); 3] = [
        (
            "/api/dossier/informations-personnelles/enregistrer",
            vec![
                ("civilite", "Mme"),
                ("nom_naissance", "Martin"),
                ("nom_usuel", ""),
                ("prenom", "Léa"),
                ("autre_prenom", ""),
                ("date_naissance", "03/07/2004"),
                ("pays_naissance", "FR"),
                ("departement_naissance", "31"),
                ("ville_naissance", "Toulouse"),
                ("nationalite", "FR"),
                ("telephone", ""),
                ("portable", "06 12 34 56 78"),
                ("ine", ""),
                ("sans_ine", "1"),
            ],
        ),
        (
            "/api/dossier/adresse/enregistrer",
            vec![
                ("pays", "FR"),
                ("ligne1", "1 rue de la Paix"),
                ("ligne2", ""),
                ("ligne3", ""),
                ("code_postal", "31000"),
                ("commune", "31555"),
                ("ville", ""),
            ],
        ),
        ("/api/dossier/baccalaureat/enregistrer", vec![("situation", "non")]),
    ];
    for (path, fields) in &sections {
        call(router, path, fields, Some(&me)).await;
    }
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let formation: i64 =
        sqlx::query("SELECT id FROM formations WHERE window_start <= $1 AND window_end >= $1 ORDER BY id LIMIT 1")
            .bind(&today)
            .fetch_one(&state.db.pool)
            .await
            .unwrap()
            .get("id");
    call(router, "/api/candidatures/candidater", &[("formation", &formation.to_string())], Some(&me)).await;
    let lines: Vec<serde_json::Value> =
        serde_json::from_str(&call(router, "/api/candidatures/liste", &[], Some(&me)).await.body).unwrap();
    (me, lines[0]["id"].as_i64().unwrap())
}

/// 100 GETs on one kept-alive connection: (first, median, slowest) in ms,
/// and the page's size in bytes.
async fn kept_alive(address: std::net::SocketAddr, path: &str, cookie: Option<&str>) -> (f64, f64, f64, usize) {
    use http_body_util::BodyExt as _;
    let stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.unwrap();
    tokio::spawn(connection);
    let mut samples = Vec::with_capacity(100);
    let mut size = 0;
    for _ in 0..100 {
        let mut request = Request::get(path).header(header::HOST, address.to_string());
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let start = Instant::now();
        sender.ready().await.expect("the server kept the connection open");
        let response = sender.send_request(request.body(http_body_util::Empty::<bytes::Bytes>::new()).unwrap()).await;
        let response = response.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        size = response.into_body().collect().await.unwrap().to_bytes().len();
        samples.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let first = samples[0];
    samples.sort_by(f64::total_cmp);
    (first, samples[50], samples[99], size)
}

struct Load {
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
}

/// One load run of `oha` (pinned, `scripts/bench-pages.sh` installs it):
/// `connections` connections for `seconds` seconds, in-flight requests
/// waited for at the end (not counted as failures), its JSON summary read.
fn oha(address: std::net::SocketAddr, path: &str, cookie: Option<&str>, connections: u32, seconds: u32) -> Load {
    let mut command = std::process::Command::new("oha");
    command.args(["--no-tui", "--output-format", "json", "--wait-ongoing-requests-after-deadline"]);
    command.args(["-c", &connections.to_string(), "-z", &format!("{seconds}s"), "-t", "10s"]);
    if let Some(cookie) = cookie {
        command.args(["-H", &format!("Cookie: {cookie}")]);
    }
    // `SESAME_BENCH_OHA="--disable-compression"`: more of oha's options.
    command.args(std::env::var("SESAME_BENCH_OHA").unwrap_or_default().split_whitespace());
    let output =
        command.arg(format!("http://{address}{path}")).output().expect("oha (scripts/bench-pages.sh installs it)");
    assert!(output.status.success(), "oha: {}", String::from_utf8_lossy(&output.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("oha's JSON summary");
    let number = |pointer: &str| summary.pointer(pointer).and_then(serde_json::Value::as_f64).unwrap_or(f64::NAN);
    let not_ok: u64 = summary["statusCodeDistribution"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(status, _)| !status.starts_with('2'))
        .filter_map(|(_, n)| n.as_u64())
        .sum();
    let failed: u64 =
        summary["errorDistribution"].as_object().into_iter().flatten().filter_map(|(_, n)| n.as_u64()).sum();
    Load {
        requests_per_second: number("/metrics/requests_per_sec"),
        p50_ms: number("/metrics/latency_ms/p50"),
        p99_ms: number("/metrics/latency_ms/p99"),
        errors: not_ok + failed,
    }
}

fn env_number(name: &str, default: u32) -> u32 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() {
    // The server's own default filter (main.rs): its spans are part of the cost.
    // `SESAME_LOG=sqlx=debug` prints each query (to count a page's), on stderr.
    match std::env::var("SESAME_LOG") {
        Ok(filter) => tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init(),
        Err(_) => tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("info,sqlx=warn"))
            .with_writer(std::io::sink)
            .init(),
    }
    let connections = env_number("SESAME_BENCH_CONNECTIONS", 200);
    let seconds = env_number("SESAME_BENCH_SECONDS", 10);
    let (state, dir) = support::state("pages").await;
    sesame_server::demo::seed(&state).await.unwrap();
    let router = support::app_router(state.clone());
    let (me, application) = candidate(&state, &router).await;
    let staff = call(
        &router,
        "/api/session/connexion-gestion",
        &[("identifiant", sesame_server::demo::ADMIN_EMAIL), ("mot_de_passe", sesame_server::demo::ADMIN_PASSWORD)],
        None,
    )
    .await
    .cookie
    .unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(sesame_server::listen::serve(listener, router, std::future::pending()));

    let pieces = format!("/candidatures/{application}");
    let pages: [(&str, &str, Option<&str>); 8] = [
        ("/healthz (reference)", "/healthz", None),
        ("sign-in page, anonymous", "/connexion", None),
        ("candidate's home", "/", Some(&me)),
        ("home, anonymous", "/", None),
        ("sign-in page, uncached", "/connexion?x=1", None),
        ("the offer", "/candidatures/offre", Some(&me)),
        ("an application's pieces", &pieces, Some(&me)),
        ("staff list, page 1", "/gestion/candidatures", Some(&staff)),
    ];
    // `SESAME_BENCH_ONLY=home` (any part of a label): those pages and the reference, for a profile.
    let only = std::env::var("SESAME_BENCH_ONLY").unwrap_or_default();
    let pages: Vec<_> = pages
        .into_iter()
        .enumerate()
        .filter(|(i, (label, _, _))| *i == 0 || only.is_empty() || label.contains(only.as_str()))
        .map(|(_, page)| page)
        .collect();
    println!("kept-alive connection, 100 sequential GETs: first / median / slowest");
    for &(label, path, cookie) in &pages {
        let (first, median, slowest, size) = kept_alive(address, path, cookie).await;
        println!(
            "  {label:<26} {first:7.2} / {median:6.2} / {slowest:6.2} ms  (median {:.2}× the first)  {:6.1} KiB",
            median / first,
            size as f64 / 1024.0
        );
    }
    println!("oha, {connections} connections, {seconds} s each: requests/s, p50, p99, errors, share of /healthz");
    let mut reference = f64::NAN;
    for &(label, path, cookie) in &pages {
        let load = tokio::task::spawn_blocking({
            let (path, cookie) = (path.to_owned(), cookie.map(str::to_owned));
            move || oha(address, &path, cookie.as_deref(), connections, seconds)
        })
        .await
        .unwrap();
        if reference.is_nan() {
            reference = load.requests_per_second;
        }
        println!(
            "  {label:<26} {:9.0} req/s  p50 {:7.2} ms  p99 {:7.2} ms  errors {}  {:5.1} %",
            load.requests_per_second,
            load.p50_ms,
            load.p99_ms,
            load.errors,
            100.0 * load.requests_per_second / reference
        );
    }
    println!("peak RSS {} MiB", support::peak_rss_kib() / 1024);
    let _ = std::fs::remove_dir_all(dir);
}
