//! Application use cases: the offer, "Candidater" (rules from
//! `domain::application`, checked in one transaction with the candidate's
//! row locked, the mail queued in it), the list, the summary, cancelling.

use super::auth::session::Signed;
use super::clock::{paris_date_in, paris_day};
use super::dossier::{required_sections_complete, today};
use super::mail;
use super::state::AppState;
use super::store::applications::{self, ApplicationRow, OfferRow};
use super::store::{accounts, campaigns, StoreError, Unique};
use crate::domain::application::{days_left, may_apply, may_cancel, ApplyContext, ApplyRefusal, Window};
use crate::domain::date::Day;
use crate::error::AppError;
use crate::views::applications::{ApplicationDetail, ApplicationLine, OfferCentre, OfferFormation};

fn window(f: &OfferRow) -> Result<Window, AppError> {
    match (Day::parse_iso(&f.window_start), Day::parse_iso(&f.window_end)) {
        (Some(start), Some(end)) => Ok(Window { start, end }),
        _ => Err(AppError::internal("formation window unreadable", f.formation_id)),
    }
}

fn deadline(f: &OfferRow) -> Result<Day, AppError> {
    Day::parse_iso(&f.return_deadline).ok_or_else(|| AppError::internal("return deadline unreadable", f.formation_id))
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn offer(state: &AppState, signed: &Signed) -> Result<Vec<OfferCentre>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let me = accounts::candidate_by_id(&mut conn, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    // The offer is the active campaign's, whichever campaign the account was made in.
    let Some(campaign) = campaigns::active(&mut conn).await? else { return Ok(Vec::new()) };
    let rows = applications::offer(&mut conn, campaign.id).await?;
    let mine: Vec<i64> =
        applications::of_candidate(&mut conn, me.id).await?.iter().map(|a| a.formation.formation_id).collect();
    let today = today(state);
    let mut centres: Vec<OfferCentre> = Vec::new();
    for f in rows {
        let w = window(&f)?;
        let formation = OfferFormation {
            id: f.formation_id,
            title: f.title.clone(),
            keywords: f.keywords.clone(),
            url: f.url.clone(),
            start: w.start,
            end: w.end,
            mode: f.mode.clone(),
            state: w.state(today),
            applied: mine.contains(&f.formation_id),
        };
        match centres.last_mut() {
            Some(c) if c.id == f.centre_id => c.formations.push(formation),
            _ => centres.push(OfferCentre { id: f.centre_id, label: f.centre, formations: vec![formation] }),
        }
    }
    Ok(centres)
}

#[tracing::instrument(skip_all, fields(account = signed.account_id, formation_id))]
pub async fn apply(state: &AppState, signed: &Signed, formation_id: i64) -> Result<i64, AppError> {
    let now = state.clock.now();
    let today = today(state);
    let mut tx = state.db.pool.begin().await?;
    applications::lock_candidate(&mut tx, signed.account_id).await?;
    let me = accounts::candidate_by_id(&mut tx, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    let campaign = campaigns::active(&mut tx).await?.ok_or(AppError::NotFound)?.id;
    let formation = applications::formation(&mut tx, campaign, formation_id).await?.ok_or(AppError::NotFound)?;
    // An account made in an earlier campaign brings its INE into this one,
    // where no other account may hold it.
    match super::store::dossier::move_ine(&mut tx, me.id, campaign).await {
        Err(StoreError::Duplicate(Unique::CandidateIne)) => return Err(AppError::ApplyRefused(ApplyRefusal::IneTaken)),
        other => other?,
    }
    let (live, already_applied) = applications::live_counts(&mut tx, me.id, formation_id).await?;
    let ctx = ApplyContext {
        window: window(&formation)?,
        today,
        already_applied,
        live_applications: live as u32,
        max_applications: applications::max_applications(&mut tx, campaign).await? as u32,
        dossier_complete: required_sections_complete(state, &mut tx, me.id).await?,
    };
    may_apply(&ctx).map_err(AppError::ApplyRefused)?;
    let id = match applications::insert(&mut tx, me.id, formation_id, now).await {
        Ok(id) => id,
        Err(StoreError::Duplicate(Unique::LiveApplication)) => {
            return Err(AppError::ApplyRefused(ApplyRefusal::AlreadyApplied))
        }
        Err(other) => return Err(other.into()),
    };
    let mail = mail::compose(
        &mut tx,
        &mail::APPLICATION_CREATED,
        me.language,
        &[
            ("prenom", &me.prenom),
            ("nom", &me.nom),
            ("formation", &formation.title),
            ("centre", &formation.centre),
            ("date_limite", &deadline(&formation)?.written(me.language)),
            ("lien", &state.link(&format!("/candidatures/{id}"))),
        ],
        &state.settings.assistance_email,
    )
    .await?;
    mail::queue(&mut tx, &format!("application-created:{id}"), &me.email, &mail, now).await?;
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(id)
}

fn line(a: &ApplicationRow, today: Day) -> Result<ApplicationLine, AppError> {
    let return_deadline = deadline(&a.formation)?;
    Ok(ApplicationLine {
        id: a.id,
        formation: a.formation.title.clone(),
        return_deadline,
        days_left: days_left(today, return_deadline),
        treatment: a.formation.treatment.clone(),
        status: a.status,
        decision: a.decision.clone(),
        centre: a.formation.centre.clone(),
    })
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn lines(state: &AppState, signed: &Signed) -> Result<Vec<ApplicationLine>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let today = today(state);
    applications::of_candidate(&mut conn, signed.account_id).await?.iter().map(|a| line(a, today)).collect()
}

#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn detail(state: &AppState, signed: &Signed, id: i64) -> Result<ApplicationDetail, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let a = applications::one_of_candidate(&mut conn, signed.account_id, id).await?.ok_or(AppError::NotFound)?;
    let line = line(&a, today(state))?;
    let models = super::store::pieces::of_application(
        &mut conn,
        signed.account_id,
        a.formation.centre_id,
        a.formation.formation_id,
    )
    .await?
    .into_iter()
    .filter(|p| p.has_model)
    .map(|p| (p.piece_id, p.label))
    .collect();
    let answer = super::store::answers::one(&mut conn, id, Some(signed.account_id)).await?.and_then(|r| {
        use crate::domain::confirmation::{may_confirm, may_withdraw};
        let kind = r.decision;
        (kind == Some(crate::domain::decision::DecisionKind::Favorable) || r.withdrawn_at.is_some()).then(|| {
            let state_now = super::answers::answer_of(&r);
            crate::views::applications::AnswerView {
                state: state_now,
                last_day: r.deadline.map(super::answers::last_answer_day),
                university_year: r.university_year.clone(),
                may_confirm: may_confirm(kind, state_now, state.clock.now(), r.deadline).is_ok(),
                may_withdraw: may_withdraw(kind, state_now).is_ok(),
            }
        })
    });
    Ok(ApplicationDetail {
        answer,
        models,
        may_cancel: may_cancel(line.status, a.decision.is_some()),
        line,
        mode: a.formation.mode.clone(),
        created: paris_day(a.created_at),
        received: a.received_at.map(paris_day),
        transmitted: a.transmitted_at.map(paris_day),
        contact_address: a.formation.centre_address.clone(),
        contact_email: a.formation.centre_email.clone(),
    })
}

/// Guide 05.3. A second click, or a click in a stale tab, finds the
/// application already cancelled (or no longer cancellable): `Conflict`,
/// and no second mail.
#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn cancel(state: &AppState, signed: &Signed, id: i64) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    let me = accounts::candidate_by_id(&mut tx, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    let a = applications::one_of_candidate(&mut tx, me.id, id).await?.ok_or(AppError::NotFound)?;
    if !applications::cancel(&mut tx, me.id, id, now).await? {
        return Err(AppError::Conflict);
    }
    let mail = mail::compose(
        &mut tx,
        &mail::APPLICATION_CANCELLED,
        me.language,
        &[
            ("prenom", &me.prenom),
            ("nom", &me.nom),
            ("formation", &a.formation.title),
            ("centre", &a.formation.centre),
            ("date", &paris_date_in(now, me.language)),
        ],
        &state.settings.assistance_email,
    )
    .await?;
    mail::queue(&mut tx, &format!("application-cancelled:{id}"), &me.email, &mail, now).await?;
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}
