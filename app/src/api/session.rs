//! Signing in and out, and who is signed in (the page frame reads it).

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::session::FrameData;

#[server(prefix = "/api", endpoint = "session/cadre")]
pub async fn load_frame() -> Result<FrameData, AppError> {
    let state = super::context::state()?;
    let signed = super::context::signed(&state).await?;
    crate::server::frame::load(&state, signed.as_ref()).await
}

#[server(prefix = "/api", endpoint = "session/connexion")]
pub async fn sign_in(identifiant: String, mot_de_passe: String) -> Result<(), AppError> {
    use crate::server::auth::session::AccountKind;
    let state = super::context::state()?;
    let signed_in = crate::server::accounts::sign_in(
        &state,
        AccountKind::Candidat,
        &identifiant,
        &mot_de_passe,
        &super::context::client(&state),
        &super::context::headers(),
    )
    .await?;
    super::context::set_header(http::header::SET_COOKIE, signed_in.session);
    if let Some(language) = signed_in.language {
        super::context::set_header(http::header::SET_COOKIE, language);
    }
    leptos_axum::redirect("/");
    Ok(())
}

#[server(prefix = "/api", endpoint = "session/connexion-gestion")]
pub async fn staff_sign_in(identifiant: String, mot_de_passe: String) -> Result<(), AppError> {
    use crate::server::auth::session::AccountKind;
    let state = super::context::state()?;
    let signed_in = crate::server::accounts::sign_in(
        &state,
        AccountKind::Staff,
        &identifiant,
        &mot_de_passe,
        &super::context::client(&state),
        &super::context::headers(),
    )
    .await?;
    super::context::set_header(http::header::SET_COOKIE, signed_in.session);
    leptos_axum::redirect("/gestion");
    Ok(())
}

#[server(prefix = "/api", endpoint = "session/deconnexion")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::auth::session::{clearing_cookie, AccountKind};
    let state = super::context::state()?;
    let staff = match super::context::signed(&state).await? {
        Some(signed) => {
            crate::server::accounts::sign_out(&state, &signed).await?;
            signed.kind == AccountKind::Staff
        }
        None => false,
    };
    let (name, value) = clearing_cookie(&state);
    super::context::set_header(name, value);
    leptos_axum::redirect(if staff { "/gestion/connexion" } else { "/connexion" });
    Ok(())
}

/// Keeps the session alive ("Rester connecté·e"); false when it has ended.
#[server(prefix = "/api", endpoint = "session/maintenir")]
pub async fn keep_alive() -> Result<bool, AppError> {
    let state = super::context::state()?;
    Ok(super::context::signed(&state).await?.is_some())
}
