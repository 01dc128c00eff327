//! Pièces justificatives (guide 05.4): their statuses, and when an
//! application may be transmitted.

use serde::{Deserialize, Serialize};

use super::application::DossierStatus;
use super::date::Day;

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
    pub const ALL: [PieceStatus; 5] = [
        PieceStatus::EnAttente,
        PieceStatus::Transmise,
        PieceStatus::Validee,
        PieceStatus::Refusee,
        PieceStatus::NonConcerne,
    ];

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

/// One piece may change through one application: any before transmission;
/// when the dossier is Incomplet, only those staff refused (or that were
/// never answered), the judged and the still unjudged ones stay as staff
/// saw them.
pub fn may_change_piece(dossier: DossierStatus, piece: PieceStatus) -> bool {
    match dossier {
        DossierStatus::EnAttente => true,
        DossierStatus::Incomplet => matches!(piece, PieceStatus::Refusee | PieceStatus::EnAttente),
        _ => false,
    }
}

/// The date limite de retour (a Paris day, included): past it, a dossier
/// can no longer change nor be transmitted. A dossier staff found
/// Incomplet has the day they gave (`reopened_until`), or else the
/// formation's. Returns the day it closed, once past.
pub fn return_closed(
    dossier: DossierStatus,
    today: Day,
    formation_deadline: Day,
    reopened_until: Option<Day>,
) -> Option<Day> {
    let deadline = match dossier {
        DossierStatus::EnAttente => formation_deadline,
        DossierStatus::Incomplet => reopened_until.unwrap_or(formation_deadline),
        _ => return None,
    };
    (today > deadline).then_some(deadline)
}

/// A piece common to a centre is one answer shared by every application of
/// the candidate to that centre's formations: it may change only when each
/// of those applications (`users`, their dossier statuses) lets it change.
/// A piece another dossier was transmitted or judged with stays frozen, so
/// that no dossier says Complet over a file staff never saw.
pub fn may_change_shared_piece(piece: PieceStatus, users: impl IntoIterator<Item = DossierStatus>) -> bool {
    users.into_iter().all(|dossier| may_change_piece(dossier, piece))
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
        assert!(may_transmit(&[
            piece(true, Transmise, true),
            piece(false, NonConcerne, false),
            piece(false, Transmise, true)
        ]));
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
        assert!(may_change_piece(DossierStatus::Incomplet, PieceStatus::EnAttente));
        assert!(
            !may_change_piece(DossierStatus::Incomplet, PieceStatus::Transmise),
            "staff may not have judged it yet"
        );
        assert!(!may_change_piece(DossierStatus::Incomplet, PieceStatus::Validee));
        assert!(!may_change_piece(DossierStatus::Receptionne, PieceStatus::Refusee));
    }

    #[test]
    fn the_return_deadline_closes_dossiers_after_its_day() {
        let day = |d| Day::new(2026, 7, d).unwrap();
        assert_eq!(return_closed(DossierStatus::EnAttente, day(1), day(1), None), None, "the last day is included");
        assert_eq!(
            return_closed(DossierStatus::EnAttente, day(2), day(1), Some(day(9))),
            Some(day(1)),
            "staff's day is for Incomplet dossiers"
        );
        assert_eq!(return_closed(DossierStatus::Incomplet, day(9), day(1), Some(day(9))), None, "the day staff gave");
        assert_eq!(return_closed(DossierStatus::Incomplet, day(10), day(1), Some(day(9))), Some(day(9)));
        assert_eq!(return_closed(DossierStatus::Incomplet, day(2), day(1), None), Some(day(1)), "else the formation's");
        assert_eq!(return_closed(DossierStatus::Receptionne, day(30), day(1), None), None);
    }

    #[test]
    fn a_shared_piece_changes_only_when_every_dossier_using_it_allows() {
        use DossierStatus::*;
        // Issue 12's attack: A1 is Complet, A2 En attente, same centre.
        assert!(!may_change_shared_piece(PieceStatus::Validee, [Complet, EnAttente]));
        assert!(!may_change_shared_piece(PieceStatus::Transmise, [Receptionne, EnAttente]));
        assert!(may_change_shared_piece(PieceStatus::Refusee, [Incomplet, EnAttente]));
        assert!(may_change_shared_piece(PieceStatus::Transmise, [EnAttente, EnAttente]));
        assert!(may_change_shared_piece(PieceStatus::EnAttente, []));
    }
}
