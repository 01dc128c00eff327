//! Staff review of a dossier (issue 5): who may do what, a verdict on each
//! piece, and the dossier's status. Plain rules; the server applies them
//! inside the transaction that writes the change.

use serde::{Deserialize, Serialize};

use super::application::DossierStatus;
use super::pieces::PieceStatus;
use super::problem::{FieldErrors, Problem};

/// A staff member's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffRole {
    /// Sees and configures everything.
    Admin,
    /// Works on the dossiers of the centres they are assigned.
    Gestionnaire,
    /// Reads the dossiers of their centres, changes no status.
    Commission,
}

impl StaffRole {
    pub fn from_code(code: &str) -> Option<StaffRole> {
        match code {
            "admin" => Some(StaffRole::Admin),
            "gestionnaire" => Some(StaffRole::Gestionnaire),
            "commission" => Some(StaffRole::Commission),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            StaffRole::Admin => "admin",
            StaffRole::Gestionnaire => "gestionnaire",
            StaffRole::Commission => "commission",
        }
    }

    /// Statuses of pieces and dossiers change by admins and gestionnaires.
    pub fn may_change(self) -> bool {
        !matches!(self, StaffRole::Commission)
    }

    /// Admins see every centre; the others only those assigned to them.
    pub fn sees_everything(self) -> bool {
        matches!(self, StaffRole::Admin)
    }
}

/// Why staff cannot do what they asked; each is said in French
/// (`components::messages`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewRefusal {
    /// Pieces and status change once the candidate has transmitted, and
    /// while the dossier waits for review (Réceptionné).
    NotReceived,
    /// "Complet" needs every piece Validée (or Non concerné).
    PiecesNotValidated,
    /// "Incomplet" needs at least one Refusée piece: the candidate is told which.
    NothingRefused,
    /// Commission members read, they change nothing.
    ReadOnly,
    /// The application belongs to an archived campaign: read-only.
    Archived,
    /// Decisions are given on complete dossiers.
    NotComplete,
    /// "Valider la décision" with no decision prepared (or already published).
    NoDraft,
}

/// A verdict on one piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PieceVerdict {
    Validee,
    Refusee,
}

impl PieceVerdict {
    pub fn status(self) -> PieceStatus {
        match self {
            PieceVerdict::Validee => PieceStatus::Validee,
            PieceVerdict::Refusee => PieceStatus::Refusee,
        }
    }

    pub fn from_code(code: &str) -> Option<PieceVerdict> {
        match code {
            "validee" => Some(PieceVerdict::Validee),
            "refusee" => Some(PieceVerdict::Refusee),
            _ => None,
        }
    }
}

/// The comment the candidate reads beside the piece.
pub const COMMENT_MAX: usize = 500;

/// Parses a verdict and its comment: a refusal needs a comment saying why
/// (the candidate must know what to send instead).
pub fn parse_piece_verdict(verdict: &str, comment: &str) -> Result<(PieceVerdict, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let verdict = errors.take("verdict", PieceVerdict::from_code(verdict).ok_or(Problem::UnknownChoice));
    let comment = comment.trim();
    if comment.chars().count() > COMMENT_MAX {
        errors.add("commentaire", Problem::TooLong { max: COMMENT_MAX });
    } else if verdict == Some(PieceVerdict::Refusee) && comment.is_empty() {
        errors.add("commentaire", Problem::Required);
    }
    match verdict {
        Some(v) if errors.is_empty() => Ok((v, comment.to_owned())),
        _ => Err(errors),
    }
}

/// Pieces get a verdict while the dossier waits for review.
pub fn may_judge_pieces(status: DossierStatus) -> Result<(), ReviewRefusal> {
    match status {
        DossierStatus::Receptionne => Ok(()),
        _ => Err(ReviewRefusal::NotReceived),
    }
}

/// The dossier statuses staff set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DossierVerdict {
    Complet,
    Incomplet,
}

