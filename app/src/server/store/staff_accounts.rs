//! Staff accounts as admins manage them, their centres, and each staff
//! member's choice of list columns.

use super::columns::Flag;
use super::{Conn, StoreResult};
use crate::domain::review::StaffRole;

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct StaffLine {
    pub id: i64,
    pub email: String,
    #[sqlx(rename = "display_name")]
    pub name: String,
    pub role: StaffRole,
    #[sqlx(try_from = "Flag")]
    pub active: bool,
    pub cas_uid: Option<String>,
    /// From `staff_centres`.
    #[sqlx(skip)]
    pub centres: Vec<i64>,
}

pub async fn list(conn: &mut Conn) -> StoreResult<Vec<StaffLine>> {
    let mut lines: Vec<StaffLine> = sqlx::query_as(
        "SELECT id, email, display_name, role, active, cas_uid FROM staff ORDER BY active DESC, display_name, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let links: Vec<(i64, i64)> =
        sqlx::query_as("SELECT staff_id, centre_id FROM staff_centres").fetch_all(&mut *conn).await?;
    for line in &mut lines {
        line.centres = links.iter().filter(|(s, _)| *s == line.id).map(|(_, c)| *c).collect();
    }
    Ok(lines)
}

/// A new account without a usable password (`Duplicate(Unique::StaffEmail)`
/// when the address has one): its owner chooses it through the invitation link.
pub async fn insert(
    conn: &mut Conn,
    email: &str,
    email_norm: &str,
    name: &str,
    role: &str,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO staff (email, email_norm, display_name, role, password_hash, active, created_at)
         VALUES ($1, $2, $3, $4, 'invitation', 1, $5) RETURNING id",
    )
    .bind(email)
    .bind(email_norm)
    .bind(name)
    .bind(role)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

pub async fn update(conn: &mut Conn, id: i64, name: &str, role: &str, active: bool) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE staff SET display_name = $2, role = $3, active = $4 WHERE id = $1")
        .bind(id)
        .bind(name)
        .bind(role)
        .bind(active as i64)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A staff account's CAS identifier: `None` for no such account,
/// `Some(None)` for an account tied to none.
pub async fn cas_uid(conn: &mut Conn, id: i64) -> StoreResult<Option<Option<String>>> {
    Ok(sqlx::query_scalar("SELECT cas_uid FROM staff WHERE id = $1").bind(id).fetch_optional(conn).await?)
}

/// Replaces the centres a staff member works on.
/// The staff member's centres in `campaign_id` become `centres`; their
/// centres of other campaigns (archived, in preparation) stay.
pub async fn set_centres(conn: &mut Conn, id: i64, campaign_id: i64, centres: &[i64]) -> StoreResult<()> {
    sqlx::query("DELETE FROM staff_centres WHERE staff_id = $1 AND centre_id IN (SELECT id FROM centres WHERE campaign_id = $2)")
        .bind(id)
        .bind(campaign_id)
        .execute(&mut *conn)
        .await?;
    for centre in centres {
        super::review::assign_centre(&mut *conn, id, *centre).await?;
    }
    Ok(())
}

/// The list columns this staff member chose (`None`: the default set).
pub async fn list_columns(conn: &mut Conn, id: i64) -> StoreResult<Option<String>> {
    let columns: Option<Option<String>> =
        sqlx::query_scalar("SELECT list_columns FROM staff WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(columns.flatten())
}

pub async fn set_list_columns(conn: &mut Conn, id: i64, columns: &str) -> StoreResult<()> {
    sqlx::query("UPDATE staff SET list_columns = $2 WHERE id = $1").bind(id).bind(columns).execute(conn).await?;
    Ok(())
}
