//! Campaigns (`/gestion/configuration/campagnes`, admins only): their
//! state, a new campaign, its activation, the retention of dossiers.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::campaigns::CampaignLine;

#[server(prefix = "/api", endpoint = "gestion/campagnes")]
pub async fn load_campaigns() -> Result<Vec<CampaignLine>, AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::campaign_lifecycle::list(&state, &staff).await
}

/// "Créer la campagne": prepared with the active campaign's configuration.
#[server(prefix = "/api", endpoint = "gestion/campagnes/creer")]
pub async fn create_campaign(
    code: String,
    label: String,
    university_year: String,
    retention_days: String,
) -> Result<i64, AppError> {
    let (state, staff) = super::context::staff().await?;
    let form = crate::domain::campaign::CampaignForm { code, label, university_year, retention_days };
    crate::server::campaign_lifecycle::create(&state, &staff, &form).await
}

/// "Activer": the campaign opens, the active one is archived.
#[server(prefix = "/api", endpoint = "gestion/campagnes/activer")]
pub async fn activate_campaign(id: i64) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::campaign_lifecycle::activate(&state, &staff, id).await
}

#[server(prefix = "/api", endpoint = "gestion/campagnes/conservation")]
pub async fn save_retention(id: i64, retention_days: String) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::campaign_lifecycle::save_retention(&state, &staff, id, &retention_days).await
}
