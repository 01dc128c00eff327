//! One pool for SQLite and PostgreSQL: sqlx's `Any` driver with portable
//! SQL (`$1` placeholders, BIGINT seconds for time, TEXT for the rest).
//! See ARCHITECTURE.md for why `Any` rather than one trait per backend.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyQueryResult};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl FromStr for Backend {
    type Err = String;
    fn from_str(url: &str) -> Result<Self, String> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err("attendu sqlite://… ou postgres://…".into())
        }
    }
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

impl Db {
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_str(url).map_err(|e| sqlx::Error::Configuration(e.into()))?;
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            Backend::Sqlite => {
                options
                    .max_connections(8)
                    // A file in this process cannot drop its connection: the
                    // ping before each use was one more round trip to the
                    // connection's thread, five a page (PostgreSQL keeps it:
                    // a server restarts, a proxy cuts idle connections).
                    .test_before_acquire(false)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
                                .await
                                .map(|_| ())
                        })
                    })
                    .connect(&sqlite_url_creating_file(url))
                    .await?
            }
            Backend::Postgres => options.max_connections(16).connect(url).await?,
        };
        Ok(Db { pool, backend })
    }

    /// The migrations, then the data they leave to Rust: the search keys of
    /// rows written before migration 0021.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        let mut conn = self.pool.acquire().await?;
        let filled = super::store::accounts::fill_search_keys(&mut conn).await?;
        if filled > 0 {
            tracing::info!(filled, "search keys filled");
        }
        Ok(())
    }

    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(|_| ())
    }
}

/// `sqlite://data/sesame.db` creates the file when missing.
fn sqlite_url_creating_file(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// True when a conditional update changed exactly the rows expected.
pub fn changed(result: &AnyQueryResult) -> bool {
    result.rows_affected() > 0
}

/// Unique-constraint violations, told apart from other failures.
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            db.is_unique_violation() || db.code().as_deref() == Some("2067") || db.code().as_deref() == Some("1555")
        }
        _ => false,
    }
}
