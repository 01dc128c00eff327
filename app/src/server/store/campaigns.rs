//! Campaigns, centres and formations (read by every page's header, written
//! by the demo seed for now; staff edit them in a later issue).

use serde::{Deserialize, Serialize};

use super::{Conn, StoreResult};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Campaign {
    pub id: i64,
    pub code: String,
    pub label: String,
    pub university_year: String,
}

pub async fn active(conn: &mut Conn) -> StoreResult<Option<Campaign>> {
    Ok(sqlx::query_as(
        "SELECT id, code, label, university_year FROM campaigns WHERE active = 1 ORDER BY id DESC LIMIT 1",
    )
    .fetch_optional(conn)
    .await?)
}

/// The campaign's INE rules (issue 3): INES accepted on format alone, INE
/// required of French nationals.
pub async fn set_ine_settings(
    conn: &mut Conn,
    campaign_id: i64,
    accept_ines: bool,
    required_for_french: bool,
) -> StoreResult<()> {
    sqlx::query("UPDATE campaigns SET accept_ines = $1, ine_required_for_french = $2 WHERE id = $3")
        .bind(accept_ines as i64)
        .bind(required_for_french as i64)
        .bind(campaign_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Creates the campaign, or returns the id of the one with this code.
pub async fn ensure_campaign(conn: &mut Conn, code: &str, label: &str, year: &str, now: i64) -> StoreResult<i64> {
    sqlx::query(
        "INSERT INTO campaigns (code, label, university_year, active, created_at) VALUES ($1, $2, $3, 1, $4)
         ON CONFLICT (code) DO NOTHING",
    )
    .bind(code)
    .bind(label)
    .bind(year)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM campaigns WHERE code = $1").bind(code).fetch_one(&mut *conn).await?;
    for (position, label) in crate::domain::decision::DEFAULT_REASONS.iter().enumerate() {
        sqlx::query("INSERT INTO decision_reasons (campaign_id, label, position) VALUES ($1, $2, $3) ON CONFLICT (campaign_id, label) DO NOTHING")
            .bind(id)
            .bind(*label)
            .bind(position as i64 + 1)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

/// The reasons of a défavorable decision, in the admin's order.
pub async fn decision_reasons(conn: &mut Conn, campaign_id: i64) -> StoreResult<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT label FROM decision_reasons WHERE campaign_id = $1 ORDER BY position, id")
        .bind(campaign_id)
        .fetch_all(conn)
        .await?)
}

pub async fn ensure_centre(
    conn: &mut Conn,
    campaign_id: i64,
    label: &str,
    address: &str,
    email: &str,
) -> StoreResult<i64> {
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM centres WHERE campaign_id = $1 AND label = $2")
        .bind(campaign_id)
        .bind(label)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO centres (campaign_id, label, contact_address, contact_email) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(campaign_id)
    .bind(label)
    .bind(address)
    .bind(email)
    .fetch_one(conn)
    .await?)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Formation {
    pub id: i64,
    pub centre: String,
    pub title: String,
    pub window_start: String,
    pub window_end: String,
    pub return_deadline: String,
    pub mode: String,
}

pub struct NewFormation<'a> {
    pub centre_id: i64,
    pub title: &'a str,
    pub keywords: &'a str,
    pub window_start: &'a str,
    pub window_end: &'a str,
    pub return_deadline: &'a str,
    pub capacity: i64,
}

pub async fn ensure_formation(conn: &mut Conn, f: &NewFormation<'_>) -> StoreResult<i64> {
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM formations WHERE centre_id = $1 AND title = $2")
        .bind(f.centre_id)
        .bind(f.title)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO formations (centre_id, title, keywords, window_start, window_end, return_deadline, capacity)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(f.centre_id)
    .bind(f.title)
    .bind(f.keywords)
    .bind(f.window_start)
    .bind(f.window_end)
    .bind(f.return_deadline)
    .bind(f.capacity)
    .fetch_one(conn)
    .await?)
}

pub async fn formations(conn: &mut Conn, campaign_id: i64) -> StoreResult<Vec<Formation>> {
    Ok(sqlx::query_as(
        "SELECT f.id, c.label AS centre, f.title, f.window_start, f.window_end, f.return_deadline, f.mode
         FROM formations f JOIN centres c ON c.id = f.centre_id WHERE c.campaign_id = $1 ORDER BY c.label, f.title",
    )
    .bind(campaign_id)
    .fetch_all(conn)
    .await?)
}
