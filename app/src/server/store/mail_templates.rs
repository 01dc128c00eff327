//! Mail texts edited by staff, one per template and language (a template
//! without a row in a language is its default text in that language).

use super::{Conn, StoreResult};
use crate::domain::language::Language;

/// The edited subject and body of a template in a language, if staff
/// changed it.
pub async fn get(conn: &mut Conn, key: &str, language: Language) -> StoreResult<Option<(String, String)>> {
    Ok(sqlx::query_as("SELECT subject, body FROM mail_templates WHERE template_key = $1 AND language = $2")
        .bind(key)
        .bind(language.code())
        .fetch_optional(conn)
        .await?)
}

/// The edited texts: each template's key and language.
pub async fn edited(conn: &mut Conn) -> StoreResult<Vec<(String, Language)>> {
    Ok(sqlx::query_as("SELECT template_key, language FROM mail_templates ORDER BY template_key, language")
        .fetch_all(conn)
        .await?)
}

pub async fn put(
    conn: &mut Conn,
    key: &str,
    language: Language,
    subject: &str,
    body: &str,
    staff_id: i64,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO mail_templates (template_key, language, subject, body, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (template_key, language) DO UPDATE SET subject = excluded.subject, body = excluded.body,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(key)
    .bind(language.code())
    .bind(subject)
    .bind(body)
    .bind(staff_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// "Rétablir le texte d'origine" of one language.
pub async fn reset(conn: &mut Conn, key: &str, language: Language) -> StoreResult<()> {
    sqlx::query("DELETE FROM mail_templates WHERE template_key = $1 AND language = $2")
        .bind(key)
        .bind(language.code())
        .execute(conn)
        .await?;
    Ok(())
}
