//! What every request can reach: the database, the clock, the password
//! hasher, the settings, and the bell that wakes the mail worker.

use std::sync::Arc;

use tokio::sync::Notify;

use super::auth::hashing::Hasher;
use super::clock::Clock;
use super::db::Db;

/// The part of the configuration the app itself needs.
#[derive(Clone)]
pub struct Settings {
    /// Base of the links put in mails, without a trailing slash.
    pub public_url: String,
    /// Cookies get `Secure` when the public URL is https.
    pub secure_cookies: bool,
    /// Key of the hashes of tokens.
    pub secret: Vec<u8>,
    pub assistance_email: String,
    /// Where uploaded pieces are stored: a folder outside the web root,
    /// or a bucket (`SESAME_STORAGE_URL`, `files::store`).
    pub files: super::files::FileStore,
    /// The largest piece accepted, in bytes (2 MB by default).
    pub max_upload_bytes: u64,
    /// Proxies whose `X-Forwarded-For` is believed (none by default).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Besides the loopback, the networks that may read `/metrics`.
    pub metrics_allow: Vec<ipnet::IpNet>,
    /// A session ends this many seconds after sign-in, active or not.
    pub session_lifetime: i64,
    /// Posts a minute from one client to the forms open to anyone
    /// (`server/src/burst.rs`).
    pub burst_per_minute: u32,
    /// The university's CAS, when configured (`SESAME_CAS_URL`).
    pub university: Option<super::sso::University>,
}

/// Without the key of token hashes, which must never reach a log.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("public_url", &self.public_url)
            .field("secure_cookies", &self.secure_cookies)
            .field("secret", &"***")
            .field("files", &self.files)
            .field("max_upload_bytes", &self.max_upload_bytes)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("metrics_allow", &self.metrics_allow)
            .field("university", &self.university)
            .finish_non_exhaustive()
    }
}

/// 120 a minute: far above one person, below a script.
pub const DEFAULT_BURST_PER_MINUTE: u32 = 120;

/// What every request can reach, behind one `Arc`: pages and server
/// functions take it from the context many times a request, and cloning
/// seven shared handles each time (their counters bouncing between cores)
/// was a twentieth of a signed-in page's time (the pages bench's profile).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub db: Db,
    pub clock: Clock,
    pub hasher: Hasher,
    pub settings: Arc<Settings>,
    pub mail_bell: Arc<Notify>,
    /// PDF work's threads and the candidates whose work runs.
    pub pdf_work: Arc<super::pdf_work::PdfWork>,
    /// The university's student records (`school_records`).
    pub records: Arc<dyn super::school_records::StudentRecords>,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    pub fn new(db: Db, settings: Settings) -> Self {
        AppState(Arc::new(Shared {
            records: Arc::new(super::school_records::ImportedExport),
            db,
            clock: Clock::default(),
            hasher: Hasher::per_core(),
            settings: Arc::new(settings),
            mail_bell: Arc::new(Notify::new()),
            pdf_work: Arc::default(),
        }))
    }

    /// The same database, clock, workers and bell with other settings (a
    /// second router in the tests, https, a lower limit…).
    pub fn with_settings(&self, settings: Settings) -> Self {
        AppState(Arc::new(Shared {
            records: self.records.clone(),
            db: self.db.clone(),
            clock: self.clock.clone(),
            hasher: self.hasher.clone(),
            settings: Arc::new(settings),
            mail_bell: self.mail_bell.clone(),
            pdf_work: self.pdf_work.clone(),
        }))
    }

    pub fn token_hash(&self, token: &str) -> String {
        super::auth::tokens::keyed_hash(&self.settings.secret, token)
    }

    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.settings.public_url, path)
    }
}
