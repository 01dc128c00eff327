//! Decisions on an application (issue 5): liste principale (favorable),
//! liste complémentaire with a rank, non admis (défavorable) with a reason
//! from the list the admin keeps. Staff prepare a decision as a draft, then
//! publish it ("valider"): only then does the candidate see it.

use serde::{Deserialize, Serialize};

use super::application::DossierStatus;
use super::language::Language;
use super::problem::{FieldErrors, Problem};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionKind {
    /// Liste principale.
    Favorable,
    /// Liste complémentaire, with a rank.
    ListeComplementaire,
    /// Non admis, with a reason.
    Defavorable,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 3] =
        [DecisionKind::Favorable, DecisionKind::ListeComplementaire, DecisionKind::Defavorable];

    pub fn code(self) -> &'static str {
        match self {
            DecisionKind::Favorable => "favorable",
            DecisionKind::ListeComplementaire => "liste_complementaire",
            DecisionKind::Defavorable => "defavorable",
        }
    }

    pub fn from_code(code: &str) -> Option<DecisionKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A decision as it is recorded and shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub kind: DecisionKind,
    /// Liste complémentaire only: 1 is the first called.
    pub rank: Option<i64>,
    /// Défavorable only: one of the admin's reasons.
    pub reason: Option<String>,
}

pub const MAX_RANK: i64 = 100_000;

/// The reasons every new campaign starts with; the admin keeps the list.
pub const DEFAULT_REASONS: [&str; 3] =
    ["Capacité d'accueil atteinte", "Prérequis non satisfaits", "Projet insuffisamment motivé"];

/// A reason as the candidate reads it in `language`: the default reasons
/// have their English; one the admin wrote stays as written.
pub fn reason_in(reason: &str, language: Language) -> &str {
    match (language, reason.trim()) {
        (Language::En, "Capacité d'accueil atteinte") => "All places are taken (capacité d'accueil atteinte)",
        (Language::En, "Prérequis non satisfaits") => "Prerequisites not met (prérequis non satisfaits)",
        (Language::En, "Projet insuffisamment motivé") => {
            "Study plan not sufficiently motivated (projet insuffisamment motivé)"
        }
        _ => reason,
    }
}

/// Parses the decision form: a rank for the liste complémentaire (a whole
/// number from 1), a reason among `reasons` for a défavorable; whatever
/// does not belong to the kind chosen is dropped.
pub fn parse_decision(kind: &str, rank: &str, reason: &str, reasons: &[String]) -> Result<Decision, FieldErrors> {
    let mut errors = FieldErrors::new();
    let kind = errors.take("decision", DecisionKind::from_code(kind).ok_or(Problem::UnknownChoice));
    let rank = match kind {
        Some(DecisionKind::ListeComplementaire) => errors.take(
            "rang",
            match rank.trim() {
                "" => Err(Problem::Required),
                r => r.parse::<i64>().ok().filter(|r| (1..=MAX_RANK).contains(r)).ok_or(Problem::RankInvalid),
            },
        ),
        _ => None,
    };
    let reason = match kind {
        Some(DecisionKind::Defavorable) => errors.take(
            "motif",
            match reason.trim() {
                "" => Err(Problem::Required),
                r => reasons.iter().find(|known| known.as_str() == r).cloned().ok_or(Problem::UnknownChoice),
            },
        ),
        _ => None,
    };
    match kind {
        Some(kind) if errors.is_empty() => Ok(Decision { kind, rank, reason }),
        _ => Err(errors),
    }
}

/// Decisions are given on complete dossiers.
pub fn may_decide(status: DossierStatus) -> bool {
    status == DossierStatus::Complet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_reasons_have_their_english() {
        for reason in DEFAULT_REASONS {
            assert_eq!(reason_in(reason, Language::Fr), reason);
            assert_ne!(reason_in(reason, Language::En), reason, "{reason} has no English");
        }
        assert_eq!(reason_in("Dossier hors délai", Language::En), "Dossier hors délai", "the admin's own, as written");
    }

    fn reasons() -> Vec<String> {
        vec!["Capacité d'accueil atteinte".to_owned(), "Prérequis non satisfaits".to_owned()]
    }

    #[test]
    fn each_kind_takes_what_it_needs() {
        assert_eq!(
            parse_decision("favorable", "3", "x", &reasons()),
            Ok(Decision { kind: DecisionKind::Favorable, rank: None, reason: None })
        );
        assert_eq!(
            parse_decision("liste_complementaire", " 2 ", "", &reasons()),
            Ok(Decision { kind: DecisionKind::ListeComplementaire, rank: Some(2), reason: None })
        );
        assert_eq!(
            parse_decision("defavorable", "", "Prérequis non satisfaits", &reasons()),
            Ok(Decision {
                kind: DecisionKind::Defavorable,
                rank: None,
                reason: Some("Prérequis non satisfaits".to_owned())
            })
        );
    }

    #[test]
    fn a_rank_and_a_known_reason_are_required() {
        assert_eq!(
            parse_decision("liste_complementaire", "", "", &reasons()).unwrap_err().get("rang"),
            Some(&Problem::Required)
        );
        for bad in ["0", "-1", "1.5", "deux", "100001"] {
            assert_eq!(
                parse_decision("liste_complementaire", bad, "", &reasons()).unwrap_err().get("rang"),
                Some(&Problem::RankInvalid),
                "{bad}"
            );
        }
        assert_eq!(
            parse_decision("defavorable", "", "", &reasons()).unwrap_err().get("motif"),
            Some(&Problem::Required)
        );
        assert_eq!(
            parse_decision("defavorable", "", "Parce que", &reasons()).unwrap_err().get("motif"),
            Some(&Problem::UnknownChoice)
        );
        assert_eq!(
            parse_decision("admis", "", "", &reasons()).unwrap_err().get("decision"),
            Some(&Problem::UnknownChoice)
        );
    }

    #[test]
    fn only_complete_dossiers_get_a_decision() {
        assert!(may_decide(DossierStatus::Complet));
        assert!(
            !may_decide(DossierStatus::Receptionne)
                && !may_decide(DossierStatus::Incomplet)
                && !may_decide(DossierStatus::EnAttente)
        );
    }
}
