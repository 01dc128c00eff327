//! The candidate's dossier as its pages show it: the checklist of sections,
//! Informations personnelles, Adresse, Baccalauréat, Cursus, Stages and
//! Expériences.

use crate::domain::address::AddressForm;
use crate::domain::bac::BacForm;
use crate::domain::cursus::CursusForm;
use crate::domain::experience::{ExperienceForm, ExperienceKind};
use crate::domain::identity::{IdentityForm, IneSettings};
use crate::domain::school_record::InternalYear;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SectionKind {
    Identity,
    Address,
    Bac,
    /// The university's own students only (student records).
    InternalCursus,
    Cursus,
    Stages,
    Experiences,
}

impl SectionKind {
    pub const ALL: [SectionKind; 7] = [
        SectionKind::Identity,
        SectionKind::Address,
        SectionKind::Bac,
        SectionKind::InternalCursus,
        SectionKind::Cursus,
        SectionKind::Stages,
        SectionKind::Experiences,
    ];

    pub fn path(self) -> &'static str {
        match self {
            SectionKind::Identity => "/dossier/informations-personnelles",
            SectionKind::Address => "/dossier/adresse",
            SectionKind::Bac => "/dossier/baccalaureat",
            SectionKind::InternalCursus => "/dossier/cursus-interne",
            SectionKind::Cursus => "/dossier/cursus-externe",
            SectionKind::Stages => "/dossier/stages",
            SectionKind::Experiences => "/dossier/experiences",
        }
    }

    /// The `?enregistre=` value the home page shows a confirmation for.
    pub fn slug(self) -> &'static str {
        self.path().trim_start_matches("/dossier/")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub kind: SectionKind,
    pub complete: bool,
    /// For the optional lists (stages, experiences): how many entries.
    pub entries: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityPage {
    /// What is saved, or what the account already knows.
    pub form: IdentityForm,
    /// The INE pop-up was answered (an INE, or "Je n'ai pas d'INE").
    pub ine_answered: bool,
    pub complete: bool,
    /// A first application was made: read-only (guide 04.6).
    pub locked: bool,
    /// The fields the university's directory or records fix (read-only).
    pub sourced: Vec<String>,
    pub settings: IneSettings,
    pub countries: Vec<(String, String)>,
    pub departements: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressPage {
    pub form: AddressForm,
    pub countries: Vec<(String, String)>,
    /// The communes of the saved postal code.
    pub communes: Vec<(String, String)>,
    /// The address comes from the university's directory (read-only).
    pub sourced: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BacPage {
    pub form: BacForm,
    /// The last year a bac can have been obtained (Europe/Paris).
    pub this_year: i32,
    pub countries: Vec<(String, String)>,
    pub departements: Vec<(String, String)>,
    /// The name of the saved commune.
    pub commune_nom: String,
    /// The bac comes from the university's student records (read-only).
    pub sourced: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExperiencesPage {
    pub kind: ExperienceKind,
    /// (id, entry)
    pub items: Vec<(i64, ExperienceForm)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CursusRow {
    pub id: i64,
    pub form: CursusForm,
    pub pays_nom: String,
    pub departement_nom: String,
    pub commune_nom: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CursusPage {
    pub rows: Vec<CursusRow>,
    pub this_year: i32,
    pub countries: Vec<(String, String)>,
    pub departements: Vec<(String, String)>,
}

/// Cursus interne: the years of studies at the university.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InternalCursusPage {
    pub university: String,
    pub student_number: String,
    pub years: Vec<InternalYear>,
}
