//! Applications (guide 05–06): the offer of formations, "Candidater", the
//! "Candidatures" table, the "Récapitulatif de votre candidature", and
//! cancelling.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::application::{DossierStatus, WindowState};
use crate::domain::date::Day;
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferFormation {
    pub id: i64,
    pub title: String,
    pub keywords: String,
    pub url: String,
    pub start: Day,
    pub end: Day,
    pub mode: String,
    pub state: WindowState,
    /// The candidate already has a live application to it.
    pub applied: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferCentre {
    pub id: i64,
    pub label: String,
    pub formations: Vec<OfferFormation>,
}

/// One row of "Candidatures".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationLine {
    pub id: i64,
    pub formation: String,
    pub return_deadline: Day,
    /// Whole days left before the date limite de retour (None once past).
    pub days_left: Option<i64>,
    pub treatment: String,
    pub status: DossierStatus,
    pub decision: Option<crate::domain::decision::Decision>,
    pub centre: String,
}

/// "Récapitulatif de votre candidature".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDetail {
    pub line: ApplicationLine,
    pub mode: String,
    pub created: String,
    pub received: Option<String>,
    pub transmitted: Option<String>,
    pub contact_address: String,
    pub contact_email: String,
    pub may_cancel: bool,
    /// Pieces with a model file to download: (piece id, label).
    pub models: Vec<(i64, String)>,
    /// The answer to a favourable decision (issue 6).
    pub answer: Option<AnswerView>,
}

/// Where the answer to a favourable decision stands, and what may be done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub state: crate::domain::confirmation::Answer,
    /// The last day to answer (jj/mm/aaaa).
    pub last_day: Option<String>,
    pub university_year: String,
    pub may_confirm: bool,
    pub may_withdraw: bool,
}

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
