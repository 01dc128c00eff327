//! Applications (guide 05–06): the offer of formations, "Candidater", the
//! "Candidatures" table, the "Récapitulatif de votre candidature", and
//! cancelling.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::applications::{ApplicationDetail, ApplicationLine, OfferCentre};

/// "Confirmation candidature".
#[server(prefix = "/api", endpoint = "candidatures/confirmer")]
pub async fn confirm_application(application: i64) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::answers::confirm(&state, &signed, application).await
}

/// "Désistement candidature", after its warning.
#[server(prefix = "/api", endpoint = "candidatures/desister")]
pub async fn withdraw_application(application: i64) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::answers::withdraw(&state, &signed, application).await
}

#[server(prefix = "/api", endpoint = "candidatures/offre")]
pub async fn load_offer() -> Result<Vec<OfferCentre>, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::applications::offer(&state, &signed).await
}

/// "Candidater" after "Voulez-vous candidater à la formation '…' ?".
#[server(prefix = "/api", endpoint = "candidatures/candidater")]
pub async fn apply(formation: i64) -> Result<i64, AppError> {
    let (state, signed) = super::context::candidate().await?;
    let id = crate::server::applications::apply(&state, &signed, formation).await?;
    leptos_axum::redirect(&format!("/candidatures/{id}?nouvelle=1"));
    Ok(id)
}

#[server(prefix = "/api", endpoint = "candidatures/liste")]
pub async fn load_applications() -> Result<Vec<ApplicationLine>, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::applications::lines(&state, &signed).await
}

#[server(prefix = "/api", endpoint = "candidatures/recapitulatif")]
pub async fn load_application(id: i64) -> Result<ApplicationDetail, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::applications::detail(&state, &signed, id).await
}

#[server(prefix = "/api", endpoint = "candidatures/annuler")]
pub async fn cancel_application(id: i64) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::applications::cancel(&state, &signed, id).await?;
    leptos_axum::redirect("/candidatures?annulee=1");
    Ok(())
}
