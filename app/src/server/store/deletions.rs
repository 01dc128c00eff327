//! Files waiting to leave the disk (`pending_deletions`): a row is written
//! in the same transaction as the deletion of the row that named the file,
//! and removed once the file is gone.

use std::collections::HashSet;

use super::{Conn, StoreResult};

/// Notes that `stored_name` must leave the disk (once, however often asked).
/// `queued_at` is the wall clock (files live on the real disk's time).
pub async fn queue(conn: &mut Conn, stored_name: &str) -> StoreResult<()> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    sqlx::query(
        "INSERT INTO pending_deletions (stored_name, queued_at) VALUES ($1, $2) ON CONFLICT (stored_name) DO NOTHING",
    )
    .bind(stored_name)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The file is gone: its note goes too.
pub async fn done(conn: &mut Conn, stored_name: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM pending_deletions WHERE stored_name = $1").bind(stored_name).execute(conn).await?;
    Ok(())
}

/// The files waiting, oldest first. A name some row still uses (it should
/// never happen) loses its note instead: a file in use is never removed.
pub async fn pending(conn: &mut Conn, limit: i64) -> StoreResult<Vec<String>> {
    sqlx::query(
        "DELETE FROM pending_deletions WHERE stored_name IN (SELECT stored_name FROM files)
            OR stored_name IN (SELECT model_stored_name FROM pieces WHERE model_stored_name IS NOT NULL)",
    )
    .execute(&mut *conn)
    .await?;
    Ok(sqlx::query_scalar("SELECT stored_name FROM pending_deletions ORDER BY queued_at, stored_name LIMIT $1")
        .bind(limit)
        .fetch_all(conn)
        .await?)
}

/// Every stored name a row refers to: candidates' files, model files, and
/// files waiting for removal (the sweep leaves those to their own path).
pub async fn referenced(conn: &mut Conn) -> StoreResult<HashSet<String>> {
    names(conn, "UNION SELECT stored_name AS n FROM pending_deletions").await
}

/// The files rows name: candidates' files and model files (not those
/// waiting to be deleted). A store that lacks one of them cannot serve.
pub async fn in_use(conn: &mut Conn) -> StoreResult<HashSet<String>> {
    names(conn, "").await
}

async fn names(conn: &mut Conn, also: &str) -> StoreResult<HashSet<String>> {
    let query = format!(
        "SELECT stored_name AS n FROM files
         UNION SELECT model_stored_name AS n FROM pieces WHERE model_stored_name IS NOT NULL {also}"
    );
    let names: Vec<String> = sqlx::query_scalar(&query).fetch_all(conn).await?;
    Ok(names.into_iter().collect())
}
