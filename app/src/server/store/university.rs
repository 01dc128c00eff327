//! The university's people (migration 0023): accounts tied to a CAS
//! identifier, first CAS sign-ins waiting for their address, and external
//! accounts waiting to be joined.

use super::{Conn, StoreResult};

/// The candidate tied to this CAS identifier.
pub async fn candidate_by_cas_uid(conn: &mut Conn, uid: &str) -> StoreResult<Option<CasCandidate>> {
    Ok(sqlx::query_as(
        "SELECT id, CASE WHEN validated_at IS NULL THEN 0 ELSE 1 END AS validated, language FROM candidates WHERE cas_uid = $1",
    )
    .bind(uid)
    .fetch_optional(conn)
    .await?)
}

/// A candidate account tied to a CAS identifier.
#[derive(sqlx::FromRow)]
pub struct CasCandidate {
    pub id: i64,
    #[sqlx(try_from = "super::columns::Flag")]
    pub validated: bool,
    pub language: crate::domain::language::Language,
}

/// The active staff member tied to this CAS identifier.
pub async fn active_staff_by_cas_uid(conn: &mut Conn, uid: &str) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM staff WHERE cas_uid = $1 AND active = 1")
        .bind(uid)
        .fetch_optional(conn)
        .await?)
}

/// Ties a staff account to a CAS identifier (or unties it with `None`).
pub async fn set_staff_cas_uid(conn: &mut Conn, staff_id: i64, uid: Option<&str>) -> StoreResult<bool> {
    let done =
        sqlx::query("UPDATE staff SET cas_uid = $2 WHERE id = $1").bind(staff_id).bind(uid).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_sign_in(conn: &mut Conn, token_hash: &str, uid: &str, person: &str, now: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO university_sign_ins (token_hash, cas_uid, person, created_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(uid)
        .bind(person)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// The first sign-in under this token, if made after `since`: the CAS
/// identifier and the person (JSON).
pub async fn sign_in(conn: &mut Conn, token_hash: &str, since: i64) -> StoreResult<Option<(String, String)>> {
    Ok(sqlx::query_as("SELECT cas_uid, person FROM university_sign_ins WHERE token_hash = $1 AND created_at >= $2")
        .bind(token_hash)
        .bind(since)
        .fetch_optional(conn)
        .await?)
}

/// Takes the first sign-in away; false when another request already did
/// (two tabs, a double click: one account).
pub async fn take_sign_in(conn: &mut Conn, token_hash: &str) -> StoreResult<bool> {
    let done =
        sqlx::query("DELETE FROM university_sign_ins WHERE token_hash = $1").bind(token_hash).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// First sign-ins older than `before` (the purge job).
pub async fn delete_sign_ins_before(conn: &mut Conn, before: i64) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM university_sign_ins WHERE created_at < $1").bind(before).execute(conn).await?;
    Ok(done.rows_affected())
}

/// Ties a new CAS candidate account; see `accounts::insert_candidate`.
pub async fn set_candidate_cas_uid(conn: &mut Conn, candidate_id: i64, uid: &str) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE candidates SET cas_uid = $2 WHERE id = $1 AND cas_uid IS NULL")
        .bind(candidate_id)
        .bind(uid)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_join(
    conn: &mut Conn,
    token_hash: &str,
    candidate_id: i64,
    uid: &str,
    expires_at: i64,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO university_joins (token_hash, candidate_id, cas_uid, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(candidate_id)
        .bind(uid)
        .bind(expires_at)
        .execute(conn)
        .await?;
    Ok(())
}

/// Takes a join link away, if in time: the account and the CAS identifier.
/// The delete makes two clicks yield one join.
pub async fn take_join(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<Option<(i64, String)>> {
    Ok(sqlx::query_as(
        "DELETE FROM university_joins WHERE token_hash = $1 AND expires_at >= $2 RETURNING candidate_id, cas_uid",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// Join links past their time (the purge job).
pub async fn delete_joins_before(conn: &mut Conn, now: i64) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM university_joins WHERE expires_at < $1").bind(now).execute(conn).await?;
    Ok(done.rows_affected())
}

/// Keeps what CAS and the directory said about a candidate (`sso::Person`
/// as JSON) at this sign-in.
pub async fn save_record(conn: &mut Conn, candidate_id: i64, person: &str, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE candidates SET university_record = $2, university_record_at = $3 WHERE id = $1")
        .bind(candidate_id)
        .bind(person)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// What was last kept about a candidate (JSON), if anything.
pub async fn record(conn: &mut Conn, candidate_id: i64) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT university_record FROM candidates WHERE id = $1")
        .bind(candidate_id)
        .fetch_optional(conn)
        .await?
        .flatten())
}
