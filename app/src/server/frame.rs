//! What every page's frame shows: the active campaign, the assistance
//! address, and who is signed in.

use crate::error::AppError;
use crate::views::session::{FrameData, Me};

use super::auth::session::{AccountKind, Signed};
use super::store::{accounts, campaigns};
use super::AppState;

pub async fn load(state: &AppState, signed: Option<&Signed>) -> Result<FrameData, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let campaign = campaigns::active(&mut conn).await?.map(|c| c.label);
    let me = match signed {
        Some(s) if s.kind == AccountKind::Candidat => {
            accounts::candidate_by_id(&mut conn, s.account_id).await?.map(|c| Me {
                staff: None,
                display_name: format!("{} {}", c.prenom, c.nom),
                login: Some(c.login),
                email: c.email,
                language: Some(c.language),
            })
        }
        Some(s) => match accounts::staff_by_id(&mut conn, s.account_id).await? {
            Some(st) => Some(Me {
                staff: Some(st.role),
                display_name: st.display_name,
                login: None,
                email: st.email,
                language: None,
            }),
            None => None,
        },
        None => None,
    };
    Ok(FrameData {
        campaign,
        assistance_email: state.settings.assistance_email.clone(),
        me,
        university: super::university::name(state),
    })
}
