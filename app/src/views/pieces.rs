//! The pièces justificatives of an application as the candidate's table
//! shows them, and the paths of the file routes (served by the server
//! crate's `uploads` module, outside server functions).

use crate::domain::pieces::PieceStatus;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceLine {
    pub piece_id: i64,
    pub label: String,
    pub required: bool,
    pub common: bool,
    pub status: PieceStatus,
    pub comment: String,
    pub file_id: Option<i64>,
    pub file_name: Option<String>,
    /// Files combined into the one shown (several files for one piece).
    pub file_parts: i64,
    /// The candidate may add, replace or remove its file now.
    pub editable: bool,
    /// Frozen only because another application of the centre was
    /// transmitted or judged with it (a common piece is one answer).
    pub held_by_other: bool,
    pub has_model: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiecesView {
    pub pieces: Vec<PieceLine>,
    /// Files may be added or removed (before transmission, or Incomplet).
    pub editable: bool,
    pub may_transmit: bool,
    /// The date limite de retour passed before transmission (that day).
    pub closed_on: Option<crate::domain::date::Day>,
    pub max_bytes: u64,
}

pub fn upload_path(application: i64, piece: i64) -> String {
    format!("/fichiers/candidature/{application}/piece/{piece}")
}

pub fn download_path(file: i64) -> String {
    format!("/fichiers/{file}")
}

/// The same file shown in the browser rather than downloaded.
pub fn view_path(file: i64) -> String {
    format!("/fichiers/{file}?vue=1")
}

/// Adds a file to the piece's current one (combined into one PDF).
pub fn add_path(application: i64, piece: i64) -> String {
    format!("{}?ajout=1", upload_path(application, piece))
}

/// The field of a piece's plain form (`multipart/form-data`) that carries
/// its files: the page without WASM posts them to `upload_path`.
pub const FILE_FIELD: &str = "fichier";

/// The query parameter of the page a plain form post returns to when its
/// file was received: the piece's id.
pub const RECEIVED_PARAM: &str = "recue";

/// The id of a piece's row in the candidate's table (the fragment a plain
/// form post returns to).
pub fn row_id(piece: i64) -> String {
    format!("piece-{piece}")
}

/// The page a plain form post of a piece returns to once its file was
/// received. A refusal goes back to the same page with the error as Leptos
/// carries a server function's (`__path` is then `upload_path`).
pub fn received_page(application: i64, piece: i64) -> String {
    format!("/candidatures/{application}?{RECEIVED_PARAM}={piece}#{}", row_id(piece))
}

/// The piece whose upload route is `path`, for this application (how the
/// page finds the row of a refusal carried in its URL).
pub fn piece_of_upload_path(application: i64, path: &str) -> Option<i64> {
    let rest = path.strip_prefix(&format!("/fichiers/candidature/{application}/piece/"))?;
    rest.parse().ok().filter(|_| rest.bytes().all(|b| b.is_ascii_digit()))
}

pub fn model_path(piece: i64) -> String {
    format!("/fichiers/modele/{piece}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_finds_its_row_by_its_upload_path() {
        assert_eq!(piece_of_upload_path(4, &upload_path(4, 17)), Some(17));
        assert_eq!(piece_of_upload_path(5, &upload_path(4, 17)), None, "another application");
        assert_eq!(piece_of_upload_path(4, "/fichiers/candidature/4/piece/+17"), None);
        assert_eq!(piece_of_upload_path(4, "/api/candidatures/transmettre"), None);
        assert_eq!(received_page(4, 17), "/candidatures/4?recue=17#piece-17");
    }
}
