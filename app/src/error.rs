//! The one error type of the API layer: what a server function may answer.
//! It travels to the browser as JSON; `status()` gives its HTTP status
//! (applied once, by the server's `api_status` middleware) and
//! `components::messages` gives its words.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::FieldErrors;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Some fields were refused; nothing was changed.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// Sign-in refused, without saying whether the account exists.
    #[error("bad credentials")]
    BadCredentials,
    #[error("too many attempts")]
    TooManyAttempts,
    /// Too many requests from one client in a minute (`server::burst`).
    #[error("too fast")]
    TooFast,
    /// The server is saturated (password hashing queue full): try again in
    /// a moment; nothing was done.
    #[error("busy")]
    Busy,
    #[error("not signed in")]
    NotSignedIn,
    /// Absent, or not yours: the two are never told apart.
    #[error("not found")]
    NotFound,
    /// A link (activation, reset) that is unknown, used or past its date.
    #[error("link expired")]
    LinkExpired,
    #[error("internal error")]
    Internal,
    /// "Candidater" refused, with the reason.
    #[error("application refused")]
    ApplyRefused(crate::domain::application::ApplyRefusal),
    /// A pièce justificative file refused, with the reason.
    #[error("file refused")]
    FileRefused(crate::domain::upload::UploadProblem),
    /// A staff action refused by the review rules, with the reason.
    #[error("review refused")]
    ReviewRefused(crate::domain::review::ReviewRefusal),
    /// Confirming or withdrawing refused, with the reason.
    #[error("answer refused")]
    AnswerRefused(crate::domain::confirmation::AnswerRefusal),
    /// Account deletion refused: applications still in progress.
    #[error("deletion refused")]
    DeletionRefused(crate::domain::account_deletion::DeletionRefused),
    /// The thing changed meanwhile (another tab, a double click, staff):
    /// nothing was done; reload and look again.
    #[error("conflict")]
    Conflict,
    /// Past the formation's date limite de retour (this day, included).
    #[error("return deadline passed")]
    ReturnClosed(crate::domain::date::Day),
    /// A state-changing request another site made the browser send.
    #[error("cross-site request")]
    CrossSite,
    /// The request itself was malformed (missing or unreadable arguments).
    #[error("bad request: {0}")]
    BadRequest(String),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::BadCredentials | AppError::NotSignedIn => 401,
            AppError::TooManyAttempts | AppError::TooFast => 429,
            AppError::Busy => 503,
            AppError::NotFound => 404,
            AppError::LinkExpired => 410,
            AppError::Internal => 500,
            AppError::BadRequest(_) => 400,
            AppError::CrossSite => 403,
            AppError::ApplyRefused(_)
            | AppError::ReviewRefused(_)
            | AppError::AnswerRefused(_)
            | AppError::DeletionRefused(_)
            | AppError::Conflict
            | AppError::ReturnClosed(_) => 409,
            AppError::FileRefused(crate::domain::upload::UploadProblem::TooLarge { .. }) => 413,
            AppError::FileRefused(_) => 422,
        }
    }

    /// One field refused.
    pub fn invalid(field: &str, problem: crate::domain::Problem) -> AppError {
        let mut errors = FieldErrors::new();
        errors.add(field, problem);
        AppError::Invalid(errors)
    }

    pub fn field(&self, name: &str) -> Option<&crate::domain::Problem> {
        match self {
            AppError::Invalid(errors) => errors.get(name),
            _ => None,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Invalid(errors)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::ServerError(_) => AppError::Internal,
            other => AppError::BadRequest(other.to_string()),
        }
    }
}
