//! Mail texts edited by staff (a template without a row is its default).

use super::{Conn, StoreResult};

/// The edited subject and body of a template, if staff changed it.
pub async fn get(conn: &mut Conn, key: &str) -> StoreResult<Option<(String, String)>> {
    Ok(sqlx::query_as("SELECT subject, body FROM mail_templates WHERE template_key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await?)
}

/// The keys of the edited templates.
pub async fn edited(conn: &mut Conn) -> StoreResult<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT template_key FROM mail_templates ORDER BY template_key").fetch_all(conn).await?)
}

pub async fn put(conn: &mut Conn, key: &str, subject: &str, body: &str, staff_id: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO mail_templates (template_key, subject, body, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (template_key) DO UPDATE SET subject = excluded.subject, body = excluded.body,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(key)
    .bind(subject)
    .bind(body)
    .bind(staff_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// "Rétablir le texte d'origine".
pub async fn reset(conn: &mut Conn, key: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM mail_templates WHERE template_key = $1").bind(key).execute(conn).await?;
    Ok(())
}
