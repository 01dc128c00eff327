//! Signing in and out, and who is signed in (the page frame reads it).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Candidat,
    Admin,
    Gestionnaire,
    Commission,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub role: Role,
    pub display_name: String,
    pub login: Option<String>,
    pub email: String,
}

impl Me {
    pub fn is_staff(&self) -> bool {
        self.role != Role::Candidat
    }
}

/// What every page's frame shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameData {
    pub campaign: Option<String>,
    pub assistance_email: String,
    pub me: Option<Me>,
}

#[server(prefix = "/api", endpoint = "session/cadre")]
pub async fn load_frame() -> Result<FrameData, AppError> {
    use crate::server::auth::session::AccountKind;
    use crate::server::store::{accounts, campaigns};
    let state = super::context::state()?;
    let signed = super::context::signed(&state).await?;
    let mut conn = state.db.pool.acquire().await?;
    let campaign = campaigns::active(&mut conn).await?.map(|c| c.label);
    let me = match signed {
        Some(s) if s.kind == AccountKind::Candidat => {
            accounts::candidate_by_id(&mut conn, s.account_id).await?.map(|c| Me {
                role: Role::Candidat,
                display_name: format!("{} {}", c.prenom, c.nom),
                login: Some(c.login),
                email: c.email,
            })
        }
        Some(s) => accounts::staff_by_id(&mut conn, s.account_id).await?.map(|st| Me {
            role: match st.role.as_str() {
                "admin" => Role::Admin,
                "commission" => Role::Commission,
                _ => Role::Gestionnaire,
            },
            display_name: st.display_name,
            login: None,
            email: st.email,
        }),
        None => None,
    };
    Ok(FrameData { campaign, assistance_email: state.settings.assistance_email.clone(), me })
}

#[server(prefix = "/api", endpoint = "session/connexion")]
pub async fn sign_in(identifiant: String, mot_de_passe: String) -> Result<(), AppError> {
    use crate::server::auth::session::AccountKind;
    let state = super::context::state()?;
    let cookie = crate::server::accounts::sign_in(
        &state,
        AccountKind::Candidat,
        &identifiant,
        &mot_de_passe,
        &super::context::client(&state),
    )
    .await?;
    super::context::set_header(http::header::SET_COOKIE, cookie);
    leptos_axum::redirect("/");
    Ok(())
}

#[server(prefix = "/api", endpoint = "session/connexion-gestion")]
pub async fn staff_sign_in(identifiant: String, mot_de_passe: String) -> Result<(), AppError> {
    use crate::server::auth::session::AccountKind;
    let state = super::context::state()?;
    let cookie = crate::server::accounts::sign_in(
        &state,
        AccountKind::Staff,
        &identifiant,
        &mot_de_passe,
        &super::context::client(&state),
    )
    .await?;
    super::context::set_header(http::header::SET_COOKIE, cookie);
    leptos_axum::redirect("/gestion");
    Ok(())
}

#[server(prefix = "/api", endpoint = "session/deconnexion")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::auth::session::{clearing_cookie, AccountKind};
    let state = super::context::state()?;
    let staff = match super::context::signed(&state).await? {
        Some(signed) => {
            crate::server::accounts::sign_out(&state, &signed).await?;
            signed.kind == AccountKind::Staff
        }
        None => false,
    };
    let (name, value) = clearing_cookie(&state);
    super::context::set_header(name, value);
    leptos_axum::redirect(if staff { "/gestion/connexion" } else { "/connexion" });
    Ok(())
}

/// Keeps the session alive ("Rester connecté·e"); false when it has ended.
#[server(prefix = "/api", endpoint = "session/maintenir")]
pub async fn keep_alive() -> Result<bool, AppError> {
    let state = super::context::state()?;
    Ok(super::context::signed(&state).await?.is_some())
}
