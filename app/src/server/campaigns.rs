//! Campaign settings staff change from the dashboard. Only admins: anyone
//! else is answered 404, as for anything outside their scope.

use super::auth::session::Signed;
use super::state::AppState;
use super::store::{accounts, campaigns, dossier, Conn};
use crate::domain::identity::IneSettings;
use crate::domain::review::StaffRole;
use crate::error::AppError;

/// The active campaign's id, when the signed-in staff member is an admin.
async fn admin_campaign(conn: &mut Conn, signed: &Signed) -> Result<i64, AppError> {
    let staff = accounts::staff_by_id(conn, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    if staff.role != StaffRole::Admin {
        return Err(AppError::NotFound);
    }
    Ok(campaigns::active(conn).await?.ok_or(AppError::NotFound)?.id)
}

/// The INE settings of the active campaign, for an admin; `None` for others.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn ine_settings(state: &AppState, signed: &Signed) -> Result<Option<IneSettings>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    match admin_campaign(&mut conn, signed).await {
        Ok(campaign) => Ok(Some(dossier::ine_settings(&mut conn, campaign).await?)),
        Err(AppError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_ine_settings(state: &AppState, signed: &Signed, settings: IneSettings) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let campaign = admin_campaign(&mut conn, signed).await?;
    campaigns::set_ine_settings(&mut conn, campaign, settings.rules.accept_ines, settings.required_for_french).await?;
    Ok(())
}
