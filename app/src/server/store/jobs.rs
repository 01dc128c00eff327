//! Leases for scheduled jobs: with several servers on one database, a job
//! runs in one of them at a time.

use super::{Conn, StoreResult};

/// Takes the job's lease until `until`; false when another holder has it.
pub async fn try_lease(conn: &mut Conn, job: &str, now: i64, until: i64) -> StoreResult<bool> {
    sqlx::query("INSERT INTO job_runs (job, lease_until) VALUES ($1, 0) ON CONFLICT (job) DO NOTHING")
        .bind(job)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("UPDATE job_runs SET lease_until = $3, last_started_at = $2 WHERE job = $1 AND lease_until < $2")
        .bind(job)
        .bind(now)
        .bind(until)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn finish(conn: &mut Conn, job: &str, now: i64, result: &str) -> StoreResult<()> {
    sqlx::query("UPDATE job_runs SET lease_until = 0, last_finished_at = $2, last_result = $3 WHERE job = $1")
        .bind(job)
        .bind(now)
        .bind(result)
        .execute(conn)
        .await?;
    Ok(())
}

/// Every job that ran: (name, last start, last end, what it did).
pub async fn last_runs(conn: &mut Conn) -> StoreResult<Vec<(String, Option<i64>, Option<i64>, Option<String>)>> {
    use sqlx::Row;
    let rows = sqlx::query("SELECT job, last_started_at, last_finished_at, last_result FROM job_runs ORDER BY job").fetch_all(conn).await?;
    rows.iter()
        .map(|r| Ok((r.try_get("job")?, r.try_get("last_started_at")?, r.try_get("last_finished_at")?, r.try_get("last_result")?)))
        .collect()
}
