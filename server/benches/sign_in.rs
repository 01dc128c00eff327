//! Benchmark (run with `cargo bench -p server --bench sign_in`, not part of
//! the tests): the Argon2id hash alone, then 50 concurrent sign-ins through
//! the real router on SQLite (each to its own account from its own address,
//! with the three throttling counters counted before each check), then 500
//! (past the hashing queue of 64: 503 at once). Prints throughput and the
//! process's peak resident memory, before and after the burst.

mod support;

use std::time::Instant;

use axum::body::Body;
use axum::http::{header, Request};
use tower::ServiceExt;

use app::domain::password::Password;
use app::domain::review::StaffRole;
use app::server::auth::hashing::Hasher;

#[tokio::main]
async fn main() {
    println!("peak RSS at start: {} MiB", support::peak_rss_kib() / 1024);
    let password = Password::parse("Abcdefgh1!").unwrap();
    let hasher = Hasher::new(1);
    let hash = hasher.hash(&password).await.unwrap();
    let rounds = 20;
    let start = Instant::now();
    for _ in 0..rounds {
        assert!(hasher.verify("Abcdefgh1!", Some(&hash)).await.unwrap());
    }
    let per_hash = start.elapsed() / rounds;
    println!("argon2id m=19MiB t=2 p=1: {:.1} ms per verification (1 thread)", per_hash.as_secs_f64() * 1000.0);

    println!("peak RSS after the hashes: {} MiB", support::peak_rss_kib() / 1024);
    let (state, _dir) = support::state("sign-in").await;
    // As on a real morning: each person their own account, from their own address
    // (one account from one address would be throttled past five at once, by design).
    for n in 0..500 {
        sesame_server::staff::add(
            &state,
            &format!("bench{n}@sesame.test"),
            "Bench",
            StaffRole::Gestionnaire,
            "Abcdefgh1!",
        )
        .await
        .unwrap();
    }
    let app = support::app_router(state);
    let before = support::peak_rss_kib();
    println!("peak RSS with the router built: {} MiB", before / 1024);
    for attempts in [50usize, 500] {
        let start = Instant::now();
        let mut tasks = Vec::new();
        for n in 0..attempts {
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                let peer: std::net::SocketAddr = format!("10.1.{}.{}:40000", n / 250, n % 250 + 1).parse().unwrap();
                let request = Request::post("/api/session/connexion-gestion")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "application/json")
                    .extension(axum::extract::ConnectInfo(peer))
                    .body(Body::from(format!("identifiant=bench{n}%40sesame.test&mot_de_passe=Abcdefgh1%21")))
                    .unwrap();
                app.oneshot(request).await.unwrap().status()
            }));
        }
        let (mut signed_in, mut busy) = (0usize, 0usize);
        for task in tasks {
            let status = task.await.unwrap();
            if status.is_success() || status.is_redirection() {
                signed_in += 1;
            } else {
                // Past the hashing queue (64), the server answers 503 at once.
                assert_eq!(status, axum::http::StatusCode::SERVICE_UNAVAILABLE);
                busy += 1;
            }
        }
        let elapsed = start.elapsed();
        println!(
            "{attempts} concurrent staff sign-ins: {signed_in} signed in, {busy} told to retry (503), {:.2} s, {:.1} sign-ins/s ({:.2}× the single-thread hash rate); peak RSS {} MiB",
            elapsed.as_secs_f64(),
            signed_in as f64 / elapsed.as_secs_f64(),
            (signed_in as f64 / elapsed.as_secs_f64()) * per_hash.as_secs_f64(),
            support::peak_rss_kib() / 1024
        );
    }
}
