//! Queries, one module per table family. Functions take a connection so
//! that callers choose the transaction; SQL is portable across SQLite and
//! PostgreSQL (see `db.rs`).

pub mod accounts;
pub mod answers;
pub mod applications;
pub mod campaign_lifecycle;
pub mod campaigns;
pub mod configuration;
pub mod decisions;
pub mod deletions;
pub mod dossier;
pub mod email_changes;
pub mod establishments;
pub mod jobs;
pub mod mail_templates;
pub mod outbox;
pub mod pieces;
pub mod resets;
pub mod review;
pub mod sessions;
pub mod staff_accounts;
pub mod throttle;
pub mod unlocks;

/// The formations of the active campaign (`formation_id IN (…)`): what
/// candidates see and what the deadline jobs act on; an archived campaign
/// is out of both.
pub(crate) const ACTIVE_FORMATIONS: &str =
    "SELECT f2.id FROM formations f2 JOIN centres c2 ON c2.id = f2.centre_id JOIN campaigns k2 ON k2.id = c2.campaign_id WHERE k2.active = 1";

pub use sqlx::AnyConnection as Conn;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the row.
    #[error("already exists")]
    Duplicate,
    #[error(transparent)]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        if super::db::is_unique_violation(&error) {
            StoreError::Duplicate
        } else {
            StoreError::Db(error)
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
