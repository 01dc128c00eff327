//! Files of pièces justificatives over plain HTTP (not server functions):
//! the upload streams the request body to disk with its own size limit, the
//! download answers an attachment. Both check the session and answer 404
//! for anything that is not the candidate's.

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;

use app::error::AppError;
use app::server::auth::session::{self, AccountKind, Signed};
use app::server::{configuration, files, letters, personal_data, pieces, review, AppState};

use crate::http::ServerState;

pub fn routes(max_upload_bytes: u64) -> Router<ServerState> {
    Router::new()
        .route("/fichiers/candidature/{application}/piece/{piece}", post(upload))
        .route("/fichiers/{file}", get(download))
        .route("/fichiers/modele/{piece}", get(model))
        .route("/gestion/pieces/{piece}/modele", post(upload_model))
        .route("/fichiers/candidature/{application}/lettre-admission", get(admission_letter))
        .route("/fichiers/candidature/{application}/dossier", get(whole_dossier))
        .route("/fichiers/mes-donnees/{format}", get(my_data))
        // The body check in `files::receive` gives the French message; this
        // layer only stops a client that keeps sending well beyond it.
        .layer(RequestBodyLimitLayer::new(max_upload_bytes as usize + 64 * 1024))
}

/// An error as JSON with its status (what server functions answer too).
pub(crate) fn failure(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "application/json")], serde_json::to_string(&error).unwrap_or_default())
        .into_response()
}

/// The signed-in account when it is of this kind: 404 to the other kind,
/// 401 to nobody.
pub(crate) async fn signed_as(state: &AppState, headers: &HeaderMap, kind: AccountKind) -> Result<Signed, AppError> {
    match session::current(state, headers).await? {
        Some(s) if s.kind == kind => Ok(s),
        Some(_) => Err(AppError::NotFound),
        None => Err(AppError::NotSignedIn),
    }
}

/// The original file name, sent percent-encoded in `X-Nom-Fichier`.
fn original_name(headers: &HeaderMap) -> String {
    let raw = headers.get("x-nom-fichier").and_then(|v| v.to_str().ok()).unwrap_or("piece");
    percent_decode(raw)
}

fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) =
                std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `?ajout=1`: add the file to the piece's current one (one PDF);
/// `?vue=1`: show a file in the browser rather than download it.
#[derive(serde::Deserialize, Default)]
struct Options {
    ajout: Option<String>,
    vue: Option<String>,
}

async fn upload(
    State(state): State<ServerState>,
    Path((application, piece)): Path<(i64, i64)>,
    Query(options): Query<Options>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let app = &state.app;
    let outcome = async {
        let signed = signed_as(app, &headers, AccountKind::Candidat).await?;
        pieces::authorize_upload(app, &signed, application, piece).await?;
        let stored =
            files::receive(&app.settings.files_dir, body.into_data_stream(), app.settings.max_upload_bytes).await?;
        pieces::receive(app, &signed, application, piece, stored, &original_name(&headers), options.ajout.is_some())
            .await
    }
    .await;
    match outcome {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => failure(error),
    }
}

/// `?campagne=`: the campaign in preparation the piece belongs to.
#[derive(serde::Deserialize, Default)]
struct CampaignChoice {
    campagne: Option<i64>,
}

/// A piece's model file, sent by staff who configure its centre.
async fn upload_model(
    State(state): State<ServerState>,
    Path(piece): Path<i64>,
    Query(choice): Query<CampaignChoice>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let app = &state.app;
    let outcome = async {
        let signed = signed_as(app, &headers, AccountKind::Staff).await?;
        configuration::authorize_model(app, &signed, choice.campagne, piece).await?;
        let stored =
            files::receive(&app.settings.files_dir, body.into_data_stream(), app.settings.max_upload_bytes).await?;
        configuration::receive_model(app, &signed, choice.campagne, piece, stored, &original_name(&headers)).await
    }
    .await;
    match outcome {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => failure(error),
    }
}

async fn download(
    State(state): State<ServerState>,
    Path(file): Path<i64>,
    Query(options): Query<Options>,
    headers: HeaderMap,
) -> Response {
    let app = &state.app;
    let outcome = async {
        match session::current(app, &headers).await? {
            Some(s) if s.kind == AccountKind::Candidat => pieces::download(app, &s, file).await,
            // Staff read the files of the candidates of their centres.
            Some(s) if review::may_read_file(app, &s, file).await? => pieces::staff_download(app, file).await,
            Some(_) => Err(AppError::NotFound),
            None => Err(AppError::NotSignedIn),
        }
    }
    .await;
    send_file(outcome, options.vue.is_some()).await
}

async fn model(State(state): State<ServerState>, Path(piece): Path<i64>, headers: HeaderMap) -> Response {
    let app = &state.app;
    let outcome = async {
        let signed = session::current(app, &headers).await?.ok_or(AppError::NotSignedIn)?;
        pieces::model(app, &signed, piece).await
    }
    .await;
    send_file(outcome, false).await
}

/// "Télécharger lettre d'admission" (a PDF made on request).
async fn admission_letter(
    State(state): State<ServerState>,
    Path(application): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let app = &state.app;
    let made = async {
        let signed = signed_as(app, &headers, AccountKind::Candidat).await?;
        letters::admission_letter(app, &signed, application).await
    }
    .await;
    send_made(made, PDF)
}

/// "Télécharger mon dossier": the dossier and every piece, one PDF.
async fn whole_dossier(State(state): State<ServerState>, Path(application): Path<i64>, headers: HeaderMap) -> Response {
    let app = &state.app;
    let made = async {
        let signed = signed_as(app, &headers, AccountKind::Candidat).await?;
        letters::dossier(app, &signed, application).await
    }
    .await;
    send_made(made, PDF)
}

const PDF: &str = "application/pdf";

/// "Télécharger mes données": `json` or `pdf`.
async fn my_data(State(state): State<ServerState>, Path(format): Path<String>, headers: HeaderMap) -> Response {
    let app = &state.app;
    let signed = match signed_as(app, &headers, AccountKind::Candidat).await {
        Ok(signed) => signed,
        Err(error) => return failure(error),
    };
    match format.as_str() {
        "json" => send_made(personal_data::json(app, &signed).await, "application/json"),
        "pdf" => send_made(personal_data::pdf(app, &signed).await, PDF),
        _ => failure(AppError::NotFound),
    }
}

fn send_made(made: Result<(Vec<u8>, String), AppError>, content_type: &'static str) -> Response {
    match made {
        Ok((bytes, name)) => {
            let mut response = Body::from(bytes).into_response();
            describe(&mut response, &name, content_type, false);
            response
        }
        Err(error) => failure(error),
    }
}

/// Streams a checked file, as an attachment or (`inline`) to be shown;
/// its type is the one its content was checked to be, never sniffed.
async fn send_file(
    found: Result<(std::path::PathBuf, String, app::domain::upload::FileKind), AppError>,
    inline: bool,
) -> Response {
    let (path, name, kind) = match found {
        Ok(found) => found,
        Err(error) => return failure(error),
    };
    let file = match tokio::fs::File::open(&path).await {
        Ok(file) => file,
        Err(_) => return failure(AppError::NotFound),
    };
    let mut response = Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response();
    describe(&mut response, &name, kind.content_type(), inline);
    response
}

/// The headers of a file answer: its checked type, its name, never cached.
fn describe(response: &mut Response, name: &str, content_type: &'static str, inline: bool) {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_ ".contains(c) { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition =
        format!("{}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}", if inline { "inline" } else { "attachment" });
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if inline {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("frame-ancestors 'self'"));
    }
}
