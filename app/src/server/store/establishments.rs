//! The establishments directory behind the "Etablissement" type-ahead.

use super::{Conn, StoreResult};
use crate::domain::lookup::{normalize, Suggestion};

/// Inserts or updates one establishment (import, demo).
pub async fn upsert(conn: &mut Conn, uai: &str, name: &str, commune_code: &str, kind: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO establishments (uai, name, name_norm, commune_code, kind) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (uai) DO UPDATE SET name = excluded.name, name_norm = excluded.name_norm, commune_code = excluded.commune_code, kind = excluded.kind",
    )
    .bind(uai)
    .bind(name)
    .bind(normalize(name))
    .bind(commune_code)
    .bind(kind)
    .execute(conn)
    .await?;
    Ok(())
}

/// Establishments of a commune whose name has a word starting with what was
/// typed (all of the commune's when nothing was), names starting with it first.
pub async fn search(conn: &mut Conn, commune_code: &str, typed: &str, limit: i64) -> StoreResult<Vec<Suggestion>> {
    let q = normalize(typed);
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, kind FROM establishments
         WHERE commune_code = $1 AND (name_norm LIKE $2 OR name_norm LIKE $3)
         ORDER BY CASE WHEN name_norm LIKE $2 THEN 0 ELSE 1 END, name_norm LIMIT $4",
    )
    .bind(commune_code)
    .bind(format!("{q}%"))
    .bind(format!("% {q}%"))
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(name, kind)| Suggestion { code: name.clone(), label: name, detail: kind }).collect())
}
