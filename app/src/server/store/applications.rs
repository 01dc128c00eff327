//! Applications (candidatures) and the offer of formations they are made to.

use sqlx::Row;

use super::{Conn, StoreResult, ACTIVE_FORMATIONS};

/// A formation as the offer and the summary show it.
#[derive(Clone, Debug)]
pub struct OfferRow {
    pub formation_id: i64,
    pub centre_id: i64,
    pub centre: String,
    pub centre_address: String,
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

fn offer_row(row: &sqlx::any::AnyRow) -> StoreResult<OfferRow> {
    Ok(OfferRow {
        formation_id: row.try_get("formation_id")?,
        centre_id: row.try_get("centre_id")?,
        centre: row.try_get("centre")?,
        centre_address: row.try_get("contact_address")?,
        centre_email: row.try_get("contact_email")?,
        title: row.try_get("title")?,
        keywords: row.try_get("keywords")?,
        url: row.try_get("url")?,
        window_start: row.try_get("window_start")?,
        window_end: row.try_get("window_end")?,
        return_deadline: row.try_get("return_deadline")?,
        mode: row.try_get("mode")?,
        treatment: row.try_get("treatment")?,
    })
}

/// Every formation of the campaign, by centre then title.
pub async fn offer(conn: &mut Conn, campaign_id: i64) -> StoreResult<Vec<OfferRow>> {
    let sql = format!("SELECT {OFFER_COLUMNS} FROM formations f JOIN centres c ON c.id = f.centre_id WHERE c.campaign_id = $1 ORDER BY c.label, f.title");
    sqlx::query(&sql).bind(campaign_id).fetch_all(conn).await?.iter().map(offer_row).collect()
}

pub async fn formation(conn: &mut Conn, campaign_id: i64, formation_id: i64) -> StoreResult<Option<OfferRow>> {
    let sql = format!("SELECT {OFFER_COLUMNS} FROM formations f JOIN centres c ON c.id = f.centre_id WHERE c.campaign_id = $1 AND f.id = $2");
    sqlx::query(&sql)
        .bind(campaign_id)
        .bind(formation_id)
        .fetch_optional(conn)
        .await?
        .as_ref()
        .map(offer_row)
        .transpose()
}

/// The campaign's limit of live applications per candidate (0: none).
pub async fn max_applications(conn: &mut Conn, campaign_id: i64) -> StoreResult<i64> {
    let row =
        sqlx::query("SELECT max_applications FROM campaigns WHERE id = $1").bind(campaign_id).fetch_one(conn).await?;
    Ok(row.try_get("max_applications")?)
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
    let row = sqlx::query(&format!(
        "SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN formation_id = $2 THEN 1 ELSE 0 END), 0) AS here
         FROM applications WHERE candidate_id = $1 AND cancelled_at IS NULL AND formation_id IN ({ACTIVE_FORMATIONS})"
    ))
    .bind(candidate_id)
    .bind(formation_id)
    .fetch_one(conn)
    .await?;
    Ok((row.try_get("n")?, row.try_get::<i64, _>("here")? > 0))
}

/// A unique violation (`Duplicate`) when a live application to this
/// formation exists.
pub async fn insert(conn: &mut Conn, candidate_id: i64, formation_id: i64, now: i64) -> StoreResult<i64> {
    let row = sqlx::query(
        "INSERT INTO applications (candidate_id, formation_id, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(candidate_id)
    .bind(formation_id)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

#[derive(Clone, Debug)]
pub struct ApplicationRow {
    pub id: i64,
    pub formation: OfferRow,
    pub created_at: i64,
    pub status: String,
    pub decision: Option<crate::domain::decision::Decision>,
    pub transmitted_at: Option<i64>,
    pub received_at: Option<i64>,
    pub version: i64,
    /// The day staff gave to complete an Incomplet dossier (ISO), if any.
    pub reopened_until: Option<String>,
}

const APPLICATION_COLUMNS: &str =
    "a.id, a.created_at, a.status, a.decision, a.decision_rank, a.decision_reason, a.transmitted_at, a.received_at, a.version, a.reopened_until";

fn application_row(row: &sqlx::any::AnyRow) -> StoreResult<ApplicationRow> {
    Ok(ApplicationRow {
        id: row.try_get("id")?,
        formation: offer_row(row)?,
        created_at: row.try_get("created_at")?,
        status: row.try_get("status")?,
        decision: super::decisions::in_force(row)?,
        transmitted_at: row.try_get("transmitted_at")?,
        received_at: row.try_get("received_at")?,
        version: row.try_get("version")?,
        reopened_until: row.try_get("reopened_until")?,
    })
}

/// The candidate's live applications, newest first.
pub async fn of_candidate(conn: &mut Conn, candidate_id: i64) -> StoreResult<Vec<ApplicationRow>> {
    let sql = format!(
        "SELECT {APPLICATION_COLUMNS}, {OFFER_COLUMNS} FROM applications a JOIN formations f ON f.id = a.formation_id JOIN centres c ON c.id = f.centre_id
         WHERE a.candidate_id = $1 AND a.cancelled_at IS NULL AND a.formation_id IN ({ACTIVE_FORMATIONS}) ORDER BY a.created_at DESC, a.id DESC"
    );
    sqlx::query(&sql).bind(candidate_id).fetch_all(conn).await?.iter().map(application_row).collect()
}

/// One live application, only if it is this candidate's.
pub async fn one_of_candidate(conn: &mut Conn, candidate_id: i64, id: i64) -> StoreResult<Option<ApplicationRow>> {
    let sql = format!(
        "SELECT {APPLICATION_COLUMNS}, {OFFER_COLUMNS} FROM applications a JOIN formations f ON f.id = a.formation_id JOIN centres c ON c.id = f.centre_id
         WHERE a.candidate_id = $1 AND a.id = $2 AND a.cancelled_at IS NULL AND a.formation_id IN ({ACTIVE_FORMATIONS})"
    );
    sqlx::query(&sql).bind(candidate_id).bind(id).fetch_optional(conn).await?.as_ref().map(application_row).transpose()
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
#[derive(Clone, Debug)]
pub struct HistoryRow {
    pub id: i64,
    pub formation_id: i64,
    pub centre_id: i64,
    pub formation: String,
    pub centre: String,
    pub campaign: String,
    pub university_year: String,
    pub campaign_active: bool,
    pub status: String,
    pub decision: Option<crate::domain::decision::Decision>,
    pub created_at: i64,
    pub transmitted_at: Option<i64>,
    pub confirmed_at: Option<i64>,
    pub withdrawn_at: Option<i64>,
    pub cancelled_at: Option<i64>,
}

pub async fn all_of_candidate(conn: &mut Conn, candidate_id: i64) -> StoreResult<Vec<HistoryRow>> {
    let rows = sqlx::query(
        "SELECT a.id, a.formation_id, f.centre_id, f.title, c.label AS centre, k.label AS campaign, k.university_year, k.active,
                a.status, a.decision, a.decision_rank, a.decision_reason, a.created_at, a.transmitted_at, a.confirmed_at, a.withdrawn_at, a.cancelled_at
         FROM applications a JOIN formations f ON f.id = a.formation_id JOIN centres c ON c.id = f.centre_id JOIN campaigns k ON k.id = c.campaign_id
         WHERE a.candidate_id = $1 ORDER BY a.created_at, a.id",
    )
    .bind(candidate_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(HistoryRow {
                id: r.try_get("id")?,
                formation_id: r.try_get("formation_id")?,
                centre_id: r.try_get("centre_id")?,
                formation: r.try_get("title")?,
                centre: r.try_get("centre")?,
                campaign: r.try_get("campaign")?,
                university_year: r.try_get("university_year")?,
                campaign_active: r.try_get::<i64, _>("active")? == 1,
                status: r.try_get("status")?,
                decision: super::decisions::in_force(r)?,
                created_at: r.try_get("created_at")?,
                transmitted_at: r.try_get("transmitted_at")?,
                confirmed_at: r.try_get("confirmed_at")?,
                withdrawn_at: r.try_get("withdrawn_at")?,
                cancelled_at: r.try_get("cancelled_at")?,
            })
        })
        .collect()
}
