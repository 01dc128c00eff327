//! Benchmark (run with `cargo bench -p server --bench sign_in`, not part of
//! the tests): the Argon2id hash alone, then 50 concurrent sign-ins through
//! the real router on SQLite, then 500. Prints throughput and the process's peak
//! resident memory, before and after the burst.

use std::time::Instant;

use axum::body::Body;
use axum::http::{header, Request};
use tower::ServiceExt;

use app::domain::password::Password;
use app::server::auth::hashing::Hasher;
use app::server::db::Db;
use app::server::state::Settings;
use app::server::AppState;
use sesame_server::http::{leptos_options, router, ServerState};

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0)))
        .unwrap_or(0)
}

#[tokio::main]
async fn main() {
    println!("peak RSS at start: {} MiB", peak_rss_kib() / 1024);
    let password = Password::parse("Abcdefgh1!").unwrap();
    let hasher = Hasher::new(1);
    let hash = hasher.hash(&password).await.unwrap();
    let rounds = 20;
    let start = Instant::now();
    for _ in 0..rounds {
        assert!(hasher.verify("Abcdefgh1!", Some(&hash)).await);
    }
    let per_hash = start.elapsed() / rounds;
    println!("argon2id m=19MiB t=2 p=1: {:.1} ms per verification (1 thread)", per_hash.as_secs_f64() * 1000.0);

    println!("peak RSS after the hashes: {} MiB", peak_rss_kib() / 1024);
    let dir = std::env::temp_dir().join(format!("sesame-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = Db::connect(&format!("sqlite://{}/b.db", dir.display())).await.unwrap();
    db.migrate().await.unwrap();
    let state = AppState::new(
        db,
        Settings { public_url: "http://b".into(), secure_cookies: false, secret: vec![7; 32], assistance_email: "a@b.fr".into(), files_dir: dir.join("files"), max_upload_bytes: app::domain::upload::DEFAULT_MAX_BYTES },
    );
    sesame_server::staff::add(&state, "bench@sesame.test", "Bench", sesame_server::staff::Role::Gestionnaire, "Abcdefgh1!").await.unwrap();
    let app = router(ServerState { leptos_options: leptos_options(std::path::Path::new("target/site"), "127.0.0.1:0".parse().unwrap()), app: state });
    let before = peak_rss_kib();
    println!("peak RSS with the router built: {} MiB", before / 1024);
    for attempts in [50usize, 500] {
        let start = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..attempts {
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                let request = Request::post("/api/session/connexion-gestion")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "application/json")
                    .body(Body::from("identifiant=bench%40sesame.test&mot_de_passe=Abcdefgh1%21"))
                    .unwrap();
                app.oneshot(request).await.unwrap().status()
            }));
        }
        for task in tasks {
            assert!(task.await.unwrap().is_success());
        }
        let elapsed = start.elapsed();
        println!(
            "{attempts} concurrent staff sign-ins: {:.2} s, {:.1} sign-ins/s ({:.2}× the single-thread hash rate); peak RSS {} MiB",
            elapsed.as_secs_f64(),
            attempts as f64 / elapsed.as_secs_f64(),
            (attempts as f64 / elapsed.as_secs_f64()) * per_hash.as_secs_f64(),
            peak_rss_kib() / 1024
        );
    }
}
