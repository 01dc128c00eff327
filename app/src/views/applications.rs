//! Applications as the candidate reads them (guide 05–06): the offer of
//! formations, the "Candidatures" table, the "Récapitulatif de votre
//! candidature" and the answer to a favourable decision.

use crate::domain::application::{DossierStatus, WindowState};
use crate::domain::date::Day;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferFormation {
    pub id: i64,
    pub title: String,
    pub keywords: String,
    pub url: String,
    pub start: Day,
    pub end: Day,
    pub mode: String,
    pub state: WindowState,
    /// The candidate already has a live application to it.
    pub applied: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferCentre {
    pub id: i64,
    pub label: String,
    pub formations: Vec<OfferFormation>,
}

/// One row of "Candidatures".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationLine {
    pub id: i64,
    pub formation: String,
    pub return_deadline: Day,
    /// Whole days left before the date limite de retour (None once past).
    pub days_left: Option<i64>,
    pub treatment: String,
    pub status: DossierStatus,
    pub decision: Option<crate::domain::decision::Decision>,
    pub centre: String,
}

/// "Récapitulatif de votre candidature".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDetail {
    pub line: ApplicationLine,
    pub mode: String,
    /// Days in Europe/Paris; the page writes them in its language.
    pub created: Day,
    pub received: Option<Day>,
    pub transmitted: Option<Day>,
    pub contact_address: String,
    pub contact_email: String,
    pub may_cancel: bool,
    /// Pieces with a model file to download: (piece id, label).
    pub models: Vec<(i64, String)>,
    /// The answer to a favourable decision (issue 6).
    pub answer: Option<AnswerView>,
}

/// Where the answer to a favourable decision stands, and what may be done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub state: crate::domain::confirmation::Answer,
    /// The last day to answer (Europe/Paris).
    pub last_day: Option<Day>,
    pub university_year: String,
    pub may_confirm: bool,
    pub may_withdraw: bool,
}
