//! What the benchmarks share: a fresh SQLite state in a temporary folder,
//! the real router over it, and the process's peak memory.

use axum::Router;

use app::server::db::Db;
use app::server::state::Settings;
use app::server::AppState;
use sesame_server::http::{leptos_options, router, ServerState};

/// A migrated SQLite database under a temporary folder, and its state.
#[allow(dead_code)]
pub async fn state(name: &str) -> (AppState, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("sesame-bench-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    state_on(&format!("sqlite://{}/b.db", dir.display()), dir).await
}

/// A new PostgreSQL database `sesame_b_<name>_<pid>` on the server of
/// `admin_url` (dropped by `drop_postgres`), migrated, and its state.
#[allow(dead_code)]
pub async fn postgres_state(admin_url: &str, name: &str) -> (AppState, std::path::PathBuf, String) {
    use sqlx::Executor;
    let db_name = format!("sesame_b_{name}_{}", std::process::id());
    sqlx::any::install_default_drivers();
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(admin_url).await.unwrap();
    admin.execute(format!("DROP DATABASE IF EXISTS {db_name}").as_str()).await.unwrap();
    admin.execute(format!("CREATE DATABASE {db_name}").as_str()).await.unwrap();
    let url = match admin_url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{db_name}"),
        None => panic!("SESAME_BENCH_PG_URL must name a database"),
    };
    let dir = std::env::temp_dir().join(format!("sesame-bench-{name}-pg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (state, dir) = state_on(&url, dir).await;
    (state, dir, db_name)
}

#[allow(dead_code)]
pub async fn drop_postgres(admin_url: &str, db_name: &str) {
    use sqlx::Executor;
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(admin_url).await.unwrap();
    let _ = admin.execute(format!("DROP DATABASE IF EXISTS {db_name} WITH (FORCE)").as_str()).await;
}

async fn state_on(url: &str, dir: std::path::PathBuf) -> (AppState, std::path::PathBuf) {
    let db = Db::connect(url).await.unwrap();
    db.migrate().await.unwrap();
    let settings = Settings {
        public_url: "http://b".into(),
        secure_cookies: false,
        secret: vec![7; 32],
        assistance_email: "a@b.fr".into(),
        files: app::server::files::FileStore::folder(dir.join("files")),
        max_upload_bytes: app::domain::upload::DEFAULT_MAX_BYTES,
        trusted_proxies: Vec::new(),
        metrics_allow: Vec::new(),
        session_lifetime: app::server::auth::session::DEFAULT_LIFETIME,
        burst_per_minute: app::server::state::DEFAULT_BURST_PER_MINUTE,
        university: None,
    };
    (AppState::new(db, settings), dir)
}

#[allow(dead_code)]
pub fn app_router(state: AppState) -> Router {
    router(ServerState {
        leptos_options: leptos_options(std::path::Path::new("target/site"), "127.0.0.1:0".parse().unwrap()),
        app: state,
    })
}

#[allow(dead_code)]
pub fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0))
        })
        .unwrap_or(0)
}
