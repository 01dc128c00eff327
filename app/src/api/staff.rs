//! The staff dashboard's data.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::identity::IneSettings;
use crate::error::AppError;
use crate::views::staff::Dashboard;

#[server(prefix = "/api", endpoint = "gestion/tableau-de-bord")]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    use crate::server::auth::session::AccountKind;
    let state = super::context::state()?;
    let signed = super::context::require(&state, AccountKind::Staff).await?;
    crate::server::dashboard::load(&state, &signed).await
}

/// "Paramètres INE" of the active campaign (admins).
#[server(prefix = "/api", endpoint = "gestion/campagne/ine")]
pub async fn save_ine_settings(
    accept_ines: Option<String>,
    ine_required_for_french: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::ine::IneRules;
    use crate::server::auth::session::AccountKind;
    let state = super::context::state()?;
    let signed = super::context::require(&state, AccountKind::Staff).await?;
    let settings = IneSettings {
        rules: IneRules { accept_ines: accept_ines.is_some() },
        required_for_french: ine_required_for_french.is_some(),
    };
    crate::server::campaigns::save_ine_settings(&state, &signed, settings).await
}
