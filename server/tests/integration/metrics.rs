//! `/metrics` (issue 16) on SQLite and PostgreSQL: requests by route and
//! status, uploads and their sizes, mails, job runs, the outbox's depth
//! and the database pool; readable from the loopback and the allowed
//! networks only, behind a trusted proxy by the client's address.

use crate::support::{Reply, TestApp};

use axum::body::Body;
use axum::http::{Request, StatusCode};

/// The gauges are the process's: one test scrapes at a time.
static SCRAPE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn metrics_from(app: &TestApp, address: Option<&str>, forwarded: Option<&str>) -> Reply {
    let mut request = Request::get("/metrics");
    if let Some(address) = address {
        let peer: std::net::SocketAddr = format!("{address}:40000").parse().unwrap();
        request = request.extension(axum::extract::ConnectInfo(peer));
    }
    if let Some(hops) = forwarded {
        request = request.header("x-forwarded-for", hops);
    }
    app.send(request.body(Body::empty()).unwrap()).await
}

/// The value of the first sample whose line starts with `prefix`.
fn sample(text: &str, prefix: &str) -> Option<f64> {
    text.lines().find(|l| l.starts_with(prefix)).and_then(|l| l.rsplit(' ').next()).and_then(|v| v.parse().ok())
}

on_both_databases!(metrics_tell_requests_uploads_mail_and_jobs_to_allowed_addresses_only, |app: TestApp| async move {
    let _one_at_a_time = SCRAPE.lock().await;
    // Anyone else: nothing to see, as for a path that does not exist.
    assert_eq!(metrics_from(&app, None, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(metrics_from(&app, Some("203.0.113.9"), None).await.status, StatusCode::NOT_FOUND);
    // Behind a trusted proxy on the loopback, the client behind it decides.
    let app = app.with_settings(|s| {
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        s.metrics_allow = vec!["10.20.0.0/16".parse().unwrap()];
    });
    assert_eq!(metrics_from(&app, Some("127.0.0.1"), Some("203.0.113.9")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(metrics_from(&app, Some("127.0.0.1"), Some("10.20.3.4")).await.status, StatusCode::OK);
    assert_eq!(metrics_from(&app, Some("10.20.3.4"), None).await.status, StatusCode::OK);

    // Requests, an upload, mails queued, a job.
    let before = metrics_from(&app, Some("127.0.0.1"), None).await.body;
    let healthz = |text: &str| sample(text, "http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}");
    let accepted = |text: &str| sample(text, "sesame_uploads_total{outcome=\"accepted\"}");
    for _ in 0..3 {
        assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
    }
    assert_eq!(app.get("/une/page/123/inexistante", None).await.status, StatusCode::NOT_FOUND);
    // Paths a visitor makes up, on routes that answer: the route's pattern.
    for token in ["jeton-un", "jeton-deux"] {
        assert_eq!(app.get(&format!("/compte/valider/{token}"), None).await.status, StatusCode::OK);
        let made_up = app.call(&format!("/api/{token}"), &[], None).await;
        assert!(made_up.status.is_client_error(), "{}", made_up.status);
    }
    let odd = Request::builder().method("BROUILLARD").uri("/healthz").body(Body::empty()).unwrap();
    app.send(odd).await;
    let w = crate::review::world(&app).await;
    crate::review::transmitted(&app, &w, "metriques@example.fr", "METRIQUES").await;
    let mailer = sesame_server::mailer::Mailer::new(
        sesame_server::mailer::Transport::Files(std::env::temp_dir().join("sesame-test-outbox")),
        "Sésame <ne-pas-repondre@sesame.test>".parse().unwrap(),
    );
    sesame_server::jobs::run(&app.state, &mailer, sesame_server::jobs::Job::PurgeExpired).await.unwrap();

    let reply = metrics_from(&app, Some("127.0.0.1"), None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let text = reply.body;
    assert!(healthz(&text).unwrap() >= healthz(&before).unwrap_or(0.0) + 3.0, "{text}");
    assert!(text.contains("route=\"inconnue\",status=\"404\""), "unknown paths are one label");
    assert!(!text.contains("inexistante"));
    assert!(!text.contains("jeton"), "no label from a path a visitor chose");
    assert!(text.contains("route=\"/compte/valider/{token}\""), "{text}");
    assert!(!text.contains("BROUILLARD") && text.contains("method=\"autre\""));
    assert!(text.contains("http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"0.0005\"}"));
    // Two pieces of the transmitted application, each a 3,000-byte PDF.
    assert!(accepted(&text).unwrap() >= accepted(&before).unwrap_or(0.0) + 2.0);
    assert!(sample(&text, "sesame_upload_bytes_bucket{le=\"10000\"}").unwrap() >= 2.0);
    assert!(sample(&text, "sesame_job_runs_total{job=\"purge-expired\",outcome=\"ok\"}").unwrap() >= 1.0);
    // This database's outbox: the account's validation mail and the
    // application's, none sent (no worker in the tests).
    let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(pending >= 2);
    assert_eq!(sample(&text, "sesame_outbox_pending "), Some(pending as f64));
    assert!(sample(&text, "sesame_outbox_oldest_age_seconds ").is_some());
    assert!(sample(&text, "sesame_db_pool_max ").unwrap() >= 1.0);
});

on_both_databases!(ready_means_the_database_and_the_file_store_answer, |app: TestApp| async move {
    assert_eq!(app.get("/readyz", None).await.status, StatusCode::OK);
    // A file store that cannot take a file: not ready.
    let blocked = std::env::temp_dir().join(format!("sesame-not-a-dir-{}", std::process::id()));
    std::fs::write(&blocked, b"a file where the folder should be").unwrap();
    let app = app.with_settings(|s| s.files = app::server::files::FileStore::folder(blocked.clone()));
    let reply = app.get("/readyz", None).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.body, "file store not writable");
    let _ = std::fs::remove_file(&blocked);
});
