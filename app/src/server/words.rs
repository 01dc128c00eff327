//! The French words the server writes itself, outside pages (which take
//! theirs from `locales/fr.json`): in exports and in mail variables.

use crate::domain::application::DossierStatus;
use crate::domain::decision::{Decision, DecisionKind};
use crate::domain::review::StaffRole;

pub fn status(status: DossierStatus) -> &'static str {
    match status {
        DossierStatus::EnAttente => "En attente",
        DossierStatus::Receptionne => "Réceptionné",
        DossierStatus::Complet => "Complet",
        DossierStatus::Incomplet => "Incomplet",
    }
}

pub fn decision_kind(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Favorable => "Favorable (liste principale)",
        DecisionKind::ListeComplementaire => "Liste complémentaire",
        DecisionKind::Defavorable => "Défavorable",
    }
}

/// The decision with its rank or reason, as the candidate's mail says it.
pub fn decision(d: &Decision) -> String {
    match d.kind {
        DecisionKind::Favorable => decision_kind(d.kind).to_owned(),
        DecisionKind::ListeComplementaire => format!("{}, rang {}", decision_kind(d.kind), d.rank.unwrap_or_default()),
        DecisionKind::Defavorable => format!("{} : {}", decision_kind(d.kind), d.reason.clone().unwrap_or_default()),
    }
}

pub fn piece_status(status: crate::domain::pieces::PieceStatus) -> &'static str {
    use crate::domain::pieces::PieceStatus;
    match status {
        PieceStatus::EnAttente => "En attente",
        PieceStatus::Transmise => "Transmise",
        PieceStatus::Validee => "Validée",
        PieceStatus::Refusee => "Refusée",
        PieceStatus::NonConcerne => "Non concerné",
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

/// A dossier section's name (exports).
pub fn section(kind: crate::views::dossier::SectionKind) -> &'static str {
    use crate::views::dossier::SectionKind;
    match kind {
        SectionKind::Identity => "Informations personnelles",
        SectionKind::Address => "Adresse",
        SectionKind::Bac => "Baccalauréat",
        SectionKind::InternalCursus => "Cursus interne",
        SectionKind::Cursus => "Cursus externe",
        SectionKind::Stages => "Stages",
        SectionKind::Experiences => "Expériences professionnelles",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_read_as_the_mail_says_them() {
        let waiting = Decision { kind: DecisionKind::ListeComplementaire, rank: Some(3), reason: None };
        assert_eq!(decision(&waiting), "Liste complémentaire, rang 3");
        let no = Decision {
            kind: DecisionKind::Defavorable,
            rank: None,
            reason: Some("Capacité d'accueil atteinte".into()),
        };
        assert_eq!(decision(&no), "Défavorable : Capacité d'accueil atteinte");
    }
}
