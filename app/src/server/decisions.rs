//! Decisions on complete dossiers: prepared as a draft, then published
//! ("valider"), which shows it to the candidate and mails it, in one
//! transaction with its audit line. Same scope and version rules as every
//! staff change (`review::claim`).

use super::auth::session::Signed;
use super::mail;
use super::review::{begin_change, Change};
use super::state::AppState;
use super::store::{accounts, campaigns, decisions, review};
use crate::domain::decision::{may_decide, parse_decision, Decision, DecisionKind};
use crate::domain::language::Language;
use crate::domain::review::ReviewRefusal;
use crate::error::AppError;

/// The audit line of a decision: "<kind>\t<rank>\t<reason>".
pub fn event_detail(d: &Decision) -> String {
    format!(
        "{}\t{}\t{}",
        d.kind.code(),
        d.rank.map(|r| r.to_string()).unwrap_or_default(),
        d.reason.clone().unwrap_or_default()
    )
}

pub fn from_event_detail(detail: &str) -> Option<Decision> {
    let mut parts = detail.splitn(3, '\t');
    let kind = DecisionKind::from_code(parts.next()?)?;
    let rank = parts.next().and_then(|r| r.parse().ok());
    let reason = parts.next().filter(|r| !r.is_empty()).map(str::to_owned);
    Some(Decision { kind, rank, reason })
}

#[tracing::instrument(skip_all, fields(account = signed.account_id, id, version))]
pub async fn prepare(
    state: &AppState,
    signed: &Signed,
    id: i64,
    version: i64,
    kind: &str,
    rank: &str,
    reason: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let reasons = {
        let mut conn = state.db.pool.acquire().await?;
        let campaign = campaigns::active(&mut conn).await?.ok_or(AppError::NotFound)?.id;
        campaigns::decision_reasons(&mut conn, campaign).await?
    };
    let decision = parse_decision(kind, rank, reason, &reasons)?;
    let Change { mut tx, scope, application: a } = begin_change(state, signed, id, version).await?;
    if !may_decide(a.status) {
        return Err(AppError::ReviewRefused(ReviewRefusal::NotComplete));
    }
    decisions::put_draft(&mut tx, id, &decision, scope.staff_id, now).await?;
    review::add_event(&mut tx, id, Some(scope.staff_id), "decision_draft", &event_detail(&decision), now).await?;
    tx.commit().await?;
    Ok(())
}

/// The `a_faire` of a favourable decision's mail: answer by the last day.
pub(crate) fn answer_by(language: Language, last_day: &str) -> String {
    match language {
        Language::Fr => format!("Vous devez confirmer votre candidature (« Confirmation candidature ») ou vous désister (« Désistement candidature ») avant le {last_day} (23:59) depuis votre espace de candidature ; passé ce délai sans réponse, votre place sera libérée.\n\n"),
        Language::En => format!("You must confirm your application or withdraw it from your applicant area by {last_day} at 23:59 (Paris time). If you have not answered by then, your place will be released.\n\n"),
    }
}

#[tracing::instrument(skip_all, fields(account = signed.account_id, id, version))]
pub async fn publish(state: &AppState, signed: &Signed, id: i64, version: i64) -> Result<(), AppError> {
    let now = state.clock.now();
    let Change { mut tx, scope, application: a } = begin_change(state, signed, id, version).await?;
    if !may_decide(a.status) {
        return Err(AppError::ReviewRefused(ReviewRefusal::NotComplete));
    }
    let decision = decisions::publish(&mut tx, id, scope.staff_id, now)
        .await?
        .ok_or(AppError::ReviewRefused(ReviewRefusal::NoDraft))?;
    review::add_event(&mut tx, id, Some(scope.staff_id), "decision", &event_detail(&decision), now).await?;
    let candidate = accounts::candidate_by_id(&mut tx, a.candidate_id).await?.ok_or(AppError::NotFound)?;
    // A favourable decision awaits the candidate's answer until its deadline.
    let to_do = if decision.kind == DecisionKind::Favorable {
        let deadline = super::answers::open(&mut tx, id, a.formation_id, now).await?;
        answer_by(candidate.language, &super::answers::last_day_in(deadline, candidate.language))
    } else {
        String::new()
    };
    let message = mail::compose(
        &mut tx,
        &mail::DECISION_PUBLISHED,
        candidate.language,
        &[
            ("prenom", &candidate.prenom),
            ("nom", &candidate.nom),
            ("formation", &a.formation),
            ("centre", &a.centre),
            ("decision", &super::words::decision(&decision, candidate.language)),
            ("a_faire", &to_do),
            ("lien", &state.link(&format!("/candidatures/{id}"))),
        ],
        &state.settings.assistance_email,
    )
    .await?;
    mail::queue(&mut tx, &format!("decision:{id}:{version}"), &candidate.email, &message, now).await?;
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}
