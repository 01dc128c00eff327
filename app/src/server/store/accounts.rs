//! Candidate and staff accounts, and the registry of logins handed out.

use super::columns::Flag;
use super::{Conn, StoreResult};
use crate::domain::language::Language;
use crate::domain::review::StaffRole;
use crate::domain::search::search_key;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Candidate {
    pub id: i64,
    pub campaign_id: i64,
    pub login: String,
    pub nom: String,
    pub prenom: String,
    pub email: String,
    pub password_hash: String,
    /// `validated_at` is set.
    #[sqlx(try_from = "Flag")]
    pub validated: bool,
    pub activation_deadline: i64,
    /// The language of their pages, mails and documents.
    pub language: Language,
}

const CANDIDATE_COLUMNS: &str = "id, campaign_id, login, nom, prenom, email, password_hash,
    CASE WHEN validated_at IS NULL THEN 0 ELSE 1 END AS validated, activation_deadline, language";

/// Records a login as handed out; false when it already was.
pub async fn reserve_login(conn: &mut Conn, login: &str) -> StoreResult<bool> {
    let done = sqlx::query("INSERT INTO used_logins (login) VALUES ($1) ON CONFLICT (login) DO NOTHING")
        .bind(login)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub struct NewCandidate<'a> {
    pub campaign_id: i64,
    pub login: &'a str,
    pub nom: &'a str,
    pub prenom: &'a str,
    pub email: &'a str,
    pub email_norm: &'a str,
    pub password_hash: &'a str,
    pub activation_token_hash: &'a str,
    pub now: i64,
    pub activation_deadline: i64,
    pub language: Language,
}

