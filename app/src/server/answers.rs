//! After a favourable decision (issue 6): the deadline to answer, the
//! candidate's confirmation or withdrawal, the withdrawal when the deadline
//! passes, and the waiting list called when a place frees up. Each change,
//! its audit line and its mail are one transaction; places are filled
//! with the formation taken (`answers::lock_formation`), so two
//! withdrawals at once never call more candidates than there are places.

use super::auth::session::Signed;
use super::clock::{paris_date_in, paris_day, paris_day_start};
use super::mail;
use super::state::AppState;
use super::store::answers::{self, AnswerRow};
use super::store::{accounts, applications, review, Conn};
use crate::domain::confirmation::{deadline_day, may_confirm, may_withdraw, places_to_fill, Answer, DEFAULT_DAYS};
use crate::domain::date::{written_day, Day};
use crate::domain::decision::DecisionKind;
use crate::domain::language::Language;
use crate::error::AppError;

/// The end (exclusive, UTC seconds) of the last day to answer a favourable
/// decision published at `now`: the formation's confirmation date when it
/// is still ahead, else `DEFAULT_DAYS` days later, Europe/Paris.
pub fn deadline(now: i64, confirmation_day: Option<&str>) -> i64 {
    let today = paris_day(now);
    let last = match confirmation_day.and_then(Day::parse_iso) {
        Some(day) if day > today => day,
        _ => deadline_day(today, DEFAULT_DAYS),
    };
    paris_day_start(last.plus_days(1))
}

/// The last day to answer (Europe/Paris), for a page to write in its
/// language.
pub fn last_answer_day(deadline: i64) -> Day {
    paris_day(deadline - 1)
}

/// The last day to answer, as a candidate reads it in their language.
pub fn last_day_in(deadline: i64, language: Language) -> String {
    paris_date_in(deadline - 1, language)
}

pub fn answer_of(a: &AnswerRow) -> Answer {
    match (a.confirmed_at, a.withdrawn_at) {
        (_, Some(_)) => Answer::Withdrawn { by_deadline: a.by_deadline },
        (Some(_), None) => Answer::Confirmed,
        (None, None) => Answer::Awaited,
    }
}

fn kind(a: &AnswerRow) -> Option<DecisionKind> {
    a.decision
}

/// A favourable decision was just published (in the caller's transaction):
/// the answer is awaited until its deadline, which the mail says.
pub async fn open(conn: &mut Conn, application_id: i64, formation_id: i64, now: i64) -> Result<i64, AppError> {
    let day = answers::confirmation_day(conn, formation_id).await?;
    let deadline = deadline(now, day.as_deref());
    answers::open(conn, application_id, deadline).await?;
    Ok(deadline)
}

/// "Confirmation candidature".
#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn confirm(state: &AppState, signed: &Signed, id: i64) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    applications::lock_candidate(&mut tx, signed.account_id).await?;
    let a = answers::one(&mut tx, id, Some(signed.account_id)).await?.ok_or(AppError::NotFound)?;
    may_confirm(kind(&a), answer_of(&a), now, a.deadline).map_err(AppError::AnswerRefused)?;
    if !answers::confirm(&mut tx, id, signed.account_id, now).await? {
        return Err(AppError::Conflict);
    }
    review::add_event(&mut tx, id, None, "confirmation", "", now).await?;
    let me = accounts::candidate_by_id(&mut tx, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    let message = mail::compose(
        &mut tx,
        &mail::APPLICATION_CONFIRMED,
        me.language,
        &[
            ("prenom", &me.prenom),
            ("nom", &me.nom),
            ("date", &paris_date_in(now, me.language)),
            ("formation", &a.formation),
            ("centre", &a.centre),
            ("annee", &a.university_year),
            ("lien", &state.link(&format!("/candidatures/{id}"))),
        ],
        &state.settings.assistance_email,
    )
    .await?;
    mail::queue(&mut tx, &format!("confirmation:{id}"), &me.email, &message, now).await?;
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}

/// "Désistement candidature" (final; possible after confirming).
#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn withdraw(state: &AppState, signed: &Signed, id: i64) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    applications::lock_candidate(&mut tx, signed.account_id).await?;
    let a = answers::one(&mut tx, id, Some(signed.account_id)).await?.ok_or(AppError::NotFound)?;
    may_withdraw(kind(&a), answer_of(&a)).map_err(AppError::AnswerRefused)?;
    withdrawn(state, &mut tx, id, now, false).await?;
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}

