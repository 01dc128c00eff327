//! Decisions: the draft of an application, publishing it, the history.

use sqlx::Row;

use super::{Conn, StoreResult};
use crate::domain::decision::{Decision, DecisionKind};

/// A decision read from three columns (its kind, rank and reason); `None`
/// when the kind is NULL or unknown.
fn decode(row: &sqlx::any::AnyRow, (kind, rank, reason): (&str, &str, &str)) -> StoreResult<Option<Decision>> {
    let code: Option<String> = row.try_get(kind)?;
    Ok(code.as_deref().and_then(DecisionKind::from_code).map(|kind| Decision {
        kind,
        rank: row.try_get(rank).ok().flatten(),
        reason: row.try_get(reason).ok().flatten(),
    }))
}

/// A row of `decisions`.
fn decision(row: &sqlx::any::AnyRow) -> StoreResult<Option<Decision>> {
    decode(row, ("kind", "rank", "reason"))
}

/// The decision in force, from an application's columns `decision`,
/// `decision_rank`, `decision_reason`.
pub(super) fn in_force(row: &sqlx::any::AnyRow) -> StoreResult<Option<Decision>> {
    decode(row, ("decision", "decision_rank", "decision_reason"))
}

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
    let row = sqlx::query(
        "UPDATE decisions SET published_at = $2, published_by = $3 WHERE application_id = $1 AND published_at IS NULL RETURNING kind, rank, reason",
    )
    .bind(application_id)
    .bind(now)
    .bind(staff_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(d) = row.as_ref().map(decision).transpose()?.flatten() else { return Ok(None) };
    sqlx::query("UPDATE applications SET decision = $2, decision_rank = $3, decision_reason = $4 WHERE id = $1")
        .bind(application_id)
        .bind(d.kind.code())
        .bind(d.rank)
        .bind(d.reason.as_deref())
        .execute(conn)
        .await?;
    Ok(Some(d))
}

#[derive(Clone, Debug)]
pub struct DecisionRow {
    pub decision: Decision,
    pub created_at: i64,
    pub created_by: Option<String>,
    pub published_at: Option<i64>,
    pub published_by: Option<String>,
}

/// Every decision of the application, the draft first, then newest first.
pub async fn history(conn: &mut Conn, application_id: i64) -> StoreResult<Vec<DecisionRow>> {
    let rows = sqlx::query(
        "SELECT d.kind, d.rank, d.reason, d.created_at, c.display_name AS creator, d.published_at, p.display_name AS publisher
         FROM decisions d LEFT JOIN staff c ON c.id = d.created_by LEFT JOIN staff p ON p.id = d.published_by
         WHERE d.application_id = $1 ORDER BY CASE WHEN d.published_at IS NULL THEN 0 ELSE 1 END, d.id DESC",
    )
    .bind(application_id)
    .fetch_all(conn)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        if let Some(decision) = decision(r)? {
            out.push(DecisionRow {
                decision,
                created_at: r.try_get("created_at")?,
                created_by: r.try_get("creator")?,
                published_at: r.try_get("published_at")?,
                published_by: r.try_get("publisher")?,
            });
        }
    }
    Ok(out)
}
