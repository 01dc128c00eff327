//! What the configuration screens show and send (`/gestion/configuration`):
//! centres, formations with their dates and pieces, pieces with their model
//! files, the campaign's settings; and the paths of model-file uploads.

use crate::domain::formation::FormationForm;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A centre as staff configure it, and as the store reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
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
