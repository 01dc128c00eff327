//! Configuration screens (`/gestion/configuration`): centres, formations
//! with their dates and pieces, pieces with their model files, the
//! campaign's settings and decision reasons. Scope and roles are checked
//! in `server::configuration`.

// A server function takes its form's fields as arguments; the browser's
// stub that `#[server]` generates does not carry the function's own
// `#[allow]`, hence the module's.
#![cfg_attr(feature = "hydrate", allow(clippy::too_many_arguments))]

use std::collections::BTreeMap;

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::formation::FormationForm;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::views::configuration::checked_ids;
use crate::views::configuration::{CampaignView, ConfigOverview, FormationEdit};

#[server(prefix = "/api", endpoint = "gestion/configuration")]
pub async fn load_configuration(campagne: Option<i64>) -> Result<ConfigOverview, AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::configuration::overview(&state, &staff, campagne).await
}

#[server(prefix = "/api", endpoint = "gestion/configuration/formation")]
pub async fn load_formation(campagne: Option<i64>, id: Option<i64>) -> Result<FormationEdit, AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::configuration::formation(&state, &staff, campagne, id).await
}

/// "Enregistrer la formation": the form's fields, and `pieces[<id>]` for
/// each piece of the centre it asks for. Answers the formation's id.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "gestion/configuration/formation/enregistrer")]
pub async fn save_formation(
    id: Option<i64>,
    centre: String,
    title: String,
    keywords: Option<String>,
    url: Option<String>,
    window_start: String,
    window_end: String,
    return_deadline: String,
    publication: Option<String>,
    confirmation: Option<String>,
    mode: String,
    treatment: String,
    capacity: Option<String>,
    waiting_list: Option<String>,
    pieces: Option<BTreeMap<String, String>>,
    campagne: Option<i64>,
) -> Result<i64, AppError> {
    let (state, staff) = super::context::staff().await?;
    let form = FormationForm {
        centre,
        title,
        keywords: keywords.unwrap_or_default(),
        url: url.unwrap_or_default(),
        window_start,
        window_end,
        return_deadline,
        publication: publication.unwrap_or_default(),
        confirmation: confirmation.unwrap_or_default(),
        mode,
        treatment,
        capacity: capacity.unwrap_or_default(),
        waiting_list: waiting_list.is_some(),
    };
    crate::server::configuration::save_formation(&state, &staff, campagne, id, &form, &checked_ids(pieces)).await
}

/// A piece of a centre: `required` (else conditional: "Non concerné" is
/// allowed), `common` (asked by every formation of the centre).
#[server(prefix = "/api", endpoint = "gestion/configuration/piece")]
pub async fn save_piece(
    campagne: Option<i64>,
    id: Option<i64>,
    centre: String,
    label: String,
    required: Option<String>,
    common: Option<String>,
) -> Result<i64, AppError> {
    let (state, staff) = super::context::staff().await?;
    use crate::server::configuration::PieceForm;
    let form = PieceForm { centre: &centre, label: &label, required: required.is_some(), common: common.is_some() };
    crate::server::configuration::save_piece(&state, &staff, campagne, id, &form).await
}

#[server(prefix = "/api", endpoint = "gestion/configuration/centre")]
pub async fn save_centre(
    campagne: Option<i64>,
    id: Option<i64>,
    label: String,
    contact_address: String,
    contact_email: String,
    signatory: String,
) -> Result<i64, AppError> {
    let (state, staff) = super::context::staff().await?;
    use crate::server::configuration::CentreForm;
    let form = CentreForm {
        label: &label,
        contact_address: &contact_address,
        contact_email: &contact_email,
        signatory: &signatory,
    };
    crate::server::configuration::save_centre(&state, &staff, campagne, id, &form).await
}

#[server(prefix = "/api", endpoint = "gestion/configuration/campagne")]
pub async fn load_campaign(campagne: Option<i64>) -> Result<CampaignView, AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::configuration::campaign(&state, &staff, campagne).await
}

#[server(prefix = "/api", endpoint = "gestion/configuration/campagne/enregistrer")]
pub async fn save_campaign(
    campagne: Option<i64>,
    label: String,
    university_year: String,
    max_applications: String,
) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::configuration::save_campaign(&state, &staff, campagne, &label, &university_year, &max_applications)
        .await
}

#[server(prefix = "/api", endpoint = "gestion/configuration/motif")]
pub async fn add_reason(campagne: Option<i64>, motif: String) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::configuration::add_reason(&state, &staff, campagne, &motif).await
}

#[server(prefix = "/api", endpoint = "gestion/configuration/motif/supprimer")]
pub async fn remove_reason(campagne: Option<i64>, motif: String) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::configuration::remove_reason(&state, &staff, campagne, &motif).await
}
