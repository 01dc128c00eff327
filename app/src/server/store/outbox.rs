//! The mail outbox: rows written with the change that causes them, sent by
//! the worker, retried with backoff, each claimed by one sender at a time.

use super::{Conn, StoreResult};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutgoingMail {
    pub id: i64,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attempts: i64,
}

/// Queues a mail; a second mail with the same event key is ignored.
pub async fn enqueue(
    conn: &mut Conn,
    event_key: &str,
    to: &str,
    subject: &str,
    text: &str,
    html: &str,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO outbox (event_key, to_addr, subject, body_text, body_html, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (event_key) DO NOTHING",
    )
    .bind(event_key)
    .bind(to)
    .bind(subject)
    .bind(text)
    .bind(html)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes the next due mail and leases it for `lease` seconds, so that no
/// other worker sends it meanwhile. The lease is a conditional update.
pub async fn claim_next(conn: &mut Conn, now: i64, lease: i64) -> StoreResult<Option<OutgoingMail>> {
    loop {
        let row: Option<(i64, i64)> = sqlx::query_as(
            "SELECT id, next_attempt_at FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT 1",
        )
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((id, due)) = row else { return Ok(None) };
        let claimed = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $3 WHERE id = $1 AND next_attempt_at = $2 AND sent_at IS NULL",
        )
        .bind(id)
        .bind(due)
        .bind(now + lease)
        .execute(&mut *conn)
        .await?;
        if claimed.rows_affected() == 1 {
            let mail =
                sqlx::query_as("SELECT id, to_addr, subject, body_text, body_html, attempts FROM outbox WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?;
            return Ok(Some(mail));
        }
    }
}

pub async fn mark_sent(conn: &mut Conn, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn mark_failed(conn: &mut Conn, id: i64, retry_at: i64, error: &str) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3 WHERE id = $1")
        .bind(id)
        .bind(retry_at)
        .bind(error)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sent: i64,
}

pub async fn counts(conn: &mut Conn) -> StoreResult<OutboxCounts> {
    Ok(sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END), 0) AS pending,
                COALESCE(SUM(CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END), 0) AS sent FROM outbox",
    )
    .fetch_one(conn)
    .await?)
}

/// The mails not yet sent, and when the oldest was queued (the metrics;
/// reads the unsent rows only, through `outbox_due`).
pub async fn backlog(conn: &mut Conn) -> StoreResult<(i64, Option<i64>)> {
    Ok(sqlx::query_as("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sent_at IS NULL").fetch_one(conn).await?)
}

/// The mails written to an address: (queued at, subject, sent at).
pub async fn to_address(conn: &mut Conn, to: &str) -> StoreResult<Vec<(i64, String, Option<i64>)>> {
    Ok(sqlx::query_as("SELECT created_at, subject, sent_at FROM outbox WHERE to_addr = $1 ORDER BY created_at, id")
        .bind(to)
        .fetch_all(conn)
        .await?)
}

/// Forgets the mails written to an address, sent or not (an account
/// deleted: they hold its personal data).
pub async fn forget(conn: &mut Conn, to: &str) -> StoreResult<u64> {
    Ok(sqlx::query("DELETE FROM outbox WHERE to_addr = $1").bind(to).execute(conn).await?.rows_affected())
}
