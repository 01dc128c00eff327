//! Reference data the forms look up as the candidate types: communes and
//! countries (open data, see `app/data/README.md`). Public, read-only, GET
//! so that browsers and proxies may cache the answers.
//!
//! Countries are searched and named in the page's language, which the
//! browser sends as `langue` (`fr`, the default, or `en`): the answer
//! depends on the address alone, so a cache keeps the two languages apart
//! without varying on cookies or `Accept-Language`. Communes and
//! establishments have French names whatever the language.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::lookup::Suggestion;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::views::reference::SUGGESTIONS;

/// The suggestions for what was typed in a type-ahead, countries in the
/// language `langue` (French when absent or unknown).
#[server(prefix = "/api", endpoint = "reference/recherche", input = GetUrl)]
pub async fn lookup(
    liste: String,
    q: String,
    scope: Option<String>,
    langue: Option<String>,
) -> Result<Vec<Suggestion>, AppError> {
    use crate::domain::language::Language;
    use crate::server::refdata;
    let language = langue.as_deref().and_then(Language::from_code).unwrap_or_default();
    let q: String = q.chars().take(100).collect();
    let scope = scope.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let index = match liste.as_str() {
        "communes" => refdata::communes(),
        "pays" => refdata::country_index_in(language),
        "etablissements" => {
            let Some(commune) = scope else { return Ok(Vec::new()) };
            let state = super::context::state()?;
            let mut conn = state.db.pool.acquire().await?;
            return Ok(crate::server::store::establishments::search(&mut conn, commune, &q, SUGGESTIONS as i64).await?);
        }
        _ => return Err(AppError::NotFound),
    };
    Ok(index.search(&q, scope, SUGGESTIONS).into_iter().map(Suggestion::from).collect())
}

/// The communes of a French postal code (filled in as the candidate types).
#[server(prefix = "/api", endpoint = "reference/communes")]
pub async fn communes_for(code_postal: String) -> Result<Vec<(String, String)>, AppError> {
    Ok(crate::server::refdata::communes_of(code_postal.trim()))
}
