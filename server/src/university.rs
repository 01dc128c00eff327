//! The university's CAS, as the browser goes through it: `/cas/connexion`
//! sends it to the CAS sign-in page, `/cas/retour?ticket=…` is where CAS
//! sends it back (`/gestion/cas/…` for staff). The ticket is validated by
//! `app::server::university`; these routes only redirect and set cookies.
//! Without `SESAME_CAS_URL` they answer 404.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use app::error::AppError;
use app::server::auth::session::AccountKind;
use app::server::university::{self, TicketOutcome};
use app::views::account::UniversityNotice;

use crate::http::{see_other, ServerState};

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/cas/connexion", get(|s| go_to_cas(s, AccountKind::Candidat)))
        .route("/cas/retour", get(|s, h, q| back_from_cas(s, h, q, AccountKind::Candidat)))
        .route("/gestion/cas/connexion", get(|s| go_to_cas(s, AccountKind::Staff)))
        .route("/gestion/cas/retour", get(|s, h, q| back_from_cas(s, h, q, AccountKind::Staff)))
}

async fn go_to_cas(State(state): State<ServerState>, kind: AccountKind) -> Response {
    match university::login_url(&state.app, kind) {
        Ok(url) => see_other(&url, &[]),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Deserialize)]
struct Back {
    ticket: Option<String>,
}

async fn back_from_cas(
    State(state): State<ServerState>,
    headers: axum::http::HeaderMap,
    Query(back): Query<Back>,
    kind: AccountKind,
) -> Response {
    if state.app.settings.university.is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let (home, sign_in) = match kind {
        AccountKind::Candidat => ("/", "/connexion"),
        AccountKind::Staff => ("/gestion", "/gestion/connexion"),
    };
    let refused = |notice: UniversityNotice| see_other(&format!("{sign_in}?universite={}", notice.code()), &[]);
    let Some(ticket) = back.ticket else { return refused(UniversityNotice::TicketRefused) };
    match university::sign_in_with_ticket(&state.app, kind, &ticket, &headers).await {
        Ok(TicketOutcome::SignedIn(signed_in)) => {
            let cookies: Vec<HeaderValue> = std::iter::once(signed_in.session).chain(signed_in.language).collect();
            see_other(home, &cookies)
        }
        Ok(TicketOutcome::FirstSignIn(cookie)) => see_other("/compte/universite", &[cookie]),
        Ok(TicketOutcome::Refused(notice)) => refused(notice),
        // Logged with its cause where it arose (`AppError::internal`).
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => refused(UniversityNotice::Unavailable),
    }
}
