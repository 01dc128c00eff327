//! The words the server writes itself, outside pages (which take theirs
//! from `locales/*.json`): in mail variables, letters and exports. What a
//! candidate reads comes in their language; what staff read is French.

use crate::domain::application::DossierStatus;
use crate::domain::decision::{Decision, DecisionKind};
use crate::domain::language::Language;
use crate::domain::review::StaffRole;

pub fn status(status: DossierStatus, language: Language) -> &'static str {
    match (language, status) {
        (Language::Fr, DossierStatus::EnAttente) => "En attente",
        (Language::Fr, DossierStatus::Receptionne) => "Réceptionné",
        (Language::Fr, DossierStatus::Complet) => "Complet",
        (Language::Fr, DossierStatus::Incomplet) => "Incomplet",
        (Language::En, DossierStatus::EnAttente) => "Pending",
        (Language::En, DossierStatus::Receptionne) => "Received",
        (Language::En, DossierStatus::Complet) => "Complete",
        (Language::En, DossierStatus::Incomplet) => "Incomplete",
    }
}

pub fn decision_kind(kind: DecisionKind, language: Language) -> &'static str {
    match (language, kind) {
        (Language::Fr, DecisionKind::Favorable) => "Favorable (liste principale)",
        (Language::Fr, DecisionKind::ListeComplementaire) => "Liste complémentaire",
        (Language::Fr, DecisionKind::Defavorable) => "Défavorable",
        (Language::En, DecisionKind::Favorable) => "Offer of admission (main list)",
        (Language::En, DecisionKind::ListeComplementaire) => "Waiting list",
        (Language::En, DecisionKind::Defavorable) => "Not accepted",
    }
}

/// The decision with its rank or reason, as the candidate's mail says it.
pub fn decision(d: &Decision, language: Language) -> String {
    let kind = decision_kind(d.kind, language);
    match (d.kind, language) {
        (DecisionKind::Favorable, _) => kind.to_owned(),
        (DecisionKind::ListeComplementaire, Language::Fr) => format!("{kind}, rang {}", d.rank.unwrap_or_default()),
        (DecisionKind::ListeComplementaire, Language::En) => format!("{kind}, rank {}", d.rank.unwrap_or_default()),
        (DecisionKind::Defavorable, Language::Fr) => format!("{kind} : {}", d.reason.clone().unwrap_or_default()),
        (DecisionKind::Defavorable, Language::En) => {
            format!("{kind}: {}", crate::domain::decision::reason_in(d.reason.as_deref().unwrap_or_default(), language))
        }
    }
}

pub fn piece_status(status: crate::domain::pieces::PieceStatus, language: Language) -> &'static str {
    use crate::domain::pieces::PieceStatus;
    match (language, status) {
        (Language::Fr, PieceStatus::EnAttente) => "En attente",
        (Language::Fr, PieceStatus::Transmise) => "Transmise",
        (Language::Fr, PieceStatus::Validee) => "Validée",
        (Language::Fr, PieceStatus::Refusee) => "Refusée",
        (Language::Fr, PieceStatus::NonConcerne) => "Non concerné",
        (Language::En, PieceStatus::EnAttente) => "Pending",
        (Language::En, PieceStatus::Transmise) => "Submitted",
        (Language::En, PieceStatus::Validee) => "Accepted",
        (Language::En, PieceStatus::Refusee) => "Rejected",
        (Language::En, PieceStatus::NonConcerne) => "Not applicable",
    }
}

pub fn role(role: StaffRole) -> &'static str {
    match role {
        StaffRole::Admin => "administrateur",
        StaffRole::Gestionnaire => "gestionnaire",
        StaffRole::Commission => "membre de commission",
    }
}

/// Why a line of a student records export was refused
/// (`sesame scolarite import`).
pub fn record_problem(problem: &crate::domain::Problem) -> String {
    use crate::domain::Problem;
    match problem {
        Problem::Required => "valeur obligatoire absente".into(),
        Problem::TooLong { max } => format!("plus de {max} caractères"),
        Problem::CodeInvalid => "lettres et chiffres seulement, 20 au plus".into(),
        Problem::YearInvalid => "année invalide (aaaa pour le bac, aaaa-aaaa pour une année universitaire)".into(),
        Problem::Ine(_) => "INE invalide (longueur, format ou clé)".into(),
        Problem::UnknownChoice => "valeur inconnue (série, mention, pays, département ou commune)".into(),
        Problem::Disagrees => "diffère d'une autre ligne du même étudiant (INE, bac ou année déjà donnée)".into(),
        other => format!("valeur refusée ({other:?})"),
    }
}

/// A dossier section's name (exports, the dossier PDF).
pub fn section(kind: crate::views::dossier::SectionKind, language: Language) -> &'static str {
    use crate::views::dossier::SectionKind;
    match (language, kind) {
        (Language::Fr, SectionKind::Identity) => "Informations personnelles",
        (Language::Fr, SectionKind::Address) => "Adresse",
        (Language::Fr, SectionKind::Bac) => "Baccalauréat",
        (Language::Fr, SectionKind::InternalCursus) => "Cursus interne",
        (Language::Fr, SectionKind::Cursus) => "Cursus externe",
        (Language::Fr, SectionKind::Stages) => "Stages",
        (Language::Fr, SectionKind::Experiences) => "Expériences professionnelles",
        (Language::En, SectionKind::Identity) => "Personal details",
        (Language::En, SectionKind::Address) => "Address",
        (Language::En, SectionKind::Bac) => "Baccalauréat (secondary school diploma)",
        (Language::En, SectionKind::InternalCursus) => "Studies at the university",
        (Language::En, SectionKind::Cursus) => "Previous studies",
        (Language::En, SectionKind::Stages) => "Internships",
        (Language::En, SectionKind::Experiences) => "Work experience",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_read_as_the_mail_says_them() {
        let waiting = Decision { kind: DecisionKind::ListeComplementaire, rank: Some(3), reason: None };
        assert_eq!(decision(&waiting, Language::Fr), "Liste complémentaire, rang 3");
        assert_eq!(decision(&waiting, Language::En), "Waiting list, rank 3");
        let no = Decision {
            kind: DecisionKind::Defavorable,
            rank: None,
            reason: Some("Capacité d'accueil atteinte".into()),
        };
        assert_eq!(decision(&no, Language::Fr), "Défavorable : Capacité d'accueil atteinte");
        assert_eq!(decision(&no, Language::En), "Not accepted: All places are taken (capacité d'accueil atteinte)");
        let own = Decision { reason: Some("Dossier hors sujet".into()), ..no };
        assert_eq!(decision(&own, Language::En), "Not accepted: Dossier hors sujet", "the admin's own, as written");
    }
}
