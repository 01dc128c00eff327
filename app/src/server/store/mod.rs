//! Queries, one module per table family. Functions take a connection so
//! that callers choose the transaction; SQL is portable across SQLite and
//! PostgreSQL (see `db.rs`).

pub mod accounts;
pub mod answers;
pub mod applications;
pub mod campaigns;
pub mod configuration;
pub mod decisions;
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
