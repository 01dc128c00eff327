//! The staff dashboard's data: counts per formation, the campaign's
//! formations, the listes complémentaires, the jobs' last runs.

use crate::domain::identity::IneSettings;
use serde::{Deserialize, Serialize};

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
