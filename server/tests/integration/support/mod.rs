//! A real router over a real database, SQLite or PostgreSQL, per test.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use sqlx::Row;
use tower::ServiceExt;

use app::server::db::{Backend, Db};
use app::server::state::Settings;
use app::server::AppState;
use sesame_server::http::{leptos_options, router, ServerState};

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub backend: Backend,
    /// The database's address (a second server may open it).
    pub url: String,
}

pub struct Reply {
    pub status: StatusCode,
    /// The first `Set-Cookie`'s name=value.
    pub cookie: Option<String>,
    /// Every `Set-Cookie`'s name=value.
    pub cookies: Vec<String>,
    pub location: Option<String>,
    pub retry_after: Option<String>,
    pub body: String,
}

fn random_suffix() -> String {
    app::server::auth::tokens::random_token()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(12)
        .collect::<String>()
        .to_lowercase()
}

/// Where a test's files go: a folder of its own, or a prefix of its own
/// in the S3 test bucket (`scripts/s3.sh`: moto on loopback).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Storage {
    Folder,
    Bucket,
}

pub async fn spawn(backend: Backend) -> TestApp {
    spawn_with(backend, Storage::Folder).await
}

/// The test bucket under a fresh prefix.
pub fn test_bucket() -> app::server::files::FileStore {
    let url = std::env::var("SESAME_TEST_S3_URL")
        .expect("SESAME_TEST_S3_URL must name an S3 test bucket (scripts/test.sh starts moto)");
    let (base, query) = url.split_once('?').unwrap_or((&url, ""));
    let location = app::server::files::Location::parse(&format!("{base}/t{}?{query}", random_suffix()), || {
        Ok(app::server::files::Credentials { access_key_id: "testing".into(), secret_access_key: "testing".into() })
    })
    .unwrap();
    app::server::files::FileStore::open(&location).unwrap()
}

