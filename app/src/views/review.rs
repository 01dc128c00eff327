//! What staff review reads (`/gestion/candidatures`): the list's query
//! (filters, sort, page, as the URL carries them), its lines and columns,
//! one dossier with its pieces, history, notes and decision.

use serde::{Deserialize, Serialize};

use crate::domain::address::AddressForm;
use crate::domain::application::DossierStatus;
use crate::domain::bac::BacForm;
use crate::domain::cursus::CursusForm;
use crate::domain::decision::Decision;
use crate::domain::experience::ExperienceForm;
use crate::domain::identity::IdentityForm;
use crate::domain::pieces::PieceStatus;
use crate::domain::school_record::InternalYear;
use crate::error::AppError;
use crate::views::dossier::SectionKind;

/// The list's filters, sort and page, as the URL query carries them
/// (`/gestion/candidatures?formation=…&statut=…&q=…&du=…&au=…&tri=…&ordre=…&page=…&apres=…`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    /// An archived campaign, read-only (none: the active campaign).
    pub campagne: Option<i64>,
    pub formation: Option<i64>,
    pub statut: Option<String>,
    /// favorable, liste_complementaire, defavorable, or "aucune" (none yet).
    pub decision: Option<String>,
    /// The candidate's answer to a favourable decision: confirmee,
    /// desistee, or attendue (neither yet).
    pub reponse: Option<String>,
    pub q: Option<String>,
    /// Transmitted from / until these days (jj/mm/aaaa or aaaa-mm-jj).
    pub du: Option<String>,
    pub au: Option<String>,
    /// nom, login, ine, formation, statut, transmission, decision.
    pub tri: Option<String>,
    /// "desc" for descending.
    pub ordre: Option<String>,
    pub page: Option<i64>,
    /// The page starts just after / before this application, in the
    /// list's order (the pager's links: the database reads on from that
    /// row, at any depth).
    pub apres: Option<i64>,
    pub avant: Option<i64>,
}

impl ListQuery {
    /// The same list from its first page.
    pub fn first_page(&self) -> ListQuery {
        ListQuery { page: None, apres: None, avant: None, ..self.clone() }
    }

    /// The same list at a page of the pager.
    pub fn at(&self, link: PageLink) -> ListQuery {
        ListQuery { page: Some(link.page), apres: link.after, avant: link.before, ..self.clone() }
    }

    /// The query string that reproduces this list (for links and
    /// "précédent / suivant").
    pub fn to_query_string(&self) -> String {
        let mut parts: Vec<(String, String)> = Vec::new();
        let mut push = |k: &str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                parts.push((k.to_owned(), v));
            }
        };
        push("campagne", self.campagne.map(|c| c.to_string()));
        push("formation", self.formation.map(|f| f.to_string()));
        push("statut", self.statut.clone());
        push("decision", self.decision.clone());
        push("reponse", self.reponse.clone());
        push("q", self.q.clone());
        push("du", self.du.clone());
        push("au", self.au.clone());
        push("tri", self.tri.clone());
        push("ordre", self.ordre.clone());
        push("page", self.page.filter(|p| *p > 1).map(|p| p.to_string()));
        push("apres", self.apres.map(|id| id.to_string()));
        push("avant", self.avant.map(|id| id.to_string()));
        parts.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
    }
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListLine {
    pub id: i64,
    /// Sent back with a bulk action, as with every change.
    pub version: i64,
    pub nom: String,
    pub prenom: String,
    pub login: String,
    pub email: String,
    pub ine: Option<String>,
    pub formation: String,
    pub status: DossierStatus,
    pub decision: Option<Decision>,
    /// jj/mm/aaaa
    pub transmitted: Option<String>,
    /// Réceptionné for longer than the set number of days.
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewList {
    pub lines: Vec<ListLine>,
    /// How many rows the filters match; when not `total_exact`, more
    /// than that (a search or a date range is counted up to a bound).
    pub total: i64,
    pub total_exact: bool,
    pub page: i64,
    /// Known when the total is.
    pub pages: Option<i64>,
    pub previous: Option<PageLink>,
    pub next: Option<PageLink>,
    /// The formations of the staff member's centres, for the filter.
    pub formations: Vec<(i64, String)>,
    pub overdue_days: i64,
    /// The columns this staff member chose to see.
    pub columns: Vec<ListColumn>,
    /// Bulk actions are offered (not to commission members).
    pub may_change: bool,
    /// The reasons of a défavorable decision (for a bulk decision).
    pub reasons: Vec<String>,
    /// The archived campaign shown, read-only (none: the active one).
    pub archived_campaign: Option<String>,
}

/// A link of the pager: the page's number, and the row it starts after or
/// before (none for page 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLink {
    pub page: i64,
    pub after: Option<i64>,
    pub before: Option<i64>,
}

