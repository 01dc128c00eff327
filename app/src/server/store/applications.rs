//! Applications (candidatures) and the offer of formations they are made to.

use super::columns::{Flag, InForce};
use super::{Conn, StoreResult, ACTIVE_FORMATIONS};
use crate::domain::application::DossierStatus;
use crate::domain::decision::Decision;

/// A formation as the offer and the summary show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OfferRow {
    pub formation_id: i64,
    pub centre_id: i64,
    pub centre: String,
    #[sqlx(rename = "contact_address")]
    pub centre_address: String,
    #[sqlx(rename = "contact_email")]
    pub centre_email: String,
    pub title: String,
    pub keywords: String,
    pub url: String,
    pub window_start: String,
    pub window_end: String,
    pub return_deadline: String,
    pub mode: String,
    pub treatment: String,
}

const OFFER_COLUMNS: &str = "f.id AS formation_id, c.id AS centre_id, c.label AS centre, c.contact_address, c.contact_email, f.title, f.keywords, f.url,
     f.window_start, f.window_end, f.return_deadline, f.mode, f.treatment";

/// Every formation of the campaign, by centre then title.
pub async fn offer(conn: &mut Conn, campaign_id: i64) -> StoreResult<Vec<OfferRow>> {
    let sql = format!("SELECT {OFFER_COLUMNS} FROM formations f JOIN centres c ON c.id = f.centre_id WHERE c.campaign_id = $1 ORDER BY c.label, f.title");
    Ok(sqlx::query_as(&sql).bind(campaign_id).fetch_all(conn).await?)
}

pub async fn formation(conn: &mut Conn, campaign_id: i64, formation_id: i64) -> StoreResult<Option<OfferRow>> {
    let sql = format!("SELECT {OFFER_COLUMNS} FROM formations f JOIN centres c ON c.id = f.centre_id WHERE c.campaign_id = $1 AND f.id = $2");
    Ok(sqlx::query_as(&sql).bind(campaign_id).bind(formation_id).fetch_optional(conn).await?)
}

/// The campaign's limit of live applications per candidate (0: none).
pub async fn max_applications(conn: &mut Conn, campaign_id: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT max_applications FROM campaigns WHERE id = $1")
        .bind(campaign_id)
        .fetch_one(conn)
        .await?)
}

/// Takes the candidate's row lock for the rest of the transaction, so that
/// two applications at once are counted one after the other.
pub async fn lock_candidate(conn: &mut Conn, candidate_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE candidates SET id = id WHERE id = $1").bind(candidate_id).execute(conn).await?;
    Ok(())
}

/// (live applications of the candidate in the active campaign, whether one
/// is to this formation)
pub async fn live_counts(conn: &mut Conn, candidate_id: i64, formation_id: i64) -> StoreResult<(i64, bool)> {
    let (n, here): (i64, i64) = sqlx::query_as(&format!(
        "SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN formation_id = $2 THEN 1 ELSE 0 END), 0) AS here
         FROM applications WHERE candidate_id = $1 AND cancelled_at IS NULL AND formation_id IN ({ACTIVE_FORMATIONS})"
    ))
    .bind(candidate_id)
    .bind(formation_id)
    .fetch_one(conn)
    .await?;
    Ok((n, here > 0))
}

/// `Duplicate(Unique::LiveApplication)` when a live application to this
/// formation exists.
pub async fn insert(conn: &mut Conn, candidate_id: i64, formation_id: i64, now: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO applications (candidate_id, formation_id, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(candidate_id)
    .bind(formation_id)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: i64,
    #[sqlx(flatten)]
    pub formation: OfferRow,
    pub created_at: i64,
    pub status: DossierStatus,
    #[sqlx(flatten, try_from = "InForce")]
    pub decision: Option<Decision>,
    pub transmitted_at: Option<i64>,
    pub received_at: Option<i64>,
    pub version: i64,
    /// The day staff gave to complete an Incomplet dossier (ISO), if any.
    pub reopened_until: Option<String>,
}

const APPLICATION_COLUMNS: &str =
    "a.id, a.created_at, a.status, a.decision, a.decision_rank, a.decision_reason, a.transmitted_at, a.received_at, a.version, a.reopened_until";

/// The candidate's live applications, newest first.
pub async fn of_candidate(conn: &mut Conn, candidate_id: i64) -> StoreResult<Vec<ApplicationRow>> {
    let sql = format!(
        "SELECT {APPLICATION_COLUMNS}, {OFFER_COLUMNS} FROM applications a JOIN formations f ON f.id = a.formation_id JOIN centres c ON c.id = f.centre_id
         WHERE a.candidate_id = $1 AND a.cancelled_at IS NULL AND a.formation_id IN ({ACTIVE_FORMATIONS}) ORDER BY a.created_at DESC, a.id DESC"
    );
    Ok(sqlx::query_as(&sql).bind(candidate_id).fetch_all(conn).await?)
}

/// One live application, only if it is this candidate's.
pub async fn one_of_candidate(conn: &mut Conn, candidate_id: i64, id: i64) -> StoreResult<Option<ApplicationRow>> {
    let sql = format!(
        "SELECT {APPLICATION_COLUMNS}, {OFFER_COLUMNS} FROM applications a JOIN formations f ON f.id = a.formation_id JOIN centres c ON c.id = f.centre_id
         WHERE a.candidate_id = $1 AND a.id = $2 AND a.cancelled_at IS NULL AND a.formation_id IN ({ACTIVE_FORMATIONS})"
    );
    Ok(sqlx::query_as(&sql).bind(candidate_id).bind(id).fetch_optional(conn).await?)
}

/// Cancels the application if it still is En attente without decision;
/// false when it changed meanwhile (a second click, another tab).
pub async fn cancel(conn: &mut Conn, candidate_id: i64, id: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE applications SET cancelled_at = $3, version = version + 1
         WHERE id = $1 AND candidate_id = $2 AND cancelled_at IS NULL AND status = 'en_attente' AND decision IS NULL",
    )
    .bind(id)
    .bind(candidate_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every application a candidate ever made, cancelled and archived ones
/// included (their data download; the deletion rule reads the live ones of
/// the active campaign).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HistoryRow {
    pub id: i64,
    pub formation_id: i64,
    pub centre_id: i64,
    #[sqlx(rename = "title")]
    pub formation: String,
    pub centre: String,
    pub campaign: String,
    pub university_year: String,
    #[sqlx(rename = "active", try_from = "Flag")]
    pub campaign_active: bool,
    pub status: DossierStatus,
    #[sqlx(flatten, try_from = "InForce")]
    pub decision: Option<Decision>,
    pub created_at: i64,
    pub transmitted_at: Option<i64>,
    pub confirmed_at: Option<i64>,
    pub withdrawn_at: Option<i64>,
    pub cancelled_at: Option<i64>,
}

pub async fn all_of_candidate(conn: &mut Conn, candidate_id: i64) -> StoreResult<Vec<HistoryRow>> {
    Ok(sqlx::query_as(
        "SELECT a.id, a.formation_id, f.centre_id, f.title, c.label AS centre, k.label AS campaign, k.university_year, k.active,
                a.status, a.decision, a.decision_rank, a.decision_reason, a.created_at, a.transmitted_at, a.confirmed_at, a.withdrawn_at, a.cancelled_at
         FROM applications a JOIN formations f ON f.id = a.formation_id JOIN centres c ON c.id = f.centre_id JOIN campaigns k ON k.id = c.campaign_id
         WHERE a.candidate_id = $1 ORDER BY a.created_at, a.id",
    )
    .bind(candidate_id)
    .fetch_all(conn)
    .await?)
}
