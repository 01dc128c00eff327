//! Pièces justificatives of an application (guide 05.4). Files themselves
//! travel outside server functions: `POST /fichiers/candidature/{id}/piece/{piece}`
//! (streamed to disk) and `GET /fichiers/{file}` (as an attachment), in
//! the server crate's `uploads` module.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::pieces::PiecesView;

#[server(prefix = "/api", endpoint = "candidatures/pieces")]
pub async fn load_pieces(application: i64) -> Result<PiecesView, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::pieces::view(&state, &signed, application).await
}

/// "Supprimer" a file, or answer "Non concerné" (`non_concerne` set).
#[server(prefix = "/api", endpoint = "candidatures/pieces/reponse")]
pub async fn answer_piece(application: i64, piece: i64, non_concerne: Option<String>) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::pieces::set_answer(&state, &signed, application, piece, non_concerne.is_some()).await
}

#[server(prefix = "/api", endpoint = "candidatures/transmettre")]
pub async fn transmit_application(application: i64) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::pieces::transmit(&state, &signed, application).await?;
    leptos_axum::redirect(&format!("/candidatures/{application}?transmise=1"));
    Ok(())
}
