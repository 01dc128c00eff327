//! Staff accounts (`/gestion/personnels`, admins only).

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::staff_accounts::StaffAccounts;

#[server(prefix = "/api", endpoint = "gestion/personnels")]
pub async fn load_staff_accounts() -> Result<StaffAccounts, AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::staff_accounts::list(&state, &staff).await
}

/// Creates an account (`id` absent; the address gets a link to choose a
/// password) or changes one. `centres[<id>]` for each centre ticked.
#[server(prefix = "/api", endpoint = "gestion/personnels/enregistrer")]
pub async fn save_staff_account(
    id: Option<i64>,
    email: Option<String>,
    name: String,
    role: String,
    centres: Option<BTreeMap<String, String>>,
    active: Option<String>,
    cas_uid: Option<String>,
) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    let centres = crate::views::configuration::checked_ids(centres);
    let fields = crate::server::staff_accounts::AccountFields {
        name: &name,
        role: &role,
        centres: &centres,
        cas_uid: cas_uid.as_deref(),
    };
    match id {
        None => crate::server::staff_accounts::create(&state, &staff, &email.unwrap_or_default(), &fields).await,
        Some(id) => crate::server::staff_accounts::update(&state, &staff, id, &fields, active.is_some()).await,
    }
}
