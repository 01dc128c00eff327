//! Bulk actions on the rows staff selected in the list: Complet /
//! Incomplet, a decision prepared, drafts published. Each row goes through
//! the same use case as on its own page, in its own transaction, with the
//! version the list showed: a row someone changed meanwhile, or one the
//! rules refuse, is reported and the others still change.

use super::auth::session::Signed;
use super::state::AppState;
use super::{decisions, review};
use crate::domain::problem::Problem;
use crate::error::AppError;
use crate::views::review::BulkOutcome;

/// At most this many rows at once (a page of the list is 25).
pub const MAX_ROWS: usize = 100;

/// The decision to prepare: kind, first rank (liste complémentaire), reason.
pub struct DecisionChoice {
    pub kind: String,
    pub rank: String,
    pub reason: String,
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn run(
    state: &AppState,
    signed: &Signed,
    action: &str,
    targets: &[(i64, i64)],
    choice: &DecisionChoice,
) -> Result<BulkOutcome, AppError> {
    if targets.is_empty() {
        return Err(AppError::invalid("lignes", Problem::Required));
    }
    if targets.len() > MAX_ROWS {
        return Err(AppError::invalid("lignes", Problem::TooLong { max: MAX_ROWS }));
    }
    if !matches!(action, "complet" | "incomplet" | "decision" | "publier") {
        return Err(AppError::invalid("action", Problem::UnknownChoice));
    }
    // A liste complémentaire numbers the rows from the first rank given.
    let first_rank = if action == "decision" && choice.kind == "liste_complementaire" {
        Some(
            choice
                .rank
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|r| *r >= 1)
                .ok_or_else(|| AppError::invalid("rang", Problem::RankInvalid))?,
        )
    } else {
        None
    };
    let mut outcome = BulkOutcome { done: 0, refused: Vec::new() };
    for (position, (id, version)) in targets.iter().enumerate() {
        let done = match action {
            "complet" | "incomplet" => review::set_status(state, signed, *id, *version, action, None).await,
            "publier" => decisions::publish(state, signed, *id, *version).await,
            _ => {
                let rank = first_rank.map(|r| (r + position as i64).to_string()).unwrap_or_default();
                decisions::prepare(state, signed, *id, *version, &choice.kind, &rank, &choice.reason).await
            }
        };
        match done {
            Ok(()) => outcome.done += 1,
            // A refused choice (no reason, unknown kind) is the same for
            // every row: say it once, on the form.
            Err(AppError::Invalid(errors)) if outcome.done == 0 && outcome.refused.is_empty() && !errors.is_empty() => {
                return Err(AppError::Invalid(errors))
            }
            Err(error) => outcome.refused.push((*id, error)),
        }
    }
    Ok(outcome)
}