/// Records a withdrawal (by the candidate, or by the deadline), mails it,
/// and calls the waiting list into the place freed.
/// The conditional update comes first: with SQLite, a transaction that
/// writes before it reads never meets a snapshot another writer changed.
async fn withdrawn(state: &AppState, tx: &mut Conn, id: i64, now: i64, by_deadline: bool) -> Result<(), AppError> {
    if !answers::withdraw(tx, id, now, by_deadline).await? {
        return Err(AppError::Conflict);
    }
    let a = answers::one(tx, id, None).await?.ok_or_else(|| AppError::missing("withdrawn application"))?;
    review::add_event(tx, a.id, None, if by_deadline { "desistement_delai" } else { "desistement" }, "", now).await?;
    let who = accounts::candidate_by_id(tx, a.candidate_id).await?.ok_or(AppError::NotFound)?;
    let reason = withdrawal_reason(who.language, by_deadline, a.deadline.unwrap_or(now), now);
    let message = mail::compose(
        tx,
        &mail::APPLICATION_WITHDRAWN,
        who.language,
        &[
            ("prenom", &who.prenom),
            ("nom", &who.nom),
            ("motif", &reason),
            ("formation", &a.formation),
            ("centre", &a.centre),
            ("annee", &a.university_year),
            ("lien", &state.link(&format!("/candidatures/{}", a.id))),
        ],
        &state.settings.assistance_email,
    )
    .await?;
    mail::queue(tx, &format!("withdrawal:{}", a.id), &who.email, &message, now).await?;
    call_waiting_list(state, tx, a.formation_id, now).await
}

/// The `motif` of the withdrawal mail, in the candidate's language.
pub(crate) fn withdrawal_reason(language: Language, by_deadline: bool, deadline: i64, now: i64) -> String {
    match (language, by_deadline) {
        (Language::Fr, true) => format!("Vous n'avez ni confirmé ni refusé l'avis favorable rendu sur votre candidature avant le {} : votre candidature est considérée comme un désistement.", last_day_in(deadline, language)),
        (Language::Fr, false) => format!("Vous vous êtes désisté·e le {} de votre candidature. Cette action est irréversible.", paris_date_in(now, language)),
        (Language::En, true) => format!("You neither confirmed nor declined the offer made on your application by {}, so your application is treated as a withdrawal.", last_day_in(deadline, language)),
        (Language::En, false) => format!("On {}, you withdrew your application. This cannot be undone.", paris_date_in(now, language)),
    }
}

/// Fills the places of the formation left free, from the waiting list in
/// rank order, never above capacity. The formation is taken first.
#[tracing::instrument(skip_all, fields(formation_id))]
pub async fn call_waiting_list(state: &AppState, tx: &mut Conn, formation_id: i64, now: i64) -> Result<(), AppError> {
    let (capacity, waiting_list) = answers::lock_formation(tx, formation_id).await?;
    if !waiting_list {
        return Ok(());
    }
    let places = places_to_fill(capacity, answers::holding(tx, formation_id).await?);
    if places == 0 {
        return Ok(());
    }
    let day = answers::confirmation_day(tx, formation_id).await?;
    for id in answers::waiting(tx, formation_id, places).await? {
        let deadline = deadline(now, day.as_deref());
        if !answers::promote(tx, id, deadline, now).await? {
            continue;
        }
        review::add_event(tx, id, None, "appel_liste_complementaire", "", now).await?;
        let a = answers::one(tx, id, None).await?.ok_or_else(|| AppError::missing("promoted application"))?;
        let who = accounts::candidate_by_id(tx, a.candidate_id).await?.ok_or_else(|| AppError::missing("candidate"))?;
        let message = mail::compose(
            tx,
            &mail::WAITING_LIST_CALLED,
            who.language,
            &[
                ("prenom", &who.prenom),
                ("nom", &who.nom),
                ("formation", &a.formation),
                ("centre", &a.centre),
                ("date_limite", &last_day_in(deadline, who.language)),
                ("lien", &state.link(&format!("/candidatures/{id}"))),
            ],
            &state.settings.assistance_email,
        )
        .await?;
        mail::queue(tx, &format!("waiting-list-called:{id}:{}", a.version), &who.email, &message, now).await?;
    }
    Ok(())
}