/// Fails with `Duplicate(Unique::CandidateEmail)` when the address already
/// has an account.
pub async fn insert_candidate(conn: &mut Conn, c: &NewCandidate<'_>) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO candidates (campaign_id, login, nom, prenom, email, email_norm, password_hash, created_at, activation_token_hash, activation_deadline, search_key, language)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(c.campaign_id)
    .bind(c.login)
    .bind(c.nom)
    .bind(c.prenom)
    .bind(c.email)
    .bind(c.email_norm)
    .bind(c.password_hash)
    .bind(c.now)
    .bind(c.activation_token_hash)
    .bind(c.activation_deadline)
    .bind(search_key(&[c.nom, c.prenom, c.login, c.email]))
    .bind(c.language.code())
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// A candidate's language (French for an id that is not one).
pub async fn language(conn: &mut Conn, candidate: i64) -> StoreResult<Language> {
    let found: Option<Language> = sqlx::query_scalar("SELECT language FROM candidates WHERE id = $1")
        .bind(candidate)
        .fetch_optional(conn)
        .await?;
    Ok(found.unwrap_or_default())
}

/// Keeps the language a candidate chose with the switch.
pub async fn set_language(conn: &mut Conn, candidate: i64, language: Language) -> StoreResult<()> {
    sqlx::query("UPDATE candidates SET language = $1 WHERE id = $2 AND language <> $1")
        .bind(language.code())
        .bind(candidate)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn candidate_by_id(conn: &mut Conn, id: i64) -> StoreResult<Option<Candidate>> {
    let sql = format!("SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE id = $1");
    Ok(sqlx::query_as(&sql).bind(id).fetch_optional(conn).await?)
}

/// By login (upper case) or by normalised address.
pub async fn candidate_by_identifier(
    conn: &mut Conn,
    login: Option<&str>,
    email_norm: &str,
) -> StoreResult<Option<Candidate>> {
    let sql = format!("SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE login = $1 OR email_norm = $2");
    Ok(sqlx::query_as(&sql).bind(login.unwrap_or("")).bind(email_norm).fetch_optional(conn).await?)
}

/// Validates the account holding this activation token, if still in time.
pub async fn validate_candidate(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<Option<Candidate>> {
    let id: Option<i64> = sqlx::query_scalar(
        "UPDATE candidates SET validated_at = $2, activation_token_hash = NULL
         WHERE activation_token_hash = $1 AND validated_at IS NULL AND activation_deadline >= $2 RETURNING id",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    match id {
        Some(id) => candidate_by_id(conn, id).await,
        None => Ok(None),
    }
}

/// Validates an account whose address was proven another way (a join link).
pub async fn mark_validated(conn: &mut Conn, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE candidates SET validated_at = $2, activation_token_hash = NULL WHERE id = $1 AND validated_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives a not-yet-validated, not-yet-expired account a new activation token.
pub async fn renew_activation(
    conn: &mut Conn,
    email_norm: &str,
    token_hash: &str,
    now: i64,
) -> StoreResult<Option<Candidate>> {
    let id: Option<i64> = sqlx::query_scalar(
        "UPDATE candidates SET activation_token_hash = $2
         WHERE email_norm = $1 AND validated_at IS NULL AND activation_deadline >= $3 RETURNING id",
    )
    .bind(email_norm)
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    match id {
        Some(id) => candidate_by_id(conn, id).await,
        None => Ok(None),
    }
}

/// Deletes the accounts not validated in time; returns how many.
pub async fn delete_unvalidated(conn: &mut Conn, now: i64) -> StoreResult<u64> {
    sqlx::query(
        "DELETE FROM sessions WHERE account_kind = 'candidat' AND account_id IN
           (SELECT id FROM candidates WHERE validated_at IS NULL AND activation_deadline < $1)",
    )
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query("DELETE FROM candidates WHERE validated_at IS NULL AND activation_deadline < $1")
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn set_password(conn: &mut Conn, kind: &str, id: i64, hash: &str) -> StoreResult<()> {
    let sql = match kind {
        "staff" => "UPDATE staff SET password_hash = $1 WHERE id = $2",
        _ => "UPDATE candidates SET password_hash = $1 WHERE id = $2",
    };
    sqlx::query(sql).bind(hash).bind(id).execute(conn).await?;
    Ok(())
}

/// `Duplicate(Unique::CandidateEmail)` when another account has the address.
pub async fn set_candidate_email(conn: &mut Conn, id: i64, email: &str, email_norm: &str) -> StoreResult<()> {
    sqlx::query("UPDATE candidates SET email = $1, email_norm = $2 WHERE id = $3")
        .bind(email)
        .bind(email_norm)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    refresh_list_keys(conn, id).await?;
    Ok(())
}

/// What the staff list reads of a candidate: the search key (names, login,
/// address and INE, folded) and the INE it sorts by.
type KeySource = (i64, String, String, String, String, Option<String>);

const KEY_SOURCE: &str = "SELECT k.id, k.nom, k.prenom, k.login, k.email, di.ine
     FROM candidates k LEFT JOIN dossier_ine di ON di.candidate_id = k.id";

async fn write_list_keys(conn: &mut Conn, (id, nom, prenom, login, email, ine): &KeySource) -> Result<(), sqlx::Error> {
    let ine = ine.as_deref().unwrap_or("");
    sqlx::query("UPDATE candidates SET search_key = $1, ine_key = $2 WHERE id = $3")
        .bind(search_key(&[nom, prenom, login, email, ine]))
        .bind(ine)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Writes the candidate's list keys again, after a change to what they
/// hold (the address, the INE), in the caller's transaction.
pub async fn refresh_list_keys(conn: &mut Conn, id: i64) -> StoreResult<()> {
    let source: Option<KeySource> =
        sqlx::query_as(&format!("{KEY_SOURCE} WHERE k.id = $1")).bind(id).fetch_optional(&mut *conn).await?;
    if let Some(source) = source {
        write_list_keys(conn, &source).await?;
    }
    Ok(())
}

/// Fills the search key of the rows written before it existed (migrations
/// 0021 and 0022) or by bulk SQL (the benchmarks' seed); the number filled.
pub async fn fill_search_keys(conn: &mut Conn) -> Result<u64, sqlx::Error> {
    let rows: Vec<KeySource> =
        sqlx::query_as(&format!("{KEY_SOURCE} WHERE k.search_key = ''")).fetch_all(&mut *conn).await?;
    for source in &rows {
        write_list_keys(conn, source).await?;
    }
    Ok(rows.len() as u64)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Staff {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: StaffRole,
    pub password_hash: String,
    #[sqlx(try_from = "Flag")]
    pub active: bool,
}

const STAFF_COLUMNS: &str = "id, email, display_name, role, password_hash, active";

pub async fn staff_by_email(conn: &mut Conn, email_norm: &str) -> StoreResult<Option<Staff>> {
    let sql = format!("SELECT {STAFF_COLUMNS} FROM staff WHERE email_norm = $1");
    Ok(sqlx::query_as(&sql).bind(email_norm).fetch_optional(conn).await?)
}

pub async fn staff_by_id(conn: &mut Conn, id: i64) -> StoreResult<Option<Staff>> {
    let sql = format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = $1");
    Ok(sqlx::query_as(&sql).bind(id).fetch_optional(conn).await?)
}

/// Creates a staff account, or resets the role, name and password of the
/// existing one with this address (the CLI's `staff add` is repeatable).
pub async fn upsert_staff(
    conn: &mut Conn,
    email: &str,
    email_norm: &str,
    name: &str,
    role: &str,
    hash: &str,
    now: i64,
) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO staff (email, email_norm, display_name, role, password_hash, active, created_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6)
         ON CONFLICT (email_norm) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
           password_hash = excluded.password_hash, active = 1
         RETURNING id",
    )
    .bind(email)
    .bind(email_norm)
    .bind(name)
    .bind(role)
    .bind(hash)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Deletes a candidate's account and everything it holds (dossier,
/// applications, pieces, files, sessions, links); returns the stored names
/// of their files, for the caller to delete from disk after the commit.
pub async fn delete_candidate(conn: &mut Conn, candidate: i64) -> StoreResult<Vec<String>> {
    // The mails written to the address held its personal data too.
    let email: Option<String> = sqlx::query_scalar("SELECT email FROM candidates WHERE id = $1")
        .bind(candidate)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(email) = email {
        super::outbox::forget(conn, &email).await?;
    }
    let names: Vec<String> = sqlx::query_scalar("SELECT stored_name FROM files WHERE candidate_id = $1")
        .bind(candidate)
        .fetch_all(&mut *conn)
        .await?;
    // Noted in this transaction: a crash after the commit forgets no file.
    for name in &names {
        super::deletions::queue(conn, name).await?;
    }
    sqlx::query("DELETE FROM sessions WHERE account_kind = 'candidat' AND account_id = $1")
        .bind(candidate)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM password_resets WHERE account_kind = 'candidat' AND account_id = $1")
        .bind(candidate)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM candidate_pieces WHERE candidate_id = $1").bind(candidate).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM candidates WHERE id = $1").bind(candidate).execute(conn).await?;
    Ok(names)
}
