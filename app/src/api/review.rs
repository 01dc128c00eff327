//! Staff review of applications (`/gestion/candidatures`): the filtered
//! list, one dossier with its pieces, verdicts on pieces, the dossier's
//! status, private notes. Everything outside the staff member's centres
//! answers 404 (`server::review`).

use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::views::review::ListColumn;
use crate::views::review::{BulkOutcome, ListQuery, ReviewDetail, ReviewList};

#[server(prefix = "/api", endpoint = "gestion/candidatures")]
pub async fn load_review_list(query: Option<ListQuery>) -> Result<ReviewList, AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::review::list(&state, &staff, &query.unwrap_or_default()).await
}

#[server(prefix = "/api", endpoint = "gestion/candidature")]
pub async fn load_review(id: i64, query: Option<ListQuery>) -> Result<ReviewDetail, AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::review::detail(&state, &staff, id, &query.unwrap_or_default()).await
}

/// "Valider" or "Refuser" a piece (`verdict`: validee / refusee), with the
/// comment the candidate reads; `fichier` is the file the staff member
/// looked at (absent: the piece had none), so a verdict never lands on
/// another file.
#[server(prefix = "/api", endpoint = "gestion/candidature/piece")]
pub async fn judge_piece(
    application: i64,
    version: i64,
    piece: i64,
    fichier: Option<i64>,
    verdict: String,
    commentaire: String,
) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    let judged = crate::server::review::PieceJudged { application, version, piece, file: fichier };
    crate::server::review::judge_piece(&state, &staff, judged, &verdict, &commentaire).await
}

/// The dossier Complet or Incomplet (`statut`: complet / incomplet), with
/// for Incomplet the day given to complete it (`date_limite`, optional).
#[server(prefix = "/api", endpoint = "gestion/candidature/statut")]
pub async fn set_dossier_status(
    application: i64,
    version: i64,
    statut: String,
    date_limite: Option<String>,
) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::review::set_status(&state, &staff, application, version, &statut, date_limite.as_deref()).await
}

/// One action on the selected rows (`lignes[<position>]` = "id:version"):
/// `action` complet / incomplet / decision (with `decision`, `rang` (the
/// first rank, then one more per row in the list's order), `motif`) /
/// publier. Each row is changed on its own, by the same rules as on its
/// page.
#[server(prefix = "/api", endpoint = "gestion/candidatures/lot")]
pub async fn bulk_action(
    action: String,
    lignes: Option<std::collections::BTreeMap<String, String>>,
    decision: Option<String>,
    rang: Option<String>,
    motif: Option<String>,
) -> Result<BulkOutcome, AppError> {
    let (state, staff) = super::context::staff().await?;
    let targets: Vec<(i64, i64)> = lignes
        .unwrap_or_default()
        .values()
        .filter_map(|v| v.split_once(':').and_then(|(id, version)| Some((id.parse().ok()?, version.parse().ok()?))))
        .collect();
    let choice = crate::server::bulk::DecisionChoice {
        kind: decision.unwrap_or_default(),
        rank: rang.unwrap_or_default(),
        reason: motif.unwrap_or_default(),
    };
    crate::server::bulk::run(&state, &staff, &action, &targets, &choice).await
}

/// The columns shown in the list (`colonnes[<code>]` ticked).
#[server(prefix = "/api", endpoint = "gestion/candidatures/colonnes")]
pub async fn save_list_columns(colonnes: Option<std::collections::BTreeMap<String, String>>) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    let chosen: Vec<&str> = ListColumn::ALL
        .iter()
        .map(|c| c.code())
        .filter(|c| colonnes.as_ref().is_some_and(|m| m.contains_key(*c)))
        .collect();
    crate::server::review::save_columns(&state, &staff, &chosen.join(",")).await
}

/// A private note (bloc-notes) on the application.
#[server(prefix = "/api", endpoint = "gestion/candidature/note")]
pub async fn add_staff_note(application: i64, note: String) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::review::add_note(&state, &staff, application, &note).await
}

/// Prepares the decision as a draft (`decision`: favorable /
/// liste_complementaire / defavorable; `rang`; `motif`).
#[server(prefix = "/api", endpoint = "gestion/candidature/decision")]
pub async fn prepare_decision(
    application: i64,
    version: i64,
    decision: String,
    rang: Option<String>,
    motif: Option<String>,
) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    let (rang, motif) = (rang.unwrap_or_default(), motif.unwrap_or_default());
    crate::server::decisions::prepare(&state, &staff, application, version, &decision, &rang, &motif).await
}

/// Publishes ("valider") the draft: the candidate sees it and is mailed.
#[server(prefix = "/api", endpoint = "gestion/candidature/decision/publier")]
pub async fn publish_decision(application: i64, version: i64) -> Result<(), AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::decisions::publish(&state, &staff, application, version).await
}
