//! Sign-in sessions, keyed by the hash of their cookie token.

use super::{Conn, StoreResult};

#[derive(sqlx::FromRow)]
pub struct SessionRow {
    pub account_kind: String,
    pub account_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
}

pub async fn insert(conn: &mut Conn, token_hash: &str, kind: &str, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO sessions (token_hash, account_kind, account_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)")
        .bind(token_hash)
        .bind(kind)
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    // A candidate signing in keeps their account from the retention of
    // an archived campaign (see `store::retention`).
    if kind == "candidat" {
        sqlx::query("UPDATE candidates SET last_seen_at = $2 WHERE id = $1").bind(id).bind(now).execute(conn).await?;
    }
    Ok(())
}

pub async fn find(conn: &mut Conn, token_hash: &str) -> StoreResult<Option<SessionRow>> {
    Ok(sqlx::query_as("SELECT account_kind, account_id, created_at, last_seen_at FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(conn)
        .await?)
}

pub async fn touch(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut Conn, token_hash: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(conn).await?;
    Ok(())
}

/// Ends every session of an account but the one kept (if any).
pub async fn delete_for_account(conn: &mut Conn, kind: &str, id: i64, keep: Option<&str>) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE account_kind = $1 AND account_id = $2 AND token_hash <> $3")
        .bind(kind)
        .bind(id)
        .bind(keep.unwrap_or(""))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn delete_idle(conn: &mut Conn, idle_before: i64) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1").bind(idle_before).execute(conn).await?;
    Ok(done.rows_affected())
}
