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

pub fn model_path(piece: i64) -> String {
    format!("/fichiers/modele/{piece}")
}