pub async fn spawn_with(backend: Backend, storage: Storage) -> TestApp {
    let dir = std::env::temp_dir().join(format!("sesame-test-{}", random_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = match backend {
        Backend::Sqlite => format!("sqlite://{}/t.db", dir.display()),
        Backend::Postgres => {
            let admin = std::env::var("SESAME_TEST_PG_URL")
                .expect("SESAME_TEST_PG_URL must name a PostgreSQL server (scripts/test.sh provides one)");
            let name = format!("sesame_t_{}", random_suffix());
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(&admin).await.expect("PostgreSQL reachable");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
            pool.close().await;
            let base = admin.rsplit_once('/').map(|(base, _)| base.to_owned()).unwrap();
            format!("{base}/{name}")
        }
    };
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    let settings = Settings {
        public_url: "http://sesame.test".into(),
        secure_cookies: false,
        secret: b"0123456789abcdef0123456789abcdef".to_vec(),
        assistance_email: "assistance@sesame.test".into(),
        files: match storage {
            Storage::Folder => app::server::files::FileStore::folder(dir.join("files")),
            Storage::Bucket => test_bucket(),
        },
        max_upload_bytes: app::domain::upload::DEFAULT_MAX_BYTES,
        trusted_proxies: Vec::new(),
        metrics_allow: Vec::new(),
        session_lifetime: app::server::auth::session::DEFAULT_LIFETIME,
        burst_per_minute: app::server::state::DEFAULT_BURST_PER_MINUTE,
        university: None,
    };
    let state = AppState::new(db, settings);
    let mut conn = state.db.pool.acquire().await.unwrap();
    app::server::store::campaigns::ensure_campaign(&mut conn, "T", "Campagne eCesure 2026/2027", "2026/2027", 0)
        .await
        .unwrap();
    drop(conn);
    let options = leptos_options(std::path::Path::new("target/site"), "127.0.0.1:0".parse().unwrap());
    let router = router(ServerState { leptos_options: options, app: state.clone() });
    TestApp { router, state, backend, url }
}

impl TestApp {
    /// Another handle on the same app (database, files, settings).
    pub fn clone_for_test(&self) -> TestApp {
        TestApp { router: self.router.clone(), state: self.state.clone(), backend: self.backend, url: self.url.clone() }
    }

    /// The same app (database, files) with settings changed, for the whole test.
    pub fn with_settings(mut self, change: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = (*self.state.settings).clone();
        change(&mut settings);
        self.state = self.state.with_settings(settings);
        let options = leptos_options(std::path::Path::new("target/site"), "127.0.0.1:0".parse().unwrap());
        self.router = router(ServerState { leptos_options: options, app: self.state.clone() });
        self
    }

    /// A second router over the same database and files, with settings
    /// changed (https, a lower limit…).
    pub fn router_with(&self, change: impl FnOnce(&mut Settings)) -> Router {
        let mut settings = (*self.state.settings).clone();
        change(&mut settings);
        let state = self.state.with_settings(settings);
        let options = leptos_options(std::path::Path::new("target/site"), "127.0.0.1:0".parse().unwrap());
        router(ServerState { leptos_options: options, app: state })
    }

    /// Every stored file's name, sorted; in a folder, what interrupted
    /// writes left in `tmp/` too (as `tmp/NAME`).
    pub async fn stored_files(&self) -> Vec<String> {
        use futures::TryStreamExt;
        let store = &self.state.settings.files;
        let listed: std::io::Result<Vec<String>> = store.list().map_ok(|e| e.name).try_collect().await;
        let mut names = match listed {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            other => other.unwrap(),
        };
        if let Some(root) = store.local_root() {
            if let Ok(tmp) = std::fs::read_dir(root.join("tmp")) {
                names.extend(tmp.filter_map(|e| e.ok()).map(|e| format!("tmp/{}", e.file_name().to_string_lossy())));
            }
        }
        names.sort();
        names
    }

    /// A stored file's bytes, or None when it is not in the store.
    pub async fn stored_file(&self, name: &str) -> Option<Vec<u8>> {
        match self.state.settings.files.read(name).await {
            Ok(bytes) => Some(bytes.to_vec()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => panic!("{name}: {error}"),
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let header_text =
            |name| response.headers().get(name).and_then(|v: &header::HeaderValue| v.to_str().ok()).map(str::to_owned);
        let cookies: Vec<String> = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(|c| c.split(';').next().unwrap_or_default().to_owned())
            .collect();
        let cookie = cookies.first().cloned();
        let location = header_text(header::LOCATION);
        let retry_after = header_text(header::RETRY_AFTER);
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        Reply { status, cookie, cookies, location, retry_after, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// Calls a server function as the browser's WASM does (JSON answer).
    pub async fn call(&self, path: &str, fields: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        self.send(form_request(path, cookie).body(Body::from(form_body(fields))).unwrap()).await
    }

    /// A server function called from a client at `address` (the peer of
    /// the connection, as the real server records it).
    pub async fn call_from(&self, address: &str, path: &str, fields: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        let peer: std::net::SocketAddr = format!("{address}:40000").parse().unwrap();
        let request = form_request(path, cookie).extension(axum::extract::ConnectInfo(peer));
        self.send(request.body(Body::from(form_body(fields))).unwrap()).await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut request = Request::get(path);
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    pub async fn create_account(&self, email: &str, password: &str) -> Reply {
        self.create_named_account("Martin", "Léa", email, password).await
    }

    pub async fn create_named_account(&self, nom: &str, prenom: &str, email: &str, password: &str) -> Reply {
        self.call(
            "/api/compte/creer",
            &[
                ("nom", nom),
                ("prenom", prenom),
                ("email", email),
                ("email_confirmation", email),
                ("password", password),
                ("password_confirmation", password),
            ],
            None,
        )
        .await
    }

    pub async fn sign_in(&self, identifier: &str, password: &str) -> Reply {
        self.call("/api/session/connexion", &[("identifiant", identifier), ("mot_de_passe", password)], None).await
    }

    /// The staff sign-in form, as `/gestion/connexion` posts it.
    pub async fn staff_sign_in(&self, identifier: &str, password: &str) -> Reply {
        self.call("/api/session/connexion-gestion", &[("identifiant", identifier), ("mot_de_passe", password)], None)
            .await
    }

    /// Mails queued to this address, oldest first: (subject, text).
    pub async fn mails_to(&self, to: &str) -> Vec<(String, String)> {
        let rows = sqlx::query("SELECT subject, body_text FROM outbox WHERE to_addr = $1 ORDER BY id")
            .bind(to)
            .fetch_all(&self.state.db.pool)
            .await
            .unwrap();
        rows.into_iter().map(|r| (r.get("subject"), r.get("body_text"))).collect()
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(&self.state.db.pool)
            .await
            .unwrap()
            .get::<i64, _>("n")
    }

    /// Creates and validates an account; returns its login.
    pub async fn validated_account(&self, email: &str, password: &str) -> String {
        self.validated_named_account("Martin", "Léa", email, password).await
    }

    /// The same, with the candidate's nom and prénom.
    pub async fn validated_named_account(&self, nom: &str, prenom: &str, email: &str, password: &str) -> String {
        let created = self.create_named_account(nom, prenom, email, password).await;
        assert!(created.status.is_success() || created.status.is_redirection(), "{}", created.body);
        let (_, text) = self.mails_to(email).await.pop().expect("activation mail");
        let token = link_token(&text, "/compte/valider/");
        let reply = self.call("/api/compte/valider", &[("token", &token)], None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        serde_json::from_str::<String>(&reply.body).unwrap()
    }
}

fn form_body(fields: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish()
}

/// A form post to a server function, answered in JSON.
fn form_request(path: &str, cookie: Option<&str>) -> axum::http::request::Builder {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    match cookie {
        Some(c) => request.header(header::COOKIE, c),
        None => request,
    }
}

/// The token at the end of the first link containing `path`.
pub fn link_token(text: &str, path: &str) -> String {
    let start = text.find(path).unwrap_or_else(|| panic!("no {path} link in:\n{text}")) + path.len();
    text[start..].split_whitespace().next().unwrap().to_owned()
}

pub fn login_in(text: &str) -> String {
    let start = text.find("Login : ").expect("a login") + "Login : ".len();
    text[start..start + 8].to_owned()
}

/// Runs a test body on SQLite and on PostgreSQL.
macro_rules! on_both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = crate::support::spawn(app::server::db::Backend::Sqlite).await;
                ($body)(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let app = crate::support::spawn(app::server::db::Backend::Postgres).await;
                ($body)(app).await;
            }
        }
    };
}

/// A test of files: on both databases, with the files in a folder and in
/// the S3 test bucket.
macro_rules! on_every_store {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            use crate::support::Storage;
            use app::server::db::Backend;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                ($body)(crate::support::spawn_with(Backend::Sqlite, Storage::Folder).await).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                ($body)(crate::support::spawn_with(Backend::Postgres, Storage::Folder).await).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite_s3() {
                ($body)(crate::support::spawn_with(Backend::Sqlite, Storage::Bucket).await).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres_s3() {
                ($body)(crate::support::spawn_with(Backend::Postgres, Storage::Bucket).await).await;
            }
        }
    };
}
