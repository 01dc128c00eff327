//! `POST /langue`: the header's "Français / English" switch. A plain form
//! (it works before the WASM and without it): the choice goes in the
//! `langue` cookie, and on the account of a signed-in candidate
//! (`app::server::language::choose`), then back to the page it came from.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;

use app::domain::language::{safe_return, Language};

use crate::http::{see_other, ServerState};

pub fn routes() -> Router<ServerState> {
    // Two short fields: a body of more is refused (413) before it is read.
    Router::new().route("/langue", post(choose).layer(DefaultBodyLimit::max(4 * 1024)))
}

#[derive(Deserialize)]
struct Choice {
    langue: String,
    #[serde(default)]
    retour: String,
}

async fn choose(State(state): State<ServerState>, headers: HeaderMap, Form(choice): Form<Choice>) -> Response {
    let Some(language) = Language::from_code(&choice.langue) else {
        return (StatusCode::BAD_REQUEST, "Langue inconnue : fr ou en. / Unknown language: fr or en.").into_response();
    };
    match app::server::language::choose(&state.app, &headers, language).await {
        Ok(cookie) => see_other(safe_return(&choice.retour), &[cookie]),
        // Logged with its cause where it arose (`AppError::internal`).
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "Réessayez dans un instant. / Please try again in a moment.")
            .into_response(),
    }
}
