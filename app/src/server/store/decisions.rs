//! Decisions: the draft of an application, publishing it, the history.

use super::columns::Recorded;
use super::{Conn, StoreResult};
use crate::domain::decision::Decision;

/// Replaces the application's draft.
pub async fn put_draft(conn: &mut Conn, application_id: i64, d: &Decision, staff_id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM decisions WHERE application_id = $1 AND published_at IS NULL")
        .bind(application_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO decisions (application_id, kind, rank, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(application_id)
        .bind(d.kind.code())
        .bind(d.rank)
        .bind(d.reason.as_deref())
        .bind(staff_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Publishes the draft: it becomes the application's decision. `None`
/// when there is no draft (published meanwhile, or never prepared).
pub async fn publish(conn: &mut Conn, application_id: i64, staff_id: i64, now: i64) -> StoreResult<Option<Decision>> {
    let row: Option<Recorded> = sqlx::query_as(
        "UPDATE decisions SET published_at = $2, published_by = $3 WHERE application_id = $1 AND published_at IS NULL RETURNING kind, rank, reason",
    )
    .bind(application_id)
    .bind(now)
    .bind(staff_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(d) = row.map(Decision::from) else { return Ok(None) };
    sqlx::query("UPDATE applications SET decision = $2, decision_rank = $3, decision_reason = $4 WHERE id = $1")
        .bind(application_id)
        .bind(d.kind.code())
        .bind(d.rank)
        .bind(d.reason.as_deref())
        .execute(conn)
        .await?;
    Ok(Some(d))
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DecisionRow {
    #[sqlx(flatten, try_from = "Recorded")]
    pub decision: Decision,
    pub created_at: i64,
    #[sqlx(rename = "creator")]
    pub created_by: Option<String>,
    pub published_at: Option<i64>,
    #[sqlx(rename = "publisher")]
    pub published_by: Option<String>,
}

/// Every decision of the application, the draft first, then newest first.
pub async fn history(conn: &mut Conn, application_id: i64) -> StoreResult<Vec<DecisionRow>> {
    Ok(sqlx::query_as(
        "SELECT d.kind, d.rank, d.reason, d.created_at, c.display_name AS creator, d.published_at, p.display_name AS publisher
         FROM decisions d LEFT JOIN staff c ON c.id = d.created_by LEFT JOIN staff p ON p.id = d.published_by
         WHERE d.application_id = $1 ORDER BY CASE WHEN d.published_at IS NULL THEN 0 ELSE 1 END, d.id DESC",
    )
    .bind(application_id)
    .fetch_all(conn)
    .await?)
}
