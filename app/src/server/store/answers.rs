//! Answers to favourable decisions (issue 6): the deadline, confirmation,
//! withdrawal, and the waiting list called when a place frees up. Every
//! change is a conditional update: a second click or a second tab changes
//! nothing.

use super::columns::Flag;
use super::{Conn, StoreResult, ACTIVE_FORMATIONS};
use crate::domain::decision::DecisionKind;

/// What the answer rules need to know of an application.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AnswerRow {
    pub id: i64,
    pub candidate_id: i64,
    pub formation_id: i64,
    #[sqlx(rename = "title")]
    pub formation: String,
    pub centre: String,
    pub university_year: String,
    pub campaign: String,
    pub signatory: String,
    /// The formation's date limite de retour (`YYYY-MM-DD`).
    pub return_deadline: String,
    pub decision: Option<DecisionKind>,
    #[sqlx(rename = "answer_deadline")]
    pub deadline: Option<i64>,
    pub confirmed_at: Option<i64>,
    pub withdrawn_at: Option<i64>,
    #[sqlx(rename = "withdrawn_by_deadline", try_from = "Flag")]
    pub by_deadline: bool,
    pub version: i64,
}

const COLUMNS: &str = "a.id, a.candidate_id, a.formation_id, f.title, c.label AS centre, k.university_year, k.label AS campaign, c.signatory,
    f.return_deadline, a.decision, a.answer_deadline,
    a.confirmed_at, a.withdrawn_at, a.withdrawn_by_deadline, a.version";
const FROM: &str = "FROM applications a JOIN formations f ON f.id = a.formation_id JOIN centres c ON c.id = f.centre_id JOIN campaigns k ON k.id = c.campaign_id";

/// A live application of this candidate (`None`: any candidate).
pub async fn one(conn: &mut Conn, id: i64, candidate_id: Option<i64>) -> StoreResult<Option<AnswerRow>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE a.id = $1 AND ($2 IS NULL OR a.candidate_id = $2) AND a.cancelled_at IS NULL AND k.active = 1");
    Ok(sqlx::query_as(&sql).bind(id).bind(candidate_id).fetch_optional(conn).await?)
}

/// The formation's "date limite de confirmation" (`YYYY-MM-DD`), if set.
pub async fn confirmation_day(conn: &mut Conn, formation_id: i64) -> StoreResult<Option<String>> {
    let day: Option<Option<String>> = sqlx::query_scalar("SELECT confirmation_day FROM formations WHERE id = $1")
        .bind(formation_id)
        .fetch_optional(conn)
        .await?;
    Ok(day.flatten())
}

/// A favourable decision just published: the answer starts afresh.
pub async fn open(conn: &mut Conn, id: i64, deadline: i64) -> StoreResult<()> {
    sqlx::query("UPDATE applications SET answer_deadline = $2, confirmed_at = NULL, withdrawn_at = NULL, withdrawn_by_deadline = 0 WHERE id = $1")
        .bind(id)
        .bind(deadline)
        .execute(conn)
        .await?;
    Ok(())
}

/// "Confirmation candidature": false when not possible any more.
pub async fn confirm(conn: &mut Conn, id: i64, candidate_id: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE applications SET confirmed_at = $3, version = version + 1
         WHERE id = $1 AND candidate_id = $2 AND decision = 'favorable' AND confirmed_at IS NULL AND withdrawn_at IS NULL
           AND cancelled_at IS NULL AND (answer_deadline IS NULL OR answer_deadline > $3)",
    )
    .bind(id)
    .bind(candidate_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// "Désistement candidature", or the deadline passed (`by_deadline`);
/// never in an archived campaign.
pub async fn withdraw(conn: &mut Conn, id: i64, now: i64, by_deadline: bool) -> StoreResult<bool> {
    let deadline_clause = if by_deadline { "AND confirmed_at IS NULL AND answer_deadline <= $2" } else { "" };
    let sql = format!(
        "UPDATE applications SET withdrawn_at = $2, withdrawn_by_deadline = $3, version = version + 1
         WHERE id = $1 AND decision = 'favorable' AND withdrawn_at IS NULL AND cancelled_at IS NULL {deadline_clause}
           AND formation_id IN ({ACTIVE_FORMATIONS})"
    );
    let done = sqlx::query(&sql).bind(id).bind(now).bind(by_deadline as i64).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// Takes the formation for the rest of the transaction, so that two
/// places freed at once are filled one after the other.
pub async fn lock_formation(conn: &mut Conn, formation_id: i64) -> StoreResult<(i64, bool)> {
    let (capacity, waiting_list): (i64, Flag) =
        sqlx::query_as("UPDATE formations SET id = id WHERE id = $1 RETURNING capacity, waiting_list")
            .bind(formation_id)
            .fetch_one(conn)
            .await?;
    Ok((capacity, waiting_list.into()))
}

/// Favourable decisions standing (not withdrawn) in the formation.
pub async fn holding(conn: &mut Conn, formation_id: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM applications WHERE formation_id = $1 AND decision = 'favorable' AND withdrawn_at IS NULL AND cancelled_at IS NULL",
    )
    .bind(formation_id)
    .fetch_one(conn)
    .await?)
}

