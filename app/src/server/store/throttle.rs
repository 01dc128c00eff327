//! Counters of sign-in failures per key, shared by every server instance.

use sqlx::Row;

use super::{Conn, StoreResult};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counter {
    pub failures: i64,
    pub first_failure_at: i64,
    pub locked_until: i64,
}

pub async fn get(conn: &mut Conn, key: &str) -> StoreResult<Counter> {
    let row = sqlx::query("SELECT failures, first_failure_at, locked_until FROM throttle WHERE key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(row) => Counter {
            failures: row.try_get("failures")?,
            first_failure_at: row.try_get("first_failure_at")?,
            locked_until: row.try_get("locked_until")?,
        },
        None => Counter::default(),
    })
}

pub async fn put(conn: &mut Conn, key: &str, counter: Counter) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO throttle (key, failures, first_failure_at, locked_until) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, first_failure_at = excluded.first_failure_at,
           locked_until = excluded.locked_until",
    )
    .bind(key)
    .bind(counter.failures)
    .bind(counter.first_failure_at)
    .bind(counter.locked_until)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn clear(conn: &mut Conn, key: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM throttle WHERE key = $1").bind(key).execute(conn).await?;
    Ok(())
}

pub async fn delete_stale(conn: &mut Conn, before: i64) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM throttle WHERE first_failure_at < $1 AND locked_until < $1")
        .bind(before)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
