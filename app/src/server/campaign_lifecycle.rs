//! A campaign's life, for admins (issue 6): the campaigns and their state,
//! a new campaign prepared with the active one's configuration, its
//! activation (the previous campaign archived: read-only for staff, out of
//! the candidates' view), the retention period, and the destruction of an
//! archived campaign's dossiers and files once that period has passed (run
//! by the `retention` job).

use super::auth::session::Signed;
use super::clock::paris_date;
use super::files;
use super::review::scope;
use super::state::AppState;
use super::store::campaign_lifecycle::{self as store, CampaignRow};
use super::store::{campaigns, pieces, Conn};
use crate::domain::campaign::{destruction_at, next_year, parse_retention, CampaignForm};
use crate::domain::date::Day;
use crate::domain::problem::Problem;
use crate::domain::review::StaffRole;
use crate::error::AppError;
use crate::views::campaigns::CampaignLine;

async fn admin_only(conn: &mut Conn, signed: &Signed) -> Result<(), AppError> {
    match scope(conn, signed).await?.role {
        StaffRole::Admin => Ok(()),
        _ => Err(AppError::NotFound),
    }
}

fn line(c: CampaignRow) -> CampaignLine {
    let state = c.state();
    CampaignLine {
        id: c.id,
        code: c.code,
        label: c.label,
        university_year: c.university_year,
        state,
        applications: c.applications,
        archived: c.archived_at.map(paris_date),
        retention_days: c.retention_days,
        destruction: match (c.destroyed_at, c.archived_at) {
            (Some(done), _) => Some(paris_date(done)),
            (None, Some(archived)) => Some(paris_date(destruction_at(archived, c.retention_days))),
            _ => None,
        },
        destroyed_summary: c.destroyed_summary,
    }
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn list(state: &AppState, signed: &Signed) -> Result<Vec<CampaignLine>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    admin_only(&mut conn, signed).await?;
    Ok(store::all(&mut conn).await?.into_iter().map(line).collect())
}

/// A day carried one year later; a day that does not read stays as it is.
fn shift(iso: &str) -> String {
    Day::parse_iso(iso).map(|d| next_year(d).iso()).unwrap_or_else(|| iso.to_owned())
}

/// "Créer la campagne": prepared, with the active campaign's configuration.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn create(state: &AppState, signed: &Signed, form: &CampaignForm) -> Result<i64, AppError> {
    let new = form.parse().map_err(AppError::Invalid)?;
    let from = {
        let mut conn = state.db.pool.acquire().await?;
        admin_only(&mut conn, signed).await?;
        campaigns::active(&mut conn).await?.ok_or(AppError::NotFound)?.id
    };
    // The insert is the transaction's first statement (SQLite takes its
    // write lock at once); a code already taken, even by an admin creating
    // it at the same moment, is told on the field.
    let mut tx = state.db.pool.begin().await?;
    let (id, models) = match store::create_from(&mut tx, &new, from, state.clock.now(), shift).await {
        Err(super::store::StoreError::Duplicate(super::store::Unique::CampaignCode)) => {
            return Err(AppError::invalid("code", Problem::AlreadyExists))
        }
        other => other?,
    };
    tx.commit().await?;
    for (old, new) in models {
        if let Err(error) = copy_model(state, old, new).await {
            // The campaign stands; this piece's model is uploaded again.
            tracing::warn!(piece = old, %error, "model file not copied into the new campaign");
        }
    }
    Ok(id)
}

/// A piece's model file, copied for the same piece of a new campaign
/// (its own file: replacing one never touches the other).
async fn copy_model(state: &AppState, old: i64, new: i64) -> Result<(), AppError> {
    let store = &state.settings.files;
    let mut conn = state.db.pool.acquire().await?;
    let model = pieces::model_of(&mut conn, old).await?.ok_or(AppError::NotFound)?;
    let bytes = files::read(store, &model.stored_name).await?;
    let kind = crate::domain::upload::kind_of(&bytes)
        .ok_or_else(|| AppError::internal("model file of unknown kind", &model.stored_name))?;
    let stored = files::store_bytes(store, &bytes, kind).await?;
    if let Err(error) = pieces::set_model(&mut conn, new, &stored.stored_name, &model.name).await {
        files::remove(store, &stored.stored_name).await;
        return Err(error.into());
    }
    Ok(())
}

/// "Activer": campaign `id` opens to candidates and the active one is
/// archived, in one transaction. A second click changes nothing.
#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn activate(state: &AppState, signed: &Signed, id: i64) -> Result<(), AppError> {
    let mut tx = state.db.pool.begin().await?;
    // The write comes first (SQLite takes its lock at once).
    let done = store::activate(&mut tx, id, state.clock.now()).await?;
    admin_only(&mut tx, signed).await?;
    if !done {
        return Err(AppError::Conflict);
    }
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn save_retention(state: &AppState, signed: &Signed, id: i64, days: &str) -> Result<(), AppError> {
    let days = parse_retention(days).map_err(|p| AppError::invalid("retention_days", p))?;
    let mut conn = state.db.pool.acquire().await?;
    admin_only(&mut conn, signed).await?;
    if store::set_retention(&mut conn, id, days).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The retention job: destroys every archived campaign whose period has
/// run out, each in its own transaction, then its files on disk. Returns
/// what it did, in words.
#[tracing::instrument(skip_all)]
pub async fn destroy_due(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now();
    let due = {
        let mut conn = state.db.pool.acquire().await?;
        store::due_for_destruction(&mut conn, now).await?
    };
    let mut done = Vec::new();
    for id in due {
        let mut tx = state.db.pool.begin().await?;
        let Some(destroyed) = store::destroy(&mut tx, id, now).await? else { continue };
        tx.commit().await?;
        files::discard(&state.db.pool, &state.settings.files, &destroyed.files).await;
        tracing::info!(campaign = id, "{}", destroyed.summary());
        done.push(destroyed.summary());
    }
    Ok(if done.is_empty() { "aucune campagne à détruire".to_owned() } else { done.join(" ; ") })
}
