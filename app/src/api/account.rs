//! Candidate accounts: creation, validation, lost links, passwords.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::account::ResetLink;

#[server(prefix = "/api", endpoint = "compte/creer")]
pub async fn create_account(
    nom: String,
    prenom: String,
    email: String,
    email_confirmation: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    use crate::domain::account::AccountForm;
    let state = super::context::state()?;
    let form = AccountForm {
        nom: &nom,
        prenom: &prenom,
        email: &email,
        email_confirmation: &email_confirmation,
        password: &password,
        password_confirmation: &password_confirmation,
    };
    crate::server::accounts::create_candidate(&state, &form, super::context::language()).await?;
    leptos_axum::redirect("/compte/cree");
    Ok(())
}

/// "Valider mon compte", the button of the activation link's page (a GET
/// never changes anything: mail scanners follow links). Answers the login;
/// the page then shows the outcome, with or without WASM.
#[server(prefix = "/api", endpoint = "compte/valider")]
pub async fn validate_account(token: String) -> Result<String, AppError> {
    let state = super::context::state()?;
    let login = crate::server::accounts::validate(&state, &token).await?;
    leptos_axum::redirect(&format!("/compte/valider/{}?valide=1", super::context::path_segment(&token)));
    Ok(login)
}

/// "Lever la suspension", the button of the link mailed when an address
/// was refused on the account.
#[server(prefix = "/api", endpoint = "compte/debloquer")]
pub async fn unlock_account(token: String) -> Result<(), AppError> {
    let state = super::context::state()?;
    crate::server::accounts::unlock(&state, &token).await?;
    leptos_axum::redirect(&format!("/compte/debloquer/{}?fait=1", super::context::path_segment(&token)));
    Ok(())
}

#[server(prefix = "/api", endpoint = "compte/code-activation")]
pub async fn resend_activation(email: String) -> Result<(), AppError> {
    let state = super::context::state()?;
    crate::server::accounts::resend_activation(&state, &email).await?;
    leptos_axum::redirect("/compte/code-activation?envoye=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "compte/mot-de-passe-oublie")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let state = super::context::state()?;
    crate::server::accounts::forgot_password(&state, &email).await?;
    leptos_axum::redirect("/compte/mot-de-passe-oublie?envoye=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "compte/lien-reinitialisation")]
pub async fn reset_link_valid(token: String) -> Result<ResetLink, AppError> {
    let state = super::context::state()?;
    crate::server::accounts::reset_link_usable(&state, &token).await
}

#[server(prefix = "/api", endpoint = "compte/reinitialiser")]
pub async fn reset_password(token: String, password: String, password_confirmation: String) -> Result<(), AppError> {
    let state = super::context::state()?;
    let kind = crate::server::accounts::reset_password(&state, &token, &password, &password_confirmation).await?;
    // Staff choosing their password from an invitation sign in under /gestion.
    leptos_axum::redirect(if kind == "staff" { "/gestion/connexion" } else { "/connexion?reinitialise=1" });
    Ok(())
}

#[server(prefix = "/api", endpoint = "compte/mot-de-passe")]
pub async fn change_password(
    current_password: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    let state = super::context::state()?;
    let signed = match super::context::signed(&state).await? {
        Some(signed) => signed,
        None => return Err(AppError::NotSignedIn),
    };
    crate::server::accounts::change_password(
        &state,
        &signed,
        &super::context::client(&state),
        &current_password,
        &password,
        &password_confirmation,
    )
    .await?;
    leptos_axum::redirect("/compte?mot-de-passe-change=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "compte/adresse")]
pub async fn change_email(email: String, email_confirmation: String, current_password: String) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::accounts::request_email_change(
        &state,
        &signed,
        &super::context::client(&state),
        &email,
        &email_confirmation,
        &current_password,
    )
    .await?;
    leptos_axum::redirect("/compte?adresse-envoyee=1");
    Ok(())
}

/// The new address waiting for its link to be followed, if any.
#[server(prefix = "/api", endpoint = "compte/adresse-en-attente")]
pub async fn pending_email() -> Result<Option<String>, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::accounts::pending_email(&state, &signed).await
}

#[server(prefix = "/api", endpoint = "compte/adresse/confirmer")]
pub async fn confirm_email(token: String) -> Result<String, AppError> {
    let state = super::context::state()?;
    let address = crate::server::accounts::confirm_email_change(&state, &token).await?;
    leptos_axum::redirect(&format!("/compte/adresse/{}?confirmee=1", super::context::path_segment(&token)));
    Ok(address)
}

/// "Supprimer mon compte": the password again; refused while an
/// application of the active campaign is in progress.
#[server(prefix = "/api", endpoint = "compte/supprimer")]
pub async fn delete_account(mot_de_passe: String) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::personal_data::delete_account(&state, &signed, &super::context::client(&state), &mot_de_passe)
        .await?;
    let (name, value) = crate::server::auth::session::clearing_cookie(&state);
    super::context::set_header(name, value);
    leptos_axum::redirect("/?compte=supprime");
    Ok(())
}
