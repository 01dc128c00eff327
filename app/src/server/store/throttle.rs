//! Counters of attempts per key (sign-in, password checks, mails on
//! request), shared by every server instance. Each attempt is counted by
//! one atomic statement *before* the slow work it guards, so parallel
//! requests cannot all read the same old count.

use super::{Conn, StoreResult};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Counter {
    /// Attempts counted in the current window, this one included.
    pub failures: i64,
    /// When the current window began.
    pub first_failure_at: i64,
}

/// Counts one attempt under `key` and returns the counter as it is now.
/// A window older than `window` seconds starts again at one.
pub async fn hit(conn: &mut Conn, key: &str, now: i64, window: i64) -> StoreResult<Counter> {
    Ok(sqlx::query_as(
        "INSERT INTO throttle (key, failures, first_failure_at, locked_until) VALUES ($1, 1, $2, 0)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN throttle.first_failure_at <= $3 THEN 1 ELSE throttle.failures + 1 END,
           first_failure_at = CASE WHEN throttle.first_failure_at <= $3 THEN $2 ELSE throttle.first_failure_at END
         RETURNING failures, first_failure_at",
    )
    .bind(key)
    .bind(now)
    .bind(now - window)
    .fetch_one(conn)
    .await?)
}

/// Takes back one attempt counted under `key` (it succeeded): an address
/// counts failures, so a campus behind one address signing in all day is
/// never refused for its successes.
pub async fn take_back(conn: &mut Conn, key: &str) -> StoreResult<()> {
    sqlx::query("UPDATE throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn clear(conn: &mut Conn, key: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM throttle WHERE key = $1").bind(key).execute(conn).await?;
    Ok(())
}

/// Forgets every key starting with `prefix` (an account's per-address
/// counters, when its owner unlocks or resets).
pub async fn clear_prefix(conn: &mut Conn, prefix: &str) -> StoreResult<u64> {
    let escaped = prefix.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let done = sqlx::query("DELETE FROM throttle WHERE key LIKE $1 ESCAPE '\\'")
        .bind(format!("{escaped}%"))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn delete_stale(conn: &mut Conn, before: i64) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM throttle WHERE first_failure_at < $1 AND locked_until < $1")
        .bind(before)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
