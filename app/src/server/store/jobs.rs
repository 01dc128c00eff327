//! Leases for scheduled jobs: with several servers on one database, a job
//! runs in one of them at a time. A lease names its holder (a random token
//! per run): only that run renews it while it works and releases it when it
//! ends, so a run that outlived its lease never cuts short the next one.

use super::{Conn, StoreResult};

/// Takes the job's lease for `holder` until `until`; false when another
/// holder has it and it has not expired.
pub async fn try_lease(conn: &mut Conn, job: &str, holder: &str, now: i64, until: i64) -> StoreResult<bool> {
    sqlx::query("INSERT INTO job_runs (job, lease_until) VALUES ($1, 0) ON CONFLICT (job) DO NOTHING")
        .bind(job)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query(
        "UPDATE job_runs SET lease_until = $3, last_started_at = $2, holder = $4 WHERE job = $1 AND lease_until < $2",
    )
    .bind(job)
    .bind(now)
    .bind(until)
    .bind(holder)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Extends the lease while its holder still has it; false when it lost it
/// (expired and taken by another run).
pub async fn renew(conn: &mut Conn, job: &str, holder: &str, until: i64) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE job_runs SET lease_until = $3 WHERE job = $1 AND holder = $2 AND lease_until > 0")
        .bind(job)
        .bind(holder)
        .bind(until)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the run's outcome and releases the lease, if `holder` still has
/// it; false when another run holds it now (nothing is changed then).
pub async fn finish(conn: &mut Conn, job: &str, holder: &str, now: i64, result: &str) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE job_runs SET lease_until = 0, last_finished_at = $3, last_result = $4 WHERE job = $1 AND holder = $2",
    )
    .bind(job)
    .bind(holder)
    .bind(now)
    .bind(result)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every job that ran: (name, last start, last end, what it did).
pub async fn last_runs(conn: &mut Conn) -> StoreResult<Vec<(String, Option<i64>, Option<i64>, Option<String>)>> {
    Ok(sqlx::query_as("SELECT job, last_started_at, last_finished_at, last_result FROM job_runs ORDER BY job")
        .fetch_all(conn)
        .await?)
}
