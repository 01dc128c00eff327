//! What a server function reads from its request.

use http::request::Parts;
use http::{HeaderName, HeaderValue};
use leptos::prelude::*;

use crate::error::AppError;
use crate::server::auth::session::{self, AccountKind, Signed};
use crate::server::AppState;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::missing("AppState in the Leptos context"))
}

pub fn headers() -> http::HeaderMap {
    use_context::<Parts>().map(|p| p.headers).unwrap_or_default()
}

/// The client address as a throttling key (`server::client`).
pub fn client(state: &AppState) -> String {
    let address = use_context::<Parts>()
        .and_then(|p| crate::server::client::address(&p.headers, &p.extensions, &state.settings.trusted_proxies));
    crate::server::client::key(address)
}

pub fn set_header(name: HeaderName, value: HeaderValue) {
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.append_header(name, value);
    }
}

pub async fn signed(state: &AppState) -> Result<Option<Signed>, AppError> {
    Ok(session::current(state, &headers()).await?)
}

/// The signed-in account of this kind, or `NotSignedIn`.
pub async fn require(state: &AppState, kind: AccountKind) -> Result<Signed, AppError> {
    match signed(state).await? {
        Some(s) if s.kind == kind => Ok(s),
        Some(_) => Err(AppError::NotFound),
        None => Err(AppError::NotSignedIn),
    }
}

/// The state and the signed-in staff member.
pub async fn staff() -> Result<(AppState, Signed), AppError> {
    let state = state()?;
    let signed = require(&state, AccountKind::Staff).await?;
    Ok((state, signed))
}

/// The state and the signed-in candidate: what every dossier function needs.
pub async fn candidate() -> Result<(AppState, Signed), AppError> {
    let state = state()?;
    let signed = require(&state, AccountKind::Candidat).await?;
    Ok((state, signed))
}