/// The list's optional columns (the name is always shown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListColumn {
    Login,
    Ine,
    Formation,
    Status,
    Transmitted,
    Decision,
}

impl ListColumn {
    pub const ALL: [ListColumn; 6] = [
        ListColumn::Login,
        ListColumn::Ine,
        ListColumn::Formation,
        ListColumn::Status,
        ListColumn::Transmitted,
        ListColumn::Decision,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ListColumn::Login => "login",
            ListColumn::Ine => "ine",
            ListColumn::Formation => "formation",
            ListColumn::Status => "statut",
            ListColumn::Transmitted => "transmission",
            ListColumn::Decision => "decision",
        }
    }

    /// The stored choice ("login,formation,…"); unknown codes are dropped,
    /// `None` is every column.
    pub fn parse_list(stored: Option<&str>) -> Vec<ListColumn> {
        match stored {
            None => Self::ALL.to_vec(),
            Some(s) => Self::ALL.into_iter().filter(|c| s.split(',').any(|x| x == c.code())).collect(),
        }
    }
}

/// What a bulk action did: how many applications changed, and why each
/// other one did not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BulkOutcome {
    pub done: i64,
    pub refused: Vec<(i64, AppError)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPiece {
    pub piece_id: i64,
    pub label: String,
    pub required: bool,
    pub status: PieceStatus,
    pub comment: String,
    pub file_id: Option<i64>,
    pub file_name: Option<String>,
    pub file_parts: i64,
}

/// The candidate's dossier as staff read it (codes already turned into names).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierSheet {
    pub identity: Option<IdentityForm>,
    pub address: Option<AddressForm>,
    pub bac: Option<BacForm>,
    pub cursus: Vec<CursusForm>,
    pub stages: Vec<ExperienceForm>,
    pub jobs: Vec<ExperienceForm>,
    /// Cursus interne (the university's student records).
    pub internal: Vec<InternalYear>,
    /// The sections whose content the university gave (its directory, its
    /// student records); the others were typed by the candidate.
    pub from_university: Vec<SectionKind>,
}

/// One line of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventWhat {
    /// The candidate transmitted the dossier.
    Transmitted,
    Piece {
        label: String,
        status: PieceStatus,
        comment: String,
    },
    Dossier(DossierStatus),
    /// A decision prepared (draft) or published.
    Decision {
        decision: Decision,
        published: bool,
    },
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLine {
    /// jj/mm/aaaa hh:mm, Europe/Paris.
    pub at: String,
    /// A staff member's name; `None`: the candidate.
    pub who: Option<String>,
    pub what: EventWhat,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteLine {
    pub at: String,
    pub who: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionLine {
    pub decision: Decision,
    /// Prepared: when and by whom.
    pub prepared: String,
    pub prepared_by: Option<String>,
    /// Published ("validée"): when and by whom; `None`: still a draft.
    pub published: Option<String>,
    pub published_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDetail {
    pub id: i64,
    /// Sent back with every change: a change made from an older version
    /// (someone else saved meanwhile) is refused.
    pub version: i64,
    pub nom: String,
    pub prenom: String,
    pub login: String,
    pub email: String,
    /// The language the candidate reads Sésame in (their mails and documents).
    pub language: crate::domain::language::Language,
    pub formation: String,
    pub centre: String,
    pub status: DossierStatus,
    pub created: String,
    pub transmitted: Option<String>,
    pub pieces: Vec<ReviewPiece>,
    pub dossier: DossierSheet,
    pub events: Vec<EventLine>,
    pub notes: Vec<NoteLine>,
    /// Admins and gestionnaires; commission members read only.
    pub may_change: bool,
    /// The decision in force (published).
    pub decision: Option<Decision>,
    /// The history of decisions, the draft first.
    pub decisions: Vec<DecisionLine>,
    /// A decision may be prepared and published (the dossier is Complet).
    pub may_decide: bool,
    /// The archived campaign the application belongs to (read-only).
    pub archived_campaign: Option<String>,
    /// The reasons of a défavorable decision.
    pub reasons: Vec<String>,
    pub previous: Option<i64>,
    pub next: Option<i64>,
}
