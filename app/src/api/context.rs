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

/// The request's context as the server provides it to pages and server
/// functions: the state, and the session looked up once per request.
pub fn provide(state: AppState) {
    provide_context(state);
    provide_context(RequestSession::default());
}

/// The session of this request, once looked up: a page's frame and its
/// resources each ask, and each would otherwise read the database again.
/// The request's cookies do not change while it is served.
#[derive(Clone, Default)]
pub struct RequestSession(std::sync::Arc<tokio::sync::OnceCell<Option<Signed>>>);

pub async fn signed(state: &AppState) -> Result<Option<Signed>, AppError> {
    let headers = headers();
    match use_context::<RequestSession>() {
        Some(memo) => Ok(memo.0.get_or_try_init(|| session::current(state, &headers)).await?.clone()),
        None => Ok(session::current(state, &headers).await?),
    }
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

/// A token as a path segment (tokens are URL-safe; anything else a client
/// sends is escaped by `url`'s encoder).
pub fn path_segment(token: &str) -> String {
    url::form_urlencoded::byte_serialize(token.as_bytes()).collect()
}

/// The language of this request's candidate: the switch's cookie, else
/// the browser's `Accept-Language` (`server::language`).
pub fn language() -> crate::domain::language::Language {
    let secure = use_context::<AppState>().is_some_and(|s| s.settings.secure_cookies);
    crate::server::language::of_request(&headers(), secure)
}
