//! Pièces justificatives (guide 05.4): their statuses, and when an
//! application may be transmitted.

use serde::{Deserialize, Serialize};

use super::application::DossierStatus;

/// "Statut" of a piece: En attente, Transmise, Validée, Refusée, Non concerné.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PieceStatus {
    EnAttente,
    Transmise,
    Validee,
    Refusee,
    NonConcerne,
}

impl PieceStatus {
    pub const ALL: [PieceStatus; 5] =
        [PieceStatus::EnAttente, PieceStatus::Transmise, PieceStatus::Validee, PieceStatus::Refusee, PieceStatus::NonConcerne];

    pub fn code(self) -> &'static str {
        match self {
            PieceStatus::EnAttente => "en_attente",
            PieceStatus::Transmise => "transmise",
            PieceStatus::Validee => "validee",
            PieceStatus::Refusee => "refusee",
            PieceStatus::NonConcerne => "non_concerne",
        }
    }

    pub fn from_code(code: &str) -> Option<PieceStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A piece as transmission sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PieceState {
    /// Required, or conditional (a file, or "Non concerné").
    pub required: bool,
    pub status: PieceStatus,
    pub has_file: bool,
}

/// "Transmettre ma candidature": every required piece Transmise or Validée,
/// every conditional one with a file or Non concerné.
pub fn may_transmit(pieces: &[PieceState]) -> bool {
    pieces.iter().all(|p| match (p.required, p.status) {
        (true, PieceStatus::Transmise | PieceStatus::Validee) => p.has_file,
        (true, _) => false,
        (false, PieceStatus::NonConcerne) => true,
        (false, PieceStatus::Transmise | PieceStatus::Validee) => p.has_file,
        (false, _) => false,
    })
}

/// The candidate adds or removes files while the dossier is En attente
/// (before transmission), or Incomplet (refused pieces, see issue 5).
pub fn may_change_pieces(status: DossierStatus) -> bool {
    matches!(status, DossierStatus::EnAttente | DossierStatus::Incomplet)
}

/// One piece may change: any before transmission; when the dossier is
/// Incomplet, all but those staff validated (the refused ones above all).
pub fn may_change_piece(dossier: DossierStatus, piece: PieceStatus) -> bool {
    match dossier {
        DossierStatus::EnAttente => true,
        DossierStatus::Incomplet => piece != PieceStatus::Validee,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(required: bool, status: PieceStatus, has_file: bool) -> PieceState {
        PieceState { required, status, has_file }
    }

    #[test]
    fn transmission_needs_every_required_file_and_an_answer_for_conditional_ones() {
        use PieceStatus::*;
        assert!(may_transmit(&[piece(true, Transmise, true), piece(false, NonConcerne, false), piece(false, Transmise, true)]));
        assert!(!may_transmit(&[piece(true, EnAttente, false)]));
        assert!(!may_transmit(&[piece(true, NonConcerne, false)]), "a required piece cannot be waived");
        assert!(!may_transmit(&[piece(false, EnAttente, false)]));
        assert!(!may_transmit(&[piece(true, Refusee, true)]));
        assert!(may_transmit(&[]));
    }

    #[test]
    fn pieces_change_only_before_transmission_or_when_incomplete() {
        assert!(may_change_pieces(DossierStatus::EnAttente));
        assert!(may_change_pieces(DossierStatus::Incomplet));
        assert!(!may_change_pieces(DossierStatus::Receptionne));
        assert!(!may_change_pieces(DossierStatus::Complet));
    }

    #[test]
    fn an_incomplete_dossier_reopens_all_but_the_validated_pieces() {
        assert!(may_change_piece(DossierStatus::EnAttente, PieceStatus::Validee));
        assert!(may_change_piece(DossierStatus::Incomplet, PieceStatus::Refusee));
        assert!(may_change_piece(DossierStatus::Incomplet, PieceStatus::Transmise));
        assert!(!may_change_piece(DossierStatus::Incomplet, PieceStatus::Validee));
        assert!(!may_change_piece(DossierStatus::Receptionne, PieceStatus::Refusee));
    }
}