/// The scheduled job: favourable decisions unanswered past their deadline
/// become withdrawals (each in its own transaction); returns how many.
#[tracing::instrument(skip_all)]
pub async fn expire(state: &AppState) -> Result<u64, AppError> {
    let now = state.clock.now();
    let ids = {
        let mut conn = state.db.pool.acquire().await?;
        answers::expired(&mut conn, now).await?
    };
    let mut done = 0;
    for id in ids {
        let mut tx = state.db.pool.begin().await?;
        match withdrawn(state, &mut tx, id, now, true).await {
            Ok(()) => {
                tx.commit().await?;
                done += 1;
            }
            // Answered meanwhile: nothing to do.
            Err(AppError::Conflict) => {}
            Err(e) => return Err(e),
        }
    }
    if done > 0 {
        state.mail_bell.notify_one();
    }
    Ok(done)
}

/// The scheduled job's other half: a reminder `REMINDER_DAYS` before the
/// deadline of each favourable decision still awaited, once; returns how many.
#[tracing::instrument(skip_all)]
pub async fn remind(state: &AppState) -> Result<u64, AppError> {
    let now = state.clock.now();
    let ids = {
        let mut conn = state.db.pool.acquire().await?;
        answers::to_remind(&mut conn, now, now + crate::domain::confirmation::REMINDER_DAYS * 86_400).await?
    };
    let mut done = 0;
    for id in ids {
        let mut tx = state.db.pool.begin().await?;
        if !answers::mark_reminded(&mut tx, id, now).await? {
            continue;
        }
        // Archived since it was listed: out of the jobs' reach (the mark is rolled back).
        let Some(a) = answers::one(&mut tx, id, None).await? else { continue };
        let who =
            accounts::candidate_by_id(&mut tx, a.candidate_id).await?.ok_or_else(|| AppError::missing("candidate"))?;
        let message = mail::compose(
            &mut tx,
            &mail::ANSWER_REMINDER,
            who.language,
            &[
                ("prenom", &who.prenom),
                ("nom", &who.nom),
                ("formation", &a.formation),
                ("centre", &a.centre),
                ("date_limite", &last_day_in(a.deadline.unwrap_or(now), who.language)),
                ("lien", &state.link(&format!("/candidatures/{id}"))),
            ],
            &state.settings.assistance_email,
        )
        .await?;
        mail::queue(&mut tx, &format!("answer-reminder:{id}"), &who.email, &message, now).await?;
        tx.commit().await?;
        done += 1;
    }
    if done > 0 {
        state.mail_bell.notify_one();
    }
    Ok(done)
}

/// A reminder `RETURN_REMINDER_DAYS` days before the date limite de retour
/// of each application still En attente, once; returns how many.
#[tracing::instrument(skip_all)]
pub async fn remind_untransmitted(state: &AppState) -> Result<u64, AppError> {
    let now = state.clock.now();
    let today = paris_day(now);
    let until = today.plus_days(crate::domain::confirmation::RETURN_REMINDER_DAYS);
    let ids = {
        let mut conn = state.db.pool.acquire().await?;
        answers::untransmitted_due(&mut conn, &today.iso(), &until.iso()).await?
    };
    let mut done = 0;
    for id in ids {
        let mut tx = state.db.pool.begin().await?;
        if !answers::mark_return_reminded(&mut tx, id, now).await? {
            continue;
        }
        // Archived since it was listed: out of the jobs' reach (the mark is rolled back).
        let Some(a) = answers::one(&mut tx, id, None).await? else { continue };
        let who =
            accounts::candidate_by_id(&mut tx, a.candidate_id).await?.ok_or_else(|| AppError::missing("candidate"))?;
        let last = written_day(&a.return_deadline, who.language);
        let message = mail::compose(
            &mut tx,
            &mail::RETURN_REMINDER,
            who.language,
            &[
                ("prenom", &who.prenom),
                ("nom", &who.nom),
                ("formation", &a.formation),
                ("centre", &a.centre),
                ("date_limite", &last),
                ("lien", &state.link(&format!("/candidatures/{id}"))),
            ],
            &state.settings.assistance_email,
        )
        .await?;
        mail::queue(&mut tx, &format!("return-reminder:{id}"), &who.email, &message, now).await?;
        tx.commit().await?;
        done += 1;
    }
    if done > 0 {
        state.mail_bell.notify_one();
    }
    Ok(done)
}
