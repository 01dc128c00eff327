//! The staff dashboard's data.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::identity::IneSettings;
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormationRow {
    pub centre: String,
    pub title: String,
    pub window_start: String,
    pub window_end: String,
    pub return_deadline: String,
    pub mode: String,
}

/// Live applications of one formation, by dossier status and decision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormationStats {
    pub formation_id: i64,
    pub title: String,
    pub centre: String,
    pub capacity: i64,
    pub en_attente: i64,
    pub receptionne: i64,
    pub complet: i64,
    pub incomplet: i64,
    /// Favourable decisions standing (withdrawals aside).
    pub favorable: i64,
    /// Of which confirmed by the candidate.
    pub confirmed: i64,
    pub withdrawn: i64,
    pub liste_complementaire: i64,
    pub defavorable: i64,
}

impl FormationStats {
    pub fn total(&self) -> i64 {
        self.en_attente + self.receptionne + self.complet + self.incomplet
    }
}

/// A formation's liste complémentaire, in rank order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingList {
    pub formation_id: i64,
    pub title: String,
    pub centre: String,
    pub lines: Vec<WaitingLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingLine {
    pub application_id: i64,
    pub rank: i64,
    /// NOM Prénom.
    pub name: String,
    pub login: String,
}

impl WaitingList {
    /// The staff list narrowed to this waiting list, in rank order (the
    /// query string of the list page and of its exports).
    pub fn query(&self) -> String {
        format!("formation={}&decision=liste_complementaire&tri=decision", self.formation_id)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub formations: Vec<FormationRow>,
    /// The formations of the staff member's centres, with their counts.
    pub stats: Vec<FormationStats>,
    /// Each formation's liste complémentaire, in rank order.
    pub waiting: Vec<WaitingList>,
    pub mails_pending: i64,
    pub mails_sent: i64,
    /// The campaign's INE rules, shown to admins only.
    pub ine_settings: Option<IneSettings>,
    /// When each scheduled job last ran and what it did (admins only).
    pub jobs: Vec<JobRun>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobRun {
    pub name: String,
    /// jj/mm/aaaa à hh:mm, Europe/Paris.
    pub finished: Option<String>,
    pub result: String,
}

/// Days are stored `YYYY-MM-DD`; staff read them `jj/mm/aaaa`.
pub fn french_day(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => iso.to_owned(),
    }
}

#[server(prefix = "/api", endpoint = "gestion/tableau-de-bord")]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    use crate::server::auth::session::AccountKind;
    use crate::server::store::{campaigns, outbox};
    let state = super::context::state()?;
    let signed = super::context::require(&state, AccountKind::Staff).await?;
    let ine_settings = crate::server::campaigns::ine_settings(&state, &signed).await?;
    let mut conn = state.db.pool.acquire().await?;
    let formations = match campaigns::active(&mut conn).await? {
        Some(c) => campaigns::formations(&mut conn, c.id).await?,
        None => Vec::new(),
    };
    let counts = outbox::counts(&mut conn).await?;
    let jobs = if ine_settings.is_some() {
        crate::server::store::jobs::last_runs(&mut conn)
            .await?
            .into_iter()
            .map(|(name, _, finished, result)| JobRun {
                name,
                finished: finished.map(crate::server::clock::paris_date_time),
                result: result.unwrap_or_default(),
            })
            .collect()
    } else {
        Vec::new()
    };
    drop(conn);
    let stats = crate::server::review::formation_stats(&state, &signed).await?;
    let waiting = crate::server::review::waiting_lists(&state, &signed).await?;
    Ok(Dashboard {
        stats,
        waiting,
        formations: formations
            .into_iter()
            .map(|f| FormationRow {
                centre: f.centre,
                title: f.title,
                window_start: french_day(&f.window_start),
                window_end: french_day(&f.window_end),
                return_deadline: french_day(&f.return_deadline),
                mode: f.mode,
            })
            .collect(),
        mails_pending: counts.pending,
        mails_sent: counts.sent,
        ine_settings,
        jobs,
    })
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
