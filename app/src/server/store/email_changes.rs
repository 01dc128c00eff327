//! A candidate's new mail address, waiting for its single-use link.

use super::{Conn, StoreResult};

#[derive(sqlx::FromRow)]
pub struct Pending {
    pub candidate_id: i64,
    pub new_email: String,
    pub new_email_norm: String,
}

/// Replaces any earlier request of the candidate: only the last link works.
pub async fn replace(
    conn: &mut Conn,
    token_hash: &str,
    candidate_id: i64,
    email: &str,
    email_norm: &str,
    now: i64,
    expires_at: i64,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM email_changes WHERE candidate_id = $1 AND used_at IS NULL")
        .bind(candidate_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO email_changes (token_hash, candidate_id, new_email, new_email_norm, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(candidate_id)
    .bind(email)
    .bind(email_norm)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks the link used and returns the request, if unused and in time.
/// The conditional update makes two clicks yield one change.
pub async fn consume(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<Option<Pending>> {
    Ok(sqlx::query_as(
        "UPDATE email_changes SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at >= $2
         RETURNING candidate_id, new_email, new_email_norm",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// The address a candidate asked for and has not confirmed yet, if any.
pub async fn pending_for(conn: &mut Conn, candidate_id: i64, now: i64) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT new_email FROM email_changes WHERE candidate_id = $1 AND used_at IS NULL AND expires_at >= $2",
    )
    .bind(candidate_id)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}
