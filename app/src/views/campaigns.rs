//! Campaigns as admins see them (`/gestion/configuration/campagnes`).

use crate::domain::campaign::CampaignState;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignLine {
    pub id: i64,
    pub code: String,
    pub label: String,
    pub university_year: String,
    pub state: CampaignState,
    /// Live applications.
    pub applications: i64,
    /// jj/mm/aaaa, when archived.
    pub archived: Option<String>,
    pub retention_days: i64,
    /// The day dossiers are (or were) destroyed, once archived.
    pub destruction: Option<String>,
    pub destroyed_summary: Option<String>,
}
