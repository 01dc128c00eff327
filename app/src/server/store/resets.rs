//! Single-use password reset links.

use super::columns::Flag;
use super::{Conn, StoreResult};

pub async fn insert(
    conn: &mut Conn,
    token_hash: &str,
    kind: &str,
    id: i64,
    now: i64,
    expires_at: i64,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO password_resets (token_hash, account_kind, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(token_hash)
        .bind(kind)
        .bind(id)
        .bind(now)
        .bind(expires_at)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks the link used and returns its account, if it was unused and in time.
/// The conditional update makes two clicks yield one reset.
pub async fn consume(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<Option<(String, i64)>> {
    Ok(sqlx::query_as(
        "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at >= $2
         RETURNING account_kind, account_id",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// Whether the link can still be used (the reset form checks before
/// showing), and whether it is a staff member's invitation (their account
/// has no password yet): `None` when it cannot.
pub async fn usable(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<Option<bool>> {
    let invitation: Option<Flag> = sqlx::query_scalar(
        "SELECT CASE WHEN r.account_kind = 'staff' AND EXISTS (SELECT 1 FROM staff s WHERE s.id = r.account_id AND s.password_hash = 'invitation')
                THEN 1 ELSE 0 END AS invitation
         FROM password_resets r WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at >= $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(invitation.map(bool::from))
}

/// Every unused link of the account stops working (after a reset or a
/// change of password, or when a staff account is deactivated).
pub async fn revoke_for_account(conn: &mut Conn, kind: &str, id: i64, now: i64) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE password_resets SET used_at = $3 WHERE account_kind = $1 AND account_id = $2 AND used_at IS NULL",
    )
    .bind(kind)
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_expired(conn: &mut Conn, now: i64) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM password_resets WHERE expires_at < $1").bind(now).execute(conn).await?;
    Ok(done.rows_affected())
}