/// The first `limit` applications of the waiting list, best rank first.
pub async fn waiting(conn: &mut Conn, formation_id: i64, limit: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM applications WHERE formation_id = $1 AND decision = 'liste_complementaire' AND cancelled_at IS NULL
         ORDER BY decision_rank, id LIMIT $2",
    )
    .bind(formation_id)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// Calls an application of the waiting list: a favourable decision,
/// published now (recorded in the history, by nobody: by the rules).
pub async fn promote(conn: &mut Conn, id: i64, deadline: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE applications SET decision = 'favorable', decision_rank = NULL, decision_reason = NULL, answer_deadline = $2,
           confirmed_at = NULL, withdrawn_at = NULL, withdrawn_by_deadline = 0, version = version + 1
         WHERE id = $1 AND decision = 'liste_complementaire'",
    )
    .bind(id)
    .bind(deadline)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO decisions (application_id, kind, created_at, published_at) VALUES ($1, 'favorable', $2, $2)",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(true)
}

/// Favourable decisions left unanswered past their deadline.
pub async fn expired(conn: &mut Conn, now: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        &format!(
            "SELECT id FROM applications WHERE decision = 'favorable' AND confirmed_at IS NULL AND withdrawn_at IS NULL AND cancelled_at IS NULL
               AND answer_deadline <= $1 AND formation_id IN ({ACTIVE_FORMATIONS}) ORDER BY id"
        ),
    )
    .bind(now)
    .fetch_all(conn)
    .await?)
}

/// Favourable decisions still awaited whose deadline falls before
/// `horizon`, not yet reminded.
pub async fn to_remind(conn: &mut Conn, now: i64, horizon: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        &format!(
            "SELECT id FROM applications WHERE decision = 'favorable' AND confirmed_at IS NULL AND withdrawn_at IS NULL AND cancelled_at IS NULL
               AND answer_reminded_at IS NULL AND answer_deadline > $1 AND answer_deadline <= $2 AND formation_id IN ({ACTIVE_FORMATIONS}) ORDER BY id"
        ),
    )
    .bind(now)
    .bind(horizon)
    .fetch_all(conn)
    .await?)
}

/// Marks the reminder sent; false when it already was.
pub async fn mark_reminded(conn: &mut Conn, id: i64, now: i64) -> StoreResult<bool> {
    let done =
        sqlx::query("UPDATE applications SET answer_reminded_at = $2 WHERE id = $1 AND answer_reminded_at IS NULL")
            .bind(id)
            .bind(now)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Applications still En attente whose formation's date limite de retour
/// falls between `from` and `until` (days `YYYY-MM-DD`), not yet reminded.
pub async fn untransmitted_due(conn: &mut Conn, from: &str, until: &str) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        &format!(
            "SELECT a.id FROM applications a JOIN formations f ON f.id = a.formation_id
             WHERE a.status = 'en_attente' AND a.cancelled_at IS NULL AND a.return_reminded_at IS NULL
               AND f.return_deadline >= $1 AND f.return_deadline <= $2 AND a.formation_id IN ({ACTIVE_FORMATIONS}) ORDER BY a.id"
        ),
    )
    .bind(from)
    .bind(until)
    .fetch_all(conn)
    .await?)
}

/// Marks the transmission reminder sent; false when it already was.
pub async fn mark_return_reminded(conn: &mut Conn, id: i64, now: i64) -> StoreResult<bool> {
    let done =
        sqlx::query("UPDATE applications SET return_reminded_at = $2 WHERE id = $1 AND return_reminded_at IS NULL")
            .bind(id)
            .bind(now)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}
