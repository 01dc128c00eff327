//! How the server side's errors become the API's `AppError`, in one place.
//! A refusal the user can act on keeps its own variant; anything else is
//! `AppError::Internal` for the client, and its cause goes to the log here,
//! with the place it came from, so that a 500 always leaves a trace.

use std::fmt::Display;
use std::panic::Location;

use super::auth::hashing::HashError;
use super::store::StoreError;
use crate::error::AppError;

impl AppError {
    /// An unexpected failure: `what` says what was being done, `cause` why
    /// it failed. The client gets the generic answer; the log gets both and
    /// the caller's file and line.
    #[track_caller]
    pub fn internal(what: &str, cause: impl Display) -> AppError {
        let at = Location::caller();
        tracing::error!(%cause, at = %format_args!("{}:{}", at.file(), at.line()), "{what}");
        AppError::Internal
    }

    /// Something the database or the server's own state must hold is
    /// missing (a row a foreign key promises, the active campaign…).
    #[track_caller]
    pub fn missing(what: &str) -> AppError {
        AppError::internal(what, "missing")
    }
}

impl From<StoreError> for AppError {
    #[track_caller]
    fn from(error: StoreError) -> Self {
        AppError::internal("store", error)
    }
}

impl From<sqlx::Error> for AppError {
    #[track_caller]
    fn from(error: sqlx::Error) -> Self {
        StoreError::from(error).into()
    }
}

impl From<HashError> for AppError {
    fn from(error: HashError) -> Self {
        match error {
            HashError::Busy => AppError::Busy,
            HashError::Failed(cause) => AppError::internal("password hashing", cause),
        }
    }
}
