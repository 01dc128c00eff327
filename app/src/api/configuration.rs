//! Configuration screens (`/gestion/configuration`): centres, formations
//! with their dates and pieces, pieces with their model files, the
//! campaign's settings and decision reasons. Scope and roles are checked
//! in `server::configuration`.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::formation::FormationForm;
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentreView {
    pub id: i64,
    pub label: String,
    pub contact_address: String,
    pub contact_email: String,
    pub signatory: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormationLine {
    pub id: i64,
    pub centre: String,
    pub title: String,
    /// Days `YYYY-MM-DD`.
    pub window_start: String,
    pub window_end: String,
    pub return_deadline: String,
    pub capacity: i64,
    pub applications: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceView {
    pub id: i64,
    pub centre_id: i64,
    pub centre: String,
    pub label: String,
    pub required: bool,
    pub common: bool,
    pub model_name: Option<String>,
    /// The formations that name it.
    pub formations: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigOverview {
    /// The campaign configured here.
    pub campaign: CampaignChoice,
    /// The campaigns that may be configured: the active one, those in preparation.
    pub campaigns: Vec<CampaignChoice>,
    pub admin: bool,
    pub centres: Vec<CentreView>,
    pub formations: Vec<FormationLine>,
    pub pieces: Vec<PieceView>,
    /// The largest file accepted (model files as pieces).
    pub max_upload_bytes: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignChoice {
    pub id: i64,
    /// Label and university year.
    pub label: String,
    pub state: crate::domain::campaign::CampaignState,
}

/// The query string that keeps a configuration page on a campaign in
/// preparation (`?campagne=`); empty for the active campaign.
pub fn campaign_query(campaign: Option<i64>) -> String {
    campaign.map(|c| format!("?campagne={c}")).unwrap_or_default()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormationEdit {
    /// `None`: a new formation.
    pub id: Option<i64>,
    pub form: FormationForm,
    /// The pieces (not common) the formation asks for.
    pub pieces_named: Vec<i64>,
    pub centres: Vec<CentreView>,
    pub pieces: Vec<PieceView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignView {
    pub code: String,
    pub label: String,
    pub university_year: String,
    pub max_applications: i64,
    pub reasons: Vec<String>,
}

/// Where a piece's model file is sent (`POST`, the file as the body).
pub fn model_upload_path(piece: i64, campaign: Option<i64>) -> String {
    format!("/gestion/pieces/{piece}/modele{}", campaign_query(campaign))
}

/// Ids from checkboxes named `name[<id>]`.
pub fn checked_ids(boxes: Option<BTreeMap<String, String>>) -> Vec<i64> {
    boxes.unwrap_or_default().keys().filter_map(|k| k.parse().ok()).collect()
}

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
    crate::server::configuration::save_piece(
        &state,
        &staff,
        campagne,
        id,
        &centre,
        &label,
        required.is_some(),
        common.is_some(),
    )
    .await
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
    crate::server::configuration::save_centre(
        &state,
        &staff,
        campagne,
        id,
        &label,
        &contact_address,
        &contact_email,
        &signatory,
    )
    .await
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
