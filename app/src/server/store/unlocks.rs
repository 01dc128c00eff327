//! Single-use links that lift the per-address refusals of an account
//! (`auth::throttle`), mailed to its owner.

use super::{Conn, StoreResult};

/// What a link unlocks: the account, from this client address.
#[derive(sqlx::FromRow)]
pub struct Unlock {
    #[sqlx(rename = "account_kind")]
    pub kind: String,
    pub account_id: i64,
    pub client: String,
}

pub async fn insert(conn: &mut Conn, token_hash: &str, unlock: &Unlock, expires_at: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO unlock_links (token_hash, account_kind, account_id, client, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(token_hash)
        .bind(&unlock.kind)
        .bind(unlock.account_id)
        .bind(&unlock.client)
        .bind(expires_at)
        .execute(conn)
        .await?;
    Ok(())
}

/// Uses the link: gone after this (two clicks, one use); its account when
/// it was still valid.
pub async fn consume(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<Option<Unlock>> {
    Ok(sqlx::query_as("DELETE FROM unlock_links WHERE token_hash = $1 AND expires_at >= $2 RETURNING account_kind, account_id, client")
        .bind(token_hash)
        .bind(now)
        .fetch_optional(conn)
        .await?)
}

pub async fn delete_expired(conn: &mut Conn, now: i64) -> StoreResult<u64> {
    Ok(sqlx::query("DELETE FROM unlock_links WHERE expires_at < $1").bind(now).execute(conn).await?.rows_affected())
}