impl DossierVerdict {
    pub fn status(self) -> DossierStatus {
        match self {
            DossierVerdict::Complet => DossierStatus::Complet,
            DossierVerdict::Incomplet => DossierStatus::Incomplet,
        }
    }

    pub fn from_code(code: &str) -> Option<DossierVerdict> {
        match code {
            "complet" => Some(DossierVerdict::Complet),
            "incomplet" => Some(DossierVerdict::Incomplet),
            _ => None,
        }
    }
}

/// Complet when every piece is Validée or Non concerné; Incomplet when at
/// least one is Refusée. Only from Réceptionné.
pub fn check_dossier_verdict(
    status: DossierStatus,
    verdict: DossierVerdict,
    pieces: &[PieceStatus],
) -> Result<(), ReviewRefusal> {
    may_judge_pieces(status)?;
    match verdict {
        DossierVerdict::Complet
            if pieces.iter().all(|p| matches!(p, PieceStatus::Validee | PieceStatus::NonConcerne)) =>
        {
            Ok(())
        }
        DossierVerdict::Complet => Err(ReviewRefusal::PiecesNotValidated),
        DossierVerdict::Incomplet if pieces.contains(&PieceStatus::Refusee) => Ok(()),
        DossierVerdict::Incomplet => Err(ReviewRefusal::NothingRefused),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PieceStatus::*;

    #[test]
    fn a_refusal_says_why() {
        assert_eq!(parse_piece_verdict("validee", "  "), Ok((PieceVerdict::Validee, String::new())));
        assert_eq!(parse_piece_verdict("refusee", " Illisible "), Ok((PieceVerdict::Refusee, "Illisible".to_owned())));
        let missing = parse_piece_verdict("refusee", "").unwrap_err();
        assert_eq!(missing.get("commentaire"), Some(&Problem::Required));
        let long = parse_piece_verdict("validee", &"x".repeat(COMMENT_MAX + 1)).unwrap_err();
        assert_eq!(long.get("commentaire"), Some(&Problem::TooLong { max: COMMENT_MAX }));
        assert_eq!(parse_piece_verdict("peut-etre", "").unwrap_err().get("verdict"), Some(&Problem::UnknownChoice));
    }

    #[test]
    fn complete_needs_every_piece_validated_and_incomplete_a_refused_one() {
        let r = DossierStatus::Receptionne;
        assert_eq!(check_dossier_verdict(r, DossierVerdict::Complet, &[Validee, NonConcerne]), Ok(()));
        assert_eq!(
            check_dossier_verdict(r, DossierVerdict::Complet, &[Validee, Transmise]),
            Err(ReviewRefusal::PiecesNotValidated)
        );
        assert_eq!(check_dossier_verdict(r, DossierVerdict::Incomplet, &[Validee, Refusee]), Ok(()));
        assert_eq!(
            check_dossier_verdict(r, DossierVerdict::Incomplet, &[Validee, Transmise]),
            Err(ReviewRefusal::NothingRefused)
        );
        assert_eq!(
            check_dossier_verdict(DossierStatus::EnAttente, DossierVerdict::Complet, &[Validee]),
            Err(ReviewRefusal::NotReceived)
        );
        assert_eq!(
            check_dossier_verdict(DossierStatus::Incomplet, DossierVerdict::Incomplet, &[Refusee]),
            Err(ReviewRefusal::NotReceived)
        );
    }

    #[test]
    fn commission_members_read_only() {
        assert!(StaffRole::Gestionnaire.may_change() && StaffRole::Admin.may_change());
        assert!(!StaffRole::Commission.may_change());
        assert!(StaffRole::Admin.sees_everything() && !StaffRole::Gestionnaire.sees_everything());
        assert_eq!(StaffRole::from_code("commission"), Some(StaffRole::Commission));
        assert_eq!(StaffRole::from_code("root"), None);
    }
}
