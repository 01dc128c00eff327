//! The first sign-in through the university's CAS and the join link
//! (`server::university`). The ticket itself comes back to a plain route
//! of the server (`server/src/university.rs`), not to a server function.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::account::UniversitySignIn;

/// What "Vérifier les informations et renseigner votre adresse mail" shows.
#[server(prefix = "/api", endpoint = "universite/verifier")]
pub async fn university_sign_in_form() -> Result<UniversitySignIn, AppError> {
    let state = super::context::state()?;
    crate::server::university::sign_in_form(&state, &super::context::headers()).await
}

/// The first sign-in's form sent: its validation mail goes out.
#[server(prefix = "/api", endpoint = "universite/confirmer")]
pub async fn confirm_university_sign_in(nom: String, prenom: String, email: String) -> Result<(), AppError> {
    let state = super::context::state()?;
    crate::server::university::confirm_sign_in(&state, &super::context::headers(), &nom, &prenom, &email).await?;
    let cookie = crate::server::university::clearing_sign_in_cookie(&state);
    super::context::set_header(http::header::SET_COOKIE, cookie);
    leptos_axum::redirect("/compte/universite/mail-envoye");
    Ok(())
}

/// "Rattacher mon compte", the button of the join link's page. Answers the login.
#[server(prefix = "/api", endpoint = "universite/rattacher")]
pub async fn join_university_account(token: String) -> Result<String, AppError> {
    let state = super::context::state()?;
    let login = crate::server::university::join(&state, &token).await?;
    leptos_axum::redirect(&format!("/compte/rattacher/{}?rattache=1", super::context::path_segment(&token)));
    Ok(login)
}
